"""render.wrap gives the lines Rich's Text.wrap gives, for any text, width and overflow."""

from __future__ import annotations

import io
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, OverflowMethod
from rich.text import Text

from gapcli.render.wrap import wrap

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
