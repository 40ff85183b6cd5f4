"""A boxed table drawn row by row as its rows come, for views with thousands of rows.

``rich.table.Table`` holds every row, measures every cell, then lays each cell out twice
(the cell inside its ``Padding``, then the padded cell). ``BoxTable`` draws what

    Table(title=..., title_justify="left", title_style="bold", box=box.ROUNDED,
          show_lines=True, expand=True, header_style="bold")

draws with the same columns, the same characters in the same styles
(tests/test_box_table.py compares the two), but lays each cell out once and never holds
more than two rows. Rich itself draws the title, the top edge and the header (a table of
no rows), so its widths are Rich's. That holds while the columns fit: when the fixed
columns and the least the others need are wider than the terminal, Rich squeezes columns
by their content, and ``BoxTable`` hands the whole table to Rich instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    OverflowMethod,
    RenderableType,
    RenderResult,
)
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from gapcli.render.terminal.cells import Bullets
from gapcli.render.terminal.plain import drawn_text, text_lines
from gapcli.render.terminal.wrap import fit

PAD = 1  # a space each side of every cell, edges included (Table's default padding)
# Title, top edge, header and widths by width and box: None when Rich must draw it all.
Layouts = dict[tuple[int, bool, bool, bool], "_Layout | None"]


@dataclass(frozen=True)
class BoxColumn:
    """A column: ``width`` fixed, else ``ratio`` shares the free width, else as wide as its
    widest cell, which the caller gives as ``widest`` (the cells come later, one by one)."""

    header: str | Text
    width: int | None = None
    ratio: int | None = None
    no_wrap: bool = False
    widest: int = 0
    overflow: OverflowMethod = "fold"


class BoxTable:
    """A titled table with a rounded box and a line between rows, drawn as rows come."""

    def __init__(
        self,
        columns: Sequence[BoxColumn],
        rows: Iterable[Sequence[RenderableType]],
        title: str | Text | None = None,
        layouts: Layouts | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.rows = iter(rows)
        self.title = title
        # Tables with the same title and columns may share their layouts (``mirror``).
        self._layouts: Layouts = {} if layouts is None else layouts

    def _table(self, frame: bool) -> Table:
        """The table to Rich: as a frame (no rows yet), its content-wide columns are told
        how wide their cells will be."""
        table = Table(
            title=self.title,
            title_justify="left",
            title_style="bold",
            box=box.ROUNDED,
            show_lines=True,
            expand=True,
            header_style="bold",
        )
        for column in self.columns:
            table.add_column(
                column.header,
                width=column.width,
                ratio=column.ratio,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
                min_width=(column.widest or None) if frame else None,
            )
        return table

    def _fits(self, width: int) -> bool:
        """Whether Rich lays the columns out without squeezing them by their content."""
        extra = 2 + len(self.columns) - 1  # the edges, and a divider between columns
        needed = 0
        for column in self.columns:
            if column.ratio is not None:
                needed += 1 + 2 * PAD
            elif column.width is not None:
                needed += column.width + 2 * PAD
            else:
                header = column.header if isinstance(column.header, str) else column.header.plain
                natural = max([column.widest, *(cell_len(line) for line in header.split("\n"))])
                needed += natural + 2 * PAD
        return needed <= width - extra

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for part in self.parts():
            yield from console.render(part, options)

    def parts(self, batch: int = 32) -> Iterator[RenderableType]:
        """The table in pieces to print one by one (the head, ``batch`` rows at a time, the
        bottom), so a long table is written as it is drawn and never held whole."""
        yield _Head(self)
        held: Sequence[RenderableType] | None = None
        pieces: list[RenderableType] = []
        for row in self.rows:
            if held is not None:
                pieces.append(_Row(self, held, last=False))
                if len(pieces) == batch:
                    yield Group(*pieces)
                    pieces = []
            held = row
        if held is not None:
            pieces.append(_Row(self, held, last=True))
        pieces.append(_Bottom(self))
        yield Group(*pieces)

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The whole table as text (render.plain), row by row, for a console that draws no
        style."""
        for part in self.parts():
            yield from drawn_text(part, console, options)

    def layout(self, console: Console, options: ConsoleOptions) -> _Layout | None:
        """Rich's own title, top edge, header and column widths (None: the columns do not
        fit, and Rich draws the whole table); the same for every piece at one width."""
        key = (options.max_width, console.safe_box, options.ascii_only, options.legacy_windows)
        if key not in self._layouts:
            self._layouts[key] = self._lay_out(console, options)
        return self._layouts[key]

    def _lay_out(self, console: Console, options: ConsoleOptions) -> _Layout | None:
        if not self._fits(options.max_width):
            return None
        frame = list(Segment.split_lines(console.render(self._table(frame=True), options)))
        rounded = box.ROUNDED.substitute(options, safe=console.safe_box)
        bottom = "".join(segment.text for segment in frame[-1])
        widths = [len(part) for part in bottom[1:-1].split(rounded.bottom_divider)]
        return _Layout(frame[:-1], widths, rounded)

    def cells(
        self,
        console: Console,
        options: ConsoleOptions,
        widths: list[int],
        row: Sequence[RenderableType],
    ) -> list[list[list[Segment]]]:
        """Each cell's lines, padded as Table pads them, all as tall as the tallest."""
        cells = []
        pad = Segment(" " * PAD)
        for cell, width, column in zip(row, widths, self.columns, strict=True):
            lines = console.render_lines(cell, _inner(options, width, column), pad=True)
            cells.append([[pad, *line, pad] for line in lines])
        height = max(len(lines) for lines in cells)
        for lines, width in zip(cells, widths, strict=True):
            lines.extend([[Segment(" " * width)]] * (height - len(lines)))
        return cells

    def plain_cells(
        self,
        console: Console,
        options: ConsoleOptions,
        widths: list[int],
        row: Sequence[RenderableType],
    ) -> list[list[str]]:
        """``cells`` as text, for a console that draws no style."""
        cells = []
        pad = " " * PAD
        for cell, width, column in zip(row, widths, self.columns, strict=True):
            inner = _inner(options, width, column)
            lines = plain_lines(cell, console, inner)
            if lines is None:  # not one of the cells these tables hold: Rich draws it
                lines = [_text(line) for line in console.render_lines(cell, inner, pad=True)]
            cells.append([f"{pad}{line}{pad}" for line in lines])
        height = max(len(lines) for lines in cells)
        for lines, width in zip(cells, widths, strict=True):
            lines.extend([" " * width] * (height - len(lines)))
        return cells


