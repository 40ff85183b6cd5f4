"""Schema 1 to schema 2: pure functions on plain parsed data, and the folder around them.

What the migration can decide it does: ``schema: 2``, ``perception`` renamed ``readings``,
an id for every entry, the source's own analysis moved from the sides to the issue's
``analysis`` list. What it cannot decide it lists as a note and leaves out, never guessed:
a voice schema 1 did not record (the written file then fails ``gapcli validate`` at exactly
that field), whom a reading reads when there are more than two parties, and who holds a
stance (it is attributed to the side's first official claim for review, or left out).
docs/migration.md tells what changed and why.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gapcli.domain.entries import SIDE_LISTS
from gapcli.domain.models import SCHEMA_VERSION
from gapcli.domain.values import OFFICIAL_VOICES, Voice
from gapcli.errors import GapcliError, OutputError
from gapcli.io.yaml_text import dump
from gapcli.loader import DATASET_FILE, issue_files, read_yaml
from gapcli.loader.checks import MIGRATION

VOICES = ", ".join(v.value for v in Voice)
_OFFICIAL = {v.value for v in OFFICIAL_VOICES}
SCHEMA_1_LISTS = ("claims", "perception", "asks")  # schema-1 lists under a side, in file order
ISSUE_ORDER = (
    "id", "title", "question", "tags", "gap_type", "summary", "positions", "analysis", "gap",
    "common_ground", "bridges", "related",
)  # fmt: skip
POSITION_ORDER = ("stance", *SIDE_LISTS)
ENTRY_ORDER = ("id", "of", "about", "text", "by", "voice", "cite", "assessment")
STANCE_ORDER = ("text", "by", "voice", "cite")
DATASET_ORDER = (
    "schema", "title", "version", "summary", "parties", "sources", "order", "dialogue", "facts",
    "timeline", "recommendations",
)  # fmt: skip
ITEM_ORDER = ("id", "text", "figure", "by", "voice", "cite", "issues")  # facts, recommendations
DATASET_MODELINE = "# yaml-language-server: $schema=schema/dataset.schema.json"
ISSUE_MODELINE = "# yaml-language-server: $schema=schema/issue.schema.json"
SLUG_WORDS = 5


@dataclass(frozen=True)
class Note:
    """Something the migration could not decide: where it is, and what to review."""

    file: str
    field: str  # dotted path in the migrated file ("" = the whole file)
    message: str

    def shown(self, folder: str = "") -> str:
        """``folder/file: field: message``."""
        where = f"{folder.rstrip('/')}/{self.file}" if folder else self.file
        return ": ".join(p for p in (where, self.field, self.message) if p)


@dataclass
class Unrecorded:
    """Filled-in voices of an in-memory migration: (issue id, or "" for the dataset file, id)."""

    fill: Voice
    entries: set[tuple[str, str]] = field(default_factory=set)


def slug(text: str, words: int = SLUG_WORDS) -> str:
    """An id from the first words of ``text``: ``china-is-the-primary-source``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"(?<=[a-z0-9])['.](?=[a-z0-9])", "", plain)  # U.S., China's: one word
    parts = re.findall(r"[a-z0-9]+", plain)[:words]
    return "-".join(parts)[:48].strip("-") or "entry"


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """The same mapping, known keys in the schema's order, any others after them."""
    return {**{k: data[k] for k in order if k in data}, **data}


def _dotted(*parts: str | int) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def already_migrated(data: Any, file: str) -> None:
    """Raise unless ``data`` (a dataset file) is schema 1: no ``schema`` key, or ``1``."""
    if not isinstance(data, dict):
        raise GapcliError(f"{file}: expected a mapping of keys at the top of the file")
    version = data.get("schema")
    if version == SCHEMA_VERSION:
        raise GapcliError(
            f"{file}: already schema {SCHEMA_VERSION}; there is nothing to migrate "
            "(check it with 'gapcli validate')"
        )
    if version not in (None, 1):
        raise GapcliError(
            f"{file}: schema: unknown schema {version!r}; 'gapcli migrate' reads schema 1 "
            f"(see {MIGRATION})"
        )


def migrate_dataset_file(
    data: dict[str, Any], file: str = DATASET_FILE, unrecorded: Unrecorded | None = None
) -> tuple[dict[str, Any], list[Note]]:
    """A schema-1 dataset file in schema 2, and what to review in it."""
    notes: list[Note] = []
    out = _ordered({"schema": SCHEMA_VERSION, **data}, DATASET_ORDER)
    for name in ("facts", "recommendations"):
        items = out.get(name)
        if not isinstance(items, list):
            continue
        out[name] = [_ordered(i, ITEM_ORDER) if isinstance(i, dict) else i for i in items]
        for i, item in enumerate(out[name]):
            if isinstance(item, dict) and "voice" not in item:
                if unrecorded is not None:
                    item["voice"] = unrecorded.fill.value
                    unrecorded.entries.add(("", str(item.get("id"))))
                    out[name][i] = _ordered(item, ITEM_ORDER)
                notes.append(_no_voice(file, (name, i)))
    return out, notes


