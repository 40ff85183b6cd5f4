"""One walker over the dataset's models: every traversal (citations, prose, tests) uses it.

Which fields are prose (searched, escaped, shown) is marked in the models with ``Prose``
(``Annotated[str, ..., PROSE]``), never listed by name here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from gapcli.models import PROSE, Citation, Loc


def dotted(loc: Loc) -> str:
    """``positions.us.claims[0].text`` for a location tuple."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


Node = tuple[Loc, Any, bool, tuple[BaseModel, ...]]


def walk(value: Any, leaves: bool = True) -> Iterator[Node]:
    """Every value inside ``value``, depth first: its location, the value, whether it is a
    prose field, and the models that hold it (outermost first).

    With ``leaves`` False, fields whose type cannot hold a model are not visited (a
    faster walk for citations and other nested models).
    """
    yield from _walk(value, (), False, (), leaves)


def _walk(
    value: Any, loc: Loc, prose: bool, owners: tuple[BaseModel, ...], leaves: bool
) -> Iterator[Node]:
    yield loc, value, prose, owners
    if isinstance(value, BaseModel):
        inner = (*owners, value)
        for name, is_prose, nested in _fields(type(value)):
            if leaves or nested:
                yield from _walk(getattr(value, name), (*loc, name), is_prose, inner, leaves)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i), prose, owners, leaves)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key), prose, owners, leaves)


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
    for node in walk(value):
        if node[2] and isinstance(node[1], str):
            yield node
