"""migrate: rewrite a schema-1 dataset folder as schema 2, listing what to review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapcli.authoring.migrate import migrate_folder, write_migration
from gapcli.cli.app import write_stdout
from gapcli.domain.text import plural, visible
from gapcli.errors import ExitCode


def migrate(
    folder: Annotated[
        str, typer.Argument(metavar="DIR", help="The schema-1 dataset folder (left untouched).")
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="NEWDIR", help="Folder to write the schema-2 dataset into."
        ),
    ],
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="Write into NEWDIR even if it is not empty."),
    ] = False,
) -> None:
    """Rewrite a schema-1 dataset as schema 2 in a new folder, and list what to review.

    Ids, `readings` and the issue's `analysis` list are filled in; what the migration
    cannot decide (a voice schema 1 did not record, who holds a stance) is left out and
    listed, never guessed (docs/migration.md); then run gapcli validate -p NEWDIR. Exit
    status: 0 when there is nothing to review, 1 when notes are listed (or on an error), 2 on
    a usage error.

    \b
    Examples:
      gapcli migrate old-positions -o positions-v2
      gapcli migrate old-positions -o positions-v2 --force
    """
    source, out = Path(folder), Path(output)
    migration = migrate_folder(source)
    write_migration(migration, source, out, force=force)
    files = plural(migration.issues, "issue file")
    lines = [f"Wrote {out}: dataset.yaml, {files} and schema/, in schema 2."]
    notes = migration.notes
    if notes:
        lines.append(f"{plural(len(notes), 'note')} to review:")
        lines += [f"  {visible(note.shown(str(out)))}" for note in notes]
        lines.append("Review them, then check the folder with:")
    else:
        lines.append("Nothing to review; check the folder with:")
    write_stdout("\n".join([*lines, f"  gapcli validate -p {out}", ""]))
    if notes:
        raise typer.Exit(int(ExitCode.FAILURE))