def _no_voice(file: str, at: tuple[str | int, ...]) -> Note:
    return Note(
        file,
        _dotted(*at, "voice"),
        f"schema 1 recorded no voice; add the kind of speaker `by` is: one of {VOICES} "
        "(positions/CODEBOOK.md)",
    )


def _entries(data: dict[str, Any]) -> Iterator[tuple[str | None, str, dict[str, Any]]]:
    """Every schema-1 entry as (party or None, list name, entry), in file order."""
    positions = data.get("positions")
    if isinstance(positions, dict):
        for party, position in positions.items():
            if isinstance(position, dict):
                for name in SCHEMA_1_LISTS:
                    for entry in _list(position.get(name)):
                        yield party, name, entry
    for name in ("common_ground", "bridges"):
        for entry in _list(data.get(name)):
            yield None, name, entry


def _list(value: Any) -> list[dict[str, Any]]:
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def migrate_issue(
    data: dict[str, Any],
    parties: list[str],
    file: str,
    unrecorded: Unrecorded | None = None,
) -> tuple[dict[str, Any], list[Note]]:
    """A schema-1 issue in schema 2, and what to review in it (``parties``: declared ids)."""
    issue_id = str(data.get("id", file.rsplit(".", 1)[0]))
    ids: dict[int, str] = {}  # id() of each schema-1 entry -> its new id
    taken: set[str] = set()
    for _, _, entry in _entries(data):
        base = slug(str(entry.get("text", "")))
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        taken.add(new)
        ids[id(entry)] = new

    def entry_of(old: dict[str, Any]) -> dict[str, Any]:
        converted = {"id": ids[id(old)], **old}
        if "voice" not in old and unrecorded is not None:
            converted["voice"] = unrecorded.fill.value
            unrecorded.entries.add((issue_id, ids[id(old)]))
        return _ordered(converted, ENTRY_ORDER)

    out = dict(data)
    analysis: list[dict[str, Any]] = []
    positions = data.get("positions")
    if isinstance(positions, dict):
        out["positions"] = {
            party: _position(party, position, entry_of, analysis)
            if isinstance(position, dict)
            else position
            for party, position in positions.items()
        }
    if analysis:
        out["analysis"] = analysis
    for name in ("common_ground", "bridges"):
        if isinstance(data.get(name), list):
            out[name] = [entry_of(e) if isinstance(e, dict) else e for e in data[name]]
    out = _ordered(out, ISSUE_ORDER)
    return out, [*_issue_notes(out, data, parties, file, unrecorded)]


def _position(
    party: str, old: dict[str, Any], entry_of: Any, analysis: list[dict[str, Any]]
) -> dict[str, Any]:
    """One side in schema 2; its entries in the source's own voice go to ``analysis``."""
    new = {k: v for k, v in old.items() if k not in ("stance", "perception")}
    for name in SCHEMA_1_LISTS:
        if not isinstance(old.get(name), list):
            continue
        kept = []
        for entry in old[name]:
            if isinstance(entry, dict) and entry.get("voice") == Voice.ANALYSIS.value:
                analysis.append(entry_of(entry))
            else:
                kept.append(entry_of(entry) if isinstance(entry, dict) else entry)
        new["readings" if name == "perception" else name] = kept
    stance = old.get("stance")
    if isinstance(stance, str):
        holder = next(
            (c for c in _list(new.get("claims")) if c.get("voice") in _OFFICIAL and "cite" in c),
            None,
        )
        if holder is not None:
            attributed = {"text": stance, **{k: holder[k] for k in ("by", "voice", "cite")}}
            new["stance"] = _ordered(attributed, STANCE_ORDER)
    elif stance is not None:
        new["stance"] = stance  # not schema-1 text: left for validate to point at
    return _ordered(new, POSITION_ORDER)


def _issue_notes(
    new: dict[str, Any],
    old: dict[str, Any],
    parties: list[str],
    file: str,
    unrecorded: Unrecorded | None,
) -> Iterator[Note]:
    """What to review in a migrated issue, in the new file's order."""
    positions = new.get("positions")
    old_positions = old.get("positions")
    if isinstance(positions, dict) and isinstance(old_positions, dict):
        for party, position in positions.items():
            if not isinstance(position, dict):
                continue
            at = ("positions", party)
            stance = old_positions[party].get("stance")
            if isinstance(stance, str):
                yield _stance_note(file, at, stance, position)
            for name in SIDE_LISTS:
                for i, entry in enumerate(_list(position.get(name))):
                    if "voice" not in entry or _filled(unrecorded, new, entry):
                        yield _no_voice(file, (*at, name, i))
                    if name == "readings" and len(parties) > 2 and "of" not in entry:
                        others = ", ".join(p for p in parties if p != party)
                        yield Note(
                            file,
                            _dotted(*at, name, i, "of"),
                            "schema 1 did not record whom this reading reads, and there are "
                            f"{len(parties)} parties; add `of:` with one of {others}",
                        )
    for name in ("analysis", "common_ground", "bridges"):
        for i, entry in enumerate(_list(new.get(name))):
            if "voice" not in entry or _filled(unrecorded, new, entry):
                yield _no_voice(file, (name, i))


