"""Content is data: helpers that make dataset text safe for any output."""

from __future__ import annotations

import re
from typing import Protocol

from gapcli.domain.models import INVISIBLE, Citation, Dataset, Voice

# Controls, invisible and reordering characters (models.INVISIBLE): shown as visible escapes
# so nothing in a dataset can drive the terminal or look different from what it is.
_CONTROL = re.compile(f"[{INVISIBLE}]")


def visible(text: str) -> str:
    """Text with every control or invisible character replaced by a visible escape
    (``\\x1b``, ``\\u202e``, ``\\U000e0041``)."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def marker(cite: Citation, dataset: Dataset) -> str:
    """``¶6``, or ``source ¶6`` when the dataset has more than one source."""
    if len(dataset.meta.sources) == 1:
        return f"¶{cite.para}"
    return f"{cite.source} ¶{cite.para}"


def markers(cites: list[Citation], dataset: Dataset) -> str:
    """Citation markers, de-duplicated, in order: ``¶6, ¶7`` or ``(memo ¶6, notes ¶2)``."""
    joined = ", ".join(dict.fromkeys(marker(c, dataset) for c in cites))
    return joined if len(dataset.meta.sources) == 1 else f"({joined})"


def plural(count: int, noun: str, nouns: str = "") -> str:
    """``1 issue``, ``2 issues``; ``nouns`` for irregular plurals."""
    return f"{count} {noun}" if count == 1 else f"{count} {nouns or noun + 's'}"


class Attributed(Protocol):
    """Anything said by someone in a voice: entries, stances, facts, recommendations."""

    @property
    def by(self) -> str: ...
    @property
    def voice(self) -> Voice: ...


def attribution(entry: Attributed) -> str:
    """Who said it and in which voice: ``Beijing · government``, ``the article · analysis``."""
    return f"{entry.by} · {entry.voice.value}"


CONTAINMENT_LIMIT = 32  # quotes of one paragraph compared with each other, at most


def outermost(quotes: list[str]) -> list[str]:
    """The quotes not contained in another one, in order (``quotes`` are distinct).

    Comparing every pair is quadratic, so a paragraph cited with more than
    ``CONTAINMENT_LIMIT`` distinct quotes keeps them all: the work stays linear in the
    dataset whatever it holds (a real paragraph is cited a handful of times).
    """
    if len(quotes) > CONTAINMENT_LIMIT:
        return quotes
    return [q for q in quotes if not any(q != other and q in other for other in quotes)]
