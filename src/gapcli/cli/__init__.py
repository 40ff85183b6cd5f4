"""The command-line layer: thin Typer commands over the core (loader, query, render)."""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Mapping

import typer
from typer.main import get_command_name
from typer.models import CommandInfo, TyperInfo

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
        only(app, sys.argv[1:], os.environ)(prog_name=prog_name)
    except BrokenPipeError:
        quiet_exit_on_closed_pipe()


def only(full: typer.Typer, args: list[str], environ: Mapping[str, str]) -> typer.Typer:
    """``full`` with just the command ``args`` run, when they name one: Typer builds every
    registered command's Click parameters before it runs any, a tenth of a `compare`.

    The whole app is kept for everything that shows or completes the list of commands:
    no command (help), an option before it other than the global ones (``--help``,
    ``--version``), an unknown command (suggestions) and shell completion.
    """
    word = command_word(args)
    if word is None or any(k.startswith("_") and k.endswith("_COMPLETE") for k in environ):
        return full
    commands = [c for c in full.registered_commands if _name(c) == word]
    groups = [g for g in full.registered_groups if _group_name(g) == word]
    if not commands and not groups:
        return full
    lean = copy.copy(full)
    lean.registered_commands, lean.registered_groups = commands, groups
    return lean


def command_word(args: list[str]) -> str | None:
    """The command named in ``args``, after the global options; None if an option comes first."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-p", "--positions"):
            skip = True
        elif arg == "--no-color" or arg.startswith("--positions="):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def _group_name(info: TyperInfo) -> str | None:
    name = info.name if isinstance(info.name, str) else None
    if name is None and info.typer_instance is not None:
        name = info.typer_instance.info.name
    return name if isinstance(name, str) else None


def _name(info: CommandInfo) -> str:
    if info.name:
        return info.name
    assert info.callback is not None  # every command here is a decorated function
    return get_command_name(info.callback.__name__)
