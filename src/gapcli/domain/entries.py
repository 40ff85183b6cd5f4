"""The entries of an issue: citations, attributed statements, stances, claims, readings,
and each side's position."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, computed_field, model_validator

from gapcli.domain.values import (
    OFFICIAL_VOICES,
    DateStr,
    Id,
    Ids,
    Model,
    Para,
    ProseLine,
    Verdict,
    Voice,
    empty,
)

# The lists of entries under a side, in file order.
SIDE_LISTS = ("claims", "readings", "asks")
# What one item of a list (or a field) is called in a sentence, by the list's name.
KIND_LABEL = {
    "claims": "claim",
    "readings": "reading",
    "asks": "ask",
    "common_ground": "common ground",
    "bridges": "bridge",
    "facts": "fact",
    "timeline": "event",
    "recommendations": "recommendation",
    "why_it_matters": "why it matters",
}


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
        default_factory=empty,
        description="Ids of the read party's entries (claims, asks) that this reading answers.",
    )
    assessment: Assessment | None = None


class Position(Model):
    """One side's part in an issue: its stance (if reported) and its voices' entries."""

    stance: Stance | None = Field(
        default=None,
        description="The side's official position; leave out when the source reports none.",
    )
    claims: list[Claim] = Field(default_factory=empty)
    readings: list[Reading] = Field(
        default_factory=empty, description="How this side reads another side."
    )
    asks: list[Claim] = Field(default_factory=empty, description="What it asks of the other.")

    def lists(self) -> list[tuple[str, list[Claim]]]:
        """Its claims, readings and asks as ``(field, entries)``, in file order."""
        return [(name, list(getattr(self, name))) for name in SIDE_LISTS]

    def entries(self) -> list[tuple[str, Claim]]:
        """Every claim, reading and ask as ``(field, entry)``, in file order."""
        return [(name, entry) for name, entries in self.lists() for entry in entries]


class Gap(Model):
    """What exactly the sides disagree on, and why it matters."""

    what: ProseLine
    why_it_matters: ProseLine
    cite: Cites
