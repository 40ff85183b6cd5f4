"""Rich renderables for the views across issues: search hits, perceptions, timeline, facts.

As in ``render.terminal``, dataset text only ever enters Rich as ``Text``, never markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gapcli.domain.entries import KIND_LABEL, Citation
from gapcli.domain.models import Dataset, Event, Fact
from gapcli.domain.text import attribution, marker, markers, plural, visible
from gapcli.render.terminal.box_table import BoxColumn, BoxTable, Layouts
from gapcli.render.terminal.cells import Lines, Styled, claim_text, grouped_block, t
from gapcli.render.terminal.simple_table import Column, SimpleTable
from gapcli.views.explore import PerceptionRow, Speaker, when
from gapcli.views.sides import MirrorPair, no_stance
from gapcli.views.statements import Said

SNIPPET = 80
SHOWN_ISSUES = 6  # a speaker's issues a table cell lists; --format tsv and json list them all
HIGHLIGHT = "bold reverse"
_FLAT = str.maketrans("\n\r\t", "   ")


def snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = SNIPPET) -> Text:
    """About ``width`` characters around the first match, on one line, every match highlighted.

    The cut falls at a space where one is near, and is marked with ``…``. Highlights are
    applied as spans on the match, so the text is never parsed as markup.
    """
    return add_snippet(Styled(), text, spans, width).text()


def add_snippet(out: Styled, text: str, spans: tuple[tuple[int, int], ...], width: int) -> Styled:
    """``snippet``'s text and highlights, added to ``out``."""
    flat = text.translate(_FLAT)
    lo, hi = _window(flat, spans[0] if spans else (0, 0), width)
    if lo:
        out.add("…")
    edge = lo
    for start, end in spans:
        start, end = max(start, lo), min(end, hi)
        if start >= end:
            continue
        out.add(visible(flat[edge:start]))
        out.add(visible(flat[start:end]), HIGHLIGHT)
        edge = end
    return out.add(visible(flat[edge:hi]) + ("…" if hi < len(flat) else ""))


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


def search_view(
    hits: list[Said], query: str, dataset: Dataset, full: bool = False
) -> Iterator[RenderableType]:
    """Search hits grouped by issue (then the dataset file): one per statement, with its side,
    what it is, who says it in which voice, its citation, then its text and any other field
    that matched (a quote, a figure); ``full`` shows whole texts instead of snippets.

    One block per issue, drawn as it is needed: tens of thousands of hits are never all
    laid out at once.
    """
    issues = len({h.issue for h in hits if h.issue is not None})
    head = Text(f"{plural(len(hits), 'hit')} for “")
    head.append_text(t(query))
    places = [plural(issues, "issue")] if issues else []
    places += ["the dataset file"] if any(h.issue is None for h in hits) else []
    head.append(f"” in {' and '.join(places)}")
    yield head
    for title, group in _by_issue(hits, dataset):
        lines: list[tuple[int, Text | Styled]] = [(0, title)]
        for hit in group:
            lines.extend(_hit(hit, dataset, full))
        yield Lines(lines)


def _by_issue(items: list[Said], dataset: Dataset) -> Iterator[tuple[Text, Iterator[Said]]]:
    """Each issue's heading (after a blank line) with its items, then the dataset file's."""
    for issue_id, group in groupby(items, key=lambda h: h.issue):
        title = Text("\n")
        if issue_id is None:
            title.append("Dataset file", style="bold")
            title.append(" (title, dialogue, facts, timeline, recommendations)", style="dim")
        else:
            issue = dataset.issue(issue_id)
            title.append_text(t(issue_id, "bold cyan"))
            title.append_text(t(f" — {issue.title}" if issue else "", "bold"))
        yield title, group


