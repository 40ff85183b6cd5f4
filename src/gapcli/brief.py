"""The brief: a short note, judgement first, built from the data alone and computed once for
every renderer (Markdown, terminal, Word, HTML).

Every sentence is a list of spans. A span is either fixed wording (one of ``PHRASES``, with
``N`` standing for a count) or a value copied from the dataset, which names where it comes
from (``Where``) and carries the citations of the entry it belongs to. Nothing else enters a
sentence, so each ``¶`` follows the entry it cites and every sentence can be traced back to
named entries (``value_of`` reads a ``Where`` back from the dataset; the tests use it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date

from pydantic import BaseModel

from gapcli.explore import when
from gapcli.models import (
    Citation,
    Dataset,
    Event,
    GapType,
    Issue,
    Loc,
    Party,
    Source,
    Verdict,
    Voice,
    display_date,
)
from gapcli.render.text import attribution
from gapcli.sides import mirror, read_party

LIMIT_ONE = 400  # words, at most, in the brief of one issue
LIMIT_MANY = 1200  # words, at most, in the brief of several issues
MARGIN = 10  # words kept back for what the renderers add (headings, labels, the date line)
LIST_CAP = 3  # entries named in one bottom-line sentence; the rest are counted
BRIDGE_CAP = 1  # bridges shown per issue; the rest are counted
TITLE_CAP = 4  # issue titles named in one bottom-line sentence
LEFT_OUT_CAP = 12  # titles of the issues not detailed, named before "and N more"
BACKGROUND_CAP = 6  # facts and dates in the brief's background

# The three kinds of gap the bottom line sorts issues into.
GROUPS: tuple[tuple[str, frozenset[GapType]], ...] = (
    ("facts and evidence", frozenset({GapType.FACT, GapType.CAUSE})),
    ("motives, linkage or venue", frozenset({GapType.INTENT, GapType.LINKAGE, GapType.VENUE})),
    ("methods and expectations", frozenset({GapType.METHOD, GapType.EXPECTATION})),
)

# Every fixed wording a sentence may hold (N: a count). A test checks that nothing else does.
PHRASES = frozenset(
    {
        *(f"N of N gaps are about {name}: " for name, _ in GROUPS),
        *(f"N gap is about {name}: " for name, _ in GROUPS),
        "Where the sides already agree: ",
        "The source records no common ground on these issues.",
        "The source judges how one side reads another: ",
        "The source judges no side's reading of another on these issues.",
        "Each side reads the other's conduct or motives on: ",
        " reads ",
        " on ",
        "; ",
        ", ",
        ": ",
        ".",
        " — ",
        " (",
        ")",
        " asks: ",
        "No side's asks of another are recorded on these issues.",
        "Recommended next steps: ",
        "The source records no recommendation naming these issues.",
        "; and N more.",
        "; and N more below.",
        "; and N more in the full dossier.",
        "The source reports no official position of ",
        "Misreading",
        "More",
        "In the full dossier.",
        " asks",
        "Bridges",
        "'s own account: ",
        "'s own account: its stance, above",
        "N more facts and dates in the full dossier.",
        " on this.",
        " (inferred)",
        "Gap type: ",
        "N more issues are not detailed here: ",
    }
)


@dataclass(frozen=True)
class Where:
    """Where a value of a span comes from: an issue (None: the dataset file), the path to the
    model inside it, and the field (``text``, ``title``, ``label``, ``verdict`` ...)."""

    issue: str | None
    loc: Loc
    field: str


@dataclass(frozen=True)
class Span:
    """A piece of a sentence: fixed wording (``where`` None) or a value from the dataset,
    followed by the ¶ references of the entry it comes from (``refs``, shown as written)."""

    text: str
    where: Where | None = None
    cites: tuple[Citation, ...] = ()
    refs: str = ""
    strong: bool = False


Sentence = tuple[Span, ...]


@dataclass(frozen=True)
class Row:
    """A labelled line of an issue's section, e.g. ``Washington``: its stance."""

    label: Sentence
    sentence: Sentence


@dataclass(frozen=True)
class IssueBrief:
    """One issue in the brief: question, gap in one line, each side's stance, the key
    misreading, asks and bridges."""

    number: int
    issue: Issue
    question: Sentence | None  # left out when it would keep another issue from the brief
    gap: Sentence
    rows: list[Row]


@dataclass(frozen=True)
class Header:
    """What a reader expects at the top: title, for whom, handling, date, version, sources."""

    title: str
    prepared_for: str | None
    marking: str | None
    date: str  # as people write it: 29 November 2024
    iso_date: str
    version: str | None  # the dataset's own release
    chosen: int  # issues chosen
    total: int  # issues in the dataset
    sources: list[Source]


