"""The brief's sentences: the bottom line and each issue's section, built only from
fixed wording (``PHRASES``) and the dataset's values."""

from __future__ import annotations

from gapcli.document.brief.spans import (
    BRIDGE_CAP,
    GAP_GROUPS,
    LIST_CAP,
    TITLE_CAP,
    BriefRow,
    Builder,
    IssueBrief,
    Sentence,
    Span,
    listed,
    words,
    words_in,
)
from gapcli.domain.models import (
    Event,
    Issue,
    Loc,
    Party,
)
from gapcli.views.sides import mirror, read_party


def entry(b: Builder, issue: Issue, loc: Loc) -> list[Span]:
    """An entry's text, then who says it in which voice, and the ¶ it cites."""
    return [
        b.value(issue.id, loc, "text", cited=False),
        b.say(" — "),
        attributed(b, issue.id, loc),
    ]


def linked(b: Builder, name: str, index: int) -> list[Span]:
    """A fact or event of the dataset file: its date or text, who says it, its ¶."""
    model = getattr(b.dataset.meta, name)[index]
    if isinstance(model, Event):
        lead = [b.value(None, (name, index), "date", cited=False, strong=True), b.say(" — ")]
        if model.by is None:
            return [*lead, b.value(None, (name, index), "text")]
        said = b.value(None, (name, index), "text", cited=False)
        return [*lead, said, b.say(" — "), b.value(None, (name, index), "by")]
    return [
        b.value(None, (name, index), "text", cited=False),
        b.say(" — "),
        attributed(b, None, (name, index)),
    ]


def attributed(b: Builder, issue: str | None, loc: Loc) -> Span:
    """``by · voice`` of an attributed entry, carrying its ¶ references."""
    return b.value(issue, loc, "by")


def gap_groups(b: Builder, issues: list[Issue], total: int) -> list[Sentence]:
    out: list[Sentence] = []
    for name, kinds in GAP_GROUPS:
        these = [i for i in issues if i.gap_type in kinds]
        if not these:
            continue
        lead = (
            b.say(f"N of N gaps are about {name}: ", len(these), total)
            if total > 1
            else b.say(f"N gap is about {name}: ", 1)
        )
        titles = [[b.title(i)] for i in these]
        out.append((lead, *listed(b, titles, TITLE_CAP)))
    return out


def agreement(b: Builder, issues: list[Issue]) -> Sentence:
    items = [
        entry(b, issue, ("common_ground", n))
        for issue in issues
        for n in range(len(issue.common_ground))
    ]
    if not items:
        return (b.say("The source records no common ground on these issues."),)
    return (b.say("Where the sides already agree: "), *listed(b, items, LIST_CAP))


def judged(b: Builder, issues: list[Issue]) -> Sentence:
    """Readings the source assesses: who reads whom, on what, and the verdict."""
    items: list[list[Span]] = []
    for issue in issues:
        for party in b.dataset.meta.parties:
            position = issue.positions.get(party.id)
            for n, reading in enumerate(position.readings if position else []):
                read = read_party(reading, party.id, b.dataset)
                if reading.assessment is None or read is None:
                    continue
                loc: Loc = ("positions", party.id, "readings", n, "assessment")
                items.append(
                    [
                        b.label(party),
                        b.say(" reads "),
                        b.label(read),
                        b.say(" on "),
                        b.title(issue),
                        b.say(": "),
                        b.value(issue.id, loc, "verdict"),
                    ]
                )
    if not items:
        return (b.say("The source judges no side's reading of another on these issues."),)
    return (b.say("The source judges how one side reads another: "), *listed(b, items, LIST_CAP))


def mutual(b: Builder, issues: list[Issue]) -> Sentence | None:
    """The issues where every side reads every other: mirror images to look for."""
    both = [
        issue
        for issue in issues
        if all(pair.lines for pair in mirror(issue, b.dataset)) and len(b.dataset.meta.parties) > 1
    ]
    if not both:
        return None
    titles = [[b.title(i)] for i in both]
    return (b.say("Each side reads the other's conduct or motives on: "), *listed(b, titles, 3))


def official_asks(b: Builder, issue: Issue, party: Party) -> list[list[Span]]:
    """A side's asks in its official voices (its other voices' asks are in the dossier)."""
    position = issue.positions.get(party.id)
    if position is None:
        return []
    return [
        entry(b, issue, ("positions", party.id, "asks", n))
        for n, ask in enumerate(position.asks)
        if ask.official
    ]


def asks(b: Builder, issues: list[Issue]) -> list[Sentence]:
    out: list[Sentence] = []
    for party in b.dataset.meta.parties:
        items = [item for issue in issues for item in official_asks(b, issue, party)]
        if items:
            shown = listed(b, items, 2, "; and N more below.", most=60)
            out.append((b.label(party), b.say(" asks: "), *shown))
    return out or [(b.say("No side's asks of another are recorded on these issues."),)]


