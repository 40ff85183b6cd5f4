"""Warnings: what a valid dataset probably still lacks. ``validate`` shows them and exits 0;
with ``--strict`` they are errors.

- a declared side with no position in an issue;
- an issue summary longer than the documented length (``SUMMARY_LENGTH``);
- an issue whose gap cites no words of the source (no citation of the gap has a ``quote``);
- a paragraph that nothing cites, of a source whose text the dataset keeps (``text``): a
  dataset that carries quotes only may leave paragraphs out on purpose.

Each is one pass over the dataset (``walk.iter_citations`` for the citations).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gapcli.domain.models import DATASET_FILE_KEY, Dataset, Origin
from gapcli.domain.walk import iter_citations
from gapcli.loader import problem_at

SUMMARY_LENGTH = 120  # positions/README.md: "at most about 120 characters"


@dataclass(frozen=True)
class DataWarning:
    """One warning: ``file:line:col: field: what to look at``."""

    text: str

    def __str__(self) -> str:
        return self.text


def warnings(dataset: Dataset, complete: bool = True) -> list[DataWarning]:
    """Every warning about a dataset, in file order; unless ``complete`` (every issue file
    loaded), none about paragraphs never cited, which a file that failed may cite."""
    return [DataWarning(text) for text in _all(dataset, complete)]


def _origin(dataset: Dataset, key: str) -> Origin:
    return dataset.origins.get(key) or Origin(key or "dataset.yaml")


def _all(dataset: Dataset, complete: bool) -> Iterator[str]:
    parties = [p.id for p in dataset.meta.parties]
    for issue in dataset.issues:
        origin = _origin(dataset, issue.id)
        for party in parties:
            if party not in issue.positions:
                yield problem_at(
                    origin,
                    ("positions",),
                    f"no position for {party!r}; write `{party}: {{}}` if the source says "
                    "nothing of its view on this",
                )
        if len(issue.summary) > SUMMARY_LENGTH:
            yield problem_at(
                origin,
                ("summary",),
                f"{len(issue.summary)} characters; keep the gap to one line of about "
                f"{SUMMARY_LENGTH} (gapcli list shows it)",
            )
        if all(cite.quote is None for cite in issue.gap.cite):
            yield problem_at(
                origin,
                ("gap", "cite"),
                "the gap cites no words of the source; add the `quote` it rests on",
            )
    if complete:
        yield from _uncited(dataset)


def _uncited(dataset: Dataset) -> Iterator[str]:
    if all(source.text is None for source in dataset.meta.sources):
        return  # nothing to compare with: no walk over every citation
    cited: set[tuple[str, int]] = set()
    for model in [dataset.meta, *dataset.issues]:
        cited.update((cite.source, cite.para) for _, cite in iter_citations(model))
    origin = _origin(dataset, DATASET_FILE_KEY)
    for i, source in enumerate(dataset.meta.sources):
        if source.text is None:
            continue
        missing = [n for n in range(1, source.paragraphs + 1) if (source.id, n) not in cited]
        if missing:
            which = "paragraph {} of {!r} is" if len(missing) == 1 else "paragraphs {} of {!r} are"
            yield problem_at(
                origin,
                ("sources", i, "paragraphs"),
                which.format(ranges(missing), source.id) + " never cited",
            )


def ranges(numbers: list[int]) -> str:
    """``1-3, 5, 7-8`` for sorted whole numbers."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)
