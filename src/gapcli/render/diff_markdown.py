"""``gapcli diff --md`` and the briefing's "What changed since ..." section in Markdown."""

from __future__ import annotations

from gapcli.document.change_words import (
    HOW,
    attribution_of,
    both_texts,
    counts,
    describe,
    details,
    entry_id,
    field_kind,
    kind,
    place,
    since,
)
from gapcli.render.markdown import md
from gapcli.views.diff import DatasetDiff, EntryChange, FieldChange, IssueDiff, Status, word_diff


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
