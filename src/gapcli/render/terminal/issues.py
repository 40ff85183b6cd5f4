"""Rich renderables for the terminal. Dataset text always enters as ``Text``, never markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gapcli.document.labels import entry_label
from gapcli.domain.models import Dataset, Issue, Party
from gapcli.domain.text import markers
from gapcli.domain.walk import iter_citations
from gapcli.errors import UsageError
from gapcli.render.terminal.cells import (
    Bullets,
    Lines,
    Styled,
    claim_text,
    claims_block,
    grouped_block,
    t,
)
from gapcli.render.terminal.simple_table import Column, SimpleTable
from gapcli.views.sides import (
    Row,
    Side,
    analysis_heading,
    no_stance,
    row_label,
    sides,
)

# The pieces are in ``cells``; every view and renderer that takes them from here still can.
__all__ = [
    "LABEL_WIDTH",
    "Bullets",
    "Lines",
    "ListColumn",
    "Styled",
    "claim_text",
    "claims_block",
    "compare_view",
    "compare_views",
    "entry_label",
    "grouped_block",
    "list_columns",
    "list_table",
    "side_cell",
    "sources_cited",
    "stance_cell",
    "t",
]

LABEL_WIDTH = 9  # the row labels' column in compare: "Reads the" / "others" fit


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
