"""The command-line layer: thin Typer commands over the core (loader, views, render).

``app`` lists every command from ``cli.registry`` and imports a command's module only when
that command is run (or asked for by help or shell completion).
"""

from __future__ import annotations

from gapcli.cli.app import app, quiet_exit_on_closed_pipe
from gapcli.cli.streams import guard_stdout

__all__ = ["app", "main"]


def main(prog_name: str | None = None) -> None:
    """Console-script entry point (``python -m gapcli`` names itself ``gapcli``)."""
    guard_stdout()
    try:
        app(prog_name=prog_name)
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()
