"""Rich renderables for the views across issues: search hits, perceptions, timeline, facts.

As in ``render.terminal``, dataset text only ever enters Rich as ``Text``, never markup.
"""

from __future__ import annotations

from itertools import groupby

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gapcli.explore import Hit, PerceptionRow, when
from gapcli.models import Citation, Dataset, Event, Fact
from gapcli.render.terminal import claims_block, t
from gapcli.render.text import marker, markers, plural, visible

SNIPPET = 80
HIGHLIGHT = "bold reverse"
_FLAT = str.maketrans("\n\r\t", "   ")


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = SNIPPET) -> Text:
    """About ``width`` characters around the first match, on one line, every match highlighted.

    The cut falls at a space where one is near, and is marked with ``…``. Highlights are
    applied with ``Text.stylize`` on the match spans, so the text is never parsed as markup.
    """
    flat = text.translate(_FLAT)
    lo, hi = _window(flat, spans[0], width)
    plain, marks = ("…" if lo else ""), []
    edge = lo
    for start, end in spans:
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        plain += visible(flat[edge:start])
        marks.append((len(plain), len(plain) + len(visible(flat[start:end]))))
        plain += visible(flat[start:end])
        edge = end
    plain += visible(flat[edge:hi]) + ("…" if hi < len(flat) else "")
    out = Text(plain)
    for start, end in marks:
        out.stylize(HIGHLIGHT, start, end)
    return out


def _window(flat: str, span: tuple[int, int], width: int) -> tuple[int, int]:
    if len(flat) <= width:
        return 0, len(flat)
    start, end = span
    size = max(width, end - start)
    lo = max(0, min(start - (size - (end - start)) // 2, len(flat) - size))
    hi = lo + size
    if lo:
        space = flat.find(" ", lo, start)
        lo = space + 1 if 0 <= space < lo + 15 else lo
    if hi < len(flat):
        space = flat.rfind(" ", end, hi)
        hi = space if space > hi - 15 else hi
    return lo, hi


def search_view(hits: list[Hit], query: str, dataset: Dataset) -> Group:
    """Search hits grouped by issue (then the dataset file): party, field, citation, snippet."""
    issues = len({h.issue for h in hits if h.issue is not None})
    verb = "matches" if len(hits) == 1 else "match"
    head = Text(f"{plural(len(hits), 'field')} {verb} “")
    head.append_text(t(query))
    head.append(f"” in {plural(issues, 'issue')}")
    if any(h.issue is None for h in hits):
        head.append(" and the dataset file")
    parts: list[RenderableType] = [head]
    for issue_id, group in groupby(hits, key=lambda h: h.issue):
        title = Text("\n")
        if issue_id is None:
            title.append("Dataset file", style="bold")
            title.append(" (title, dialogue, facts, timeline, recommendations)", style="dim")
        else:
            issue = dataset.issue(issue_id)
            title.append_text(t(issue_id, "bold cyan"))
            title.append_text(t(f" — {issue.title}" if issue else "", "bold"))
        parts.append(title)
        parts.extend(Padding(_hit(hit, dataset), (0, 0, 0, 2)) for hit in group)
    return Group(*parts)


def _hit(hit: Hit, dataset: Dataset) -> Group:
    out = Text()
    party = dataset.party(hit.party) if hit.party else None
    if party is not None:
        out.append_text(t(party.label, "bold"))
        out.append(" · ", style="dim")
    out.append_text(t(hit.field, "italic"))
    if hit.item:
        out.append_text(t(f" ({hit.item})", "dim"))
    if hit.cite:
        out.append(f"  {markers(list(hit.cite), dataset)}", style="dim")
    return Group(out, Padding(snippet(hit.text, hit.spans), (0, 0, 0, 2)))


def perception_table(rows: list[PerceptionRow], dataset: Dataset) -> Table:
    """The perception matrix: one row per issue, one column per party's reading of the other(s)."""
    parties = dataset.meta.parties
    other = "the other" if len(parties) == 2 else "the others"
    table = Table(
        title=f"How each party sees {other}, issue by issue",
        title_justify="left",
        title_style="bold",
        box=box.ROUNDED,
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    widest = max((len(row.issue.id) for row in rows), default=5)
    table.add_column("Issue", width=max(widest, 14), overflow="fold")
    for party in parties:
        table.add_column(t(party.label), ratio=1, overflow="fold")
    for row in rows:
        cells: list[RenderableType] = [
            t(row.issue.id, "bold cyan") + Text("\n") + t(row.issue.title)
        ]
        for party in parties:
            claims = row.views[party.id]
            if claims is None:
                cells.append(Text("(no position recorded)", style="dim"))
            elif not claims:
                cells.append(Text("—", style="dim"))
            else:
                cells.append(claims_block(claims, dataset))
        table.add_row(*cells)
    return table


def timeline_table(events: list[Event], dataset: Dataset) -> Table:
    """The dated events, oldest first: date (saying when approximate), event, issues, citation."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Event", ratio=3)
    table.add_column("Issues", ratio=1, style="cyan")
    table.add_column("Cite", no_wrap=True, style="dim")
    for event in events:
        text = t(event.text)
        if event.by:
            text.append(" — ")
            text.append_text(t(event.by, "italic"))
        issues = t("\n".join(event.issues) or "—")
        table.add_row(Text(when(event)), text, issues, _cite(event.cite, dataset))
    return table


def facts_table(items: list[Fact], dataset: Dataset) -> Table:
    """The context figures: figure, fact, who gives it, citation, the source's words."""
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    table.add_column("Figure", max_width=18, style="bold")  # fixed: fits "approximately 70"
    table.add_column("Fact", ratio=4, overflow="fold")
    table.add_column("By", ratio=3, style="italic", overflow="fold")
    table.add_column("Cite", no_wrap=True, style="dim")
    table.add_column("Quote", ratio=5, overflow="fold")
    for fact in items:
        quotes = Text("\n").join(_quote(c) for c in fact.cite if c.quote)
        figure = t(fact.figure) if fact.figure else Text("—", style="dim")
        table.add_row(figure, t(fact.text), t(fact.by), _cite(fact.cite, dataset), quotes)
    return table


def _cite(cites: list[Citation], dataset: Dataset) -> Text:
    return Text(", ".join(dict.fromkeys(marker(c, dataset) for c in cites)))


def _quote(cite: Citation) -> Text:
    out = Text("“")
    out.append_text(t(cite.quote or "", "green"))
    out.append("”")
    return out
