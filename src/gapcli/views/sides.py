"""The side-by-side layout and the mirror, computed once for every renderer.

A side's column holds its official voices (government, official, legislature) row by row,
then, apart, its other voices (scholars, experts, participants, the public, media), each
labelled. The source's own analysis is never in a column: it is the issue's ``analysis``.
Renderers (terminal, Markdown, JSON) format these values; none of them decides the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gapcli.domain.entries import Claim, Position, Reading, Stance
from gapcli.domain.models import Dataset, Issue, Party


class Row(StrEnum):
    """The rows of the side-by-side view, in order."""

    STANCE = "stance"
    CLAIMS = "claims"
    READINGS = "readings"
    ASKS = "asks"
    OTHER = "other"


def row_label(row: Row, parties: int) -> str:
    """The row's heading; the readings row says whom it reads."""
    if row is Row.READINGS:
        return "Reads the other" if parties == 2 else "Reads the others"
    return {
        Row.STANCE: "Stance",
        Row.CLAIMS: "Claims",
        Row.ASKS: "Asks",
        Row.OTHER: "Other voices",
    }[row]


@dataclass(frozen=True)
class Side:
    """One side's column in one issue."""

    party: Party
    position: Position | None  # None: the issue records nothing for this side
    claims: list[Claim]  # official voices only, in file order
    readings: list[Reading]
    asks: list[Claim]
    others: list[tuple[str, Claim]]  # (field, entry) for every other voice, in file order

    @property
    def stance(self) -> Stance | None:
        """The side's official stance, or None when the source reports none."""
        return self.position.stance if self.position else None

    def row(self, row: Row) -> list[tuple[str, Claim]]:
        """The entries of a row (other than the stance) as ``(field, entry)``."""
        if row is Row.OTHER:
            return self.others
        return [(row.value, entry) for entry in getattr(self, row.value)]


def side(issue: Issue, party: Party) -> Side:
    """One side of an issue, its official voices split from its other voices."""
    position = issue.positions.get(party.id)
    if position is None:
        return Side(party, None, [], [], [], [])
    others = [(kind, entry) for kind, entry in position.entries() if not entry.official]
    return Side(
        party,
        position,
        [c for c in position.claims if c.official],
        [r for r in position.readings if r.official],
        [a for a in position.asks if a.official],
        others,
    )


def sides(issue: Issue, dataset: Dataset) -> list[Side]:
    """Every declared party's side of the issue, in declared order."""
    return [side(issue, party) for party in dataset.meta.parties]


def no_stance(party: Party) -> str:
    """What every view says where the source reports no official position of a side."""
    return f"The source reports no official position of {party.label} on this."


def read_party(reading: Reading, reader: str, dataset: Dataset) -> Party | None:
    """The party a reading reads: its ``of``, else the other of two parties."""
    if reading.of is not None:
        return dataset.party(reading.of)
    others = [p for p in dataset.meta.parties if p.id != reader]
    return others[0] if len(others) == 1 else None


def analysis_heading(dataset: Dataset) -> str:
    """``The article's analysis`` (from the source's kind), or ``The sources' analysis``."""
    sources = dataset.meta.sources
    if len(sources) == 1:
        return f"The {sources[0].kind or 'source'}'s analysis"
    return "The sources' analysis"


@dataclass(frozen=True)
class MirrorLine:
    """One reading beside what the read side says for itself."""

    reading: Reading
    answers: list[Claim]  # the read side's entries the reading points at (``about``)


@dataclass(frozen=True)
class MirrorPair:
    """How ``reader`` reads ``read`` in one issue, beside ``read``'s own account."""

    issue: Issue
    reader: Party
    read: Party
    lines: list[MirrorLine]  # empty: the source records no reading
    stance: Stance | None  # the read side's own stance, shown where a reading points at nothing
    read_has_position: bool


def mirror(issue: Issue, dataset: Dataset) -> list[MirrorPair]:
    """Every ordered pair of declared parties A→B: A's readings of B beside B's own account."""
    parties = dataset.meta.parties
    pairs: list[MirrorPair] = []
    for reader in parties:
        position = issue.positions.get(reader.id)
        readings = position.readings if position else []
        for read in parties:
            if read.id == reader.id:
                continue
            other = issue.positions.get(read.id)
            by_id = {e.id: e for _, e in other.entries()} if other else {}
            lines = [
                MirrorLine(r, [by_id[i] for i in r.about if i in by_id])
                for r in readings
                if (p := read_party(r, reader.id, dataset)) is not None and p.id == read.id
            ]
            stance = other.stance if other else None
            pairs.append(MirrorPair(issue, reader, read, lines, stance, other is not None))
    return pairs
