"""The briefing's "What changed since ..." section (``export --since``) as dossier blocks, for
Word, HTML and PDF: the same words as its Markdown form (``render/diff_markdown.py``), words
taken out struck and words put in strong."""

from __future__ import annotations

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
from gapcli.document.dossier import Block, BulletList, Heading, Paragraph
from gapcli.views.diff import DatasetDiff, EntryChange, FieldChange, IssueDiff, Status, word_diff


def _words(old: str, new: str) -> tuple[Sentence, Sentence]:
    """``before: …`` with the words taken out struck, ``now: …`` with the new words strong."""
    before: list[Span] = [Span("before: ")]
    after: list[Span] = [Span("now: ")]
    for tag, words in word_diff(old, new):
        if tag != "insert":
            before += [Span(" ")] if len(before) > 1 else []
            before.append(Span(words, struck=tag == "delete"))
        if tag != "delete":
            after += [Span(" ")] if len(after) > 1 else []
            after.append(Span(words, strong=tag == "insert"))
    return tuple(before), tuple(after)


def _fields(fields: list[FieldChange], level: int) -> list[tuple[int, Sentence]]:
    out: list[tuple[int, Sentence]] = []
    for field in fields:
        head = (Span(field.field, strong=True), Span(f" {field_kind(field)}"))
        both = both_texts(field)
        if both is None:
            lone = field.new or field.old or ""
            alone = field.old is None or field.new is None
            out.append((level, (*head, Span(": "), Span(lone)) if alone else head))
            continue
        before, after = _words(*both)
        out += [(level, head), (level + 1, before), (level + 1, after)]
    return out


def _change(change: EntryChange, labels: dict[str, str]) -> list[tuple[int, Sentence]]:
    """``*reworded* id (details)``, with the entry (added, removed) or its words before and now."""
    ident = entry_id(change)
    said = details(change, labels)
    extra = (f" {ident}" if ident else "") + (f" ({'; '.join(said)})" if said else "")
    head = (Span(kind(change), em=True), *((Span(extra),) if extra else ()))
    old, new = change.old, change.new
    shown = {Status.ADDED: new, Status.REMOVED: old}.get(change.status)
    if shown is not None:
        voice = change.new_voice if shown is new else change.old_voice
        said_by = Span(attribution_of(shown, voice), em=True)
        return [(1, (*head, Span(": "), Span(shown.text), Span(" — "), said_by))]
    if change.text is None:
        return [(1, head)]
    before, after = _words(change.text.old, change.text.new)
    return [(1, head), (2, before), (2, after)]


def _issue(issue: IssueDiff, labels: dict[str, str]) -> list[Block]:
    heading = Heading(3, f"{issue.title} ({issue.id})")
    if issue.status is not Status.CHANGED:
        return [heading, Paragraph((Span(f"Issue {issue.status.value}."),))]
    items = _fields(issue.fields, 0)
    current: tuple[str | None, str] | None = None
    for change in issue.entries:
        if (change.party, change.where) != current:
            current = (change.party, change.where)
            items.append((0, (Span(place(change.party, change.where, labels), strong=True),)))
        items += _change(change, labels)
    return [heading, *_bullets(items)]


def _bullets(items: list[tuple[int, Sentence]]) -> list[Block]:
    if not items:
        return []
    return [BulletList([s for _, s in items], tuple(level for level, _ in items))]


def since_blocks(diff: DatasetDiff) -> list[Block]:
    """The section: versions, counts, dataset-file changes, each changed issue, the rest."""
    labels = diff.labels()
    blocks: list[Block] = [
        Heading(2, f"What changed since {since(diff.old)}"),
        Paragraph((Span(f"From {describe(diff.old)} to {describe(diff.new)}."),)),
        Paragraph((Span(counts(diff)),)),
    ]
    if diff.meta:
        blocks += [Paragraph((Span("Dataset file:"),)), *_bullets(_fields(diff.meta, 0))]
    for issue in diff.issues:
        blocks += _issue(issue, labels)
    if diff.unchanged:
        blocks.append(Paragraph((Span(f"Unchanged: {', '.join(diff.unchanged)}."),)))
    return [*blocks, Paragraph((Span(HOW),), note=True)]
