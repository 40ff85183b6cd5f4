"""The full dossier (``export --full``) in Word, HTML and PDF: exact structure on the small
fixtures (headings, styles, tables, voice labels, the source's analysis), hostile text shown
literally in every format, and the files opened by the programs people use (python-docx;
LibreOffice, Chromium and poppler when installed, else skipped, saying why)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from gapcli.document.blocks import BulletList, Dossier, Grid, Paragraph
from gapcli.document.brief import Options
from gapcli.document.brief import build as build_brief
from gapcli.document.dossier import build
from gapcli.domain.choices import Paper
from gapcli.domain.models import Dataset, Statement
from gapcli.domain.text import visible
from gapcli.loader import load_dataset
from gapcli.render.docx import dossier_docx, plain
from gapcli.render.html import dossier_html

from helpers import DIFF_NEW, DIFF_OLD, HOSTILE, SHIPPED, THREE, TWO, Run
from helpers.formats import (
    ALLOWED_ATTRS,
    ALLOWED_TAGS,
    SOFFICE,
    browser,
    needs_poppler,
    pages,
    paper_of,
    parse,
    pdf_text,
)
from helpers.render_checks import RAW_CONTROL

DATE = "2024-11-29"
needs_soffice = pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) not installed")
needs_browser = pytest.mark.skipif(browser() is None, reason="no Chromium or Chrome installed")


def dossier_of(folder: Path, *issues: str, marking: str | None = None) -> tuple[Dataset, Dossier]:
    dataset = load_dataset(folder)
    chosen = [i for i in dataset.issues if not issues or i.id in issues]
    brief = build_brief(dataset, chosen, DATE, Options(marking=marking), detail=False)
    return dataset, build(dataset, chosen, brief)


def refs(dossier: Dossier) -> set[str]:
    """Every ¶ reference the dossier shows."""
    sentences = []
    for block in dossier.blocks:
        if isinstance(block, Paragraph):
            sentences.append(block.text)
        elif isinstance(block, BulletList):
            sentences += block.items
        elif isinstance(block, Grid):
            sentences += [e for _, cells in block.rows for entries in cells for e in entries]
    return {r for s in sentences for span in s for r in span.refs.split(", ") if r}


def word(data: bytes) -> Any:
    return Document(io.BytesIO(data))


def word_text(doc: Any) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return re.sub(r"\s+", " ", " ".join([p.text for p in doc.paragraphs] + cells))


# --- Word -------------------------------------------------------------------------------------


TWO_HEADINGS = [
    ("Title", "Harbour dispute test set"),
    ("Heading 1", "Bottom line"),
    ("Heading 1", "Context"),
    ("Heading 2", "Key dates"),
    ("Heading 1", "Issues"),
    ("Heading 2", "1. Who dredges the channel"),
    ("Heading 3", "The memo's analysis"),
    ("Heading 2", "2. Harbour tolls"),
    ("Heading 1", "Recommendations"),
    ("Heading 1", "Citations"),
]
TWO_FIRST_TABLE = [
    ["", "Northport", "Southport"],
    [
        "Stance",
        "Southland caused the silt. — the Northland government · government ¶2",
        "Northern ships stir the silt. — the Southland government · government ¶2",
    ],
    [
        "Claims",
        "Silt comes from southern farms. — the Northland port authority · official ¶2",
        "Ship traffic doubled. — the Southland government · government ¶2",
    ],
    [
        "Reads the other",
        "Southland is stalling. — the Northland government · government ¶3 The source's "
        "assessment: exaggerated — Talks resumed in June. — the memo · analysis ¶3",
        "—",
    ],
    ["Asks", "Pay half the cost. — the Northland government · government ¶3", "—"],
    [
        "Other voices",
        "—",
        "Claim: Farms hold their soil. — a Southland farm scholar · expert ¶2\n"
        "Reading of Northport: Northland blames farms to avoid paying. — a Southland "
        "delegate · participant ¶3",
    ],
]


def test_word_dossier_has_the_markdown_dossiers_structure_in_words_own_styles() -> None:
    _, dossier = dossier_of(TWO, marking="Chatham House Rule")
    doc = word(dossier_docx(dossier))
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    assert [s for s in styled if s[0] in ("Title", "Heading 1", "Heading 2", "Heading 3")] == (
        TWO_HEADINGS
    )
    assert [[c.text for c in row.cells] for row in doc.tables[0].rows] == TWO_FIRST_TABLE
    assert [[c.text for c in row.cells] for row in doc.tables[1].rows][1:3] == [
        [
            "Stance",
            "Tolls are fair. — the Northland government · government ¶4",
            "The source reports no official position of Southport on this.",
        ],
        ["Claims", "—", "—"],
    ]
    analysis = styled.index(("Heading 3", "The memo's analysis"))
    assert styled[analysis + 1] == (
        "List Bullet",
        "Each side blames the other for the silt. — the memo · analysis ¶2",
    )
    citations = styled.index(("Heading 1", "Citations"))
    assert styled[citations + 1 :] == [
        ("List Bullet", "Harbour memo, Test Press (2024)"),
        ("Normal", "¶ = paragraph."),
        ("List Bullet", "¶1: “met in Midtown in May”"),
        ("List Bullet", "¶2: “Ship traffic doubled” … “silt from the southern farms”"),
        ("List Bullet", "¶3"),
        ("List Bullet", "¶4"),
    ]
    assert ("List Bullet", "100 percent — Ships entering the harbour doubled in two years. — "
            "the memo · analysis ¶2") in styled  # fmt: skip


def test_word_dossier_tables_properties_and_page_furniture() -> None:
    _, dossier = dossier_of(TWO, marking="Chatham House Rule")
    doc = word(dossier_docx(dossier))
    assert len(doc.tables) == 2
    for table in doc.tables:
        assert table.style is not None and table.style.name == "Table Grid"
        rows = [row._tr for row in table.rows]
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        label, north, south = (column.width for column in table.columns)
        assert label is not None and north is not None and label * 3 < north == south
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        assert caption is not None and caption.get(qn("w:val")).endswith(
            ": each side's official voices, then its other voices"
        )
    other = doc.tables[0].rows[5].cells[2].paragraphs  # Southport's other voices
    assert [[(r.text, r.bold, r.italic) for r in p.runs] for p in other] == [
        [
            ("Claim:", True, None),
            (" ", None, None),
            ("Farms hold their soil.", None, None),
            (" — ", None, None),
            ("a Southland farm scholar · expert", None, True),
            (" ¶2", None, None),
        ],
        [
            ("Reading of Northport:", True, None),
            (" ", None, None),
            ("Northland blames farms to avoid paying.", None, None),
            (" — ", None, None),
            ("a Southland delegate · participant", None, True),
            (" ¶3", None, None),
        ],
    ]
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Chatham House Rule"
    assert "PAGE" in section.footer._element.xml
    props = doc.core_properties
    assert (props.title, props.keywords) == ("Harbour dispute test set", "Chatham House Rule")
    assert props.created is not None and props.created.date().isoformat() == DATE


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.LETTER, (215.9, 279.4)), (Paper.A4, (210, 297))]
)
def test_word_page_follows_the_paper(paper: Paper, size: tuple[float, float]) -> None:
    _, dossier = dossier_of(TWO)
    section = word(dossier_docx(dossier, paper)).sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == size
    table = word(dossier_docx(dossier, paper)).tables[0]
    widths = sum(c.width for c in table.columns)
    assert widths <= section.page_width - section.left_margin - section.right_margin


def test_three_sides_label_every_reading_and_name_the_sources() -> None:
    _, dossier = dossier_of(THREE)
    doc = word(dossier_docx(dossier))
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["", "Alphaville", "Betatown", "Gammaton"]
    assert rows[3][0] == "Reads the others"
    assert rows[3][1] == (
        "Reading of Betatown: Beta free-rides on Alpha's dams. — the Alpha Republic · "
        "government report ¶3"
    )
    assert rows[5][1:3] == [
        "Reading of Gammaton: Sees Gamma as hoarding demands. — one Alpha delegate · "
        "participant notes ¶2",
        "Claim: Share by population. — Beta's farm lobby · public report ¶2",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert "The sources' analysis" in texts
    citations = texts.index("Citations")
    assert texts[citations + 1 :] == [
        "report: River report, Test Institute",
        "notes: Meeting notes, Test Forum (2024-06-02)",
        "¶ = paragraph.",
        "report ¶1: “flow fell by a third”",
        "report ¶2",
        "report ¶3",
        "notes ¶1",
        "notes ¶2: “a minimum flow at the border”",
    ]


# --- HTML -------------------------------------------------------------------------------------


def test_html_dossier_is_semantic_accessible_and_self_contained() -> None:
    _, dossier = dossier_of(TWO)
    html = dossier_html(dossier)
    page = parse(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert set(page.tags) <= ALLOWED_TAGS | {"h4", "td"} and "script" not in page.tags
    assert {name for _, name, _ in page.attrs} <= ALLOWED_ATTRS
    assert page.headings == [1, 2, 2, 3, 2, 3, 4, 3, 2, 2]
    assert page.tags.count("caption") == page.tags.count("table") == 2
    assert page.tags.count("section") == 9
    heads = re.findall(r'<th scope="(col|row)">([^<]*)</th>', html)
    assert heads[:7] == [
        ("col", "Northport"),
        ("col", "Southport"),
        ("row", "Stance"),
        ("row", "Claims"),
        ("row", "Reads the other"),
        ("row", "Asks"),
        ("row", "Other voices"),
    ]
    assert "<h4>The memo&#x27;s analysis</h4>" in html
    assert (
        "<td><p><strong>Claim:</strong> Farms hold their soil. — <em>a Southland farm scholar "
        '· expert</em> <span class="ref">¶2</span></p><p><strong>Reading of Northport:'
        "</strong> Northland blames farms to avoid paying. — <em>a Southland delegate · "
        'participant</em> <span class="ref">¶3</span></p></td>'
    ) in html
    assert " size:" not in html  # no --paper: the browser's own paper
    assert "@page { size: A4; }" in dossier_html(dossier, Paper.A4)
    assert "@page { size: letter; }" in dossier_html(dossier, Paper.LETTER)


# --- hostile text -----------------------------------------------------------------------------


def hostile_texts(dataset: Dataset) -> list[str]:
    """Every dataset text the dossier shows (ids, names and tags are not shown)."""
    meta = dataset.meta
    out = [meta.title, meta.summary, *(p.label for p in meta.parties)]
    out += [s for src in meta.sources for s in (src.title, src.publisher)]
    out += [s for f in meta.facts for s in (f.text, f.figure or "", f.by)]
    out += [s for r in meta.recommendations for s in (r.text, r.by)]
    out += [s for e in meta.timeline for s in (e.text, e.by or "")]
    for issue in dataset.issues:
        out += [issue.title, issue.question, issue.summary, issue.gap.what]
        out.append(issue.gap.why_it_matters)
        out += [
            s
            for c in [*issue.analysis, *issue.common_ground, *issue.bridges]
            for s in (c.text, c.by)
        ]
        for position in issue.positions.values():
            entries: list[Statement] = [e for _, e in position.entries()]
            entries += [position.stance] if position.stance else []
            out += [s for e in entries for s in (e.text, e.by)]
            judged = [r.assessment for r in position.readings if r.assessment]
            out += [s for a in judged for s in (a.text or "", a.by)]
    return [t for t in out if t.strip()]


def test_hostile_text_is_literal_in_the_word_and_html_dossiers() -> None:
    dataset, dossier = dossier_of(HOSTILE, marking="<b>x</b>")
    doc_text = word_text(word(dossier_docx(dossier)))
    page = parse(dossier_html(dossier))
    assert set(page.tags) <= ALLOWED_TAGS | {"h4", "td"} and "b" not in page.tags
    assert {name for _, name, _ in page.attrs} <= ALLOWED_ATTRS
    assert not [v for _, name, v in page.attrs if name == "href"]  # the source has no url
    html_text = re.sub(r"\s+", " ", "".join(page.text))
    assert not RAW_CONTROL.search(doc_text) and not RAW_CONTROL.search(html_text)
    for shown in [*hostile_texts(dataset), "<b>x</b>"]:
        assert re.sub(r"\s+", " ", plain(shown)).strip() in doc_text, shown
        assert re.sub(r"\s+", " ", visible(shown)).strip() in html_text, shown


# --- the command ------------------------------------------------------------------------------


def test_export_full_writes_every_format(run: Run, tmp_path: Path) -> None:
    for name in ("d.docx", "d.html"):
        result = run("export", "--full", "-p", TWO, "-o", tmp_path / name, "--paper", "a4")
        assert (result.exit_code, result.stderr) == (0, f"Wrote {tmp_path / name} (2 issues).\n")
    assert word((tmp_path / "d.docx").read_bytes()).sections[0].page_width.twips == 11906  # A4
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "@page { size: A4; }" in html and "<h3>1. Who dredges the channel</h3>" in html
    piped = run("export", "--full", "-p", TWO, "--format", "docx")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK")
    assert word(piped.stdout_bytes).sections[0].page_width.twips == 12240  # Letter, the default


SINCE_WORD = [
    ("Heading 1", "What changed since version 1, as of 2024-01"),
    (
        "Normal",
        f"From {DIFF_OLD} (version 1, as of 2024-01) to {DIFF_NEW} (version 2, as of 2024-06).",
    ),
    ("Normal", "1 issue changed, 1 added, 0 removed, 1 unchanged."),
    ("Normal", "Dataset file:"),
    ("List Bullet", "version changed"),
    ("List Bullet 2", "before: 1"),
    ("List Bullet 2", "now: 2"),
    ("List Bullet", "as_of changed"),
    ("List Bullet 2", "before: 2024-01"),
    ("List Bullet 2", "now: 2024-06"),
    ("Heading 2", "A new canal (canal)"),
    ("Normal", "Issue added."),
    ("Heading 2", "Who dredges the harbour (harbour)"),
    ("List Bullet", "question changed"),
    ("List Bullet 2", "before: Who should pay for dredging?"),
    ("List Bullet 2", "now: Who should pay for dredging, and how much?"),
]


def test_since_adds_what_changed_to_the_word_and_html_dossier_and_brief(
    run: Run, tmp_path: Path
) -> None:
    since = ["--since", DIFF_OLD, "-p", DIFF_NEW]
    for name in ("d.docx", "d.html", "b.docx", "b.html"):
        full = ["--full"] if name.startswith("d") else []
        assert run("export", *full, *since, "-o", tmp_path / name).exit_code == 0
    doc = word((tmp_path / "d.docx").read_bytes())
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    at = styled.index(SINCE_WORD[0])
    assert styled[at : at + len(SINCE_WORD)] == SINCE_WORD
    assert styled.index(("Heading 1", "Bottom line")) < at < styled.index(("Heading 1", "Context"))
    struck = [r.text for p in doc.paragraphs[at:] for r in p.runs if r.font.strike]
    assert struck[:5] == ["1", "2024-01", "dredging?", "cause", "activity"]
    assert ("List Bullet 3", "now: Southland is not stalling the talks.") in styled
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert (
        "<li><strong>Northport, claims</strong>\n<ul>\n<li><em>reworded</em> dredge-cost\n<ul>\n"
        "<li>before: Dredging costs <del>ten</del> million a year.</li>\n"
        "<li>now: Dredging costs <strong>twelve</strong> million a year.</li>\n</ul>\n</li>\n"
        "<li><em>removed</em> old-survey: The last survey is out of date. — <em>Northland "
        "engineers · expert</em></li>\n</ul>\n</li>"
    ) in html
    page = parse(html)
    assert page.headings == [1, 2, 2, 3, 3, 2, 2, 3, 3, 3, 2]  # what changed: h2, issues h3
    brief = [(p.style.name, p.text) for p in word((tmp_path / "b.docx").read_bytes()).paragraphs]
    headings = [text for style, text in brief if style == "Heading 1"]
    assert headings[:3] == ["Bottom line", SINCE_WORD[0][1], "Issues"]
    brief_page = parse((tmp_path / "b.html").read_text(encoding="utf-8"))
    assert brief_page.headings[:4] == [1, 2, 2, 3]  # bottom line, what changed, an issue


# --- the real programs ------------------------------------------------------------------------


def check_dossier_pdf(pdf: Path, dataset: Dataset, dossier: Dossier) -> None:
    """Every issue title and every ¶ reference of the dossier are in the PDF's text."""
    text = pdf_text(pdf)
    for issue in dataset.issues:
        assert re.sub(r"\s+", " ", issue.title) in text, issue.title
    for ref in refs(dossier):
        assert re.search(re.escape(ref) + r"\b", text), ref


