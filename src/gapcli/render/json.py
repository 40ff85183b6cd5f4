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

from gapcli.explore import Hit, PerceptionRow, narrowed_meta, when
from gapcli.models import INVISIBLE, Dataset, Event, Fact, Issue
from gapcli.sides import MirrorPair, sides
from gapcli.walk import iter_citations

FORMAT = 2

Json = dict[str, Any]
# Legal raw inside JSON strings, but they drive or disguise a terminal (C1 controls, DEL,
# bidirectional overrides, line separators): written as \uXXXX, which parses back the same.
_UNSAFE = re.compile(f"[{INVISIBLE}]")


def dumps(document: Json) -> str:
    """UTF-8 JSON, two-space indented, ending in a newline; no raw terminal controls and no
    invisible characters (written as ``\\uXXXX``, which parses back the same)."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(_escape, text) + "\n"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON writes astral characters as a pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def _doc(kind: str, **body: Any) -> Json:
    return {"gapcli_json": FORMAT, "kind": kind, **body}


def issue_list(issues: list[Issue], tag: str | None = None) -> Json:
    """``gapcli list --json``: one summary object per issue."""
    keys = ("id", "title", "question", "tags", "gap_type", "summary")
    rows = [issue.model_dump(mode="json", include=set(keys)) for issue in issues]
    return _doc("list", tag=tag, issues=[{k: row[k] for k in keys} for row in rows])


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


def search(query: str, tag: str | None, hits: list[Hit]) -> Json:
    """``gapcli search --json``: one object per matching field, in output order."""
    return _doc(
        "search",
        query=query,
        tag=tag,
        hits=[
            {
                "issue": hit.issue,
                "party": hit.party,
                "item": hit.item,
                "field": hit.field,
                "text": hit.text,
                "by": hit.by,
                "voice": None if hit.voice is None else hit.voice.value,
                "matches": [{"start": start, "end": end} for start, end in hit.spans],
                "cite": [c.model_dump(mode="json") for c in hit.cite],
            }
            for hit in hits
        ],
    )


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
