"""voices and who: every speaker with their voice and side, and what each one said."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, load, show
from gapcli.cli.options import (
    AllTagsOption,
    ByOption,
    FormatOption,
    IssuesOption,
    SidesOption,
    TagsOption,
    VoicesOption,
    filters,
    output_format,
)


@app.command()
def voices(
    ctx: typer.Context,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
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
    from gapcli.views.explore import speakers, statements

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, by).check(dataset)
    found = speakers(statements(dataset, chosen), dataset)
    from gapcli.render import json as render_json
    from gapcli.render import tsv
    from gapcli.render.terminal.explore import speakers_table

    show(
        ctx,
        form,
        lambda: render_json.speakers(found, chosen),
        lambda: tsv.speakers(found),
        lambda: speakers_table(found, dataset),
    )
    if not found:
        from gapcli.errors import GapcliError

        raise GapcliError(f"no speaker matches {chosen.describe()}")


@app.command()
def who(
    ctx: typer.Context,
    speaker: Annotated[
        str,
        typer.Argument(
            metavar="SPEAKER", help="Words in who said it (as gapcli voices lists them)."
        ),
    ],
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
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
    from gapcli.errors import GapcliError
    from gapcli.views.explore import speakers, statements

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, speaker).check(dataset)
    said = statements(dataset, chosen)
    found = speakers(said, dataset)
    from gapcli.render import json as render_json
    from gapcli.render import tsv
    from gapcli.render.terminal.explore import who_view

    show(
        ctx,
        form,
        lambda: render_json.speakers(found, chosen, with_statements=True),
        lambda: tsv.statements([s for one in found for s in one.said]),
        lambda: who_view(found, speaker, dataset) if found else None,
    )
    if not found:
        raise GapcliError(f"no speaker matches {speaker!r} (run 'gapcli voices' to see them all)")
