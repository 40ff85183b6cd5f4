"""timeline: the dated events, oldest first."""

from __future__ import annotations

import typer

from gapcli.cli.app import JsonOption, PositionsOption, load, show
from gapcli.cli.options import (
    NO_FILTERS,
    FilterOptions,
    FormatOption,
    bundled,
    nothing_left,
    output_format,
)
from gapcli.render import json as render_json
from gapcli.render import tsv
from gapcli.render.terminal.explore import timeline_table
from gapcli.views.explore import timeline as events_of


@bundled()
def timeline(
    ctx: typer.Context,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    wanted: FilterOptions = NO_FILTERS,
    fmt: FormatOption = None,
) -> None:
    """The dated events, oldest first, with the issues they bear on and their citations.

    Dates the source gives only as a year or part of a year say so, and sort at the start
    of the year ("2019 (year only)") or where the part falls ("late 2023 (approximate)").
    --issue and --tag keep the events bearing on those issues or on none in particular;
    --by keeps those reported by a matching speaker (events have no side or voice).

    \b
    Examples:
      gapcli timeline
      gapcli timeline --tag taiwan --format tsv
    """
    form = output_format(fmt, as_json)
    dataset = load(positions)
    events = events_of(dataset, chosen := wanted.filters().check(dataset))
    show(
        ctx,
        form,
        lambda: render_json.timeline(events),
        lambda: tsv.events(events),
        lambda: timeline_table(events, dataset),
    )
    nothing_left(len(events), "event", chosen.describe())
