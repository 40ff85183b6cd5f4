"""who: what each matching speaker said, across issues."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, load, show
from gapcli.cli.options import NO_FILTERS, FilterOptions, FormatOption, bundled, output_format
from gapcli.errors import GapcliError
from gapcli.render import json as render_json
from gapcli.render import tsv
from gapcli.render.terminal.explore import who_view
from gapcli.views.explore import speakers, statements

SpeakerArgument = Annotated[
    str,
    typer.Argument(metavar="SPEAKER", help="Words in who said it (as gapcli voices lists them)."),
]


@bundled(without=("by",))
def who(
    ctx: typer.Context,
    speaker: SpeakerArgument,
    wanted: FilterOptions = NO_FILTERS,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
) -> None:
    """What each speaker matching SPEAKER said, across issues, speaker by speaker.

    SPEAKER matches as search does (any case; straight quotes match curly ones), in who
    said it only; exit 1 when no speaker matches.

    \b
    Examples:
      gapcli who scholar
      gapcli who lawmakers --format tsv
    """
    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = wanted.filters(by=speaker).check(dataset)
    found = speakers(statements(dataset, chosen), dataset)
    show(
        ctx,
        form,
        lambda: render_json.speakers(found, chosen, with_statements=True),
        lambda: tsv.statements([s for one in found for s in one.said]),
        lambda: who_view(found, speaker, dataset) if found else None,
    )
    if not found:
        raise GapcliError(f"no speaker matches {speaker!r} (run 'gapcli voices' to see them all)")
