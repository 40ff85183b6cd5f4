"""voices: every speaker with their voice, side and counts."""

from __future__ import annotations

import typer

from gapcli.cli.app import JsonOption, PositionsOption, load, show
from gapcli.cli.options import NO_FILTERS, FilterOptions, FormatOption, bundled, output_format
from gapcli.errors import GapcliError
from gapcli.render import json as render_json
from gapcli.render import tsv
from gapcli.render.terminal.explore import speakers_table
from gapcli.views.explore import speakers, statements


@bundled()
def voices(
    ctx: typer.Context,
    wanted: FilterOptions = NO_FILTERS,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
) -> None:
    """Every speaker, exactly as the source attributes them, with voice, side and counts.

    One line per speaker, voice and side: how many statements it makes and in which issues
    (the first six, and how many more; --format tsv lists them all). Events name who reports
    them, with no voice. See what one of them said with gapcli who.

    \b
    Examples:
      gapcli voices
      gapcli voices --voice other-voices --side china --format tsv
    """
    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = wanted.filters().check(dataset)
    found = speakers(statements(dataset, chosen), dataset)
    show(
        ctx,
        form,
        lambda: render_json.speakers(found, chosen),
        lambda: tsv.speakers(found),
        lambda: speakers_table(found, dataset),
    )
    if not found:
        raise GapcliError(f"no speaker matches {chosen.describe()}")
