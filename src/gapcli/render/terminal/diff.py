"""``gapcli diff`` as a terminal view (Rich), from one ``DatasetDiff``. Dataset text is always
literal. The Markdown, Word and HTML forms are written from ``document/changes.py``'s blocks,
the JSON form by ``render/json.py``."""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gapcli.document import change_words as cw
from gapcli.render.terminal.issues import t
from gapcli.views.diff import (
    STANCE,
    DatasetDiff,
    EntryChange,
    FieldChange,
    IssueDiff,
    Status,
    word_diff,
)

DELETE, INSERT = "red strike", "green bold"


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
    head.append(cw.kind(change), style="bold")
    if cw.entry_id(change):
        head.append(" ")
        head.append_text(t(cw.entry_id(change), "cyan"))
    said = cw.details(change, labels)
    if said:
        head.append_text(t("; " + "; ".join(said), "dim"))
    old, new = change.old, change.new
    grid = _grid(1)
    if change.status is Status.ADDED and new is not None:
        _row(grid, "+", t(f"{new.text} — {cw.attribution_of(new, change.new_voice)}"))
    elif change.status is Status.REMOVED and old is not None:
        _row(grid, "-", t(f"{old.text} — {cw.attribution_of(old, change.old_voice)}"))
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
    head = Text(f"{field.field} {cw.field_kind(field)}", style="bold")
    both = cw.both_texts(field)
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
            parts.append(_indented(t(cw.place(change.party, change.where, labels), "bold"), 2))
        parts.append(_indented(_change_view(change, labels), 4))
    return Group(*parts)


def _indented(renderable: RenderableType, indent: int) -> RenderableType:
    return Padding(renderable, (0, 0, 0, indent))


def diff_view(diff: DatasetDiff) -> RenderableType:
    """The terminal view: the versions, the dataset file, each changed issue, the rest in a line."""
    labels = diff.labels()
    parts: list[RenderableType] = [
        t(f"From {cw.describe(diff.old)}"),
        t(f"to {cw.describe(diff.new)}"),
        t(cw.counts(diff), "bold"),
    ]
    if diff.meta:
        parts += [Text(""), Text("Dataset file", style="bold")]
        parts += [_indented(_field_view(field), 2) for field in diff.meta]
    for issue in diff.issues:
        parts += [Text(""), _issue_view(issue, labels)]
    if diff.unchanged:
        parts += [Text(""), t(f"Unchanged ({len(diff.unchanged)}): {', '.join(diff.unchanged)}.")]
    parts += [Text(""), t(cw.HOW, "dim")]
    return Group(*parts)
