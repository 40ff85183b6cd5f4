"""Machine-readable output: plain dicts and lists built from the models, and ``dumps``.

Every document is an object with ``"gapcli_json": FORMAT`` (bumped only on an
incompatible change) and ``"kind"`` naming the command that made it. Models are dumped
with every key present (an absent optional value is ``null``), so the shape is stable.
The format is documented in docs/json.md.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

from gapcli.document.change_words import kind
from gapcli.domain.models import INVISIBLE, Dataset, Event, Fact, Issue, Statement, Voice
from gapcli.domain.walk import iter_citations
from gapcli.views.diff import PAIR, STANCE, WORDING_FIX, DatasetDiff, EntryChange, Status, Version
from gapcli.views.explore import PerceptionRow, Speaker, narrowed_meta, when
from gapcli.views.filters import Filters
from gapcli.views.sides import MirrorPair, sides
from gapcli.views.statements import Said

FORMAT = 3

Json = dict[str, Any]
# Legal raw inside JSON strings, but they drive or disguise a terminal (C1 controls, DEL,
# bidirectional overrides, line separators): written as \uXXXX, which parses back the same.
_UNSAFE = re.compile(f"[{INVISIBLE}]")


def dumps(document: Json) -> str:
    """UTF-8 JSON, two-space indented, ending in a newline; no raw terminal controls and no
    invisible characters (written as ``\\uXXXX``, which parses back the same)."""
    return _UNSAFE.sub(_escape, _indented(document)) + "\n"


def _indented(document: Json) -> str:
    """``json.dumps(document, ensure_ascii=False, indent=2)``, character for character
    (tests/test_json.py compares the two on any document gapcli writes), from pydantic-core's
    serializer: the standard library indents in Python, a fifth of `export --json`.

    A text that is not valid Unicode (a lone surrogate, which a YAML escape can make) goes
    to the standard library, which writes it as it always has."""
    try:
        return to_json(document, indent=2).decode()
    except PydanticSerializationError:
        return json.dumps(document, ensure_ascii=False, indent=2)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON writes astral characters as a pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def _doc(kind: str, **body: Any) -> Json:
    return {"gapcli_json": FORMAT, "kind": kind, **body}


def filters(chosen: Filters) -> Json:
    """The filters a document was narrowed by (``[]``/``null`` where none was given)."""
    return {
        "issues": list(chosen.issues),
        "tags": list(chosen.tags),
        "all_tags": chosen.all_tags,
        "sides": list(chosen.sides),
        "voices": [v.value for v in chosen.voices],
        "by": chosen.by,
    }


def issue_list(issues: list[Issue], chosen: Filters | None = None) -> Json:
    """``gapcli list --json``: one summary object per issue."""
    keys = ("id", "title", "question", "tags", "gap_type", "summary")
    rows = [issue.model_dump(mode="json", include=set(keys)) for issue in issues]
    return _doc(
        "list",
        filters=filters(chosen or Filters()),
        issues=[{k: row[k] for k in keys} for row in rows],
    )


def compare(issue: Issue, dataset: Dataset) -> Json:
    """``gapcli compare --json``: the declared parties, the whole issue, the sources it cites."""
    cited = {cite.source for _, cite in iter_citations(issue)}
    return _doc(
        "compare",
        parties=[p.model_dump(mode="json") for p in dataset.meta.parties],
        issue=issue.model_dump(mode="json"),
        sides=[
            {
                "party": s.party.id,
                "official": {
                    "claims": [c.id for c in s.claims],
                    "readings": [r.id for r in s.readings],
                    "asks": [a.id for a in s.asks],
                },
                "other_voices": [e.id for _, e in s.others],
            }
            for s in sides(issue, dataset)
        ],
        sources=[s.model_dump(mode="json") for s in dataset.meta.sources if s.id in cited],
    )


def said(item: Said) -> Json:
    """One statement (or lone field): where it is, what it is, who says it, its fields."""
    return {
        "issue": item.issue,
        "party": item.party,
        "item": item.item,
        "kind": item.kind,
        "path": item.path,
        "text": item.text,
        "by": item.by,
        "voice": None if item.voice is None else item.voice.value,
        "cite": [c.model_dump(mode="json") for c in item.cite],
    }


def search(query: str, chosen: Filters, hits: list[Said]) -> Json:
    """``gapcli search --json``: one object per matching statement, in output order, with
    each matching field and the offsets of every match in it."""
    return _doc(
        "search",
        query=query,
        filters=filters(chosen),
        hits=[
            {
                **said(hit),
                "matches": [
                    {
                        "field": f.name,
                        "text": f.text,
                        "spans": [{"start": a, "end": b} for a, b in f.spans],
                    }
                    for f in hit.fields
                ],
            }
            for hit in hits
        ],
    )


def speakers(found: list[Speaker], chosen: Filters, with_statements: bool = False) -> Json:
    """``gapcli voices --json`` (counts) and ``gapcli who --json`` (with the statements)."""
    rows = []
    for speaker in found:
        row: Json = {
            "by": speaker.by,
            "voice": None if speaker.voice is None else speaker.voice.value,
            "party": speaker.party,
            "statements": len(speaker.said),
            "issues": speaker.issues,
        }
        if with_statements:
            row["said"] = [said(item) for item in speaker.said]
        rows.append(row)
    return _doc("who" if with_statements else "voices", filters=filters(chosen), speakers=rows)


def perceptions(rows: list[PerceptionRow], dataset: Dataset) -> Json:
    """``gapcli perceptions --json``: per issue, who reads whom (null: nothing recorded)."""
    issues: dict[str, Json] = {}
    for row in rows:
        entry = issues.setdefault(
            row.issue.id, {"id": row.issue.id, "title": row.issue.title, "readings": {}}
        )
        entry["readings"][row.reader.id] = (
            {read: [r.model_dump(mode="json") for r in found] for read, found in row.views.items()}
            if row.has_position
            else None
        )
    return _doc(
        "perceptions",
        parties=[p.model_dump(mode="json") for p in dataset.meta.parties],
        issues=list(issues.values()),
    )


def mirror(pairs: list[MirrorPair], dataset: Dataset) -> Json:
    """``gapcli mirror --json``: each ordered pair, its readings and the read side's account."""
    return _doc(
        "mirror",
        parties=[p.model_dump(mode="json") for p in dataset.meta.parties],
        pairs=[
            {
                "issue": pair.issue.id,
                "reader": pair.reader.id,
                "read": pair.read.id,
                "readings": [
                    {
                        "reading": line.reading.model_dump(mode="json"),
                        "answers": [a.model_dump(mode="json") for a in line.answers],
                    }
                    for line in pair.lines
                ],
                "read_stance": None if pair.stance is None else pair.stance.model_dump(mode="json"),
            }
            for pair in pairs
        ],
    )


