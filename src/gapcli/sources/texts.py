"""Source texts on disk: the file a source names (``text:``), read safely, and its hash.

A dataset is untrusted input, so a source's ``text`` is a path relative to the dataset folder
that may not leave it: no absolute path, no ``..`` (the model refuses both) and no link
that leads outside the folder (refused here, after resolving it). Texts are read with
``files.read_regular`` and at most ``MAX_SOURCE_BYTES``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gapcli.domain.models import DatasetFile, Origin
from gapcli.domain.values import inside_dataset
from gapcli.errors import DataError, UsageError
from gapcli.io.files import read_regular
from gapcli.loader import DATASET_FILE, problem_at, read_yaml
from gapcli.sources.paragraphs import SourceText

MAX_SOURCE_BYTES = 16 * 1_048_576  # a source text: a long report, not a library


def read_text(path: str | os.PathLike[str], shown: str) -> tuple[str, str]:
    """A source text file's text and its SHA-256 (hex); DataError if it cannot be read."""
    raw = read_regular(path, shown, MAX_SOURCE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError([f"{shown}: not UTF-8 ({exc.reason}); save the text as UTF-8"]) from None
    return text, hashlib.sha256(raw).hexdigest()


def text_file(folder: Path, relative: str) -> Path:
    """The file a source's ``text`` names, refused if it leaves the dataset folder."""
    try:
        inside_dataset(relative)
    except ValueError as exc:
        raise DataError([str(exc)]) from None
    path = folder / relative
    real, home = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real, home]) != home:
        raise DataError(
            [f"{relative!r} leads outside the dataset folder (to {real}); copy the text into it"]
        )
    return path


@dataclass(frozen=True)
class Text:
    """A source text as read: its paragraphs, the file it came from, and its hash."""

    source: str
    shown: str
    text: SourceText
    sha256: str


def dataset_texts(
    meta: DatasetFile, origin: Origin, folder: Path, skip: set[str]
) -> tuple[dict[str, Text], list[str]]:
    """The texts the dataset file names (but those in ``skip``), and a problem line for
    each that cannot be read, has changed since its ``sha256`` or has another paragraph count."""
    texts: dict[str, Text] = {}
    problems: list[str] = []
    for i, source in enumerate(meta.sources):
        if source.text is None or source.id in skip:
            continue
        shown = str(folder / source.text)
        try:
            content, digest = read_text(text_file(folder, source.text), shown)
        except DataError as exc:
            problems.append(problem_at(origin, ("sources", i, "text"), exc.problems[0]))
            continue
        read = Text(source.id, shown, SourceText.parse(content), digest)
        texts[source.id] = read
        if source.sha256 is not None and source.sha256 != digest:
            problems.append(
                problem_at(
                    origin,
                    ("sources", i, "sha256"),
                    f"{source.text} has changed since this hash was recorded (it is now "
                    f"{digest}); check the quotes citing {source.id!r}, then record the new hash",
                )
            )
        count = len(read.text.paras)
        if count != source.paragraphs:
            problems.append(
                problem_at(
                    origin,
                    ("sources", i, "paragraphs"),
                    f"{source.paragraphs} declared, but {source.text} has {count} paragraphs "
                    f"(see 'gapcli source show {source.id}'); write paragraphs: {count}",
                )
            )
    return texts, problems


def option_texts(specs: list[str], known: list[str]) -> dict[str, Text]:
    """``SOURCE_ID=PATH`` options to texts; a bad spec is a usage error."""
    texts: dict[str, Text] = {}
    for spec in specs:
        source, sep, path = spec.partition("=")
        if not sep or not source or not path:
            raise UsageError(
                f"--source-text {spec!r}: expected SOURCE_ID=PATH, e.g. fp2024=article.txt"
            )
        if source not in known:
            raise UsageError(
                f"--source-text {spec!r}: unknown source {source!r}; "
                f"declared: {', '.join(sorted(known))}"
            )
        try:
            content, digest = read_text(path, path)
        except DataError as exc:
            raise UsageError(f"--source-text {spec!r}: {exc.problems[0]}") from None
        texts[source] = Text(source, path, SourceText.parse(content), digest)
    return texts


def _plain_sources(folder: Path) -> list[dict[str, Any]]:
    """The dataset file's sources as plain data: enough to find a text while the rest of the
    file is still being written (placeholders and all)."""
    data, _ = read_yaml(folder / DATASET_FILE, str(folder / DATASET_FILE))
    sources = data.get("sources")
    if not isinstance(sources, list):
        return []
    return [s for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)]


def source_text(folder: Path, source: str, path: str | None = None) -> Text:
    """The text of one source of the dataset in ``folder`` (or the file at ``path``)."""
    import difflib

    sources = _plain_sources(folder)
    ids = [s["id"] for s in sources]
    if source not in ids:
        close = difflib.get_close_matches(source, ids, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UsageError(
            f"unknown source {source!r}; {hint}declared in {folder / DATASET_FILE}: "
            f"{', '.join(ids) or 'none'}"
        )
    if path is None:
        named = next(s for s in sources if s["id"] == source).get("text")
        if not isinstance(named, str):
            raise UsageError(
                f"source {source!r} names no text file; add `text: sources/{source}.txt` to it "
                f"in {DATASET_FILE} (with the text in that file), or pass --text PATH"
            )
        file: str | Path = text_file(folder, named)
        shown = str(file)
        content, digest = read_text(file, shown)
    else:  # a file named on the command line: one that cannot be read is a usage error
        shown = path
        try:
            content, digest = read_text(path, shown)
        except DataError as exc:
            raise UsageError(f"--text {path!r}: {exc.problems[0]}") from None
    return Text(source, shown, SourceText.parse(content), digest)
