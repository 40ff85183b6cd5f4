"""``gapcli diff`` as a terminal view, Markdown (also the briefing's "What changed" section)
and JSON, all from one ``DatasetDiff``. Dataset text is always literal."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gapcli.domain.models import Citation, Reading, Statement, Voice
from gapcli.domain.text import plural
from gapcli.render.json import FORMAT, Json
from gapcli.render.markdown import md
from gapcli.render.terminal.issues import t
from gapcli.views.diff import (
    PAIR,
    STANCE,
    WORDING_FIX,
    DatasetDiff,
    EntryChange,
    FieldChange,
    IssueDiff,
    Status,
    Version,
    word_diff,
)

DELETE, INSERT = "red strike", "green bold"
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


# --- words shared by every view ------------------------------------------------------------


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


# --- terminal ----------------------------------------------------------------------------------


def _words(old: str, new: str) -> tuple[Text, Text]:
    before, after = Text(), Text()
    for tag, words in word_diff(old, new):
        for out, show in ((before, tag != "insert"), (after, tag != "delete")):
            if show:
                if out:
                    out.append(" ")
                out.append_text(t(words, {"delete": DELETE, "insert": INSERT}.get(tag, "")))
    return before, after


def _row(grid: Table, marker: str, text: Text) -> None:
    grid.add_row(Text(marker, style="dim"), text)


def _grid(indent: int) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=indent, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def _change_view(change: EntryChange, labels: dict[str, str]) -> RenderableType:
    head = Text()
    head.append(kind(change), style="bold")
    if entry_id(change):
        head.append(" ")
        head.append_text(t(entry_id(change), "cyan"))
    said = details(change, labels)
    if said:
        head.append_text(t("; " + "; ".join(said), "dim"))
    old, new = change.old, change.new
    grid = _grid(1)
    if change.status is Status.ADDED and new is not None:
        _row(grid, "+", t(f"{new.text} — {attribution_of(new, change.new_voice)}"))
    elif change.status is Status.REMOVED and old is not None:
        _row(grid, "-", t(f"{old.text} — {attribution_of(old, change.old_voice)}"))
    elif change.text is not None:
        before, after = _words(change.text.old, change.text.new)
        if change.where == STANCE:
            table = Table(box=box.SQUARE, expand=True)
            table.add_column("Before")
            table.add_column("Now")
            table.add_row(before, after)
            return Group(head, table)
        _row(grid, "-", before)
        _row(grid, "+", after)
    else:
        return head
    return Group(head, _indented(grid, 2))


def _field_view(field: FieldChange) -> RenderableType:
    head = Text(f"{field.field} {field_kind(field)}", style="bold")
    both = both_texts(field)
    if both is None:
        if field.old is None or field.new is None:
            head.append_text(t(f": {field.new or field.old}"))
        return head
    grid = _grid(1)
    before, after = _words(*both)
    _row(grid, "-", before)
    _row(grid, "+", after)
    return Group(head, _indented(grid, 2))


def _issue_view(issue: IssueDiff, labels: dict[str, str]) -> RenderableType:
    title = Text()
    title.append_text(t(issue.title, "bold"))
    title.append(" (")
    title.append_text(t(issue.id, "cyan"))
    title.append(")")
    if issue.status is not Status.CHANGED:
        title.append(f": issue {issue.status.value}", style="bold")
        return title
    parts: list[RenderableType] = [title]
    parts += [_indented(_field_view(field), 2) for field in issue.fields]
    current: tuple[str | None, str] | None = None
    for change in issue.entries:
        if (change.party, change.where) != current:
            current = (change.party, change.where)
            parts.append(_indented(t(place(change.party, change.where, labels), "bold"), 2))
        parts.append(_indented(_change_view(change, labels), 4))
    return Group(*parts)


def _indented(renderable: RenderableType, indent: int) -> RenderableType:
    return Padding(renderable, (0, 0, 0, indent))


def diff_view(diff: DatasetDiff) -> RenderableType:
    """The terminal view: the versions, the dataset file, each changed issue, the rest in a line."""
    labels = diff.labels()
    parts: list[RenderableType] = [
        t(f"From {describe(diff.old)}"),
        t(f"to {describe(diff.new)}"),
        t(counts(diff), "bold"),
    ]
    if diff.meta:
        parts += [Text(""), Text("Dataset file", style="bold")]
        parts += [_indented(_field_view(field), 2) for field in diff.meta]
    for issue in diff.issues:
        parts += [Text(""), _issue_view(issue, labels)]
    if diff.unchanged:
        parts += [Text(""), t(f"Unchanged ({len(diff.unchanged)}): {', '.join(diff.unchanged)}.")]
    parts += [Text(""), t(HOW, "dim")]
    return Group(*parts)


# --- Markdown ----------------------------------------------------------------------------------


def _md_words(old: str, new: str) -> tuple[str, str]:
    before, after = [], []
    for tag, words in word_diff(old, new):
        if tag != "insert":
            before.append(f"~~{md(words)}~~" if tag == "delete" else md(words))
        if tag != "delete":
            after.append(f"**{md(words)}**" if tag == "insert" else md(words))
    return " ".join(before), " ".join(after)


def _md_change(change: EntryChange, labels: dict[str, str]) -> list[str]:
    ident = f" `{entry_id(change)}`" if entry_id(change) else ""
    said = details(change, labels)
    extra = f" ({md('; '.join(said))})" if said else ""
    head = f"  - *{kind(change)}*{ident}{extra}"
    old, new = change.old, change.new
    if change.status is Status.ADDED and new is not None:
        return [f"{head}: {md(new.text)} — *{md(attribution_of(new, change.new_voice))}*"]
    if change.status is Status.REMOVED and old is not None:
        return [f"{head}: {md(old.text)} — *{md(attribution_of(old, change.old_voice))}*"]
    if change.text is None:
        return [head]
    before, after = _md_words(change.text.old, change.text.new)
    return [head, f"    - before: {before}", f"    - now: {after}"]


def _md_fields(fields: list[FieldChange]) -> list[str]:
    lines = []
    for field in fields:
        head = f"- **{field.field}** {field_kind(field)}"
        both = both_texts(field)
        if both is None:
            lone = field.new or field.old or ""
            lines.append(head + (f": {md(lone)}" if field.old is None or field.new is None else ""))
            continue
        before, after = _md_words(*both)
        lines += [head, f"  - before: {before}", f"  - now: {after}"]
    return lines


def issue_markdown(issue: IssueDiff, labels: dict[str, str], level: int) -> list[str]:
    """One issue's changes under a heading of ``level`` (``##`` = 2)."""
    heading = f"{'#' * level} {md(issue.title)} (`{issue.id}`)"
    if issue.status is not Status.CHANGED:
        return [heading, "", f"Issue {issue.status.value}.", ""]
    lines = [heading, "", *_md_fields(issue.fields)]
    current: tuple[str | None, str] | None = None
    for change in issue.entries:
        if (change.party, change.where) != current:
            current = (change.party, change.where)
            lines.append(f"- **{md(place(change.party, change.where, labels))}**")
        lines += _md_change(change, labels)
    return [*lines, ""]


