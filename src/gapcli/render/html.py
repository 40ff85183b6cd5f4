"""The brief and the full dossier as one self-contained HTML file each: inline CSS (with an
``@page`` size when a paper is chosen), no scripts, no external requests, every dataset string
escaped (``esc``); the only links are the sources' declared http(s) URLs.
"""

from __future__ import annotations

import html
import re

from gapcli.document.blocks import (
    PARAGRAPH_NOTE,
    Block,
    BulletList,
    Dossier,
    Grid,
    Heading,
    Legend,
    Paragraph,
    Sources,
)
from gapcli.document.brief import Brief, Header, Sentence, dateline
from gapcli.document.formats import PAGE_CSS
from gapcli.domain.choices import Paper
from gapcli.domain.models import Source
from gapcli.domain.text import visible

CSS = """
:root { color: #1a1a1a; background: #ffffff; }
body { font: 11pt/1.45 "Liberation Serif", Georgia, "Times New Roman", serif; margin: 2rem auto;
  max-width: 46rem; padding: 0 1rem; }
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 1rem; padding-bottom: .5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid #767676; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
h4 { font-size: 1rem; margin: .6rem 0 .2rem; }
p { margin: .3rem 0; }
.meta { margin: .1rem 0; }
.marking { font-weight: bold; text-transform: uppercase; letter-spacing: .05em; }
.dateline, .ref, .note { color: #4d4d4d; }
.ref { white-space: nowrap; }
ul { padding-left: 1.2rem; margin: .3rem 0; }
li { margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .6rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
th, td { border: 1px solid #767676; padding: .25rem .4rem; vertical-align: top;
  text-align: left; }
th[scope="row"] { width: 7.5rem; background: #f2f2f2; }
.sides { table-layout: fixed; }
.sides thead td { width: 6.5rem; }
td p { margin: 0 0 .25rem; }
thead th, thead td { background: #e6e6e6; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
a { color: #0b4f9c; }
del { color: #4d4d4d; }
@page { margin: 13mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 1.5rem; } h2 { margin: .8rem 0 .3rem; } h3 { margin: .7rem 0 .2rem; }
  th, td { padding: .15rem .35rem; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.issue { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

CAPTION = "each side, the key misreading, asks and bridges"
_HTTP = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)


def esc(text: str) -> str:
    """Dataset text as HTML text: controls made visible, ``& < > " '`` escaped."""
    return html.escape(visible(text.replace("\r\n", "\n")), quote=True).replace("\n", "<br>")


def spans(sentence: Sentence) -> str:
    """A sentence: values escaped (strong ones in ``<strong>``), each followed by its ¶."""
    out = []
    for span in sentence:
        text = esc(span.shown)
        if span.strong:
            text = f"<strong>{text}</strong>"
        if span.struck:
            text = f"<del>{text}</del>"
        if span.em:
            text = f"<em>{text}</em>"
        if span.refs:
            text += f' <span class="ref">{esc(span.refs)}</span>'
        out.append(text)
    return "".join(out)


def bullets(items: list[Sentence], levels: tuple[int, ...] = ()) -> list[str]:
    """A bulleted list of sentences; an item one level deeper (``levels``) opens a list
    inside the item before it."""
    out = ["<ul>"]
    depth = 0
    for sentence, level in zip(items, levels or (0,) * len(items), strict=True):
        if len(out) > 1 and level > depth:
            out.append("<ul>")
        elif len(out) > 1:
            out[-1] += "</li>"
            out += ["</ul>", "</li>"] * (depth - level)
        depth = level
        out.append(f"<li>{spans(sentence)}")
    if len(out) > 1:
        out[-1] += "</li>"
    return [*out, *["</ul>", "</li>"] * depth, "</ul>"]


def _source(source: Source) -> str:
    url = source.url
    out = f"<cite>{esc(source.title)}</cite>, {esc(source.publisher)}"
    out += f" ({esc(source.date)})" if source.date else ""
    if url:
        link = esc(url)
        # Only a declared http(s) URL becomes a link; anything else is shown as text.
        out += f', <a href="{link}">{link}</a>' if _HTTP.match(url) else f", {link}"
    return out


