"""schema: the JSON Schemas editors use to check and complete YAML files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapcli.authoring.schema import schema_text, write_schemas
from gapcli.cli.app import emit, write_stdout
from gapcli.domain.choices import SchemaKind
from gapcli.errors import UsageError


def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind | None,
        typer.Option(
            "--kind",
            "-k",
            help="Print the schema for the dataset file or for issue files (default: dataset).",
            show_default=False,
        ),
    ] = None,
    write: Annotated[
        str | None,
        typer.Option(
            "--write",
            "-w",
            metavar="DIR",
            help="Write both schemas into DIR (dataset.schema.json, issue.schema.json).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="With --write: replace files that differ.")
    ] = False,
) -> None:
    """Print or write the JSON Schemas that editors use to check and complete YAML files.

    Identical files are left alone; files with other content are replaced only with --force.

    \b
    Examples:
      gapcli schema --kind issue > issue.schema.json
      gapcli schema --write positions/schema --force
    """
    if write is None:
        if force:
            raise UsageError("--force only applies with --write DIR")
        write_stdout(schema_text(SchemaKind(kind or SchemaKind.DATASET)))
        return
    if kind is not None:
        raise UsageError("--kind chooses the schema to print; --write DIR writes both, drop --kind")
    for path, status in write_schemas(Path(write), force=force):
        emit(ctx, f"{path}: {status.value}", stderr=True)
