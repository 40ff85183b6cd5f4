"""What moved between two versions of a dataset: a semantic diff keyed by ids.

Entries are matched by id within an issue. Entries left over on both sides (a schema-1
side migrated in memory has made-up ids; an editor may rename one) are paired by text
similarity above ``PAIR`` (``difflib`` ratio), first within the same side and list, then
anywhere in the issue (a move). A changed text is a *wording fix* when it stays at or above
``WORDING_FIX`` similarity and no changed word is a negation or a number; otherwise it is
*reworded*, a change of position. Every step is a dict lookup or works within one issue,
so the cost is linear in the number of issues.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice

from gapcli.domain.entries import SIDE_LISTS, Citation, Reading, Statement
from gapcli.domain.models import Dataset, Issue
from gapcli.domain.values import Voice
from gapcli.views.wording import (
    PAIR,
    WORDING_FIX,
    TextChange,
    Wording,
    folded,
    similarity,
    text_change,
    word_diff,
)

__all__ = [
    "PAIR",
    "STANCE",
    "WORDING_FIX",
    "DatasetDiff",
    "EntryChange",
    "FieldChange",
    "IssueDiff",
    "Status",
    "TextChange",
    "Version",
    "Wording",
    "diff",
    "similarity",
    "text_change",
    "word_diff",
]

STANCE = "stance"
ISSUE_LISTS = ("analysis", "common_ground", "bridges")


class Status(StrEnum):
    """What happened to an issue or an entry."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Version:
    """One side of a diff: a loaded dataset and where it came from."""

    label: str  # the folder or git revision as given
    dataset: Dataset
    schema_1: bool = False  # read through the schema-1 migration in memory
    unrecorded: frozenset[tuple[str, str]] = frozenset()  # (issue id or "", entry id): no voice

    def voice(self, issue: str, entry: Statement, entry_id: str) -> Voice | None:
        """The entry's voice, or None where schema 1 did not record one."""
        return None if (issue, entry_id) in self.unrecorded else entry.voice

    @property
    def name(self) -> str:
        """``version 2.0 (as of 2024)``, ``as of 2024``, else the label."""
        meta = self.dataset.meta
        if meta.version and meta.as_of:
            return f"version {meta.version}, as of {meta.as_of}"
        if meta.version:
            return f"version {meta.version}"
        return f"as of {meta.as_of}" if meta.as_of else self.label


