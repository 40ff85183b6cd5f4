"""Looking across issues: search, the perception matrix, the timeline, the context facts.

Every function here returns values built from a loaded ``Dataset``; none prints.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from pydantic import BaseModel

from gapcli.domain.entries import Reading
from gapcli.domain.models import Dataset, DatasetFile, Event, Fact, Issue, Linked, Party
from gapcli.domain.values import Voice
from gapcli.views.filters import Filters
from gapcli.views.matching import search_pattern
from gapcli.views.sides import read_party
from gapcli.views.statements import Said, said, units


@dataclass(frozen=True)
class Speaker:
    """Someone who says things in the dataset: exactly as attributed, in one voice, of one side."""

    by: str
    voice: Voice | None  # None: an event's reporter (events have no voice)
    party: str | None  # None: no side (the source's analysis, common ground, dataset entries)
    said: list[Said]

    @property
    def issues(self) -> list[str]:
        """The issues it speaks on, in order of first mention."""
        return list(dict.fromkeys(s.issue for s in self.said if s.issue is not None))


@dataclass(frozen=True)
class PerceptionRow:
    """One reader's row of an issue's directed matrix: its readings of each other party."""

    issue: Issue
    reader: Party
    has_position: bool  # False: the issue records nothing for the reader
    views: dict[str, list[Reading]]  # read party id (declared order, reader left out) -> readings


def search(dataset: Dataset, query: str, filters: Filters | None = None) -> list[Said]:
    """Every statement (or lone field) matching ``query`` in its text, quotes or speaker: the
    chosen issues in order, then the dataset file; each with only its matching fields.

    One pass over the data: each text field is visited once and scanned once by a
    compiled pattern, so the cost is linear in the size of the dataset.
    """
    pattern = search_pattern(query)
    return statements(dataset, filters or Filters(), pattern, attributed=False)


def statements(
    dataset: Dataset,
    filters: Filters,
    pattern: re.Pattern[str] | None = None,
    attributed: bool = True,
) -> list[Said]:
    """The statements that pass ``filters`` (checked), in the chosen issues, then in the
    dataset file (those bearing on the chosen issues, see ``bears_on``).

    ``attributed`` keeps only statements that say who said them; ``pattern`` keeps those
    with a matching field (and only those fields).
    """
    chosen = filters.select(dataset)
    ids = {i.id for i in chosen} if filters.on_issues else None
    keep = filters.keeper()
    out: list[Said] = []
    sources: list[tuple[str | None, BaseModel]] = [(issue.id, issue) for issue in chosen]
    for issue_id, value in [*sources, (None, dataset.meta)]:
        for loc, model, fields in units(value):
            if isinstance(model, Linked | Event) and not bears_on(model.issues, ids):
                continue
            by = getattr(model, "by", None)
            if attributed and by is None:
                continue
            if pattern is None:
                found = said(issue_id, loc, model, fields)
            else:
                spans = [tuple(m.span() for m in pattern.finditer(text)) for _, text in fields]
                if not any(spans):
                    continue
                found = said(issue_id, loc, model, fields, spans)
            if keep(found.party, found.voice, found.by):
                out.append(found)
    return out


def speakers(items: list[Said], dataset: Dataset) -> list[Speaker]:
    """Who said the statements: one per speaker, voice and side; by side (declared order, no
    side last), then voice (codebook order, none last), then name."""
    found: dict[tuple[str, Voice | None, str | None], list[Said]] = {}
    for item in items:
        if item.by is not None:
            found.setdefault((item.by, item.voice, item.party), []).append(item)
    sides = {p.id: n for n, p in enumerate(dataset.meta.parties)}
    voices = {v: n for n, v in enumerate(Voice)}

    def order(key: tuple[str, Voice | None, str | None]) -> tuple[int, int, str, str]:
        by, voice, party = key
        side = sides.get(party, len(sides)) if party is not None else len(sides)
        kind = voices[voice] if voice is not None else len(voices)
        return side, kind, by.casefold(), by

    return [Speaker(*key, found[key]) for key in sorted(found, key=order)]


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


def perceptions(
    dataset: Dataset, issues: Collection[Issue] | None = None, filters: Filters | None = None
) -> list[PerceptionRow]:
    """For each issue, who reads whom: one row per reading party (those of ``--side``, else
    all), one column per party read; readings narrowed by ``filters`` (voice, speaker)."""
    rows = []
    parties = dataset.meta.parties
    filters = filters or Filters()
    keep = filters.keeper()
    for issue in dataset.issues if issues is None else issues:
        for reader in filters.parties(dataset):
            position = issue.positions.get(reader.id)
            views: dict[str, list[Reading]] = {p.id: [] for p in parties if p.id != reader.id}
            for reading in position.readings if position else []:
                read = read_party(reading, reader.id, dataset)
                if (
                    read is not None
                    and read.id in views
                    and keep(reader.id, reading.voice, reading.by)
                ):
                    views[read.id].append(reading)
            rows.append(PerceptionRow(issue, reader, position is not None, views))
    return rows


def timeline(dataset: Dataset, filters: Filters | None = None) -> list[Event]:
    """The dated events in chronological order (approximate dates by ``Event.sort_key``),
    those bearing on the chosen issues and passing the statement filters (checked)."""
    filters = filters or Filters()
    ids = {i.id for i in filters.select(dataset)} if filters.on_issues else None
    keep = filters.keeper()
    chosen = [
        e for e in dataset.meta.timeline if bears_on(e.issues, ids) and keep(None, None, e.by)
    ]
    return sorted(chosen, key=lambda e: e.sort_key())


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


def facts(dataset: Dataset, filters: Filters | None = None) -> list[Fact]:
    """The context figures in dataset order: those bearing on the chosen issues and passing
    the statement filters (checked)."""
    filters = filters or Filters()
    ids = {i.id for i in filters.select(dataset)} if filters.on_issues else None
    keep = filters.keeper()
    return [f for f in dataset.meta.facts if bears_on(f.issues, ids) and keep(None, f.voice, f.by)]
