"""The two sides of ``gapcli diff``: a dataset folder, or a git revision of the current one.

git is only ever asked to read (``rev-parse``, ``ls-tree``, ``cat-file``), without a shell,
with a timeout, and with optional locks off; a file over the loader's size limit is refused
from its size in the tree, before it is read. The files then go through the loader as if
they were on disk (``gapcli.loader.load_files``). A schema-1 side is migrated in memory.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from gapcli.authoring.migrate import Unrecorded, upgrade
from gapcli.domain.models import Voice
from gapcli.errors import DataError, GapcliError, UsageError
from gapcli.io.files import MAX_FILE_BYTES
from gapcli.loader import Upgrade, load_dataset, load_files
from gapcli.loader.discovery import ISSUE_SUFFIXES
from gapcli.views.diff import Version

GIT_TIMEOUT = 30  # seconds for any one git command


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
        shown, files = read_revision(spec, positions)
        dataset = load_files(shown, files, upgrade=_typed(hook))
    return Version(
        spec,
        dataset,
        schema_1=hook.used,
        unrecorded=frozenset(hook.unrecorded.entries),
    )


def _typed(hook: _Migrating) -> Upgrade:
    return hook


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    return env


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run one read-only git command; a missing git or a hang is one clear error."""
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=_env(),
            check=False,
        )
    except FileNotFoundError:
        raise GapcliError(
            "git is not installed (or not on PATH), so a revision cannot be read; install git, "
            "or compare two dataset folders"
        ) from None
    except subprocess.TimeoutExpired:
        raise GapcliError(
            f"git {args[0]} took longer than {GIT_TIMEOUT} seconds; try again, or compare two "
            "dataset folders"
        ) from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def read_revision(rev: str, positions: Path) -> tuple[str, dict[str, bytes]]:
    """The dataset files of ``positions`` at git revision ``rev``: (shown name, {file: bytes})."""
    if not positions.is_dir():
        raise UsageError(
            f"{rev}: not a dataset folder; to read it as a git revision, the --positions folder "
            f"must exist ({positions} does not)"
        )
    where = _git(positions, "rev-parse", "--show-toplevel", "--show-prefix")
    if where.returncode != 0:
        raise UsageError(
            f"{rev}: not a dataset folder, and {positions} is not in a git repository, so it "
            f"cannot be a revision either (git: {_said(where)})"
        )
    top_line, prefix = [*where.stdout.decode("utf-8").splitlines(), ""][:2]
    top = Path(top_line)
    found = None
    if not rev.startswith("-"):
        found = _git(
            top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
        )
    if found is None or found.returncode != 0:
        raise UsageError(
            f"{rev}: not a dataset folder, nor a revision in the git repository at {top}; "
            "give a folder, a commit, a tag or a branch (e.g. HEAD~1)"
        )
    commit = found.stdout.decode().strip()
    listing = _git(top, "ls-tree", "-z", "-l", commit, "--", prefix or ".")
    if listing.returncode != 0:
        raise GapcliError(f"{rev}: git cannot list {prefix or '.'} ({_said(listing)})")
    shown = f"{rev}:{prefix.rstrip('/') or '.'}"
    blobs: dict[str, tuple[str, int]] = {}
    skipped: list[str] = []  # not files, or over the limit: every one said, as in a folder
    for row in listing.stdout.split(b"\0"):
        if not row:
            continue
        meta, _, name_bytes = row.partition(b"\t")
        mode, kind, obj, size = meta.decode().split()
        name = name_bytes.decode("utf-8", "replace").rsplit("/", 1)[-1]
        if (
            name.endswith(ISSUE_SUFFIXES)
            and not name.startswith(".")
            and (kind != "blob" or mode == "120000")
        ):
            what = {"tree": "a folder", "commit": "a submodule"}.get(kind, "a symbolic link")
            skipped.append(
                f"{shown}/{name}: is {what}, not a regular file; gapcli reads only files"
            )
        if kind == "blob" and name.endswith(ISSUE_SUFFIXES) and mode != "120000":
            if int(size) > MAX_FILE_BYTES:
                limit = f"the limit is {MAX_FILE_BYTES:,}"
                skipped.append(f"{shown}/{name}: file is {int(size):,} bytes; {limit}")
                continue
            blobs[name] = (obj, int(size))
    if skipped:
        raise DataError(skipped)
    if not blobs:
        raise DataError(
            [
                f"{shown}: no dataset here at {rev} "
                f"(the --positions folder, {prefix or '.'} in {top})"
            ]
        )
    return shown, _read_blobs(top, rev, blobs)


def _read_blobs(top: Path, rev: str, blobs: dict[str, tuple[str, int]]) -> dict[str, bytes]:
    """Every blob's bytes from one ``git cat-file --batch``."""
    request = "".join(f"{obj}\n" for obj, _ in blobs.values()).encode()
    result = _git(top, "cat-file", "--batch", stdin=request)
    if result.returncode != 0:
        raise GapcliError(f"{rev}: git cannot read the files ({_said(result)})")
    out, data, at = {}, result.stdout, 0
    for name, (obj, size) in blobs.items():
        header_end = data.index(b"\n", at)
        header = data[at:header_end].decode().split()
        if header[:2] != [obj, "blob"] or int(header[2]) != size:
            raise GapcliError(f"{rev}: git returned something unexpected for {name}")
        start = header_end + 1
        out[name] = data[start : start + size]
        at = start + size + 1
    return out
