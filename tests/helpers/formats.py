"""Reading the exported formats back: HTML's tags and text, and the PDF programs (poppler,
LibreOffice, Chromium), each found on PATH or skipped, saying why."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest


class Page(HTMLParser):
    """Tags, attributes, headings and text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.headings: list[int] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("style", "title"):
            self._skip += 1
        if tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1", "h2",
    "h3", "p", "strong", "em", "span", "ul", "li", "table", "caption", "thead", "tbody", "tr",
    "th", "td", "br", "cite", "a",
}  # fmt: skip
ALLOWED_ATTRS = {"lang", "charset", "name", "content", "http-equiv", "class", "scope", "href"}


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
needs_poppler = pytest.mark.skipif(
    not (PDFTOTEXT and PDFINFO), reason="poppler-utils (pdftotext, pdfinfo) not installed"
)


def browser() -> str | None:
    from gapcli.io.browser import find_browser

    return find_browser()


def pages(pdf: Path) -> int:
    info = subprocess.run([str(PDFINFO), str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        [str(PDFTOTEXT), str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", " ", done.stdout.replace("-\n", "-"))


def paper_of(pdf: Path) -> str:
    """The paper pdfinfo names (``A4``, ``letter``)."""
    info = subprocess.run([str(PDFINFO), str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Page size:.*\((\w+)\)", info.stdout, re.MULTILINE)
    return found.group(1) if found else info.stdout
