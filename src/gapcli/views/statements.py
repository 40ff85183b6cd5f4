"""Statements, not fields: every attributed entry with its text, quotes, speaker and voice.

A *statement* is one model that holds prose and says who said it (a stance, claim, reading,
ask, the source's assessment or analysis, common ground, a bridge, a fact, an event, a
recommendation), or one that holds related prose (the gap, the dialogue). Every other prose
field (a title, a question, a summary) stands alone. Built on the one walker (``walk.py``):
which fields are prose is marked in the models, never listed here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from gapcli.domain.entries import KIND_LABEL, Assessment, Citation, Gap, Statement
from gapcli.domain.models import Dialogue, Event, Linked, Loc
from gapcli.domain.values import Voice
from gapcli.domain.walk import dotted, walk

UNITS = (Statement, Assessment, Linked, Event, Gap, Dialogue)


@dataclass(frozen=True)
class Field:
    """One prose field of a statement: where in it (``text``, ``by``, ``cite[0].quote``),
    its text, and the spans a search matched in it (empty outside a search)."""

    name: str
    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Said:
    """One statement (or a lone prose field), with who said it, in which voice, and where."""

    issue: str | None  # None: the dataset file
    party: str | None  # the side whose position holds it, if any
    item: str | None  # its id (entry, fact, event, recommendation), if it has one
    loc: Loc  # where it is in its file, e.g. ("positions", "us", "claims", 0)
    text: str  # its main text ("" when it has none, e.g. an assessment with only a verdict)
    by: str | None
    voice: Voice | None
    cite: tuple[Citation, ...]
    fields: tuple[Field, ...]  # its prose fields; in a search, the matching ones

    @property
    def path(self) -> str:
        """The statement's path in its file, e.g. ``positions.us.claims[0]``."""
        return dotted(self.loc)

    @property
    def kind(self) -> str:
        """What it is: ``stance``, ``claim``, ``reading``, ``assessment``, ``fact``, ``title``…"""
        name = next((str(p) for p in reversed(self.loc) if isinstance(p, str)), "")
        return KIND_LABEL.get(name, name.replace("_", " "))

    @property
    def lone(self) -> bool:
        """True for a prose field that is not part of a statement (a title, a summary)."""
        return bool(self.fields) and self.fields[0].name == self.path

    @property
    def quotes(self) -> list[str]:
        """The source's exact words it cites, in order."""
        return [c.quote for c in self.cite if c.quote]

    def matched(self, name: str) -> Field | None:
        """Its field called ``name`` if present (in a search: if it matched)."""
        return next((f for f in self.fields if f.name == name), None)


def units(value: BaseModel) -> Iterator[tuple[Loc, BaseModel | None, list[tuple[Loc, str]]]]:
    """Each statement under ``value`` (its location, the model, its prose fields with their
    locations) and each lone prose field (model None), in file order. One walk, linear."""
    found: dict[int, tuple[Loc, BaseModel | None, list[tuple[Loc, str]]]] = {}
    for loc, item, is_prose, owners in walk(value, leaves="prose"):
        if isinstance(item, UNITS):
            found[id(item)] = (loc, item, [])
        elif is_prose and isinstance(item, str):
            owner = next((o for o in reversed(owners) if isinstance(o, UNITS)), None)
            if owner is None:
                found[-1 - len(found)] = (loc, None, [(loc, item)])  # ids are never negative
            else:
                found[id(owner)][2].append((loc, item))
    yield from (unit for unit in found.values() if unit[2])


def said(
    issue: str | None,
    loc: Loc,
    model: BaseModel | None,
    fields: list[tuple[Loc, str]],
    spans: list[tuple[tuple[int, int], ...]] | None = None,
) -> Said:
    """The statement at ``loc`` (``model`` None: a lone field) with the given fields, each with
    its matched spans when ``spans`` is given (fields without a match are then left out)."""
    named = [
        Field(dotted(at[len(loc) :]) if model is not None else dotted(at), text, found)
        for (at, text), found in zip(fields, spans or [()] * len(fields), strict=True)
        if spans is None or found
    ]
    if model is None:
        return Said(issue, None, None, loc, fields[0][1], None, None, (), tuple(named))
    # The source's assessment of a side's reading is the source's, not the side's.
    side = issue is not None and loc[0] == "positions" and not isinstance(model, Assessment)
    party = str(loc[1]) if side else None
    text = getattr(model, "text", None) or getattr(model, "what", None) or ""
    voice = getattr(model, "voice", None)
    return Said(
        issue,
        party,
        getattr(model, "id", None),
        loc,
        text,
        getattr(model, "by", None),
        voice if isinstance(voice, Voice) else None,
        tuple(getattr(model, "cite", ())),
        tuple(named),
    )