@dataclass(frozen=True)
class Brief:
    """The whole brief, ready for any renderer."""

    header: Header
    bottom_line: list[Sentence]
    issues: list[IssueBrief]
    left_out: Sentence | None  # the chosen issues not detailed, when the brief is full
    background: list[Sentence]  # facts and dates that name a chosen issue
    quotes: list[tuple[str, list[str]]] = field(default_factory=list)  # ¶ -> quotes (--quotes)
    multi_source: bool = False


@dataclass(frozen=True)
class Options:
    """What the reader asked for: ``--title``, ``--for``, ``--marking``, ``--quotes``."""

    title: str | None = None
    prepared_for: str | None = None
    marking: str | None = None
    quotes: bool = False


_WORD = re.compile(r"[^\W_]")  # a letter or a digit


def words(text: str) -> int:
    """Words: runs of non-space characters holding a letter or digit (``—``, ``·`` and
    Markdown's ``-`` and ``**`` are not words; ``¶6`` and ``2.0`` are)."""
    return sum(1 for token in text.split() if _WORD.search(token))


def sentence_text(sentence: Sentence) -> str:
    """The sentence as plain text, references included."""
    return "".join(s.text + (f" {s.refs}" if s.refs else "") for s in sentence)


def value_of(dataset: Dataset, where: Where) -> str:
    """The dataset's value at ``where``, as the brief shows it (an event's date as ``when``)."""
    model = model_at(dataset, where)
    if isinstance(model, Event) and where.field == "date":
        return when(model)
    if where.field == "by" and isinstance(getattr(model, "voice", None), Voice):
        return attribution(model)  # type: ignore[arg-type]
    value = getattr(model, where.field)
    return str(value.value if isinstance(value, Verdict | GapType) else value)


def model_at(dataset: Dataset, where: Where) -> BaseModel:
    """The model at ``where`` (an issue, a side's stance, an entry, a party ...)."""
    node: object = dataset.meta if where.issue is None else dataset.issue(where.issue)
    for part in where.loc:
        if isinstance(part, int):
            node = node[part]  # type: ignore[index]
        elif isinstance(node, dict):
            node = node[part]
        else:
            node = getattr(node, part)
    assert isinstance(node, BaseModel), where
    return node


class _Builder:
    """Builds spans for one dataset: fixed wording, values with their ¶ references."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.multi = len(dataset.meta.sources) > 1

    def say(self, phrase: str, *counts: int) -> Span:
        assert phrase in PHRASES, phrase
        text = phrase
        for count in counts:
            text = text.replace("N", str(count), 1)
        return Span(text)

    def refs(self, cites: Sequence[Citation]) -> str:
        return ", ".join(dict.fromkeys(self.marker(c) for c in cites))

    def marker(self, cite: Citation) -> str:
        return f"{cite.source} ¶{cite.para}" if self.multi else f"¶{cite.para}"

    def value(
        self, issue: str | None, loc: Loc, name: str, cited: bool = True, strong: bool = False
    ) -> Span:
        where = Where(issue, loc, name)
        model = model_at(self.dataset, where)
        cites: tuple[Citation, ...] = tuple(getattr(model, "cite", ())) if cited else ()
        return Span(value_of(self.dataset, where), where, cites, self.refs(cites), strong)

    def label(self, party: Party) -> Span:
        index = self.dataset.meta.parties.index(party)
        return self.value(None, ("parties", index), "label", cited=False)

    def title(self, issue: Issue, strong: bool = False) -> Span:
        return self.value(issue.id, (), "title", cited=False, strong=strong)


def _listed(
    b: _Builder,
    items: list[list[Span]],
    cap: int,
    more: str = "; and N more.",
    most: int | None = None,
) -> list[Span]:
    """Items joined by ``; ``, at most ``cap`` of them (and, past the first, no more than
    ``most`` words together), then ``and N more``. Items that read the same are shown once."""
    seen: set[str] = set()
    unique = []
    for item in items:
        key = sentence_text(tuple(item))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    out: list[Span] = []
    shown = 0
    for item in unique[:cap]:
        if shown and most is not None and _words([(*out, *item)]) > most:
            break
        if shown:
            out.append(b.say("; "))
        out += item
        shown += 1
    if len(unique) > shown:
        out.append(b.say(more, len(unique) - shown))
    else:
        out.append(b.say("."))
    return out


def _entry(b: _Builder, issue: Issue, loc: Loc) -> list[Span]:
    """An entry's text, then who says it in which voice, and the ¶ it cites."""
    return [
        b.value(issue.id, loc, "text", cited=False),
        b.say(" — "),
        _attributed(b, issue.id, loc),
    ]


