"""Checks against source texts: every ``quote`` must stand verbatim in its cited paragraph."""

from __future__ import annotations

import re

from gapcli.errors import DataError, UsageError
from gapcli.files import read_regular
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
MAX_SOURCE_BYTES = 16 * 1_048_576  # a source text: a long report, not a library


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
            raw = read_regular(path, path, MAX_SOURCE_BYTES)
        except DataError as exc:
            raise UsageError(f"--source-text {spec!r}: {exc.problems[0]}") from None
        try:
            texts[source] = paragraphs(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise UsageError(f"--source-text {spec!r}: {path}: not UTF-8 ({exc.reason})") from None
    return texts


class Index:
    """Where each word of a source text stands, to find a misplaced quote without scanning
    the whole text for each one (which would be quadratic in the dataset)."""

    CANDIDATES = 8  # paragraphs tried for one quote, at most

    def __init__(self, paras: list[str]) -> None:
        self.paras = paras
        self.words: dict[str, list[int]] = {}
        for number, para in enumerate(paras, 1):
            for word in dict.fromkeys(para.split()):
                self.words.setdefault(word, []).append(number)

    def paragraph_of(self, quote: str, cited: int) -> int | None:
        """A paragraph holding ``quote`` (normalised), if one is found among a few candidates:
        those holding its rarest whole word (the first and last may be cut mid-word), else the
        cited paragraph's neighbours."""
        words = quote.split()
        inner = words[1:-1] or words
        known = [self.words[w] for w in inner if w in self.words]
        if known:
            candidates = min(known, key=len)[: self.CANDIDATES]
        else:
            candidates = [n for n in range(cited - 2, cited + 3) if 1 <= n <= len(self.paras)]
        return next((n for n in candidates if quote in self.paras[n - 1]), None)


def check_quotes(dataset: Dataset, texts: dict[str, list[str]]) -> tuple[int, list[str]]:
    """How many quotes were checked, and a problem line for each one not found verbatim."""
    checked = 0
    problems: list[str] = []
    indexes: dict[str, Index] = {}
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
            index = indexes.get(cite.source) or indexes.setdefault(cite.source, Index(paras))
            found = index.paragraph_of(wanted, cite.para)
            hint = f"; it is in paragraph {found}" if found else "; not found anywhere in the text"
            message = f"quote is not verbatim in {cite.source} ¶{cite.para}{hint}"
            problems.append(problem_at(origin, (*loc, "quote"), message))
    return checked, problems
