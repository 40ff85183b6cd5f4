"""list, compare, export, validate: parse options, call the core, print what comes back."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, emit, load, show, write_stdout
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
    output_format,
)


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
    from gapcli.render.terminal import ListColumn, list_columns, list_table

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
    from gapcli.query import to_compare
    from gapcli.render.terminal import compare_views

    dataset = load(positions)
    wanted = filters([*(issue_ids or []), *(issue or [])], tag, all_tags, side, voice, by)
    issues, parties = to_compare(dataset, wanted, as_json)
    wanted = wanted.check(dataset)  # as the dataset spells them, for the heading
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.compare(issues[0], dataset)))
        return
    narrowed = wanted.statement_filters()
    emit(ctx, compare_views(issues, dataset, quotes, parties, narrowed))


@app.command()
def export(
    ctx: typer.Context,
    md: Annotated[
        bool, typer.Option("--md", help="Markdown briefing note (the default format).")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="The dataset as JSON, narrowed like --md (docs/json.md).")
    ] = False,
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE ('-' = stdout).")
    ] = "-",
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Overwrite FILE if it exists.")
    ] = False,
    issue: Annotated[
        list[str] | None,
        typer.Option(
            "--issue",
            "-i",
            metavar="ID",
            help="Only this issue (repeatable).",
            autocompletion=complete_issue_id,
        ),
    ] = None,
    tag: TagsOption = None,
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
) -> None:
    """Export a briefing note: bottom line, context, one section per issue, citations.

    \b
    Examples:
      gapcli export --md -o brief.md
      gapcli export --md --issue china-role --issue blame
      gapcli export --md --since HEAD~1
      gapcli export --json --tag evidence
      gapcli export --md --tag trust --voice official-voices
    """

    from gapcli.errors import UsageError
    from gapcli.query import export_date, select_issues
    from gapcli.render.markdown import briefing
    from gapcli.version import version

    if md and as_json:
        raise UsageError("--md and --json cannot be used together; choose one format")
    if since and as_json:
        raise UsageError(
            "--since adds a section to the Markdown briefing; for JSON use gapcli diff"
        )
    dataset = load(positions)
    wanted = filters(issue, tag, all_tags, side, voice, by)
    chosen = select_issues(dataset, wanted)
    dataset = wanted.narrow_dataset(dataset)
    if as_json:
        from gapcli.render import json as render_json

        text = render_json.dumps(render_json.export(dataset, chosen))
    else:
        changes = None
        if since:
            from gapcli.cli.diff_commands import since_section

            changes = since_section(since, positions, dataset, chosen)
        text = briefing(dataset, chosen, export_date(), version(), changes)
    if output == "-":
        write_stdout(text)
        return
    from gapcli.output import write_atomic
    from gapcli.render.text import plural

    write_atomic(output, text, force=force)
    emit(ctx, f"Wrote {output} ({plural(len(chosen), 'issue')}).", stderr=True)


@app.command()
def validate(
    ctx: typer.Context,
    source_text: Annotated[
        list[str] | None,
        typer.Option(
            "--source-text",
            "-s",
            metavar="SOURCE_ID=PATH",
            help="Check every quote citing SOURCE_ID against the text at PATH (repeatable).",
        ),
    ] = None,
    positions: PositionsOption = None,
) -> None:
    """Check the whole dataset and list every problem; exit 0 when clean, 1 otherwise.

    Example: gapcli validate --source-text fp2024=article.txt
    """
    from gapcli.errors import DataError
    from gapcli.render.text import plural
    from gapcli.verify import check_quotes, parse_source_texts

    dataset = load(positions)
    texts = parse_source_texts(source_text or [], dataset)
    checked, problems = check_quotes(dataset, texts)
    if problems:
        raise DataError(problems)
    meta = dataset.meta
    summary = "OK: " + ", ".join(
        [
            plural(len(dataset.issues), "issue"),
            plural(len(meta.parties), "party", "parties"),
            plural(len(meta.sources), "source"),
        ]
    )
    if texts:
        summary += f"; {plural(checked, 'quote')} verbatim in {', '.join(sorted(texts))}"
    write_stdout(summary + ".\n")
