"""The dataset's types: what a positions folder may contain, checked at the YAML boundary.

Every model forbids unknown keys and is strict: a number is not a string, ``NO`` is
not ``false``. Cross-file rules (known parties, sources, paragraphs, related ids) live in
``gapcli.loader``, which sees the whole dataset. The field values are in ``values``, the
entries of an issue in ``entries``; every name stays importable from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, Self

from pydantic import Field, model_validator

from gapcli.domain.entries import (
    KIND_LABEL,
    SIDE_LISTS,
    Assessment,
    Citation,
    Cites,
    Claim,
    Gap,
    Position,
    Reading,
    Stance,
    Statement,
)
from gapcli.domain.values import (
    GAP_TYPE_MEANING,
    INVISIBLE,
    NOT_BLANK,
    OFFICIAL_VOICES,
    PLACEHOLDER,
    PROSE,
    Circa,
    DateStr,
    Flag,
    GapType,
    Id,
    Ids,
    Line,
    Model,
    Para,
    Prose,
    ProseLine,
    Sha256,
    TextPath,
    Verdict,
    Voice,
    empty,
    inside_dataset,
    placeholder,
)

__all__ = [
    "DATASET_FILE_KEY",
    "GAP_TYPE_MEANING",
    "INVISIBLE",
    "KIND_LABEL",
    "NOT_BLANK",
    "OFFICIAL_VOICES",
    "PLACEHOLDER",
    "PROSE",
    "SCHEMA_VERSION",
    "SIDE_LISTS",
    "Assessment",
    "BriefDefaults",
    "Circa",
    "Citation",
    "Cites",
    "Claim",
    "Dataset",
    "DatasetFile",
    "DateStr",
    "Dialogue",
    "Event",
    "Fact",
    "Flag",
    "Gap",
    "GapType",
    "Id",
    "Ids",
    "Issue",
    "Line",
    "Linked",
    "Loc",
    "Model",
    "Origin",
    "Para",
    "Party",
    "Position",
    "Prose",
    "ProseLine",
    "Reading",
    "Recommendation",
    "Sha256",
    "Source",
    "Stance",
    "Statement",
    "TextPath",
    "Verdict",
    "Voice",
    "display_date",
    "inside_dataset",
    "placeholder",
]


class Party(Model):
    """A side in the dispute (a country, bloc or organisation) with all its voices."""

    id: Id
    name: Line
    label: Line = Field(description='Short label used as a column header, e.g. "Washington".')


class Source(Model):
    """A cited text. Unknown date or url are left out, never guessed."""

    id: Id
    title: Line
    publisher: Line
    date: DateStr | None = None
    url: Line | None = None
    paragraphs: int = Field(ge=1, description="How many paragraphs the source has.")
    kind: Line | None = Field(
        default=None,
        description='What the source is, e.g. "article": heads its analysis ("The article\'s").',
    )
    text: TextPath | None = Field(
        default=None,
        description="The source's text file, relative to the dataset folder: `validate` then "
        "checks every quote against it.",
    )
    sha256: Sha256 | None = Field(
        default=None,
        description="SHA-256 of `text` as it was when quoted: `validate` reports a changed text.",
    )


class Issue(Model):
    """A contested question and each side's part in it (one YAML file)."""

    id: Id
    title: ProseLine
    question: ProseLine
    tags: Ids = Field(default_factory=empty)
    gap_type: GapType = Field(strict=False)
    summary: ProseLine = Field(description="The gap in one line.")
    positions: dict[Id, Position] = Field(min_length=1)
    analysis: list[Claim] = Field(
        default_factory=empty,
        description="The source's own analysis of this issue (voice: analysis only).",
    )
    gap: Gap
    common_ground: list[Claim] = Field(
        default_factory=empty, description="Points both sides accept, attributed."
    )
    bridges: list[Claim] = Field(
        default_factory=empty, description="What could close the gap, and who proposes it."
    )
    related: Ids = Field(default_factory=empty)

    def claim_lists(self) -> list[tuple[tuple[str | int, ...], list[Claim]]]:
        """Every list of entries in the issue with its location, in file order."""
        out: list[tuple[tuple[str | int, ...], list[Claim]]] = []
        for party, position in self.positions.items():
            out.extend((("positions", party, name), entries) for name, entries in position.lists())
        out.append((("analysis",), self.analysis))
        out.append((("common_ground",), self.common_ground))
        out.append((("bridges",), self.bridges))
        return out


class Dialogue(Model):
    """The meeting the dataset comes from; unknown fields are left out."""

    name: ProseLine | None = None
    convener: ProseLine | None = None
    sponsor: ProseLine | None = None
    place: ProseLine | None = None
    date: DateStr | None = None
    date_inferred: Flag = Field(
        default=False, description="True when `date` is resolved from a relative date."
    )
    rule: ProseLine | None = None
    cite: Cites


class Linked(Model):
    """A cited, attributed entry of the dataset file that may name the issues it bears on."""

    id: Id
    text: ProseLine
    by: ProseLine
    voice: Voice = Field(strict=False)
    cite: Cites
    issues: Ids = Field(
        default_factory=empty,
        description="Issue ids it bears on; none = general context for every issue.",
    )


class Fact(Linked):
    """A context figure, cited."""

    figure: ProseLine | None = Field(
        default=None, description='The number itself, e.g. "70 percent".'
    )