def timeline(events: list[Event]) -> Json:
    """``gapcli timeline --json``: events in chronological order, with their display date."""
    return _doc(
        "timeline",
        events=[
            {**e.model_dump(mode="json"), "when": when(e), "approximate": e.approximate}
            for e in events
        ],
    )


def facts(items: list[Fact]) -> Json:
    """``gapcli facts --json``: the context figures in dataset order."""
    return _doc("facts", facts=[f.model_dump(mode="json") for f in items])


def export(dataset: Dataset, issues: list[Issue]) -> Json:
    """``gapcli export --json``: the dataset file and the chosen issues, narrowed like ``--md``."""
    return _doc(
        "export",
        dataset=narrowed_meta(dataset, issues).model_dump(mode="json", by_alias=True),
        issues=[i.model_dump(mode="json") for i in issues],
    )


# --- gapcli diff --json ------------------------------------------------------------------------


def _diff_entry(entry: Statement | None, voice: Voice | None) -> Json | None:
    if entry is None:
        return None
    dumped = entry.model_dump(mode="json")
    dumped["voice"] = voice.value if voice else None
    return dumped


def _version(version: Version) -> Json:
    meta = version.dataset.meta
    return {
        "label": version.label,
        "version": meta.version,
        "as_of": meta.as_of,
        "schema": 1 if version.schema_1 else 2,
        "voice_not_recorded": [
            {"issue": issue or None, "id": entry} for issue, entry in sorted(version.unrecorded)
        ],
    }


def _change_json(change: EntryChange) -> Json:
    text = change.text
    return {
        "status": change.status.value,
        "kind": kind(change),
        "party": change.party,
        "list": change.where,
        "id": change.new_id if change.where != STANCE else None,
        "old_id": change.old_id if change.where != STANCE else None,
        "wording": text.wording.value if text else None,
        "similarity": text.similarity if text else None,
        "matched_by": None
        if change.status is not Status.CHANGED
        else ("id" if change.similarity is None else "wording"),
        "match_similarity": change.similarity,
        "moved_from": None
        if change.moved_from is None
        else {"party": change.moved_from[0], "list": change.moved_from[1]},
        "changed": list(change.changed),
        "old": _diff_entry(change.old, change.old_voice),
        "new": _diff_entry(change.new, change.new_voice),
    }


def diff_json(diff: DatasetDiff) -> Json:
    """``gapcli diff --json``: versioned like every gapcli JSON document."""
    body: dict[str, Any] = {
        "old": _version(diff.old),
        "new": _version(diff.new),
        "thresholds": {"pair": PAIR, "wording_fix": WORDING_FIX},
        "summary": {
            "changed": diff.count(Status.CHANGED),
            "added": diff.count(Status.ADDED),
            "removed": diff.count(Status.REMOVED),
            "unchanged": len(diff.unchanged),
        },
        "dataset": [{"field": c.field, "old": c.old, "new": c.new} for c in diff.meta],
        "issues": [
            {
                "id": issue.id,
                "title": issue.title,
                "status": issue.status.value,
                "fields": [{"field": c.field, "old": c.old, "new": c.new} for c in issue.fields],
                "changes": [_change_json(c) for c in issue.entries],
            }
            for issue in diff.issues
        ],
        "unchanged": diff.unchanged,
    }
    return {"gapcli_json": FORMAT, "kind": "diff", **body}
