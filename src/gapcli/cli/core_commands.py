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
    from gapcli.cli.app import dataset_dir, warn
    from gapcli.errors import DataError
    from gapcli.render.text import plural
    from gapcli.validation import validate_folder

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
