"""Tab-separated output for scripts: a header line, then one line per row, never wrapped.

A cell never holds a tab or a line break (each becomes a space), and controls and invisible
characters are shown as visible escapes, as everywhere else. Lists inside a cell (tags,
issues, citations, quotes) are joined with ``, `` (quotes with `` / ``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from gapcli.domain.entries import Citation
from gapcli.domain.models import Event, Fact, Issue
from gapcli.domain.text import visible
from gapcli.views.explore import Speaker, when
from gapcli.views.statements import Said

_BREAKS = re.compile(r"[\t\n\r]+")


def table(header: Sequence[str], rows: Iterable[Sequence[str | None]]) -> str:
    """The header and rows as TSV text ending in a newline (None = an empty cell)."""
    lines = ["\t".join(header)]
    lines += ["\t".join(_cell(value) for value in row) for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    return "" if value is None else _BREAKS.sub(" ", visible(value))


def _cites(cites: Sequence[Citation]) -> str:
    return ", ".join(dict.fromkeys(f"{c.source} ¶{c.para}" for c in cites))


def _quotes(cites: Sequence[Citation]) -> str:
    return " / ".join(c.quote for c in cites if c.quote)


_ISSUE_CELLS: dict[str, tuple[str, Callable[[Issue], str]]] = {
    "id": ("id", lambda i: i.id),
    "title": ("title", lambda i: i.title),
    "type": ("gap_type", lambda i: i.gap_type.value),
    "tags": ("tags", lambda i: ", ".join(i.tags)),
    "gap": ("summary", lambda i: i.summary),
}


def issues(chosen: list[Issue], columns: Sequence[str] = tuple(_ISSUE_CELLS)) -> str:
    """``gapcli list --format tsv``: the chosen ``--columns`` (names as ``ListColumn``)."""
    cells = [_ISSUE_CELLS[c] for c in columns]
    return table([name for name, _ in cells], ([cell(i) for _, cell in cells] for i in chosen))


def statements(items: list[Said]) -> str:
    """``gapcli search --format tsv`` and ``gapcli who --format tsv``: one line a statement."""
    header = ("issue", "party", "kind", "item", "by", "voice", "cite", "text", "quotes")
    rows = (
        (
            s.issue,
            s.party,
            s.kind,
            s.item,
            s.by,
            s.voice.value if s.voice else None,
            _cites(s.cite),
            s.text,
            _quotes(s.cite),
        )
        for s in items
    )
    return table(header, rows)


def events(chosen: list[Event]) -> str:
    """``gapcli timeline --format tsv``, oldest first."""
    rows = (
        (e.id, e.date, when(e), ", ".join(e.issues), e.by, _cites(e.cite), e.text) for e in chosen
    )
    return table(("id", "date", "when", "issues", "by", "cite", "text"), rows)


def facts(chosen: list[Fact]) -> str:
    """``gapcli facts --format tsv``."""
    header = ("id", "figure", "text", "by", "voice", "cite", "issues", "quotes")
    rows = (
        (
            f.id,
            f.figure,
            f.text,
            f.by,
            f.voice.value,
            _cites(f.cite),
            ", ".join(f.issues),
            _quotes(f.cite),
        )
        for f in chosen
    )
    return table(header, rows)


def speakers(found: list[Speaker]) -> str:
    """``gapcli voices --format tsv``: one line a speaker."""
    rows = (
        (
            s.by,
            s.voice.value if s.voice else None,
            s.party,
            str(len(s.said)),
            ", ".join(s.issues),
        )
        for s in found
    )
    return table(("by", "voice", "party", "statements", "issues"), rows)
