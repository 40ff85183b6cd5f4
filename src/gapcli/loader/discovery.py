"""Finding a dataset: the folder (option, environment, shipped) and its issue files."""

from __future__ import annotations

import os
import re
import stat
from importlib import resources
from pathlib import Path

from gapcli.errors import DataError, UsageError
from gapcli.io.files import kind_of

DATASET_FILE = "dataset.yaml"
ISSUE_SUFFIXES = (".yaml", ".yml")
ENV_VAR = "GAPCLI_POSITIONS"


def shipped_positions() -> Path:
    """The dataset shipped inside the package (or the checkout's, in development)."""
    packaged = Path(str(resources.files("gapcli") / "positions"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "positions"


def positions_dir(option: str | None) -> Path:
    """The dataset folder: ``--positions``, else ``$GAPCLI_POSITIONS``, else the shipped one.

    An empty ``--positions`` (``-p "$DIR"`` with ``DIR`` unset) is a usage error, not the
    shipped dataset; an empty ``$GAPCLI_POSITIONS`` counts as unset.
    """
    if option == "":
        raise UsageError(
            "--positions is empty; give the dataset folder, or leave the option out for "
            f"${ENV_VAR}, else the shipped dataset"
        )
    chosen = option or os.environ.get(ENV_VAR) or None
    return Path(chosen) if chosen else shipped_positions()


def issue_files(folder: Path, shown: str) -> list[Path]:
    """The issue files of a dataset folder (every ``*.yaml`` but the dataset file)."""
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        raise UsageError(
            f"{shown}: positions folder not found; pass --positions DIR or set {ENV_VAR}"
        ) from None
    except OSError as exc:  # a parent folder that cannot be entered, a loop, a long name
        raise DataError(
            [f"{shown}: cannot open the positions folder: {exc.strerror or exc}"]
        ) from None
    if not stat.S_ISDIR(mode):
        what = "a file" if stat.S_ISREG(mode) else kind_of(mode)
        raise UsageError(f"{shown}: is {what}; --positions takes the folder holding {DATASET_FILE}")
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise DataError([f"{shown}: cannot read folder: {exc.strerror or exc}"]) from None
    if not entries:
        needs = f"a dataset folder holds {DATASET_FILE} and one <id>.yaml per issue"
        raise DataError([f"{shown}: folder is empty; {needs} (see positions/README.md)"])
    names = {entry.name for entry in entries}
    if DATASET_FILE not in names:
        hint = "a dataset folder needs one (see positions/README.md)"
        if "dataset.yml" in names:
            hint = "found dataset.yml: rename it to dataset.yaml"
        raise DataError([f"{shown}: no {DATASET_FILE} here; {hint}"])
    # Hidden files (".x.yaml": editor swap and backup files) are not issues.
    # Anything else named like an issue is one: a folder, pipe or dangling link named
    # x.yaml is then reported when it is read, never skipped without a word.
    return [e for e in entries if _issue_like(e) and not e.name.startswith(".")]


def _issue_like(entry: Path) -> bool:
    return entry.suffix in ISSUE_SUFFIXES and entry.name not in (DATASET_FILE, "dataset.yml")


_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def issue_ids(folder: Path | str) -> list[str]:
    """The issue ids of a dataset folder from its file names alone (ids equal file stems).

    Only names that are valid ids are offered: a file named ``$(touch x).yaml`` is not an
    issue id, and shell completion must never offer it.
    """
    stems = {path.stem for path in issue_files(Path(folder), str(folder)) if _regular(path)}
    return sorted(stem for stem in stems if _ID.fullmatch(stem))


def _regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (a FIFO named like an issue is no issue id)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
