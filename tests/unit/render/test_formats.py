"""Export formats (Markdown, Word, HTML, PDF): chosen by --format or the file's extension, each
well-formed and literal with hostile text, and checked with the programs that open them
(python-docx; LibreOffice, Chromium and poppler when installed, else skipped, saying why)."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from gapcli.document.brief import Brief, Options, build, sentences
from gapcli.document.formats import Format, choose_format
from gapcli.domain.choices import Paper
from gapcli.domain.models import Dataset
from gapcli.domain.text import visible
from gapcli.loader import load_dataset
from gapcli.render.docx import brief_docx, plain
from gapcli.render.html import brief_html

from helpers import HOSTILE, SHIPPED, TWO, Run
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


def shipped_brief(*issues: str, marking: str | None = None) -> tuple[Dataset, Brief]:
    dataset = load_dataset(SHIPPED)
    chosen = [i for i in dataset.issues if not issues or i.id in issues]
    return dataset, build(dataset, chosen, DATE, Options(marking=marking))


def shown_texts(brief: Brief) -> list[str]:
    """Every dataset text the brief shows: its values, header and sources."""
    head = brief.header
    out = [s.text for sentence in sentences(brief) for s in sentence if s.where is not None]
    out += [head.title, *(s.title for s in head.sources), *(s.publisher for s in head.sources)]
    return out + [s.issue.title for s in brief.issues]


def refs(brief: Brief) -> set[str]:
    return {r for sentence in sentences(brief) for s in sentence for r in s.refs.split(", ") if r}


# --- choosing the format --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "output", "expected"),
    [
        (None, "-", Format.MD),
        (None, "brief.DOCX", Format.DOCX),
        (None, "b.htm", Format.HTML),
        (Format.PDF, "brief.pdf", Format.PDF),
        (Format.MD, "notes", Format.MD),
    ],
)
def test_the_format_follows_the_extension(
    given: Format | None, output: str, expected: Format
) -> None:
    assert choose_format(given, output) is expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "brief.txt"],
            "brief.txt: unknown extension '.txt'; use one of .md, .markdown, "
            ".docx, .html, .htm, .pdf, .json (the extension says what the file holds)",
        ),
        (
            ["-o", "brief.docx", "--format", "md"],
            "brief.docx: the extension '.docx' says docx, "
            "but --format says md; make them agree (e.g. -o brief.md)",
        ),
        (
            ["-o", "brief"],
            "brief: no extension to tell the format; name the file with one of "
            ".md, .markdown, .docx, .html, .htm, .pdf, .json, or give --format",
        ),
        (["--format", "rtf"], "unknown --format 'rtf'; use one of md, docx, html, pdf, json"),
        (
            ["--md", "--format", "md"],
            "--md and --format md cannot be used together; choose one format",
        ),
        (
            ["--paper", "a4", "-o", "brief.md"],
            "--paper sets the page of docx, html and pdf, and md has no pages; "
            "leave --paper out, or write one of those (e.g. -o brief.pdf)",
        ),
        (
            ["--paper", "a4", "--json"],
            "--paper sets the page of docx, html and pdf, and json has no pages; "
            "leave --paper out, or write one of those (e.g. -o brief.pdf)",
        ),
    ],
)
def test_a_wrong_or_unknown_format_is_a_usage_error_and_writes_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "-p", TWO, *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"gapcli: error: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_word_bytes_go_to_a_pipe_and_into_a_file(run: Run, tmp_path: Path) -> None:
    piped = run("export", "-p", TWO, "--format", "docx")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK")
    target = tmp_path / "brief.docx"
    assert run("export", "-p", TWO, "-o", target).stderr == f"Wrote {target} (2 issues).\n"
    assert Document(str(target)).core_properties.title == "Harbour dispute test set"
    assert run("export", "-p", TWO, "-o", target).exit_code == 1  # no clobber without --force


def test_pdf_without_a_browser_says_what_to_install(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GAPCLI_CHROMIUM", raising=False)
    result = run("export", "-p", TWO, "-o", tmp_path / "brief.pdf")
    assert result.exit_code == 1
    assert result.stderr == (
        "gapcli: error: PDF needs Chromium or Chrome, and none was found; install one "
        "(Debian/Ubuntu: apt-get install chromium) or set GAPCLI_CHROMIUM to its path, or "
        "write HTML (-o brief.html) and print it to PDF from a browser\n"
    )
    assert not (tmp_path / "brief.pdf").exists()


# --- Word -----------------------------------------------------------------------------------


def test_word_uses_its_own_styles_tables_properties_and_page_furniture() -> None:
    _, brief = shipped_brief(marking="Chatham House Rule")
    doc = Document(io.BytesIO(brief_docx(brief)))
    styles = [p.style.name if p.style else "" for p in doc.paragraphs]
    assert styles[0] == "Title"
    assert {"Heading 1", "Heading 2", "List Bullet"} <= set(styles)
    props = doc.core_properties
    assert (props.title, props.version, props.keywords) == (
        brief.header.title,
        "2.0",
        "Chatham House Rule",
    )
    assert props.created is not None and props.created.date().isoformat() == DATE
    assert len(doc.tables) == len(brief.issues) == 7
    for table in doc.tables:
        assert table.style is not None and table.style.name == "Table Grid"
        rows = [row._tr for row in table.rows]
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
        label, text = (column.width for column in table.columns)
        assert label is not None and text is not None and label * 4 < text
    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "Chatham House Rule"
    assert "PAGE" in section.footer._element.xml
    body = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "2 December" not in body and "generated" not in body
    for ref in refs(brief):
        assert ref in body


def test_word_shows_hostile_text_literally() -> None:
    dataset = load_dataset(HOSTILE)
    brief = build(dataset, dataset.issues, DATE, Options(quotes=True))
    doc = Document(io.BytesIO(brief_docx(brief)))
    text = " ".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    assert not RAW_CONTROL.search(text)
    flat = re.sub(r"\s+", " ", text)
    for shown in shown_texts(brief):
        assert re.sub(r"\s+", " ", plain(shown)).strip() in flat, shown


# --- HTML -----------------------------------------------------------------------------------


def test_html_is_self_contained_semantic_and_accessible() -> None:
    _, brief = shipped_brief()
    html = brief_html(brief)
    page = parse(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert set(page.tags) <= ALLOWED_TAGS and "script" not in page.tags
    assert page.tags.count("style") == 1 and "@media print" in html and "@page" in html
    assert {name for _, name, _ in page.attrs} <= ALLOWED_ATTRS
    assert not [a for a in page.attrs if a[1] == "href"]  # the shipped source has no url
    assert page.tags.count("caption") == page.tags.count("table") == 7
    assert ("th", "scope", "row") in page.attrs and ("th", "scope", "col") in page.attrs
    steps = [b - a for a, b in zip(page.headings, page.headings[1:], strict=False)]
    assert page.headings[0] == 1 and max(steps) <= 1  # no level skipped
    text = "".join(page.text)
    for ref in refs(brief):
        assert ref in text


def test_html_shows_hostile_text_literally_and_links_only_declared_urls(tmp_path: Path) -> None:
    dataset = load_dataset(HOSTILE)
    brief = build(dataset, dataset.issues, DATE, Options(quotes=True, marking="<b>x</b>"))
    page = parse(brief_html(brief))
    assert set(page.tags) <= ALLOWED_TAGS and "script" not in page.tags and "b" not in page.tags
    assert {name for _, name, _ in page.attrs} <= ALLOWED_ATTRS
    text = re.sub(r"\s+", " ", "".join(page.text))
    assert not RAW_CONTROL.search(text)
    for shown in [*shown_texts(brief), "<b>x</b>"]:
        assert re.sub(r"\s+", " ", visible(shown)).strip() in text, shown


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("javascript:alert(1)", False),
        ('https://e.org/" onclick="x', False),
    ],
)
def test_only_a_declared_http_url_becomes_a_link(url: str, linked: bool) -> None:
    dataset = load_dataset(TWO)
    source = dataset.meta.sources[0].model_copy(update={"url": url})
    brief = build(dataset, dataset.issues, DATE, Options())
    brief.header.sources[:] = [source]
    hrefs = [v for _, name, v in parse(brief_html(brief)).attrs if name == "href"]
    assert hrefs == ([url] if linked else [])


# --- the real programs ------------------------------------------------------------------------


def check_pdf(pdf: Path, brief: Brief, most_pages: int) -> None:
    assert pages(pdf) <= most_pages
    text = pdf_text(pdf)
    for section in brief.issues:
        assert re.sub(r"\s+", " ", section.issue.title) in text
    for ref in refs(brief):
        assert re.search(re.escape(ref) + r"\b", text), ref


PAPER_NAME = {Paper.A4: "A4", Paper.LETTER: "letter"}


@needs_poppler
@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_libreoffice_opens_the_word_brief_within_its_pages(tmp_path: Path, paper: Paper) -> None:
    _, whole = shipped_brief()
    _, one = shipped_brief("china-role")
    (tmp_path / "all.docx").write_bytes(brief_docx(whole, paper))
    (tmp_path / "one.docx").write_bytes(brief_docx(one, paper))
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [str(SOFFICE), profile, "--headless", "--convert-to", "pdf", "--outdir"]
    subprocess.run(
        [*command, str(tmp_path), str(tmp_path / "all.docx"), str(tmp_path / "one.docx")],
        capture_output=True,
        timeout=300,
        check=True,
    )
    check_pdf(tmp_path / "all.pdf", whole, 3)
    check_pdf(tmp_path / "one.pdf", one, 1)
    assert paper_of(tmp_path / "all.pdf") == paper_of(tmp_path / "one.pdf") == PAPER_NAME[paper]


@needs_poppler
@pytest.mark.skipif(browser() is None, reason="no Chromium or Chrome installed")
@pytest.mark.parametrize("paper", [Paper.A4, Paper.LETTER])
def test_chromium_prints_the_html_brief_within_its_pages(
    run: Run, tmp_path: Path, paper: Paper
) -> None:
    _, whole = shipped_brief()
    _, one = shipped_brief("china-role")
    given = ["--paper", paper.value] if paper is Paper.A4 else []  # Letter is the default
    assert run("export", "-o", tmp_path / "all.pdf", *given).exit_code == 0
    assert run("export", "-i", "china-role", "-o", tmp_path / "one.pdf", *given).exit_code == 0
    check_pdf(tmp_path / "all.pdf", whole, 3)
    check_pdf(tmp_path / "one.pdf", one, 1)
    assert paper_of(tmp_path / "all.pdf") == paper_of(tmp_path / "one.pdf") == PAPER_NAME[paper]


@needs_poppler
@pytest.mark.skipif(browser() is None, reason="no Chromium or Chrome installed")
def test_hostile_text_prints_literally_to_pdf(run: Run, tmp_path: Path) -> None:
    assert run("export", "-p", HOSTILE, "-o", tmp_path / "h.pdf").exit_code == 0
    text = pdf_text(tmp_path / "h.pdf")
    assert "<script>alert(1)</script>" in text and "[bold red]Briefing[/]" in text


@pytest.mark.skipif(browser() is None, reason="no Chromium or Chrome installed")
def test_chromium_screenshots_the_html_brief_at_1280_pixels(tmp_path: Path) -> None:
    _, brief = shipped_brief()
    page = tmp_path / "brief.html"
    page.write_text(brief_html(brief), encoding="utf-8")
    shot = tmp_path / "brief.png"
    subprocess.run(
        [
            str(browser()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1280,900",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 1280


def test_markdown_and_terminal_briefs_show_hostile_text_literally(run: Run) -> None:
    from helpers import split_front_matter
    from helpers.render_checks import markdown_text, md_expected, terminal_problems

    dataset = load_dataset(HOSTILE)
    brief = build(dataset, dataset.issues, DATE, Options(quotes=True))
    _, body = split_front_matter(run("export", "-p", HOSTILE, "-q").stdout)
    rendered, problems = markdown_text(body)
    assert problems == [] and terminal_problems(body) == []
    drawn = run("brief", "-p", HOSTILE, "-q", columns=1000).stdout
    assert terminal_problems(drawn) == []
    for shown in shown_texts(brief):
        assert md_expected(shown) in rendered, shown
        assert all(piece.strip() in drawn for piece in visible(shown).split("\n")), shown
