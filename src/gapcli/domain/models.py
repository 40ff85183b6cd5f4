"""The dataset's types: what a positions folder may contain, checked at the YAML boundary.

Every model forbids unknown keys and is strict: a number is not a string, ``NO`` is
not ``false``. Cross-file rules (known parties, sources, paragraphs, related ids) live in
``gapcli.loader``, which sees the whole dataset.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    model_validator,
)

NOT_BLANK = r"\S"  # text fields need at least one visible character (see ``_visible``)
# Characters that draw nothing or change how the text around them is drawn: C0 and C1
# controls (but tab and newline), soft hyphen, joiners and fillers, bidirectional marks,
# overrides and isolates, line and paragraph separators, invisible operators, the BOM,
# interlinear annotation marks and tag characters. Every output shows them as visible
# escapes; a text of only these (and white space) is blank. ZWNJ and ZWJ (U+200C, U+200D),
# which Persian, Indic scripts and emoji need, are kept.
INVISIBLE = (
    "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\xad\\u034f\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891"
    "\\u08e2\\u115f-\\u1160\\u17b4-\\u17b5\\u180b-\\u180f\\u200b\\u200e-\\u200f\\u2028-\\u202e"
    "\\u2060-\\u2064\\u2066-\\u206f\\u2800\\u3164\\ufeff\\uffa0\\ufff0-\\ufffb\\U000110bd"
    "\\U000110cd\\U00013430-\\U0001343f\\U0001bca0-\\U0001bca3\\U0001d173-\\U0001d17a"
    "\\U000e0000-\\U000e0fff"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# A value left by `gapcli init` or `gapcli new` to be filled in ("<title of the issue>"):
# validate refuses it wherever it stands (loader.messages names it).
PLACEHOLDER = re.compile(r"<[A-Za-z][^<>\n]*>")


def placeholder(value: object) -> bool:
    """Whether ``value`` is a placeholder still to be filled in."""
    return isinstance(value, str) and PLACEHOLDER.fullmatch(value) is not None


def _visible(value: str) -> str:
    """A text needs one character that draws something on its own: not white space, not an
    invisible character, not a joiner, variation selector or combining mark without a base."""
    if not any(_draws(ch) for ch in _INVISIBLE.sub("", value)):
        raise ValueError(
            "has no visible character (only spaces or invisible characters); write the text, "
            "or leave an optional field out"
        )
    if placeholder(value):
        raise ValueError(f"{value} is a placeholder; write the real value here")
    return value


def _draws(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char)[0] not in "MCZ"


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64),
    Field(description="Lower-case letters, digits and hyphens, e.g. `china-role`."),
]
Line = Annotated[str, StringConstraints(min_length=1, pattern=NOT_BLANK), AfterValidator(_visible)]


class Prose:
    """Marks a text field as prose: content that ``search`` reads and every renderer escapes.

    Ids, dates, urls and the cast list (party and source names) are not prose.
    """

    def __repr__(self) -> str:
        return "PROSE"


PROSE = Prose()
ProseLine = Annotated[Line, PROSE]  # a line of content: searched, shown, escaped
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


Flag = Annotated[bool, Field(description="true or false, unquoted.")]


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

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class GapType(StrEnum):
    """What kind of disagreement an issue is (defined in positions/CODEBOOK.md)."""

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
    """Who is speaking, in kind; ``by`` says exactly who (codebook: positions/CODEBOOK.md)."""

    GOVERNMENT = "government"
    OFFICIAL = "official"
    LEGISLATURE = "legislature"
    PARTICIPANT = "participant"
    EXPERT = "expert"
    PUBLIC = "public"
    MEDIA = "media"
    ANALYSIS = "analysis"


# The voices that speak for a side officially: shown first in its column, and the only
# voices a stance may have. Every other voice of a side is shown apart and labelled.
OFFICIAL_VOICES = frozenset({Voice.GOVERNMENT, Voice.OFFICIAL, Voice.LEGISLATURE})


class Verdict(StrEnum):
    """How the source judges a reading of the other side."""

    ACCURATE = "accurate"
    EXAGGERATED = "exaggerated"
    UNDERSTATED = "understated"
    MIRROR_IMAGE = "mirror-image"
    UNKNOWN = "unknown"


class Circa(StrEnum):
    """How an approximate date is qualified in the source ("late 2023")."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"


class Party(Model):
    """A side in the dispute (a country, bloc or organisation) with all its voices."""

    id: Id
    name: Line
    label: Line = Field(description='Short label used as a column header, e.g. "Washington".')


def inside_dataset(value: str) -> str:
    """``value`` when it is a relative path that stays in the dataset folder; else ValueError."""
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:", value) or ".." in parts:
        raise ValueError(
            f"{value!r} is not inside the dataset folder; give a path relative to it, without "
            "'..' (e.g. sources/report.txt)"
        )
    return value


TextPath = Annotated[
    Line,
    AfterValidator(inside_dataset),
    Field(description="The source's text file, relative to the dataset folder."),
]
Sha256 = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{64}$"),
    Field(description="SHA-256 of the text file, 64 lower-case hex digits."),
]


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


