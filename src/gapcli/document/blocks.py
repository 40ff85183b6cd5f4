"""The blocks a dossier (and its "What changed" section) is made of, written by every format:
Markdown (``render/markdown.py``), Word (``render/docx.py``) and HTML (``render/html.py``).

Their text is the brief's ``Sentence``: spans of fixed wording or dataset values (``data``),
some strong, each value followed by the ¶ references of its entry. Writers escape every value.
"""

from __future__ import annotations

from dataclasses import dataclass

from gapcli.document.brief import Header, Sentence, Span
from gapcli.domain.models import Source

EMPTY = "—"  # a cell with no entry
EXPLAINED = (
    "Each issue below sets the sides side by side: each side's official stance, claims, "
    "readings of the other side and asks (its government, officials and lawmakers), then "
    "its other voices (scholars, experts, participants, the public), then the source's "
    "own analysis; each line names who holds the view and in which voice, and ¶ the "
    "paragraph cited (quotes under Citations). Kinds of gap: "
)
PARAGRAPH_NOTE = "¶ = paragraph."


def data(
    text: str, refs: str = "", strong: bool = False, em: bool = False, struck: bool = False
) -> Span:
    """A dataset value (escaped by every writer), with its style and references."""
    return Span(text, refs=refs, strong=strong, struck=struck, em=em, data=True)


@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` as in HTML (2: a part of the dossier, 3: an issue, 4: within)."""

    level: int
    text: Sentence


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``note``: secondary text (grey; italic in Markdown)."""

    text: Sentence
    note: bool = False


@dataclass(frozen=True)
class BulletList:
    """A bulleted list; ``levels``: each item's depth (0, 1, 2; none given: all 0), an item
    one level deeper than the one before it belonging to that one."""

    items: list[Sentence]
    levels: tuple[int, ...] = ()


@dataclass(frozen=True)
class Grid:
    """An issue's side-by-side table: one column per side, one row per kind of entry, the
    first row the stances (one sentence per side); a cell holds one sentence per entry
    (none: ``EMPTY``)."""

    caption: str
    sides: list[str]  # the parties' labels, the column headers
    rows: list[tuple[str, list[list[Sentence]]]]  # label, then each side's entries


@dataclass(frozen=True)
class Sources:
    """The sources cited, then the ¶ note; ``ids``: each is named by its id (several)."""

    sources: list[Source]
    ids: bool


@dataclass(frozen=True)
class Legend:
    """What the issues show and the kinds of gap they hold: (kind, meaning), in order."""

    kinds: list[tuple[str, str]]

    def plain(self) -> Paragraph:
        """The legend as one note paragraph (Word and HTML)."""
        said = "; ".join(f"{kind}: {meaning}" for kind, meaning in self.kinds)
        return Paragraph((Span(EXPLAINED + said + "."),), note=True)


Block = Heading | Paragraph | BulletList | Grid | Sources | Legend


@dataclass(frozen=True)
class Dossier:
    """The whole dossier, ready for a writer."""

    header: Header
    blocks: list[Block]


def heading_text(heading: Heading) -> str:
    """A heading's words as plain text."""
    return "".join(span.shown for span in heading.text)
