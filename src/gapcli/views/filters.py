"""Choosing what to show: issues by id (with suggestions) and tag, statements by side, voice
and speaker (one ``Filters`` for every command); the export date."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from gapcli.domain.choices import GROUPS, VoiceChoice
from gapcli.domain.entries import Claim, Reading
from gapcli.domain.models import Dataset, Issue, Party
from gapcli.domain.values import Voice
from gapcli.errors import UsageError
from gapcli.views.matching import search_pattern
from gapcli.views.sides import MirrorPair, read_party


def voices_of(choice: VoiceChoice) -> frozenset[Voice]:
    """The voices a ``--voice`` choice stands for (a group stands for several)."""
    return frozenset(Voice(v) for v in GROUPS.get(choice, (choice.value,)))


@dataclass(frozen=True)
class Filters:
    """What every command can be narrowed to, the same way everywhere.

    Issues: ``issues`` (ids) and ``tags`` (any of them, or all with ``all_tags``); ids and
    tags are matched case-insensitively. Statements: ``sides`` (party ids: entries under that
    side's position), ``voices`` and ``by`` (words in who said it, matched as ``search``
    matches). A statement must pass every filter given; an unattributed text (a title, the
    gap) or an entry of no side passes only when no statement filter is given.
    """

    issues: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    all_tags: bool = False
    sides: tuple[str, ...] = ()
    voices: tuple[VoiceChoice, ...] = ()
    by: str | None = None

    @property
    def on_statements(self) -> bool:
        """Whether any statement filter (side, voice, by) is given."""
        return bool(self.sides or self.voices or self.by)

    @property
    def on_issues(self) -> bool:
        """Whether any issue filter (issue, tag) is given."""
        return bool(self.issues or self.tags)

    def describe(self) -> str:
        """The filters as options, e.g. ``--tag trust --voice expert`` (empty when none)."""
        parts = [f"--issue {i}" for i in self.issues] + [f"--tag {t}" for t in self.tags]
        parts += ["--all-tags"] * self.all_tags + [f"--side {s}" for s in self.sides]
        parts += [f"--voice {v.value}" for v in self.voices]
        parts += [f"--by {self.by!r}"] if self.by else []
        return " ".join(parts)

    def statement_filters(self) -> str:
        """The statement filters alone as options (``--side us --voice expert``)."""
        return replace(self, issues=(), tags=(), all_tags=False).describe()

    def check(self, dataset: Dataset) -> Filters:
        """These filters with ids and tags in the dataset's case; unknown ones are usage
        errors that say what exists."""
        known_tags = {t for issue in dataset.issues for t in issue.tags}
        tags = tuple(tag.lower() for tag in self.tags)
        for tag, asked in zip(tags, self.tags, strict=True):
            if tag not in known_tags:
                tags_in_use = ", ".join(sorted(known_tags)) or "(none)"
                raise UsageError(f"no issue has tag {asked!r}; tags in use: {tags_in_use}")
        issues = tuple(find_issue(dataset, i).id for i in self.issues)
        sides = tuple(s.lower() for s in self.sides)
        for side, asked in zip(sides, self.sides, strict=True):
            if dataset.party(side) is None:
                ids = ", ".join(p.id for p in dataset.meta.parties)
                raise UsageError(f"unknown side {asked!r}; the sides are: {ids}")
        if self.by is not None:
            search_pattern(self.by)  # an empty --by is the same usage error as an empty query
        return replace(self, issues=issues, tags=tags, sides=sides)

    def select(self, dataset: Dataset) -> list[Issue]:
        """The issues chosen by ``--issue`` and ``--tag`` (all when neither), in dataset order.

        Call on checked filters (``check``). Nothing left is a usage error naming the filters.
        """
        wanted = set(self.issues)
        tags = set(self.tags)
        chosen = [
            issue
            for issue in dataset.issues
            if (not wanted or issue.id in wanted) and (not tags or self._tagged(tags, issue.tags))
        ]
        if not chosen:
            raise UsageError(f"no issue matches {self.describe()}")
        return chosen

    def _tagged(self, tags: set[str], issue_tags: list[str]) -> bool:
        if self.all_tags:
            return tags.issubset(issue_tags)
        return any(tag in tags for tag in issue_tags)

    def keeper(self) -> Callable[[str | None, Voice | None, str | None], bool]:
        """A test of one statement's side (party id), voice and speaker against the filters."""
        sides = set(self.sides)
        voices = frozenset().union(*(voices_of(v) for v in self.voices))
        if self.by is None:
            by_matches: Callable[[str], bool] = lambda _: True  # noqa: E731
        else:
            by_matches = search_pattern(self.by).search  # type: ignore[assignment]

        def keep(side: str | None, voice: Voice | None, by: str | None) -> bool:
            if sides and side not in sides:
                return False
            if voices and voice not in voices:
                return False
            return self.by is None or (by is not None and bool(by_matches(by)))

        return keep

    def parties(self, dataset: Dataset) -> list[Party]:
        """The declared parties to show: those of ``--side`` (declared order), else all."""
        parties = dataset.meta.parties
        return [p for p in parties if p.id in self.sides] if self.sides else list(parties)

    def narrow(self, issue: Issue, dataset: Dataset | None = None) -> Issue:
        """The issue with only the statements that pass (its other fields as they are).

        With ``dataset``, each kept reading names whom it reads (``of``), so that it still
        says so once other sides are left out (``narrow_dataset``).
        """
        if not self.on_statements:
            return issue
        keep = self.keeper()

        def kept(entries: list[Claim], side: str | None) -> list[Claim]:
            return [e for e in entries if keep(side, e.voice, e.by)]

        positions = {
            party: p.model_copy(
                update={
                    "stance": p.stance
                    if p.stance and keep(party, p.stance.voice, p.stance.by)
                    else None,
                    "claims": kept(p.claims, party),
                    "readings": [
                        _whom(r, party, dataset) for r in p.readings if keep(party, r.voice, r.by)
                    ],
                    "asks": kept(p.asks, party),
                }
            )
            for party, p in issue.positions.items()
        }
        return issue.model_copy(
            update={
                "positions": positions,
                "analysis": kept(issue.analysis, None),
                "common_ground": kept(issue.common_ground, None),
                "bridges": kept(issue.bridges, None),
            }
        )

    def narrow_pairs(self, pairs: list[MirrorPair]) -> list[MirrorPair]:
        """Mirror pairs whose reader is a chosen side, with only the readings that pass (the
        read side's own account is left whole)."""
        keep = self.keeper()
        narrowed = [
            replace(
                pair,
                lines=[
                    x for x in pair.lines if keep(pair.reader.id, x.reading.voice, x.reading.by)
                ],
            )
            for pair in pairs
            if not self.sides or pair.reader.id in self.sides
        ]
        if self.voices or self.by:  # a pair left with no reading is not what was asked for
            narrowed = [pair for pair in narrowed if pair.lines]
        return narrowed

    def narrow_dataset(self, dataset: Dataset) -> Dataset:
        """The dataset with only the chosen sides declared, and only the facts, events and
        recommendations that pass the statement filters (issues are narrowed by ``narrow``)."""
        if not self.on_statements:
            return dataset
        keep = self.keeper()
        meta = dataset.meta
        update = {
            "parties": self.parties(dataset),
            "facts": [f for f in meta.facts if keep(None, f.voice, f.by)],
            "timeline": [e for e in meta.timeline if keep(None, None, e.by)],
            "recommendations": [r for r in meta.recommendations if keep(None, r.voice, r.by)],
        }
        return replace(dataset, meta=meta.model_copy(update=update))


