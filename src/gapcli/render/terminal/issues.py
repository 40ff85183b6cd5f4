"""Rich renderables for the terminal. Dataset text always enters as ``Text``, never markup."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Span, Text

from gapcli.document.labels import entry_label
from gapcli.domain.models import Claim, Dataset, Issue, Party, Reading, Statement
from gapcli.domain.text import attribution, markers, visible
from gapcli.domain.walk import iter_citations
from gapcli.errors import UsageError
from gapcli.render.terminal.simple_table import Column, SimpleTable
from gapcli.render.terminal.wrap import wrap
from gapcli.views.sides import (
    Row,
    Side,
    analysis_heading,
    no_stance,
    row_label,
    sides,
)

LABEL_WIDTH = 9  # the row labels' column in compare: "Reads the" / "others" fit


def t(text: str, style: str = "") -> Text:
    """Dataset text as a literal Rich Text (no markup, no emoji codes, no controls)."""
    return Text(visible(text).replace("\t", " "), style=style)


class Styled:
    """A ``Text`` built in one go from pieces and their styles: what ``Text.append`` and
    ``append_text`` build, without a ``Text`` for every piece (a search draws tens of
    thousands of hits, a handful of pieces each)."""

    __slots__ = ("_parts", "_size", "_spans", "_style")

    def __init__(self, style: str = "") -> None:
        """``style``: the whole text's, under the pieces' own (as ``Text(style=...)``)."""
        self._style = style
        self._parts: list[str] = []
        self._spans: list[Span] = []
        self._size = 0

    def add(self, text: str, style: str = "") -> Styled:
        """``text`` as it is (the caller made it safe), in ``style``."""
        if style and text:
            self._spans.append(Span(self._size, self._size + len(text), style))
        self._parts.append(text)
        self._size += len(text)
        return self

    def data(self, text: str, style: str = "") -> Styled:
        """Dataset text, made safe as ``t`` makes it, in ``style``."""
        return self.add(visible(text).replace("\t", " "), style)

    @property
    def plain(self) -> str:
        """The characters, as ``self.text().plain`` has them."""
        return "".join(self._parts)

    def text(self) -> Text:
        """The pieces as one ``Text``."""
        return Text("".join(self._parts), style=self._style, spans=self._spans)


class ListColumn(StrEnum):
    """The columns ``gapcli list`` can show (``--columns``)."""

    ID = "id"
    TITLE = "title"
    TYPE = "type"
    TAGS = "tags"
    GAP = "gap"


_LIST_COLUMNS = {
    ListColumn.ID: Column("ID", style="cyan"),
    ListColumn.TITLE: Column("Title", ratio=2),
    ListColumn.TYPE: Column("Gap type"),
    ListColumn.TAGS: Column("Tags"),
    ListColumn.GAP: Column("The gap", ratio=3),
}


def list_columns(spec: str) -> list[ListColumn]:
    """``id,title,tags`` as columns, in that order; an unknown name is a usage error."""
    names = [name.strip().lower() for name in spec.split(",") if name.strip()]
    known = [c.value for c in ListColumn]
    for name in names:
        if name not in known:
            raise UsageError(f"unknown column {name!r}; choose from {','.join(known)}")
    if not names:
        raise UsageError(f"no column given; choose from {','.join(known)}")
    return [ListColumn(name) for name in dict.fromkeys(names)]


def list_table(
    issues: list[Issue], columns: Sequence[ListColumn] = tuple(ListColumn)
) -> SimpleTable:
    """The issue list: id, title, gap type, tags and the one-line gap (or the chosen
    ``columns``); thousands of rows in a blink."""
    shown = [_LIST_COLUMNS[c] for c in columns]
    if all(c.ratio is None for c in shown):  # one column must take the rest of the width
        shown[-1] = Column(shown[-1].header, shown[-1].style, ratio=1)
    table = SimpleTable(shown)
    cell: dict[ListColumn, Callable[[Issue], Text]] = {
        ListColumn.ID: lambda i: t(i.id),
        ListColumn.TITLE: lambda i: t(i.title),
        ListColumn.TYPE: lambda i: Text(i.gap_type.value),
        ListColumn.TAGS: lambda i: t("\n".join(i.tags)),
        ListColumn.GAP: lambda i: t(i.summary),
    }
    makers = [cell[c] for c in columns]
    for issue in issues:
        table.add_row(*(make(issue) for make in makers))
    return table


def claim_text(claim: Statement, dataset: Dataset, quotes: bool = False, label: str = "") -> Text:
    """One entry: an optional label, the text, then who says it in which voice and where.

    Readings add whom they read (with three or more parties) and the source's assessment.
    """
    out = Styled()
    if label:
        out.data(f"{label}: ", "bold")
    out.data(claim.text).add("\n— ").data(attribution(claim), "italic")
    out.add(" ").add(markers(claim.cite, dataset), "dim")
    if isinstance(claim, Reading) and claim.assessment is not None:
        a = claim.assessment
        out.add("\nThe source's assessment: ", "dim").add(a.verdict.value, "bold")
        if a.text:
            out.add(" — ").data(a.text)
        out.add("\n— ").data(attribution(a), "italic")
        out.add(" ").add(markers(a.cite, dataset), "dim")
    if quotes:
        assessed = claim.assessment.cite if isinstance(claim, Reading) and claim.assessment else []
        for cite in [*claim.cite, *assessed]:
            if cite.quote:
                out.add("\n“").data(cite.quote, "green").add("”")
    return out.text()


def claims_block(
    claims: Sequence[Statement],
    dataset: Dataset,
    quotes: bool = False,
    labels: Sequence[str] = (),
) -> RenderableType:
    """Bulleted entries with a hanging indent, or a dash when there are none."""
    if not claims:
        return Text("—", style="dim")
    return Bullets(
        [claim_text(c, dataset, quotes, labels[i] if labels else "") for i, c in enumerate(claims)]
    )


class Bullets:
    """Texts as bullets with a hanging indent and a blank line between them.

    It draws what a two-column ``Table.grid`` (a bullet, then the folded text) draws, for a
    fraction of its cost: each text is wrapped once, with no table measured inside a cell
    (hundreds of cells in ``perceptions`` and ``mirror`` on a large dataset).
    """

    BULLET = "• "

    def __init__(self, items: list[Text]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = max(options.max_width - len(self.BULLET), 1)
        lead, hang = Segment(self.BULLET), Segment(" " * len(self.BULLET))
        for i, item in enumerate(self.items):
            if i:
                yield Segment.line()
            for j, line in enumerate(item.wrap(console, inner, overflow="fold")):
                yield hang if j else lead
                yield from line.render(console)
                yield Segment.line()

    def plain(self, console: Console, width: int) -> list[str]:
        """The lines drawn at ``width``, as text (styles dropped)."""
        inner = max(width - len(self.BULLET), 1)
        hang = " " * len(self.BULLET)
        out: list[str] = []
        for i, item in enumerate(self.items):
            if i:
                out.append("")
            texts = wrap(item.plain, inner) if item.justify is None else None
            if texts is None:
                texts = [line.plain for line in item.wrap(console, inner, overflow="fold")]
            out.extend((hang if j else self.BULLET) + line for j, line in enumerate(texts))
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = [Measurement.get(console, options, item) for item in self.items]
        extra = len(self.BULLET)
        return Measurement(
            extra + max(w.minimum for w in widths), extra + max(w.maximum for w in widths)
        )


class Lines:
    """Texts, each indented and wrapped to the width left: what nested ``Padding`` and
    ``Group`` draw (ends of lines aside, which every output trims), wrapping each text once
    instead of laying it out again at every level (tens of thousands in a ``search``).

    A text may be a ``Styled`` not yet made a ``Text``: without styles only its characters
    are needed."""

    def __init__(self, items: Sequence[tuple[int, Text | Styled]]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for indent, item in self.items:
            text = item if isinstance(item, Text) else item.text()
            pad = Segment(" " * indent)
            for line in text.wrap(console, max(width - indent, 1), overflow="fold"):
                if indent:
                    yield pad
                yield from line.render(console)
                yield Segment.line()

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The same lines as text (render.plain), for a console that draws no style."""
        width = options.max_width
        for indent, item in self.items:
            inner = max(width - indent, 1)
            simple = isinstance(item, Styled) or item.justify is None
            texts = wrap(item.plain, inner) if simple else None
            if texts is None:
                text = item if isinstance(item, Text) else item.text()
                texts = [line.plain for line in text.wrap(console, inner, overflow="fold")]
            pad = " " * indent
            yield "".join(f"{pad}{line}\n" for line in texts)


