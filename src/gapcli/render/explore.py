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
from gapcli.render.terminal import claim_text, grouped_block, t
from gapcli.render.text import attribution, marker, markers, plural, visible
from gapcli.sides import MirrorPair, no_stance

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
    if hit.by is not None and hit.voice is not None:
        out.append(" · ", style="dim")
        out.append_text(t(f"{hit.by} · {hit.voice.value}", "italic"))
    if hit.item:
        out.append_text(t(f" ({hit.item})", "dim"))
    if hit.cite:
        out.append(f"  {markers(list(hit.cite), dataset)}", style="dim")
    return Group(out, Padding(snippet(hit.text, hit.spans), (0, 0, 0, 2)))


def perception_table(rows: list[PerceptionRow], dataset: Dataset) -> Table:
    """The directed matrix: for each issue, one row per reading side, one column per side read."""
    parties = dataset.meta.parties
    table = Table(
        title="Who reads whom, issue by issue (rows read columns)",
        title_justify="left",
        title_style="bold",
        box=box.ROUNDED,
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    widest = max((len(row.issue.id) for row in rows), default=5)
    table.add_column("Issue", width=max(widest, 14), overflow="fold")
    table.add_column("Reader", no_wrap=True)
    for party in parties:
        table.add_column(t(f"of {party.label}"), ratio=1, overflow="fold")
    previous = None
    for row in rows:
        first = row.issue is not previous
        previous = row.issue
        head = t(row.issue.id, "bold cyan") + Text("\n") + t(row.issue.title) if first else Text()
        cells: list[RenderableType] = [head, t(row.reader.label, "bold")]
        for party in parties:
            if party.id == row.reader.id:
                cells.append(Text("·", style="dim"))
            elif not row.has_position:
                cells.append(Text("(nothing recorded)", style="dim"))
            else:
                readings = row.views[party.id]
                cells.append(
                    grouped_block(readings, dataset) if readings else Text("—", style="dim")
                )
        table.add_row(*cells)
    return table


def mirror_view(pairs: list[MirrorPair], dataset: Dataset, every_pair: bool = True) -> Group:
    """Each ordered pair A→B: A's reading of B beside B's own account.

    ``every_pair`` False (all issues at once) lists pairs without a reading in one line.
    """
    parts: list[RenderableType] = []
    for issue, group in groupby(pairs, key=lambda p: p.issue):
        head = Text("\n" if parts else "")
        head.append_text(t(issue.title, "bold"))
        head.append(f"  ({issue.id})", style="dim")
        parts.append(head)
        empty = []
        for pair in group:
            if not pair.lines and not every_pair:
                empty.append(f"{pair.reader.label} → {pair.read.label}")
                continue
            parts.append(_mirror_table(pair, dataset))
        if empty:
            line = Text("No reading recorded: ", style="dim")
            line.append_text(t("; ".join(empty), "dim"))
            parts.append(line)
    return Group(*parts)


def _mirror_table(pair: MirrorPair, dataset: Dataset) -> Table:
    reader, read = pair.reader.label, pair.read.label
    table = Table(
        title=t(f"{reader} reads {read}"),
        title_justify="left",
        title_style="bold",
        box=box.ROUNDED,
        show_lines=True,
        expand=True,
        header_style="bold",
    )
    table.add_column(t(f"{reader}'s reading of {read}"), ratio=1, overflow="fold")
    table.add_column(t(f"{read}'s own account"), ratio=1, overflow="fold")
    own = _own_account(pair, dataset)
    if not pair.lines:
        note = t(f"The source records no reading of {read} by {reader}.", "dim italic")
        table.add_row(note, own)
    for line in sorted(pair.lines, key=lambda line: not line.reading.official):
        answer = grouped_block(line.answers, dataset) if line.answers else own
        label = "" if line.reading.official else "Not an official view"
        table.add_row(claim_text(line.reading, dataset, label=label), answer)
    return table


def _own_account(pair: MirrorPair, dataset: Dataset) -> RenderableType:
    if pair.stance is None:
        return t(no_stance(pair.read), "dim italic")
    out = Text("Stance: ", style="bold")
    out.append_text(claim_text(pair.stance, dataset))
    return out


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
        table.add_row(figure, t(fact.text), t(attribution(fact)), _cite(fact.cite, dataset), quotes)
    return table


def _cite(cites: list[Citation], dataset: Dataset) -> Text:
    return Text(", ".join(dict.fromkeys(marker(c, dataset) for c in cites)))


def _quote(cite: Citation) -> Text:
    out = Text("“")
    out.append_text(t(cite.quote or "", "green"))
    out.append("”")
    return out
