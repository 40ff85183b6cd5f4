"""The export in its format: the brief or the dossier as Markdown, Word, HTML, PDF, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gapcli.document.changes import since_blocks
from gapcli.document.export import ExportRequest, make_brief
from gapcli.document.formats import Format
from gapcli.domain.choices import Paper

if TYPE_CHECKING:
    from gapcli.domain.models import Dataset, Issue
    from gapcli.views.diff import DatasetDiff


def export_content(
    request: ExportRequest, dataset: Dataset, chosen: list[Issue], since: DatasetDiff | None
) -> str | bytes:
    """The export ``request`` asks for, of the chosen issues; ``since``: with a "What
    changed" section."""
    fmt, full, paper, options = request.fmt, request.full, request.paper, request.options
    if fmt is Format.JSON:
        from gapcli.render import json as render_json

        return render_json.dumps(render_json.export(dataset, chosen))
    brief = make_brief(dataset, chosen, options, detail=not full)
    section = since_blocks(since) if since else None
    if fmt is Format.MD:
        if full:
            from gapcli.render.markdown import dossier

            return dossier(dataset, chosen, brief, section, options.filtered)
        from gapcli.render.brief_markdown import brief_markdown

        return brief_markdown(brief, section)
    whole = None
    if full:
        from gapcli.document.dossier import build

        whole = build(dataset, chosen, brief, options.filtered, section)
    if fmt is Format.DOCX:
        from gapcli.render.docx import brief_docx, dossier_docx

        letter = paper or Paper.LETTER
        return dossier_docx(whole, letter) if whole else brief_docx(brief, letter, section)
    from gapcli.render.html import brief_html, dossier_html

    html = dossier_html(whole, paper) if whole else brief_html(brief, paper, section)
    if fmt is Format.HTML:
        return html
    from gapcli.io.browser import html_to_pdf

    return html_to_pdf(html)
