"""Export formats: which one a command writes, from ``--format`` and the file's extension."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePath

from gapcli.domain.choices import Paper
from gapcli.errors import UsageError


class Format(StrEnum):
    """What ``gapcli export`` writes."""

    MD = "md"
    DOCX = "docx"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


EXTENSIONS = {
    ".md": Format.MD,
    ".markdown": Format.MD,
    ".docx": Format.DOCX,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".pdf": Format.PDF,
    ".json": Format.JSON,
}
KNOWN = ", ".join(dict.fromkeys(EXTENSIONS))


def choose_format(given: Format | None, output: str) -> Format:
    """The format to write: ``given``, else the one ``output``'s extension names (Markdown on
    standard output). An extension that is unknown, or disagrees with ``given``, is refused:
    a file never holds a format its name does not say."""
    if output == "-":
        return given or Format.MD
    suffix = PurePath(output).suffix
    inferred = EXTENSIONS.get(suffix.lower())
    if not suffix:
        if given is None:
            raise UsageError(
                f"{output}: no extension to tell the format; name the file with one of "
                f"{KNOWN}, or give --format"
            )
        return given
    if inferred is None:
        raise UsageError(
            f"{output}: unknown extension {suffix!r}; use one of {KNOWN} "
            "(the extension says what the file holds)"
        )
    if given is not None and given is not inferred:
        raise UsageError(
            f"{output}: the extension {suffix!r} says {inferred.value}, but --format says "
            f"{given.value}; make them agree (e.g. -o brief.{given.value})"
        )
    return inferred


PAGE_MM = {Paper.LETTER: (215.9, 279.4), Paper.A4: (210.0, 297.0)}  # width, height
PAGE_CSS = {Paper.LETTER: "letter", Paper.A4: "A4"}  # CSS @page size names
PAGED = (Format.DOCX, Format.HTML, Format.PDF)


def choose_paper(given: Paper | None, fmt: Format) -> Paper | None:
    """The paper of a paged format: ``given``, else Letter for Word and PDF, else none (HTML
    then prints on the browser's own paper). Markdown and JSON have no pages: refused."""
    if given is not None and fmt not in PAGED:
        raise UsageError(
            f"--paper sets the page of docx, html and pdf, and {fmt.value} has no pages; "
            "leave --paper out, or write one of those (e.g. -o brief.pdf)"
        )
    if given is None and fmt is not Format.HTML:
        return Paper.LETTER if fmt in PAGED else None
    return given
