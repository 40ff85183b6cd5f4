"""What an entry is, where the row it sits in does not say: shared by every view and format."""

from __future__ import annotations

from gapcli.domain.entries import KIND_LABEL, Claim, Reading
from gapcli.domain.models import Dataset, Party
from gapcli.views.sides import read_party


def entry_label(kind: str, entry: Claim, reader: Party | None, dataset: Dataset) -> str:
    """``Reading of Betatown`` and the like: what an entry is, where the row does not say."""
    if isinstance(entry, Reading) and reader is not None:
        read = read_party(entry, reader.id, dataset)
        return f"{KIND_LABEL[kind].capitalize()} of {read.label if read else entry.of}"
    return KIND_LABEL[kind].capitalize()