def grouped_block(entries: Sequence[Claim], dataset: Dataset) -> RenderableType:
    """Entries of one side: official voices first, then its other voices under their own label."""
    official = [e for e in entries if e.official]
    others = [e for e in entries if not e.official]
    if not others:
        return claims_block(official, dataset)
    parts: list[RenderableType] = [claims_block(official, dataset)] if official else []
    parts.append(Text("Other voices (not official):", style="bold"))
    parts.append(claims_block(others, dataset))
    return Group(*parts)


def stance_cell(side: Side, dataset: Dataset, quotes: bool = False, filtered: str = "") -> Text:
    """The side's attributed stance, or the line saying the source reports none (or, with
    ``filtered``, that none passes the filters)."""
    if side.stance is None and filtered:
        return t(f"No stance of {side.party.label} passes the filters.", "dim italic")
    if side.stance is None:
        return t(no_stance(side.party), "dim italic")
    return claim_text(side.stance, dataset, quotes)


def side_cell(
    side: Side, row: Row, dataset: Dataset, quotes: bool = False, filtered: str = ""
) -> RenderableType:
    """One cell of the side-by-side table."""
    if row is Row.STANCE:
        return stance_cell(side, dataset, quotes, filtered)
    entries = side.row(row)
    many = len(dataset.meta.parties) > 2
    if row is Row.OTHER or (row is Row.READINGS and many):
        labels = [entry_label(k, e, side.party, dataset) for k, e in entries]
    else:
        labels = []
    return claims_block([e for _, e in entries], dataset, quotes, labels)


