"""The closed choices of command-line options, light enough to import at start-up.

``VoiceChoice`` repeats ``models.Voice`` (which needs pydantic) and adds two groups; a test
keeps the two in step. ``SchemaKind`` names the files ``gapcli schema`` describes.
"""

from __future__ import annotations

from enum import StrEnum


class VoiceChoice(StrEnum):
    """What ``--voice`` accepts: a voice (positions/CODEBOOK.md), or a group of them."""

    GOVERNMENT = "government"
    OFFICIAL = "official"
    LEGISLATURE = "legislature"
    PARTICIPANT = "participant"
    EXPERT = "expert"
    PUBLIC = "public"
    MEDIA = "media"
    ANALYSIS = "analysis"
    OFFICIAL_VOICES = "official-voices"  # group: government, official, legislature
    OTHER_VOICES = "other-voices"  # group: participant, expert, public, media


GROUPS = {
    VoiceChoice.OFFICIAL_VOICES: ("government", "official", "legislature"),
    VoiceChoice.OTHER_VOICES: ("participant", "expert", "public", "media"),
}


class OutputFormat(StrEnum):
    """What ``--format`` accepts: the table, tab-separated lines, or JSON (docs/json.md)."""

    TABLE = "table"
    TSV = "tsv"
    JSON = "json"


class SchemaKind(StrEnum):
    """Which file a schema describes."""

    DATASET = "dataset"
    ISSUE = "issue"

    @property
    def file_name(self) -> str:
        """``dataset.schema.json`` or ``issue.schema.json``."""
        return f"{self.value}.schema.json"


class Paper(StrEnum):
    """What ``--paper`` accepts: the page size of Word, HTML and PDF exports."""

    LETTER = "letter"
    A4 = "a4"