def convert(tmp_path: Path, *docx: Path) -> None:
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [str(SOFFICE), profile, "--headless", "--convert-to", "pdf", "--outdir"]
    subprocess.run(
        [*command, str(tmp_path), *map(str, docx)], capture_output=True, timeout=300, check=True
    )


@needs_poppler
@needs_soffice
def test_libreoffice_opens_the_word_dossier_with_every_title_and_reference(tmp_path: Path) -> None:
    two, two_dossier = dossier_of(TWO)
    three, three_dossier = dossier_of(THREE)
    _, hostile_dossier = dossier_of(HOSTILE)
    assert refs(two_dossier) == {"¶1", "¶2", "¶3", "¶4"}
    assert refs(three_dossier) == {"report ¶1", "report ¶2", "report ¶3", "notes ¶1", "notes ¶2"}
    for name, dossier in (
        ("two", two_dossier),
        ("three", three_dossier),
        ("hostile", hostile_dossier),
    ):
        (tmp_path / f"{name}.docx").write_bytes(dossier_docx(dossier, Paper.A4))
    convert(tmp_path, *(tmp_path / f"{n}.docx" for n in ("two", "three", "hostile")))
    check_dossier_pdf(tmp_path / "two.pdf", two, two_dossier)
    check_dossier_pdf(tmp_path / "three.pdf", three, three_dossier)
    assert paper_of(tmp_path / "two.pdf") == "A4"
    text = pdf_text(tmp_path / "hostile.pdf")
    assert "<script>alert(1)</script>" in text and "[bold red]Briefing[/]" in text


