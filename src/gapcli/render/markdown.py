"""The Markdown briefing note: GFM, pandoc front matter, every dataset string escaped."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from gapcli.document.brief import Brief
from gapcli.document.labels import entry_label
from gapcli.domain.models import (
    GAP_TYPE_MEANING,
    Citation,
    Claim,
    Dataset,
    DatasetFile,
    Issue,
    Reading,
    Source,
    Statement,
    display_date,
)
from gapcli.domain.text import attribution, outermost, visible
from gapcli.views.explore import narrowed_meta, when
from gapcli.views.sides import Row, Side, analysis_heading, no_stance, row_label, sides

# Inline markup in GFM and in pandoc's Markdown: emphasis, code, links and spans, tables,
# strikeout and subscript, headings' closing `#`, math ($), superscript (^), citations (@)
# and attributes ({...}). CommonMark and pandoc both read a backslash before any ASCII
# punctuation as the character itself.
_INLINE = re.compile(r"([\\`*_\[\]|~#$^@{}])")
_YAML_UNSAFE = re.compile("[\u2028\u2029\ufeff\ufffe\uffff]")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What GFM turns into a link or an emoji by itself: a scheme's colon (https:, ftp:, mailto:),
# the dot after www, a colon opening an emoji code (:smile:). Escaping that one character
# keeps the text literal (a URL would otherwise become a link carrying the backslashes the
# other escapes put in it).
_AUTOLINK = re.compile(r"(?i)\b(?:https?|ftps?|mailto):|\bwww\.|:(?=[\w+-]+:)")
# What starts a block at the start of a line: headings, quotes, bullets, setext rules,
# pandoc's fenced divs and definitions (:), and list numbers of every kind pandoc reads
# ("1.", "a)", "iv.", "(2)").
_BLOCK_START = re.compile(r"^(\s*)([#>+=:%-]|\(|(?:\d+|[A-Za-z]{1,4})[.)](?=\s|$))")


def md(text: str) -> str:
    """Inline-safe Markdown for any dataset string: literal, one line, no raw HTML.

    Backslash-escapes the characters that are inline markup in GFM (``\\ ` * _ [ ] | ~ #``),
    writes ``<`` as ``&lt;`` and entity-like ``&`` as ``&amp;``, escapes a leading block
    marker (``#``, ``>``, ``-``, ``1.``), and turns newlines into ``<br>``.
    """
    text = visible(text.replace("\r\n", "\n")).replace("\t", " ")
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)
    text = _BLOCK_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
    lines = [line.strip() for line in text.split("\n")]
    return "<br>".join(lines) if any(lines) else ""  # a lone <br> line is an HTML block


@dataclass
class Notes:
    """The paragraphs cited so far, each with its quotes: ``¶6`` in the text, the quotes
    under Citations (in source and paragraph order)."""

    multi: bool = False  # more than one source: markers name theirs (``memo ¶6``)
    quotes: dict[tuple[str, int], dict[str, None]] = field(default_factory=dict)  # ordered set

    def ref(self, cites: list[Citation]) -> str:
        """``¶6, ¶7`` for these citations, remembering their quotes."""
        refs = []
        for cite in cites:
            quotes = self.quotes.setdefault((cite.source, cite.para), {})
            if cite.quote:
                quotes[cite.quote] = None
            refs.append(self.marker(cite.source, cite.para))
        return ", ".join(dict.fromkeys(refs))

    def marker(self, source: str, para: int) -> str:
        """``¶6``, or ``memo ¶6`` when the dataset has several sources."""
        return f"{md(source)} ¶{para}" if self.multi else f"¶{para}"


def _claim(claim: Statement, notes: Notes, label: str = "") -> str:
    lead = f"**{md(label)}:** " if label else ""
    out = f"{lead}{md(claim.text)} — *{md(attribution(claim))}* {notes.ref(claim.cite)}"
    if isinstance(claim, Reading) and claim.assessment is not None:
        a = claim.assessment
        said = f" — {md(a.text)}" if a.text else ""
        out += (
            f" The source's assessment: **{a.verdict.value}**{said} — "
            f"*{md(attribution(a))}* {notes.ref(a.cite)}"
        )
    return out


def _cell(entries: list[tuple[str, Claim]], notes: Notes, labels: list[str]) -> str:
    return (
        "<br>".join(
            f"• {_claim(e, notes, labels[i] if labels else '')}" for i, (_, e) in enumerate(entries)
        )
        or "—"
    )


def _bullets(claims: list[Claim], notes: Notes) -> list[str]:
    return [f"- {_claim(c, notes)}" for c in claims] or ["- None recorded."]


def _side_cell(side: Side, row: Row, dataset: Dataset, notes: Notes, filtered: bool = False) -> str:
    if row is Row.STANCE:
        if side.stance is None and filtered:
            return f"*No stance passes the filters for {md(side.party.label)}.*"
        if side.stance is None:
            return f"*{md(no_stance(side.party))}*"
        return _claim(side.stance, notes)
    entries = side.row(row)
    labelled = row is Row.OTHER or (row is Row.READINGS and len(dataset.meta.parties) > 2)
    labels = [entry_label(k, e, side.party, dataset) for k, e in entries] if labelled else []
    return _cell(entries, notes, labels)


def issue_section(
    number: int,
    issue: Issue,
    dataset: Dataset,
    notes: Notes,
    sections: dict[str, int],
    filtered: bool = False,
) -> list[str]:
    """One issue: question, side-by-side GFM table, the source's analysis, gap, common ground,
    bridges."""
    parties = dataset.meta.parties
    lines = [f"### {number}. {md(issue.title)}", ""]
    lines.append(f"*{md(issue.question)}* Gap type: **{issue.gap_type.value}**.")
    lines += ["", "| | " + " | ".join(md(p.label) for p in parties) + " |"]
    lines.append("|---|" + "---|" * len(parties))
    columns = sides(issue, dataset)
    for row in Row:
        if row is Row.OTHER and not any(s.others for s in columns):
            continue
        cells = [_side_cell(s, row, dataset, notes, filtered) for s in columns]
        lines.append(f"| **{row_label(row, len(parties))}** | " + " | ".join(cells) + " |")
    if issue.analysis:
        lines += ["", f"**{md(analysis_heading(dataset))}.**", "", *_bullets(issue.analysis, notes)]
    gap = issue.gap
    lines += ["", f"**The gap in one line.** {md(issue.summary)}", ""]
    lines += [f"**The gap.** {md(gap.what)}", ""]
    lines += [f"**Why it matters.** {md(gap.why_it_matters)} {notes.ref(gap.cite)}", ""]
    lines += ["**Common ground.**", "", *_bullets(issue.common_ground, notes), ""]
    lines += ["**Bridges.**", "", *_bullets(issue.bridges, notes), ""]
    if issue.related:
        lines += [
            "Related: " + "; ".join(_related(r, dataset, sections) for r in issue.related),
            "",
        ]
    return lines


def _related(issue_id: str, dataset: Dataset, sections: dict[str, int]) -> str:
    """A related issue by title, with its section number when the note includes it."""
    related = dataset.issue(issue_id)
    title = md(related.title) if related else md(issue_id)
    return f"{title} (§{sections[issue_id]})" if issue_id in sections else title


def quoted(text: str) -> str:
    """A double-quoted YAML string that YAML (and pandoc) read back exactly.

    JSON syntax, but characters outside the Basic Multilingual Plane stay literal: YAML
    reads JSON's surrogate-pair escapes (``\\ud83d\\ude00``) as two broken characters.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def dossier(
    dataset: Dataset,
    issues: list[Issue],
    brief: Brief,
    since: list[str] | None = None,
    filtered: bool = False,
) -> str:
    """The complete dossier (``export --full``): the brief's header and bottom line, then the
    context, every issue side by side with the source's analysis, the recommendations and
    every quote; ``since``: a "What changed" section, placed right after the bottom line."""
    from gapcli.render.brief_markdown import front_matter, header_lines, spans

    notes = Notes(multi=len(dataset.meta.sources) > 1)
    meta = narrowed_meta(dataset, issues)
    lines = [*front_matter(brief.header), *header_lines(brief.header)]
    lines += [md(meta.summary), "", "## Bottom line", ""]
    lines += [f"- {spans(s)}" for s in brief.bottom_line]
    used = dict.fromkeys(issue.gap_type for issue in issues)
    legend = "; ".join(f"*{kind.value}*: {GAP_TYPE_MEANING[kind]}" for kind in used)
    lines += [
        "",
        "Each issue below sets the sides side by side: each side's official stance, claims, "
        "readings of the other side and asks (its government, officials and lawmakers), then "
        "its other voices (scholars, experts, participants, the public), then the source's "
        "own analysis; each line names who holds the view and in which voice, and ¶ the "
        f"paragraph cited (quotes under Citations). Kinds of gap: {legend}.",
        "",
        *(since or []),
        "## Context",
        "",
    ]
    lines += _context(meta, notes)
    lines += ["## Issues", ""]
    sections = {issue.id: number for number, issue in enumerate(issues, 1)}
    for number, issue in enumerate(issues, 1):
        lines += issue_section(number, issue, dataset, notes, sections, filtered)
    recs = meta.recommendations
    if recs:
        lines += ["## Recommendations", ""]
        lines += [f"- {md(r.text)} — *{md(attribution(r))}* {notes.ref(r.cite)}" for r in recs]
        lines.append("")
    lines += _citations(meta, notes)
    return "\n".join(lines) + "\n"


def _context(meta: DatasetFile, notes: Notes) -> list[str]:
    """The dialogue, the facts and the key dates bearing on the chosen issues."""
    lines: list[str] = []
    if meta.dialogue:
        d = meta.dialogue
        known = [
            ("Dialogue", d.name),
            ("Convened by", d.convener),
            ("Sponsored by", d.sponsor),
            ("Where", d.place),
            ("When", _dated(display_date(d.date), d.date_inferred) if d.date else None),
            ("Rule", d.rule),
        ]
        lines.append("; ".join(f"{k}: {md(v)}" for k, v in known if v) + f". {notes.ref(d.cite)}")
        lines.append("")
    for fact in meta.facts:
        in_text = fact.figure and fact.figure.casefold() in fact.text.casefold()
        figure = f"**{md(fact.figure)}** — " if fact.figure and not in_text else ""
        lines.append(
            f"- {figure}{md(fact.text)} — *{md(attribution(fact))}* {notes.ref(fact.cite)}"
        )
    if meta.facts:
        lines.append("")
    if meta.timeline:
        lines += ["### Key dates", ""]
        for event in sorted(meta.timeline, key=lambda e: e.sort_key()):
            by = f" — *{md(event.by)}*" if event.by else ""
            lines.append(f"- **{when(event)}** — {md(event.text)}{by} {notes.ref(event.cite)}")
        lines.append("")
    return lines


def _citations(meta: DatasetFile, notes: Notes) -> list[str]:
    """Every cited paragraph in source order, with the quotes behind it."""
    lines = ["## Citations", ""]
    if len(meta.sources) == 1:
        lines += [f"All citations are to {source_line(meta.sources[0])}; ¶ = paragraph.", ""]
    else:
        lines += [f"- {md(s.id)}: {source_line(s)}" for s in meta.sources]
        lines += ["", "¶ = paragraph.", ""]
    order = {s.id: n for n, s in enumerate(meta.sources)}
    for source, para in sorted(notes.quotes, key=lambda k: (order.get(k[0], 0), k[1])):
        kept = outermost(list(notes.quotes[(source, para)]))
        said = " … ".join(f"“{md(quote)}”" for quote in kept)
        lines.append(f"- {notes.marker(source, para)}" + (f": {said}" if said else ""))
    return lines


def _dated(shown: str, inferred: bool) -> str:
    """A date as people write it, saying so when it was resolved from a relative date."""
    return f"{shown} (inferred)" if inferred else shown


def source_line(source: Source) -> str:
    """*Title*, Publisher (date)."""
    dated = f" ({md(source.date)})" if source.date else ""
    return f"*{md(source.title)}*, {md(source.publisher)}{dated}"
