"""The brief for the terminal: Rich renderables, dataset text only ever as literal ``Text``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from gapcli.document.brief import Brief, Sentence, dateline
from gapcli.render.terminal.issues import t


def sentence_text(sentence: Sentence, style: str = "") -> Text:
    """A sentence as Rich Text: values literal (bold where strong), ¶ references dimmed."""
    out = Text(style=style)
    for span in sentence:
        out.append_text(t(span.text, "bold" if span.strong else ""))
        if span.refs:
            out.append(" ")
            out.append_text(t(span.refs, "dim"))
    return out


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _bullet(body: Text, label: Sentence | None = None) -> Table:
    """``  • text`` with wrapped lines hanging under the text."""
    line = Text()
    if label is not None:
        line.append_text(sentence_text(label, "bold"))
        line.append(": ", style="bold")
    line.append_text(body)
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("•", line)
    return grid


def brief_view(brief: Brief) -> Group:
    """The brief as the terminal shows it (``gapcli brief``)."""
    head = brief.header
    parts: list[RenderableType] = [t(head.title, "bold")]
    known = [("For", head.prepared_for), ("Handling", head.marking)]
    for name, value in known:
        if value:
            line = Text(f"{name}: ", style="bold")
            line.append_text(t(value))
            parts.append(line)
    parts += [t(dateline(head), "dim"), Text(), _heading("Bottom line")]
    parts += [_bullet(sentence_text(s)) for s in brief.bottom_line]
    parts += [Text(), _heading("Issues")]
    for section in brief.issues:
        title = t(f"{section.number}. ", "bold")
        title.append_text(t(section.issue.title, "bold"))
        parts += [title] if section.number == 1 else [Text(), title]
        if section.question:
            parts.append(sentence_text(section.question, "italic"))
        gap = Text("The gap: ", style="bold")
        gap.append_text(sentence_text(section.gap))
        parts.append(gap)
        parts += [_bullet(sentence_text(row.sentence), row.label) for row in section.rows]
    if brief.left_out:
        parts += [Text(), sentence_text(brief.left_out)]
    if brief.background:
        parts += [Text(), _heading("Background")]
        parts += [_bullet(sentence_text(s)) for s in brief.background]
    parts += [Text(), _heading("Sources")]
    for source in head.sources:
        line = t(source.title, "italic")
        line.append_text(t(f", {source.publisher}" + (f" ({source.date})" if source.date else "")))
        if source.url:
            line.append_text(t(f", {source.url}"))
        parts.append(_bullet(line))
    parts.append(Text("¶ = paragraph of the source" + ("s." if brief.multi_source else "."), "dim"))
    if brief.quotes:
        parts += [Text(), _heading("Quotes")]
        for marker, quotes in brief.quotes:
            line = t(marker, "dim")
            for number, quote in enumerate(quotes):
                line.append(": “" if number == 0 else " … “")
                line.append_text(t(quote, "green"))
                line.append("”")
            parts.append(_bullet(line))
    return Group(*parts)
