"""compare: one issue side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, emit, load, write_stdout
from gapcli.cli.options import NO_FILTERS, FilterOptions, bundled, complete_issue_id, nothing_left
from gapcli.render.terminal.issues import compare_views
from gapcli.views.filters import entries_left, to_compare

IssuesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[ISSUE]...",
        help="Issue ids (see gapcli list), or choose with --issue and --tag.",
        autocompletion=complete_issue_id,
        show_default=False,
    ),
]
QuotesOption = Annotated[
    bool, typer.Option("--quotes", "-q", help="Show each claim's verbatim quote.")
]


@bundled()
def compare(
    ctx: typer.Context,
    issue_ids: IssuesArgument = None,
    positions: PositionsOption = None,
    quotes: QuotesOption = False,
    as_json: JsonOption = False,
    wanted: FilterOptions = NO_FILTERS,
) -> None:
    """Show an issue side by side: one column per side, then the analysis, gap and bridges.

    --side keeps only those sides' columns; --voice and --by keep only the entries they
    match. Several issues (ids, --tag) are shown one after another.

    \b
    Examples:
      gapcli compare china-role --quotes
      gapcli compare --tag taiwan --voice official-voices
    """
    dataset = load(positions)
    chosen = wanted.filters(*(issue_ids or []))
    issues, parties = to_compare(dataset, chosen, as_json)
    chosen = chosen.check(dataset)  # as the dataset spells them, for the heading
    if as_json:
        from gapcli.render import json as render_json  # only for --json: a tenth of a compare

        write_stdout(render_json.dumps(render_json.compare(issues[0], dataset)))
    else:
        narrowed = chosen.statement_filters()
        emit(ctx, compare_views(issues, dataset, quotes, parties, narrowed))
    if chosen.on_statements:
        nothing_left(entries_left(issues), "entry", chosen.describe())