def _inner(options: ConsoleOptions, width: int, column: BoxColumn) -> ConsoleOptions:
    """The options a cell of ``column`` is drawn with, inside its padding."""
    return options.update(
        width=width - 2 * PAD,
        justify="left",
        no_wrap=column.no_wrap,
        overflow=column.overflow,
        height=None,
        highlight=False,
    )


@dataclass(frozen=True)
class _Layout:
    head: list[list[Segment]]  # the title, the top edge and the header, line by line
    widths: list[int]
    box: box.Box


class _Head:
    def __init__(self, table: BoxTable) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self.table.layout(console, options)
        if layout is None:  # Rich squeezes the columns by their content: it draws it all
            whole = self.table._table(frame=False)
            for row in self.table.rows:
                whole.add_row(*row)
            yield whole
            return
        for line in layout.head:
            yield from line
            yield Segment.line()

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The same as text (render.plain), for a console that draws no style."""
        layout = self.table.layout(console, options)
        if layout is None:
            yield _text(console.render(self, options))
            return
        yield "".join(f"{_text(line)}\n" for line in layout.head)


class _Row:
    def __init__(self, table: BoxTable, row: Sequence[RenderableType], last: bool) -> None:
        self.table, self.row, self.last = table, row, last

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self.table.layout(console, options)
        assert layout is not None  # the head drew every row
        drawn = layout.box
        if self.last:
            edges = drawn.foot_left, drawn.foot_right, drawn.foot_vertical
        else:
            edges = drawn.mid_left, drawn.mid_right, drawn.mid_vertical
        left, right, divider = (Segment(edge) for edge in edges)
        if console.color_system is None:  # no styles will be drawn: a line is one segment
            for text in self._lines(console, options, layout):
                yield Segment(text)
                yield Segment.line()
            return
        cells = self.table.cells(console, options, layout.widths, self.row)
        last = len(cells) - 1
        for n in range(len(cells[0])):
            line = [left]
            for i, lines in enumerate(cells):
                line.extend(lines[n])
                if i < last:
                    line.append(divider)
            line.append(right)
            yield from line
            yield Segment.line()
        if not self.last:
            yield Segment(drawn.get_row(layout.widths, "row", edge=True))
            yield Segment.line()

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The same as text (render.plain), for a console that draws no style."""
        layout = self.table.layout(console, options)
        assert layout is not None  # the head drew every row
        yield "".join(f"{line}\n" for line in self._lines(console, options, layout))

    def _lines(self, console: Console, options: ConsoleOptions, layout: _Layout) -> Iterator[str]:
        """The row's lines (and the rule under it) as text: no styles are drawn."""
        drawn = layout.box
        if self.last:
            left, right, divider = drawn.foot_left, drawn.foot_right, drawn.foot_vertical
        else:
            left, right, divider = drawn.mid_left, drawn.mid_right, drawn.mid_vertical
        cells = self.table.plain_cells(console, options, layout.widths, self.row)
        for parts in zip(*cells, strict=True):
            yield f"{left}{divider.join(parts)}{right}"
        if not self.last:
            yield drawn.get_row(layout.widths, "row", edge=True)


class _Bottom:
    def __init__(self, table: BoxTable) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        layout = self.table.layout(console, options)
        if layout is not None:
            yield Segment(layout.box.get_bottom(layout.widths))
            yield Segment.line()

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The same as text (render.plain), for a console that draws no style."""
        layout = self.table.layout(console, options)
        if layout is not None:
            yield layout.box.get_bottom(layout.widths) + "\n"


def _text(segments: Iterable[Segment]) -> str:
    return "".join(segment.text for segment in segments if not segment.control)


def plain_lines(
    renderable: RenderableType, console: Console, options: ConsoleOptions
) -> list[str] | None:
    """The lines ``console.render_lines(renderable, options, pad=True)`` draws, as text
    (styles dropped), for the cells these tables hold; None for anything else."""
    width = options.max_width
    if isinstance(renderable, Text):
        found = text_lines(renderable, options)
        if found is None:  # a tab, centred or right-justified text: Rich wraps it
            lines = renderable.wrap(
                console,
                width,
                justify=renderable.justify or options.justify or "default",
                overflow=renderable.overflow or options.overflow or "fold",
                tab_size=renderable.tab_size or 8,
                no_wrap=renderable.no_wrap
                if renderable.no_wrap is not None
                else bool(options.no_wrap),
            )
            found = [line.plain for line in lines]
        texts = found
    elif isinstance(renderable, Bullets):
        texts = renderable.plain(console, width)
    elif isinstance(renderable, Group):
        texts = []
        for part in renderable.renderables:
            inner = plain_lines(part, console, options)
            if inner is None:
                return None
            texts.extend(inner)
        return texts
    else:
        return None
    return [fit(text, width) for text in texts]  # cropped or padded, as Rich does
