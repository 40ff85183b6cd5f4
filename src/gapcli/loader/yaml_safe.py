"""Safe YAML: one file's text to plain data, and the line and column of every value.

Parsing composes YAML nodes with the C safe loader (the pure-Python one where libyaml is
missing) and builds plain data from them by hand, so that:

- no tag can construct a Python object (only the core YAML tags are accepted);
- anchors and aliases are refused, so alias bombs cannot expand;
- duplicate keys are an error, not a silent overwrite;
- YAML 1.1 booleans, floats and dates (``NO``, ``1.5``, ``2024-05-01``) stay the text
  that was written, so strict models reject them where a number is expected and keep
  them verbatim where text is expected;
- every value's line and column can be found again (read only for a file with an error,
  so clean datasets load fast), so model errors can name them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from gapcli.domain.models import Loc
from gapcli.errors import DataError
from gapcli.io.files import MAX_FILE_BYTES, read_regular

MAX_DEPTH = 50

_CORE = "tag:yaml.org,2002:"
_TEXT_TAGS = {_CORE + t for t in ("str", "bool", "float", "timestamp", "value")}
# Only plain decimal integers become numbers; YAML 1.1 octal (017), hex, binary,
# sexagesimal (1:30) and underscores stay the text that was written.
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_ALLOWED_TAGS = _TEXT_TAGS | {_CORE + t for t in ("null", "int", "seq", "map")}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# YAML 1.2's core booleans, which editors read as booleans too; YAML 1.1's yes/no/on/off
# stay the text that was written.
_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The C safe loader (pure Python where libyaml is missing), resolving untagged values
    the way gapcli reads them: nothing (``~``, ``null``, empty), a decimal integer, ``true``
    or ``false``, or text.

    PyYAML's own resolver would try the YAML 1.1 boolean, float and date patterns on every
    value only for them to be kept as text; skipping them makes parsing about 20% faster.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                if value in _NULLS:
                    return _CORE + "null"
                if _DECIMAL.fullmatch(value):
                    return _CORE + "int"
                if value in _BOOLS:
                    return _CORE + "bool"
            return _CORE + "str"
        return _CORE + ("seq" if kind is yaml.SequenceNode else "map")


class _Problem(Exception):
    def __init__(self, node: yaml.Node | None, message: str) -> None:
        super().__init__(message)
        self.mark = (node.start_mark.line + 1, node.start_mark.column + 1) if node else None
        self.message = message


def read_yaml(path: Path, shown: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """Parse one YAML file into plain data and the line/column of every value in it."""
    return read_yaml_bytes(read_regular(path, shown, MAX_FILE_BYTES), shown)


def read_yaml_bytes(raw: bytes, shown: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """``read_yaml`` for a file's bytes already in memory (e.g. read from a git revision)."""
    node = compose_bytes(raw, shown)
    data = plain(node, shown)
    marks: dict[Loc, tuple[int, int]] = {}
    _mark(node, (), marks, 0)
    return data, marks


def compose(path: Path, shown: str) -> yaml.Node:
    """The YAML node tree of one file (a regular file of at most ``MAX_FILE_BYTES``)."""
    return compose_bytes(read_regular(path, shown, MAX_FILE_BYTES), shown)


def compose_bytes(raw: bytes, shown: str) -> yaml.Node:
    """The YAML node tree of one file's bytes, with ``shown`` as its name in messages."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([f"{shown}: file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        bad = f"byte 0x{raw[exc.start]:02x}"
        raise DataError(
            [f"{shown}:{line}:{column}: not UTF-8 ({bad}); save the file as UTF-8"]
        ) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        context = exc.context
        if context and opened and mark and opened.line != mark.line:
            context += f" (started at {opened.line + 1}:{opened.column + 1})"
        problem = " ".join(" ".join(p.split()) for p in (context, exc.problem) if p)
        hint = "check quotes, brackets and indentation (spaces only, no tabs)"
        if mark and text[mark.index : mark.index + 1] == "\t":
            problem, hint = "found a tab character", "indent with spaces, not tabs"
        elif (exc.problem or "").startswith("mapping values are not allowed"):
            hint = "a value holding ': ' must be written in quotes"
        raise DataError([f"{where}: YAML syntax error: {problem}; {hint}"]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        raise DataError([_bad_character(exc, text, shown)]) from None
    except yaml.YAMLError as exc:
        raise DataError([f"{shown}: YAML error: {' '.join(str(exc).split())}"]) from None
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at 1000
        raise DataError([f"{shown}: nested too deeply (limit {MAX_DEPTH} levels)"]) from None
    if node is None:
        raise DataError([f"{shown}: file is empty; it needs a mapping of keys"])
    return node


def _bad_character(exc: yaml.reader.ReaderError, text: str, shown: str) -> str:
    """``file:line:col: character U+001B ...`` for a character YAML refuses in a file."""
    where = shown
    if isinstance(exc.position, int) and 0 <= exc.position <= len(text):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        where = f"{shown}:{line}:{column}"
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return (
        f"{where}: character U+{code:04X} is not allowed in a YAML file; delete it, "
        f"or inside double quotes write it as the escape \\u{code:04x}"
    )


def plain(node: yaml.Node, shown: str) -> dict[str, Any]:
    try:
        data = _build(node, set(), 0)
    except _Problem as problem:
        where = f"{shown}:{problem.mark[0]}:{problem.mark[1]}" if problem.mark else shown
        raise DataError([f"{where}: {problem.message}"]) from None
    if not isinstance(data, dict):
        raise DataError([f"{shown}:1:1: expected a mapping of keys at the top of the file"])
    return data


def _build(node: yaml.Node, seen: set[int], depth: int) -> Any:
    if id(node) in seen:
        raise _Problem(node, "anchors and aliases (*name) are not supported; write the value out")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Problem(node, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace(_CORE, "!!", 1) if node.tag.startswith(_CORE) else node.tag
        raise _Problem(node, f"YAML tag {tag} is not allowed; remove it (plain values only)")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _CORE + "null":
            return None
        if node.tag == _CORE + "bool" and node.value in _BOOLS:
            return _BOOLS[node.value]
        if node.tag == _CORE + "int" and _DECIMAL.fullmatch(node.value):
            try:
                return int(node.value)
            except ValueError:  # more digits than Python converts; keep the text
                return node.value
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, seen, depth + 1) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
            raise _Problem(key_node, "keys must be plain text")
        key = key_node.value
        if key in result:
            raise _Problem(key_node, f"duplicate key {key!r}; keep one")
        result[key] = _build(value_node, seen, depth + 1)
    return result


def _mark(node: yaml.Node, loc: Loc, marks: dict[Loc, tuple[int, int]], depth: int) -> None:
    """Record the line and column of ``node`` and of everything in it, under their paths."""
    if depth > MAX_DEPTH:
        return
    marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _mark(item, (*loc, i), marks, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*loc, key_node.value)
            _mark(value_node, key, marks, depth + 1)
            # Point errors about a missing or unknown key at the key itself.
            marks[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
