"""mirror: each side's reading of another beside that side's own account."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, emit, load, write_stdout
from gapcli.cli.options import (
    NO_FILTERS,
    FilterOptions,
    bundled,
    complete_issue_id,
    nothing_left,
)
from gapcli.render import json as render_json
from gapcli.render.terminal.explore import mirror_view
from gapcli.views.sides import mirror as pairs_of

IssueArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[ISSUE]",
        help="Issue id (see gapcli list); all issues when left out.",
        autocompletion=complete_issue_id,
    ),
]


@bundled()
def mirror(
    ctx: typer.Context,
    issue_id: IssueArgument = None,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    wanted: FilterOptions = NO_FILTERS,
) -> None:
    """Each side's reading of another beside that side's own account, for every pair A→B.

    The own account is what the reading points at (its `about` ids), else the read side's
    stance; the source's assessment of a reading shows where it records one. For one issue
    every ordered pair is shown; for several, pairs with no reading are listed in a line.
    --side keeps the pairs those sides read in; --voice and --by keep the readings they
    match (the own account is left whole).

    \b
    Examples:
      gapcli mirror china-intent
      gapcli mirror --side china --voice official-voices
      gapcli mirror --json
    """
    dataset = load(positions)
    chosen = wanted.filters(*([issue_id] if issue_id else [])).check(dataset)
    issues = chosen.select(dataset)
    pairs = chosen.narrow_pairs([pair for i in issues for pair in pairs_of(i, dataset)])
    if as_json:
        write_stdout(render_json.dumps(render_json.mirror(pairs, dataset)))
    else:
        one = len(issues) == 1 and bool(chosen.issues)
        emit(ctx, mirror_view(pairs, dataset, every_pair=one))
    nothing_left(len(pairs), "reading", chosen.describe())
