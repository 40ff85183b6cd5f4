"""``validate`` in one pass: the loader's problems, the source texts, every quote, the
warnings, and (with ``fix``) the corrections that need no judgement, written in place."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from gapcli.authoring.fix import Edit, edit_file
from gapcli.authoring.lint import DataWarning, warnings
from gapcli.domain.models import DATASET_FILE_KEY, Dataset
from gapcli.loader import check_dataset, problem_at
from gapcli.sources.texts import Text, dataset_texts, option_texts
from gapcli.sources.verify import Fix, check_quotes


@dataclass
class Validation:
    """What one run of ``validate`` found (and fixed)."""

    dataset: Dataset | None
    problems: list[str] = field(default_factory=list)
    warnings: list[DataWarning] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # ids of the sources whose quotes were checked
    quotes: int = 0
    fixed: list[Fix] = field(default_factory=list)
    fixable: int = 0  # fixes --fix would make


def validate_folder(folder: Path, specs: list[str], fix: bool = False) -> Validation:
    """Check the dataset in ``folder``; ``specs`` are ``--source-text SOURCE_ID=PATH`` options.

    With ``fix``, the fixes found are written in place, and the folder is checked again.
    """
    found = _check(folder, specs)
    if not fix or not found.fixed:
        found.fixable, found.fixed = len(found.fixed), []
        return found
    by_file: dict[str, list[Fix]] = defaultdict(list)
    for one in found.fixed:
        by_file[one.origin.path].append(one)
    for path, fixes in by_file.items():
        edit_file(Path(path), path, [Edit(f.loc, f.value) for f in fixes])
    again = _check(folder, specs)
    again.fixed, again.fixable = found.fixed, len(again.fixed)
    return again


def _check(folder: Path, specs: list[str]) -> Validation:
    checked = check_dataset(folder)
    meta = checked.meta
    result = Validation(checked.dataset(), problems=list(checked.problems))
    if meta is None:
        return result
    origin = checked.origins[DATASET_FILE_KEY]
    given = option_texts(specs, [s.id for s in meta.sources])
    named, problems = dataset_texts(meta, origin, folder, set(given))
    result.problems += problems
    for i, source in enumerate(meta.sources):
        text = given.get(source.id)
        if text is not None and len(text.text.paras) < source.paragraphs:
            result.problems.append(
                problem_at(
                    origin,
                    ("sources", i, "paragraphs"),
                    f"{source.paragraphs} declared, but {text.shown} has only "
                    f"{len(text.text.paras)} paragraphs",
                )
            )
    texts: dict[str, Text] = {**named, **given}
    quotes = check_quotes(result.dataset, texts, checked)
    result.problems += quotes.problems
    result.texts, result.quotes, result.fixed = sorted(texts), quotes.checked, quotes.fixes
    if result.dataset is not None:
        result.warnings = warnings(result.dataset, complete=not checked.unloaded)
    return result
