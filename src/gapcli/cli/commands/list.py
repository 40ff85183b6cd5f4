"""list: the issues, one line each."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, load, show
from gapcli.cli.options import NO_FILTERS, FilterOptions, FormatOption, bundled, output_format
from gapcli.render import json as render_json
from gapcli.render import tsv
from gapcli.render.terminal.issues import ListColumn, list_columns, list_table

ColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--columns",
        metavar="COLS",
        help="The columns to show, comma-separated: id,title,type,tags,gap (the default).",
    ),
]


@bundled(without=("side", "voice", "by"))
def list_issues(
    ctx: typer.Context,
    positions: PositionsOption = None,
    wanted: FilterOptions = NO_FILTERS,
    columns: ColumnsOption = None,
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
    shown = list_columns(columns) if columns is not None else list(ListColumn)
    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = wanted.filters().check(dataset)
    issues = chosen.select(dataset)
    show(
        ctx,
        form,
        lambda: render_json.issue_list(issues, chosen),
        lambda: tsv.issues(issues, [c.value for c in shown]),
        lambda: list_table(issues, shown),
    )
