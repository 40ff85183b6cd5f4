"""The nearest passage to a quote that is not verbatim costs work linear in text and quote.

The red team's shape (issue 31, item 2): one paragraph of about 110 KB and a long quote from
it with one word changed. The work is counted as lines run in gapcli's paragraphs module and
in difflib (which it used to align quote and text), never timed.
"""

from __future__ import annotations

import difflib
import random
import sys
from collections.abc import Callable
from functools import partial
from types import FrameType
from typing import Any

import gapcli.sources.paragraphs as paragraphs
from gapcli.sources.paragraphs import SourceText

WHERE = {paragraphs.__file__, difflib.__file__}


def lines_run(work: Callable[[], Any]) -> int:
    """How many lines of the paragraphs module and difflib run while ``work`` runs."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename in WHERE else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def shape(chars: int, quote_chars: int) -> tuple[SourceText, str, str]:
    """One paragraph of about ``chars`` characters, a quote of about ``quote_chars`` taken
    from its middle with one word changed, and the words as they stand in the text."""
    rng = random.Random(31)
    vocabulary = [f"w{n}" for n in range(400)] + ["the", "of", "and", "river", "silt"]
    words: list[str] = []
    while sum(map(len, words)) + len(words) < chars:
        words.append(rng.choice(vocabulary))
    text = " ".join(words)
    start = len(text) // 3
    start = text.index(" ", start) + 1
    end = text.rindex(" ", start, start + quote_chars)
    original = text[start:end]
    quoted = original.split(" ")
    quoted[len(quoted) // 2] = "CHANGED"
    return SourceText.parse(f"Title\n{text}\n"), " ".join(quoted), original


def nearest(n: int) -> None:
    source, quote, original = shape(110_000 * n // 4, 1_500 * n)
    found = source.nearest(quote, 2)
    assert found is not None
    assert found.para == 2
    assert found.text == original


def find_nearest(n: int) -> None:
    source, quote, original = shape(27_500 * n, 1_400 * n)
    assert source.find(quote) == []
    found = source.nearest(quote, everywhere=True)
    assert found is not None
    assert found.text == original


def grows_linearly(work: Callable[[int], Any]) -> list[int]:
    counts = [lines_run(partial(work, n)) for n in (1, 2, 4)]
    assert counts[1] / counts[0] <= 2.4, counts
    assert counts[2] / counts[1] <= 2.4, counts
    return counts


def test_nearest_passage_of_a_long_quote_is_linear() -> None:
    grows_linearly(nearest)


def test_source_find_nearest_of_a_long_needle_is_linear() -> None:
    grows_linearly(find_nearest)
