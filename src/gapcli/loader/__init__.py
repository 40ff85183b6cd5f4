"""YAML files to validated models: safe parsing, file/line bookkeeping, cross-file checks.

- ``yaml_safe``: one file's text to plain data, safely, with line marks;
- ``messages``: pydantic errors to ``file:line:col: field: problem`` lines;
- ``discovery``: which folder, which files;
- ``checks``: the rules that span files.

``load_dataset`` is the one entry point the rest of gapcli uses.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from gapcli.errors import DataError
from gapcli.files import MAX_FILE_BYTES
from gapcli.loader.checks import check_schema, cross_check
from gapcli.loader.discovery import (
    DATASET_FILE,
    ENV_VAR,
    issue_files,
    issue_ids,
    positions_dir,
    shipped_positions,
)
from gapcli.loader.messages import M, problem_at, validate
from gapcli.loader.yaml_safe import MAX_DEPTH, compose, plain, read_yaml
from gapcli.models import DATASET_FILE_KEY, Dataset, DatasetFile, Issue, Loc, Origin

__all__ = [
    "DATASET_FILE",
    "ENV_VAR",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "issue_ids",
    "load_dataset",
    "positions_dir",
    "problem_at",
    "read_yaml",
    "shipped_positions",
]


def load_dataset(folder: Path | str) -> Dataset:
    """Load and cross-check a dataset folder; raise DataError listing every problem."""
    shown = str(folder)
    folder = Path(folder)
    files = issue_files(folder, shown)
    problems: list[str] = []
    meta, meta_origin = _load_one(DatasetFile, folder / DATASET_FILE, problems)
    origins: dict[str, Origin] = {DATASET_FILE_KEY: meta_origin}
    issues: dict[str, Issue] = {}
    if not files:
        problems.append(f"{shown}: no issue files; add one <id>.yaml per issue")
    unloaded: set[str] = set()  # stems of issue files that failed: no knock-on errors about them
    for path in files:
        issue, origin = _load_one(Issue, path, problems)
        if issue is None:
            unloaded.add(path.stem)
            continue
        if issue.id != path.stem:
            problems.append(
                problem_at(
                    origin,
                    ("id",),
                    f"{issue.id!r} differs from the file name; "
                    f"rename the file to {issue.id}{path.suffix} or fix the id",
                )
            )
        if issue.id in issues:
            problems.append(
                problem_at(
                    origin,
                    ("id",),
                    f"duplicate issue id {issue.id!r}, also in {origins[issue.id].path}",
                )
            )
            continue
        issues[issue.id] = issue
        origins[issue.id] = origin
    if meta is not None:
        problems.extend(cross_check(meta, meta_origin, issues, origins, unloaded))
    if problems:
        raise DataError(problems)
    assert meta is not None
    ordered = list(dict.fromkeys([*meta.order, *sorted(issues)]))  # reading order, then by id
    return Dataset(meta=meta, issues=[issues[k] for k in ordered], origins=origins)


def _load_one(model: type[M], path: Path, problems: list[str]) -> tuple[M | None, Origin]:
    shown = str(path)
    try:
        data = plain(compose(path, shown), shown)
    except DataError as exc:
        problems.extend(exc.problems)
        return None, Origin(shown)
    # Line numbers are only for error messages: read them if and when one needs them.
    origin = Origin(shown, read_marks=partial(_marks_of, path, shown))
    if model is DatasetFile:
        check_schema(data, origin)
    return validate(model, data, origin, problems), origin


def _marks_of(path: Path, shown: str) -> dict[Loc, tuple[int, int]]:
    """Line and column of every value, read again when an error first needs them."""
    try:
        return read_yaml(path, shown)[1]
    except DataError:  # the file changed since it loaded; messages name the file only
        return {}
