"""brief (the brief on the terminal) and the options and documents it shares with export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gapcli.cli.app import PositionsOption, app, emit, load
from gapcli.cli.options import (
    AllTagsOption,
    ByOption,
    IssuesOption,
    SidesOption,
    TagsOption,
    VoicesOption,
    filters,
    nothing_left,
)

if TYPE_CHECKING:
    from gapcli.document.brief import Brief, Options
    from gapcli.document.formats import Format
    from gapcli.domain.choices import Paper
    from gapcli.domain.models import Dataset, Issue
    from gapcli.views.diff import DatasetDiff


TitleOption = Annotated[
    str | None,
    typer.Option("--title", metavar="TEXT", help="The brief's title (default: the dataset's)."),
]
ForOption = Annotated[
    str | None,
    typer.Option("--for", metavar="TEXT", help='Whom it is for, e.g. "Participants, round 2".'),
]
MarkingOption = Annotated[
    str | None,
    typer.Option(
        "--marking", metavar="TEXT", help='A handling marking, e.g. "Chatham House Rule".'
    ),
]
QuotesOption = Annotated[
    bool, typer.Option("--quotes", "-q", help="Add the quotes behind every ¶ cited.")
]


def brief_options(
    title: str | None,
    prepared_for: str | None,
    marking: str | None,
    quotes: bool,
    filtered: bool = False,
) -> Options:
    """The reader's choices, checked like dataset text (a blank title is refused)."""
    from gapcli.document.brief import Options
    from gapcli.domain.models import INVISIBLE
    from gapcli.errors import UsageError

    for name, value in (("--title", title), ("--for", prepared_for), ("--marking", marking)):
        if value is not None and not value.strip(f" \t\n{INVISIBLE}"):
            raise UsageError(f"{name} is blank; give the text, or leave the option out")
    return Options(title, prepared_for, marking, quotes, filtered)


def make_brief(
    dataset: Dataset, chosen: list[Issue], options: Options, detail: bool = True
) -> Brief:
    """The brief of the chosen issues, dated today (or SOURCE_DATE_EPOCH's day)."""
    from gapcli.document.brief import build
    from gapcli.io.clock import today

    return build(dataset, chosen, today(), options, detail)


def document(
    fmt: Format,
    dataset: Dataset,
    chosen: list[Issue],
    options: Options,
    full: bool,
    since: DatasetDiff | None,
    paper: Paper | None = None,
) -> str | bytes:
    """The export in ``fmt``: the brief, or with ``full`` the whole dossier, on ``paper``;
    ``since``: with a "What changed" section."""
    from gapcli.document.formats import Format
    from gapcli.domain.choices import Paper

    if fmt is Format.JSON:
        from gapcli.render import json as render_json

        return render_json.dumps(render_json.export(dataset, chosen))
    brief = make_brief(dataset, chosen, options, detail=not full)
    if fmt is Format.MD:
        from gapcli.document.changes import since_blocks

        changes = since_blocks(since) if since else None
        if full:
            from gapcli.render.markdown import dossier

            return dossier(dataset, chosen, brief, changes, options.filtered)
        from gapcli.render.brief_markdown import brief_markdown

        return brief_markdown(brief, changes)
    from gapcli.document.changes import since_blocks

    section = since_blocks(since) if since else None
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


@app.command()
def brief(
    ctx: typer.Context,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    title: TitleOption = None,
    prepared_for: ForOption = None,
    marking: MarkingOption = None,
    quotes: QuotesOption = False,
    positions: PositionsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
) -> None:
    """Show the brief on the terminal: bottom line first, then each issue in a few lines.

    \b
    Examples:
      gapcli brief
      gapcli brief -i china-role --for "Participants, round 2" --marking "Chatham House Rule"
      gapcli brief --quotes --tag evidence
    """
    from gapcli.render.terminal.brief import brief_view
    from gapcli.views.filters import entries_left, select_issues

    dataset = load(positions)
    wanted = filters(issue, tag, all_tags, side, voice, by)
    chosen = select_issues(dataset, wanted)
    dataset = wanted.narrow_dataset(dataset)
    if wanted.on_statements:
        nothing_left(entries_left(chosen, dataset), "entry", wanted.describe())
    emit(
        ctx,
        brief_view(
            make_brief(
                dataset,
                chosen,
                brief_options(title, prepared_for, marking, quotes, wanted.on_statements),
            )
        ),
    )
