"""The brief as a Word document (python-docx): Word's own styles, bordered tables with a
narrow label column, header rows repeated, rows kept whole, page numbers, the marking in the
page header. Dataset text only ever enters as run text (with controls made visible)."""

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
from docx.shared import Cm, Pt, RGBColor

from gapcli.brief import Brief, Sentence
from gapcli.models import Source
from gapcli.render.brief_markdown import dateline
from gapcli.render.text import visible

# XML 1.0 cannot hold these at all (python-docx would refuse them): shown as escapes.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
GREY = RGBColor(0x4D, 0x4D, 0x4D)


def plain(text: str) -> str:
    """Dataset text for a Word run: controls visible, one line (newlines become spaces)."""
    shown = visible(text.replace("\r\n", "\n")).replace("\t", " ").replace("\n", " ")
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", shown)


def _runs(paragraph: Any, sentence: Sentence, bold: bool = False) -> None:
    for span in sentence:
        run = paragraph.add_run(plain(span.text))
        run.bold = bold or span.strong or None
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


def brief_docx(brief: Brief) -> bytes:
    """The whole brief as the bytes of a .docx file."""
    head = brief.header
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(1.6)
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.header_distance = section.footer_distance = Cm(0.8)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.line_spacing = 1.0
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11)):
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

    doc.add_heading("Bottom line", level=1)
    for sentence in brief.bottom_line:
        _runs(doc.add_paragraph(style="List Bullet"), sentence)

    doc.add_heading("Issues", level=1)
    width = Cm(21 - 3.2)  # A4 less the margins (Letter is 0.6 cm narrower: Word shrinks it)
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
        table = doc.add_table(rows=1, cols=2)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        label_width = Cm(2.8)
        widths = (label_width, width - label_width)
        header = table.rows[0]
        _repeat_header(header)
        for cell, text in zip(header.cells, ("Who", "What"), strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row in issue.rows:
            cells = table.add_row()
            _keep_whole(cells)
            _runs(cells.cells[0].paragraphs[0], row.label, bold=True)
            _runs(cells.cells[1].paragraphs[0], row.sentence)
        for column, size in zip(table.columns, widths, strict=True):
            column.width = size  # the grid, which LibreOffice reads
        for row in table.rows:
            for cell, size in zip(row.cells, widths, strict=True):
                cell.width = size  # each cell, which Word reads
    if brief.left_out:
        _runs(doc.add_paragraph(), brief.left_out)
    if brief.background:
        doc.add_heading("Background", level=1)
        for sentence in brief.background:
            _runs(doc.add_paragraph(style="List Bullet"), sentence)
    doc.add_heading("Sources", level=1)
    for source in head.sources:
        doc.add_paragraph(_source(source), style="List Bullet")
    note = doc.add_paragraph().add_run(
        "¶ = paragraph of the source" + ("s." if brief.multi_source else ".")
    )
    note.font.color.rgb = GREY
    if brief.quotes:
        doc.add_heading("Quotes", level=1)
        for marker, quotes in brief.quotes:
            said = " … ".join(f"“{plain(q)}”" for q in quotes)
            doc.add_paragraph(plain(marker) + (f": {said}" if said else ""), style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
