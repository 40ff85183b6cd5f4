"""Editing values of a YAML file in place: only the characters of the scalars changed.

``validate --fix`` rewrites a ``para`` or a ``quote`` and nothing else: comments, key order,
quoting of other values, blank lines and line endings stay byte for byte. Each value is
found by its path in the file's node tree and replaced between its start and end marks; the
result is parsed again and must hold exactly the old data with only those values changed,
or nothing is written.
"""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gapcli.domain.models import Loc
from gapcli.errors import DataError, OutputError
from gapcli.io.files import MAX_FILE_BYTES, read_regular
from gapcli.io.output import write_atomic
from gapcli.io.yaml_text import quoted
from gapcli.loader.yaml_safe import read_yaml_bytes

_TRAILING_BREAKS = re.compile(r"\n[ \t\r\n]*\Z")


@dataclass(frozen=True)
class Edit:
    """A new value for the scalar at ``loc``."""

    loc: Loc
    value: str | int


def edit_file(path: Path, shown: str, edits: list[Edit]) -> None:
    """Rewrite the scalars ``edits`` name in the file at ``path``, in place, atomically."""
    raw = read_regular(path, shown, MAX_FILE_BYTES)
    text = raw.decode("utf-8")
    new = edit_text(text, shown, edits)
    if new != text:
        write_atomic(path, new, force=True)


def edit_text(text: str, shown: str, edits: list[Edit]) -> str:
    """``text`` with the scalars ``edits`` name rewritten; everything else as it was."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure Python: marks count characters
    if root is None:
        raise OutputError(f"{shown}: the file is empty; nothing to edit")
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        node = _node_at(root, edit.loc)
        if not isinstance(node, yaml.ScalarNode):
            raise OutputError(
                f"{shown}: cannot edit {edit.loc}: not a single value; left as it was"
            )
        start, end = node.start_mark.index, node.end_mark.index
        spans.append((start, end, _scalar(edit.value, text[start:end], node.style)))
    spans.sort()
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
        raise OutputError(f"{shown}: two edits overlap; left as it was")
    out = text
    for start, end, replacement in reversed(spans):
        out = out[:start] + replacement + out[end:]
    _same_but(text, out, shown, edits)
    return out


def _node_at(node: yaml.Node, loc: Loc) -> yaml.Node | None:
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)  # type: ignore[assignment]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None  # type: ignore[assignment]
        else:
            return None
        if node is None:
            return None
    return node


def _scalar(value: str | int, old: str, style: str | None) -> str:
    """The new value written in the old one's style where that is safe, else double-quoted."""
    if isinstance(value, int):
        return str(value)
    if style == "'" and "\n" not in value and quoted(value) == f'"{value}"':
        return "'" + value.replace("'", "''") + "'"
    new = quoted(value)
    if style in ("|", ">"):  # a block scalar ends with its line break(s): keep them
        tail = _TRAILING_BREAKS.search(old)
        new += tail.group() if tail else "\n"
    return new


def _same_but(old: str, new: str, shown: str, edits: list[Edit]) -> None:
    """The new text holds the old data with only the edited values changed, or nothing is
    written."""
    try:
        before = read_yaml_bytes(old.encode("utf-8"), shown)[0]
        after = read_yaml_bytes(new.encode("utf-8"), shown)[0]
    except DataError:
        raise OutputError(f"{shown}: the edit would break the file; left as it was") from None
    expected: Any = copy.deepcopy(before)
    for edit in edits:
        holder = expected
        for part in edit.loc[:-1]:
            holder = holder[part]
        holder[edit.loc[-1]] = edit.value
    if after != expected:
        raise OutputError(f"{shown}: the edit would change other values; left as it was")
