"""search, perceptions, mirror, timeline, facts: views across issues, as tables or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, emit, load, show, write_stdout
from gapcli.cli.options import (
    AllTagsOption,
    ByOption,
    FormatOption,
    FullOption,
    IssuesOption,
    SidesOption,
    TagsOption,
    VoicesOption,
    complete_issue_id,
    filters,
    nothing_left,
    output_format,
)


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="Word or phrase (case-insensitive).")
    ],
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
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
    from gapcli.errors import GapcliError
    from gapcli.views.explore import search as find

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, by).check(dataset)
    hits = find(dataset, query, chosen)
    from gapcli.render import json as render_json
    from gapcli.render import tsv
    from gapcli.render.terminal.explore import search_view

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


@app.command()
def perceptions(
    ctx: typer.Context,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
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
    from gapcli.views.explore import perceptions as rows_of

    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, by).check(dataset)
    rows = rows_of(dataset, chosen.select(dataset), chosen)
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.perceptions(rows, dataset)))
    else:
        from gapcli.render.terminal.explore import perception_table

        emit(ctx, perception_table(rows, dataset).parts())
    if chosen.on_statements:
        readings = sum(len(v) for row in rows for v in row.views.values())
        nothing_left(readings, "reading", chosen.describe())


@app.command()
def mirror(
    ctx: typer.Context,
    issue_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ISSUE]",
            help="Issue id (see gapcli list); all issues when left out.",
            autocompletion=complete_issue_id,
        ),
    ] = None,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
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
    from gapcli.views.sides import mirror as pairs_of

    dataset = load(positions)
    ids = [issue_id] if issue_id else []
    chosen = filters([*ids, *(issue or [])], tag, all_tags, side, voice, by).check(dataset)
    issues = chosen.select(dataset)
    pairs = chosen.narrow_pairs([pair for i in issues for pair in pairs_of(i, dataset)])
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.mirror(pairs, dataset)))
    else:
        from gapcli.render.terminal.explore import mirror_view

        one = len(issues) == 1 and bool(chosen.issues)
        emit(ctx, mirror_view(pairs, dataset, every_pair=one))
    nothing_left(len(pairs), "reading", chosen.describe())


@app.command()
def timeline(
    ctx: typer.Context,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
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
    from gapcli.views.explore import timeline as events_of

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, by).check(dataset)
    events = events_of(dataset, chosen)
    from gapcli.render import json as render_json
    from gapcli.render import tsv
    from gapcli.render.terminal.explore import timeline_table

    show(
        ctx,
        form,
        lambda: render_json.timeline(events),
        lambda: tsv.events(events),
        lambda: timeline_table(events, dataset),
    )
    nothing_left(len(events), "event", chosen.describe())


@app.command()
def facts(
    ctx: typer.Context,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
    issue: IssuesOption = None,
    tag: TagsOption = None,
    all_tags: AllTagsOption = False,
    side: SidesOption = None,
    voice: VoicesOption = None,
    by: ByOption = None,
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
    from gapcli.views.explore import facts as facts_of

    form = output_format(fmt, as_json)
    dataset = load(positions)
    chosen = filters(issue, tag, all_tags, side, voice, by).check(dataset)
    items = facts_of(dataset, chosen)
    from gapcli.render import json as render_json
    from gapcli.render import tsv
    from gapcli.render.terminal.explore import facts_table

    show(
        ctx,
        form,
        lambda: render_json.facts(items),
        lambda: tsv.facts(items),
        lambda: facts_table(items, dataset),
    )
    nothing_left(len(items), "fact", chosen.describe())
