"""SimpleTable draws exactly what the equivalent rich Table draws: same characters, same styles."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text

from gapcli.loader import load_dataset
from gapcli.render.terminal.issues import list_table
from gapcli.render.terminal.simple_table import Column, SimpleTable

from helpers import HOSTILE, REPO, THREE, TWO

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


@pytest.mark.parametrize("folder", [REPO / "positions", TWO, THREE, HOSTILE])
@pytest.mark.parametrize("width", WIDTHS)
def test_issue_list_matches_rich_table_or_stacks_without_loss(folder: object, width: int) -> None:
    table = list_table(load_dataset(str(folder)).issues)
    if table._widths(width) is not None:
        assert styled_chars(table, width) == styled_chars(table.as_table(), width)
    else:
        assert_stacked_without_loss(table, width)


def assert_stacked_without_loss(table: SimpleTable, width: int) -> None:
    """Too narrow for columns: every cell's words are all there, under ``Header:`` labels."""
    drawn = "".join(char for char, _ in styled_chars(table, width))
    flat = "".join(drawn.split())
    for row in table.rows:
        for cell in row:
            assert "".join(cell.plain.split()) in flat
    assert max(cell_len(line) for line in drawn.splitlines()) <= width


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
def test_awkward_cells_match_rich_table_or_stack(width: int) -> None:
    table = awkward_table()
    if table._widths(width) is not None:
        assert styled_chars(table, width) == styled_chars(table.as_table(), width)
    else:
        assert_stacked_without_loss(table, width)


def test_narrow_width_stacks_the_rows() -> None:
    table = awkward_table()
    assert table._widths(40) is None  # a wrapping column would be under 12 characters
    assert table._widths(80) is not None
    console = Console(file=io.StringIO(), width=30, color_system=None)
    console.print(table)
    assert console.file.getvalue().splitlines()[:4] == [  # type: ignore[attr-defined]
        "a",
        "Text: ",
        "Kind: x",
        "More: line one",
    ]
