"""Looking across issues: search, the perception matrix, the timeline, the context facts.

Every function here returns values built from a loaded ``Dataset``; none prints.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from gapcli.errors import UsageError
from gapcli.models import (
    Citation,
    Dataset,
    DatasetFile,
    Event,
    Fact,
    Issue,
    Loc,
    Party,
    Reading,
    Recommendation,
    Voice,
)
from gapcli.sides import read_party
from gapcli.walk import dotted, prose

_SINGLE = "'\u2018\u2019\u201a\u201b"  # straight, then typographic single quotes
_DOUBLE = '"\u201c\u201d\u201e\u201f'  # straight, then typographic double quotes
_QUOTE_CLASS = {**dict.fromkeys(_SINGLE, f"[{_SINGLE}]"), **dict.fromkeys(_DOUBLE, f"[{_DOUBLE}]")}


@dataclass(frozen=True)
class Hit:
    """One text field that matches a search, with where it is and what it cites."""

    issue: str | None  # None: the dataset file (title, dialogue, facts, timeline, recommendations)
    party: str | None  # the party whose position holds the text, if any
    item: str | None  # id of the fact, event or recommendation holding the text, if any
    loc: Loc  # path inside the issue or dataset file, e.g. ("positions", "us", "stance")
    text: str  # the whole field
    spans: tuple[tuple[int, int], ...]  # [start, end) of every match in ``text``
    cite: tuple[Citation, ...]  # the citations that back this text
    by: str | None = None  # who says it, where the text belongs to an attributed entry
    voice: Voice | None = None  # and in which voice

    @property
    def field(self) -> str:
        """The field path, e.g. ``positions.us.claims[0].text``."""
        return dotted(self.loc)


@dataclass(frozen=True)
class PerceptionRow:
    """One reader's row of an issue's directed matrix: its readings of each other party."""

    issue: Issue
    reader: Party
    has_position: bool  # False: the issue records nothing for the reader
    views: dict[str, list[Reading]]  # read party id (declared order, reader left out) -> readings


def search_pattern(query: str) -> re.Pattern[str]:
    """The compiled query: case-insensitive, any run of white space, straight = curly quotes."""
    words = query.split()
    if not words:
        raise UsageError("empty search query; give a word or phrase, e.g. gapcli search Taiwan")
    parts = ("".join(_QUOTE_CLASS.get(ch) or re.escape(ch) for ch in word) for word in words)
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def search(dataset: Dataset, query: str, issues: Collection[Issue] | None = None) -> list[Hit]:
    """Every text field matching ``query``: the chosen issues in order, then the dataset file.

    One pass over the data: each text field is visited once and scanned once by a
    compiled pattern, so the cost is linear in the size of the dataset. ``issues``
    (default: all) narrows the search; dataset entries are then kept when they bear on
    one of those issues or on none in particular (see ``bears_on``).
    """
    pattern = search_pattern(query)
    ids = None if issues is None else {i.id for i in issues}
    hits: list[Hit] = []
    for issue in dataset.issues:
        if ids is not None and issue.id not in ids:
            continue
        for loc, text, owners in _texts(issue, None):
            spans = tuple(m.span() for m in pattern.finditer(text))
            if spans:
                party = str(loc[1]) if loc[0] == "positions" else None
                hits.append(Hit(issue.id, party, None, loc, text, spans, *_context(owners)))
    for loc, text, owners in _texts(dataset.meta, ids):
        spans = tuple(m.span() for m in pattern.finditer(text))
        if spans:
            item = _item_id(dataset.meta, loc)
            hits.append(Hit(None, None, item, loc, text, spans, *_context(owners)))
    return hits


def _texts(
    value: BaseModel, ids: Collection[str] | None
) -> Iterator[tuple[Loc, str, tuple[BaseModel, ...]]]:
    """Prose under ``value``: location, text and the models holding it; entries of the
    dataset file that do not bear on ``ids`` are left out."""
    for loc, text, _, owners in prose(value):
        linked = (o for o in owners if isinstance(o, Fact | Event | Recommendation))
        if ids is not None and not all(bears_on(o.issues, ids) for o in linked):
            continue
        yield loc, text, owners


def _context(
    owners: tuple[BaseModel, ...],
) -> tuple[tuple[Citation, ...], str | None, Voice | None]:
    """The citations backing a text, and who says it in which voice (nearest holder)."""
    cite: tuple[Citation, ...] = ()
    by: str | None = None
    voice: Voice | None = None
    for owner in reversed(owners):
        if not cite and isinstance(owner, Citation):
            cite = (owner,)
        elif not cite and isinstance(cites := getattr(owner, "cite", None), list):
            cite = tuple(cites)
        if voice is None and isinstance(said := getattr(owner, "voice", None), Voice):
            by, voice = owner.by, said  # type: ignore[attr-defined]
    return cite, by, voice


def _item_id(meta: DatasetFile, loc: Loc) -> str | None:
    """The id of the fact, event or recommendation at ``loc`` in the dataset file, if any."""
    if len(loc) < 2 or loc[0] not in ("facts", "timeline", "recommendations"):
        return None
    return str(getattr(meta, str(loc[0]))[int(loc[1])].id)


def bears_on(linked: list[str], chosen: Collection[str] | None) -> bool:
    """Whether a fact, event or recommendation belongs with the chosen issues (None = all).

    It does when it names one of them, or names no issue at all (general context), the
    same rule ``export --md`` uses for its context and recommendations.
    """
    return chosen is None or not linked or any(i in chosen for i in linked)


def narrowed_meta(dataset: Dataset, issues: list[Issue]) -> DatasetFile:
    """The dataset file with only the facts, timeline and recommendations bearing on ``issues``.

    The one rule for ``export --md``, ``export --json`` and ``search --tag`` (``bears_on``).
    """
    meta = dataset.meta
    if len(issues) == len(dataset.issues):
        return meta
    chosen = {issue.id for issue in issues}
    return meta.model_copy(
        update={
            name: [e for e in getattr(meta, name) if bears_on(e.issues, chosen)]
            for name in ("facts", "timeline", "recommendations")
        }
    )


def perceptions(dataset: Dataset, issues: Collection[Issue] | None = None) -> list[PerceptionRow]:
    """For each issue, who reads whom: one row per reading party, one column per party read."""
    rows = []
    parties = dataset.meta.parties
    for issue in dataset.issues if issues is None else issues:
        for reader in parties:
            position = issue.positions.get(reader.id)
            views: dict[str, list[Reading]] = {p.id: [] for p in parties if p.id != reader.id}
            for reading in position.readings if position else []:
                read = read_party(reading, reader.id, dataset)
                if read is not None and read.id in views:
                    views[read.id].append(reading)
            rows.append(PerceptionRow(issue, reader, position is not None, views))
    return rows


def timeline(dataset: Dataset) -> list[Event]:
    """The dated events in chronological order (approximate dates by ``Event.sort_key``)."""
    return sorted(dataset.meta.timeline, key=lambda e: e.sort_key())


def when(event: Event) -> str:
    """The event's date as the source gives it, saying so when it is approximate or inferred.

    ``May 2019``; ``2019 (year only)``; ``late 2023 (approximate)``; ``June 2024 (inferred)``
    (resolved from a relative date such as "in June").
    """
    notes = []
    if event.approximate:
        notes.append("approximate" if event.circa else "year only")
    if event.date_inferred:
        notes.append("inferred")
    return event.display_date() + (f" ({', '.join(notes)})" if notes else "")


def facts(dataset: Dataset) -> list[Fact]:
    """The context figures, in dataset order."""
    return list(dataset.meta.facts)
