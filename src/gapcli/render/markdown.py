"""Markdown (GFM + pandoc front matter), every dataset string escaped by ``md``: the writer of
the dossier's and "What changed"'s blocks (``document/blocks.py``), and the sentences, front
matter and header the brief (``render/brief_markdown.py``) shares."""

from __future__ import annotations

import json
import re

from gapcli.document.blocks import (
    EMPTY,
    EXPLAINED,
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
from gapcli.document.changes import changes
from gapcli.document.dossier import build
from gapcli.domain.models import Dataset, Issue, Source
from gapcli.domain.text import visible
from gapcli.views.diff import DatasetDiff

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


def quoted(text: str) -> str:
    """A double-quoted YAML string that YAML (and pandoc) read back exactly.

    JSON syntax, but characters outside the Basic Multilingual Plane stay literal: YAML
    reads JSON's surrogate-pair escapes (``\\ud83d\\ude00``) as two broken characters.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def spans(sentence: Sentence) -> str:
    """A sentence in Markdown: values escaped, strong ones bold, each followed by its ¶."""
    out = []
    for span in sentence:
        text = md(span.text) if span.where or span.data else span.text
        text = f"`{span.text}`" if span.code else span.before + text + span.after
        if span.strong and text:
            text = f"**{text}**"
        if span.struck:
            text = f"~~{text}~~"
        if span.em:
            text = f"*{text}*"
        out.append(text + (f" {md(span.refs)}" if span.refs else ""))
    return "".join(out)


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


def source_line(source: Source) -> str:
    """*Title*, Publisher (date)."""
    dated = f" ({md(source.date)})" if source.date else ""
    return f"*{md(source.title)}*, {md(source.publisher)}{dated}"


def _grid(grid: Grid) -> list[str]:
    """A GFM table: a column per side, the stances one sentence each, other rows bulleted."""
    lines = ["| | " + " | ".join(md(side) for side in grid.sides) + " |"]
    lines.append("|---|" + "---|" * len(grid.sides))
    for n, (label, cells) in enumerate(grid.rows):
        if n == 0:
            shown = [spans(entries[0]) for entries in cells]
        else:
            shown = ["<br>".join(f"• {spans(e)}" for e in entries) or EMPTY for entries in cells]
        lines.append(f"| **{label}** | " + " | ".join(shown) + " |")
    return lines


def _sources(block: Sources) -> list[str]:
    if not block.ids:
        return [f"All citations are to {source_line(block.sources[0])}; {PARAGRAPH_NOTE}"]
    return [*(f"- {md(s.id)}: {source_line(s)}" for s in block.sources), "", PARAGRAPH_NOTE]


def _legend(block: Legend) -> str:
    return EXPLAINED + "; ".join(f"*{kind}*: {meaning}" for kind, meaning in block.kinds) + "."


def _block(block: Block) -> list[str]:
    """One block's lines (a blank line follows every block)."""
    if isinstance(block, Heading):
        if block.level > 3:  # within an issue: a bold lead of its own
            return [f"**{spans(block.text)}.**"]
        return [f"{'#' * block.level} {spans(block.text)}"]
    if isinstance(block, Paragraph):
        return [f"*{spans(block.text)}*" if block.note else spans(block.text)]
    if isinstance(block, BulletList):
        levels = block.levels or (0,) * len(block.items)
        return [f"{'  ' * n}- {spans(s)}" for s, n in zip(block.items, levels, strict=True)]
    if isinstance(block, Sources):
        return _sources(block)
    if isinstance(block, Legend):
        return [_legend(block)]
    return _grid(block)


def blocks_markdown(blocks: list[Block]) -> list[str]:
    """Blocks as Markdown lines, each block followed by a blank line."""
    return [line for block in blocks for line in (*_block(block), "")]


def dossier_markdown(dossier: Dossier) -> str:
    """The whole dossier: front matter, header, then its blocks (ending with its last line)."""
    lines = [*front_matter(dossier.header), *header_lines(dossier.header)]
    lines += blocks_markdown(dossier.blocks)
    if dossier.blocks and isinstance(dossier.blocks[-1], BulletList):
        lines.pop()
    return "\n".join(lines) + "\n"


def dossier(
    dataset: Dataset,
    issues: list[Issue],
    brief: Brief,
    since: list[Block] | None = None,
    filtered: bool = False,
) -> str:
    """The complete dossier (``export --full``) in Markdown; ``since``: a "What changed"
    section, placed right after the bottom line."""
    return dossier_markdown(build(dataset, issues, brief, filtered, since))


def diff_markdown(diff: DatasetDiff) -> str:
    """``gapcli diff --md``: a page of its own."""
    return "\n".join(blocks_markdown(changes(diff, 1)))
