"""The briefing travels: GFM parsers see one well-formed table per issue and front matter
pandoc can read; pandoc turns it into HTML and Word with the title and every table; any text
stays inside its table cell.
"""

from __future__ import annotations

import html.parser
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from gapcli.domain.models import Issue
from gapcli.loader import load_dataset
from gapcli.render.markdown import md

from helpers import REPO, TWO, VALID_DATASETS, Run, split_front_matter


def gfm() -> MarkdownIt:
    """A GFM parser: CommonMark with tables and strikethrough, raw HTML allowed."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell contents (header row first)."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content)
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def export(run: Run, folder: Path) -> str:
    """``gapcli export --md`` of one dataset folder."""
    result = run("export", "--full", "-p", folder)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("folder", VALID_DATASETS, ids=[p.name for p in VALID_DATASETS])
def test_export_is_gfm_with_one_table_per_issue(run: Run, folder: Path) -> None:
    dataset = load_dataset(folder)
    meta, body = split_front_matter(export(run, folder))
    assert meta["title"] == md(dataset.meta.title)  # pandoc reads metadata as Markdown
    assert meta["date"] == "29 November 2024"  # SOURCE_DATE_EPOCH, as people write it
    assert isinstance(meta["sources"], list) and len(meta["sources"]) == len(dataset.meta.sources)
    tokens = gfm().parse(body)
    assert not [t for t in tokens if t.type == "html_block"]
    found = tables(tokens)
    assert len(found) == len(dataset.issues)
    width = 1 + len(dataset.meta.parties)
    for table, issue in zip(found, dataset.issues, strict=True):
        # header, stance, claims, readings, asks, and other voices where a side has any
        assert len(table) == 5 + any_other_voices(issue)
        assert all(len(row) == width for row in table)
    # GFM turns \| back into | before it reads a cell.
    labels = [md(p.label).replace("\\|", "|") for p in dataset.meta.parties]
    assert found[0][0] == ["", *labels]
    heads = [row[0] for row in found[0][1:]]
    assert heads[:2] == ["**Stance**", "**Claims**"] and heads[3] == "**Asks**"
    assert heads[2].startswith("**Reads the other")
    assert heads[4:] == (["**Other voices**"] if any_other_voices(dataset.issues[0]) else [])


def any_other_voices(issue: Issue) -> bool:
    """Whether a side of the issue has voices other than its government's."""
    return any(not e.official for p in issue.positions.values() for _, e in p.entries())


@given(st.text())
def test_any_text_stays_inside_its_table_cell(text: str) -> None:
    source = f"| a | b |\n|---|---|\n| {md(text)} | end |\n"
    (table,) = tables(gfm().parse(source))
    assert len(table) == 2
    assert table[1][1] == "end"


def pandoc() -> str:
    """The pandoc command, or skip."""
    found = shutil.which("pandoc")
    if found is None:
        pytest.skip("pandoc is not installed (Debian: apt-get install -y pandoc)")
    return found


class _Tables(html.parser.HTMLParser):
    """Counts, per <table>, its header cells and its body rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, int]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"th": 0, "tr": 0})
        elif tag in ("th", "tr") and self.tables:
            self.tables[-1][tag] += 1
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


@pytest.mark.parametrize("folder", VALID_DATASETS, ids=[p.name for p in VALID_DATASETS])
def test_pandoc_keeps_front_matter_and_tables(run: Run, folder: Path, tmp_path: Path) -> None:
    program = pandoc()
    dataset = load_dataset(folder)
    brief = tmp_path / "brief.md"
    brief.write_text(export(run, folder), encoding="utf-8")
    page = subprocess.run(
        [program, str(brief), "-s", "-t", "html"], capture_output=True, text=True, timeout=120
    )
    assert page.returncode == 0, page.stderr
    parsed = _Tables()
    parsed.feed(page.stdout)
    assert html.unescape(parsed.title) == dataset.meta.title
    assert parsed.tables == [
        {"th": 1 + len(dataset.meta.parties), "tr": 5 + any_other_voices(issue)}
        for issue in dataset.issues
    ]
    docx = tmp_path / "brief.docx"
    word = subprocess.run(
        [program, str(brief), "-o", str(docx)], capture_output=True, text=True, timeout=120
    )
    assert word.returncode == 0, word.stderr
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert document.count("<w:tbl>") == len(dataset.issues)
    assert f"<dc:title>{html.escape(dataset.meta.title, quote=False)}</dc:title>" in core


def test_pandoc_line_break_filter_keeps_claims_apart(run: Run, tmp_path: Path) -> None:
    program = pandoc()
    brief = tmp_path / "brief.md"
    brief.write_text(export(run, TWO), encoding="utf-8")
    docx = tmp_path / "brief.docx"
    done = subprocess.run(
        [
            program,
            str(brief),
            "--lua-filter",
            str(REPO / "docs" / "pandoc-linebreaks.lua"),
            "-o",
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert document.count("<w:br />") == brief.read_text(encoding="utf-8").count("<br>")
