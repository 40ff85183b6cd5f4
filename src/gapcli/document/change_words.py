"""The words every "What changed" view shares (terminal, Markdown, Word, HTML): versions,
kinds of change, places, details, counts."""

from __future__ import annotations

from gapcli.domain.models import Citation, Reading, Statement, Voice
from gapcli.domain.text import plural
from gapcli.views.diff import (
    PAIR,
    STANCE,
    WORDING_FIX,
    DatasetDiff,
    EntryChange,
    FieldChange,
    Status,
    Version,
)

LIST_NAME = {
    "claims": "claims",
    "readings": "readings",
    "asks": "asks",
    "analysis": "the source's analysis",
    "common_ground": "common ground",
    "bridges": "bridges",
    STANCE: "stance",
}
NOT_RECORDED = "not recorded"
HOW = (
    f"Entries are matched by id, else by wording (similarity at least {PAIR}); an edit that "
    f"keeps at least {WORDING_FIX} similarity and changes no negation or number is a wording fix."
)


def describe(version: Version) -> str:
    """``7a9b2c7 (schema 1, read through the migration)`` or ``positions (version 2.0)``."""
    if version.schema_1:
        return f"{version.label} (schema 1, read through the migration in memory)"
    name = version.name
    return version.label if name == version.label else f"{version.label} ({name})"


def since(version: Version) -> str:
    """What the briefing's section is since: the version, else the date, else the label."""
    return version.name


def kind(change: EntryChange) -> str:
    """``added``, ``removed``, ``reworded``, ``wording fix``, ``moved`` or ``changed``."""
    if change.status is not Status.CHANGED:
        return change.status.value
    if change.text is not None:
        return change.text.wording.value
    return "moved" if change.moved_from else "changed"


def place(party: str | None, where: str, labels: dict[str, str]) -> str:
    """``Washington, claims`` or ``the source's analysis``."""
    name = LIST_NAME[where]
    return f"{labels.get(party, party)}, {name}" if party else name[:1].upper() + name[1:]


def _voice(voice: Voice | None) -> str:
    return voice.value if voice else NOT_RECORDED


def _paras(cites: list[Citation]) -> str:
    return ", ".join(dict.fromkeys(f"{c.source} ¶{c.para}" for c in cites))


def details(change: EntryChange, labels: dict[str, str]) -> list[str]:
    """What else changed, in words: voice, who, citations, whom a reading reads, the match."""
    old, new = change.old, change.new
    out: list[str] = []
    if old is not None and new is not None:
        for name in change.changed:
            if name == "voice":
                out.append(f"voice: {_voice(change.old_voice)} → {_voice(change.new_voice)}")
            elif name == "by":
                out.append(f"by: {old.by} → {new.by}")
            elif name == "citations":
                before, after = _paras(old.cite), _paras(new.cite)
                same = before == after
                out.append("quotes changed" if same else f"citations: {before} → {after}")
            elif name == "as_of":
                out.append(f"as of: {old.as_of or '-'} → {new.as_of or '-'}")
            elif isinstance(old, Reading) and isinstance(new, Reading):
                out.append(_reading_detail(name, old, new))
        if change.moved_from:
            out.append(f"moved from {place(*change.moved_from, labels)}")
        if change.similarity is not None:
            out.append(f"matched by wording to {change.old_id}, {change.similarity:.2f}")
        elif change.old_id != change.new_id and change.where != STANCE:
            out.append(f"id was {change.old_id}")
    return out


def _reading_detail(name: str, old: Reading, new: Reading) -> str:
    if name == "of":
        return f"reads: {old.of or 'the other side'} → {new.of or 'the other side'}"
    if name == "about":
        return f"answers: {', '.join(old.about) or '-'} → {', '.join(new.about) or '-'}"
    verdicts = [r.assessment.verdict.value if r.assessment else "-" for r in (old, new)]
    return f"the source's assessment: {verdicts[0]} → {verdicts[1]}"


def attribution_of(entry: Statement, voice: Voice | None) -> str:
    """``by · voice`` (``not recorded`` where schema 1 did not say)."""
    return f"{entry.by} · {_voice(voice)}"


def entry_id(change: EntryChange) -> str:
    """The id shown for a change (the new one where there is one)."""
    return "" if change.where == STANCE else (change.new_id or change.old_id or "")


def field_kind(change: FieldChange) -> str:
    """``set``, ``removed``, ``quotes changed`` or ``changed``."""
    if change.old is None:
        return "set"
    if change.new is None:
        return "removed"
    return "quotes changed" if change.old == change.new else "changed"


def both_texts(field: FieldChange) -> tuple[str, str] | None:
    """Old and new text when both exist and differ (else the headline says it all)."""
    if field.old is None or field.new is None or field.old == field.new:
        return None
    return field.old, field.new


def counts(diff: DatasetDiff) -> str:
    """``7 issues changed, 1 added, 0 removed, 2 unchanged.``"""
    changed = plural(diff.count(Status.CHANGED), "issue")
    return (
        f"{changed} changed, {diff.count(Status.ADDED)} added, "
        f"{diff.count(Status.REMOVED)} removed, {len(diff.unchanged)} unchanged."
    )
