"""A headed table of wrapped text for long lists, about three times cheaper than Rich's Table.

``rich.table.Table`` sends every cell through ``Padding`` and the general rendering
pipeline: about 0.1 ms a cell, seconds for a few thousand rows. ``SimpleTable`` draws what
``Table(box=SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)`` draws for ``Text``
cells, the same characters in the same styles (tests/test_simple_table.py compares the
two), but wraps each cell once with ``Text.wrap`` and builds the lines itself. When the
columns do not fit the width, it stacks each row as ``Header: value`` lines instead, so
nothing is cut off on a narrow terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import ceil

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

PAD = 1  # spaces each side of a cell, none at the outer edges
MIN_TEXT_WIDTH = 12  # a wrapping column narrower than this reads badly: stack the rows instead


@dataclass(frozen=True)
class Column:
    """A column: ``ratio`` shares the free width and wraps; None = widest cell, no wrap."""

    header: str
    style: str = ""
    ratio: int | None = None


class SimpleTable:
    """Header, rule, then one row per entry, each cell wrapped to its column."""

    def __init__(self, columns: Sequence[Column], header_style: str = "bold") -> None:
        self.columns = tuple(columns)
        self.header_style = header_style
        self.rows: list[tuple[Text, ...]] = []

    def add_row(self, *cells: Text) -> None:
        """Add one row; one ``Text`` per column."""
        self.rows.append(cells)

    def as_table(self) -> Table:
        """The same table as a ``rich.table.Table``."""
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style=self.header_style,
            expand=True,
        )
        for column in self.columns:
            table.add_column(
                column.header,
                style=column.style,
                ratio=column.ratio,
                no_wrap=column.ratio is None,
                overflow="fold",
            )
        for row in self.rows:
            table.add_row(*row)
        return table

    def _widths(self, width: int) -> list[int] | None:
        """Each column's width with its padding, as Table computes them; None if they don't fit."""
        count = len(self.columns)
        pads = [PAD * ((i > 0) + (i < count - 1)) for i in range(count)]
        available = width - (count - 1)  # one divider between columns
        widths = [0] * count
        for i, column in enumerate(self.columns):
            if column.ratio is None:
                cells = [column.header, *(row[i].plain for row in self.rows)]
                widths[i] = max(
                    cell_len(line) for cell in cells for line in cell.splitlines() or [""]
                )
                widths[i] += pads[i]
        flexible = [i for i, column in enumerate(self.columns) if column.ratio is not None]
        if not flexible:
            return None
        shares = _ratio_distribute(
            available - sum(widths),
            [self.columns[i].ratio or 0 for i in flexible],
            [1 + pads[i] for i in flexible],
        )
        for i, share in zip(flexible, shares, strict=True):
            widths[i] = share
        too_narrow = any(widths[i] - pads[i] < MIN_TEXT_WIDTH for i in flexible)
        return widths if sum(widths) == available and not too_narrow else None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)
        if widths is None:
            yield from self._stacked(console, options)
            return
        rule = box.SIMPLE_HEAD.substitute(options, safe=console.safe_box).get_row(
            widths, "head", edge=False
        )
        header_style = console.get_style(self.header_style)
        header = tuple(Text(column.header) for column in self.columns)
        yield from self._row(console, widths, header, [header_style] * len(widths), bottom=True)
        yield Segment(rule)
        yield Segment.line()
        styles = [console.get_style(column.style) for column in self.columns]
        for row in self.rows:
            yield from self._row(console, widths, row, styles)

    def _stacked(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Too narrow for columns: one block per row, ``Header: value`` lines, nothing cut."""
        first, *others = self.columns
        for n, row in enumerate(self.rows):
            block = Text("\n" if n else "")
            block.append_text(row[0].copy())
            block.stylize(first.style or "bold", len(block) - len(row[0]))
            for column, cell in zip(others, row[1:], strict=True):
                block.append(f"\n{column.header}: ", style="dim")
                block.append_text(cell)
            yield from console.render(block, options)

    def _row(
        self,
        console: Console,
        widths: list[int],
        cells: Sequence[Text],
        styles: list[Style],
        bottom: bool = False,
    ) -> Iterator[Segment]:
        last = len(widths) - 1
        rendered = []
        for i, (cell, width, style) in enumerate(zip(cells, widths, styles, strict=True)):
            left, right = PAD * (i > 0), PAD * (i < last)
            no_wrap = self.columns[i].ratio is None
            before = [Segment(" " * left, style)] if left else []
            after = [Segment(" " * right, style)] if right else []
            inner = width - left - right
            if no_wrap and not cell.spans and "\t" not in cell.plain:
                # What wrap draws for plain text that fits: each line padded, one style.
                own = style + console.get_style(cell.style)
                lines = [
                    [*before, Segment(line + " " * (inner - cell_len(line)), own), *after]
                    for line in cell.plain.split("\n")
                ]
                rendered.append(lines)
                continue
            wrapped = cell.wrap(console, inner, justify="left", overflow="fold", no_wrap=no_wrap)
            rendered.append(
                [[*before, *_segments(console, line, style), *after] for line in wrapped]
            )
        height = max(len(lines) for lines in rendered)
        divider = Segment(" ")
        for i, lines in enumerate(rendered):
            blank = [[Segment(" " * widths[i], styles[i])]] * (height - len(lines))
            rendered[i] = blank + lines if bottom else lines + blank
        for n in range(height):
            for i, lines in enumerate(rendered):
                if i:
                    yield divider
                yield from lines[n]
            yield Segment.line()


def _segments(console: Console, line: Text, style: Style) -> list[Segment]:
    if not line.spans:
        return [Segment(line.plain, style + console.get_style(line.style))]
    return list(Segment.apply_style(line.render(console), style))


def _ratio_distribute(total: int, ratios: list[int], minimums: list[int]) -> list[int]:
    """Split ``total`` by ``ratios``, each part at least its minimum (as Rich's own does)."""
    ratios = [ratio if minimum else 0 for ratio, minimum in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    parts = []
    for ratio, minimum in zip(ratios, minimums, strict=True):
        part = max(minimum, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        parts.append(part)
        total_ratio -= ratio
        remaining -= part
    return parts
