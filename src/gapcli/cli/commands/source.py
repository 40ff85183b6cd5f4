"""source show, source find: a source's text with its paragraph numbers, and quotes in it."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.cli.app import GapcliGroup, PositionsOption, dataset_dir, write_stdout
from gapcli.domain.text import visible
from gapcli.errors import GapcliError, UsageError
from gapcli.io.yaml_text import quoted
from gapcli.sources.texts import source_text

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

TextOption = Annotated[
    str | None,
    typer.Option(
        "--text", metavar="PATH", help="Read this file instead of the source's own `text` file."
    ),
]
SourceArgument = Annotated[
    str, typer.Argument(metavar="SOURCE", help="Source id, as declared in dataset.yaml.")
]


def _para_range(value: str | None, count: int) -> tuple[int, int]:
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
    found = source_text(dataset_dir(positions), source, text)
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
    found = source_text(dataset_dir(positions), source, text)
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