class Citation(Model):
    """A pointer into a source: a paragraph, and optionally its exact words."""

    source: Id
    para: Para
    quote: ProseLine | None = Field(
        default=None, description="The source's exact words (checked by `gapcli validate`)."
    )


Cites = Annotated[list[Citation], Field(min_length=1)]


class Statement(Model):
    """Something a named speaker says, in a closed kind of voice, with its citations."""

    text: ProseLine
    by: ProseLine = Field(description="Who holds or said it, exactly as the source attributes it.")
    voice: Voice = Field(
        strict=False,
        description="What kind of speaker `by` is (positions/CODEBOOK.md); `analysis` = the "
        "source's own.",
    )
    cite: Cites
    as_of: DateStr | None = Field(
        default=None,
        description="The date this entry describes, where it differs from the dataset's `as_of`.",
    )

    @property
    def official(self) -> bool:
        """True for a government, official or legislature voice."""
        return self.voice in OFFICIAL_VOICES

    @computed_field  # type: ignore[prop-decorator]
    @property
    def group(self) -> str:
        """``official`` (government, official, legislature), ``source`` (the source's own
        analysis) or ``other`` (every other voice): how every view groups the entry."""
        if self.voice is Voice.ANALYSIS:
            return "source"
        return "official" if self.official else "other"


class Stance(Statement):
    """A side's own position, in one line: official voices only."""

    @model_validator(mode="after")
    def _official_only(self) -> Self:
        if not self.official:
            raise ValueError(
                f"a stance is the side's official position, so its voice is government, "
                f"official or legislature, not {self.voice.value!r}; put this view under "
                "claims (or the issue's analysis), and leave the stance out if the source "
                "reports none"
            )
        return self


class Claim(Statement):
    """One attributed statement with an id unique within its issue."""

    id: Id = Field(description="Unique within the issue; readings point at it with `about`.")


class Assessment(Model):
    """The source's own judgement of a reading: attributed and cited, never the editor's."""

    verdict: Verdict = Field(strict=False)
    text: ProseLine | None = Field(default=None, description="What the source says, paraphrased.")
    by: ProseLine
    voice: Voice = Field(strict=False)
    cite: Cites


class Reading(Claim):
    """How a side reads another: whom it reads, and what of theirs it answers."""

    of: Id | None = Field(
        default=None,
        description="The party read; required when the dataset has more than two parties.",
    )
    about: Ids = Field(
        default_factory=_empty,
        description="Ids of the read party's entries (claims, asks) that this reading answers.",
    )
    assessment: Assessment | None = None


class Position(Model):
    """One side's part in an issue: its stance (if reported) and its voices' entries."""

    stance: Stance | None = Field(
        default=None,
        description="The side's official position; leave out when the source reports none.",
    )
    claims: list[Claim] = Field(default_factory=_empty)
    readings: list[Reading] = Field(
        default_factory=_empty, description="How this side reads another side."
    )
    asks: list[Claim] = Field(default_factory=_empty, description="What it asks of the other.")

    def entries(self) -> list[tuple[str, Claim]]:
        """Every claim, reading and ask as ``(field, entry)``, in file order."""
        return [
            *(("claims", c) for c in self.claims),
            *(("readings", r) for r in self.readings),
            *(("asks", a) for a in self.asks),
        ]


class Gap(Model):
    """What exactly the sides disagree on, and why it matters."""

    what: ProseLine
    why_it_matters: ProseLine
    cite: Cites


class Issue(Model):
    """A contested question and each side's part in it (one YAML file)."""

    id: Id
    title: ProseLine
    question: ProseLine
    tags: Ids = Field(default_factory=_empty)
    gap_type: GapType = Field(strict=False)
    summary: ProseLine = Field(description="The gap in one line.")
    positions: dict[Id, Position] = Field(min_length=1)
    analysis: list[Claim] = Field(
        default_factory=_empty,
        description="The source's own analysis of this issue (voice: analysis only).",
    )
    gap: Gap
    common_ground: list[Claim] = Field(
        default_factory=_empty, description="Points both sides accept, attributed."
    )
    bridges: list[Claim] = Field(
        default_factory=_empty, description="What could close the gap, and who proposes it."
    )
    related: Ids = Field(default_factory=_empty)

    def claim_lists(self) -> list[tuple[tuple[str | int, ...], list[Claim]]]:
        """Every list of entries in the issue with its location, in file order."""
        out: list[tuple[tuple[str | int, ...], list[Claim]]] = []
        for party, position in self.positions.items():
            out.append((("positions", party, "claims"), position.claims))
            out.append((("positions", party, "readings"), list(position.readings)))
            out.append((("positions", party, "asks"), position.asks))
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
        default_factory=_empty,
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
        default_factory=_empty,
        description="Issue ids in reading order (list, exports); unlisted issues follow by id.",
    )
    dialogue: Dialogue | None = None
    facts: list[Fact] = Field(default_factory=_empty)
    timeline: list[Event] = Field(default_factory=_empty)
    recommendations: list[Recommendation] = Field(default_factory=_empty)
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