class Event(Model):
    """A dated event. ``date`` is as precise as the source allows."""

    id: Id
    date: DateStr
    circa: Circa | None = Field(
        default=None, strict=False, description='For "early/mid/late 2023".'
    )
    date_inferred: Flag = Field(
        default=False,
        description='True when `date` is resolved from a relative date ("last September").',
    )
    text: ProseLine
    by: ProseLine | None = Field(
        default=None, description="Who reports or claims the event, if not the source itself."
    )
    cite: Cites
    issues: Ids = Field(default_factory=empty)

    @model_validator(mode="after")
    def _circa_needs_a_year(self) -> Self:
        if self.circa is not None and "-" in self.date:
            raise ValueError(
                f"circa ({self.circa.value!r}) qualifies a year-only date, not {self.date!r}"
            )
        return self

    def sort_key(self) -> tuple[int, float, int, str]:
        """Chronological key: a year-only date sorts first in its year, ``late`` near its end."""
        year, *rest = (int(p) for p in self.date.split("-"))
        month: float = rest[0] if rest else (_CIRCA_MONTH[self.circa] if self.circa else 0)
        return (year, month, rest[1] if len(rest) > 1 else 0, self.id)

    def display_date(self) -> str:
        """``May 2019``, ``late 2023``, ``2019`` or ``22 June 2024``: as precise as the source."""
        return display_date(self.date, self.circa)

    @property
    def approximate(self) -> bool:
        """True when the source gives only a year or a part of a year."""
        return "-" not in self.date


def display_date(date: str, circa: Circa | None = None) -> str:
    """A stored date (``2019``, ``2019-05``, ``2024-06-22``) as people write it."""
    year, *rest = (int(p) for p in date.split("-"))
    if not rest:
        return f"{circa.value} {year}" if circa else str(year)
    text = f"{_MONTHS[rest[0] - 1]} {year}"
    return f"{rest[1]} {text}" if len(rest) > 1 else text


_CIRCA_MONTH = {Circa.EARLY: 2.5, Circa.MID: 6.5, Circa.LATE: 11.5}
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


class Recommendation(Linked):
    """A recommendation or shared commitment, cited."""


class BriefDefaults(Model):
    """What a brief of this dataset says at its top unless the command line says otherwise."""

    title: ProseLine | None = Field(
        default=None, description="The brief's title (default: the dataset's title)."
    )
    prepared_for: ProseLine | None = Field(
        default=None,
        alias="for",
        description='Whom the brief is for, e.g. "Participants, round 2".',
    )
    marking: ProseLine | None = Field(
        default=None,
        description='A handling marking shown in the header, e.g. "Chatham House Rule".',
    )


SCHEMA_VERSION = 2


class DatasetFile(Model):
    """The dataset file (``dataset.yaml``): everything that is not one issue."""

    schema_: Literal[2] = Field(
        alias="schema",
        description="The dataset format's version: 2 (docs/migration.md tells what changed).",
    )
    title: ProseLine
    version: Line | None = Field(
        default=None, description='The dataset\'s own release, e.g. "2.0".'
    )
    as_of: DateStr | None = Field(
        default=None,
        description="The date the positions describe (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    summary: ProseLine
    parties: list[Party] = Field(min_length=2)
    sources: list[Source] = Field(min_length=1)
    order: Ids = Field(
        default_factory=empty,
        description="Issue ids in reading order (list, exports); unlisted issues follow by id.",
    )
    dialogue: Dialogue | None = None
    facts: list[Fact] = Field(default_factory=empty)
    timeline: list[Event] = Field(default_factory=empty)
    recommendations: list[Recommendation] = Field(default_factory=empty)
    brief: BriefDefaults | None = Field(
        default=None, description="Title, readers and marking for `gapcli export` and `brief`."
    )


Loc = tuple[str | int, ...]
DATASET_FILE_KEY = ""  # key of the dataset file in Dataset.origins (issue ids are never empty)


class Origin:
    """Where a model came from: its file and, read when first needed, the line and column of
    every value in it (so a dataset that loads cleanly never pays for its line numbers)."""

    def __init__(
        self,
        path: str,
        marks: dict[Loc, tuple[int, int]] | None = None,
        read_marks: Callable[[], dict[Loc, tuple[int, int]]] | None = None,
    ) -> None:
        self.path = path
        self._marks = marks
        self._read_marks = read_marks

    def __repr__(self) -> str:
        return f"Origin({self.path!r})"

    @property
    def marks(self) -> dict[Loc, tuple[int, int]]:
        """Line and column of every value, by location (read on first use)."""
        if self._marks is None:
            self._marks = self._read_marks() if self._read_marks else {}
        return self._marks

    def where(self, loc: Loc = ()) -> str:
        """``path:line:col`` of the deepest known value on ``loc`` (``path`` if none)."""
        marks = self.marks
        for end in range(len(loc), -1, -1):
            mark = marks.get(loc[:end])
            if mark is not None:
                return f"{self.path}:{mark[0]}:{mark[1]}"
        return self.path


@dataclass(frozen=True)
class Dataset:
    """A loaded, cross-checked dataset: the dataset file plus its issues in id order."""

    meta: DatasetFile
    issues: list[Issue]
    origins: dict[str, Origin] = field(default_factory=dict, repr=False)

    def issue(self, issue_id: str) -> Issue | None:
        """The issue with this id, or None (ids are never used to build paths)."""
        return self._issues_by_id.get(issue_id)

    def party(self, party_id: str) -> Party | None:
        """The declared party with this id, or None."""
        return next((p for p in self.meta.parties if p.id == party_id), None)

    @cached_property
    def _issues_by_id(self) -> dict[str, Issue]:
        return {issue.id: issue for issue in self.issues}
