"""diff: what moved between two versions of a dataset (folders or git revisions)."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import JsonOption, PositionsOption, dataset_dir, emit, loading, write_stdout
from gapcli.errors import UsageError
from gapcli.render.json import diff_json, dumps
from gapcli.render.markdown import diff_markdown
from gapcli.render.terminal.diff import diff_view
from gapcli.views.diff import diff as compare_versions
from gapcli.views.revision import load_side

OldArgument = Annotated[
    str, typer.Argument(metavar="OLD", help="A dataset folder, or a git revision (HEAD~1, a tag).")
]
NewArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[NEW]",
        help="A dataset folder or a git revision (default: the --positions folder as it is).",
        show_default=False,
    ),
]
MdOption = Annotated[bool, typer.Option("--md", help="Markdown, for a briefing or a changelog.")]


def diff(
    ctx: typer.Context,
    old: OldArgument,
    new: NewArgument = None,
    positions: PositionsOption = None,
    md: MdOption = False,
    as_json: JsonOption = False,
) -> None:
    """Show what moved between two versions of a dataset, issue by issue and side by side.

    Each side is a dataset folder if one exists at that path, else a git revision of the
    --positions folder's repository (git is only read). A schema-1 side is read through the
    migration in memory (docs/migration.md). Entries are matched by id, else by wording;
    docs/diff.md tells how. Exit status: 0 when the comparison ran (changes or not), 1 when
    a side cannot be read, 2 on a usage error.

    \b
    Examples:
      gapcli diff HEAD~1                        # the last commit against the folder now
      gapcli diff v1.0 v2.0 --md > changes.md
      gapcli diff old-positions positions --json
    """
    if md and as_json:
        raise UsageError("--md and --json cannot be used together; choose one format")
    folder = dataset_dir(positions)
    with loading():
        before, after = load_side(old, folder), load_side(new or str(folder), folder)
    result = compare_versions(before, after)
    if as_json:
        write_stdout(dumps(diff_json(result)))
    elif md:
        write_stdout(diff_markdown(result))
    else:
        emit(ctx, diff_view(result))