@needs_poppler
@needs_browser
def test_chromium_prints_the_html_dossier_with_every_title_and_reference(
    run: Run, tmp_path: Path
) -> None:
    two, two_dossier = dossier_of(TWO)
    three, three_dossier = dossier_of(THREE)
    for folder, name in ((TWO, "two"), (THREE, "three"), (HOSTILE, "hostile")):
        assert run("export", "--full", "-p", folder, "-o", tmp_path / f"{name}.pdf").exit_code == 0
    check_dossier_pdf(tmp_path / "two.pdf", two, two_dossier)
    check_dossier_pdf(tmp_path / "three.pdf", three, three_dossier)
    assert paper_of(tmp_path / "two.pdf") == "letter"
    text = pdf_text(tmp_path / "hostile.pdf")
    assert "<script>alert(1)</script>" in text and "[bold red]Briefing[/]" in text


# The shipped dataset's dossier, measured on the machine docs/briefings.md names: 12 pages on
# A4 and 13 on Letter through Chromium, 12 and 12 through LibreOffice. Fonts differ between
# machines, so the test allows one page more.
DOSSIER_PAGES = {"chromium": {"A4": 12, "letter": 13}, "libreoffice": {"A4": 12, "letter": 12}}


@needs_poppler
@needs_browser
@needs_soffice
@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_the_shipped_dossier_prints_on_both_papers(run: Run, tmp_path: Path, paper: Paper) -> None:
    dataset, dossier = dossier_of(SHIPPED)
    pdf = tmp_path / "chromium.pdf"
    assert run("export", "--full", "-o", pdf, "--paper", paper.value).exit_code == 0
    (tmp_path / "office.docx").write_bytes(dossier_docx(dossier, paper))
    convert(tmp_path, tmp_path / "office.docx")
    name = "A4" if paper is Paper.A4 else "letter"
    for program, printed in (("chromium", pdf), ("libreoffice", tmp_path / "office.pdf")):
        assert paper_of(printed) == name, program
        assert pages(printed) <= DOSSIER_PAGES[program][name] + 1, program
        check_dossier_pdf(printed, dataset, dossier)
