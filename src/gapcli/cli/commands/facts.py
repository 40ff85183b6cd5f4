"""facts: the context figures, with who gives them and their citations."""

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
from gapcli.render.terminal.explore import facts_table
from gapcli.views.explore import facts as facts_of


@bundled()
def facts(
    ctx: typer.Context,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    wanted: FilterOptions = NO_FILTERS,
    fmt: FormatOption = None,
) -> None:
    """The context figures: figure, fact, who gives it, citation and the source's words.

    --issue and --tag keep the facts bearing on those issues or on none in particular;
    --voice and --by keep those of a matching speaker (facts have no side).

    \b
    Examples:
      gapcli facts --json
      gapcli facts --voice public --format tsv
    """
    form = output_format(fmt, as_json)
    dataset = load(positions)
    items = facts_of(dataset, chosen := wanted.filters().check(dataset))
    show(
        ctx,
        form,
        lambda: render_json.facts(items),
        lambda: tsv.facts(items),
        lambda: facts_table(items, dataset),
    )
    nothing_left(len(items), "fact", chosen.describe())
