"""The brief: a short note, judgement first, built from the data alone and computed once for
every renderer (Markdown, terminal, Word, HTML).

Every sentence is a list of spans. A span is either fixed wording (one of ``PHRASES``, with
``N`` standing for a count) or a value copied from the dataset, which names where it comes
from (``Where``) and carries the citations of the entry it belongs to. Nothing else enters a
sentence, so each ``¶`` follows the entry it cites and every sentence can be traced back to
named entries (``value_of`` reads a ``Where`` back from the dataset; the tests use it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date as Date

from gapcli.document.brief.sentences import (
    agreement,
    asks,
    chosen_only,
    gap_groups,
    issue_brief,
    judged,
    linked,
    mutual,
    recommendations,
    section_words,
)
from gapcli.document.brief.spans import (
    BACKGROUND_CAP,
    LEFT_OUT_CAP,
    PHRASES,
    BriefRow,
    Builder,
    IssueBrief,
    Sentence,
    Span,
    Where,
    listed,
    model_at,
    sentence_text,
    value_of,
    words,
    words_in,
)
from gapcli.domain.models import Citation, Dataset, Issue, Source, display_date
from gapcli.domain.text import outermost, plural

__all__ = [
    "LIMIT_MANY",
    "LIMIT_ONE",
    "PHRASES",
    "Brief",
    "BriefRow",
    "Header",
    "IssueBrief",
    "Options",
    "Sentence",
    "Span",
    "Where",
    "build",
    "dateline",
    "model_at",
    "section_words",
    "sentence_text",
    "sentences",
    "value_of",
    "words",
]

LIMIT_ONE = 400  # words, at most, in the brief of one issue
LIMIT_MANY = 1200  # words, at most, in the brief of several issues
MARGIN = 10  # words kept back for what the renderers add (headings, labels, the date line)


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
    filtered: bool = False  # --side, --voice or --by narrowed the statements


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


def dateline(head: Header, escape: Callable[[str], str] = str) -> str:
    """``29 November 2024 · dataset version 2.0 · 7 issues`` (``escape`` applied to data)."""
    parts = [head.date]
    if head.version:
        parts.append(f"dataset version {escape(head.version)}")
    if head.chosen < head.total:
        parts.append(f"{head.chosen} of {head.total} issues")
    else:
        parts.append(plural(head.total, "issue"))
    return " · ".join(parts)


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
    b = Builder(dataset, options.filtered)
    head = header(dataset, issues, options, iso_date)
    chosen = {i.id for i in issues}
    bottom = [*gap_groups(b, issues, len(issues)), agreement(b, issues), judged(b, issues)]
    mirrored = mutual(b, issues)
    if mirrored:
        bottom.append(mirrored)
    bottom += [*asks(b, issues), recommendations(b, chosen)]
    limit = (LIMIT_ONE if len(issues) == 1 else LIMIT_MANY) - MARGIN
    if not detail:
        return Brief(head, bottom, [], None, [], [], b.multi)
    used = header_words(head) + words_in(bottom)
    sections, cost = _sections(b, issues, limit - used, question=True)
    if len(sections) < len(issues):  # questions left out when that details more issues
        fewer, shorter = _sections(b, issues, limit - used, question=False)
        if len(fewer) > len(sections):
            sections, cost = fewer, shorter
    used += cost
    left = issues[len(sections) :]
    left_out = _left_out(b, left) if left else None
    used += words_in([left_out]) if left_out else 0
    background: list[Sentence] = []
    items = _background_items(dataset, chosen)
    for name, index in items:
        item = (*linked(b, name, index), b.say("."))
        if len(background) == BACKGROUND_CAP or used + words_in([item]) > limit - 10:
            break
        background.append(item)
        used += words_in([item])
    if background and len(items) > len(background):
        more = len(items) - len(background)
        background.append((b.say("N more facts and dates in the full dossier.", more),))
    brief = Brief(head, bottom, sections, left_out, background, [], b.multi)
    if options.quotes:
        brief.quotes.extend(_quotes(b, brief))
    return brief


def _sections(
    b: Builder, issues: list[Issue], budget: int, question: bool
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


def _fit(b: Builder, section: IssueBrief, budget: int) -> IssueBrief:
    """The first section, made to fit: without its question, then without its last rows
    (bridges, asks, the misreading), saying so; each side's stance always stays."""
    if section_words(section) <= budget:
        return section
    section = replace(section, question=None)
    if section_words(section) <= budget:
        return section
    sides = len(b.dataset.meta.parties)
    stances, optional = section.rows[:sides], section.rows[sides:]
    more = BriefRow(_MORE, (b.say("In the full dossier."),))
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


def _left_out(b: Builder, rest: list[Issue]) -> Sentence:
    lead = b.say("N more issues are not detailed here: ", len(rest))
    return (lead, *listed(b, [[b.title(i)] for i in rest], LEFT_OUT_CAP))


def _background_items(dataset: Dataset, chosen: set[str]) -> list[tuple[str, int]]:
    """Facts, then dates in order, that name a chosen issue (general context: --full only)."""
    meta = dataset.meta
    facts = [("facts", n) for n, f in enumerate(meta.facts) if chosen_only(f.issues, chosen)]
    events = sorted(
        (n for n, e in enumerate(meta.timeline) if chosen_only(e.issues, chosen)),
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


def _quotes(b: Builder, brief: Brief) -> list[tuple[str, list[str]]]:
    """Each paragraph the brief cites (in source and paragraph order) with its quotes."""
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
