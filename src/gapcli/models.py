"""The dataset's types: what a positions folder may contain, checked at the YAML boundary.

Every model forbids unknown keys and is strict: a number is not a string, ``NO`` is
not ``false``. Cross-file rules (known parties, sources, paragraphs, related ids) live in
``gapcli.loader``, which sees the whole dataset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

NOT_BLANK = r"\S"  # text fields need at least one visible character

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="Lower-case letters, digits and hyphens, e.g. `china-role`."),
]
Line = Annotated[str, StringConstraints(min_length=1, pattern=NOT_BLANK)]
Para = Annotated[int, Field(ge=1, description="Paragraph number in the cited source, from 1.")]


def _real_date(value: str) -> str:
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the calendar") from None
    return value


DateStr = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_real_date),
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD: as precise as the source allows."),
]


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{value!r} is listed twice; keep one")
        seen.add(value)
    return values


Ids = Annotated[list[Id], AfterValidator(_unique), Field(json_schema_extra={"uniqueItems": True})]


def _empty() -> list[Any]:
    # A Python function, not ``list``: pydantic reads each factory's signature, and for a
    # builtin that means parsing its text signature (about 10 ms of every start-up).
    return []


class Model(BaseModel):
    """Base for every dataset model: strict, closed, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class GapType(StrEnum):
    """What kind of disagreement an issue is (documented in positions/README.md)."""

    FACT = "fact"
    CAUSE = "cause"
    INTENT = "intent"
    LINKAGE = "linkage"
    VENUE = "venue"
    METHOD = "method"
    EXPECTATION = "expectation"


GAP_TYPE_MEANING = {
    GapType.FACT: "what is true, and on what evidence",
    GapType.CAUSE: "what causes the problem, and so where responsibility lies",
    GapType.INTENT: "the other side's motives",
    GapType.LINKAGE: "whether the issue is tied to others or kept apart",
    GapType.VENUE: "where, or through which institutions, to cooperate",
    GapType.METHOD: "how to tackle the problem",
    GapType.EXPECTATION: "what one side should and can do, and whether it has done enough",
}


class Voice(StrEnum):
    """Who is speaking, in kind; ``by`` says exactly who."""

    GOVERNMENT = "government"
    OFFICIAL = "official"
    LEGISLATURE = "legislature"
    EXPERT = "expert"
    PARTICIPANT = "participant"
    PUBLIC = "public"
    MEDIA = "media"
    ANALYSIS = "analysis"


class Circa(StrEnum):
    """How an approximate date is qualified in the source ("late 2023")."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


class Party(Model):
    """A side in the dispute: a government, an organisation, a bloc."""

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


class Citation(Model):
    """A pointer into a source: a paragraph, and optionally its exact words."""

    source: Id
    para: Para
    quote: Line | None = Field(
        default=None, description="The source's exact words (checked by `gapcli validate`)."
    )


Cites = Annotated[list[Citation], Field(min_length=1)]


class Claim(Model):
    """One attributed statement with its citation."""

    text: Line
    by: Line = Field(description="Who holds or said it, exactly as the source attributes it.")
    voice: Voice | None = Field(
        default=None,
        strict=False,
        description="What kind of speaker `by` is; `analysis` = the source's own.",
    )
    cite: Cites


class Position(Model):
    """One party's side of an issue."""

    stance: Line = Field(description="One line: the party's position.")
    claims: list[Claim] = Field(default_factory=_empty)
    perception: list[Claim] = Field(
        default_factory=_empty, description="How this party sees the other side's position."
    )
    asks: list[Claim] = Field(default_factory=_empty, description="What it asks of the other.")


class Gap(Model):
    """What exactly the parties disagree on, and why it matters."""

    what: Line
    why_it_matters: Line
    cite: Cites


class Issue(Model):
    """A contested question and each party's position on it (one YAML file)."""

    id: Id
    title: Line
    question: Line
    tags: Ids = Field(default_factory=_empty)
    gap_type: GapType = Field(strict=False)
    summary: Line = Field(description="The gap in one line.")
    positions: dict[Id, Position] = Field(min_length=1)
    gap: Gap
    common_ground: list[Claim] = Field(default_factory=_empty)
    bridges: list[Claim] = Field(default_factory=_empty)
    related: Ids = Field(default_factory=_empty)


class Dialogue(Model):
    """The meeting the dataset comes from; unknown fields are left out."""

    name: Line | None = None
    convener: Line | None = None
    sponsor: Line | None = None
    place: Line | None = None
    date: DateStr | None = None
    rule: Line | None = None
    cite: Cites


class Fact(Model):
    """A context figure, cited."""

    id: Id
    text: Line
    figure: Line | None = Field(default=None, description='The number itself, e.g. "70 percent".')
    by: Line
    voice: Voice | None = Field(default=None, strict=False)
    cite: Cites
    issues: Ids = Field(default_factory=_empty)


class Event(Model):
    """A dated event. ``date`` is as precise as the source allows."""

    id: Id
    date: DateStr
    circa: Circa | None = Field(
        default=None, strict=False, description='For "early/mid/late 2023".'
    )
    text: Line
    by: Line | None = Field(
        default=None, description="Who reports or claims the event, if not the source itself."
    )
    cite: Cites
    issues: Ids = Field(default_factory=_empty)

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


class Recommendation(Model):
    """A recommendation or shared commitment, cited."""

    id: Id
    text: Line
    by: Line
    voice: Voice | None = Field(default=None, strict=False)
    cite: Cites
    issues: Ids = Field(default_factory=_empty)


class DatasetFile(Model):
    """The dataset file (``dataset.yaml``): everything that is not one issue."""

    title: Line
    summary: Line
    parties: list[Party] = Field(min_length=2)
    sources: list[Source] = Field(min_length=1)
    order: Ids = Field(
        default_factory=_empty,
        description="Issue ids in reading order (list, exports); unlisted issues follow by id.",
    )
    dialogue: Dialogue | None = None
    facts: list[Fact] = Field(default_factory=_empty)
    timeline: list[Event] = Field(default_factory=_empty)
    recommendations: list[Recommendation] = Field(default_factory=_empty)


Loc = tuple[str | int, ...]
DATASET_FILE_KEY = ""  # key of the dataset file in Dataset.origins (issue ids are never empty)


@dataclass(frozen=True)
class Origin:
    """Where a model came from: its file and the line/column of every value in it.

    ``read_marks``, when given, fills ``marks`` the first time a message needs them, so a
    dataset that loads cleanly never pays for its line numbers.
    """

    path: str
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)
    read_marks: Callable[[], dict[Loc, tuple[int, int]]] | None = field(
        default=None, repr=False, compare=False
    )

    def where(self, loc: Loc = ()) -> str:
        """``path:line:col`` of the deepest known value on ``loc`` (``path`` if none)."""
        if not self.marks and self.read_marks is not None:
            self.marks.update(self.read_marks())
        for end in range(len(loc), -1, -1):
            mark = self.marks.get(loc[:end])
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
