"""The brief and the full dossier as Word documents (python-docx), on Letter or A4: Word's own
styles, bordered tables with a narrow label column, header rows repeated, rows kept whole, page
numbers, the marking in the page header. Dataset text only ever enters as run text (with
controls made visible)."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor

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
    heading_text,
)
from gapcli.document.brief import Brief, Header, Sentence, dateline
from gapcli.document.formats import PAGE_MM
from gapcli.domain.choices import Paper
from gapcli.domain.models import Source
from gapcli.domain.text import visible

# XML 1.0 cannot hold these at all (python-docx would refuse them): shown as escapes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
GREY = RGBColor(0x4D, 0x4D, 0x4D)


def plain(text: str) -> str:
    """Dataset text for a Word run: controls visible, one line (newlines become spaces)."""
    shown = visible(text.replace("\r\n", "\n")).replace("\t", " ").replace("\n", " ")
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)


def _runs(paragraph: Any, sentence: Sentence, bold: bool = False) -> None:
    for span in sentence:
        run = paragraph.add_run(plain(span.shown))
        run.bold = bold or span.strong or None
        run.font.strike = span.struck or None
        run.italic = span.em or None
        if span.refs:
            ref = paragraph.add_run(" " + plain(span.refs))
            ref.font.color.rgb = GREY


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        properties.append(element)


def _keep_whole(row: Any) -> None:
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _page_number(paragraph: Any) -> None:
    """A PAGE field: Word fills in the number."""
    paragraph.add_run("Page ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _source(source: Source) -> str:
    dated = f" ({source.date})" if source.date else ""
    url = f", {source.url}" if source.url else ""
    return plain(f"{source.title}, {source.publisher}{dated}{url}")


MARGIN_CM = 1.6  # left and right


def new_document(head: Header, paper: Paper = Paper.LETTER) -> Any:
    """A document on ``paper`` with Word's styles set, the properties from ``head``, the
    marking in the page header, page numbers in the footer, and the title block."""
    doc = Document()
    section = doc.sections[0]
    width, height = PAGE_MM[paper]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.header_distance = section.footer_distance = Cm(0.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11), ("Heading 3", 10)):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(8 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(3)

    props = doc.core_properties
    props.title = plain(head.title)
    props.subject = plain(head.prepared_for or head.title)
    props.keywords = plain(head.marking or "")
    props.version = plain(head.version or "")
    props.author = ""
    props.comments = plain(dateline(head))
    with contextlib.suppress(ValueError):
        props.created = props.modified = datetime.fromisoformat(head.iso_date)

    page_head = section.header.paragraphs[0]
    if head.marking:
        page_head.add_run(plain(head.marking)).bold = True
    footer = section.footer.paragraphs[0]
    _page_number(footer)

    doc.add_paragraph(plain(head.title), style="Title")
    if head.prepared_for:
        line = doc.add_paragraph()
        line.add_run("For: ").bold = True
        line.add_run(plain(head.prepared_for))
    if head.marking:
        line = doc.add_paragraph()
        line.add_run("Handling: ").bold = True
        line.add_run(plain(head.marking))
    dated = doc.add_paragraph().add_run(plain(dateline(head)))
    dated.font.color.rgb = GREY
    return doc


def text_width(paper: Paper) -> Length:
    """The width between the margins."""
    return Length(Mm(PAGE_MM[paper][0]) - 2 * Cm(MARGIN_CM))


def table(doc: Any, header: list[str]) -> Any:
    """A bordered table (Table Grid) of fixed column widths, its header row bold and repeated
    on every page; ``add_row`` adds rows kept whole."""
    grid = doc.add_table(rows=1, cols=len(header))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    first = grid.rows[0]
    _repeat_header(first)
    for cell, text in zip(first.cells, header, strict=True):
        cell.paragraphs[0].add_run(plain(text)).bold = True
    return grid


def add_row(grid: Any) -> Any:
    """A new row of ``grid``, kept whole across pages."""
    row = grid.add_row()
    _keep_whole(row)
    return row


def fix_widths(grid: Any, widths: list[Length]) -> None:
    """Set the column widths in the grid (which LibreOffice reads) and on every cell (Word)."""
    for column, size in zip(grid.columns, widths, strict=True):
        column.width = size
    for row in grid.rows:
        for cell, size in zip(row.cells, widths, strict=True):
            cell.width = size


def brief_docx(
    brief: Brief, paper: Paper = Paper.LETTER, since: list[Block] | None = None
) -> bytes:
    """The whole brief as the bytes of a .docx file; ``since``: the "What changed" section,
    after the bottom line."""
    head = brief.header
    doc = new_document(head, paper)

    doc.add_heading("Bottom line", level=1)
    bullets(doc, brief.bottom_line)
    add_blocks(doc, since or [], paper)

    doc.add_heading("Issues", level=1)
    width = text_width(paper)
    label_width = Cm(2.8)
    widths = [label_width, Length(width - label_width)]
    for issue in brief.issues:
        heading = doc.add_heading(level=2)
        heading.add_run(f"{issue.number}. {plain(issue.issue.title)}")
        heading.paragraph_format.keep_with_next = True
        if issue.question:
            question = doc.add_paragraph()
            _runs(question, issue.question)
            for run in question.runs:
                run.italic = True
            question.paragraph_format.keep_with_next = True
        gap = doc.add_paragraph()
        gap.add_run("The gap: ").bold = True
        _runs(gap, issue.gap)
        gap.paragraph_format.keep_with_next = True
        grid = table(doc, ["Who", "What"])
        for row in issue.rows:
            cells = add_row(grid).cells
            _runs(cells[0].paragraphs[0], row.label, bold=True)
            _runs(cells[1].paragraphs[0], row.sentence)
        fix_widths(grid, widths)
    if brief.left_out:
        _runs(doc.add_paragraph(), brief.left_out)
    if brief.background:
        doc.add_heading("Background", level=1)
        bullets(doc, brief.background)
    doc.add_heading("Sources", level=1)
    _sources(doc, head.sources)
    note = doc.add_paragraph().add_run(
        "¶ = paragraph of the source" + ("s." if brief.multi_source else ".")
    )
    note.font.color.rgb = GREY
    if brief.quotes:
        doc.add_heading("Quotes", level=1)
        for marker, quotes in brief.quotes:
            said = " … ".join(f"“{plain(q)}”" for q in quotes)
            doc.add_paragraph(plain(marker) + (f": {said}" if said else ""), style="List Bullet")
    return saved(doc)


def bullets(doc: Any, items: list[Sentence], levels: tuple[int, ...] = ()) -> None:
    """A bulleted list of sentences (Word's List Bullet, List Bullet 2 and 3 for ``levels``)."""
    for sentence, level in zip(items, levels or (0,) * len(items), strict=True):
        _runs(doc.add_paragraph(style="List Bullet" + (f" {level + 1}" if level else "")), sentence)


def saved(doc: Any) -> bytes:
    """The document as the bytes of a .docx file."""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sources(doc: Any, sources: list[Source], ids: bool = False) -> None:
    for source in sources:
        named = f"{plain(source.id)}: " if ids else ""
        doc.add_paragraph(named + _source(source), style="List Bullet")


LABEL_CM = 2.2  # the dossier's row labels (Stance, Claims, Reads the other ...)


def dossier_docx(dossier: Dossier, paper: Paper = Paper.LETTER) -> bytes:
    """The whole dossier as the bytes of a .docx file: HTML's h2-h4 as Heading 1-3, a table
    per issue with a column per side and a row per kind of entry."""
    doc = new_document(dossier.header, paper)
    add_blocks(doc, dossier.blocks, paper)
    return saved(doc)


def add_blocks(doc: Any, blocks: list[Block], paper: Paper) -> None:
    """Blocks in Word's styles: HTML's h2-h4 as Heading 1-3."""
    for block in blocks:
        if isinstance(block, Legend):
            block = block.plain()
        if isinstance(block, Heading):
            heading = doc.add_heading(plain(heading_text(block)), level=block.level - 1)
            heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, BulletList):
            bullets(doc, block.items, block.levels)
        elif isinstance(block, Sources):
            _sources(doc, block.sources, block.ids)
            doc.add_paragraph().add_run(PARAGRAPH_NOTE).font.color.rgb = GREY
        else:
            _grid(doc, block, paper)


def _paragraph(doc: Any, block: Paragraph) -> None:
    paragraph = doc.add_paragraph()
    _runs(paragraph, block.text)
    for run in paragraph.runs if block.note else ():
        run.font.color.rgb = GREY


def _grid(doc: Any, block: Grid, paper: Paper) -> None:
    label = Cm(LABEL_CM)
    side = Length((text_width(paper) - label) // len(block.sides))
    widths = [label, *(side for _ in block.sides)]
    grid = table(doc, ["", *block.sides])
    for name, cells in block.rows:
        row = add_row(grid).cells
        row[0].paragraphs[0].add_run(plain(name)).bold = True
        for cell, entries in zip(row[1:], cells, strict=True):
            if not entries:
                cell.paragraphs[0].add_run("—")
            for n, entry in enumerate(entries):
                _runs(cell.add_paragraph() if n else cell.paragraphs[0], entry)
    fix_widths(grid, widths)
    caption = OxmlElement("w:tblCaption")  # the table's title for screen readers
    caption.set(qn("w:val"), plain(block.caption))
    grid._tbl.tblPr.append(caption)
