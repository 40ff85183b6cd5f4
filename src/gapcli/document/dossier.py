"""The full dossier (``export --full``) as data for Word and HTML (and so PDF): the brief's
header and bottom line, then the context, every issue side by side with the source's analysis,
the recommendations and every quote, in the order and wording of the Markdown dossier
(``render/markdown.py``).

It is a list of blocks (headings, paragraphs, bullets, side-by-side grids, the sources) whose
text is the brief's ``Sentence``: spans of plain text, some strong, each value followed by the
¶ references of its entry. Every span is dataset text or fixed wording; renderers escape all of
it (``render/html.py`` ``spans``, ``render/docx.py`` runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gapcli.document.brief import Brief, Header, Sentence, Span
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
    Source,
    Statement,
    display_date,
)
from gapcli.domain.text import attribution, outermost
from gapcli.views.explore import narrowed_meta, when
from gapcli.views.sides import (
    Row,
    Side,
    analysis_heading,
    no_stance,
    row_label,
    sides,
)

EXPLAINED = (
    "Each issue below sets the sides side by side: each side's official stance, claims, "
    "readings of the other side and asks (its government, officials and lawmakers), then "
    "its other voices (scholars, experts, participants, the public), then the source's "
    "own analysis; each line names who holds the view and in which voice, and ¶ the "
    "paragraph cited (quotes under Citations). Kinds of gap: "
)
EMPTY = "—"  # a cell with no entry


@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` as in HTML (2: a part of the dossier, 3: an issue, 4: within)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``note``: secondary text (the ¶ legend)."""

    text: Sentence
    note: bool = False


@dataclass(frozen=True)
class BulletList:
    """A bulleted list; ``levels``: each item's depth (0, 1, 2; none given: all 0), an item
    one level deeper than the one before it belonging to that one."""

    items: list[Sentence]
    levels: tuple[int, ...] = ()


@dataclass(frozen=True)
class Grid:
    """An issue's side-by-side table: one column per side, one row per kind of entry; a
    cell holds one sentence per entry (none: ``EMPTY``)."""

    caption: str
    sides: list[str]  # the parties' labels, the column headers
    rows: list[tuple[str, list[list[Sentence]]]]  # label, then each side's entries


@dataclass(frozen=True)
class Sources:
    """The sources cited; ``ids``: each is named by its id (several sources)."""

    sources: list[Source]
    ids: bool


Block = Heading | Paragraph | BulletList | Grid | Sources


@dataclass(frozen=True)
class Dossier:
    """The whole dossier, ready for a renderer."""

    header: Header
    blocks: list[Block]


@dataclass
class _Notes:
    """The paragraphs cited so far, each with its quotes (for Citations)."""

    builder: Builder
    quotes: dict[tuple[str, int], dict[str, None]] = field(default_factory=dict)

    def refs(self, cites: Sequence[Citation]) -> str:
        for cite in cites:
            quotes = self.quotes.setdefault((cite.source, cite.para), {})
            if cite.quote:
                quotes[cite.quote] = None
        return self.builder.refs(cites)


def _said(entry: Statement | Fact | Recommendation, notes: _Notes, label: str = "") -> Sentence:
    """``Claim: text — who · voice ¶6``, with a reading's assessment by the source."""
    lead = (Span(f"{label}:", strong=True), Span(" ")) if label else ()
    who = Span(attribution(entry), refs=notes.refs(entry.cite), em=True)
    out = (*lead, Span(entry.text), Span(" — "), who)
    if isinstance(entry, Reading) and entry.assessment is not None:
        a = entry.assessment
        said = (Span(" — "), Span(a.text)) if a.text else ()
        out += (
            Span(" The source's assessment: "),
            Span(a.verdict.value, strong=True),
            *said,
            Span(" — "),
            Span(attribution(a), refs=notes.refs(a.cite), em=True),
        )
    return out


def _cell(side: Side, row: Row, dataset: Dataset, notes: _Notes, filtered: bool) -> list[Sentence]:
    if row is Row.STANCE:
        if side.stance is None:
            label = side.party.label
            missing = f"No stance passes the filters for {label}." if filtered else None
            return [(Span(missing or no_stance(side.party), em=True),)]
        return [_said(side.stance, notes)]
    entries = side.row(row)
    labelled = row is Row.OTHER or (row is Row.READINGS and len(dataset.meta.parties) > 2)
    return [
        _said(e, notes, entry_label(k, e, side.party, dataset) if labelled else "")
        for k, e in entries
    ]


def _bullets(claims: list[Claim], notes: _Notes) -> BulletList:
    return BulletList([_said(c, notes) for c in claims] or [(Span("None recorded."),)])


def _lead(lead: str, *rest: Span) -> Paragraph:
    """``**The gap.** text``: a bold lead, then the text."""
    return Paragraph((Span(lead, strong=True), *((Span(" "), *rest) if rest else ())))