def chosen_only(linked: list[str], chosen: set[str]) -> bool:
    """A fact, event or recommendation that names one of the chosen issues (not general)."""
    return any(i in chosen for i in linked)


def recommendations(b: Builder, chosen: set[str]) -> Sentence:
    recs = b.dataset.meta.recommendations
    items = [
        [
            b.value(None, ("recommendations", n), "text", cited=False),
            b.say(" — "),
            attributed(b, None, ("recommendations", n)),
        ]
        for n, r in enumerate(recs)
        if chosen_only(r.issues, chosen)
    ]
    if not items:
        return (b.say("The source records no recommendation naming these issues."),)
    more = "; and N more in the full dossier."
    return (b.say("Recommended next steps: "), *listed(b, items, LIST_CAP, more, most=55))


def misreading(b: Builder, issue: Issue) -> Sentence | None:
    """The key misreading: one the source assesses first, then one that answers entries of
    the read side, then an official one; shown beside the read side's own account (what the
    reading answers, else its stance, which its row above already shows)."""
    best: tuple[int, int, int] | None = None
    pairs = mirror(issue, b.dataset)
    for pair_no, pair in enumerate(pairs):
        for line_no, line in enumerate(pair.lines):
            reading = line.reading
            rank = 0 if reading.assessment else 2 if line.answers else 4 if reading.official else 6
            reader = issue.positions[pair.reader.id].stance
            rank += 1 if reader is not None and reader.text == reading.text else 0
            if best is None or rank < best[0]:
                best = (rank, pair_no, line_no)
    if best is None:
        return None
    pair = pairs[best[1]]
    line = pair.lines[best[2]]
    n = issue.positions[pair.reader.id].readings.index(line.reading)
    loc: Loc = ("positions", pair.reader.id, "readings", n)
    spans: list[Span] = [b.label(pair.reader), b.say(" reads "), b.label(pair.read), b.say(": ")]
    spans += entry(b, issue, loc)
    read = issue.positions[pair.read.id]
    answer = line.answers[0] if line.answers else None
    if answer is not None and not (read.stance and answer.text == read.stance.text):
        kind, index = next(
            (k, i)
            for k in ("claims", "readings", "asks")
            for i, e in enumerate(getattr(read, k))
            if e is answer
        )
        spans += [b.say("; "), b.label(pair.read), b.say("'s own account: ")]
        spans += entry(b, issue, ("positions", pair.read.id, kind, index))
    elif read.stance is not None:
        spans += [b.say("; "), b.label(pair.read), b.say("'s own account: its stance, above")]
    return (*spans, b.say("."))


def issue_brief(
    b: Builder, number: int, issue: Issue, question: bool = True, asks_row: bool = True
) -> IssueBrief:
    """One issue's section: question, gap, stances, key misreading, asks (``asks_row``; a
    brief of one issue has them in its bottom line), bridges."""
    rows: list[BriefRow] = []
    for party in b.dataset.meta.parties:
        position = issue.positions.get(party.id)
        if position is not None and position.stance is not None:
            said = (*entry(b, issue, ("positions", party.id, "stance")), b.say("."))
        elif b.filtered:
            said = (b.say("No stance passes the filters for "), b.label(party), b.say("."))
        else:
            said = (b.say("The source reports no official position of "), b.label(party))
            said += (b.say(" on this."),)
        rows.append(BriefRow((b.label(party),), said))
    misread = misreading(b, issue)
    if misread:
        rows.append(BriefRow((b.say("Misreading"),), misread))
    for party in b.dataset.meta.parties:
        asks = official_asks(b, issue, party) if asks_row else []
        if asks:
            rows.append(
                BriefRow((b.label(party), b.say(" asks")), tuple(listed(b, asks, LIST_CAP)))
            )
    bridges = [entry(b, issue, ("bridges", n)) for n in range(len(issue.bridges))]
    if bridges:
        rows.append(BriefRow((b.say("Bridges"),), tuple(listed(b, bridges, BRIDGE_CAP))))
    asked = (b.value(issue.id, (), "question", cited=False),) if question else None
    gap = (
        b.value(issue.id, (), "summary", cited=False),
        b.say(" ("),
        b.value(issue.id, (), "gap_type", cited=False),
        b.say(")"),
    )
    return IssueBrief(number, issue, asked, gap, rows)


def section_words(section: IssueBrief) -> int:
    """The words an issue's section takes: heading, question, gap, labelled rows."""
    heading = words(section.issue.title) + 3  # "1." and "The gap:"
    rows = sum(words_in([r.label, r.sentence]) for r in section.rows)
    asked = words_in([section.question]) if section.question else 0
    return heading + asked + words_in([section.gap]) + rows
