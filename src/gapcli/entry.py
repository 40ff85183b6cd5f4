"""The console script: Ctrl-C is an exit, never a traceback, even while gapcli starts.

Importing the CLI takes a few tenths of a second (Typer, then Rich and pydantic); a SIGINT
that arrives meanwhile would print a ``KeyboardInterrupt`` traceback from whatever module was
being imported. The handler is installed first, with nothing but the standard library.
"""

from __future__ import annotations

import os
import signal
from types import FrameType


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # as a shell reports a process ended by the signal


def main(prog_name: str | None = None) -> None:
    """Console-script entry point: SIGINT handled before the heavy imports."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job ignores it
        signal.signal(signal.SIGINT, _interrupted)
    # gapcli uses no pydantic plugins: skip pydantic's search of every installed package's
    # entry points for them (about 1% of a `compare`); a user's own setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from gapcli.cli import main as run

    run(prog_name)