def _issue_blocks(
    number: int,
    issue: Issue,
    dataset: Dataset,
    notes: _Notes,
    sections: dict[str, int],
    filtered: bool = False,
) -> list[Block]:
    """One issue: question, the side-by-side grid, the source's analysis, the gap, common
    ground, bridges and related issues."""
    parties = dataset.meta.parties
    blocks: list[Block] = [
        Heading(3, f"{number}. {issue.title}"),
        Paragraph(
            (
                Span(issue.question, em=True),
                Span(" Gap type: "),
                Span(issue.gap_type.value, strong=True),
                Span("."),
            )
        ),
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
        blocks += [Heading(4, analysis_heading(dataset)), _bullets(issue.analysis, notes)]
    gap = issue.gap
    blocks += [
        _lead("The gap in one line.", Span(issue.summary)),
        _lead("The gap.", Span(gap.what)),
        _lead("Why it matters.", Span(gap.why_it_matters, refs=notes.refs(gap.cite))),
        _lead("Common ground."),
        _bullets(issue.common_ground, notes),
        _lead("Bridges."),
        _bullets(issue.bridges, notes),
    ]
    if issue.related:
        related: list[Span] = [Span("Related: ")]
        for n, issue_id in enumerate(issue.related):
            found = dataset.issue(issue_id)
            title = found.title if found else issue_id
            shown = f"{title} (§{sections[issue_id]})" if issue_id in sections else title
            related += [Span("; ")] if n else []
            related.append(Span(shown))
        blocks.append(Paragraph(tuple(related)))
    return blocks


def build(
    dataset: Dataset,
    issues: list[Issue],
    brief: Brief,
    filtered: bool = False,
    since: list[Block] | None = None,
) -> Dossier:
    """The dossier of ``issues``; ``brief`` (built without detail) gives header and bottom
    line; ``since``: the "What changed" section, placed before the context."""
    notes = _Notes(Builder(dataset, filtered))
    meta = narrowed_meta(dataset, issues)
    used = dict.fromkeys(issue.gap_type for issue in issues)
    legend = "; ".join(f"{kind.value}: {GAP_TYPE_MEANING[kind]}" for kind in used)
    blocks: list[Block] = [
        Paragraph((Span(meta.summary),)),
        Heading(2, "Bottom line"),
        BulletList(list(brief.bottom_line)),
        Paragraph((Span(EXPLAINED + legend + "."),), note=True),
        *(since or []),
        Heading(2, "Context"),
        *_context(meta, notes),
        Heading(2, "Issues"),
    ]
    sections = {issue.id: number for number, issue in enumerate(issues, 1)}
    for number, issue in enumerate(issues, 1):
        blocks += _issue_blocks(number, issue, dataset, notes, sections, filtered)
    if meta.recommendations:
        blocks += [
            Heading(2, "Recommendations"),
            BulletList([_said(r, notes) for r in meta.recommendations]),
        ]
    return Dossier(brief.header, blocks + _citations(meta, notes))


def _context(meta: DatasetFile, notes: _Notes) -> list[Block]:
    """The dialogue, the facts and the key dates bearing on the chosen issues."""
    blocks: list[Block] = []
    if meta.dialogue:
        d = meta.dialogue
        dated = display_date(d.date) + (" (inferred)" if d.date_inferred else "") if d.date else ""
        known = [
            ("Dialogue", d.name),
            ("Convened by", d.convener),
            ("Sponsored by", d.sponsor),
            ("Where", d.place),
            ("When", dated),
            ("Rule", d.rule),
        ]
        said = "; ".join(f"{k}: {v}" for k, v in known if v)
        blocks.append(Paragraph((Span(said + "."), Span("", refs=notes.refs(d.cite)))))
    facts: list[Sentence] = []
    for fact in meta.facts:
        in_text = fact.figure and fact.figure.casefold() in fact.text.casefold()
        shown = fact.figure if fact.figure and not in_text else None
        figure = (Span(shown, strong=True), Span(" — ")) if shown else ()
        facts.append((*figure, *_said(fact, notes)))
    blocks += [BulletList(facts)] if facts else []
    if meta.timeline:
        dates: list[Sentence] = []
        for event in sorted(meta.timeline, key=lambda e: e.sort_key()):
            by = (Span(" — "), Span(event.by, em=True)) if event.by else ()
            cited = Span("", refs=notes.refs(event.cite))
            day = Span(when(event), strong=True)
            dates.append((day, Span(" — "), Span(event.text), *by, cited))
        blocks += [Heading(3, "Key dates"), BulletList(dates)]
    return blocks


def _citations(meta: DatasetFile, notes: _Notes) -> list[Block]:
    """The sources, then every cited paragraph in source order with the quotes behind it."""
    order = {s.id: n for n, s in enumerate(meta.sources)}
    quoted: list[Sentence] = []
    for source, para in sorted(notes.quotes, key=lambda k: (order.get(k[0], 0), k[1])):
        kept = outermost(list(notes.quotes[(source, para)]))
        marker = notes.builder.marker(Citation(source=source, para=para))
        said = " … ".join(f"“{quote}”" for quote in kept)
        quoted.append((Span(marker + (f": {said}" if said else "")),))
    return [
        Heading(2, "Citations"),
        Sources(list(meta.sources), ids=len(meta.sources) > 1),
        Paragraph((Span("¶ = paragraph."),), note=True),
        *([BulletList(quoted)] if quoted else []),
    ]