def page_start(head: Header, paper: Paper | None = None) -> list[str]:
    """The document up to ``<main>``: the head (inline CSS, no requests) and the header."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{esc(head.title)}</title>",
        f'<meta name="date" content="{esc(head.iso_date)}">',
        f"<style>{CSS}{page_size(paper)}</style>",
        "</head>",
        "<body>",
        "<header>",
    ]
    if head.marking:
        out.append(f'<p class="meta marking">{esc(head.marking)}</p>')
    out.append(f"<h1>{esc(head.title)}</h1>")
    if head.prepared_for:
        out.append(f'<p class="meta"><strong>For:</strong> {esc(head.prepared_for)}</p>')
    return [*out, f'<p class="meta dateline">{esc(dateline(head))}</p>', "</header>", "<main>"]


def page_size(paper: Paper | None) -> str:
    """The ``@page`` size rule for ``paper`` (none: the printer's or browser's own paper)."""
    return f"@page {{ size: {PAGE_CSS[paper]}; }}\n" if paper else ""


PAGE_END = ["</main>", "</body>", "</html>", ""]


def brief_html(brief: Brief, paper: Paper | None = None, since: list[Block] | None = None) -> str:
    """The whole brief as an HTML document (printed on ``paper``, else the printer's);
    ``since``: the "What changed" section, after the bottom line."""
    head = brief.header
    out = page_start(head, paper)
    out += ["<section>", "<h2>Bottom line</h2>", *bullets(brief.bottom_line), "</section>"]
    out += blocks_html(since or [])
    out += ["<section>", "<h2>Issues</h2>"]
    for section in brief.issues:
        out.append('<section class="issue">')
        out.append(f"<h3>{section.number}. {esc(section.issue.title)}</h3>")
        if section.question:
            out.append(f"<p><em>{spans(section.question)}</em></p>")
        out.append(f"<p><strong>The gap:</strong> {spans(section.gap)}</p>")
        out += [
            "<table>",
            f"<caption>{esc(section.issue.title)}: {CAPTION}</caption>",
        ]
        out.append('<thead><tr><th scope="col">Who</th><th scope="col">What</th></tr></thead>')
        out.append("<tbody>")
        for row in section.rows:
            out.append(
                f'<tr><th scope="row">{spans(row.label)}</th><td>{spans(row.sentence)}</td></tr>'
            )
        out += ["</tbody>", "</table>", "</section>"]
    if brief.left_out:
        out.append(f"<p>{spans(brief.left_out)}</p>")
    out.append("</section>")
    if brief.background:
        out += ["<section>", "<h2>Background</h2>", *bullets(brief.background), "</section>"]
    out += ["<section>", "<h2>Sources</h2>", "<ul>"]
    out += [f"<li>{_source(s)}</li>" for s in head.sources]
    plural = "s" if brief.multi_source else ""
    out += ["</ul>", f'<p class="note">¶ = paragraph of the source{plural}.</p>', "</section>"]
    if brief.quotes:
        out += ["<section>", "<h2>Quotes</h2>", "<ul>"]
        for marker, quotes in brief.quotes:
            said = " … ".join(f"“{esc(q)}”" for q in quotes)
            out.append(f"<li>{esc(marker)}" + (f": {said}" if said else "") + "</li>")
        out += ["</ul>", "</section>"]
    return "\n".join([*out, *PAGE_END])


def dossier_html(dossier: Dossier, paper: Paper | None = None) -> str:
    """The whole dossier as an HTML document: a ``<section>`` per heading, a table per issue
    with a column per side (``<th scope="col">``) and a row per kind of entry."""
    out = page_start(dossier.header, paper)
    return "\n".join([*out, *blocks_html(dossier.blocks), *PAGE_END])


def blocks_html(blocks: list[Block]) -> list[str]:
    """Blocks as HTML, each heading opening a ``<section>`` that ends at the next heading of
    its level or above."""
    out: list[str] = []
    levels: list[int] = []  # the headings whose sections are open
    for block in blocks:
        if isinstance(block, Heading):
            while levels and levels[-1] >= block.level:
                out.append("</section>")
                levels.pop()
            levels.append(block.level)
            out += ["<section>", f"<h{block.level}>{spans(block.text)}</h{block.level}>"]
        else:
            out += _block(block)
    return [*out, *("</section>" for _ in levels)]


def _block(block: Block) -> list[str]:
    if isinstance(block, Legend):
        block = block.plain()
    if isinstance(block, Paragraph):
        kind = ' class="note"' if block.note else ""
        return [f"<p{kind}>{spans(block.text)}</p>"]
    if isinstance(block, BulletList):
        return bullets(block.items, block.levels)
    if isinstance(block, Sources):
        named = [(f"{esc(s.id)}: " if block.ids else "") + _source(s) for s in block.sources]
        note = f'<p class="note">{PARAGRAPH_NOTE}</p>'
        return ["<ul>", *(f"<li>{n}</li>" for n in named), "</ul>", note]
    assert isinstance(block, Grid)
    out = ['<table class="sides">', f"<caption>{esc(block.caption)}</caption>"]
    out.append("<thead><tr><td></td>")
    out += [f'<th scope="col">{esc(side)}</th>' for side in block.sides]
    out += ["</tr></thead>", "<tbody>"]
    for label, cells in block.rows:
        out.append(f'<tr><th scope="row">{esc(label)}</th>')
        for entries in cells:
            lines = [f"<p>{spans(e)}</p>" for e in entries] or ["—"]
            out.append(f"<td>{''.join(lines)}</td>")
        out.append("</tr>")
    return [*out, "</tbody>", "</table>"]
