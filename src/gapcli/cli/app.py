"""The Typer app, its global options, consoles, and the one place errors become exit codes.

Heavy modules (Rich, PyYAML, pydantic, the loader) are imported inside the functions that
need them, so ``gapcli --version`` and ``gapcli --help`` stay near Typer's own start-up; the
commands themselves are in ``cli/commands/``, one module each, imported only when run.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from gettext import gettext
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from gapcli.cli.streams import silence_stdout
from gapcli.domain.choices import OutputFormat
from gapcli.errors import ExitCode, GapcliError, OutputError

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType

    from gapcli.domain.models import Dataset


MIN_WIDTH = 20  # narrowest output drawn; a smaller COLUMNS is raised to this
MAX_WIDTH = 1000  # widest output drawn; a larger COLUMNS is lowered to this
NO_COLOR_KEY = "gapcli.no_color"  # in the Click context's meta, set by --no-color
# --positions given before the command (`gapcli -p DIR list`); one given after it wins.
_POSITIONS_BEFORE: ContextVar[str | None] = ContextVar("positions_before", default=None)
GLOBAL_FLAGS = ("--no-color",)  # accepted after the command too: moved before it


class GapcliGroup(TyperGroup):
    """Translates every expected failure into one message on stderr and its exit code, and
    takes the global flags anywhere on the command line."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # `gapcli compare x --no-color` = `gapcli --no-color compare x` (up to a `--`).
        end = args.index("--") if "--" in args else len(args)
        flags = [a for a in args[:end] if a in GLOBAL_FLAGS]
        rest = [a for a in args[:end] if a not in GLOBAL_FLAGS] + args[end:]
        return list(super().parse_args(ctx, [*dict.fromkeys(flags), *rest]))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        # Eager options (--help, --version, --show-completion) write while options are parsed.
        try:
            return super().make_context(*args, **kwargs)
        except GapcliError as exc:
            failed(exc)
        except BrokenPipeError:
            quiet_exit_on_closed_pipe()

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GapcliError as exc:
            failed(exc)
        except BrokenPipeError:
            quiet_exit_on_closed_pipe()
        finally:
            gc.enable()  # paused by loading() for the command; back on for whoever runs next


