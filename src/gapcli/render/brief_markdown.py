"""The brief as Markdown (GFM + pandoc front matter): every dataset string escaped by ``md``."""

from __future__ import annotations

from collections.abc import Callable

from gapcli.document.brief import Brief, Header, Sentence
from gapcli.domain.models import Source
from gapcli.domain.text import plural
from gapcli.render.markdown import md, quoted


def spans(sentence: Sentence) -> str:
    """A sentence in Markdown: values escaped, strong ones bold, each followed by its ¶."""
    out = []
    for span in sentence:
        text = md(span.text) if span.where else span.text  # fixed wording holds no markup
        if span.strong and text:
            text = f"**{text}**"
        out.append(text + (f" {md(span.refs)}" if span.refs else ""))
    return "".join(out)


def source_entry(source: Source) -> str:
    """*Title*, Publisher (date), url: one source in the compact list."""
    dated = f" ({md(source.date)})" if source.date else ""
    url = f", {md(source.url)}" if source.url else ""
    return f"*{md(source.title)}*, {md(source.publisher)}{dated}{url}"


def front_matter(head: Header) -> list[str]:
    """YAML front matter for pandoc: title, date, for, marking, version, sources."""
    lines = ["---", f"title: {quoted(md(head.title))}", f"date: {quoted(head.date)}"]
    if head.prepared_for:
        lines.append(f"prepared-for: {quoted(md(head.prepared_for))}")
    if head.marking:
        lines.append(f"marking: {quoted(md(head.marking))}")
    if head.version:
        lines.append(f"version: {quoted(md(head.version))}")
    lines.append("sources:")
    for s in head.sources:
        source = f"{s.title}, {s.publisher}" + (f" ({s.date})" if s.date else "")
        lines.append(f"  - {quoted(md(source))}")
    return [*lines, "---", ""]


def header_lines(head: Header) -> list[str]:
    """The visible header under the title: for whom, handling, date, version, scope."""
    lines = [f"# {md(head.title)}", ""]
    known = [("For", head.prepared_for), ("Handling", head.marking)]
    shown = [f"**{name}:** {md(value)}" for name, value in known if value]
    if shown:
        lines += [" · ".join(shown), ""]
    lines += [dateline(head, md), ""]
    return lines


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


def brief_markdown(brief: Brief, since: list[str] | None = None) -> str:
    """The whole brief as Markdown; ``since``: a "What changed" section after the bottom line."""
    head = brief.header
    lines = [*front_matter(head), *header_lines(head), "## Bottom line", ""]
    lines += [f"- {spans(s)}" for s in brief.bottom_line]
    lines += ["", *(since or []), "## Issues", ""]
    for section in brief.issues:
        lines += [f"### {section.number}. {md(section.issue.title)}", ""]
        if section.question:
            lines += [f"*{spans(section.question)}*", ""]
        lines += [f"**The gap:** {spans(section.gap)}", ""]
        lines += [f"- **{spans(row.label)}:** {spans(row.sentence)}" for row in section.rows]
        lines.append("")
    if brief.left_out:
        lines += [spans(brief.left_out), ""]
    if brief.background:
        lines += ["## Background", "", *(f"- {spans(s)}" for s in brief.background), ""]
    lines += ["## Sources", ""]
    lines += [f"- {source_entry(s)}" for s in head.sources]
    lines += ["", "¶ = paragraph of the source" + ("s" if brief.multi_source else "") + ".", ""]
    if brief.quotes:
        lines += ["## Quotes", ""]
        for marker, quotes in brief.quotes:
            said = " … ".join(f"“{md(q)}”" for q in quotes)
            lines.append(f"- {md(marker)}" + (f": {said}" if said else ""))
        lines.append("")
    return "\n".join(lines)
