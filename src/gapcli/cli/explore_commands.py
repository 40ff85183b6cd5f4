"""search, perceptions, timeline, facts: views across all issues, as tables or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, emit, load, write_stdout
from gapcli.cli.core_commands import TagOption, complete_issue_id


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="Word or phrase (case-insensitive).")
    ],
    tag: TagOption = None,
    as_json: JsonOption = False,
    positions: PositionsOption = None,
) -> None:
    """Find a word or phrase in every text field; exit 1 when nothing matches (like grep).

    Searches titles, questions, stances, claims and who made them, quotes, perceptions,
    asks, gaps, common ground, bridges, facts, the timeline and recommendations. Any run of
    spaces matches any white space; straight quotes match curly ones.

    Example: gapcli search taiwan
    """
    from gapcli.errors import GapcliError
    from gapcli.explore import search as find
    from gapcli.query import by_tag

    dataset = load(positions)
    hits = find(dataset, query, None if tag is None else by_tag(dataset, tag))
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.search(query, tag, hits)))
    elif hits:
        from gapcli.render.explore import search_view

        emit(ctx, search_view(hits, query, dataset))
    if not hits:
        where = f" in issues tagged {tag!r}" if tag else ""
        raise GapcliError(f"no match for {query!r}{where}")


@app.command()
def perceptions(
    ctx: typer.Context, as_json: JsonOption = False, positions: PositionsOption = None
) -> None:
    """Who reads whom: for each issue, one row per reading side, one column per side read.

    Each reading names who holds it and in which voice (government, official, legislature,
    or another voice of that side); a side reading itself is left blank (·).

    Example: gapcli perceptions
    """
    from gapcli.explore import perceptions as rows_of

    dataset = load(positions)
    rows = rows_of(dataset)
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.perceptions(rows, dataset)))
        return
    from gapcli.render.explore import perception_table

    emit(ctx, perception_table(rows, dataset))


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
) -> None:
    """Each side's reading of another beside that side's own account, for every pair A→B.

    The own account is what the reading points at (its `about` ids), else the read side's
    stance; the source's assessment of a reading shows where it records one. For one issue
    every ordered pair is shown; for all issues, pairs with no reading are listed in a line.

    \b
    Examples:
      gapcli mirror china-intent
      gapcli mirror --json
    """
    from gapcli.query import find_issue
    from gapcli.sides import mirror as pairs_of

    dataset = load(positions)
    issues = [find_issue(dataset, issue_id)] if issue_id else dataset.issues
    pairs = [pair for issue in issues for pair in pairs_of(issue, dataset)]
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.mirror(pairs, dataset)))
        return
    from gapcli.render.explore import mirror_view

    emit(ctx, mirror_view(pairs, dataset, every_pair=issue_id is not None))


@app.command()
def timeline(
    ctx: typer.Context, as_json: JsonOption = False, positions: PositionsOption = None
) -> None:
    """The dated events, oldest first, with the issues they bear on and their citations.

    Dates the source gives only as a year or part of a year say so, and sort at the start
    of the year ("2019 (year only)") or where the part falls ("late 2023 (approximate)").

    Example: gapcli timeline
    """
    from gapcli.explore import timeline as events_of

    dataset = load(positions)
    events = events_of(dataset)
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.timeline(events)))
        return
    from gapcli.render.explore import timeline_table

    emit(ctx, timeline_table(events, dataset))


@app.command()
def facts(
    ctx: typer.Context, as_json: JsonOption = False, positions: PositionsOption = None
) -> None:
    """The context figures: figure, fact, who gives it, citation and the source's words.

    Example: gapcli facts --json
    """
    from gapcli.explore import facts as facts_of

    dataset = load(positions)
    items = facts_of(dataset)
    if as_json:
        from gapcli.render import json as render_json

        write_stdout(render_json.dumps(render_json.facts(items)))
        return
    from gapcli.render.explore import facts_table

    emit(ctx, facts_table(items, dataset))
