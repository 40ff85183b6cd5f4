"""What an export holds: the brief dated today, the request, and the changes since a version."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gapcli.document.brief import Brief, Options, build
from gapcli.io.clock import today
from gapcli.views.diff import DatasetDiff, Version
from gapcli.views.diff import diff as compare_versions
from gapcli.views.revision import load_side

if TYPE_CHECKING:
    from pathlib import Path

    from gapcli.document.formats import Format
    from gapcli.domain.choices import Paper
    from gapcli.domain.models import Dataset, Issue


@dataclass(frozen=True)
class ExportRequest:
    """What to write: the format, the brief or the whole dossier (``full``), the paper and
    the reader's choices."""

    fmt: Format
    full: bool
    paper: Paper | None
    options: Options


def make_brief(
    dataset: Dataset, chosen: list[Issue], options: Options, detail: bool = True
) -> Brief:
    """The brief of the chosen issues, dated today (or SOURCE_DATE_EPOCH's day)."""
    return build(dataset, chosen, today(), options, detail)


def changes_since(old: str, folder: Path, dataset: Dataset, chosen: list[Issue]) -> DatasetDiff:
    """``export --since``: what changed in the chosen issues since ``old`` (a folder or a git
    revision of ``folder``'s repository)."""
    result = compare_versions(load_side(old, folder), Version(str(folder), dataset))
    ids = {issue.id for issue in chosen}
    return replace(
        result,
        issues=[i for i in result.issues if i.id in ids],
        unchanged=[i for i in result.unchanged if i in ids],
    )
