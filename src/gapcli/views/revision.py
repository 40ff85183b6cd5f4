"""The two sides of ``gapcli diff``: a dataset folder, or a git revision of the current one.

A revision's files are read by ``gapcli.io.git`` and then go through the loader as if they
were on disk (``gapcli.loader.load_files``). A schema-1 side is migrated in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gapcli.authoring.migrate import Unrecorded, upgrade
from gapcli.domain.values import Voice
from gapcli.io.git import read_revision
from gapcli.loader import Upgrade, load_dataset, load_files
from gapcli.loader.discovery import ISSUE_SUFFIXES
from gapcli.views.diff import Version


class _Migrating:
    """The loader's upgrade hook for a diff side: migrates, remembering that it did."""

    def __init__(self) -> None:
        # A voice schema 1 did not record is filled in only so the entry loads; every view
        # of the diff shows it as "not recorded".
        self.unrecorded = Unrecorded(Voice.EXPERT)
        self.used = False

    def __call__(self, meta: Any, issues: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        self.used = True
        return upgrade(meta, issues, unrecorded=self.unrecorded)


def load_side(spec: str, positions: Path) -> Version:
    """``spec`` as a folder if one exists there, else as a git revision of ``positions``."""
    hook = _Migrating()
    path = Path(spec)
    if path.is_dir():
        dataset = load_dataset(path, upgrade=_typed(hook))
    else:
        shown, files = read_revision(spec, positions, ISSUE_SUFFIXES)
        dataset = load_files(shown, files, upgrade=_typed(hook))
    return Version(
        spec,
        dataset,
        schema_1=hook.used,
        unrecorded=frozenset(hook.unrecorded.entries),
    )


def _typed(hook: _Migrating) -> Upgrade:
    return hook
