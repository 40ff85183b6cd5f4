"""Writing YAML the way the shipped dataset is written (``gapcli migrate``'s output).

A modeline first, block style, keys in the order given, every string double-quoted (so
``NO``, ``2024`` or ``1:30`` stay text), short lists of ids (``tags``, ``related``,
``about``, ``issues``) in flow style, no line folding, no anchors. Only plain data (what
``gapcli.loader.read_yaml`` returns) can be written.
"""

from __future__ import annotations

import json
import re
from typing import Any

FLOW_KEYS = frozenset({"tags", "related", "about", "issues"})
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# Read by YAML as line breaks or a byte-order mark inside a double-quoted string: escaped.
_YAML_UNSAFE = re.compile("[\u0085\u2028\u2029\ufeff\ufffe\uffff]")


def quoted(text: str) -> str:
    """A double-quoted YAML string that reads back exactly (JSON escapes, astral kept)."""
    return _YAML_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def scalar(value: Any) -> str:
    """One value on a line: ``null``, ``true``, ``12`` or a quoted string."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return quoted(str(value))


def _key(key: Any) -> str:
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) else quoted(text)


def dump(data: dict[str, Any], modeline: str, blank_lines: bool = False) -> str:
    """The YAML text of one file; ``blank_lines`` sets top-level blocks apart (dataset file)."""
    out = [modeline]
    for key, value in data.items():
        if blank_lines and isinstance(value, dict | list) and value and len(out) > 1:
            out.append("")
        _value(f"{_key(key)}:", key, value, 0, out)
    return "\n".join(out) + "\n"


def _value(head: str, key: Any, value: Any, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append(f"{head} {{}}")
            return
        out.append(head)
        _mapping(value, indent + 2, out)
    elif isinstance(value, list):
        flat = not any(isinstance(v, dict | list) for v in value)
        if not value or (flat and key in FLOW_KEYS):
            out.append(f"{head} [{', '.join(scalar(v) for v in value)}]")
            return
        out.append(head)
        _sequence(value, indent + 2, out)
    else:
        out.append(f"{head} {scalar(value)}")


def _mapping(data: dict[Any, Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        _value(f"{pad}{_key(key)}:", key, value, indent, out)


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict | list) and item:
            inner: list[str] = []
            if isinstance(item, dict):
                _mapping(item, indent + 2, inner)
            else:
                _sequence(item, indent + 2, inner)
            inner[0] = f"{pad}- {inner[0][indent + 2 :]}"
            out.extend(inner)
        elif isinstance(item, dict | list):
            out.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}")
        else:
            out.append(f"{pad}- {scalar(item)}")
