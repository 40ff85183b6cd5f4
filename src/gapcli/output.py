"""Writing output files safely: never clobber without --force, never leave half a file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from gapcli.errors import OutputError


def write_atomic(target: str | Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``target`` via a temporary file in the same folder, then rename.

    Without ``force`` an existing file is refused and left untouched (the final link
    step fails if the file appeared meanwhile, so there is no race either). Only regular
    files are written: a symlink is followed and kept, a device, pipe or socket refused.
    An overwritten file keeps its permissions; a new one gets the umask's.
    """
    name = str(target)
    if name.endswith(("/", os.sep)):
        raise OutputError(f"{name}: names a folder; give a file name, e.g. {name}brief.md")
    path = Path(os.path.realpath(target)) if Path(target).is_symlink() else Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{name}: is a folder; give a file name, e.g. {path / 'brief.md'}")
    if path.exists() and not path.is_file():
        raise OutputError(
            f"{name}: is not a regular file (a device, pipe or socket); "
            "to send output there use -o - and redirect"
        )
    if path.exists() and not force:
        raise OutputError(f"{name}: already exists; use --force to overwrite it")
    if not folder.is_dir():
        raise OutputError(f"{folder}: folder does not exist; create it first")
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
    except FileExistsError:
        raise OutputError(f"{name}: already exists; use --force to overwrite it") from None
    except OSError as exc:
        raise OutputError(f"{name}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _link_no_clobber(tmp: str, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links on this filesystem: check, then rename
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def _mode_for(path: Path) -> int:
    """The permissions to give the written file: the old file's, else 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
