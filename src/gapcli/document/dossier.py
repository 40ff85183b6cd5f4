"""The full dossier (``export --full``), built once as blocks (``document/blocks.py``) for every
format: the brief's header and bottom line, then the context, every issue side by side with
the source's analysis, the recommendations and every quote.

Every span is dataset text (``data``) or fixed wording; writers escape all of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gapcli.document.blocks import (
    Block,
    BulletList,
    Dossier,
    Grid,
    Heading,
    Legend,
    Paragraph,
    Sources,
    data,
)
from gapcli.document.brief import Brief, Sentence, Span
from gapcli.document.brief.spans import Builder
from gapcli.document.labels import entry_label
from gapcli.domain.models import (
    GAP_TYPE_MEANING,
    Citation,
    Claim,
    Dataset,
    DatasetFile,
    Fact,
    Issue,
    Reading,
    Recommendation,
    Statement,
    display_date,
)
from gapcli.domain.text import attribution, outermost
from gapcli.views.explore import narrowed_meta, when
from gapcli.views.sides import Row, Side, analysis_heading, no_stance, row_label, sides


@dataclass
class Notes:
    """The paragraphs cited so far, each with its quotes (for Citations)."""

    builder: Builder
    quotes: dict[tuple[str, int], dict[str, None]] = field(default_factory=dict)

    def refs(self, cites: Sequence[Citation]) -> str:
        """``¶6, ¶7`` for these citations, remembering their quotes."""
        for cite in cites:
            quotes = self.quotes.setdefault((cite.source, cite.para), {})
            if cite.quote:
                quotes[cite.quote] = None
        return self.builder.refs(cites)


def _said(entry: Statement | Fact | Recommendation, notes: Notes, label: str = "") -> Sentence:
    """``Claim: text — who · voice ¶6``, with a reading's assessment by the source."""
    lead = (Span(label, strong=True, data=True, after=":"), Span(" ")) if label else ()
    who = data(attribution(entry), refs=notes.refs(entry.cite), em=True)
    out = (*lead, data(entry.text), Span(" — "), who)
    if isinstance(entry, Reading) and entry.assessment is not None:
        a = entry.assessment
        said = (Span(" — "), data(a.text)) if a.text else ()
        out += (
            Span(" The source's assessment: "),
            Span(a.verdict.value, strong=True),
            *said,
            Span(" — "),
            data(attribution(a), refs=notes.refs(a.cite), em=True),
        )
    return out


def _cell(side: Side, row: Row, dataset: Dataset, notes: Notes, filtered: bool) -> list[Sentence]:
    if row is Row.STANCE:
        if side.stance is None and filtered:
            before = "No stance passes the filters for "
            return [(Span(side.party.label, em=True, data=True, before=before, after="."),)]
        if side.stance is None:
            return [(data(no_stance(side.party), em=True),)]
        return [_said(side.stance, notes)]
    entries = side.row(row)
    labelled = row is Row.OTHER or (row is Row.READINGS and len(dataset.meta.parties) > 2)
    return [
        _said(e, notes, entry_label(k, e, side.party, dataset) if labelled else "")
        for k, e in entries
    ]


def _bullets(claims: list[Claim], notes: Notes) -> BulletList:
    return BulletList([_said(c, notes) for c in claims] or [(Span("None recorded."),)])


def _lead(lead: str, *rest: Span) -> Paragraph:
    """``**The gap.** text``: a bold lead, then the text."""
    return Paragraph((Span(lead, strong=True), *((Span(" "), *rest) if rest else ())))


def _related(issue: Issue, dataset: Dataset, sections: dict[str, int]) -> Paragraph:
    """``Related: title (§2); title``: with its section number when the dossier includes it."""
    related: list[Span] = [Span("Related: ")]
    for n, issue_id in enumerate(issue.related):
        found = dataset.issue(issue_id)
        related += [Span("; ")] if n else []
        related.append(data(found.title if found else issue_id))
        related += [Span(f" (§{sections[issue_id]})")] if issue_id in sections else []
    return Paragraph(tuple(related))


def _issue_blocks(
    number: int,
    issue: Issue,
    dataset: Dataset,
    notes: Notes,
    sections: dict[str, int],
    filtered: bool = False,
) -> list[Block]:
    """One issue: question, the side-by-side grid, the source's analysis, the gap, common
    ground, bridges and related issues."""
    parties = dataset.meta.parties
    question = (data(issue.question, em=True), Span(" Gap type: "))
    blocks: list[Block] = [
        Heading(3, (Span(f"{number}. "), data(issue.title))),
        Paragraph((*question, Span(issue.gap_type.value, strong=True), Span("."))),
    ]
    columns = sides(issue, dataset)
    rows = [
        (row_label(row, len(parties)), [_cell(s, row, dataset, notes, filtered) for s in columns])
        for row in Row
        if row is not Row.OTHER or any(s.others for s in columns)
    ]
    caption = f"{issue.title}: each side's official voices, then its other voices"
    blocks.append(Grid(caption, [p.label for p in parties], rows))
    if issue.analysis:
        heading = Heading(4, (data(analysis_heading(dataset)),))
        blocks += [heading, _bullets(issue.analysis, notes)]
    gap = issue.gap
    blocks += [
        _lead("The gap in one line.", data(issue.summary)),
        _lead("The gap.", data(gap.what)),
        _lead("Why it matters.", data(gap.why_it_matters, refs=notes.refs(gap.cite))),
        _lead("Common ground."),
        _bullets(issue.common_ground, notes),
        _lead("Bridges."),
        _bullets(issue.bridges, notes),
    ]
    return blocks + ([_related(issue, dataset, sections)] if issue.related else [])