def _linked(b: _Builder, name: str, index: int) -> list[Span]:
    """A fact or event of the dataset file: its date or text, who says it, its ¶."""
    model = getattr(b.dataset.meta, name)[index]
    if isinstance(model, Event):
        lead = [b.value(None, (name, index), "date", cited=False, strong=True), b.say(" — ")]
        return [*lead, b.value(None, (name, index), "text")]
    return [
        b.value(None, (name, index), "text", cited=False),
        b.say(" — "),
        _attributed(b, None, (name, index)),
    ]


def _attributed(b: _Builder, issue: str | None, loc: Loc) -> Span:
    """``by · voice`` of an attributed entry, carrying its ¶ references."""
    return b.value(issue, loc, "by")


def _gap_groups(b: _Builder, issues: list[Issue], total: int) -> list[Sentence]:
    out: list[Sentence] = []
    for name, kinds in GROUPS:
        these = [i for i in issues if i.gap_type in kinds]
        if not these:
            continue
        lead = (
            b.say(f"N of N gaps are about {name}: ", len(these), total)
            if total > 1
            else b.say(f"N gap is about {name}: ", 1)
        )
        titles = [[b.title(i)] for i in these]
        out.append((lead, *_listed(b, titles, TITLE_CAP)))
    return out


def _agreement(b: _Builder, issues: list[Issue]) -> Sentence:
    items = [
        _entry(b, issue, ("common_ground", n))
        for issue in issues
        for n in range(len(issue.common_ground))
    ]
    if not items:
        return (b.say("The source records no common ground on these issues."),)
    return (b.say("Where the sides already agree: "), *_listed(b, items, LIST_CAP))


def _judged(b: _Builder, issues: list[Issue]) -> Sentence:
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
    return (b.say("The source judges how one side reads another: "), *_listed(b, items, LIST_CAP))


def _mutual(b: _Builder, issues: list[Issue]) -> Sentence | None:
    """The issues where every side reads every other: mirror images to look for."""
    both = [
        issue
        for issue in issues
        if all(pair.lines for pair in mirror(issue, b.dataset)) and len(b.dataset.meta.parties) > 1
    ]
    if not both:
        return None
    titles = [[b.title(i)] for i in both]
    return (b.say("Each side reads the other's conduct or motives on: "), *_listed(b, titles, 3))


def _official_asks(b: _Builder, issue: Issue, party: Party) -> list[list[Span]]:
    """A side's asks in its official voices (its other voices' asks are in the dossier)."""
    position = issue.positions.get(party.id)
    if position is None:
        return []
    return [
        _entry(b, issue, ("positions", party.id, "asks", n))
        for n, ask in enumerate(position.asks)
        if ask.official
    ]


def _asks(b: _Builder, issues: list[Issue]) -> list[Sentence]:
    out: list[Sentence] = []
    for party in b.dataset.meta.parties:
        items = [item for issue in issues for item in _official_asks(b, issue, party)]
        if items:
            listed = _listed(b, items, 2, "; and N more below.", most=60)
            out.append((b.label(party), b.say(" asks: "), *listed))
    return out or [(b.say("No side's asks of another are recorded on these issues."),)]


def _chosen_only(linked: list[str], chosen: set[str]) -> bool:
    """A fact, event or recommendation that names one of the chosen issues (not general)."""
    return any(i in chosen for i in linked)


def _recommendations(b: _Builder, chosen: set[str]) -> Sentence:
    recs = b.dataset.meta.recommendations
    items = [
        [
            b.value(None, ("recommendations", n), "text", cited=False),
            b.say(" — "),
            _attributed(b, None, ("recommendations", n)),
        ]
        for n, r in enumerate(recs)
        if _chosen_only(r.issues, chosen)
    ]
    if not items:
        return (b.say("The source records no recommendation naming these issues."),)
    more = "; and N more in the full dossier."
    return (b.say("Recommended next steps: "), *_listed(b, items, LIST_CAP, more, most=55))


def _misreading(b: _Builder, issue: Issue) -> Sentence | None:
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
    spans += _entry(b, issue, loc)
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
        spans += _entry(b, issue, ("positions", pair.read.id, kind, index))
    elif read.stance is not None:
        spans += [b.say("; "), b.label(pair.read), b.say("'s own account: its stance, above")]
    return (*spans, b.say("."))


