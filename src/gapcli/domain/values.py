"""The values a dataset field may hold: visible lines, ids, dates, paths, and the closed
vocabularies (gap types, voices, verdicts), each checked at the YAML boundary.

``Model`` is the base of every dataset model: strict, closed, immutable.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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


def empty() -> list[Any]:
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
