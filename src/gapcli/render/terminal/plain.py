"""What Rich writes for a renderable when it draws no style (a pipe, a file, ``NO_COLOR``),
as text, without Rich's segments.

With no colour system, ``Console.print`` writes the text of the segments a renderable yields,
nothing else. The views' own pieces (``Text``, ``Group``, ``Lines``, ``Bullets``, the box
tables) give that text directly, each line wrapped once by ``render.wrap`` at Rich's own
line breaks: a `mirror` or a `search` of a large dataset is thousands of pieces, and
Rich's segments, their styles and its line splitting were most of its cost. Anything else
is rendered by Rich and its segments' text taken as is (tests/test_plain.py compares the
two on every view).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.text import Text

from gapcli.render.terminal.wrap import wrap


class PlainText(Protocol):
    """A renderable that gives, as text, what it draws when no style is drawn (``Lines``,
    ``BoxTable`` and its pieces); ``drawn_text`` looks for the method by name."""

    def plain_text(self, console: Console, options: ConsoleOptions) -> Iterator[str]:
        """The text drawn at ``options``, in pieces (each line with its end of line)."""
        ...


def print_options(console: Console) -> ConsoleOptions:
    """The options ``console.print(renderable)`` renders with (no argument given)."""
    return console.options.update(
        justify=None, overflow=None, height=None, no_wrap=None, markup=None, highlight=None
    )


def plain_text(
    renderable: RenderableType, console: Console, options: ConsoleOptions
) -> Iterator[str]:
    """The text ``console.print(renderable)`` writes when ``console`` draws no style, in
    pieces. Only for such a console: with a colour system, styles are part of the output."""
    if isinstance(renderable, Text):
        # As Console.print does: the text joined into a new one, which has print's own
        # justify, overflow and end (the defaults), not the text's.
        renderable = Text(" ").join([renderable])
    return drawn_text(renderable, console, options)


def drawn_text(
    renderable: RenderableType, console: Console, options: ConsoleOptions
) -> Iterator[str]:
    """The text of what ``console.render(renderable, options)`` draws, for a console that
    draws no style, in pieces."""
    if isinstance(renderable, Text):
        lines = text_lines(renderable, options)
        if lines is not None:
            yield "".join(line + "\n" for line in lines)
            return
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from drawn_text(part, console, options)
        return
    elif (method := getattr(renderable, "plain_text", None)) is not None:
        # A name looked up, not isinstance on a runtime-checkable Protocol: that costs
        # more than the drawing in a `mirror` of thousands of tables.
        yield from method(console, options)
        return
    yield "".join(s.text for s in console.render(renderable, options) if not s.control)


def text_lines(text: Text, options: ConsoleOptions) -> list[str] | None:
    """What ``Text.__rich_console__`` draws at ``options``, unstyled (lines not padded);
    None where ``render.wrap`` does not do it the same way (a tab, centred or
    right-justified text, another end of line)."""
    justify = text.justify or options.justify or "default"
    if text.end != "\n" or justify not in ("default", "left"):
        return None
    overflow = text.overflow or options.overflow or "fold"
    no_wrap = text.no_wrap if text.no_wrap is not None else bool(options.no_wrap)
    return wrap(text.plain, options.max_width, overflow, no_wrap)