def build(
    dataset: Dataset,
    issues: list[Issue],
    brief: Brief,
    filtered: bool = False,
    since: list[Block] | None = None,
) -> Dossier:
    """The dossier of ``issues``; ``brief`` (built without detail) gives header and bottom
    line; ``since``: the "What changed" section, placed before the context."""
    notes = Notes(Builder(dataset, filtered))
    meta = narrowed_meta(dataset, issues)
    used = dict.fromkeys(issue.gap_type for issue in issues)
    blocks: list[Block] = [
        Paragraph((data(meta.summary),)),
        Heading(2, (Span("Bottom line"),)),
        BulletList(list(brief.bottom_line)),
        Legend([(kind.value, GAP_TYPE_MEANING[kind]) for kind in used]),
        *(since or []),
        Heading(2, (Span("Context"),)),
        *_context(meta, notes),
        Heading(2, (Span("Issues"),)),
    ]
    sections = {issue.id: number for number, issue in enumerate(issues, 1)}
    for number, issue in enumerate(issues, 1):
        blocks += _issue_blocks(number, issue, dataset, notes, sections, filtered)
    if meta.recommendations:
        blocks += [
            Heading(2, (Span("Recommendations"),)),
            BulletList([_said(r, notes) for r in meta.recommendations]),
        ]
    return Dossier(brief.header, blocks + _citations(meta, notes))


def _dialogue(meta: DatasetFile, notes: Notes) -> list[Block]:
    """``Dialogue: name; Convened by: ...; When: 12 May 2024. ¶1``."""
    d = meta.dialogue
    if d is None:
        return []
    dated = display_date(d.date) + (" (inferred)" if d.date_inferred else "") if d.date else ""
    known = [
        ("Dialogue", d.name),
        ("Convened by", d.convener),
        ("Sponsored by", d.sponsor),
        ("Where", d.place),
        ("When", dated),
        ("Rule", d.rule),
    ]
    said: list[Span] = []
    for key, value in ((k, v) for k, v in known if v):
        said += [Span("; ")] if said else []
        said += [Span(f"{key}: "), data(value)]
    return [Paragraph((*said, Span("."), Span("", refs=notes.refs(d.cite))))]


def _context(meta: DatasetFile, notes: Notes) -> list[Block]:
    """The dialogue, the facts and the key dates bearing on the chosen issues."""
    blocks = _dialogue(meta, notes)
    facts: list[Sentence] = []
    for fact in meta.facts:
        in_text = fact.figure and fact.figure.casefold() in fact.text.casefold()
        shown = fact.figure if fact.figure and not in_text else None
        figure = (data(shown, strong=True), Span(" — ")) if shown else ()
        facts.append((*figure, *_said(fact, notes)))
    blocks += [BulletList(facts)] if facts else []
    if meta.timeline:
        dates: list[Sentence] = []
        for event in sorted(meta.timeline, key=lambda e: e.sort_key()):
            by = (Span(" — "), data(event.by, em=True)) if event.by else ()
            cited = Span("", refs=notes.refs(event.cite))
            day = Span(when(event), strong=True)
            dates.append((day, Span(" — "), data(event.text), *by, cited))
        blocks += [Heading(3, (Span("Key dates"),)), BulletList(dates)]
    return blocks


def _citations(meta: DatasetFile, notes: Notes) -> list[Block]:
    """The sources, then every cited paragraph in source order with the quotes behind it."""
    order = {s.id: n for n, s in enumerate(meta.sources)}
    quoted: list[Sentence] = []
    for source, para in sorted(notes.quotes, key=lambda k: (order.get(k[0], 0), k[1])):
        said: list[Span] = [Span(notes.builder.marker(Citation(source=source, para=para)))]
        for n, quote in enumerate(outermost(list(notes.quotes[(source, para)]))):
            said.append(Span(" … " if n else ": "))
            said.append(Span(quote, data=True, before="“", after="”"))
        quoted.append(tuple(said))
    return [
        Heading(2, (Span("Citations"),)),
        Sources(list(meta.sources), ids=len(meta.sources) > 1),
        *([BulletList(quoted)] if quoted else []),
    ]
