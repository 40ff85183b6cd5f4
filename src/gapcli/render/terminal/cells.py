"""The pieces of every terminal view: literal texts, styled texts built in one go, bulleted
and indented blocks, and one entry with its attribution and markers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Span, Text

from gapcli.domain.entries import Claim, Reading, Statement
from gapcli.domain.models import Dataset
from gapcli.domain.text import attribution, markers, visible
from gapcli.render.terminal.wrap import wrap


def t(text: str, style: str = "") -> Text:
    """Dataset text as a literal Rich Text (no markup, no emoji codes, no controls)."""
    return Text(visible(text).replace("\t", " "), style=style)


class Styled:
    """A ``Text`` built in one go from pieces and their styles: what ``Text.append`` and
    ``append_text`` build, without a ``Text`` for every piece (a search draws tens of
    thousands of hits, a handful of pieces each)."""

    __slots__ = ("_parts", "_size", "_spans", "_style")

    def __init__(self, style: str = "") -> None:
        """``style``: the whole text's, under the pieces' own (as ``Text(style=...)``)."""
        self._style = style
        self._parts: list[str] = []
        self._spans: list[Span] = []
        self._size = 0

    def add(self, text: str, style: str = "") -> Styled:
        """``text`` as it is (the caller made it safe), in ``style``."""
        if style and text:
            self._spans.append(Span(self._size, self._size + len(text), style))
        self._parts.append(text)
        self._size += len(text)
        return self

    def data(self, text: str, style: str = "") -> Styled:
        """Dataset text, made safe as ``t`` makes it, in ``style``."""
        return self.add(visible(text).replace("\t", " "), style)

    @property
    def plain(self) -> str:
        """The characters, as ``self.text().plain`` has them."""
        return "".join(self._parts)

    def text(self) -> Text:
        """The pieces as one ``Text``."""
        return Text("".join(self._parts), style=self._style, spans=self._spans)


def claim_text(claim: Statement, dataset: Dataset, quotes: bool = False, label: str = "") -> Text:
    """One entry: an optional label, the text, then who says it in which voice and where.

    Readings add whom they read (with three or more parties) and the source's assessment.
    """
    out = Styled()
    if label:
        out.data(f"{label}: ", "bold")
    out.data(claim.text).add("\n— ").data(attribution(claim), "italic")
    out.add(" ").add(markers(claim.cite, dataset), "dim")
    if isinstance(claim, Reading) and claim.assessment is not None:
        a = claim.assessment
        out.add("\nThe source's assessment: ", "dim").add(a.verdict.value, "bold")
        if a.text:
            out.add(" — ").data(a.text)
        out.add("\n— ").data(attribution(a), "italic")
        out.add(" ").add(markers(a.cite, dataset), "dim")
    if quotes:
        assessed = claim.assessment.cite if isinstance(claim, Reading) and claim.assessment else []
        for cite in [*claim.cite, *assessed]:
            if cite.quote:
                out.add("\n“").data(cite.quote, "green").add("”")
    return out.text()


def claims_block(
    claims: Sequence[Statement],
    dataset: Dataset,
    quotes: bool = False,
    labels: Sequence[str] = (),
) -> RenderableType:
    """Bulleted entries with a hanging indent, or a dash when there are none."""
    if not claims:
        return Text("—", style="dim")
    return Bullets(
        [claim_text(c, dataset, quotes, labels[i] if labels else "") for i, c in enumerate(claims)]
    )


class Bullets:
    """Texts as bullets with a hanging indent and a blank line between them.

    It draws what a two-column ``Table.grid`` (a bullet, then the folded text) draws, for a
    fraction of its cost: each text is wrapped once, with no table measured inside a cell
    (hundreds of cells in ``perceptions`` and ``mirror`` on a large dataset).
    """

    BULLET = "• "

    def __init__(self, items: list[Text]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = max(options.max_width - len(self.BULLET), 1)
        lead, hang = Segment(self.BULLET), Segment(" " * len(self.BULLET))
        for i, item in enumerate(self.items):
            if i:
                yield Segment.line()
            for j, line in enumerate(item.wrap(console, inner, overflow="fold")):
                yield hang if j else lead
                yield from line.render(console)
                yield Segment.line()

    def plain(self, console: Console, width: int) -> list[str]:
        """The lines drawn at ``width``, as text (styles dropped)."""
        inner = max(width - len(self.BULLET), 1)
        hang = " " * len(self.BULLET)
        out: list[str] = []
        for i, item in enumerate(self.items):
            if i:
                out.append("")
            texts = wrap(item.plain, inner) if item.justify is None else None
            if texts is None:
                texts = [line.plain for line in item.wrap(console, inner, overflow="fold")]
            out.extend((hang if j else self.BULLET) + line for j, line in enumerate(texts))
        return out

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = [Measurement.get(console, options, item) for item in self.items]
        extra = len(self.BULLET)
        return Measurement(
            extra + max(w.minimum for w in widths), extra + max(w.maximum for w in widths)
        )


class Lines:
    """Texts, each indented and wrapped to the width left: what nested ``Padding`` and
    ``Group`` draw (ends of lines aside, which every output trims), wrapping each text once
    instead of laying it out again at every level (tens of thousands in a ``search``).

    A text may be a ``Styled`` not yet made a ``Text``: without styles only its characters
    are needed."""

    def __init__(self, items: Sequence[tuple[int, Text | Styled]]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for indent, item in self.items:
            text = item if isinstance(item, Text) else item.text()
            pad = Segment(" " * indent)
            for line in text.wrap(console, max(width - indent, 1), overflow="fold"):
                if indent:
                    yield pad
                yield from line.render(console)
                yield Segment.line()

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The same lines as text (render.plain), for a console that draws no style."""
        width = options.max_width
        for indent, item in self.items:
            inner = max(width - indent, 1)
            simple = isinstance(item, Styled) or item.justify is None
            texts = wrap(item.plain, inner) if simple else None
            if texts is None:
                text = item if isinstance(item, Text) else item.text()
                texts = [line.plain for line in text.wrap(console, inner, overflow="fold")]
            pad = " " * indent
            yield "".join(f"{pad}{line}\n" for line in texts)


def grouped_block(entries: Sequence[Claim], dataset: Dataset) -> RenderableType:
    """Entries of one side: official voices first, then its other voices under their own label."""
    official = [e for e in entries if e.official]
    others = [e for e in entries if not e.official]
    if not others:
        return claims_block(official, dataset)
    parts: list[RenderableType] = [claims_block(official, dataset)] if official else []
    parts.append(Text("Other voices (not official):", style="bold"))
    parts.append(claims_block(others, dataset))
    return Group(*parts)