def to_compare(
    dataset: Dataset, filters: Filters, one: bool = False
) -> tuple[list[Issue], list[Party]]:
    """The issues ``compare`` shows (narrowed by the statement filters) and the sides whose
    columns it shows. None chosen is a usage error listing the ids; ``one`` (for JSON)
    requires exactly one issue."""
    if not filters.on_issues:
        ids = ", ".join(i.id for i in dataset.issues)
        raise UsageError(f"which issue? give an id, or --issue or --tag; the ids: {ids}")
    checked = filters.check(dataset)
    issues = [checked.narrow(issue) for issue in checked.select(dataset)]
    if one and len(issues) > 1:
        raise UsageError(
            f"compare --json shows one issue and {len(issues)} match; for several use "
            f"gapcli export --json with the same options"
        )
    return issues, checked.parties(dataset)


def _whom(reading: Reading, reader: str, dataset: Dataset | None) -> Reading:
    if dataset is None or reading.of is not None:
        return reading
    read = read_party(reading, reader, dataset)
    return reading if read is None else reading.model_copy(update={"of": read.id})


def find_issue(dataset: Dataset, issue_id: str) -> Issue:
    """The issue with this id (any case), or a usage error suggesting what to try."""
    issue = dataset.issue(issue_id.lower())
    if issue is None:
        raise UsageError(unknown_issue_message(dataset, issue_id))
    return issue


def unknown_issue_message(dataset: Dataset, issue_id: str) -> str:
    """``unknown issue 'x'; did you mean ...?`` with a pointer to ``gapcli list``, or to
    ``--tag`` when the word is a tag, and to ``search`` when it is in the text."""
    ids = [i.id for i in dataset.issues]
    asked = issue_id.lower()
    close = difflib.get_close_matches(asked, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    message = f"unknown issue {issue_id!r}{hint} (run 'gapcli list' to see all ids)"
    if any(asked in issue.tags for issue in dataset.issues):
        message += f"\n{asked!r} is a tag: gapcli compare --tag {asked}"
    elif not close and asked.split() and _mentioned(dataset, issue_id):
        message += f"\nto find it in the text: gapcli search {_quoted(issue_id)}"
    return message


def _mentioned(dataset: Dataset, words: str) -> bool:
    from gapcli.domain.walk import prose

    pattern = search_pattern(words)
    return any(
        pattern.search(text)
        for value in (*dataset.issues, dataset.meta)
        for _, text, _, _ in prose(value)
    )


def _quoted(words: str) -> str:
    return words if re.fullmatch(r"[\w.-]+", words) else repr(words)


def entries_left(issues: list[Issue], dataset: Dataset | None = None) -> int:
    """How many entries narrowed ``issues`` still hold (stances, claims, readings, asks, the
    source's analysis, common ground, bridges), with a narrowed ``dataset``'s facts, events
    and recommendations: none left means the filters leave nothing to show."""
    left = 0
    for issue in issues:
        left += sum(len(entries) for _, entries in issue.claim_lists())
        left += sum(p.stance is not None for p in issue.positions.values())
    if dataset is not None:
        meta = dataset.meta
        left += len(meta.facts) + len(meta.timeline) + len(meta.recommendations)
    return left


def select_issues(dataset: Dataset, filters: Filters) -> list[Issue]:
    """The issues chosen by the filters, each with only the statements that pass them."""
    checked = filters.check(dataset)
    return [checked.narrow(issue, dataset) for issue in checked.select(dataset)]
