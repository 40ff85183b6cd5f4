"""The codebook (positions/CODEBOOK.md) defines every voice, gap type, verdict and field."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from gapcli.domain.models import (
    OFFICIAL_VOICES,
    GapType,
    Issue,
    Position,
    Reading,
    Verdict,
    Voice,
)

from helpers import REPO

CODEBOOK = (REPO / "positions" / "CODEBOOK.md").read_text(encoding="utf-8")


def table_rows(heading: str) -> dict[str, list[str]]:
    """The rows of the first table after ``heading``: first cell (unquoted) -> the others."""
    section = CODEBOOK.split(f"\n## {heading}\n", 1)[1]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[1:]
        elif rows and not line.startswith("|"):
            break
    return rows


def test_the_codebook_has_a_version() -> None:
    assert re.search(r"^Codebook version: \d+\.\d+ \(dataset schema 2\)$", CODEBOOK, re.M)


def test_every_voice_is_defined_with_its_group() -> None:
    rows = table_rows("Sides and voices")
    assert set(rows) == {v.value for v in Voice}
    for voice in Voice:
        group = rows[voice.value][0]
        expected = (
            "official"
            if voice in OFFICIAL_VOICES
            else "the source"
            if voice is Voice.ANALYSIS
            else "other"
        )
        assert group == expected, voice


def test_every_gap_type_is_defined() -> None:
    assert set(table_rows("Gap types")) == {g.value for g in GapType}


def test_every_verdict_is_defined() -> None:
    assert set(table_rows("Readings and the mirror")) == {v.value for v in Verdict}


@pytest.mark.parametrize("model", [Issue, Position, Reading])
def test_every_field_of_an_issue_is_named_in_the_codebook(model: type[BaseModel]) -> None:
    fields = "\n".join(table_rows("Fields of an issue")) + CODEBOOK
    for name in model.model_fields:
        named = (f"`{name}`", f".{name}`", f"`{name}.", f"`{name}` (")
        assert any(form in fields for form in named), (model.__name__, name)
