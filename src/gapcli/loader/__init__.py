"""YAML files to validated models: safe parsing, file/line bookkeeping, cross-file checks.

- ``yaml_safe``: one file's text to plain data, safely, with line marks;
- ``messages``: pydantic errors to ``file:line:col: field: problem`` lines;
- ``discovery``: which folder, which files;
- ``checks``: the rules that span files.

``load_dataset`` is the one entry point the rest of gapcli uses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from gapcli.domain.models import DATASET_FILE_KEY, Dataset, DatasetFile, Issue, Loc, Origin
from gapcli.errors import DataError
from gapcli.io.files import MAX_FILE_BYTES, read_regular
from gapcli.loader.checks import (
    UNDECIDED,
    Cast,
    check_issue,
    check_schema,
    cross_check,
    schema_1,
)
from gapcli.loader.discovery import (
    DATASET_FILE,
    ENV_VAR,
    ISSUE_SUFFIXES,
    issue_files,
    issue_ids,
    positions_dir,
    shipped_positions,
)
from gapcli.loader.messages import problem_at, validate
from gapcli.loader.plain import check_plain_issue
from gapcli.loader.yaml_safe import MAX_DEPTH, compose_bytes, plain, read_yaml, read_yaml_bytes

__all__ = [
    "DATASET_FILE",
    "ENV_VAR",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Checked",
    "check_dataset",
    "issue_files",
    "issue_ids",
    "load_dataset",
    "load_files",
    "positions_dir",
    "problem_at",
    "read_yaml",
    "shipped_positions",
]


# Turns a schema-1 dataset's plain data (dataset file, {file name: issue data}) into
# schema 2 in memory; see gapcli.authoring.migrate.upgrade.
Upgrade = Callable[[Any, dict[str, Any]], tuple[Any, dict[str, Any]]]


def load_dataset(folder: Path | str, upgrade: Upgrade | None = None) -> Dataset:
    """Load and cross-check a dataset folder; raise DataError listing every problem.

    With ``upgrade``, a schema-1 dataset is migrated in memory instead of refused.
    """
    shown = str(folder)
    return _load(shown, *_folder_readers(Path(folder), shown), upgrade)


def load_files(shown: str, files: Mapping[str, bytes], upgrade: Upgrade | None = None) -> Dataset:
    """Load a dataset held in memory as ``{file name: bytes}`` (a git revision of a folder).

    ``shown`` names the folder in messages (``HEAD~1:positions``); the files go through the
    same YAML safety, size limit and checks as a folder on disk.
    """
    if DATASET_FILE not in files:
        raise DataError([f"{shown}: no {DATASET_FILE} here; a dataset folder needs one"])
    names = sorted(
        n
        for n in files
        if n.endswith(ISSUE_SUFFIXES)
        and n not in (DATASET_FILE, "dataset.yml")
        and not n.startswith(".")
    )
    readers = {name: partial(files.__getitem__, name) for name in [DATASET_FILE, *names]}
    return _load(shown, shown + "/", readers, upgrade)


def _parse(read: Callable[[], bytes], shown: str, problems: list[str]) -> tuple[Any, Origin]:
    """One file's plain data (None when it does not parse; its problems are added)."""
    try:
        data = plain(compose_bytes(read(), shown), shown)
    except DataError as exc:
        problems.extend(exc.problems)
        return None, Origin(shown)
    # Line numbers are only for error messages: read them if and when one needs them.
    return data, Origin(shown, read_marks=partial(_marks_of, read, shown))


@dataclass(frozen=True)
class Failed:
    """An issue file that parsed but failed validation: its plain data, where it came from,
    and where its field errors are."""

    data: dict[str, Any]
    origin: Origin
    errors: list[Loc]


@dataclass
class Checked:
    """A dataset as far as it loaded: the models that validated, every problem found, and
    the issue files that parsed but failed validation (checks that can still run on them)."""

    meta: DatasetFile | None
    issues: dict[str, Issue] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    unloaded: set[str] = field(default_factory=set)  # stems of issue files that did not load

    def dataset(self) -> Dataset | None:
        """What loaded, as a dataset (None when the dataset file did not)."""
        if self.meta is None:
            return None
        ordered = list(dict.fromkeys([*self.meta.order, *sorted(self.issues)]))
        issues = [self.issues[k] for k in ordered if k in self.issues]
        return Dataset(meta=self.meta, issues=issues, origins=self.origins)


def check_dataset(folder: Path | str) -> Checked:
    """Load a dataset folder as far as it goes, and every problem in it, without raising
    for problems in the data (``validate``'s one pass); a folder that cannot be read at all,
    or a schema-1 dataset, still raises DataError."""
    shown = str(folder)
    return _collect(shown, *_folder_readers(Path(folder), shown), None)[0]


