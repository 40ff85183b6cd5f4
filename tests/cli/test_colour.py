"""Colour and pipes: no colour when output is not a terminal unless FORCE_COLOR says so;
NO_COLOR and --no-color always win and drop bold and dim too; errors and usage stay plain;
a real terminal gets colour.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import TWO, Run, gapcli_command

ESC = "\x1b"


def piped(**env: str) -> dict[str, str | None]:
    """For ``run``: output to a pipe (CliRunner's) with exactly these colour variables."""
    return {"NO_COLOR": None, **env}


def test_piped_output_has_no_colour(run: Run) -> None:
    result = run("compare", "tolls", "-p", TWO, env=piped())
    assert result.exit_code == 0
    assert ESC not in result.stdout


def test_force_color_colours_piped_output(run: Run) -> None:
    result = run("compare", "tolls", "-p", TWO, env=piped(FORCE_COLOR="1"))
    assert result.exit_code == 0
    assert "\x1b[1m" in result.stdout  # bold
    assert "\x1b[2m" in result.stdout  # dim


def test_force_color_empty_is_ignored(run: Run) -> None:
    assert ESC not in run("list", "-p", TWO, env=piped(FORCE_COLOR="")).stdout


def test_no_color_beats_force_color_and_drops_bold_too(run: Run) -> None:
    plain = run("compare", "tolls", "-p", TWO, env=piped()).stdout
    result = run("compare", "tolls", "-p", TWO, env=piped(FORCE_COLOR="1", NO_COLOR="1"))
    assert ESC not in result.stdout  # Rich's own NO_COLOR would keep bold and dim
    assert result.stdout == plain


def test_no_color_option_equals_no_color_variable(run: Run) -> None:
    option = run("--no-color", "compare", "tolls", "-p", TWO, env=piped(FORCE_COLOR="1"))
    variable = run("compare", "tolls", "-p", TWO, env=piped(FORCE_COLOR="1", NO_COLOR="1"))
    assert option.exit_code == variable.exit_code == 0
    assert ESC not in option.stdout
    assert option.stdout == variable.stdout


def test_empty_no_color_is_ignored(run: Run) -> None:
    assert ESC in run("list", "-p", TWO, env=piped(FORCE_COLOR="1", NO_COLOR="")).stdout


def test_force_color_wins_over_term_dumb(run: Run) -> None:
    assert ESC in run("list", "-p", TWO, env=piped(FORCE_COLOR="1", TERM="dumb")).stdout


def test_errors_and_usage_stay_plain_when_colour_is_forced(run: Run) -> None:
    unknown = run("compare", "tols", "-p", TWO, env=piped(FORCE_COLOR="1"))
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("gapcli: error: ")
    bad_option = run("list", "--bogus", env=piped(FORCE_COLOR="1"))
    assert bad_option.exit_code == 2
    assert ESC not in unknown.stderr + bad_option.stderr
    assert "No such option: --bogus" in bad_option.stderr


def on_terminal(*args: str | Path, **env: str) -> str:
    """Run ``python -m gapcli ARGS`` with stdout on a pseudo-terminal; what it printed."""
    import pty  # POSIX only

    master, slave = pty.openpty()
    full_env = {"PATH": os.environ.get("PATH", ""), "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [*gapcli_command(), *map(str, args)],
        stdout=slave,
        stderr=subprocess.PIPE,
        env={**full_env, **env},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@needs_pty
def test_terminal_gets_colour_unless_told_otherwise(run: Run) -> None:
    coloured = on_terminal("list", "-p", TWO, TERM="xterm-256color")
    assert ESC in coloured
    plain = run("list", "-p", TWO, env=piped()).stdout
    assert on_terminal("list", "-p", TWO, TERM="xterm-256color", NO_COLOR="1") == plain
    assert on_terminal("--no-color", "list", "-p", TWO, TERM="xterm-256color") == plain
    # Rich sizes a dumb terminal at 80 columns whatever COLUMNS says (unless LINES is set too).
    dumb = on_terminal("list", "-p", TWO, TERM="dumb", COLUMNS="80")
    assert dumb == run("list", "-p", TWO, columns=80, env=piped()).stdout