def issue_brief(
    b: _Builder, number: int, issue: Issue, question: bool = True, asks_row: bool = True
) -> IssueBrief:
    """One issue's section: question, gap, stances, key misreading, asks (``asks_row``; a
    brief of one issue has them in its bottom line), bridges."""
    rows: list[Row] = []
    for party in b.dataset.meta.parties:
        position = issue.positions.get(party.id)
        if position is not None and position.stance is not None:
            said = (*_entry(b, issue, ("positions", party.id, "stance")), b.say("."))
        else:
            said = (b.say("The source reports no official position of "), b.label(party))
            said += (b.say(" on this."),)
        rows.append(Row((b.label(party),), said))
    misreading = _misreading(b, issue)
    if misreading:
        rows.append(Row((b.say("Misreading"),), misreading))
    for party in b.dataset.meta.parties:
        asks = _official_asks(b, issue, party) if asks_row else []
        if asks:
            rows.append(Row((b.label(party), b.say(" asks")), tuple(_listed(b, asks, LIST_CAP))))
    bridges = [_entry(b, issue, ("bridges", n)) for n in range(len(issue.bridges))]
    if bridges:
        rows.append(Row((b.say("Bridges"),), tuple(_listed(b, bridges, BRIDGE_CAP))))
    asked = (b.value(issue.id, (), "question", cited=False),) if question else None
    gap = (
        b.value(issue.id, (), "summary", cited=False),
        b.say(" ("),
        b.value(issue.id, (), "gap_type", cited=False),
        b.say(")"),
    )
    return IssueBrief(number, issue, asked, gap, rows)


def _words(sentences: Iterable[Sentence]) -> int:
    return sum(words(sentence_text(s)) for s in sentences)


def section_words(section: IssueBrief) -> int:
    """The words an issue's section takes: heading, question, gap, labelled rows."""
    heading = words(section.issue.title) + 3  # "1." and "The gap:"
    rows = sum(_words([r.label, r.sentence]) for r in section.rows)
    asked = _words([section.question]) if section.question else 0
    return heading + asked + _words([section.gap]) + rows


TITLED_BY_ISSUES = 3  # a brief of at most this many (of more) issues is titled by theirs


def _title(dataset: Dataset, chosen: list[Issue]) -> str:
    """The dataset's title, or for a few of its issues their titles."""
    if len(chosen) < len(dataset.issues) and len(chosen) <= TITLED_BY_ISSUES:
        return "; ".join(issue.title for issue in chosen)
    return dataset.meta.title


def header(dataset: Dataset, chosen: list[Issue], options: Options, iso_date: str) -> Header:
    """The brief's metadata: options first, then the dataset's ``brief`` defaults."""
    meta = dataset.meta
    defaults = meta.brief
    title = options.title or (defaults.title if defaults else None) or _title(dataset, chosen)
    prepared_for = options.prepared_for or (defaults.prepared_for if defaults else None)
    marking = options.marking or (defaults.marking if defaults else None)
    return Header(
        title,
        prepared_for,
        marking,
        human_date(iso_date),
        iso_date,
        meta.version,
        len(chosen),
        len(dataset.issues),
        list(meta.sources),
    )


def human_date(iso_date: str) -> str:
    """``2024-11-29`` as people write it: ``29 November 2024``."""
    try:
        Date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return display_date(iso_date)


def header_words(head: Header) -> int:
    """The words of the visible header (title, for, marking, date line, sources)."""
    parts = [head.title, head.prepared_for or "", head.marking or "", head.date]
    parts += [f"{s.title} {s.publisher} {s.date or ''} {s.url or ''}" for s in head.sources]
    return sum(words(p) for p in parts) + 24  # headings, date line, the ¶ note


def build(
    dataset: Dataset, issues: list[Issue], iso_date: str, options: Options, detail: bool = True
) -> Brief:
    """The brief of ``issues``: at most ``LIMIT_ONE`` words for one issue, ``LIMIT_MANY`` for
    more; issues that do not fit are named (and counted) instead of detailed. Without
    ``detail``, only the header and the bottom line (what the full dossier opens with)."""
    b = _Builder(dataset)
    head = header(dataset, issues, options, iso_date)
    chosen = {i.id for i in issues}
    bottom = [*_gap_groups(b, issues, len(issues)), _agreement(b, issues), _judged(b, issues)]
    mutual = _mutual(b, issues)
    if mutual:
        bottom.append(mutual)
    bottom += [*_asks(b, issues), _recommendations(b, chosen)]
    limit = (LIMIT_ONE if len(issues) == 1 else LIMIT_MANY) - MARGIN
    if not detail:
        return Brief(head, bottom, [], None, [], [], b.multi)
    used = header_words(head) + _words(bottom)
    sections, cost = _sections(b, issues, limit - used, question=True)
    if len(sections) < len(issues):  # questions left out when that details more issues
        fewer, shorter = _sections(b, issues, limit - used, question=False)
        if len(fewer) > len(sections):
            sections, cost = fewer, shorter
    used += cost
    left = issues[len(sections) :]
    left_out = _left_out(b, left) if left else None
    used += _words([left_out]) if left_out else 0
    background: list[Sentence] = []
    items = _background_items(dataset, chosen)
    for name, index in items:
        item = (*_linked(b, name, index), b.say("."))
        if len(background) == BACKGROUND_CAP or used + _words([item]) > limit - 10:
            break
        background.append(item)
        used += _words([item])
    if background and len(items) > len(background):
        more = len(items) - len(background)
        background.append((b.say("N more facts and dates in the full dossier.", more),))
    brief = Brief(head, bottom, sections, left_out, background, [], b.multi)
    if options.quotes:
        brief.quotes.extend(_quotes(b, brief))
    return brief


