"""Rich's word wrap on plain strings, for output drawn without styles (a pipe, NO_COLOR).

``Text.wrap`` copies a ``Text`` (its spans, its style) for every line it makes; a search
with tens of thousands of hits spends most of its time there. When no style will be drawn
only the characters matter, and ``wrap`` gives the same lines as ``Text.wrap`` from the same
line breaks (Rich's own ``divide_line``) without building a ``Text`` per line
(tests/test_wrap.py compares the two on any text).
"""

from __future__ import annotations

import re

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import OverflowMethod

_TRAILING_SPACE = re.compile(r"\s+$")
_WORD = re.compile(r"\s*\S+\s*")  # a word and the white space around it, as Rich's wrap reads


def wrap(
    text: str, width: int, overflow: OverflowMethod = "fold", no_wrap: bool = False
) -> list[str] | None:
    """The lines ``Text(text).wrap(console, width, overflow=..., no_wrap=...)`` gives, as
    strings (justified "default": not padded); None for a text with a tab, which Rich
    expands first (the caller then asks Rich)."""
    if "\t" in text:
        return None
    out: list[str] = []
    for line in text.split("\n"):
        if no_wrap or overflow == "ignore":
            pieces = [line]
        else:
            fold = overflow == "fold"
            simple = line.isascii() and line.isprintable()  # one cell a character
            offsets = _divide(line, width, fold) if simple else divide_line(line, width, fold)
            ends = [*offsets, len(line)]
            pieces = [line[start:end] for start, end in zip([0, *offsets], ends, strict=True)]
            pieces = [_rstrip_end(piece, width) for piece in pieces]
        if overflow == "ignore":
            out.extend(pieces)
            continue
        for piece in pieces:
            if cell_len(piece) > width:
                piece = (
                    set_cell_size(piece, width - 1) + "…"
                    if overflow == "ellipsis"
                    else set_cell_size(piece, width)
                )
            out.append(piece)
    return out


def _divide(text: str, width: int, fold: bool) -> list[int]:
    """``divide_line`` for text of one cell a character (printable ASCII), where a length in
    cells is a length in characters: the same breaks, without measuring every word."""
    breaks: list[int] = []
    offset = 0
    for found in _WORD.finditer(text):
        start, word = found.start(), found.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:  # the word folded across lines, as chop_cells cuts it
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for n, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if n == len(pieces) - 1:
                        offset = len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _rstrip_end(piece: str, width: int) -> str:
    """White space at the end dropped as far as the piece is longer than ``width``."""
    excess = len(piece) - width
    if excess <= 0:
        return piece
    found = _TRAILING_SPACE.search(piece)
    if found is None:
        return piece
    return piece[: len(piece) - min(len(found.group(0)), excess)]