class CommandsGroup(GapcliGroup):
    """The app's group: its commands come from ``cli.registry``, each imported when first
    asked for; help lists them from the registry's short help, importing none."""

    def list_commands(self, ctx: Any) -> list[str]:
        from gapcli.cli.registry import COMMANDS

        return [*COMMANDS, *(name for name in super().list_commands(ctx) if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            from gapcli.cli.registry import load

            command = load(cmd_name)
            if command is None:
                return None
            self.commands[cmd_name] = command
        return self.commands[cmd_name]

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Typer suggests among the commands built so far; here that is every registered name.
        from difflib import get_close_matches

        from typer._click.exceptions import UsageError as ClickUsageError

        try:
            return self._click_resolve_command(ctx, args)
        except ClickUsageError as exc:
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if self.suggest_commands and matches:
                suggestions = ", ".join(f"{m!r}" for m in matches)
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        from typer._click.utils import make_default_short_help

        from gapcli.cli.registry import COMMANDS

        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in COMMANDS and name not in self.commands:
                rows.append((name, make_default_short_help(COMMANDS[name].summary, limit)))
            elif (command := self.get_command(ctx, name)) is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section(gettext("Commands")):
            formatter.write_dl(rows)


def failed(exc: GapcliError) -> NoReturn:
    """The one translation of an expected failure: its message on stderr, its exit code."""
    if isinstance(exc, OutputError):  # stdout failed: drop what is buffered, say so once
        silence_stdout()
    fail(exc.message, exc.exit_code)


def fail(message: str, code: int = ExitCode.FAILURE) -> NoReturn:
    """Print ``gapcli: error: ...`` lines to stderr (plain text, never markup) and exit.

    Messages quote file names and YAML keys as written, so control characters in them are
    shown as visible escapes, as everywhere else.
    """
    from gapcli.domain.text import visible

    lines = visible(message).split("\n")
    sys.stderr.write("".join(f"gapcli: error: {line}\n" for line in lines if line))
    raise typer.Exit(int(code))


def warn(messages: list[str]) -> None:
    """Print ``gapcli: warning: ...`` lines to stderr (plain text, control characters shown)."""
    from gapcli.domain.text import visible

    lines = [line for message in messages for line in visible(message).split("\n") if line]
    sys.stderr.write("".join(f"gapcli: warning: {line}\n" for line in lines))


def quiet_exit_on_closed_pipe() -> NoReturn:
    """The reader went away (``gapcli list | head -1``): stop quietly, exit 0."""
    silence_stdout()
    raise typer.Exit(int(ExitCode.OK))


app = typer.Typer(
    cls=CommandsGroup,
    name="gapcli",
    help=(
        "Explore where sides talk past each other: each side's position, evidence, "
        "reading of the other, the gap and what could bridge it, with paragraph citations.\n\n"
        "\b\nExamples:\n"
        "  gapcli list                       # browse the issues\n"
        "  gapcli compare china-role         # one issue, side by side\n"
        "  gapcli search taiwan              # every mention, with citations\n"
        "  gapcli export --md -o brief.md    # a briefing note to hand on"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


PositionsOption = Annotated[
    str | None,
    typer.Option(
        "--positions",
        "-p",
        metavar="DIR",
        help="Dataset folder (default: $GAPCLI_POSITIONS, else the shipped dataset).",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        from gapcli.version import version

        write_stdout(f"gapcli {version()}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour or styles (as NO_COLOR=1 does).")
    ] = False,
    positions: PositionsOption = None,
) -> None:
    """Explore where sides talk past each other."""
    ctx.meta[NO_COLOR_KEY] = no_color
    _POSITIONS_BEFORE.set(positions)


JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Machine-readable JSON on stdout (format: docs/json.md)."),
]


def console(ctx: typer.Context, stderr: bool = False) -> Console:
    """A Rich console built after options are parsed, following docs/colour-and-pipes.md.

    ``--no-color`` or a non-empty ``NO_COLOR``: no colour and no styles at all. Else a
    non-empty ``FORCE_COLOR``: colour even when piped or on ``TERM=dumb``. Else Rich decides:
    colour only on a terminal whose ``TERM`` is not ``dumb``.
    """
    from rich.console import Console

    class PipeSafeConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits 1 here; a reader that went away is not a failure.
            self.quiet = True
            quiet_exit_on_closed_pipe()

    env = os.environ
    kwargs: dict[str, Any] = {"stderr": stderr, "emoji": False, "markup": False, "highlight": False}
    columns = env.get("COLUMNS", "").strip()
    if columns.isdigit():  # COLUMNS=0 would print nothing; a huge one would fill the memory
        kwargs["width"] = min(max(int(columns), MIN_WIDTH), MAX_WIDTH)
    if ctx.meta.get(NO_COLOR_KEY) or env.get("NO_COLOR"):
        kwargs["color_system"] = None
    elif env.get("FORCE_COLOR"):
        kwargs["force_terminal"] = True
        if env.get("TERM", "").lower() in ("dumb", "unknown"):
            kwargs["color_system"] = "standard"  # Rich would drop colour on a dumb terminal
    return PipeSafeConsole(**kwargs)


def dataset_dir(positions: str | None) -> Path:
    """The chosen dataset folder (see ``loader.positions_dir``)."""
    from gapcli.loader import positions_dir

    return positions_dir(positions if positions is not None else _POSITIONS_BEFORE.get())


def load(positions: str | None) -> Dataset:
    """Load the chosen dataset, raising GapcliError with every problem found."""
    from gapcli.loader import load_dataset

    with loading():
        return load_dataset(dataset_dir(positions))


@contextmanager
def loading() -> Iterator[None]:
    """Loading makes a few hundred small objects per issue and no reference cycles, and so do
    the views and documents built from them. The cyclic collector is paused for the rest of
    the command (``GapcliGroup.invoke`` turns it back on) and what was loaded is frozen, so
    that no collection scans the dataset again: about 40% of `gapcli list` on 2,000 issues
    (benchmarks/), a third of `validate`, and what kept `export --json` from growing
    linearly with the data."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()


def write_stdout(text: str | bytes) -> None:
    """Machine output (Markdown, JSON; Word or PDF bytes into a pipe) straight to stdout,
    never through Rich wrapping."""
    if isinstance(text, bytes):
        from gapcli.errors import UsageError

        if sys.stdout.isatty():
            raise UsageError("Word and PDF files are binary; write one with -o FILE")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    sys.stdout.write(text)
    sys.stdout.flush()


def emit(
    ctx: typer.Context,
    renderable: RenderableType | Iterator[RenderableType],
    stderr: bool = False,
) -> None:
    """Print a renderer's result on the console (stdout, or stderr for notes), with no spaces
    at the ends of lines (tables pad every cell; a pipe or a file should not get them).

    A plain string (a note naming a file the user gave) is shown with visible escapes, as
    every message is: a file name cannot drive the terminal. An iterable of renderables is
    printed one by one, so a long result is written as it is drawn.
    """
    if isinstance(renderable, str):
        from rich.text import Text

        from gapcli.domain.text import visible

        renderable = Text(visible(renderable))
    out = console(ctx, stderr=stderr)
    stream = sys.stderr if stderr else sys.stdout
    writer = _Trimming(stream)
    out.file = writer  # type: ignore[assignment]
    parts = renderable if isinstance(renderable, Iterator) else [renderable]
    if out.color_system is None:  # no style is drawn: the text, without Rich's segments
        from gapcli.render.terminal.plain import plain_text, print_options

        options = print_options(out)
        for part in parts:  # each in one write, as Console.print writes it
            writer.write("".join(plain_text(part, out, options)))
    else:
        for part in parts:
            out.print(part, crop=False)
    writer.close()


class _Trimming:
    """A text stream for Rich that writes each finished line without its trailing spaces."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.stream.write("".join(trimmed(line) + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        """Write what is left and flush."""
        if self.pending:
            self.stream.write(trimmed(self.pending))
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(self.stream.isatty())


def show(
    ctx: typer.Context,
    form: OutputFormat,
    document: Callable[[], dict[str, Any]],
    tsv: Callable[[], str],
    table: Callable[[], RenderableType | Iterator[RenderableType] | None],
) -> None:
    """One result in the chosen ``--format``: a JSON document or TSV lines straight to stdout,
    the table on the console (nothing when ``table`` gives None)."""
    if form is OutputFormat.JSON:
        from gapcli.render.json import dumps

        write_stdout(dumps(document()))
    elif form is OutputFormat.TSV:
        write_stdout(tsv())
    elif (shown := table()) is not None:
        emit(ctx, shown)


def trimmed(text: str) -> str:
    """``text`` with no spaces at the ends of its lines; style codes among them are kept."""
    if "\x1b" not in text:
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return "\n".join(_trim_styled(line) for line in text.split("\n"))


def _trim_styled(line: str) -> str:
    codes = ""
    while True:
        line = line.rstrip(" ")
        start = line.rfind("\x1b[")
        if start < 0 or not _CODE.fullmatch(line, start):
            return line + codes
        codes = line[start:] + codes
        line = line[:start]


_CODE = re.compile(r"\x1b\[[0-9;]*m")  # one style code (SGR)
