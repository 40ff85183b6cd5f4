"""search: every statement that mentions a word or phrase."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, load, show
from gapcli.cli.options import (
    NO_FILTERS,
    FilterOptions,
    FormatOption,
    FullOption,
    bundled,
    output_format,
)
from gapcli.errors import GapcliError
from gapcli.render import json as render_json
from gapcli.render import tsv
from gapcli.render.terminal.explore import search_view
from gapcli.views.explore import search as find

QueryArgument = Annotated[
    str, typer.Argument(metavar="QUERY", help="Word or phrase (case-insensitive).")
]


@bundled()
def search(
    ctx: typer.Context,
    query: QueryArgument,
    wanted: FilterOptions = NO_FILTERS,
    full: FullOption = False,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
) -> None:
    """Find a word or phrase; one hit per statement; exit 1 when nothing matches (like grep).

    A statement (a stance, claim, reading, ask, assessment, analysis, common ground, bridge,
    fact, event or recommendation) matches in its text, its quotes or who said it, and is
    shown once, with its side, who said it and in which voice; titles, questions, summaries
    and the gap match too. Any run of spaces matches any white space; straight quotes match
    curly ones.

    \b
    Examples:
      gapcli search taiwan
      gapcli search precursor --voice analysis --full
      gapcli search chinese --side us --by lawmakers --format tsv
    """
    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = wanted.filters().check(dataset)
    hits = find(dataset, query, chosen)
    show(
        ctx,
        form,
        lambda: render_json.search(query, chosen, hits),
        lambda: tsv.statements(hits),
        lambda: search_view(hits, query, dataset, full) if hits else None,
    )
    if not hits:
        where = f" with {chosen.describe()}" if chosen.describe() else ""
        raise GapcliError(f"no match for {query!r}{where}")
