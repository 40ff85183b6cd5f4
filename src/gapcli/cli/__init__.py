"""The command-line layer: thin Typer commands over the core (loader, query, render)."""

from __future__ import annotations

from gapcli.cli import core_commands as _core_commands  # noqa: F401  (registers commands)
from gapcli.cli import diff_commands as _diff_commands  # noqa: F401  (registers commands)
from gapcli.cli import explore_commands as _explore_commands  # noqa: F401  (registers commands)
from gapcli.cli import migrate_commands as _migrate_commands  # noqa: F401  (registers commands)
from gapcli.cli import tool_commands as _tool_commands  # noqa: F401  (registers commands)
from gapcli.cli.app import app, quiet_exit_on_closed_pipe

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()
