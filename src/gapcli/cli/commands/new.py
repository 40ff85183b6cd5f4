"""new: start an issue file."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.authoring.scaffold import write_issue
from gapcli.cli.app import PositionsOption, dataset_dir, write_stdout


def new(
    issue: Annotated[str, typer.Argument(metavar="ISSUE", help="The new issue's id.")],
    positions: PositionsOption = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The issue's title.", show_default=False)
    ] = None,
    gap_type: Annotated[
        str | None,
        typer.Option(
            "--gap-type",
            metavar="TYPE",
            help="What kind of gap: fact, cause, intent, linkage, venue, method or expectation "
            "(positions/CODEBOOK.md).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Overwrite ISSUE.yaml if it exists.")
    ] = False,
) -> None:
    """Start an issue file: a section for every declared party, placeholders to fill in.

    \b
    Examples:
      gapcli new water-share -p river-talks --gap-type expectation
      gapcli new water-share -p river-talks --title "Sharing the river"
    """
    path = write_issue(dataset_dir(positions), issue, title, gap_type, force=force)
    write_stdout(
        f"Created {path}: fill in each <placeholder>, leave out what the source does not "
        "report, then run gapcli validate.\n"
    )