def section(diff: DatasetDiff, level: int) -> list[str]:
    """The summary line, dataset-file changes, every changed issue, and the unchanged ones."""
    labels = diff.labels()
    lines = [md(counts(diff)), ""]
    if diff.meta:
        lines += ["Dataset file:", "", *_md_fields(diff.meta), ""]
    for issue in diff.issues:
        lines += issue_markdown(issue, labels, level)
    if diff.unchanged:
        lines += [f"Unchanged: {', '.join(f'`{i}`' for i in diff.unchanged)}.", ""]
    return [*lines, f"*{md(HOW)}*", ""]


def diff_markdown(diff: DatasetDiff) -> str:
    """``gapcli diff --md``: a page of its own."""
    head = [
        f"# What changed since {md(since(diff.old))}",
        "",
        f"From {md(describe(diff.old))} to {md(describe(diff.new))}.",
        "",
    ]
    return "\n".join(head + section(diff, 2))


def briefing_section(diff: DatasetDiff) -> list[str]:
    """The briefing's "What changed since ..." section (issues as ``###``)."""
    head = [f"## What changed since {md(since(diff.old))}", ""]
    versions = f"From {md(describe(diff.old))} to {md(describe(diff.new))}."
    return [*head, versions, "", *section(diff, 3)]


# --- JSON --------------------------------------------------------------------------------------


def _entry(entry: Statement | None, voice: Voice | None) -> Json | None:
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
        "old": _entry(change.old, change.old_voice),
        "new": _entry(change.new, change.new_voice),
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
