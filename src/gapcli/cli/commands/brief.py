"""brief: the brief on the terminal."""

from __future__ import annotations

import typer

from gapcli.cli.app import PositionsOption, emit, load
from gapcli.cli.options import (
    NO_FILTERS,
    NO_HEADER,
    FilterOptions,
    HeaderOptions,
    bundled,
    nothing_left,
)
from gapcli.document.export import make_brief
from gapcli.render.terminal.brief import brief_view
from gapcli.views.filters import entries_left, select_issues


@bundled(after_tag=("header", "positions"))
def brief(
    ctx: typer.Context,
    wanted: FilterOptions = NO_FILTERS,
    header: HeaderOptions = NO_HEADER,
    positions: PositionsOption = None,
) -> None:
    """Show the brief on the terminal: bottom line first, then each issue in a few lines.

    \b
    Examples:
      gapcli brief
      gapcli brief -i china-role --for "Participants, round 2" --marking "Chatham House Rule"
      gapcli brief --quotes --tag evidence
    """
    dataset = load(positions)
    chosen = wanted.filters()
    issues = select_issues(dataset, chosen)
    dataset = chosen.narrow_dataset(dataset)
    if chosen.on_statements:
        nothing_left(entries_left(issues, dataset), "entry", chosen.describe())
    emit(ctx, brief_view(make_brief(dataset, issues, header.options(chosen.on_statements))))
