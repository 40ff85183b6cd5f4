"""The source workbench: init, new, source show, source find (building a dataset)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gapcli.cli.app import GapcliGroup, PositionsOption, app, write_stdout

if TYPE_CHECKING:
    from pathlib import Path

source_app = typer.Typer(
    cls=GapcliGroup,
    name="source",
    help=(
        "Read a source's text with its paragraph numbers, and find quotes in it.\n\n"
        "\b\nExamples:\n"
        "  gapcli source show memo -p my-dataset --para 3..5\n"
        '  gapcli source find memo "silt from the southern farms" -p my-dataset'
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(source_app)

TextOption = Annotated[
    str | None,
    typer.Option(
        "--text", metavar="PATH", help="Read this file instead of the source's own `text` file."
    ),
]
SourceArgument = Annotated[
    str, typer.Argument(metavar="SOURCE", help="Source id, as declared in dataset.yaml.")
]


def _folder(positions: str | None) -> Path:
    from gapcli.cli.app import dataset_dir

    return dataset_dir(positions)


@app.command()
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
    from pathlib import Path

    from gapcli.authoring.scaffold import parse_party, read_source, write_dataset

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


@app.command()
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
    from gapcli.authoring.scaffold import write_issue

    path = write_issue(_folder(positions), issue, title, gap_type, force=force)
    write_stdout(
        f"Created {path}: fill in each <placeholder>, leave out what the source does not "
        "report, then run gapcli validate.\n"
    )


def _para_range(value: str | None, count: int) -> tuple[int, int]:
    from gapcli.errors import UsageError

    if value is None:
        return 1, count
    first, sep, last = value.partition("..")
    try:
        start = int(first) if first else 1
        end = (int(last) if last else count) if sep else start
    except ValueError:
        raise UsageError(f"--para {value!r}: expected N, N..M, N.. or ..M") from None
    if not 1 <= start <= end:
        raise UsageError(f"--para {value!r}: expected paragraph numbers from 1, in order")
    if start > count:
        raise UsageError(f"--para {value!r}: the text has {count} paragraphs")
    return start, min(end, count)


@source_app.command("show")
def source_show(
    source: SourceArgument,
    para: Annotated[
        str | None,
        typer.Option("--para", metavar="N..M", help="Only these paragraphs (N, N..M, N.., ..M)."),
    ] = None,
    positions: PositionsOption = None,
    text: TextOption = None,
) -> None:
    """Print a source's text, one paragraph a line, each with its number (¶N).

    \b
    Examples:
      gapcli source show memo -p river-talks
      gapcli source show memo -p river-talks --para 3..5
    """
    from gapcli.domain.text import visible
    from gapcli.sources.texts import source_text

    found = source_text(_folder(positions), source, text)
    paras = found.text.paras
    start, end = _para_range(para, len(paras))
    width = len(str(end))
    lines = [f"¶{n:<{width}}  {visible(paras[n - 1].strip())}" for n in range(start, end + 1)]
    write_stdout("\n".join(lines) + "\n")


@source_app.command("find")
def source_find(
    source: SourceArgument,
    words: Annotated[str, typer.Argument(metavar="WORDS", help="The words to find.")],
    positions: PositionsOption = None,
    text: TextOption = None,
) -> None:
    """Find words in a source and print each passage as a citation, ready to paste.

    Curly or straight quotes, dashes, spacing and case may differ from the source's; the
    citation holds the source's exact characters. Exit 1 when nothing matches (the nearest
    passage is named).

    \b
    Example:
      gapcli source find memo "silt from the southern farms" -p river-talks
    """
    from gapcli.domain.text import visible
    from gapcli.errors import GapcliError
    from gapcli.io.yaml_text import quoted
    from gapcli.sources.texts import source_text

    found = source_text(_folder(positions), source, text)
    passages = found.text.find(words)
    if not passages:
        near = found.text.nearest(words, everywhere=True)
        hint = f"; nearest: ¶{near.para} {quoted(near.text)}" if near else ""
        raise GapcliError(f"no passage of {source} matches {quoted(words)}{hint}")
    lines: list[str] = []
    for passage in passages:
        lines += [
            f"¶{passage.para}: {visible(found.text.paras[passage.para - 1].strip())}",
            f"  - source: {quoted(source)}",
            f"    para: {passage.para}",
            f"    quote: {quoted(passage.text)}",
        ]
    write_stdout("\n".join(lines) + "\n")
