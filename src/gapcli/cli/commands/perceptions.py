"""perceptions: who reads whom, issue by issue."""

from __future__ import annotations

import typer

from gapcli.cli.app import JsonOption, PositionsOption, emit, load, write_stdout
from gapcli.cli.options import NO_FILTERS, FilterOptions, bundled, nothing_left
from gapcli.render import json as render_json
from gapcli.render.terminal.explore import perception_table
from gapcli.views.explore import perceptions as rows_of


@bundled()
def perceptions(
    ctx: typer.Context,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    wanted: FilterOptions = NO_FILTERS,
) -> None:
    """Who reads whom: for each issue, one row per reading side, one column per side read.

    Each reading names who holds it and in which voice (government, official, legislature,
    or another voice of that side); a side reading itself is left blank (·). --side keeps
    the rows of those readers; --voice and --by keep the readings they match.

    \b
    Examples:
      gapcli perceptions
      gapcli perceptions --tag trust --voice official-voices
    """
    dataset = load(positions)
    chosen = wanted.filters().check(dataset)
    rows = rows_of(dataset, chosen.select(dataset), chosen)
    if as_json:
        write_stdout(render_json.dumps(render_json.perceptions(rows, dataset)))
    else:
        emit(ctx, perception_table(rows, dataset).parts())
    if chosen.on_statements:
        readings = sum(len(v) for row in rows for v in row.views.values())
        nothing_left(readings, "reading", chosen.describe())
