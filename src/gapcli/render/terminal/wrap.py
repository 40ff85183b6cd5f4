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
from rich.cells import cell_len, get_character_cell_size, set_cell_size
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
        simple = _one_cell_each(line)  # a character is a cell
        if simple and len(line) <= width:  # it fits: no break, nothing to cut
            out.append(line)
            continue
        if no_wrap or overflow == "ignore":
            pieces = [line]
        else:
            fold = overflow == "fold"
            if simple:
                offsets = _breaks(line, width)
                if offsets is None:  # a word longer than a line: folded or cut
                    offsets = _divide(line, width, fold)
            else:
                offsets = divide_line(line, width, fold)
            ends = [*offsets, len(line)]
            pieces = [line[start:end] for start, end in zip([0, *offsets], ends, strict=True)]
            pieces = [_rstrip_end(piece, width) for piece in pieces]
        if overflow == "ignore":
            out.extend(pieces)
            continue
        for piece in pieces:
            if (len(piece) if simple else cell_len(piece)) > width:
                piece = (
                    set_cell_size(piece, width - 1) + "…"
                    if overflow == "ellipsis"
                    else set_cell_size(piece, width)
                )
            out.append(piece)
    return out


def _breaks(text: str, width: int) -> list[int] | None:
    """``divide_line`` for text of one cell a character, whose only white space is the space
    (``_one_cell_each``), a line at a time instead of a word at a time; None when a word is
    longer than a line (``_divide`` folds or cuts it as Rich does).

    A line from ``start`` takes every word whose last visible character is within ``width``
    of it; the next line starts at the first word that is not.
    """
    breaks: list[int] = []
    start, size = 0, len(text)
    while size - start > width:
        limit = start + width  # the first character past the line
        if text[limit] == " ":  # the words before it fit; the next begins after the spaces
            if not text[start:limit].strip(" "):
                return None  # no word before it: the text's indent is longer than the line
            found = _NOT_SPACE.search(text, limit)
            if found is None:  # only spaces are left: they stay on this line
                break
            word = found.start()
        else:  # the word across the limit begins the next line
            word = text.rfind(" ", start, limit) + 1
            if word <= start or not text[start:word].strip(" "):
                return None  # the line's first word is longer than the line
        end = text.find(" ", word)
        if (size if end < 0 else end) - word > width:
            return None
        breaks.append(word)
        start = word
    return breaks


_NOT_SPACE = re.compile("[^ ]")


def fit(text: str, width: int) -> str:
    """``set_cell_size(text, width)``: ``text`` cut or padded with spaces to ``width`` cells,
    at once for text of one cell a character."""
    if width > 0 and ((text.isascii() and text.isprintable()) or _one_cell_each(text)):
        return text[:width].ljust(width)
    return set_cell_size(text, width)


# Characters known to take one cell each (printable ASCII to begin with), and known not to.
_ONE_CELL = {chr(code) for code in range(0x20, 0x7F)}
_NOT_ONE_CELL: set[str] = set()


def _one_cell_each(line: str) -> bool:
    """Whether each character of ``line`` is printable and one cell wide as Rich measures it
    (``·``, ``—``, ``…``, accented letters), so that its length in cells is its length and
    Rich chops a long word between any two characters; not a wide or zero-width character
    (CJK, a combining mark, a joiner, a variation selector), where they differ."""
    if line.isascii():
        return line.isprintable()
    for char in set(line).difference(_ONE_CELL):
        if char in _NOT_ONE_CELL:
            return False
        if not char.isprintable() or get_character_cell_size(char) != 1:
            _NOT_ONE_CELL.add(char)
            return False
        _ONE_CELL.add(char)
    return True


def _divide(text: str, width: int, fold: bool) -> list[int]:
    """``divide_line`` for text of one cell a character (``_one_cell_each``), where a length in
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
