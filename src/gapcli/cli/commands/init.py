"""init: start a dataset folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gapcli.authoring.scaffold import parse_party, read_source, write_dataset
from gapcli.cli.app import write_stdout


def init(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="The new dataset's folder.")],
    title: Annotated[
        str | None, typer.Option("--title", help="The dataset's title.", show_default=False)
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            metavar="ID=NAME",
            help="A side of the dispute, in column order (repeatable; two or more).",
        ),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            metavar="ID=PATH",
            help="A source text, copied into DIR/sources/ with its paragraph count and "
            "SHA-256 (repeatable).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", "-f", help="Write into DIR even if it is not empty.")
    ] = False,
) -> None:
    """Start a dataset: dataset.yaml, README.md, schema/ and sources/ in a new folder.

    What the options do not give is left as a <placeholder> that gapcli validate points at
    until it is filled in.

    \b
    Examples:
      gapcli init river-talks --party up=Upland --party down=Downland --source memo=memo.txt
      gapcli init my-dataset
    """
    parties = [parse_party(p) for p in party or []]
    sources = [read_source(s) for s in source or []]
    written = write_dataset(Path(folder), title, parties, sources, force=force)
    lines = [f"Created {folder}: {', '.join(written)}."]
    lines += [f"  {s.file}: {s.paragraphs} paragraphs, from {s.origin}" for s in sources]
    first = sources[0].id if sources else "source"
    steps = [
        (f"gapcli source show {first} -p {folder}", "the text, with paragraph numbers"),
        (f"gapcli new ISSUE -p {folder}", "an issue file to fill in"),
        (f"gapcli validate -p {folder}", "what is left to fill in"),
    ]
    width = max(len(command) for command, _ in steps)
    lines += ["Next:", *(f"  {command:<{width}}  # {what}" for command, what in steps)]
    write_stdout("\n".join(lines) + "\n")
