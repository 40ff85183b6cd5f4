"""list, compare, export, validate: parse options, call the core, print what comes back."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, emit, load, write_stdout


def complete_issue_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Issue ids for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import issue_ids

    return issue_ids(ctx, incomplete)


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tags for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import tags

    return tags(ctx, incomplete)


TagOption = Annotated[
    str | None,
    typer.Option("--tag", "-t", help="Only issues with this tag.", autocompletion=complete_tag),
]


@app.command("list")
def list_issues(
    ctx: typer.Context,
    positions: PositionsOption = None,
    tag: TagOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the issues: id, title, gap type and the gap in one line.

    Example: gapcli list --tag evidence
    """
    from gapcli.query import by_tag
    from gapcli.render.terminal import list_table

    dataset = load(positions)
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.issue_list(by_tag(dataset, tag), tag)))
        return
    emit(ctx, list_table(by_tag(dataset, tag)))


@app.command()
def compare(
    ctx: typer.Context,
    issue_id: Annotated[
        str,
        typer.Argument(
            metavar="ISSUE", help="Issue id (see gapcli list).", autocompletion=complete_issue_id
        ),
    ],
    positions: PositionsOption = None,
    quotes: Annotated[
        bool, typer.Option("--quotes", "-q", help="Show each claim's verbatim quote.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one issue side by side: one column per side, then the analysis, gap and bridges.

    Example: gapcli compare china-role --quotes
    """
    from gapcli.query import find_issue
    from gapcli.render.terminal import compare_view

    dataset = load(positions)
    issue = find_issue(dataset, issue_id)
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.compare(issue, dataset)))
        return
    emit(ctx, compare_view(issue, dataset, quotes=quotes))


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
    tag: TagOption = None,
    positions: PositionsOption = None,
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
    chosen = select_issues(dataset, issue or [], tag)
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
