"""How much a text changed: word runs, similarity, and wording fix or rewording.

A changed text is a *wording fix* when it stays at or above ``WORDING_FIX`` similarity
(``difflib`` ratio, case-folded) and no changed word is a negation or a number; otherwise it
is *reworded*, a change of position.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

PAIR = 0.6  # unmatched entries at or above this text similarity are the same entry, edited
WORDING_FIX = 0.9  # an edit at or above this similarity is a wording fix (see _meaningful)
_NEGATIONS = frozenset({"no", "not", "never", "none", "nor", "neither", "without", "cannot"})
_NUMBERS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "half",
        "third",
        "quarter",
        "double",
        "twice",
        "triple",
        "percent",
    ]
)
_WORD = re.compile(r"\S+")
SIMILARITY_CHARS = 2_000  # similarity reads this much of each text (enough to tell them apart)
WORD_DIFF_WORDS = 2_000  # longer texts are shown as replaced whole, not word by word


class Wording(StrEnum):
    """How much an entry's text changed."""

    FIX = "wording fix"
    REWORDED = "reworded"


@dataclass(frozen=True)
class TextChange:
    """An entry's old and new text, with how much changed."""

    old: str
    new: str
    similarity: float
    wording: Wording

    def words(self) -> list[tuple[str, str]]:
        """The texts as ``(tag, words)`` runs: ``equal``, ``delete`` (old only), ``insert``."""
        return word_diff(self.old, self.new)


def folded(text: str) -> str:
    """The text case-folded, its white space runs made single spaces."""
    return " ".join(text.casefold().split())


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word runs of ``old`` and ``new`` tagged ``equal``, ``delete`` or ``insert``."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    runs: list[tuple[str, str]] = []
    if len(a) > WORD_DIFF_WORDS or len(b) > WORD_DIFF_WORDS:  # matching words is quadratic
        return [("delete", " ".join(a)), ("insert", " ".join(b))]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("insert", " ".join(b[j1:j2])))
    return runs


def similarity(old: str, new: str) -> float:
    """``difflib`` ratio of the two texts, case-folded (1.0 = the same)."""
    old, new = old[:SIMILARITY_CHARS].casefold(), new[:SIMILARITY_CHARS].casefold()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.real_quick_ratio() < PAIR or matcher.quick_ratio() < PAIR:
        return matcher.quick_ratio()
    return matcher.ratio()


def _meaningful(runs: list[tuple[str, str]]) -> bool:
    """True when a changed word negates or is a number (``12``, ``twelve``, ``half``): such an
    edit changes what is said, so it is never a mere wording fix."""
    for tag, text in runs:
        if tag != "equal":
            for word in text.casefold().replace("\u2019", "'").split():
                bare = word.strip(".,;:!?()\"'\u201c\u201d\u2018")
                if bare in _NEGATIONS or bare in _NUMBERS or bare.endswith("n't"):
                    return True
                if any(c.isdigit() for c in bare):
                    return True
    return False


def text_change(old: str, new: str) -> TextChange | None:
    """None for the same text, else how much it changed."""
    if old == new:
        return None
    ratio = similarity(old, new)
    fix = ratio >= WORDING_FIX and not _meaningful(word_diff(old, new))
    return TextChange(old, new, round(ratio, 3), Wording.FIX if fix else Wording.REWORDED)