@dataclass(frozen=True)
class FieldChange:
    """An issue's or the dataset file's field that changed (lists shown joined)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class EntryChange:
    """An entry (or a side's stance) added, removed or changed."""

    status: Status
    where: str  # claims, readings, asks, analysis, common_ground, bridges, stance
    party: str | None  # None for the issue's own lists
    old: Statement | None
    new: Statement | None
    old_id: str | None
    new_id: str | None
    text: TextChange | None = None  # None: same text (or added/removed)
    changed: tuple[str, ...] = ()  # by, voice, citations, as_of, of, about, assessment
    old_voice: Voice | None = None
    new_voice: Voice | None = None
    similarity: float | None = None  # set when paired by text rather than by id
    moved_from: tuple[str | None, str] | None = None  # (party, list) it was in


@dataclass(frozen=True)
class IssueDiff:
    """One issue's changes; ``fields`` and ``entries`` are empty for an added/removed issue."""

    id: str
    title: str
    status: Status
    fields: list[FieldChange] = field(default_factory=list)
    entries: list[EntryChange] = field(default_factory=list)


@dataclass(frozen=True)
class DatasetDiff:
    """Everything that moved from ``old`` to ``new``."""

    old: Version
    new: Version
    meta: list[FieldChange]
    issues: list[IssueDiff]  # added and changed in the new reading order, then removed
    unchanged: list[str]  # ids of issues with no change

    def count(self, status: Status) -> int:
        """How many issues were added, removed or changed."""
        return sum(1 for i in self.issues if i.status is status)

    def labels(self) -> dict[str, str]:
        """Party id to label, over both versions (a removed party keeps its old label)."""
        return {p.id: p.label for v in (self.old, self.new) for p in v.dataset.meta.parties}


ALL_PAIRS = 256  # leftover pairs compared all against all; more are narrowed by shared words
CANDIDATES = 8  # entries of the new version compared by wording with one old entry, at most
COMMON = 64  # a word in more leftover entries than this says nothing about which one is which


def _candidates(
    olds: list[Leftover], news: list[Leftover], same_slot: bool
) -> list[tuple[float, int, int]]:
    """Pairs of leftover entries worth comparing, best first.

    A few leftovers (at most ``ALL_PAIRS`` pairs) are all compared. Beyond that, comparing
    every pair would be quadratic in the entries of an issue (a rewritten issue with a
    thousand renamed entries would take hours), so identical texts pair at once and each
    other old entry meets at most ``CANDIDATES`` new ones that share its rarer words.
    """

    def fits(i: int, j: int) -> bool:
        return (olds[i][0] == news[j][0]) is same_slot

    if len(olds) * len(news) <= ALL_PAIRS:
        pairs = [(i, j) for i in range(len(olds)) for j in range(len(news)) if fits(i, j)]
        scored = [(similarity(olds[i][1].text, news[j][1].text), i, j) for i, j in pairs]
        return sorted(scored, key=lambda c: (-c[0], c[1], c[2]))
    exact: dict[str, deque[int]] = {}
    index: dict[str, list[int]] = {}
    for j, (_, entry, _) in enumerate(news):
        text = folded(entry.text)
        exact.setdefault(text, deque()).append(j)
        for word in set(text.split()):
            index.setdefault(word, []).append(j)
    found: list[tuple[float, int, int]] = []
    for i, (_, entry, _) in enumerate(olds):
        text = folded(entry.text)
        twins = exact.get(text, deque())
        twin = next((j for j in islice(twins, CANDIDATES) if fits(i, j)), None)
        if twin is not None:
            twins.remove(twin)  # among the first few: each identical text pairs once
            found.append((1.0, i, twin))
            continue
        shared: dict[int, int] = {}
        for word in set(text.split()):
            postings = index.get(word, ())
            if len(postings) <= COMMON:
                for j in postings:
                    shared[j] = shared.get(j, 0) + 1
        nearby = [j for j in sorted(shared, key=lambda j: (-shared[j], j)) if fits(i, j)]
        found += [(similarity(text, news[j][1].text), i, j) for j in nearby[:CANDIDATES]]
    return sorted(found, key=lambda c: (-c[0], c[1], c[2]))


def _cites(cites: list[Citation]) -> list[tuple[str, int, str | None]]:
    return [(c.source, c.para, c.quote) for c in cites]


def _changed(
    old: Statement, new: Statement, old_voice: Voice | None, new_voice: Voice | None
) -> tuple[str, ...]:
    out = []
    if old.by != new.by:
        out.append("by")
    if old_voice != new_voice:
        out.append("voice")
    if _cites(old.cite) != _cites(new.cite):
        out.append("citations")
    if old.as_of != new.as_of:
        out.append("as_of")
    if isinstance(old, Reading) and isinstance(new, Reading):
        out += [k for k in ("of", "about", "assessment") if getattr(old, k) != getattr(new, k)]
    return tuple(out)


Slot = tuple[str | None, str]  # (party or None, list name)
Leftover = tuple[Slot, Statement, str]  # where an unmatched entry is, the entry, its id


def _entries(issue: Issue) -> Iterator[tuple[Slot, Statement, str]]:
    for party, position in issue.positions.items():
        for name in SIDE_LISTS:
            for entry in getattr(position, name):
                yield (party, name), entry, entry.id
    for name in ISSUE_LISTS:
        for entry in getattr(issue, name):
            yield (None, name), entry, entry.id


def _issue_entries(old: Issue, new: Issue, before: Version, after: Version) -> list[EntryChange]:
    """Every stance and entry that changed in one issue, sides first, in the new file's order."""
    out: list[EntryChange] = []
    for party in dict.fromkeys([*new.positions, *old.positions]):
        was, now = old.positions.get(party), new.positions.get(party)
        out += _pair(
            old.id,
            (party, STANCE),
            was.stance if was else None,
            now.stance if now else None,
            STANCE,
            STANCE,
            before,
            after,
        )
    olds = {entry_id: (slot, entry) for slot, entry, entry_id in _entries(old)}
    leftover_new: list[tuple[Slot, Statement, str]] = []
    for slot, entry, entry_id in _entries(new):
        match = olds.pop(entry_id, None)
        if match is None:
            leftover_new.append((slot, entry, entry_id))
            continue
        out += _pair(old.id, slot, match[1], entry, entry_id, entry_id, before, after, match[0])
    leftover_old = [(slot, entry, entry_id) for entry_id, (slot, entry) in olds.items()]
    paired: list[EntryChange] = []
    for same_slot in (True, False):
        used_old: set[int] = set()
        used_new: set[int] = set()
        for ratio, i, j in _candidates(leftover_old, leftover_new, same_slot):
            if ratio < PAIR or i in used_old or j in used_new:
                continue
            used_old.add(i)
            used_new.add(j)
            (os_, o, oid), (ns, n, nid) = leftover_old[i], leftover_new[j]
            paired += _pair(old.id, ns, o, n, oid, nid, before, after, os_, round(ratio, 3))
        leftover_old = [e for i, e in enumerate(leftover_old) if i not in used_old]
        leftover_new = [e for j, e in enumerate(leftover_new) if j not in used_new]
    out += paired
    out += [
        EntryChange(
            Status.REMOVED, s[1], s[0], e, None, i, None, old_voice=before.voice(old.id, e, i)
        )
        for s, e, i in leftover_old
    ]
    out += [
        EntryChange(Status.ADDED, s[1], s[0], None, e, None, i, new_voice=after.voice(new.id, e, i))
        for s, e, i in leftover_new
    ]
    return sorted(out, key=_order(old, new))


_STATUS_ORDER = {Status.CHANGED: 0, Status.REMOVED: 1, Status.ADDED: 2}


def _order(old: Issue, new: Issue) -> Callable[[EntryChange], tuple[int, int]]:
    """Sort key: by side (new file order) and list, then changed, removed, added."""
    slots: list[Slot] = []
    for party in dict.fromkeys([*new.positions, *old.positions]):
        slots += [(party, STANCE), *((party, name) for name in SIDE_LISTS)]
    slots += [(None, name) for name in ISSUE_LISTS]
    index = {slot: i for i, slot in enumerate(slots)}
    return lambda c: (index[(c.party, c.where)], _STATUS_ORDER[c.status])


def _pair(
    issue: str,
    slot: Slot,
    old: Statement | None,
    new: Statement | None,
    old_id: str,
    new_id: str,
    before: Version,
    after: Version,
    old_slot: Slot | None = None,
    paired: float | None = None,
) -> list[EntryChange]:
    """The change between two versions of one entry (or stance); empty when none."""
    party, where = slot
    if old is None and new is None:
        return []
    if old is None or new is None:
        status = Status.ADDED if old is None else Status.REMOVED
        return [
            EntryChange(
                status, where, party, old, new,
                old_id if old else None, new_id if new else None,
                old_voice=before.voice(issue, old, old_id) if old else None,
                new_voice=after.voice(issue, new, new_id) if new else None,
            )
        ]  # fmt: skip
    old_voice, new_voice = before.voice(issue, old, old_id), after.voice(issue, new, new_id)
    text = text_change(old.text, new.text)
    changed = _changed(old, new, old_voice, new_voice)
    moved = old_slot if old_slot is not None and old_slot != slot else None
    # A schema-1 side's ids were made up by the migration: a new id there is no change.
    renamed = old_id != new_id and not before.schema_1
    if text is None and not changed and moved is None and not renamed:
        return []
    return [
        EntryChange(
            Status.CHANGED, where, party, old, new, old_id, new_id, text, changed,
            old_voice, new_voice, paired, moved,
        )
    ]  # fmt: skip


def _joined(values: list[str]) -> str:
    return ", ".join(values)


def _fields(old: Issue, new: Issue) -> list[FieldChange]:
    pairs: list[tuple[str, str, str]] = [
        ("title", old.title, new.title),
        ("question", old.question, new.question),
        ("summary", old.summary, new.summary),
        ("gap_type", old.gap_type.value, new.gap_type.value),
        ("gap.what", old.gap.what, new.gap.what),
        ("gap.why_it_matters", old.gap.why_it_matters, new.gap.why_it_matters),
        ("tags", _joined(old.tags), _joined(new.tags)),
        ("related", _joined(old.related), _joined(new.related)),
    ]
    out = [FieldChange(name, a, b) for name, a, b in pairs if a != b]
    if _cites(old.gap.cite) != _cites(new.gap.cite):
        out.append(FieldChange("gap.cite", _paras(old.gap.cite), _paras(new.gap.cite)))
    return out


def _paras(cites: list[Citation]) -> str:
    return ", ".join(dict.fromkeys(f"{c.source} ¶{c.para}" for c in cites))


def _meta(old: Dataset, new: Dataset) -> list[FieldChange]:
    a, b = old.meta, new.meta
    pairs: list[tuple[str, str | None, str | None]] = [
        ("title", a.title, b.title),
        ("version", a.version, b.version),
        ("as_of", a.as_of, b.as_of),
        ("summary", a.summary, b.summary),
        ("parties", _joined([p.id for p in a.parties]), _joined([p.id for p in b.parties])),
        ("sources", _joined([s.id for s in a.sources]), _joined([s.id for s in b.sources])),
    ]
    return [FieldChange(name, x, y) for name, x, y in pairs if x != y]


def diff(old: Version, new: Version) -> DatasetDiff:
    """Compare two versions of a dataset, issue by issue and entry by entry."""
    before = {issue.id: issue for issue in old.dataset.issues}
    changed: list[IssueDiff] = []
    unchanged: list[str] = []
    for issue in new.dataset.issues:
        was = before.pop(issue.id, None)
        if was is None:
            changed.append(IssueDiff(issue.id, issue.title, Status.ADDED))
            continue
        if was == issue and not old.unrecorded:
            unchanged.append(issue.id)
            continue
        fields = _fields(was, issue)
        entries = _issue_entries(was, issue, old, new)
        if fields or entries:
            changed.append(IssueDiff(issue.id, issue.title, Status.CHANGED, fields, entries))
        else:
            unchanged.append(issue.id)
    changed += [IssueDiff(i.id, i.title, Status.REMOVED) for i in before.values()]
    return DatasetDiff(old, new, _meta(old.dataset, new.dataset), changed, unchanged)
