"""Writing output files safely: never clobber without --force, never leave half a file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from gapcli.errors import OutputError


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder, then rename.

    Without ``force`` an existing file is refused and left untouched (the final link
    step fails if the file appeared meanwhile, so there is no race either).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name, e.g. {path / 'brief.md'}")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite it")
    if not folder.is_dir():
        raise OutputError(f"{folder}: folder does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        if force:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; use --force to overwrite it") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
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
