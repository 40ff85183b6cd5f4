"""export: the brief, the dossier or the data, as Markdown, Word, HTML, PDF or JSON."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gapcli.cli.app import PositionsOption, dataset_dir, emit, load, loading, write_stdout
from gapcli.cli.options import (
    NO_FILTERS,
    NO_HEADER,
    FilterOptions,
    HeaderOptions,
    bundled,
    nothing_left,
)
from gapcli.document.export import ExportRequest, changes_since, make_brief
from gapcli.document.formats import Format, choose_format, choose_paper
from gapcli.domain.choices import Paper
from gapcli.domain.text import plural
from gapcli.errors import UsageError
from gapcli.io.output import write_atomic
from gapcli.render.export import export_content
from gapcli.render.terminal.brief import brief_view
from gapcli.views.filters import entries_left, select_issues

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-F",
        metavar="FORMAT",
        help="md, docx, html, pdf or json (default: from -o's extension, else md).",
    ),
]
FullOption = Annotated[
    bool, typer.Option("--full", help="The complete dossier instead of the brief (any format).")
]
OutputOption = Annotated[
    str, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE ('-' = stdout).")
]
ForceOption = Annotated[bool, typer.Option("--force", "-f", help="Overwrite FILE if it exists.")]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="OLD",
        help="Add 'What changed since' OLD (a folder or git revision, as in gapcli diff).",
    ),
]
PaperOption = Annotated[
    Paper | None,
    typer.Option(
        "--paper",
        case_sensitive=False,
        help="The page size of docx, html and pdf: letter or a4 (default: letter; "
        "HTML without --paper prints on the browser's paper).",
        show_default=False,
    ),
]
MdOption = Annotated[bool, typer.Option("--md", help="Same as --format md.")]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Same as --format json: the data (docs/json.md).")
]


@bundled(after_tag=("header", "positions"))
def export(
    ctx: typer.Context,
    fmt: FormatOption = None,
    full: FullOption = False,
    output: OutputOption = "-",
    force: ForceOption = False,
    wanted: FilterOptions = NO_FILTERS,
    header: HeaderOptions = NO_HEADER,
    positions: PositionsOption = None,
    since: SinceOption = None,
    paper: PaperOption = None,
    md: MdOption = False,
    as_json: JsonOption = False,
) -> None:
    """Export a brief (bottom line first, one short section per issue), the full dossier
    (--full) or the data (JSON), as Markdown, Word, HTML or PDF.

    \b
    Examples:
      gapcli export -o brief.docx --for "Participants, round 2" --marking "Chatham House Rule"
      gapcli export -i china-role -i blame -o supply.html
      gapcli export --full -o dossier.docx --paper a4
      gapcli export -o brief.pdf --paper a4
      gapcli export --since HEAD~1
      gapcli export --json --tag evidence
      gapcli export --md --tag trust --voice official-voices
    """
    given = given_format(fmt, md, as_json)
    chosen = wanted.filters()
    request = requested(given, output, full, paper, header, chosen.on_statements, since)
    dataset = load(positions)
    issues = select_issues(dataset, chosen)
    dataset = chosen.narrow_dataset(dataset)
    if chosen.on_statements:  # nothing to brief: say so and write nothing
        nothing_left(entries_left(issues, dataset), "entry", chosen.describe())
    with loading():
        changes = changes_since(since, dataset_dir(positions), dataset, issues) if since else None
    if output == "-" and given is None and not full and on_terminal():
        emit(ctx, brief_view(make_brief(dataset, issues, request.options)))
        return
    content = export_content(request, dataset, issues, changes)
    if output == "-":
        write_stdout(content)
        return
    write_atomic(output, content, force=force)
    emit(ctx, f"Wrote {output} ({plural(len(issues), 'issue')}).", stderr=True)


def requested(
    given: Format | None,
    output: str,
    full: bool,
    paper: Paper | None,
    header: HeaderOptions,
    filtered: bool,
    since: str | None,
) -> ExportRequest:
    """The export asked for, every option checked before the dataset is read."""
    fmt = choose_format(given, output)
    page = choose_paper(paper, fmt)
    options = header.options(filtered)
    if since and fmt is Format.JSON:
        raise UsageError(
            "--since adds a section to the Markdown briefing; for JSON use gapcli diff"
        )
    return ExportRequest(fmt, full, page, options)


def on_terminal() -> bool:
    """Whether standard output is a terminal (the brief is then drawn, not Markdown)."""
    return sys.stdout.isatty()


def given_format(fmt: str | None, md: bool, as_json: bool) -> Format | None:
    """The format asked for by --format, --md or --json (at most one of them)."""
    asked = [f for f, on in (("--md", md), ("--json", as_json)) if on]
    if fmt is not None:
        try:
            chosen = Format(fmt.lower())
        except ValueError:
            known = ", ".join(f.value for f in Format)
            raise UsageError(f"unknown --format {fmt!r}; use one of {known}") from None
        asked.append(f"--format {fmt}")
    if len(asked) > 1:
        raise UsageError(f"{' and '.join(asked)} cannot be used together; choose one format")
    if md:
        return Format.MD
    if as_json:
        return Format.JSON
    return chosen if fmt is not None else None
