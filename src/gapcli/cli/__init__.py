"""The command-line layer: thin Typer commands over the core (loader, query, render)."""

from __future__ import annotations

from gapcli.cli import author_commands as _author_commands  # noqa: F401  (registers commands)
from gapcli.cli import core_commands as _core_commands  # noqa: F401  (registers commands)
from gapcli.cli import diff_commands as _diff_commands  # noqa: F401  (registers commands)
from gapcli.cli import explore_commands as _explore_commands  # noqa: F401  (registers commands)
from gapcli.cli import migrate_commands as _migrate_commands  # noqa: F401  (registers commands)
from gapcli.cli import tool_commands as _tool_commands  # noqa: F401  (registers commands)
from gapcli.cli import voices_commands as _voices_commands  # noqa: F401  (registers commands)
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
