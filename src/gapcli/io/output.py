"""Writing output files safely: never clobber without --force, never leave half a file."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gapcli.errors import Interrupted, OutputError
from gapcli.io.files import kind_of


def new_folder(folder: Path, force: bool, *inside: str) -> None:
    """Create ``folder`` and the folders ``inside`` it for files to be written into; a folder
    that holds anything is refused without ``force``."""
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise OutputError(
            f"{folder}: folder exists and is not empty; choose a new folder, or use --force to "
            "write into it (files of the same name are replaced)"
        )
    try:
        for name in inside:
            (folder / name).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder: {exc.strerror or exc}") from None


def write_atomic(target: str | Path, text: str | bytes, force: bool = False) -> None:
    """Write ``text`` (UTF-8 text, or bytes as they are) to ``target`` via a temporary file
    in the same folder, then rename.

    Without ``force`` an existing file is refused and left untouched (the final link
    step fails if the file appeared meanwhile, so there is no race either). Only regular
    files are written: a symbolic link (even one whose target does not exist yet), a
    device, a pipe or a socket is refused.
    An overwritten file keeps its permissions; a new one gets the umask's.
    """
    name = str(target)
    if not name:
        raise OutputError("the output file name is empty; give a file name, or - for stdout")
    if name.endswith(("/", os.sep)):
        raise OutputError(f"{name}: names a folder; give a file name, e.g. {name}brief.md")
    if name in STANDARD_STREAMS or name.startswith(("/dev/fd/", "/proc/self/fd/")):
        raise OutputError(f"{name}: is a standard stream; to write to standard output use -o -")
    link = _stat(Path(target), name, follow=False)
    if link and stat.S_ISLNK(link.st_mode):
        raise OutputError(
            f"{name}: is a symbolic link; gapcli does not write through links (a link in a "
            "shared folder could point anywhere): remove it, or name the file itself"
        )
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    found = _stat(path, name)
    if found and stat.S_ISDIR(found.st_mode):
        raise OutputError(f"{name}: is a folder; give a file name, e.g. {path / 'brief.md'}")
    if found and not stat.S_ISREG(found.st_mode):
        raise OutputError(
            f"{name}: is {kind_of(found.st_mode)}, not a regular file; "
            "gapcli writes only regular files"
        )
    if found and not force:
        raise OutputError(f"{name}: already exists; use --force to overwrite it")
    parent = _stat(folder, str(folder))
    if parent is None:
        raise OutputError(f"{folder}: folder does not exist; create it first")
    if not stat.S_ISDIR(parent.st_mode):
        raise OutputError(f"{folder}: is a file, not a folder; give a path inside a folder")
    mode = _mode_for(path)
    with _signals_raise(name):
        _write_via_temporary(path, name, folder, text, mode, force)


def _write_via_temporary(
    path: Path, name: str, folder: Path, text: str | bytes, mode: int, force: bool
) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here: {exc.strerror or exc}") from None
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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


STANDARD_STREAMS = ("/dev/stdout", "/dev/stderr", "/dev/stdin", "/dev/tty")


def _stat(path: Path, shown: str, follow: bool = True) -> os.stat_result | None:
    """``os.stat`` (or ``lstat``), None where nothing is there; another failure (a loop of
    links, a name too long, a folder that cannot be entered) is an OutputError saying so."""
    try:
        return path.stat() if follow else path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write there: {exc.strerror or exc}") from None


TERMINATING = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT")


@contextmanager
def _signals_raise(name: str) -> Iterator[None]:
    """While a file is written, a terminating signal raises ``Interrupted`` instead of
    killing the process, so the temporary file is removed and the target left as it was."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum, name)

    numbers = [getattr(signal, n) for n in TERMINATING if hasattr(signal, n)]
    previous = {number: signal.signal(number, stop) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


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
