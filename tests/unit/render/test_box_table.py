"""BoxTable draws exactly what the equivalent rich Table draws, piece by piece as rows come:
the perceptions matrix and the mirror tables, at every width (narrow ones included, where
Rich squeezes the columns), with and without colour."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from gapcli.loader import load_dataset
from gapcli.render.terminal.box_table import BoxColumn, BoxTable, Layouts
from gapcli.render.terminal.cells import t
from gapcli.render.terminal.explore import (
    _mirror_head,
    _mirror_rows,
    _perception_rows,
    perception_table,
)
from gapcli.views.explore import perceptions
from gapcli.views.filters import Filters
from gapcli.views.sides import mirror

from helpers import EXPLORE, HOSTILE, REPO, THREE, TWO

WIDTHS = (20, 30, 45, 60, 80, 100, 133, 200)
FOLDERS = [REPO / "positions", TWO, THREE, HOSTILE, EXPLORE]


def drawn(renderable: RenderableType, width: int, colour: bool) -> str:
    """What a console of ``width`` prints (styles as escape codes when ``colour``)."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(renderable, crop=False)
    return out.getvalue()


def rich_table(box_table: BoxTable, rows: Sequence[Sequence[RenderableType]]) -> Table:
    """The rich Table that ``box_table`` stands for, with the same rows."""
    table = Table(
        title=box_table.title,
        title_justify="left",
        title_style="bold",
        box=box.ROUNDED,
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    for column in box_table.columns:
        table.add_column(
            column.header,
            width=column.width,
            ratio=column.ratio,
            no_wrap=column.no_wrap,
            overflow=column.overflow,
        )
    for row in rows:
        table.add_row(*row)
    return table


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: Path(f).name)
def test_perceptions_draws_what_rich_draws(folder: Path, width: int, colour: bool) -> None:
    dataset = load_dataset(folder)
    rows = perceptions(dataset, dataset.issues, Filters())
    expected = rich_table(perception_table(rows, dataset), list(_perception_rows(rows, dataset)))
    assert drawn(perception_table(rows, dataset), width, colour) == drawn(expected, width, colour)
    pieces = perception_table(rows, dataset).parts()
    assert "".join(drawn(piece, width, colour) for piece in pieces) == drawn(
        expected, width, colour
    )


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: Path(f).name)
def test_mirror_tables_draw_what_rich_draws(folder: Path, width: int, colour: bool) -> None:
    dataset = load_dataset(folder)
    heads: dict[tuple[str, str], tuple[Text, list[BoxColumn], Layouts]] = {}
    for pair in (pair for issue in dataset.issues for pair in mirror(issue, dataset)):
        title, columns, _ = _mirror_head(pair)
        expected = rich_table(BoxTable(columns, [], title), list(_mirror_rows(pair, dataset)))
        # Tables of one pair share their title, columns and layout, in every issue.
        title, columns, layouts = heads.setdefault(
            (pair.reader.id, pair.read.id), (title, columns, {})
        )
        mine = BoxTable(columns, _mirror_rows(pair, dataset), title, layouts)
        assert drawn(mine, width, colour) == drawn(expected, width, colour)


def test_a_table_of_no_rows_is_its_head_and_bottom() -> None:
    columns = [BoxColumn("Issue", width=14), BoxColumn(t("of Beijing"), ratio=1)]
    empty = BoxTable(columns, [], title="Nothing yet")
    assert drawn(empty, 60, False) == drawn(rich_table(empty, []), 60, False)


def test_rows_are_laid_out_one_by_one_as_they_are_printed() -> None:
    """A long table is never held whole: each row is taken from its iterator only when the
    piece before it has been printed."""
    taken: list[int] = []

    def rows() -> Iterator[list[RenderableType]]:
        for n in range(3):
            taken.append(n)
            yield [Text(f"row {n}"), Text("cell")]

    table = BoxTable([BoxColumn("A", ratio=1), BoxColumn("B", ratio=1)], rows(), title="T")
    pieces = table.parts(batch=1)
    drawn(next(pieces), 40, False)
    assert taken == []
    drawn(next(pieces), 40, False)  # row 0, once row 1 shows it is not the last
    assert taken == [0, 1]
    assert len(list(pieces)) == 2  # row 1; row 2 with the bottom edge
    assert taken == [0, 1, 2]


@pytest.mark.parametrize("width", WIDTHS)
def test_perceptions_of_some_readers_draws_what_rich_draws(width: int) -> None:
    """The reader column is as wide as the readers shown, not every side's label."""
    dataset = load_dataset(THREE)
    for party in dataset.meta.parties:
        chosen = Filters(sides=(party.id,))
        rows = perceptions(dataset, chosen.select(dataset), chosen)
        table = perception_table(rows, dataset)
        expected = rich_table(table, list(_perception_rows(rows, dataset)))
        for colour in (False, True):
            assert drawn(perception_table(rows, dataset), width, colour) == drawn(
                expected, width, colour
            )
