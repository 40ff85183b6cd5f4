"""The brief as one self-contained HTML file: inline CSS, no scripts, no external requests,
every dataset string escaped (``esc``); the only links are the sources' declared http(s) URLs.
"""

from __future__ import annotations

import html
import re

from gapcli.brief import Brief, Sentence
from gapcli.models import Source
from gapcli.render.brief_markdown import dateline
from gapcli.render.text import visible

CSS = """
:root { color: #1a1a1a; background: #ffffff; }
body { font: 11pt/1.45 "Liberation Serif", Georgia, "Times New Roman", serif; margin: 2rem auto;
  max-width: 46rem; padding: 0 1rem; }
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 1rem; padding-bottom: .5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 1px solid #767676; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .3rem; }
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
thead th { background: #e6e6e6; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
a { color: #0b4f9c; }
@page { margin: 13mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 1.5rem; } h2 { margin: .8rem 0 .3rem; } h3 { margin: .7rem 0 .2rem; }
  th, td { padding: .15rem .35rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
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
        text = esc(span.text)
        if span.strong:
            text = f"<strong>{text}</strong>"
        if span.refs:
            text += f' <span class="ref">{esc(span.refs)}</span>'
        out.append(text)
    return "".join(out)


def _source(source: Source) -> str:
    url = source.url
    out = f"<cite>{esc(source.title)}</cite>, {esc(source.publisher)}"
    out += f" ({esc(source.date)})" if source.date else ""
    if url:
        link = esc(url)
        # Only a declared http(s) URL becomes a link; anything else is shown as text.
        out += f', <a href="{link}">{link}</a>' if _HTTP.match(url) else f", {link}"
    return out


def brief_html(brief: Brief) -> str:
    """The whole brief as an HTML document (A4 or Letter when printed)."""
    head = brief.header
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
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
    ]
    if head.marking:
        out.append(f'<p class="meta marking">{esc(head.marking)}</p>')
    out.append(f"<h1>{esc(head.title)}</h1>")
    if head.prepared_for:
        out.append(f'<p class="meta"><strong>For:</strong> {esc(head.prepared_for)}</p>')
    out += [f'<p class="meta dateline">{esc(dateline(head))}</p>', "</header>", "<main>"]
    out += ["<section>", "<h2>Bottom line</h2>", "<ul>"]
    out += [f"<li>{spans(s)}</li>" for s in brief.bottom_line]
    out += ["</ul>", "</section>", "<section>", "<h2>Issues</h2>"]
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
        out += ["<section>", "<h2>Background</h2>", "<ul>"]
        out += [f"<li>{spans(s)}</li>" for s in brief.background]
        out += ["</ul>", "</section>"]
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
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)
