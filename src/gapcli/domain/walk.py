"""One walker over the dataset's models: every traversal (citations, prose, tests) uses it.

Which fields are prose (searched, escaped, shown) is marked in the models with ``Prose``
(``Annotated[str, ..., PROSE]``), never listed by name here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, Literal, get_args

from pydantic import BaseModel

from gapcli.domain.entries import Citation
from gapcli.domain.models import Loc
from gapcli.domain.values import PROSE


def dotted(loc: Loc) -> str:
    """``positions.us.claims[0].text`` for a location tuple."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


Node = tuple[Loc, Any, bool, tuple[BaseModel, ...]]


def walk(value: Any, leaves: bool | Literal["prose"] = True) -> Iterator[Node]:
    """Every value inside ``value``, depth first: its location, the value, whether it is a
    prose field, and the models that hold it (outermost first).

    With ``leaves`` False, fields whose type cannot hold a model are not visited (a
    faster walk for citations and other nested models); with ``leaves="prose"``, only prose
    fields and those that can hold a model. The walk keeps its own stack, so each value
    costs the same at any depth.
    """
    stack: list[Node] = [((), value, False, ())]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        yield node
        loc, value, prose, owners = node
        if isinstance(value, BaseModel):
            inner = (*owners, value)
            for name, is_prose, nested in reversed(_fields(type(value))):
                if nested or leaves is True or (is_prose and leaves == "prose"):
                    push(((*loc, name), getattr(value, name), is_prose, inner))
        elif isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                push(((*loc, i), value[i], prose, owners))
        elif isinstance(value, dict):
            for key, item in reversed(value.items()):
                push(((*loc, key), item, prose, owners))


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, bool, bool], ...]:
    """Each field of ``model``: its name, whether it is prose, whether it can hold a model."""
    return tuple(
        (name, PROSE in info.metadata or _marked(info.annotation), _mentions_model(info.annotation))
        for name, info in model.model_fields.items()
    )


def _marked(annotation: Any) -> bool:
    """Whether ``annotation`` (e.g. ``ProseLine | None``) carries the prose marker."""
    return any(
        arg is PROSE or _marked(arg) for arg in getattr(annotation, "__metadata__", ())
    ) or any(_marked(arg) for arg in get_args(annotation))


def _mentions_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_mentions_model(arg) for arg in get_args(annotation))


def iter_citations(value: Any) -> Iterator[tuple[Loc, Citation]]:
    """Every citation inside a model, with its location."""
    for loc, item, _, _ in walk(value, leaves=False):
        if isinstance(item, Citation):
            yield loc, item


def prose(value: Any) -> Iterator[Node]:
    """Every prose string inside a model, with its location and the models holding it."""
    for node in walk(value, leaves="prose"):
        if node[2] and isinstance(node[1], str):
            yield node
