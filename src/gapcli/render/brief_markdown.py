"""The brief as Markdown (GFM + pandoc front matter), from the brief's one model: every dataset
string escaped by ``md``."""

from __future__ import annotations

from gapcli.document.blocks import Block
from gapcli.document.brief import Brief
from gapcli.domain.models import Source
from gapcli.render.markdown import blocks_markdown, front_matter, header_lines, md, spans


def source_entry(source: Source) -> str:
    """*Title*, Publisher (date), url: one source in the compact list."""
    dated = f" ({md(source.date)})" if source.date else ""
    url = f", {md(source.url)}" if source.url else ""
    return f"*{md(source.title)}*, {md(source.publisher)}{dated}{url}"


def brief_markdown(brief: Brief, since: list[Block] | None = None) -> str:
    """The whole brief as Markdown; ``since``: a "What changed" section after the bottom line."""
    head = brief.header
    lines = [*front_matter(head), *header_lines(head), "## Bottom line", ""]
    lines += [f"- {spans(s)}" for s in brief.bottom_line]
    lines += ["", *blocks_markdown(since or []), "## Issues", ""]
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
