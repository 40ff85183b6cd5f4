"""Cross-file rules on the plain data of an issue file that failed validation.

So that one run of ``validate`` reports an undeclared party or a dangling id alongside a
file's field errors, the rules that need only a few well-formed values (party keys, the
ids in ``related``, ``of`` and ``about``, a citation's source and paragraph) run on what was
parsed. A value of the wrong shape is skipped (its field error says enough), and nothing is
reported at or under a place that already has a field error: no knock-on noise.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import Any

from gapcli.domain.entries import SIDE_LISTS, Citation
from gapcli.domain.models import Loc, Origin
from gapcli.domain.walk import walk
from gapcli.loader.checks import (
    Cast,
    cite_problem,
    unanswered,
    undeclared,
    undeclared_parties,
    unknown_issues,
)
from gapcli.loader.messages import problem_at


def plain_citations(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """Every well-formed citation in plain data: a mapping in a ``cite`` list whose
    ``source`` is text and ``para`` a whole number (``quote`` may be anything)."""
    inside: Loc | None = None  # the cite list being passed over: nothing in it is looked at
    for at, value, _, _ in walk(data):
        if inside is not None and at[: len(inside)] == inside:
            continue
        inside = None
        if at and at[-1] == "cite" and isinstance(value, list):
            inside = at
            yield from (((*loc, *at, i), cite) for i, cite in enumerate(value) if _citation(cite))


def _citation(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("source"), str)
        and type(value.get("para")) is int
    )


def check_plain_issue(
    data: Any, origin: Origin, cast: Cast, known: AbstractSet[str], errors: list[Loc]
) -> list[str]:
    """The cross-file rules that can run on a failed issue file's plain data."""
    if not isinstance(data, dict):
        return []
    found = [*_parties(data, cast), *_cites(data, cast), *_related(data, known)]
    found += _readings(data, cast)
    return [
        problem_at(origin, loc, message)
        for loc, message in found
        if not any(loc[: len(error)] == error for error in errors)
    ]


def _parties(data: dict[str, Any], cast: Cast) -> Iterator[tuple[Loc, str]]:
    positions = data.get("positions")
    if cast.parties is None or not isinstance(positions, dict):
        return
    yield from undeclared_parties(positions, cast.parties)


def _cites(data: dict[str, Any], cast: Cast) -> Iterator[tuple[Loc, str]]:
    if cast.paragraphs is None:
        return
    for loc, cite in plain_citations(data):
        if cite["para"] < 1:
            continue  # a field error
        found = cite_problem(Citation.model_construct(**cite), cast)
        if found:
            yield (*loc, found[0]), found[1]


def _related(data: dict[str, Any], known: AbstractSet[str]) -> Iterator[tuple[Loc, str]]:
    related = data.get("related")
    if not isinstance(related, list):
        return
    ids = ((i, ref) for i, ref in enumerate(related) if isinstance(ref, str))
    yield from unknown_issues(ids, ("related",), known)


def _entry_ids(position: Any) -> set[str] | None:
    """The ids of a side's entries, or None when a list there is not well formed."""
    if not isinstance(position, dict):
        return None
    ids: set[str] = set()
    for name in SIDE_LISTS:
        entries = position.get(name, [])
        if not isinstance(entries, list):
            return None
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                return None
            ids.add(entry["id"])
    return ids


def _readings(data: dict[str, Any], cast: Cast) -> Iterator[tuple[Loc, str]]:
    positions = data.get("positions")
    if cast.parties is None or not isinstance(positions, dict):
        return
    parties = cast.parties
    for party, position in positions.items():
        readings = position.get("readings") if isinstance(position, dict) else None
        if not isinstance(readings, list):
            continue
        for i, reading in enumerate(readings):
            if not isinstance(reading, dict):
                continue
            here: Loc = ("positions", party, "readings", i)
            read = reading.get("of")
            if read is None and len(parties) == 2:
                read = next((p for p in parties if p != party), None)
            if not isinstance(read, str) or read == party:
                continue  # left to the field rules, or no one to point at
            if read not in parties:
                yield (*here, "of"), undeclared(read, parties)
                continue
            about = reading.get("about")
            if read not in positions and any(p not in parties for p in positions):
                continue  # its position is probably the undeclared key: reported once, there
            ids = _entry_ids(positions.get(read, {}))
            if not isinstance(about, list) or ids is None:
                continue
            refs = ((j, ref) for j, ref in enumerate(about) if isinstance(ref, str))
            yield from unanswered(here, read, refs, ids)