def _said_head(out: Styled, item: Said, dataset: Dataset) -> Styled:
    """``Northport · claim · the port authority · official (farm-silt)  ¶2``: side, what it
    is, who says it in which voice (a match in the speaker highlighted), id, citation."""
    party = dataset.party(item.party) if item.party else None
    if party is not None:
        out.data(party.label, "bold").add(" · ", "dim")
    out.data(item.kind, "italic")
    if item.by is not None:
        out.add(" · ", "dim")
        by = item.matched("by")
        if by:
            add_snippet(out, item.by, by.spans, len(item.by))
        else:
            out.data(item.by)
        if item.voice is not None:
            out.data(f" · {item.voice.value}")
    if item.item:
        out.data(f" ({item.item})", "dim")
    if item.cite:
        out.add(f"  {markers(list(item.cite), dataset)}", "dim")
    return out


def _hit(hit: Said, dataset: Dataset, full: bool) -> list[tuple[int, Text | Styled]]:
    lines: list[tuple[int, Text | Styled]] = [(2, _said_head(Styled(), hit, dataset))]
    main = hit.fields[0] if hit.lone else hit.matched("text") or hit.matched("what")
    if hit.text:
        spans = main.spans if main is not None else ()
        lines.append((4, _shown(Styled(), hit.text, spans, full)))
    for field in hit.fields:
        if field is main or field.name == "by":
            continue
        out = Styled("dim").add(f"{_field_label(field.name)}: ")  # the line dimmed
        quote = field.name.endswith("quote")
        if quote:
            out.add("“")
        _shown(out, field.text, field.spans, full)
        if quote:
            out.add("”")
        lines.append((4, out))
    return lines


def _shown(out: Styled, text: str, spans: tuple[tuple[int, int], ...], full: bool) -> Styled:
    return add_snippet(out, text, spans, len(text) if full else SNIPPET)


def _field_label(name: str) -> str:
    last = name.rsplit(".", 1)[-1]
    return KIND_LABEL.get(last, last.replace("_", " "))


def speakers_table(found: list[Speaker], dataset: Dataset) -> SimpleTable:
    """Every speaker: who (as attributed), voice, side, how many statements, and where (the
    first few issues, and how many more)."""
    table = SimpleTable(
        [
            Column("Speaker", ratio=3),
            Column("Voice"),
            Column("Side"),
            Column("Statements"),
            Column("Issues", ratio=2, style="cyan"),
        ]
    )
    for speaker in found:
        party = dataset.party(speaker.party) if speaker.party else None
        where = speaker.issues + (
            ["dataset file"] if any(s.issue is None for s in speaker.said) else []
        )
        more = len(where) - SHOWN_ISSUES
        listed = ", ".join(where[:SHOWN_ISSUES]) + (f" and {more} more" if more > 0 else "")
        table.add_row(
            t(speaker.by),
            Text(speaker.voice.value if speaker.voice else "—"),
            t(party.label) if party else Text("—", style="dim"),
            Text(str(len(speaker.said))),
            t(listed),
        )
    return table


def who_view(found: list[Speaker], asked: str, dataset: Dataset) -> Iterator[RenderableType]:
    """What each speaker matching ``asked`` said, speaker by speaker, across issues (one block
    per speaker, drawn as it is needed)."""
    count = sum(len(s.said) for s in found)
    head = Text(f"{plural(len(found), 'speaker')} {'matches' if len(found) == 1 else 'match'} “")
    head.append_text(t(asked))
    head.append(f"”: {plural(count, 'statement')}")
    yield head
    for speaker in found:
        line = Text("\n")
        line.append_text(t(speaker.by, "bold"))
        party = dataset.party(speaker.party) if speaker.party else None
        line.append_text(t(f" · {speaker.voice.value}" if speaker.voice else ""))
        line.append_text(t(f" · {party.label}" if party else " · no side"))
        line.append(f" — {plural(len(speaker.said), 'statement')}", style="dim")
        lines = [(0, line)]
        for item in speaker.said:
            where = Text()
            where.append_text(t(item.issue or "dataset file", "cyan"))
            where.append(" · ", style="dim")
            where.append_text(t(item.kind, "italic"))
            if item.item:
                where.append_text(t(f" ({item.item})", "dim"))
            if item.cite:
                where.append(f"  {markers(list(item.cite), dataset)}", style="dim")
            lines += [(2, where), (4, t(item.text))]
        yield Lines(lines)


