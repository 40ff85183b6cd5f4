"""The options every command shares, defined once: the filters, --format, --full.

Every filter means the same on every command (docs/usage.md, "Filters"): ``--issue`` and
``--tag`` choose issues, ``--side``, ``--voice`` and ``--by`` choose statements. Light at
import time: the core (``gapcli.views.filters``) is imported only when a command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gapcli.domain.choices import OutputFormat, VoiceChoice

if TYPE_CHECKING:
    from gapcli.views.filters import Filters


def complete_issue_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Issue ids for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import issue_ids

    return issue_ids(ctx, incomplete)


def complete_tag(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tags for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import tags

    return tags(ctx, incomplete)


def complete_side(ctx: typer.Context, incomplete: str) -> list[str]:
    """Party ids for shell completion, from the dataset chosen by --positions."""
    from gapcli.cli.completion import sides

    return sides(ctx, incomplete)


IssuesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--issue",
        "-i",
        metavar="ID",
        help="Only this issue (repeatable).",
        autocompletion=complete_issue_id,
    ),
]
TagsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        metavar="TAG",
        help="Only issues with this tag (repeatable: any of them).",
        autocompletion=complete_tag,
    ),
]
AllTagsOption = Annotated[
    bool, typer.Option("--all-tags", help="With several --tag: only issues with all of them.")
]
SidesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--side",
        metavar="PARTY",
        help="Only what this side says: a party id (repeatable).",
        autocompletion=complete_side,
    ),
]
VoicesOption = Annotated[
    list[VoiceChoice] | None,
    typer.Option(
        "--voice",
        help="Only statements in this voice, or in a group: official-voices (government, "
        "official, legislature), other-voices (participant, expert, public, media) "
        "(repeatable).",
        case_sensitive=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="TEXT", help="Only statements whose speaker matches TEXT (as search)."
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="table (the default), tsv (one line a row, for grep and cut) or json (as --json).",
        case_sensitive=False,
        show_default=False,
    ),
]
FullOption = Annotated[
    bool, typer.Option("--full", help="Whole texts, not snippets around the match.")
]


def filters(
    issue: list[str] | None = None,
    tag: list[str] | None = None,
    all_tags: bool = False,
    side: list[str] | None = None,
    voice: list[VoiceChoice] | None = None,
    by: str | None = None,
) -> Filters:
    """The options as one ``Filters`` (not yet checked against a dataset)."""
    from gapcli.views.filters import Filters

    return Filters(
        tuple(issue or ()), tuple(tag or ()), all_tags, tuple(side or ()), tuple(voice or ()), by
    )


def output_format(chosen: OutputFormat | None, as_json: bool) -> OutputFormat:
    """``--format``, with ``--json`` as ``--format json``; the two disagreeing is an error."""
    if as_json and chosen not in (None, OutputFormat.JSON):
        from gapcli.errors import UsageError

        raise UsageError(f"--json and --format {chosen.value} disagree; choose one")
    return OutputFormat.JSON if as_json else chosen or OutputFormat.TABLE


def nothing_left(left: int, noun: str, described: str) -> None:
    """Filters that leave nothing exit 1 (like search), saying which filters."""
    if described and not left:
        from gapcli.errors import GapcliError

        raise GapcliError(f"no {noun} matches {described}")
