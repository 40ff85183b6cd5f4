"""render.wrap gives the lines Rich's Text.wrap gives, for any text, width and overflow."""

from __future__ import annotations

import io
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import set_cell_size
from rich.console import Console, OverflowMethod
from rich.text import Text

from gapcli.render.terminal.wrap import _breaks, _divide, _one_cell_each, fit, wrap

CONSOLE = Console(file=io.StringIO(), width=80)
# Letters, spaces and line breaks, wide (CJK) and zero-width (combining) characters, and
# other white space: what wraps differently.
ALPHABET = st.sampled_from(
    [*"ab cd\n  xyz-", "禁", "毒", "\u0301", "\u00a0", "\u3000", "é", "’", "…", "\r"]
)


def rich_lines(text: str, width: int, overflow: OverflowMethod, no_wrap: bool) -> list[str]:
    lines = Text(text).wrap(CONSOLE, width, overflow=overflow, no_wrap=no_wrap)
    return [line.plain for line in lines]


@settings(max_examples=600, deadline=None)
@given(
    text=st.text(ALPHABET, max_size=60),
    width=st.integers(min_value=1, max_value=24),
    overflow=st.sampled_from(get_args(OverflowMethod)),
    no_wrap=st.booleans(),
)
def test_the_same_lines_as_rich(
    text: str, width: int, overflow: OverflowMethod, no_wrap: bool
) -> None:
    plain = Text(text).plain  # as a Text holds it (control characters such as \r dropped)
    assert wrap(plain, width, overflow, no_wrap) == rich_lines(text, width, overflow, no_wrap)


@settings(max_examples=600, deadline=None)
@given(
    text=st.text(st.sampled_from([*"ab cdefgh-,.", " ", " "]), max_size=80),
    width=st.integers(min_value=1, max_value=12),
    overflow=st.sampled_from(get_args(OverflowMethod)),
)
def test_plain_ascii_breaks_where_rich_does(
    text: str, width: int, overflow: OverflowMethod
) -> None:
    """Printable ASCII takes the short way (a character is a cell): the same lines."""
    assert wrap(text, width, overflow) == rich_lines(text, width, overflow, False)


@settings(max_examples=600, deadline=None)
@given(
    text=st.text(
        st.sampled_from([*"ab cdefgh-", "·", "—", "…", "é", "“", "”", "→", " "]), max_size=80
    ),
    width=st.integers(min_value=1, max_value=12),
    overflow=st.sampled_from(get_args(OverflowMethod)),
)
def test_one_cell_punctuation_breaks_where_rich_does(
    text: str, width: int, overflow: OverflowMethod
) -> None:
    """Text of one-cell characters beyond ASCII (a search hit's `·` and `…`, an em dash)
    takes the short way too: the same lines."""
    assert wrap(text, width, overflow) == rich_lines(text, width, overflow, False)


@settings(max_examples=1500, deadline=None)
@given(
    text=st.text(st.sampled_from([*"abcdefgh", "·", "…", " "]), max_size=120),
    width=st.integers(min_value=1, max_value=16),
    fold=st.booleans(),
)
def test_line_at_a_time_breaks_where_rich_does(text: str, width: int, fold: bool) -> None:
    """The breaks found a line at a time are Rich's, or it hands over (a word longer than
    a line), and then the word-at-a-time breaks are."""
    found = _breaks(text, width)
    assert (found if found is not None else _divide(text, width, fold)) == divide_line(
        text, width, fold
    )


@pytest.mark.parametrize(
    ("text", "width", "breaks"),
    [
        ("aaa bbb ccc", 7, [8]),
        ("aaa bbb ccc", 3, [4, 8]),
        ("aaa    bbb", 5, [7]),
        ("aaa bbb     ", 3, [4]),
        ("  aaa bbb", 6, [6]),
        ("  aaaaa bbb", 4, None),  # the first word and its indent: longer than a line
        ("aaa bbbbbbb", 5, None),
        ("  a", 1, None),  # an indent longer than the line (found by hypothesis)
        ("    aa bb", 3, None),
    ],
)
def test_line_at_a_time_breaks(text: str, width: int, breaks: list[int] | None) -> None:
    assert _breaks(text, width) == breaks
    if breaks is not None:
        assert breaks == divide_line(text, width, True)


@settings(max_examples=600, deadline=None)
@given(text=st.text(ALPHABET, max_size=30), width=st.integers(min_value=1, max_value=24))
def test_fit_cuts_and_pads_as_rich_does(text: str, width: int) -> None:
    assert fit(text, width) == set_cell_size(text, width)


@pytest.mark.parametrize(
    ("text", "one_cell"),
    [
        ("plain ascii", True),
        ("Northport · claim · the port authority …", True),
        ("café — “quoted”", True),
        ("tab\there", False),  # not printable: Rich expands it
        ("禁毒", False),  # two cells each
        ("e\u0301", False),  # a combining mark: no cell of its own
        ("no\u00a0break", False),  # not printable as str sees it: Rich's own way
        ("\u200d", False),
    ],
)
def test_which_text_takes_the_short_way(text: str, one_cell: bool) -> None:
    assert _one_cell_each(text) is one_cell
    assert _one_cell_each(text) is one_cell  # the second time from what was learnt


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 5, [""]),
        ("one two three", 7, ["one two", "three"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("a\n\nb\n", 3, ["a", "", "b", ""]),
        ("禁毒合作", 3, ["禁", "毒", "合", "作"]),
    ],
)
def test_examples(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines == rich_lines(text, width, "fold", False)


def test_a_tab_is_left_to_rich() -> None:
    assert wrap("a\tb", 10) is None