def perception_table(rows: list[PerceptionRow], dataset: Dataset) -> BoxTable:
    """The directed matrix: for each issue, one row per reading side, one column per side read
    (each row laid out as it is drawn)."""
    parties = dataset.meta.parties
    widest = max((len(row.issue.id) for row in rows), default=5)
    columns = [
        BoxColumn("Issue", width=max(widest, 14)),
        BoxColumn(
            "Reader",
            no_wrap=True,
            overflow="ellipsis",
            widest=max((cell_len(t(row.reader.label).plain) for row in rows), default=0),
        ),
        *(BoxColumn(t(f"of {party.label}"), ratio=1) for party in parties),
    ]
    title = "Who reads whom, issue by issue (rows read columns)"
    return BoxTable(columns, _perception_rows(rows, dataset), title=title)


def _perception_rows(rows: list[PerceptionRow], dataset: Dataset) -> Iterator[list[RenderableType]]:
    parties = dataset.meta.parties
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
        yield cells


def mirror_view(
    pairs: list[MirrorPair], dataset: Dataset, every_pair: bool = True
) -> Iterator[RenderableType]:
    """Each ordered pair A→B: A's reading of B beside B's own account, an issue at a time.

    ``every_pair`` False (all issues at once) lists pairs without a reading in one line.
    """
    # A pair's title, columns and layouts are the same in every issue: made once.
    heads: dict[tuple[str, str], tuple[Text, list[BoxColumn], Layouts]] = {}
    first = True
    for issue, group in groupby(pairs, key=lambda p: p.issue):
        head = Text("" if first else "\n")
        first = False
        head.append_text(t(issue.title, "bold"))
        head.append(f"  ({issue.id})", style="dim")
        parts: list[RenderableType] = [head]
        empty = []
        for pair in group:
            if not pair.lines and not every_pair:
                empty.append(f"{pair.reader.label} → {pair.read.label}")
                continue
            key = (pair.reader.id, pair.read.id)
            if key not in heads:
                heads[key] = _mirror_head(pair)
            title, columns, layouts = heads[key]
            parts.append(BoxTable(columns, _mirror_rows(pair, dataset), title, layouts))
        if empty:
            line = Text("No reading recorded: ", style="dim")
            line.append_text(t("; ".join(empty), "dim"))
            parts.append(line)
        yield Group(*parts)


def _mirror_head(pair: MirrorPair) -> tuple[Text, list[BoxColumn], Layouts]:
    """A pair's table title and columns, and the layouts its tables share."""
    reader, read = pair.reader.label, pair.read.label
    columns = [
        BoxColumn(t(f"{reader}'s reading of {read}"), ratio=1),
        BoxColumn(t(f"{read}'s own account"), ratio=1),
    ]
    return t(f"{reader} reads {read}"), columns, {}


def _mirror_rows(pair: MirrorPair, dataset: Dataset) -> Iterator[list[RenderableType]]:
    own: RenderableType | None = None  # made when a row needs it, once
    if not pair.lines:
        reader, read = pair.reader.label, pair.read.label
        own = _own_account(pair, dataset)
        yield [t(f"The source records no reading of {read} by {reader}.", "dim italic"), own]
    for line in sorted(pair.lines, key=lambda line: not line.reading.official):
        if line.answers:
            answer = grouped_block(line.answers, dataset)
        else:
            own = own if own is not None else _own_account(pair, dataset)
            answer = own
        label = "" if line.reading.official else "Not an official view"
        yield [claim_text(line.reading, dataset, label=label), answer]


def _own_account(pair: MirrorPair, dataset: Dataset) -> RenderableType:
    if pair.stance is None:
        return t(no_stance(pair.read), "dim italic")
    out = Text()  # only the label is bold, not the account after it
    out.append("Stance: ", style="bold")
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
