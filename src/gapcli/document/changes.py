""" "What changed since ..." (``export --since``, ``gapcli diff --md``) built once as blocks
(``document/blocks.py``) for Markdown, Word and HTML: words taken out struck, words put in
strong."""

from __future__ import annotations

from gapcli.document.blocks import Block, BulletList, Heading, Paragraph, data
from gapcli.document.brief import Sentence, Span
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
from gapcli.views.diff import DatasetDiff, EntryChange, FieldChange, IssueDiff, Status, word_diff


def _words(old: str, new: str) -> tuple[Sentence, Sentence]:
    """``before: …`` with the words taken out struck, ``now: …`` with the new words strong."""
    before: list[Span] = [Span("before: ")]
    after: list[Span] = [Span("now: ")]
    for tag, words in word_diff(old, new):
        if tag != "insert":
            before += [Span(" ")] if len(before) > 1 else []
            before.append(data(words, struck=tag == "delete"))
        if tag != "delete":
            after += [Span(" ")] if len(after) > 1 else []
            after.append(data(words, strong=tag == "insert"))
    return tuple(before), tuple(after)


def _fields(fields: list[FieldChange], level: int) -> list[tuple[int, Sentence]]:
    out: list[tuple[int, Sentence]] = []
    for field in fields:
        head = (Span(field.field, strong=True), Span(f" {field_kind(field)}"))
        both = both_texts(field)
        if both is None:
            lone = field.new or field.old or ""
            alone = field.old is None or field.new is None
            out.append((level, (*head, Span(": "), data(lone)) if alone else head))
            continue
        before, after = _words(*both)
        out += [(level, head), (level + 1, before), (level + 1, after)]
    return out


def _change(change: EntryChange, labels: dict[str, str]) -> list[tuple[int, Sentence]]:
    """``*reworded* id (details)``, with the entry (added, removed) or its words before and now."""
    ident = entry_id(change)
    said = details(change, labels)
    head: Sentence = (Span(kind(change), em=True),)
    head += (Span(" "), Span(ident, code=True)) if ident else ()
    head += (Span(" ("), data("; ".join(said)), Span(")")) if said else ()
    old, new = change.old, change.new
    shown = {Status.ADDED: new, Status.REMOVED: old}.get(change.status)
    if shown is not None:
        voice = change.new_voice if shown is new else change.old_voice
        said_by = data(attribution_of(shown, voice), em=True)
        return [(1, (*head, Span(": "), data(shown.text), Span(" — "), said_by))]
    if change.text is None:
        return [(1, head)]
    before, after = _words(change.text.old, change.text.new)
    return [(1, head), (2, before), (2, after)]


def _issue(issue: IssueDiff, labels: dict[str, str], level: int) -> list[Block]:
    """``title (id)``, then what changed in it: its fields, then its entries by place."""
    heading = Heading(level, (data(issue.title), Span(" ("), Span(issue.id, code=True), Span(")")))
    if issue.status is not Status.CHANGED:
        return [heading, Paragraph((Span(f"Issue {issue.status.value}."),))]
    items = _fields(issue.fields, 0)
    current: tuple[str | None, str] | None = None
    for change in issue.entries:
        if (change.party, change.where) != current:
            current = (change.party, change.where)
            items.append((0, (data(place(change.party, change.where, labels), strong=True),)))
        items += _change(change, labels)
    return [heading, *_bullets(items)]


def _bullets(items: list[tuple[int, Sentence]]) -> list[Block]:
    if not items:
        return []
    return [BulletList([s for _, s in items], tuple(level for level, _ in items))]


def changes(diff: DatasetDiff, level: int = 2) -> list[Block]:
    """What changed under a heading of ``level`` (issues one level below): versions, counts,
    dataset-file changes, each changed issue, the rest."""
    labels = diff.labels()
    versions = (Span("From "), data(describe(diff.old)), Span(" to "), data(describe(diff.new)))
    blocks: list[Block] = [
        Heading(level, (Span("What changed since "), data(since(diff.old)))),
        Paragraph((*versions, Span("."))),
        Paragraph((data(counts(diff)),)),
    ]
    if diff.meta:
        blocks += [Paragraph((Span("Dataset file:"),)), *_bullets(_fields(diff.meta, 0))]
    for issue in diff.issues:
        blocks += _issue(issue, labels, level + 1)
    if diff.unchanged:
        ids: list[Span] = []
        for issue_id in diff.unchanged:
            ids += [Span(", ")] if ids else []
            ids.append(Span(issue_id, code=True))
        blocks.append(Paragraph((Span("Unchanged: "), *ids, Span("."))))
    return [*blocks, Paragraph((data(HOW),), note=True)]


def since_blocks(diff: DatasetDiff) -> list[Block]:
    """The briefing's "What changed since ..." section (issues as level 3)."""
    return changes(diff, 2)
