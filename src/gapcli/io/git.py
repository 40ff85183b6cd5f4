"""Dataset files at a git revision, read without a shell and only ever read.

git is asked only to read (``rev-parse``, ``ls-tree``, ``cat-file``), with a timeout and
with optional locks off; a file over the size limit is refused from its size in the tree,
before it is read. git is data only: every call forbids every transport protocol and lazy
fetches (a promisor remote of a partial clone), and runs no pager, hook, fsmonitor or ssh
command, ignores the system and global config and every ``GIT_*`` variable of the caller.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from gapcli.errors import DataError, GapcliError, UsageError
from gapcli.io.files import MAX_FILE_BYTES

GIT_TIMEOUT = 30  # seconds for any one git command


# Settings that keep git from running anything or reaching anywhere, whatever the
# repository's own config says (it is read: a partial clone's settings live there).
_SAFE_CONFIG = (
    "protocol.allow=never",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.sshCommand=false",
    "core.pager=cat",
    "core.askPass=false",
    "credential.helper=",
)
_SAFE_ENV = {
    "GIT_ALLOW_PROTOCOL": "none",
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "false",
    "SSH_ASKPASS": "false",
    "GIT_SSH_COMMAND": "false",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
    "LC_ALL": "C",
}


_LOST = (
    "git cannot read its object {obj}: it is missing or corrupt in the repository, and "
    "gapcli never fetches it; run 'git fsck' (or fetch it yourself), or compare two dataset "
    "folders"
)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(_SAFE_ENV)
    return env


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run one read-only git command; a missing git or a hang is one clear error."""
    try:
        return subprocess.run(
            ["git", "--no-pager", *_config(), "-C", str(cwd), *args],
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


def _config() -> list[str]:
    return [arg for setting in _SAFE_CONFIG for arg in ("-c", setting)]


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {result.returncode}"


def read_revision(
    rev: str, positions: Path, suffixes: tuple[str, ...]
) -> tuple[str, dict[str, bytes]]:
    """The dataset files (names ending in ``suffixes``) of ``positions`` at git revision
    ``rev``: (shown name, {file: bytes})."""
    top, prefix, commit = _commit(rev, positions)
    listing = _git(top, "ls-tree", "-z", "-l", commit, "--", prefix or ".")
    if listing.returncode != 0:
        raise GapcliError(f"{rev}: git cannot list {prefix or '.'} ({_said(listing)})")
    shown = f"{rev}:{prefix.rstrip('/') or '.'}"
    blobs, skipped = _blobs(listing.stdout, shown, suffixes)
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


def _commit(rev: str, positions: Path) -> tuple[Path, str, str]:
    """The repository's top, the folder's path in it, and the commit ``rev`` names."""
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
    return top, prefix, found.stdout.decode().strip()


def _blobs(
    listing: bytes, shown: str, suffixes: tuple[str, ...]
) -> tuple[dict[str, tuple[str, int]], list[str]]:
    """The files to read from an ``ls-tree -z -l`` listing, ``{name: (object, size)}``, and
    every one that cannot be read (not a file, or over the limit), said as in a folder."""
    blobs: dict[str, tuple[str, int]] = {}
    skipped: list[str] = []
    for row in listing.split(b"\0"):
        if not row:
            continue
        meta, _, name_bytes = row.partition(b"\t")
        mode, kind, obj, size = meta.decode().split()
        name = name_bytes.decode("utf-8", "replace").rsplit("/", 1)[-1]
        if (
            name.endswith(suffixes)
            and not name.startswith(".")
            and (kind != "blob" or mode == "120000")
        ):
            what = {"tree": "a folder", "commit": "a submodule"}.get(kind, "a symbolic link")
            skipped.append(
                f"{shown}/{name}: is {what}, not a regular file; gapcli reads only files"
            )
        if kind == "blob" and name.endswith(suffixes) and mode != "120000":
            if not size.isdigit():  # git lists a lost object's size as BAD; it never fetches
                skipped.append(f"{shown}/{name}: {_LOST.format(obj=obj)}")
                continue
            if int(size) > MAX_FILE_BYTES:
                limit = f"the limit is {MAX_FILE_BYTES:,}"
                skipped.append(f"{shown}/{name}: file is {int(size):,} bytes; {limit}")
                continue
            blobs[name] = (obj, int(size))
    return blobs, skipped


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
        if header[1:] == ["missing"]:
            raise DataError([f"{rev}: {name}: {_LOST.format(obj=obj)}"])
        if header[:2] != [obj, "blob"] or int(header[2]) != size:
            raise GapcliError(f"{rev}: git returned something unexpected for {name}")
        start = header_end + 1
        out[name] = data[start : start + size]
        at = start + size + 1
    return out
