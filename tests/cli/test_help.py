"""Help and version: every command and option has help with an example that starts with the
command itself, help renders literally (no markup, no colour), a bare ``gapcli`` shows help on
stderr with exit 2, ``--version`` comes from package metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer

from gapcli.cli import app, registry
from gapcli.version import version

from helpers import Run

ESC = "\x1b"


def test_version_comes_from_metadata(run: Run) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"gapcli {version()}\n")


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every visible command and sub-command, as (path, command), whoever registered it.

    Duck-typed: Typer 0.29 ships its own copy of Click, so ``click.Group`` would not match.
    """
    root: Any = typer.main.get_command(app)

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        if path:
            yield path, command
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from walk(sub, [*path, name])

    yield from walk(root, [])


def options(command: Any) -> list[Any]:
    """A command's options, without --help."""
    return [p for p in command.params if p.param_type_name == "option" and p.name != "help"]


COMMANDS = list(commands())


def squash(text: str) -> str:
    """Text with all runs of white space as one space (help is re-wrapped)."""
    return " ".join(text.split())


def test_the_core_commands_are_registered() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"list", "compare", "export", "validate", "schema"} <= names


def examples(help_text: str) -> list[str]:
    """The example command lines of a help text.

    Either ``Example: gapcli ...`` on one line, or an ``Examples:`` paragraph (kept from
    re-wrapping by Click's ``\\b`` marker) with one command per line.
    """
    match = re.search(r"^\s*Examples?:(.*?)(?:\n\s*\n|\Z)", help_text, flags=re.M | re.S)
    if match is None:
        return []
    return [part.strip() for part in re.split(r"[;\n]", match.group(1)) if part.strip()]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: list[str], command: Any) -> None:
    text = command.help or ""
    assert text.strip(), f"gapcli {' '.join(path)} has no help text"
    found = examples(text)
    assert found, "help needs an 'Example: gapcli ...' line"
    for example in found:
        assert example.startswith(f"gapcli {' '.join(path)}"), example
    for param in options(command):
        assert param.help, f"option {param.opts} has no help"


# Commands that only read the dataset: their help examples run as they stand on the shipped
# one. The others need a folder, a file, a git history or a revision the example names.
READ_ONLY = {"list", "compare", "search", "perceptions", "mirror", "timeline", "facts"}
READ_ONLY |= {"voices", "who", "brief"}
RUNNABLE = [
    example
    for path, command in COMMANDS
    for example in examples(command.help or "")
    if path[0] in READ_ONLY and not {"|", ">"} & set(example.split())
]


@pytest.mark.parametrize("example", RUNNABLE)
def test_every_read_only_example_in_help_works_on_the_shipped_dataset(
    run: Run, example: str
) -> None:
    """Copied from --help and run, an example shows something and succeeds."""
    import shlex

    result = run(*shlex.split(example, comments=True)[1:])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.strip()


def test_the_runnable_examples_cover_every_read_only_command() -> None:
    assert {e.split()[1] for e in RUNNABLE} == READ_ONLY


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_renders_literally_and_without_colour(run: Run, path: list[str], command: Any) -> None:
    result = run(*path, "--help", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: gapcli {' '.join(path)} [OPTIONS]")
    assert ESC not in result.stdout
    # Brackets, backticks and asterisks in help are text: nothing is eaten as markup.
    docstring = (command.help or "").split("\f")[0].replace("\b", "")
    assert squash(docstring) in squash(result.stdout)
    for param in options(command):
        assert squash(param.help) in squash(result.stdout)
    # Each example survives on one line, so it can be copied and run.
    lines = result.stdout.splitlines()
    for example in examples(command.help or ""):
        assert any(example in line for line in lines), f"{example!r} is wrapped; see README"


def test_help_shows_markup_characters_literally(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Help is plain text: Rich markup, Markdown and emoji codes in a command's help are shown
    as written (the shipped help has only a few backticks to prove it with)."""
    monkeypatch.setattr(app, "registered_commands", list(app.registered_commands))
    text = "[bold]Bold[/bold] [red]x[/] *stars* **strong** `ticks` _under_ :smile:"

    @app.command("probe", help=f"{text}\n\nExample: gapcli probe")
    def probe() -> None:  # pragma: no cover - only its help is shown
        pass

    result = run("probe", "--help", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert result.exit_code == 0
    assert ESC not in result.stdout
    assert f"  {text}\n" in result.stdout


def test_no_arguments_shows_help_on_stderr_and_exits_2(run: Run) -> None:
    bare = run()
    helped = run("--help")
    assert (bare.exit_code, helped.exit_code) == (2, 0)
    assert bare.stdout == ""
    assert bare.stderr == helped.stdout
    assert helped.stdout.startswith("Usage: gapcli [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize("command", ["search", "perceptions", "timeline", "facts"])
def test_help_has_an_example_and_json(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert re.search(rf"Examples?:\s+gapcli {command}", result.stdout)
    assert "--json" in result.stdout and "--positions" in result.stdout


def test_the_registry_lists_each_command_with_the_first_paragraph_of_its_help() -> None:
    """``gapcli --help`` shows the registry's summaries without importing the commands: each
    one must be its command's own first paragraph, and the commands built are the ones run."""
    root: Any = typer.main.get_command(app)
    ctx = typer.Context(root)
    assert list(registry.COMMANDS) == root.list_commands(ctx)
    for name, entry in registry.COMMANDS.items():
        command = root.get_command(ctx, name)
        assert command is not None and command.name == name
        first = (command.help or "").split("\n\n")[0]
        assert squash(first) == entry.summary, name
