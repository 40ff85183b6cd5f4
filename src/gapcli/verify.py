"""Checks against source texts: every ``quote`` must stand verbatim in its cited paragraph."""

from __future__ import annotations

import re
from pathlib import Path

from gapcli.errors import UsageError
from gapcli.loader import problem_at
from gapcli.models import DATASET_FILE_KEY, Dataset, Origin
from gapcli.walk import iter_citations

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, apostrophe
        "\u201a": "'",  # single low-9
        "\u201b": "'",  # single high-reversed-9
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9
        "\u201f": '"',  # double high-reversed-9
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Straight quotes and single spaces, so typography and wrapping do not count."""
    return _SPACE.sub(" ", text.translate(_TYPOGRAPHIC)).strip()


def paragraphs(text: str) -> list[str]:
    """The source's paragraphs: its non-empty lines, normalised (paragraph N is item N-1)."""
    return [normalise(line) for line in text.splitlines() if line.strip()]


def parse_source_texts(specs: list[str], dataset: Dataset) -> dict[str, list[str]]:
    """``SOURCE_ID=PATH`` options to each source's paragraphs; a bad spec is a usage error."""
    known = {s.id for s in dataset.meta.sources}
    texts: dict[str, list[str]] = {}
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
            texts[source] = paragraphs(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise UsageError(f"--source-text {spec!r}: cannot read {path}: {reason}") from None
    return texts


def check_quotes(dataset: Dataset, texts: dict[str, list[str]]) -> tuple[int, list[str]]:
    """How many quotes were checked, and a problem line for each one not found verbatim."""
    checked = 0
    problems: list[str] = []
    models = [(DATASET_FILE_KEY, dataset.meta), *((i.id, i) for i in dataset.issues)]
    for key, model in models:
        origin = dataset.origins.get(key) or Origin(key or "dataset.yaml")
        for loc, cite in iter_citations(model):
            if cite.quote is None or cite.source not in texts:
                continue
            checked += 1
            paras = texts[cite.source]
            wanted = normalise(cite.quote)
            if cite.para <= len(paras) and wanted in paras[cite.para - 1]:
                continue
            found = [n for n, p in enumerate(paras, 1) if wanted in p]
            hint = (
                f"; it is in paragraph {found[0]}" if found else "; not found anywhere in the text"
            )
            message = f"quote is not verbatim in {cite.source} ¶{cite.para}{hint}"
            problems.append(problem_at(origin, (*loc, "quote"), message))
    return checked, problems
