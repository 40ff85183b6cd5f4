"""Checks against source texts: every ``quote`` must stand verbatim in its cited paragraph.

What a paragraph is, and how a quote is matched, is defined once in ``gapcli.sources.paragraphs``.
Besides a problem line for each quote not found, the check proposes the corrections that
need no judgement (``validate --fix``): a quote found in another paragraph gets that
paragraph's number, and a quote that differs from the source only in quotes, dashes or white
space gets the source's own characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gapcli.domain.models import DATASET_FILE_KEY, Dataset, Loc, Origin
from gapcli.domain.walk import dotted, iter_citations
from gapcli.io.yaml_text import quoted
from gapcli.loader import Checked, problem_at
from gapcli.loader.plain import plain_citations
from gapcli.sources.paragraphs import Index, SourceText, normalise, split_paragraphs
from gapcli.sources.texts import MAX_SOURCE_BYTES, Text, option_texts

__all__ = [
    "MAX_SOURCE_BYTES",
    "Fix",
    "Index",
    "QuoteCheck",
    "check_quotes",
    "normalise",
    "paragraphs",
    "parse_source_texts",
]


def paragraphs(text: str) -> list[str]:
    """The source's paragraphs, normalised (paragraph N is item N-1)."""
    return [normalise(p) for p in split_paragraphs(text)]


def parse_source_texts(specs: list[str], dataset: Dataset) -> dict[str, Text]:
    """``SOURCE_ID=PATH`` options to each source's text; a bad spec is a usage error."""
    return option_texts(specs, [s.id for s in dataset.meta.sources])


@dataclass(frozen=True)
class Fix:
    """A correction that needs no judgement: one value of one file, and why."""

    origin: Origin
    loc: Loc
    was: str | int
    value: str | int
    why: str

    def shown(self) -> str:
        """``file:line:col: field: was -> value (why)``."""
        return f"{self.origin.where(self.loc)}: {dotted(self.loc)}: {self.why}"


@dataclass
class QuoteCheck:
    """What checking the quotes found: how many, the problems, and the fixes they allow."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)


Cited = tuple[Origin, Loc, str, int, str]  # origin, citation's place, source, para, quote


def _cited(dataset: Dataset | None, checked: Checked | None) -> Iterator[Cited]:
    if dataset is not None:
        models = [(DATASET_FILE_KEY, dataset.meta), *((i.id, i) for i in dataset.issues)]
        for key, model in models:
            origin = dataset.origins.get(key) or Origin(key or "dataset.yaml")
            for loc, cite in iter_citations(model):
                if cite.quote is not None:
                    yield origin, loc, cite.source, cite.para, cite.quote
    for failed in checked.failed if checked else []:
        for loc, plain in plain_citations(failed.data):
            quote: Any = plain.get("quote")
            if isinstance(quote, str) and plain["para"] >= 1:
                yield failed.origin, loc, plain["source"], plain["para"], quote


def check_quotes(
    dataset: Dataset | None, texts: dict[str, Text], checked: Checked | None = None
) -> QuoteCheck:
    """Check every quote citing a source with a text: in the loaded models, and in the issue
    files of ``checked`` that failed validation (their well-formed citations)."""
    result = QuoteCheck()
    if not texts:
        return result  # no text to check against: no walk over every citation
    for origin, loc, source, para, quote in _cited(dataset, checked):
        if source not in texts:
            continue
        result.checked += 1
        problem, fixes = _check(origin, loc, source, para, quote, texts[source].text)
        if problem:
            result.problems.append(problem)
        result.fixes.extend(fixes)
    return result


def _check(
    origin: Origin, loc: Loc, source: str, para: int, quote: str, text: SourceText
) -> tuple[str | None, list[Fix]]:
    """One quote: a problem line (or None) and the fixes that need no judgement."""
    at = (*loc, "quote")
    fixes: list[Fix] = []

    def copy(found_in: int) -> None:
        passage = text.exact(quote, found_in)
        if passage is not None and passage.text != quote:
            why = f"{quoted(quote)} -> {quoted(passage.text)} (the source's own characters)"
            fixes.append(Fix(origin, at, quote, passage.text, why))

    def move(to: int) -> None:
        why = f"{para} -> {to} (the quote is in paragraph {to})"
        fixes.append(Fix(origin, (*loc, "para"), para, to, why))

    if text.verbatim(quote, para):
        copy(para)
        return None, fixes
    head = f"quote is not verbatim in {source} ¶{para}"
    if text.exact(quote, para) is not None:
        copy(para)
        hint = "; it differs only in dashes, quotes or spacing ('gapcli validate --fix' fixes it)"
        return problem_at(origin, at, head + hint), fixes
    found = text.index.paragraph_of(normalise(quote), para)
    if found is not None:
        move(found)
        copy(found)
        return problem_at(origin, at, f"{head}; it is in paragraph {found}"), fixes
    passage = text.relocated(quote, para)
    if passage is not None:
        move(passage.para)
        copy(passage.para)
        hint = f"; it is in paragraph {passage.para}, with other dashes, quotes or spacing"
        return problem_at(origin, at, head + hint), fixes
    near = text.nearest(quote, para)
    hint = "; not found anywhere in the text"
    if near is not None:
        hint += f"; nearest: ¶{near.para} {quoted(near.text)}"
    return problem_at(origin, at, head + hint), fixes