def _sections(
    b: _Builder, issues: list[Issue], budget: int, question: bool
) -> tuple[list[IssueBrief], int]:
    """The issues' sections, in order, while they fit in ``budget`` words (at least one)."""
    sections: list[IssueBrief] = []
    used = 0
    for number, issue in enumerate(issues, 1):
        section = issue_brief(b, number, issue, question, asks_row=len(issues) > 1)
        if not sections:
            section = _fit(b, section, budget - _left_out_reserve(issues, number))
        cost = section_words(section)
        if sections and used + cost > budget - _left_out_reserve(issues, number):
            break
        sections.append(section)
        used += cost
    return sections, used


def _fit(b: _Builder, section: IssueBrief, budget: int) -> IssueBrief:
    """The first section, made to fit: without its question, then without its last rows
    (bridges, asks, the misreading), saying so; each side's stance always stays."""
    if section_words(section) <= budget:
        return section
    section = replace(section, question=None)
    if section_words(section) <= budget:
        return section
    sides = len(b.dataset.meta.parties)
    stances, optional = section.rows[:sides], section.rows[sides:]
    more = Row(_MORE, (b.say("In the full dossier."),))
    while optional:
        optional = optional[:-1]
        shorter = replace(section, rows=[*stances, *optional, more])
        if section_words(shorter) <= budget:
            return shorter
    return replace(section, rows=[*stances, more])


_MORE = (Span("More"),)


def _left_out_reserve(issues: list[Issue], start: int) -> int:
    """Words kept for naming the issues from ``start`` on, should they not fit."""
    rest = issues[start : start + LEFT_OUT_CAP]
    return sum(words(i.title) + 1 for i in rest) + 12 if rest else 0


def _left_out(b: _Builder, rest: list[Issue]) -> Sentence:
    lead = b.say("N more issues are not detailed here: ", len(rest))
    return (lead, *_listed(b, [[b.title(i)] for i in rest], LEFT_OUT_CAP))


def _background_items(dataset: Dataset, chosen: set[str]) -> list[tuple[str, int]]:
    """Facts, then dates in order, that name a chosen issue (general context: --full only)."""
    meta = dataset.meta
    facts = [("facts", n) for n, f in enumerate(meta.facts) if _chosen_only(f.issues, chosen)]
    events = sorted(
        (n for n, e in enumerate(meta.timeline) if _chosen_only(e.issues, chosen)),
        key=lambda n: meta.timeline[n].sort_key(),
    )
    return [*facts, *(("timeline", n) for n in events)]


def sentences(brief: Brief) -> list[Sentence]:
    """Every sentence of the brief, in reading order (labels included)."""
    out = list(brief.bottom_line)
    for section in brief.issues:
        out += [section.question] if section.question else []
        out.append(section.gap)
        out += [part for row in section.rows for part in (row.label, row.sentence)]
    out += [brief.left_out] if brief.left_out else []
    return out + list(brief.background)


def _quotes(b: _Builder, brief: Brief) -> list[tuple[str, list[str]]]:
    """Each paragraph the brief cites (in source and paragraph order) with its quotes."""
    from gapcli.render.markdown import outermost

    cited: dict[tuple[str, int], dict[str, None]] = {}
    for sentence in sentences(brief):
        for span in sentence:
            for cite in span.cites:
                quotes = cited.setdefault((cite.source, cite.para), {})
                if cite.quote:
                    quotes[cite.quote] = None
    order = {s.id: n for n, s in enumerate(b.dataset.meta.sources)}
    keys = sorted(cited, key=lambda k: (order.get(k[0], 0), k[1]))
    return [(b.marker(Citation(source=s, para=p)), outermost(list(cited[(s, p)]))) for s, p in keys]
