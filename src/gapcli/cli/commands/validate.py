"""validate: check the whole dataset and list every problem."""

from __future__ import annotations

from typing import Annotated

import typer

from gapcli.authoring.validation import Validation, validate_folder
from gapcli.cli.app import PositionsOption, dataset_dir, loading, warn, write_stdout
from gapcli.domain.text import plural
from gapcli.errors import DataError

SourceTextOption = Annotated[
    list[str] | None,
    typer.Option(
        "--source-text",
        "-s",
        metavar="SOURCE_ID=PATH",
        help="Check every quote citing SOURCE_ID against the text at PATH, instead of the "
        "source's own `text` file (repeatable).",
    ),
]
FixOption = Annotated[
    bool,
    typer.Option(
        "--fix",
        help="Correct what needs no judgement, in place, and list it: a quote's `para` where "
        "the quote is in another paragraph, a quote's characters where only quotes, dashes "
        "or spacing differ.",
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")]


def validate(
    source_text: SourceTextOption = None,
    fix: FixOption = False,
    strict: StrictOption = False,
    positions: PositionsOption = None,
) -> None:
    """Check the whole dataset and list every problem; exit 0 when clean, 1 otherwise.

    Quotes are checked against each source's `text` file, when dataset.yaml names one.
    Warnings (exit 0) point at what a valid dataset probably still lacks.

    \b
    Examples:
      gapcli validate -p my-dataset
      gapcli validate -p my-dataset --fix
      gapcli validate --source-text fp2024=article.txt
    """
    with loading():
        found = validate_folder(dataset_dir(positions), source_text or [], fix=fix)
    if found.fixed:
        write_stdout(f"Fixed {plural(len(found.fixed), 'value')}:\n")
        write_stdout("".join(f"  {one.shown()}\n" for one in found.fixed))
    notes = [str(w) for w in found.warnings]
    problems = found.problems + (notes if strict else [])
    if problems:
        error = DataError(problems)
        if found.fixable and not fix:
            error.message += (
                f"\n'gapcli validate --fix' can correct {plural(found.fixable, 'value')}."
            )
        raise error
    warn(notes)  # with errors, warnings wait: they are shown once the errors are fixed
    write_stdout(summary(found))


def summary(found: Validation) -> str:
    """The last line of a clean run: what the dataset holds and which quotes were checked."""
    dataset = found.dataset
    assert dataset is not None
    meta = dataset.meta
    counts = [
        plural(len(dataset.issues), "issue"),
        plural(len(meta.parties), "party", "parties"),
        plural(len(meta.sources), "source"),
    ]
    line = "OK: " + ", ".join(counts)
    if found.texts:
        line += f"; {plural(found.quotes, 'quote')} verbatim in {', '.join(found.texts)}"
    return line + ".\n"
