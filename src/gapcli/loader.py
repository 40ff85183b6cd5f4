"""YAML files to validated models: safe parsing, file/line bookkeeping, cross-file checks.

Parsing composes YAML nodes with the C safe loader (the pure-Python one where libyaml is
missing) and builds plain data from them by hand, so that:

- no tag can construct a Python object (only the core YAML tags are accepted);
- anchors and aliases are refused, so alias bombs cannot expand;
- duplicate keys are an error, not a silent overwrite;
- YAML 1.1 booleans, floats and dates (``NO``, ``1.5``, ``2024-05-01``) stay the text
  that was written, so strict models reject them where a number is expected and keep
  them verbatim where text is expected;
- every value's line and column can be found again (read only for a file with an error,
  so clean datasets load fast), so model errors can name them.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, partial
from importlib import resources
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from gapcli.errors import DataError, UsageError
from gapcli.models import (
    DATASET_FILE_KEY,
    NOT_BLANK,
    OFFICIAL_VOICES,
    SCHEMA_VERSION,
    Citation,
    Dataset,
    DatasetFile,
    Issue,
    Loc,
    Origin,
    Voice,
)

DATASET_FILE = "dataset.yaml"
ISSUE_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1_048_576  # 1 MiB: far above any real issue file
MAX_DEPTH = 50
ENV_VAR = "GAPCLI_POSITIONS"

_CORE = "tag:yaml.org,2002:"
_TEXT_TAGS = {_CORE + t for t in ("str", "bool", "float", "timestamp", "value")}
# Only plain decimal integers become numbers; YAML 1.1 octal (017), hex, binary,
# sexagesimal (1:30) and underscores stay the text that was written.
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_ALLOWED_TAGS = _TEXT_TAGS | {_CORE + t for t in ("null", "int", "seq", "map")}
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
M = TypeVar("M", bound=BaseModel)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The C safe loader (pure Python where libyaml is missing), resolving untagged values
    the way gapcli reads them: nothing (``~``, ``null``, empty), a decimal integer, or text.

    PyYAML's own resolver would try the YAML 1.1 boolean, float and date patterns on every
    value only for them to be kept as text; skipping them makes parsing about 20% faster.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                if value in _NULLS:
                    return _CORE + "null"
                if _DECIMAL.fullmatch(value):
                    return _CORE + "int"
            return _CORE + "str"
        return _CORE + ("seq" if kind is yaml.SequenceNode else "map")


class _Problem(Exception):
    def __init__(self, node: yaml.Node | None, message: str) -> None:
        super().__init__(message)
        self.mark = (node.start_mark.line + 1, node.start_mark.column + 1) if node else None
        self.message = message


def shipped_positions() -> Path:
    """The dataset shipped inside the package (or the checkout's, in development)."""
    packaged = Path(str(resources.files("gapcli") / "positions"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "positions"


def positions_dir(option: str | None) -> Path:
    """The dataset folder: ``--positions``, else ``$GAPCLI_POSITIONS``, else the shipped one."""
    chosen = option or os.environ.get(ENV_VAR) or None
    return Path(chosen) if chosen else shipped_positions()


def read_yaml(path: Path, shown: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """Parse one YAML file into plain data and the line/column of every value in it."""
    return read_yaml_bytes(_read_bytes(path, shown), shown)


def read_yaml_bytes(raw: bytes, shown: str) -> tuple[Any, dict[Loc, tuple[int, int]]]:
    """``read_yaml`` for a file's bytes already in memory (e.g. read from a git revision)."""
    node = _compose(raw, shown)
    data = _plain(node, shown)
    marks: dict[Loc, tuple[int, int]] = {}
    _mark(node, (), marks, 0)
    return data, marks


def too_big(size: int, shown: str) -> DataError:
    """The error for a file over the size limit."""
    return DataError([f"{shown}: file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"])


def _read_bytes(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_big(size, shown)
        return path.read_bytes()
    except OSError as exc:
        raise DataError([f"{shown}: cannot read file: {exc.strerror or exc}"]) from None


def _compose(raw: bytes, shown: str) -> yaml.Node:
    if len(raw) > MAX_FILE_BYTES:
        raise too_big(len(raw), shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")) + 1
        bad = f"byte 0x{raw[exc.start]:02x}"
        raise DataError(
            [f"{shown}:{line}:{column}: not UTF-8 ({bad}); save the file as UTF-8"]
        ) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        context = exc.context
        if context and opened and mark and opened.line != mark.line:
            context += f" (started at {opened.line + 1}:{opened.column + 1})"
        problem = " ".join(" ".join(p.split()) for p in (context, exc.problem) if p)
        hint = "check quotes, brackets and indentation (spaces only, no tabs)"
        if mark and text[mark.index : mark.index + 1] == "\t":
            problem, hint = "found a tab character", "indent with spaces, not tabs"
        raise DataError([f"{where}: YAML syntax error: {problem}; {hint}"]) from None
    except yaml.YAMLError as exc:
        raise DataError([f"{shown}: YAML error: {' '.join(str(exc).split())}"]) from None
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at 1000
        raise DataError([f"{shown}: nested too deeply (limit {MAX_DEPTH} levels)"]) from None
    if node is None:
        raise DataError([f"{shown}: file is empty; it needs a mapping of keys"])
    return node


def _plain(node: yaml.Node, shown: str) -> dict[str, Any]:
    try:
        data = _build(node, set(), 0)
    except _Problem as problem:
        where = f"{shown}:{problem.mark[0]}:{problem.mark[1]}" if problem.mark else shown
        raise DataError([f"{where}: {problem.message}"]) from None
    if not isinstance(data, dict):
        raise DataError([f"{shown}:1:1: expected a mapping of keys at the top of the file"])
    return data


def _build(node: yaml.Node, seen: set[int], depth: int) -> Any:
    if id(node) in seen:
        raise _Problem(node, "anchors and aliases (*name) are not supported; write the value out")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Problem(node, f"nested more than {MAX_DEPTH} levels deep")
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace(_CORE, "!!", 1) if node.tag.startswith(_CORE) else node.tag
        raise _Problem(node, f"YAML tag {tag} is not allowed; remove it (plain values only)")
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _CORE + "null":
            return None
        if node.tag == _CORE + "int" and _DECIMAL.fullmatch(node.value):
            try:
                return int(node.value)
            except ValueError:  # more digits than Python converts; keep the text
                return node.value
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, seen, depth + 1) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
            raise _Problem(key_node, "keys must be plain text")
        key = key_node.value
        if key in result:
            raise _Problem(key_node, f"duplicate key {key!r}; keep one")
        result[key] = _build(value_node, seen, depth + 1)
    return result


def _mark(node: yaml.Node, loc: Loc, marks: dict[Loc, tuple[int, int]], depth: int) -> None:
    """Record the line and column of ``node`` and of everything in it, under their paths."""
    if depth > MAX_DEPTH:
        return
    marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _mark(item, (*loc, i), marks, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*loc, key_node.value)
            _mark(value_node, key, marks, depth + 1)
            # Point errors about a missing or unknown key at the key itself.
            marks[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)


def _marks_of(read: Callable[[], bytes], shown: str) -> dict[Loc, tuple[int, int]]:
    """Line and column of every value, read again when an error first needs them."""
    try:
        return read_yaml_bytes(read(), shown)[1]
    except DataError:  # the file changed since it loaded; messages name the file only
        return {}


def dotted(loc: Loc) -> str:
    """``positions.us.claims[0].text`` for a location tuple."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def problem_at(origin: Origin, loc: Loc, message: str) -> str:
    """``file:line:col: field.path: message`` for the value at ``loc``."""
    return f"{origin.where(loc)}: {dotted(loc)}: {message}"


def _describe(error: Any, model: type[BaseModel]) -> str:
    kind, loc = error["type"], tuple(error["loc"])
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown key {loc[-1]!r}; did you mean {close[0]!r}?"
        return f"unknown key {loc[-1]!r}; allowed here: {', '.join(allowed)}"
    if kind == "string_pattern_mismatch":
        if error.get("ctx", {}).get("pattern") == NOT_BLANK:
            return "is blank; write the text, or leave an optional field out"
        if loc and loc[-1] == "date":
            return f"{error['input']!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        return f"{error['input']!r} is not an id: use lower-case letters, digits and hyphens"
    if kind in {"dict_type", "model_type"}:
        got = f"{_kind_of(error['input'])} {_short(error['input'])}".rstrip()
        return f"expected a mapping of keys, got {got}"
    if kind in {"string_type", "int_type", "list_type"}:
        got = f"got {_kind_of(error['input'])} {_short(error['input'])}".rstrip()
        hint = ""
        if kind == "int_type" and isinstance(error["input"], str):
            hint = "; write a whole number, without quotes"
        return f"{error['msg'].lower()}, {got}{hint}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        least = error.get("ctx", {}).get("min_length", 1)
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}"
    msg = str(error["msg"]).removeprefix("Value error, ")
    return msg[:1].lower() + msg[1:]


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping at ``loc`` may hold, found by walking the model's annotations."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int) or (get_origin(current) is dict):
            args = get_args(current)
            current = args[-1] if args else Any
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else Any
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """``Annotated[X, ...]`` and ``X | None`` to ``X``."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
            continue
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) in (Union, UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def _kind_of(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", int: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    if value is None or isinstance(value, dict | list):
        return ""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _validate(model: type[M], data: Any, origin: Origin, problems: list[str]) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = _merge_typos(exc.errors())
        for error in errors:
            problems.append(problem_at(origin, tuple(error["loc"]), _describe(error, model)))
        return None


def _merge_typos(errors: list[Any]) -> list[Any]:
    """A misspelt required key is one mistake, not two: drop its "missing" twin.

    The unknown key's own message then suggests the required key it resembles.
    """
    missing = {tuple(e["loc"]): e for e in errors if e["type"] == "missing"}
    dropped: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] != "extra_forbidden" or not loc:
            continue
        wanted = [str(m[-1]) for m in missing if m[:-1] == loc[:-1] and m not in dropped]
        close = difflib.get_close_matches(str(loc[-1]), wanted, n=1, cutoff=0.6)
        if close:
            dropped.add((*loc[:-1], close[0]))
    return [e for e in errors if tuple(e["loc"]) not in dropped or e["type"] != "missing"]


def _issue_files(folder: Path, shown: str) -> list[Path]:
    if not folder.exists():
        raise UsageError(
            f"{shown}: positions folder not found; pass --positions DIR or set {ENV_VAR}"
        )
    if not folder.is_dir():
        raise UsageError(f"{shown}: is a file; --positions takes the folder holding {DATASET_FILE}")
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise DataError([f"{shown}: cannot read folder: {exc.strerror or exc}"]) from None
    if not entries:
        needs = f"a dataset folder holds {DATASET_FILE} and one <id>.yaml per issue"
        raise DataError([f"{shown}: folder is empty; {needs} (see positions/README.md)"])
    names = {entry.name for entry in entries}
    if DATASET_FILE not in names:
        hint = "a dataset folder needs one (see positions/README.md)"
        if "dataset.yml" in names:
            hint = "found dataset.yml: rename it to dataset.yaml"
        raise DataError([f"{shown}: no {DATASET_FILE} here; {hint}"])
    # Hidden files (".x.yaml": editor swap and backup files) are not issues.
    return [
        e
        for e in entries
        if e.suffix in ISSUE_SUFFIXES
        and e.name not in (DATASET_FILE, "dataset.yml")
        and not e.name.startswith(".")
        and e.is_file()
    ]


def issue_files(folder: Path | str) -> list[Path]:
    """The issue files of a dataset folder, checked as ``load_dataset`` checks the folder."""
    return _issue_files(Path(folder), str(folder))


def issue_ids(folder: Path | str) -> list[str]:
    """The issue ids of a dataset folder from its file names alone (ids equal file stems)."""
    return sorted({path.stem for path in _issue_files(Path(folder), str(folder))})


# Turns a schema-1 dataset's plain data (dataset file, {file name: issue data}) into
# schema 2 in memory; see gapcli.migrate.upgrade.
Upgrade = Callable[[Any, dict[str, Any]], tuple[Any, dict[str, Any]]]


def load_dataset(folder: Path | str, upgrade: Upgrade | None = None) -> Dataset:
    """Load and cross-check a dataset folder; raise DataError listing every problem.

    With ``upgrade``, a schema-1 dataset is migrated in memory instead of refused.
    """
    shown = str(folder)
    folder = Path(folder)
    files = _issue_files(folder, shown)
    readers = {
        path.name: partial(_read_bytes, path, str(path)) for path in [folder / DATASET_FILE, *files]
    }
    return _load(shown, str(folder / DATASET_FILE)[: -len(DATASET_FILE)], readers, upgrade)


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
        data = _plain(_compose(read(), shown), shown)
    except DataError as exc:
        problems.extend(exc.problems)
        return None, Origin(shown)
    # Line numbers are only for error messages: read them if and when one needs them.
    return data, Origin(shown, read_marks=partial(_marks_of, read, shown))


def _load(
    shown: str, prefix: str, readers: Mapping[str, Callable[[], bytes]], upgrade: Upgrade | None
) -> Dataset:
    """Parse and validate the dataset file, then each issue file; cross-check them together."""
    problems: list[str] = []
    meta_data, meta_origin = _parse(readers[DATASET_FILE], prefix + DATASET_FILE, problems)
    issue_readers = [(name, read) for name, read in readers.items() if name != DATASET_FILE]
    if not issue_readers:
        problems.append(f"{shown}: no issue files; add one <id>.yaml per issue")
    migrated: dict[str, tuple[Any, Origin]] | None = None
    if meta_data is not None and upgrade is not None and _schema_1(meta_data):
        parsed = {name: _parse(read, prefix + name, problems) for name, read in issue_readers}
        found = {name: data for name, (data, _) in parsed.items() if data is not None}
        meta_data, found = upgrade(meta_data, found)
        # Migrated data has no lines of its own: messages name the file and the field.
        meta_origin = Origin(meta_origin.path)
        migrated = {name: (found.get(name), Origin(o.path)) for name, (_, o) in parsed.items()}
    meta = None
    if meta_data is not None:
        _check_schema(meta_data, meta_origin)
        meta = _validate(DatasetFile, meta_data, meta_origin, problems)
    origins: dict[str, Origin] = {DATASET_FILE_KEY: meta_origin}
    issues: dict[str, Issue] = {}
    unloaded: set[str] = set()  # stems of issue files that failed: no knock-on errors about them
    for name, read in issue_readers:
        stem, suffix = name.rsplit(".", 1)
        if migrated is not None:
            data, origin = migrated[name]
        else:
            data, origin = _parse(read, prefix + name, problems)
        issue = None if data is None else _validate(Issue, data, origin, problems)
        if issue is None:
            unloaded.add(stem)
            continue
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
            continue
        issues[issue.id] = issue
        origins[issue.id] = origin
    if meta is not None:
        problems.extend(_cross_check(meta, meta_origin, issues, origins, unloaded))
    if problems:
        if migrated is not None:
            problems.insert(0, _UNDECIDED.format(shown=shown))
        raise DataError(problems)
    assert meta is not None
    ordered = list(dict.fromkeys([*meta.order, *sorted(issues)]))  # reading order, then by id
    return Dataset(meta=meta, issues=[issues[k] for k in ordered], origins=origins)


_UNDECIDED = (
    "{shown}: a schema-1 dataset, read through the migration in memory; it could not decide "
    "what is listed below. Run 'gapcli migrate DIR -o NEWDIR' on it, then review what it lists"
)


def _schema_1(data: Any) -> bool:
    return isinstance(data, dict) and data.get("schema") in (None, 1)


MIGRATION = "docs/migration.md"
_V2_CHANGES = (
    "stances are attributed entries (text, by, voice, cite) and may be left out; "
    "`perception` is now `readings` (with `of` and `about`); every claim, reading, ask, "
    "common-ground and bridge entry has an `id` and a `voice`; the source's own analysis "
    "moves from the sides to the issue's `analysis` list"
)


def _check_schema(data: dict[str, Any], origin: Origin) -> None:
    """A dataset written for another schema is one clear error, not hundreds of field errors."""
    version = data.get("schema")
    if version == SCHEMA_VERSION:
        return
    if version is None or version == 1:
        found = (
            f"{origin.where(('schema',))}: schema: 1 is"
            if "schema" in data
            else f"{origin.path}: no `schema: {SCHEMA_VERSION}` here, so this is"
        )
        raise DataError(
            [
                f"{found} a schema-1 dataset; gapcli reads schema {SCHEMA_VERSION}, in which "
                f"{_V2_CHANGES}. Run 'gapcli migrate DIR -o NEWDIR' to rewrite it, then review "
                f"what it lists (see {MIGRATION})"
            ]
        )
    raise DataError(
        [
            problem_at(
                origin,
                ("schema",),
                f"unknown schema {version!r}; this gapcli reads schema {SCHEMA_VERSION} "
                f"(see {MIGRATION})",
            )
        ]
    )


def iter_citations(value: Any, loc: Loc = ()) -> Iterable[tuple[Loc, Citation]]:
    """Every citation inside a model, with its location."""
    if isinstance(value, Citation):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in _model_fields(type(value)):
            yield from iter_citations(getattr(value, name), (*loc, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_citations(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_citations(item, (*loc, key))


@cache
def _model_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose type mentions a model (only they can hold citations)."""
    fields = model.model_fields.items()
    return tuple(name for name, info in fields if _mentions_model(info.annotation))


def _mentions_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_mentions_model(arg) for arg in get_args(annotation))


def _repeats(ids: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Index and id of every entry whose id an earlier entry already has."""
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            yield i, item_id
        seen.add(item_id)


def _cross_check(
    meta: DatasetFile,
    meta_origin: Origin,
    issues: dict[str, Issue],
    origins: dict[str, Origin],
    unloaded: set[str],
) -> list[str]:
    """Rules that span files; each is a set or dict lookup, so the whole pass is linear."""
    problems: list[str] = []
    for name in ("parties", "sources", "facts", "timeline", "recommendations"):
        for i, dup in _repeats(item.id for item in getattr(meta, name)):
            problems.append(problem_at(meta_origin, (name, i, "id"), f"duplicate id {dup!r}"))
    parties = {p.id for p in meta.parties}
    paragraphs = {s.id: s.paragraphs for s in meta.sources}

    def check_cites(model: BaseModel, origin: Origin) -> None:
        for loc, cite in iter_citations(model):
            if cite.source not in paragraphs:
                known = ", ".join(sorted(paragraphs))
                problems.append(
                    problem_at(
                        origin,
                        (*loc, "source"),
                        f"unknown source {cite.source!r}; declared: {known}",
                    )
                )
            elif cite.para > paragraphs[cite.source]:
                problems.append(
                    problem_at(
                        origin,
                        (*loc, "para"),
                        f"paragraph {cite.para} is past the end of {cite.source!r} "
                        f"({paragraphs[cite.source]} paragraphs)",
                    )
                )

    def check_refs(ids: list[str], loc: Loc, origin: Origin) -> None:
        for i, ref in enumerate(ids):
            if ref not in issues and ref not in unloaded:
                problems.append(problem_at(origin, (*loc, i), f"no issue with id {ref!r}"))

    check_cites(meta, meta_origin)
    check_refs(meta.order, ("order",), meta_origin)
    for name in ("facts", "timeline", "recommendations"):
        for i, item in enumerate(getattr(meta, name)):
            check_refs(item.issues, (name, i, "issues"), meta_origin)
    for issue in issues.values():
        origin = origins[issue.id]
        for party in issue.positions:
            if party not in parties:
                declared = ", ".join(p.id for p in meta.parties)
                problems.append(
                    problem_at(
                        origin,
                        ("positions", party),
                        f"party {party!r} is not declared in {DATASET_FILE} (declared: {declared})",
                    )
                )
        check_cites(issue, origin)
        problems.extend(_check_entries(issue, origin, meta))
        check_refs(issue.related, ("related",), origin)
        if issue.id in issue.related:
            at = ("related", issue.related.index(issue.id))
            problems.append(problem_at(origin, at, "an issue is not related to itself; remove it"))
    return problems


def _check_entries(issue: Issue, origin: Origin, meta: DatasetFile) -> Iterator[str]:
    """Ids unique in the issue, voices in their place, readings pointing at what exists."""
    seen: dict[str, Loc] = {}
    for loc, entries in issue.claim_lists():
        for i, entry in enumerate(entries):
            at = (*loc, i)
            if entry.id in seen:
                first = dotted(seen[entry.id])
                yield problem_at(
                    origin,
                    (*at, "id"),
                    f"duplicate id {entry.id!r} (also at {first}); ids are unique within an issue",
                )
            else:
                seen[entry.id] = at
            in_side = loc[0] == "positions"
            if in_side and entry.voice is Voice.ANALYSIS:
                yield problem_at(
                    origin,
                    (*at, "voice"),
                    "the source's own analysis does not belong under a side; move this entry "
                    "to the issue's `analysis` list",
                )
            elif loc == ("analysis",) and entry.voice is not Voice.ANALYSIS:
                where = (
                    "under the side it speaks for"
                    if entry.voice in OFFICIAL_VOICES
                    else (
                        "under its side's claims or readings (other voices are shown apart), or in "
                        "common_ground"
                    )
                )
                yield problem_at(
                    origin,
                    (*at, "voice"),
                    f"the `analysis` list holds the source's own analysis (voice: analysis), "
                    f"not a {entry.voice.value} view; put it {where}",
                )
    parties = [p.id for p in meta.parties]
    for party, position in issue.positions.items():
        for i, reading in enumerate(position.readings):
            here: Loc = ("positions", party, "readings", i)
            read = reading.of
            if read is None:
                if len(parties) > 2:
                    yield problem_at(
                        origin,
                        here,
                        f"with {len(parties)} parties a reading must say whom it reads: "
                        f"add `of:` with one of {', '.join(p for p in parties if p != party)}",
                    )
                    continue
                read = next((p for p in parties if p != party), None)
            elif read not in parties:
                yield problem_at(
                    origin,
                    (*here, "of"),
                    f"party {read!r} is not declared in {DATASET_FILE} "
                    f"(declared: {', '.join(parties)})",
                )
                continue
            elif read == party:
                yield problem_at(
                    origin,
                    (*here, "of"),
                    "a side's reading of itself is a claim; move it to claims",
                )
                continue
            other = issue.positions.get(read) if read else None
            ids = {e.id for _, e in other.entries()} if other else set()
            for j, ref in enumerate(reading.about):
                if ref not in ids:
                    known = ", ".join(sorted(ids)) or "none"
                    yield problem_at(
                        origin,
                        (*here, "about", j),
                        f"no entry {ref!r} in the position of {read!r} in this issue "
                        f"(ids there: {known})",
                    )
