"""Rules that span files: the schema version, ids, parties, sources, paragraphs, readings.

Each rule is a set or dict lookup per entry, so a whole pass is linear in the dataset.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from gapcli.domain.entries import Citation
from gapcli.domain.models import SCHEMA_VERSION, DatasetFile, Issue, Loc, Origin
from gapcli.domain.values import OFFICIAL_VOICES, Voice
from gapcli.domain.walk import dotted, iter_citations
from gapcli.errors import DataError
from gapcli.loader.discovery import DATASET_FILE
from gapcli.loader.messages import problem_at

UNDECIDED = (
    "{shown}: a schema-1 dataset, read through the migration in memory; it could not decide "
    "what is listed below. Run 'gapcli migrate DIR -o NEWDIR' on it, then review what it lists"
)


def schema_1(data: Any) -> bool:
    return isinstance(data, dict) and data.get("schema") in (None, 1)


MIGRATION = "docs/migration.md"
_V2_CHANGES = (
    "stances are attributed entries (text, by, voice, cite) and may be left out; "
    "`perception` is now `readings` (with `of` and `about`); every claim, reading, ask, "
    "common-ground and bridge entry has an `id` and a `voice`; the source's own analysis "
    "moves from the sides to the issue's `analysis` list"
)


def check_schema(data: dict[str, Any], origin: Origin) -> None:
    """A dataset written for another schema is one clear error, not hundreds of field errors."""
    version = data.get("schema")
    if version == SCHEMA_VERSION:
        return
    if version is None or version == 1:
        found = (
            f"{origin.where(('schema',))}: schema: 1 is"
            if "schema" in data
            else f"{origin.path}: no `schema: {SCHEMA_VERSION}` here, so this is"
        )
        raise DataError(
            [
                f"{found} a schema-1 dataset; gapcli reads schema {SCHEMA_VERSION}, in which "
                f"{_V2_CHANGES}. Run 'gapcli migrate DIR -o NEWDIR' to rewrite it, then review "
                f"what it lists (see {MIGRATION})"
            ]
        )
    raise DataError(
        [
            problem_at(
                origin,
                ("schema",),
                f"unknown schema {version!r}; this gapcli reads schema {SCHEMA_VERSION} "
                f"(see {MIGRATION})",
            )
        ]
    )


@dataclass(frozen=True)
class Cast:
    """What issues are checked against: the declared parties and each source's paragraph
    count (None where the dataset file does not tell, so that check is skipped)."""

    parties: list[str] | None
    paragraphs: dict[str, int | None] | None

    @classmethod
    def of(cls, meta: DatasetFile) -> Cast:
        """The cast of a dataset file that loaded."""
        return cls([p.id for p in meta.parties], {s.id: s.paragraphs for s in meta.sources})

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> Cast:
        """The cast as far as a dataset file that failed validation still tells it: a list
        none of whose items lacks a text id (else nothing, so no check says false things)."""
        parties = _ids(data.get("parties"))
        sources = data.get("sources")
        paragraphs = None
        if _ids(sources) is not None:
            assert isinstance(sources, list)
            paragraphs = {
                s["id"]: s.get("paragraphs") if type(s.get("paragraphs")) is int else None
                for s in sources
            }
        return cls(parties, paragraphs)


def _ids(items: Any) -> list[str] | None:
    if not isinstance(items, list) or not items:
        return None
    if not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in items):
        return None
    return [i["id"] for i in items]


def _repeats(ids: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Index and id of every entry whose id an earlier entry already has."""
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            yield i, item_id
        seen.add(item_id)


def undeclared(party: str, parties: list[str]) -> str:
    """The message for a party id that ``dataset.yaml`` does not declare, with a suggestion."""
    message = f"party {party!r} is not declared in {DATASET_FILE} (declared: {', '.join(parties)})"
    close = difflib.get_close_matches(party, parties, n=1, cutoff=0.6)
    return f"{message}; did you mean {close[0]!r}?" if close else message


def cite_problem(cite: Citation, cast: Cast) -> tuple[str, str] | None:
    """The field (``source`` or ``para``) and problem of a citation the cast does not allow."""
    if cast.paragraphs is None:
        return None
    if cite.source not in cast.paragraphs:
        return (
            "source",
            f"unknown source {cite.source!r}; declared: {', '.join(sorted(cast.paragraphs))}",
        )
    count = cast.paragraphs[cite.source]
    if count is not None and cite.para > count:
        return (
            "para",
            f"paragraph {cite.para} is past the end of {cite.source!r} ({count} paragraphs)",
        )
    return None


def cross_check(
    meta: DatasetFile,
    meta_origin: Origin,
    issues: dict[str, Issue],
    origins: dict[str, Origin],
    unloaded: set[str],
) -> list[str]:
    """Rules that span files; each is a set or dict lookup, so the whole pass is linear."""
    problems: list[str] = []
    for name in ("parties", "sources", "facts", "timeline", "recommendations"):
        for i, dup in _repeats(item.id for item in getattr(meta, name)):
            problems.append(problem_at(meta_origin, (name, i, "id"), f"duplicate id {dup!r}"))
    cast = Cast.of(meta)
    known = issues.keys() | unloaded
    problems.extend(_check_cites(meta, meta_origin, cast))
    problems.extend(_check_refs(meta.order, ("order",), meta_origin, known))
    for name in ("facts", "timeline", "recommendations"):
        for i, item in enumerate(getattr(meta, name)):
            problems.extend(_check_refs(item.issues, (name, i, "issues"), meta_origin, known))
    for issue in issues.values():
        problems.extend(check_issue(issue, origins[issue.id], cast, known))
    return problems


