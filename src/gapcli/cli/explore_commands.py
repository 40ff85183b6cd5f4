"""search, perceptions, timeline, facts: views across all issues, as tables or JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, app, console, load, write_stdout
from gapcli.cli.core_commands import TagOption


@app.command()
def search(
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

        console().print(search_view(hits, query, dataset))
    if not hits:
        where = f" in issues tagged {tag!r}" if tag else ""
        raise GapcliError(f"no match for {query!r}{where}")


@app.command()
def perceptions(as_json: JsonOption = False, positions: PositionsOption = None) -> None:
    """The perception matrix: for each issue, how each party sees the other(s), side by side.

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

    console().print(perception_table(rows, dataset))


@app.command()
def timeline(as_json: JsonOption = False, positions: PositionsOption = None) -> None:
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

    console().print(timeline_table(events, dataset))


@app.command()
def facts(as_json: JsonOption = False, positions: PositionsOption = None) -> None:
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

    console().print(facts_table(items, dataset))
