"""Standard output that fails in words: every write goes through one guard.

A full disk, a closed terminal or an encoding that cannot show the text raise
``OutputError`` at the write that failed, whoever writes (a command, Rich, Click's help or
``--version``), and the CLI turns it into one message and exit 1. A reader that goes away
(``gapcli list | head -1``) is not a failure: ``BrokenPipeError`` passes through and gapcli
stops quietly.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, NoReturn

from gapcli.errors import OutputError


class GuardedStream:
    """A stream whose write and flush failures are ``OutputError``s: standard output as
    text, and its ``buffer`` (which Click writes through) as bytes."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    @property
    def buffer(self) -> GuardedStream:
        """The binary stream underneath, guarded the same way."""
        return GuardedStream(self._stream.buffer)

    def write(self, text: Any) -> int:
        """Write ``text``; a failure is an ``OutputError`` (a closed pipe stays itself)."""
        if not text:  # Click probes a stream's kind with empty writes: answer as the stream does
            return int(self._stream.write(text))
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise
        except (OSError, UnicodeEncodeError) as exc:
            _failed(exc)

    def flush(self) -> None:
        """Flush; a failure is an ``OutputError`` (a closed pipe stays itself)."""
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _failed(exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _Closed:
    """Standard output when there is none (``gapcli list >&-``): every write fails in words."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: Any) -> int:
        if not text:
            return 0
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        """Nothing was written, so nothing to flush."""

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def guard_stdout() -> None:
    """Route standard output through the guard (the console script calls this first)."""
    if not isinstance(sys.stdout, GuardedStream):
        sys.stdout = GuardedStream(sys.stdout if sys.stdout is not None else _Closed())


def silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush cannot fail a second time."""
    stream = sys.stdout
    inner = stream._stream if isinstance(stream, GuardedStream) else stream
    try:
        fileno = inner.fileno()
    except (OSError, ValueError):  # not a real file (tests capture stdout in memory)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit; drops buffered text


def _failed(exc: OSError | UnicodeEncodeError) -> NoReturn:
    if isinstance(exc, UnicodeEncodeError):
        shown = exc.object[exc.start : exc.end]
        raise OutputError(
            f"cannot print {shown!r} in this terminal's encoding ({exc.encoding}); "
            "use a UTF-8 locale or set PYTHONIOENCODING=utf-8"
        ) from None
    raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None