def _filled(unrecorded: Unrecorded | None, issue: dict[str, Any], entry: dict[str, Any]) -> bool:
    return unrecorded is not None and (str(issue.get("id")), entry["id"]) in unrecorded.entries


def _stance_note(file: str, at: tuple[str, str], stance: str, position: dict[str, Any]) -> Note:
    attributed = position.get("stance")
    if not isinstance(attributed, dict):
        return Note(
            file,
            _dotted(*at, "stance"),
            f"stance left out for review: {stance!r}; no claim of this side is in an official "
            "voice to attribute it to. Add it back as text, by, voice and cite if a "
            "government, official or legislature holds it (positions/CODEBOOK.md)",
        )
    i = next(i for i, c in enumerate(position["claims"]) if c.get("cite") is attributed["cite"])
    return Note(
        file,
        _dotted(*at, "stance"),
        f"attributed to the side's first claim in an official voice ({_dotted(*at, 'claims', i)}: "
        f"{attributed['by']!r}, {attributed['voice']}) with its citations; check that they hold "
        "this stance and that the citations support it",
    )


def upgrade(
    meta: Any, issues: dict[str, Any], unrecorded: Unrecorded | None = None
) -> tuple[Any, dict[str, Any]]:
    """Schema-1 plain data (dataset file, {file name: issue}) in schema 2, notes dropped.

    The loader's hook for reading an old dataset in memory (``gapcli diff``). With
    ``unrecorded``, a voice schema 1 did not record is filled in so the entry loads, and the
    entry is listed there so that no view presents the filled-in voice as the source's.
    """
    if not isinstance(meta, dict):
        return meta, issues
    new_meta, _ = migrate_dataset_file(meta, unrecorded=unrecorded)
    parties = _party_ids(meta)
    return new_meta, {
        name: migrate_issue(data, parties, name, unrecorded)[0] if isinstance(data, dict) else data
        for name, data in issues.items()
    }


def _party_ids(meta: dict[str, Any]) -> list[str]:
    return [str(p["id"]) for p in _list(meta.get("parties")) if "id" in p]


@dataclass(frozen=True)
class Migration:
    """A migrated folder: its files' text by name, and the notes to review."""

    files: dict[str, str]
    notes: list[Note]
    issues: int


def migrate_folder(folder: Path) -> Migration:
    """Read a schema-1 dataset folder and migrate every file; nothing is written."""
    paths = issue_files(folder, str(folder))
    meta_path = folder / DATASET_FILE
    meta, _ = read_yaml(meta_path, str(meta_path))
    already_migrated(meta, str(meta_path))
    new_meta, notes = migrate_dataset_file(meta)
    files = {DATASET_FILE: dump(new_meta, DATASET_MODELINE, blank_lines=True)}
    notes += _comments(meta_path, DATASET_FILE)
    parties = _party_ids(meta)
    for path in paths:
        data, _ = read_yaml(path, str(path))
        new, found = migrate_issue(data, parties, path.name)
        files[path.name] = dump(new, ISSUE_MODELINE)
        notes += found + _comments(path, path.name)
    kept = {DATASET_FILE, "dataset.yml", "schema", *(p.name for p in paths)}
    for other in sorted(folder.iterdir()):
        if other.name not in kept and not other.name.startswith("."):
            notes.append(
                Note(other.name, "", "not copied (not part of a dataset); copy it if still needed")
            )
    return Migration(files, notes, len(paths))


def _comments(path: Path, name: str) -> list[Note]:
    """A note when a file has comments (other than the modeline): they are not carried over."""
    lines = path.read_text(encoding="utf-8").splitlines()
    count = sum(
        1 for line in lines if line.lstrip().startswith("#") and "yaml-language-server" not in line
    )
    if not count:
        return []
    said = "1 comment line was" if count == 1 else f"{count} comment lines were"
    return [Note(name, "", f"{said} not carried over; copy back the ones still true")]


def write_migration(migration: Migration, source: Path, out: Path, force: bool = False) -> None:
    """Write the migrated files and fresh JSON Schemas into ``out``; ``source`` is never touched.

    An existing ``out`` that holds anything is refused without ``force``; with it, files of
    the same name are replaced and others left as they are.
    """
    from gapcli.authoring.schema import write_schemas
    from gapcli.io.output import new_folder, write_atomic

    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file; -o names the folder to write the dataset into")
    origin, target = source.resolve(), out.resolve()
    if target == origin or origin in target.parents:
        raise OutputError(
            f"{out}: is inside {source}; migrate never writes into the folder it reads, "
            "so choose a new folder outside it"
        )
    new_folder(out, force, "schema")
    for name, text in migration.files.items():
        write_atomic(out / name, text, force=force)
    write_schemas(out / "schema", force=True)
