"""Checks shared by the hostile-content and property tests: is dataset text shown literally
(up to the documented escaping) and is every output still well-formed?

Documented escaping (README, "Errors and exit codes"):
- terminal: control characters (C0, C1, DEL, bidi overrides) are shown as ``\\xNN`` /
  ``\\uNNNN``; newlines break the line; tabs become spaces;
- Markdown: the same control escapes, newlines become ``<br>``, tabs a space, and leading
  and trailing white space of each line is dropped (text of only white space shows as
  nothing); everything else reads back literally.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import BaseModel

from gapcli.domain.text import visible

MD = MarkdownIt("gfm-like", {"linkify": False})  # linkify-it-py is not a test dependency
SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's colour and style codes
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Fields that hold an entry's id or point at a party or entry: JSON carries them, the
# terminal and Markdown views never show them (a reading's ``of`` is shown as the party's label).
REFERENCES = frozenset({"id", "about", "of"})


def strings(value: Any, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every text value inside a model (enum values, None and fields named in ``skip`` left
    out; computed fields such as ``group`` are not model fields, so never included)."""
    if isinstance(value, BaseModel):
        return [
            s
            for name in type(value).model_fields
            if name not in skip
            for s in strings(getattr(value, name), skip)
        ]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item, skip)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item, skip)]
    if isinstance(value, str) and type(value) is str:
        return [value]
    return []


# --- terminal -----------------------------------------------------------------------------


def terminal_pieces(text: str) -> list[str]:
    """What must appear verbatim on some line of terminal output for ``text``."""
    pieces = []
    for line in visible(text).split("\n"):
        pieces += [p.strip() for p in line.split("\t") if p.strip()]
    return pieces


def missing_on_terminal(texts: list[str], output: str) -> list[str]:
    """The texts not shown literally (up to the escaping) in ``output``."""
    return [t for t in texts if not all(p in output for p in terminal_pieces(t))]


def terminal_problems(output: str) -> list[str]:
    """Control characters in terminal output other than Rich's own SGR style codes."""
    rest = SGR.sub("", output)
    return [f"raw {ch!r} at {m.start()}" for m in RAW_CONTROL.finditer(rest) for ch in m.group()]


# --- Markdown -----------------------------------------------------------------------------


def md_expected(text: str) -> str:
    """``text`` as it reads back from the rendered Markdown (CRLF is one line break)."""
    lines = [
        line.strip() for line in visible(text.replace("\r\n", "\n")).replace("\t", " ").split("\n")
    ]
    return "\n".join(lines) if any(lines) else ""


def _unescaped_pipes(row: str) -> int:
    count, backslashes = 0, 0
    for ch in row:
        if ch == "|" and backslashes % 2 == 0:
            count += 1
        backslashes = backslashes + 1 if ch == "\\" else 0
    return count


def table_problems(markdown: str) -> list[str]:
    """Rows whose cell count differs from their table's header, counted two ways."""
    problems: list[str] = []
    header = 0
    for number, line in enumerate(markdown.split("\n"), 1):  # CommonMark: only \n ends a line
        if not line.startswith("|"):
            header = 0
            continue
        pipes = _unescaped_pipes(line)
        if header == 0:
            header = pipes
        elif pipes != header:
            problems.append(f"line {number}: {pipes - 1} cells, header has {header - 1}")
    heads, cells = 0, 0
    for token in MD.parse(markdown):
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if heads == 0:
                heads = cells
            elif cells != heads:
                problems.append(f"parsed row with {cells} cells, header has {heads}")
        elif token.type == "table_close":
            heads = 0
    return problems


def _inline_text(children: list[Token], problems: list[str]) -> str:
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "html_inline":
            if child.content != "<br>":
                problems.append(f"raw HTML {child.content!r}")
            out.append("\n")
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def markdown_text(markdown: str) -> tuple[str, list[str]]:
    """The rendered document's text (``<br>`` as a newline) and any raw HTML found."""
    problems: list[str] = []
    parts = []
    for token in MD.parse(markdown):
        if token.type == "html_block":
            problems.append(f"raw HTML block {token.content!r}")
        elif token.type == "inline":
            parts.append(_inline_text(token.children or [], problems))
    return "\n".join(parts), problems


def missing_in_markdown(texts: list[str], rendered: str) -> list[str]:
    """The texts that do not read back from the rendered Markdown."""
    return [t for t in texts if md_expected(t) not in rendered]
