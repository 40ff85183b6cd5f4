"""SimpleTable draws exactly what the equivalent rich Table draws: same characters, same styles."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType
from rich.text import Text

from gapcli.loader import load_dataset
from gapcli.render.simple_table import Column, SimpleTable
from gapcli.render.terminal import list_table

from conftest import DATA, REPO

WIDTHS = (12, 20, 30, 40, 50, 60, 80, 100, 120, 200)


def styled_chars(renderable: RenderableType, width: int) -> list[tuple[str, str]]:
    """Every character drawn, with the style it is drawn in."""
    console = Console(
        file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor"
    )
    return [
        (char, str(segment.style) if segment.style else "")
        for segment in console.render(renderable, console.options)
        for char in segment.text
    ]


@pytest.mark.parametrize(
    "folder", [REPO / "positions", DATA / "two-party", DATA / "three-party", DATA / "hostile"]
)
@pytest.mark.parametrize("width", WIDTHS)
def test_issue_list_matches_rich_table(folder: object, width: int) -> None:
    table = list_table(load_dataset(str(folder)).issues)
    assert styled_chars(table, width) == styled_chars(table.as_table(), width)


def awkward_table() -> SimpleTable:
    table = SimpleTable(
        [
            Column("Key", style="cyan"),
            Column("Text", ratio=1),
            Column("Kind"),
            Column("More", style="dim", ratio=3),
        ],
        header_style="bold magenta",
    )
    spans = Text("plain ")
    spans.append("bold", style="bold")
    spans.append(" and a verylongwordthatcannotfitanywhere", style="italic")
    table.add_row(Text("a"), Text(""), Text("x"), Text("line one\nline two\n\nafter a blank"))
    table.add_row(Text("wide-漢字"), spans, Text("kind\tTAB"), Text("tab\there and   spaces   "))
    table.add_row(
        Text("c", style="red"),
        Text("emoji 👍🏽 and é", style="underline"),
        Text(""),
        Text("-" * 90),
    )
    return table


@pytest.mark.parametrize("width", WIDTHS)
def test_awkward_cells_match_rich_table(width: int) -> None:
    table = awkward_table()
    assert styled_chars(table, width) == styled_chars(table.as_table(), width)


def test_narrow_width_hands_over_to_rich_table() -> None:
    table = awkward_table()
    assert table._widths(12) is None  # fixed columns leave no room: Table's own shrinking applies
    assert table._widths(80) is not None
