"""list, compare, export, validate: parse options, call the core, print what comes back."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, emit, load, show, write_stdout
from gapcli.cli.brief_commands import ForOption, MarkingOption, QuotesOption, TitleOption
from gapcli.cli.options import (
    AllTagsOption,
    ByOption,
    FormatOption,
    IssuesOption,
    SidesOption,
    TagsOption,
    VoicesOption,
    complete_issue_id,
    filters,
    nothing_left,
    output_format,
)
from gapcli.domain.choices import Paper
from gapcli.errors import UsageError

if TYPE_CHECKING:
    from gapcli.document.formats import Format


@app.command("list")
def list_issues(
    ctx: typer.Context,
    positions: PositionsOption = None,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="COLS",
            help="The columns to show, comma-separated: id,title,type,tags,gap (the default).",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the issues: id, title, gap type, tags and the gap in one line.

    \b
    Examples:
      gapcli list --tag evidence
      gapcli list --columns id,tags --tag trust --tag taiwan
      gapcli list --format tsv | grep precursor
    """
    from gapcli.render.terminal.issues import ListColumn, list_columns, list_table

    shown = list_columns(columns) if columns is not None else list(ListColumn)
    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags).check(dataset)
    issues = chosen.select(dataset)
    from gapcli.render import json as render_json
    from gapcli.render import tsv

    show(
        ctx,
        form,
        lambda: render_json.issue_list(issues, chosen),
        lambda: tsv.issues(issues, [c.value for c in shown]),
        lambda: list_table(issues, shown),
    )


@app.command()
def compare(
    ctx: typer.Context,
    issue_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ISSUE]...",
            help="Issue ids (see gapcli list), or choose with --issue and --tag.",
            autocompletion=complete_issue_id,
            show_default=False,
        ),
    ] = None,
    positions: PositionsOption = None,
    quotes: Annotated[
        bool, typer.Option("--quotes", "-q", help="Show each claim's verbatim quote.")
    ] = False,
    as_json: JsonOption = False,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
) -> None:
    """Show an issue side by side: one column per side, then the analysis, gap and bridges.

    --side keeps only those sides' columns; --voice and --by keep only the entries they
    match. Several issues (ids, --tag) are shown one after another.

    \b
    Examples:
      gapcli compare china-role --quotes
      gapcli compare --tag taiwan --voice official-voices
    """
    from gapcli.render.terminal.issues import compare_views
    from gapcli.views.filters import entries_left, to_compare

    dataset = load(positions)
    wanted = filters([*(issue_ids or []), *(issue or [])], tag, all_tags, side, voice, by)
    issues, parties = to_compare(dataset, wanted, as_json)
    wanted = wanted.check(dataset)  # as the dataset spells them, for the heading
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.compare(issues[0], dataset)))
    else:
        narrowed = wanted.statement_filters()
        emit(ctx, compare_views(issues, dataset, quotes, parties, narrowed))
    if wanted.on_statements:
        nothing_left(entries_left(issues), "entry", wanted.describe())


ExportFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-F",
        metavar="FORMAT",
        help="md, docx, html, pdf or json (default: from -o's extension, else md).",
    ),
]


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormatOption = None,
    full: Annotated[
        bool,
        typer.Option("--full", help="The complete dossier instead of the brief (any format)."),
    ] = False,
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE ('-' = stdout).")
    ] = "-",
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Overwrite FILE if it exists.")
    ] = False,
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
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="OLD",
            help="Add 'What changed since' OLD (a folder or git revision, as in gapcli diff).",
        ),
    ] = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            "--paper",
            case_sensitive=False,
            help="The page size of docx, html and pdf: letter or a4 (default: letter; "
            "HTML without --paper prints on the browser's paper).",
            show_default=False,
        ),
    ] = None,
    md: Annotated[bool, typer.Option("--md", help="Same as --format md.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Same as --format json: the data (docs/json.md).")
    ] = False,
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
    from gapcli.cli.brief_commands import brief_options, document
    from gapcli.document.formats import Format, choose_format, choose_paper
    from gapcli.views.filters import entries_left, select_issues

    given = _given_format(fmt, md, as_json)
    chosen_format = choose_format(given, output)
    page = choose_paper(paper, chosen_format)
    wanted = filters(issue, tag, all_tags, side, voice, by)
    options = brief_options(title, prepared_for, marking, quotes, wanted.on_statements)
    if since and chosen_format is Format.JSON:
        raise UsageError(
            "--since adds a section to the Markdown briefing; for JSON use gapcli diff"
        )
    dataset = load(positions)
    chosen = select_issues(dataset, wanted)
    dataset = wanted.narrow_dataset(dataset)
    if wanted.on_statements:  # nothing to brief: say so and write nothing
        nothing_left(entries_left(chosen, dataset), "entry", wanted.describe())
    changes = None
    if since:
        from gapcli.cli.diff_commands import since_diff

        changes = since_diff(since, positions, dataset, chosen)
    if output == "-" and given is None and not full and on_terminal():
        from gapcli.cli.brief_commands import make_brief
        from gapcli.render.terminal.brief import brief_view

        emit(ctx, brief_view(make_brief(dataset, chosen, options)))
        return
    content = document(chosen_format, dataset, chosen, options, full, changes, page)
    if output == "-":
        write_stdout(content)
        return
    from gapcli.domain.text import plural
    from gapcli.io.output import write_atomic

    write_atomic(output, content, force=force)
    emit(ctx, f"Wrote {output} ({plural(len(chosen), 'issue')}).", stderr=True)


def on_terminal() -> bool:
    """Whether standard output is a terminal (the brief is then drawn, not Markdown)."""
    return sys.stdout.isatty()


def _given_format(fmt: str | None, md: bool, as_json: bool) -> Format | None:
    """The format asked for by --format, --md or --json (at most one of them)."""
    from gapcli.document.formats import Format

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


@app.command()
def validate(
    ctx: typer.Context,
    source_text: Annotated[
        list[str] | None,
        typer.Option(
            "--source-text",
            "-s",
            metavar="SOURCE_ID=PATH",
            help="Check every quote citing SOURCE_ID against the text at PATH, instead of the "
            "source's own `text` file (repeatable).",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Correct what needs no judgement, in place, and list it: a quote's `para` where "
            "the quote is in another paragraph, a quote's characters where only quotes, dashes "
            "or spacing differ.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")
    ] = False,
    positions: PositionsOption = None,
) -> None:
    """Check the whole dataset and list every problem; exit 0 when clean, 1 otherwise.

    Quotes are checked against each source's `text` file, when dataset.yaml names one.
    Warnings (exit 0) point at what a valid dataset probably still lacks.

    \b
    Examples:
      gapcli validate -p my-dataset
      gapcli validate -p my-dataset --fix
      gapcli validate --source-text fp2024=article.txt
    """
    from gapcli.authoring.validation import validate_folder
    from gapcli.cli.app import dataset_dir, loading, warn
    from gapcli.domain.text import plural
    from gapcli.errors import DataError

    with loading():
        found = validate_folder(dataset_dir(positions), source_text or [], fix=fix)
    if found.fixed:
        write_stdout(f"Fixed {plural(len(found.fixed), 'value')}:\n")
        write_stdout("".join(f"  {one.shown()}\n" for one in found.fixed))
    notes = [str(w) for w in found.warnings]
    problems = found.problems + (notes if strict else [])
    if not problems:
        warn(notes)  # with errors, warnings wait: they are shown once the errors are fixed
    else:
        error = DataError(problems)
        if found.fixable and not fix:
            error.message += (
                f"\n'gapcli validate --fix' can correct {plural(found.fixable, 'value')}."
            )
        raise error
    dataset = found.dataset
    assert dataset is not None
    meta = dataset.meta
    summary = "OK: " + ", ".join(
        [
            plural(len(dataset.issues), "issue"),
            plural(len(meta.parties), "party", "parties"),
            plural(len(meta.sources), "source"),
        ]
    )
    if found.texts:
        summary += f"; {plural(found.quotes, 'quote')} verbatim in {', '.join(found.texts)}"
    write_stdout(summary + ".\n")