def compare_views(
    issues: list[Issue],
    dataset: Dataset,
    quotes: bool = False,
    parties: list[Party] | None = None,
    filtered: str = "",
) -> Group:
    """The side-by-side views of several issues, one after another."""
    parts: list[RenderableType] = []
    for issue in issues:
        if parts:
            parts.append(Text(""))
        parts.append(compare_view(issue, dataset, quotes, parties, filtered))
    return Group(*parts)


def compare_view(
    issue: Issue,
    dataset: Dataset,
    quotes: bool = False,
    parties: list[Party] | None = None,
    filtered: str = "",
) -> Group:
    """The side-by-side view of one issue: one column per declared side (or per ``parties``);
    ``filtered`` names the statement filters that narrowed it, said in the heading."""
    declared = len(dataset.meta.parties)
    parties = dataset.meta.parties if parties is None else parties
    head = Text()
    head.append_text(t(issue.title, "bold"))
    head.append(f"  ({issue.id})", style="dim")
    head.append("\n")
    head.append_text(t(issue.question, "italic"))
    head.append("\nGap type: ", style="dim")
    head.append(issue.gap_type.value, style="bold")
    if issue.tags:
        head.append("   Tags: ", style="dim")
        head.append_text(t(", ".join(issue.tags)))
    head.append("\nThe gap in one line: ", style="dim")
    head.append_text(t(issue.summary))
    head.append("\nSides: ", style="dim")
    head.append_text(t("; ".join(f"{p.label} = {p.name}" for p in parties)))
    head.append(
        "\nEach entry names who says it and in which voice; a side's government, officials "
        "and lawmakers come first, its other voices apart.",
        style="dim",
    )
    if filtered:
        head.append("\nOnly the entries that pass ", style="bold")
        head.append_text(t(filtered, "bold"))

    columns = [side for side in sides(issue, dataset) if side.party in parties]
    table = Table(box=box.ROUNDED, show_lines=True, expand=True, header_style="bold")
    table.add_column("", style="bold", no_wrap=True, width=LABEL_WIDTH)
    for party in parties:
        table.add_column(t(party.label), ratio=1, overflow="fold")
    for row in Row:
        if row is Row.OTHER and not any(s.others for s in columns):
            continue
        label = row_label(row, declared)
        label = "\n".join(label.rsplit(" ", 1)) if len(label) > LABEL_WIDTH else label
        cells = (side_cell(s, row, dataset, quotes, filtered) for s in columns)
        table.add_row(Text(label), *cells)

    parts: list[RenderableType] = [head, table]
    if issue.analysis:
        parts.append(
            _section(analysis_heading(dataset), claims_block(issue.analysis, dataset, quotes))
        )
    parts.append(_section("The gap", _gap(issue, dataset)))
    parts.append(_section("Common ground", claims_block(issue.common_ground, dataset, quotes)))
    parts.append(_section("Bridges", claims_block(issue.bridges, dataset, quotes)))
    if issue.related:
        parts.append(_section("Related", t(", ".join(issue.related))))
    parts.append(_section("Sources cited", sources_cited(issue, dataset)))
    return Group(*parts)


def _gap(issue: Issue, dataset: Dataset) -> Text:
    out = t(issue.gap.what)
    out.append("\nWhy it matters: ", style="bold")
    out.append_text(t(issue.gap.why_it_matters))
    out.append(" ")
    out.append(markers(issue.gap.cite, dataset), style="dim")
    return out


def _section(title: str, body: RenderableType) -> Group:
    return Group(t(f"\n{title}", "bold underline"), Padding(body, (0, 0, 0, 2)))


def sources_cited(issue: Issue, dataset: Dataset) -> Text:
    """Each source the issue cites, with the paragraphs it cites."""
    paras: dict[str, set[int]] = {}
    for _, cite in iter_citations(issue):
        paras.setdefault(cite.source, set()).add(cite.para)
    out = Text()
    for source in dataset.meta.sources:
        if source.id not in paras:
            continue
        if out:
            out.append("\n")
        out.append_text(t(f"{source.title} — {source.publisher}"))
        if source.date:
            out.append_text(t(f" ({source.date})"))
        cited = ", ".join(f"¶{p}" for p in sorted(paras[source.id]))
        out.append(f"  [{source.id}] {cited}", style="dim")
    return out
