"""Rich renderables for the terminal. Dataset text always enters as ``Text``, never markup."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gapcli.models import Claim, Dataset, Issue
from gapcli.render.simple_table import Column, SimpleTable
from gapcli.render.text import attribution, markers, visible

ROWS = (
    ("stance", "Stance"),
    ("claims", "Claims"),
    ("perception", "Sees the other"),
    ("asks", "Asks"),
)


def t(text: str, style: str = "") -> Text:
    """Dataset text as a literal Rich Text (no markup, no emoji codes, no controls)."""
    return Text(visible(text), style=style)


def list_table(issues: list[Issue]) -> SimpleTable:
    """The issue list: id, title, gap type and the one-line gap (thousands of rows in a blink)."""
    columns = [Column("ID", style="cyan"), Column("Title", ratio=2), Column("Gap type")]
    table = SimpleTable([*columns, Column("The gap", ratio=3)])
    for issue in issues:
        table.add_row(t(issue.id), t(issue.title), t(issue.gap_type.value), t(issue.summary))
    return table


def claim_text(claim: Claim, dataset: Dataset, quotes: bool = False) -> Text:
    """One claim: the text, then who says it and where (``¶6``), then its quotes if asked."""
    out = t(claim.text)
    out.append("\n— ")
    out.append_text(t(attribution(claim), "italic"))
    out.append(" ")
    out.append(markers(claim.cite, dataset), style="dim")
    if quotes:
        for cite in claim.cite:
            if cite.quote:
                out.append("\n“")
                out.append_text(t(cite.quote, "green"))
                out.append("”")
    return out


def claims_block(claims: list[Claim], dataset: Dataset, quotes: bool = False) -> RenderableType:
    """Bulleted claims with a hanging indent, or a dash when there are none."""
    if not claims:
        return Text("—", style="dim")
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1)
    grid.add_column(ratio=1, overflow="fold")
    for i, claim in enumerate(claims):
        if i:
            grid.add_row("", "")
        grid.add_row("•", claim_text(claim, dataset, quotes))
    return grid


def compare_view(issue: Issue, dataset: Dataset, quotes: bool = False) -> Group:
    """The side-by-side view of one issue: one column per declared party."""
    parties = dataset.meta.parties
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
    head.append("\nParties: ", style="dim")
    head.append_text(t("; ".join(f"{p.label} = {p.name}" for p in parties)))

    table = Table(box=box.ROUNDED, show_lines=True, expand=True, header_style="bold")
    table.add_column("", style="bold", no_wrap=True, width=9)
    for party in parties:
        table.add_column(t(party.label), ratio=1, overflow="fold")
    for key, label in ROWS:
        if key == "perception":
            label = "Sees the\nothers" if len(parties) > 2 else "Sees the\nother"
        cells: list[RenderableType] = [Text(label)]
        for party in parties:
            position = issue.positions.get(party.id)
            if position is None:
                cells.append(Text("(no position recorded)", style="dim"))
            elif key == "stance":
                cells.append(t(position.stance))
            else:
                cells.append(claims_block(getattr(position, key), dataset, quotes))
        table.add_row(*cells)

    parts: list[RenderableType] = [head, table, _section("The gap", _gap(issue, dataset))]
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
    return Group(Text(f"\n{title}", style="bold underline"), Padding(body, (0, 0, 0, 2)))


def sources_cited(issue: Issue, dataset: Dataset) -> Text:
    """Each source the issue cites, with the paragraphs it cites."""
    from gapcli.loader import iter_citations

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
