"""voices and who: every speaker with their voice and side, and what each one said."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.choices import OutputFormat
from gapcli.cli.app import JsonOption, PositionsOption, app, emit, load, write_stdout
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
    (events name who reports them, with no voice). See what one of them said with gapcli who.

    \b
    Examples:
      gapcli voices
      gapcli voices --voice other-voices --side china --format tsv
    """
    from gapcli.explore import speakers, statements

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, by).check(dataset)
    found = speakers(statements(dataset, chosen), dataset)
    if form is OutputFormat.JSON:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.speakers(found, chosen)))
    elif form is OutputFormat.TSV:
        from gapcli.render import tsv

        write_stdout(tsv.speakers(found))
    else:
        from gapcli.render.explore import speakers_table

        emit(ctx, speakers_table(found, dataset))
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
    from gapcli.explore import speakers, statements

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, speaker).check(dataset)
    said = statements(dataset, chosen)
    found = speakers(said, dataset)
    if form is OutputFormat.JSON:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.speakers(found, chosen, with_statements=True)))
    elif form is OutputFormat.TSV:
        from gapcli.render import tsv

        write_stdout(tsv.statements([s for speaker in found for s in speaker.said]))
    elif found:
        from gapcli.render.explore import who_view

        emit(ctx, who_view(found, speaker, dataset))
    if not found:
        raise GapcliError(f"no speaker matches {speaker!r} (run 'gapcli voices' to see them all)")
