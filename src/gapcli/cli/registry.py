"""Every command by name, imported on first use (Click's lazy-group pattern).

A command's module is imported only when that command runs, so each one imports what it
needs at its top and no command pays for another's imports or parameters. The short help
is kept here, so ``gapcli --help`` lists every command without importing any of them
(tests/test_help.py checks that it is each command's own first paragraph).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, NamedTuple

import typer
from typer.main import get_command_from_info, get_group
from typer.models import CommandInfo


class Entry(NamedTuple):
    """Where a command lives (``module:attribute``) and the first paragraph of its help."""

    target: str
    summary: str


def _at(name: str, attribute: str | None = None) -> str:
    return f"gapcli.cli.commands.{name}:{attribute or name}"


# In the order `gapcli --help` lists them.
COMMANDS: dict[str, Entry] = {
    "init": Entry(
        _at("init"),
        "Start a dataset: dataset.yaml, README.md, schema/ and sources/ in a new folder.",
    ),
    "new": Entry(
        _at("new"),
        "Start an issue file: a section for every declared party, placeholders to fill in.",
    ),
    "brief": Entry(
        _at("brief"),
        "Show the brief on the terminal: bottom line first, then each issue in a few lines.",
    ),
    "list": Entry(
        _at("list", "list_issues"),
        "List the issues: id, title, gap type, tags and the gap in one line.",
    ),
    "compare": Entry(
        _at("compare"),
        "Show an issue side by side: one column per side, then the analysis, gap and bridges.",
    ),
    "export": Entry(
        _at("export"),
        "Export a brief (bottom line first, one short section per issue), the full dossier "
        "(--full) or the data (JSON), as Markdown, Word, HTML or PDF.",
    ),
    "validate": Entry(
        _at("validate"),
        "Check the whole dataset and list every problem; exit 0 when clean, 1 otherwise.",
    ),
    "diff": Entry(
        _at("diff"),
        "Show what moved between two versions of a dataset, issue by issue and side by side.",
    ),
    "search": Entry(
        _at("search"),
        "Find a word or phrase; one hit per statement; exit 1 when nothing matches (like grep).",
    ),
    "perceptions": Entry(
        _at("perceptions"),
        "Who reads whom: for each issue, one row per reading side, one column per side read.",
    ),
    "mirror": Entry(
        _at("mirror"),
        "Each side's reading of another beside that side's own account, for every pair A→B.",
    ),
    "timeline": Entry(
        _at("timeline"),
        "The dated events, oldest first, with the issues they bear on and their citations.",
    ),
    "facts": Entry(
        _at("facts"),
        "The context figures: figure, fact, who gives it, citation and the source's words.",
    ),
    "migrate": Entry(
        _at("migrate"),
        "Rewrite a schema-1 dataset as schema 2 in a new folder, and list what to review.",
    ),
    "schema": Entry(
        _at("schema"),
        "Print or write the JSON Schemas that editors use to check and complete YAML files.",
    ),
    "voices": Entry(
        _at("voices"),
        "Every speaker, exactly as the source attributes them, with voice, side and counts.",
    ),
    "who": Entry(
        _at("who"),
        "What each speaker matching SPEAKER said, across issues, speaker by speaker.",
    ),
    "source": Entry(
        _at("source", "source_app"),
        "Read a source's text with its paragraph numbers, and find quotes in it.",
    ),
}


def load(name: str) -> Any:
    """The Click command ``name`` (None if there is none), built from its module."""
    entry = COMMANDS.get(name)
    if entry is None:
        return None
    module, attribute = entry.target.split(":")
    found = getattr(import_module(module), attribute)
    if isinstance(found, typer.Typer):
        return get_group(found)
    info = CommandInfo(name=name, callback=found)
    return get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
