"""Without styles (a pipe, a file: what these tests capture) every view is written as text by
render.plain: the same characters, line for line, as Rich's own rendering writes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from gapcli.render.terminal import plain
from gapcli.render.terminal.cells import Lines, Styled

from helpers import DIFF_NEW, DIFF_OLD, EXPLORE, HOSTILE, REPO, THREE, TWO, VARNA, Run

SHIPPED = REPO / "positions"
COMMANDS: list[tuple[str, ...]] = [
    ("list",),
    ("compare",),
    ("compare", "--quotes"),
    ("brief",),
    ("perceptions",),
    ("mirror",),
    ("timeline",),
    ("facts",),
    ("voices",),
    ("search", "the"),
    ("search", "the", "--full"),
    ("who", "a"),
]
FOLDERS = [SHIPPED, TWO, THREE, EXPLORE, HOSTILE, VARNA]


def segments_text(
    renderable: RenderableType, console: Console, options: ConsoleOptions
) -> Iterator[str]:
    """What ``Console.print`` writes when it draws no style: its segments' text."""
    yield "".join(s.text for s in console.render(renderable, options) if not s.control)


@pytest.mark.parametrize("columns", [24, 60, 100, 160])
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_view_writes_what_rich_draws(
    run: Run, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], folder: Path, columns: int
) -> None:
    calls: list[object] = []
    real = plain.plain_text

    def counted(
        renderable: RenderableType, console: Console, options: ConsoleOptions
    ) -> Iterator[str]:
        calls.append(renderable)
        return real(renderable, console, options)

    with monkeypatch.context() as patch:
        patch.setattr(plain, "plain_text", counted)
        fast = run(*command, "-p", folder, columns=columns)
    assert calls or fast.exit_code  # the output went the short way
    with monkeypatch.context() as patch:
        patch.setattr(plain, "plain_text", segments_text)
        drawn = run(*command, "-p", folder, columns=columns)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (
        drawn.exit_code,
        drawn.stdout,
        drawn.stderr,
    )
    assert fast.stdout.strip() or fast.exit_code


@pytest.mark.parametrize("columns", [30, 100])
def test_diff_writes_what_rich_draws(
    run: Run, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    fast = run("diff", DIFF_OLD, DIFF_NEW, columns=columns)
    with monkeypatch.context() as patch:
        patch.setattr(plain, "plain_text", segments_text)
        drawn = run("diff", DIFF_OLD, DIFF_NEW, columns=columns)
    assert fast.stdout == drawn.stdout
    assert "\n" in fast.stdout


def rich_print(renderable: RenderableType, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable, crop=False)
    return out.getvalue()


def plain_print(renderable: RenderableType, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    return "".join(plain.plain_text(renderable, console, plain.print_options(console)))


def ends_trimmed(text: str) -> str:
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


TEXTS = [
    Text("one two three four five six seven"),
    Text("\nA heading  (an-id) · with “quotes” — and … more"),
    Text("centred", justify="center"),
    Text("right", justify="right"),
    Text("a\ttab"),
    Text("no end", end=""),
    Text("禁毒 wide characters 禁毒禁毒禁毒禁毒"),
    Text("averyveryveryverylongwordthatfolds", overflow="fold"),
    Text("averyveryveryverylongwordthatcrops", overflow="crop", no_wrap=True),
]


@pytest.mark.parametrize("width", [5, 12, 40])
@pytest.mark.parametrize("text", TEXTS, ids=lambda t: repr(t.plain[:12]))
def test_a_text_as_rich_prints_it(text: Text, width: int) -> None:
    assert ends_trimmed(plain_print(text, width)) == ends_trimmed(rich_print(text, width))


@pytest.mark.parametrize("width", [8, 30])
def test_groups_lines_and_anything_else(width: int) -> None:
    table = Table("a", "b")
    table.add_row("one", "two three")
    nested = Group(
        Text("first"),
        Lines(
            [
                (0, Text("title")),
                (2, Text("an indented line that wraps")),
                (4, Styled("dim").add("not yet a Text · ").data("wraps\there", "bold")),
            ]
        ),
        Group(Text("inner"), Panel("boxed")),
        Padding(Text("padded"), (0, 3)),
        table,
        "[bold]markup in a plain string[/bold]",
    )
    assert ends_trimmed(plain_print(nested, width)) == ends_trimmed(rich_print(nested, width))