def _folder_readers(folder: Path, shown: str) -> tuple[str, dict[str, Callable[[], bytes]]]:
    """The prefix of a folder's file names in messages, and a reader of each dataset file."""
    files = issue_files(folder, shown)
    readers: dict[str, Callable[[], bytes]] = {
        path.name: partial(read_regular, path, str(path))
        for path in [folder / DATASET_FILE, *files]
    }
    return str(folder / DATASET_FILE)[: -len(DATASET_FILE)], readers


def _load(
    shown: str, prefix: str, readers: Mapping[str, Callable[[], bytes]], upgrade: Upgrade | None
) -> Dataset:
    """Load and cross-check every file; raise DataError listing every problem."""
    checked, migrated = _collect(shown, prefix, readers, upgrade)
    problems = checked.problems
    if problems:
        if migrated:
            problems.insert(0, UNDECIDED.format(shown=shown))
        raise DataError(problems)
    dataset = checked.dataset()
    assert dataset is not None
    return dataset


def _collect(
    shown: str, prefix: str, readers: Mapping[str, Callable[[], bytes]], upgrade: Upgrade | None
) -> tuple[Checked, bool]:
    """Parse and validate the dataset file, then each issue file; cross-check them together.

    Returns what loaded with every problem, and whether the data was migrated in memory.
    """
    problems: list[str] = []
    meta_data, meta_origin = _parse(readers[DATASET_FILE], prefix + DATASET_FILE, problems)
    issue_readers = [(name, read) for name, read in readers.items() if name != DATASET_FILE]
    if not issue_readers:
        problems.append(f"{shown}: no issue files; add one <id>.yaml per issue")
    migrated: dict[str, tuple[Any, Origin]] | None = None
    if meta_data is not None and upgrade is not None and schema_1(meta_data):
        parsed = {name: _parse(read, prefix + name, problems) for name, read in issue_readers}
        found = {name: data for name, (data, _) in parsed.items() if data is not None}
        meta_data, found = upgrade(meta_data, found)
        # Migrated data has no lines of its own: messages name the file and the field.
        meta_origin = Origin(meta_origin.path)
        migrated = {name: (found.get(name), Origin(o.path)) for name, (_, o) in parsed.items()}
    meta = None
    if meta_data is not None:
        check_schema(meta_data, meta_origin)
        meta = validate(DatasetFile, meta_data, meta_origin, problems)
    checked = Checked(meta, origins={DATASET_FILE_KEY: meta_origin}, problems=problems)
    for name, read in issue_readers:
        if migrated is not None:
            data, origin = migrated[name]
        else:
            data, origin = _parse(read, prefix + name, problems)
        _add_issue(checked, name, data, origin)
    _cross_check(checked, meta_data, meta_origin)
    return checked, migrated is not None


def _add_issue(checked: Checked, name: str, data: Any, origin: Origin) -> None:
    """Validate one issue file's data and add the issue, or its problems, to ``checked``."""
    problems, issues, origins = checked.problems, checked.issues, checked.origins
    stem, suffix = name.rsplit(".", 1)
    errors: list[Loc] = []
    issue = None if data is None else validate(Issue, data, origin, problems, errors)
    if issue is None:
        checked.unloaded.add(stem)  # no knock-on errors about a file that failed
        if data is not None:
            checked.failed.append(Failed(data, origin, errors))
        return
    if issue.id != stem:
        problems.append(
            problem_at(
                origin,
                ("id",),
                f"{issue.id!r} differs from the file name; "
                f"rename the file to {issue.id}.{suffix} or fix the id",
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
        return
    issues[issue.id] = issue
    origins[issue.id] = origin


def _cross_check(checked: Checked, meta_data: Any, meta_origin: Origin) -> None:
    """The checks that span files, on what loaded (and on the issue files that failed)."""
    problems, issues, origins, unloaded = (
        checked.problems,
        checked.issues,
        checked.origins,
        checked.unloaded,
    )
    known = issues.keys() | unloaded
    if checked.meta is not None:
        problems.extend(cross_check(checked.meta, meta_origin, issues, origins, unloaded))
        cast = Cast.of(checked.meta)
    elif isinstance(meta_data, dict):
        # The dataset file failed validation: check the issues against what it still tells.
        cast = Cast.from_plain(meta_data)
        for issue in issues.values():
            problems.extend(check_issue(issue, origins[issue.id], cast, known))
    else:
        return
    for failed in checked.failed:
        problems.extend(check_plain_issue(failed.data, failed.origin, cast, known, failed.errors))


def _marks_of(read: Callable[[], bytes], shown: str) -> dict[Loc, tuple[int, int]]:
    """Line and column of every value, read again when an error first needs them."""
    try:
        return read_yaml_bytes(read(), shown)[1]
    except DataError:  # the file changed since it loaded; messages name the file only
        return {}
