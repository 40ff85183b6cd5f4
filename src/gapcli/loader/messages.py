"""Messages a person can act on: ``file:line:col: field.path: problem`` from pydantic errors."""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from gapcli.domain.models import Loc, Origin
from gapcli.domain.values import NOT_BLANK, placeholder
from gapcli.domain.walk import dotted

M = TypeVar("M", bound=BaseModel)


def problem_at(origin: Origin, loc: Loc, message: str) -> str:
    """``file:line:col: field.path: message`` for the value at ``loc``."""
    return f"{origin.where(loc)}: {dotted(loc)}: {message}"


def validate(
    model: type[M], data: Any, origin: Origin, problems: list[str], locs: list[Loc] | None = None
) -> M | None:
    """``data`` as a ``model``, or None with its problems added (and their places to ``locs``)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = _merge_typos(exc.errors())
        for error in errors:
            problems.append(problem_at(origin, tuple(error["loc"]), _describe(error, model)))
            if locs is not None:
                locs.append(tuple(error["loc"]))
        return None


def _merge_typos(errors: list[Any]) -> list[Any]:
    """A misspelt required key is one mistake, not two: drop its "missing" twin.

    The unknown key's own message then suggests the required key it resembles.
    """
    # Missing keys by the mapping that lacks them: each unknown key is compared only with its
    # own mapping's missing keys (a handful), so the pass is linear in the errors.
    missing: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        if error["type"] == "missing" and error["loc"]:
            loc = tuple(error["loc"])
            missing.setdefault(loc[:-1], []).append(str(loc[-1]))
    dropped: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden" or not loc:
            continue
        wanted = missing.get(loc[:-1], [])
        close = difflib.get_close_matches(str(loc[-1]), wanted, n=1, cutoff=0.6)
        if close:
            wanted.remove(close[0])
            dropped.add((*loc[:-1], close[0]))
    return [e for e in errors if tuple(e["loc"]) not in dropped or e["type"] != "missing"]


def _describe(error: Any, model: type[BaseModel]) -> str:
    kind, loc = error["type"], tuple(error["loc"])
    if placeholder(error.get("input")):
        return f"{error['input']} is a placeholder; write the real value here"
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown key {loc[-1]!r}; did you mean {close[0]!r}?"
        return f"unknown key {loc[-1]!r}; allowed here: {', '.join(allowed)}"
    if kind == "string_pattern_mismatch":
        if error.get("ctx", {}).get("pattern") == NOT_BLANK:
            return "is blank; write the text, or leave an optional field out"
        if loc and loc[-1] == "date":
            return f"{error['input']!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        return f"{error['input']!r} is not an id: use lower-case letters, digits and hyphens"
    if kind in {"dict_type", "model_type"}:
        got = f"{_kind_of(error['input'])} {_short(error['input'])}".rstrip()
        return f"expected a mapping of keys, got {got}"
    if kind in {"string_type", "int_type", "list_type"}:
        got = f"got {_kind_of(error['input'])} {_short(error['input'])}".rstrip()
        hint = ""
        if kind == "int_type" and isinstance(error["input"], str):
            hint = "; write a whole number, without quotes"
        elif kind == "string_type" and isinstance(error["input"], bool | int):
            hint = "; put it in quotes to keep it as text"
        elif kind == "string_type" and error["input"] is None:
            hint = "; write the text in quotes, or leave an optional field out"
        return f"{error['msg'].lower()}, {got}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        least = error.get("ctx", {}).get("min_length", 1)
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    msg = str(error["msg"]).removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping at ``loc`` may hold, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int) or (get_origin(current) is dict):
            args = get_args(current)
            current = args[-1] if args else Any
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else Any
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """``Annotated[X, ...]`` and ``X | None`` to ``X``."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
            continue
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) in (Union, UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def _kind_of(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        bool: "a boolean",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