def check_issue(issue: Issue, origin: Origin, cast: Cast, known: AbstractSet[str]) -> list[str]:
    """The cross-file rules of one loaded issue, against the dataset's cast and issue ids."""
    problems: list[str] = []
    if cast.parties is not None:
        for loc, message in undeclared_parties(issue.positions, cast.parties):
            problems.append(problem_at(origin, loc, message))
    problems.extend(_check_cites(issue, origin, cast))
    problems.extend(_check_entries(issue, origin, cast.parties))
    problems.extend(_check_refs(issue.related, ("related",), origin, known))
    if issue.id in issue.related:
        at = ("related", issue.related.index(issue.id))
        problems.append(problem_at(origin, at, "an issue is not related to itself; remove it"))
    return problems


def _check_cites(model: BaseModel, origin: Origin, cast: Cast) -> Iterator[str]:
    for loc, cite in iter_citations(model):
        found = cite_problem(cite, cast)
        if found:
            yield problem_at(origin, (*loc, found[0]), found[1])


def _check_refs(ids: list[str], loc: Loc, origin: Origin, known: AbstractSet[str]) -> Iterator[str]:
    for at, message in unknown_issues(enumerate(ids), loc, known):
        yield problem_at(origin, at, message)


def unknown_issues(
    ids: Iterable[tuple[int, str]], loc: Loc, known: AbstractSet[str]
) -> Iterator[tuple[Loc, str]]:
    """Where and why each numbered issue id in a list at ``loc`` names no issue."""
    for i, ref in ids:
        if ref not in known:
            yield (*loc, i), f"no issue with id {ref!r}"


def undeclared_parties(positions: Iterable[str], parties: list[str]) -> Iterator[tuple[Loc, str]]:
    """Where and why each side of an issue's positions is not a declared party."""
    for party in positions:
        if party not in parties:
            yield ("positions", party), undeclared(party, parties)


def _check_entries(issue: Issue, origin: Origin, parties: list[str] | None) -> Iterator[str]:
    """Ids unique in the issue, voices in their place, readings pointing at what exists."""
    seen: dict[str, Loc] = {}
    for loc, entries in issue.claim_lists():
        for i, entry in enumerate(entries):
            at = (*loc, i)
            if entry.id in seen:
                first = dotted(seen[entry.id])
                yield problem_at(
                    origin,
                    (*at, "id"),
                    f"duplicate id {entry.id!r} (also at {first}); ids are unique within an issue",
                )
            else:
                seen[entry.id] = at
            in_side = loc[0] == "positions"
            if in_side and entry.voice is Voice.ANALYSIS:
                yield problem_at(
                    origin,
                    (*at, "voice"),
                    "the source's own analysis does not belong under a side; move this entry "
                    "to the issue's `analysis` list",
                )
            elif loc == ("analysis",) and entry.voice is not Voice.ANALYSIS:
                where = (
                    "under the side it speaks for"
                    if entry.voice in OFFICIAL_VOICES
                    else (
                        "under its side's claims or readings (other voices are shown apart), or in "
                        "common_ground"
                    )
                )
                yield problem_at(
                    origin,
                    (*at, "voice"),
                    f"the `analysis` list holds the source's own analysis (voice: analysis), "
                    f"not {'an' if entry.voice.value[0] in 'aeiou' else 'a'} {entry.voice.value} "
                    f"view; put it {where}",
                )
    if parties is None:
        return
    yield from _check_readings(issue, origin, parties)


def _check_readings(issue: Issue, origin: Origin, parties: list[str]) -> Iterator[str]:
    """Each reading reads a declared party other than its own, and answers what exists."""
    misnamed = any(p not in parties for p in issue.positions)
    for party, position in issue.positions.items():
        for i, reading in enumerate(position.readings):
            here: Loc = ("positions", party, "readings", i)
            read = reading.of
            if read is None:
                if len(parties) > 2:
                    yield problem_at(
                        origin,
                        here,
                        f"with {len(parties)} parties a reading must say whom it reads: "
                        f"add `of:` with one of {', '.join(p for p in parties if p != party)}",
                    )
                    continue
                read = next((p for p in parties if p != party), None)
                if read is None:
                    continue  # one party declared (the dataset file's own error): none to read
            elif read not in parties:
                yield problem_at(origin, (*here, "of"), undeclared(read, parties))
                continue
            elif read == party:
                yield problem_at(
                    origin,
                    (*here, "of"),
                    "a side's reading of itself is a claim; move it to claims",
                )
                continue
            other = issue.positions.get(read)
            if other is None and misnamed:
                continue  # its position is probably the undeclared key: reported once, there
            ids = {e.id for _, e in other.entries()} if other else set()
            for loc, message in unanswered(here, read, enumerate(reading.about), ids):
                yield problem_at(origin, loc, message)


def unanswered(
    here: Loc, read: str, about: Iterable[tuple[int, str]], ids: AbstractSet[str]
) -> Iterator[tuple[Loc, str]]:
    """Where and why each of a reading's ``about`` ids names no entry of the party it reads."""
    for j, ref in about:
        if ref not in ids:
            known = ", ".join(sorted(ids)) or "none"
            yield (
                (*here, "about", j),
                f"no entry {ref!r} in the position of {read!r} in this issue (ids there: {known})",
            )
