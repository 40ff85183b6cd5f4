"""Example output for the docs, from real runs: used by cog blocks in README.md and docs/.

    cog -r -I scripts README.md docs/*.md        # regenerate every example in place
    cog --check -I scripts README.md docs/*.md   # exit 1 if one is stale (a test runs this)

A block such as::

    <!-- [[[cog import docgen; docgen.example("gapcli list --tag evidence") ]]] -->
    <!-- [[[end]]] -->

runs the command on the shipped dataset from the repository root, as a user at a
100-column terminal without colour sees it (``python -m gapcli``; exports dated
2024-11-29 by ``SOURCE_DATE_EPOCH``), and writes a console block with its output.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import cog  # type: ignore[import-not-found]

REPO = Path(__file__).resolve().parent.parent
MORE = "…"


def run(command: str, columns: int = 100) -> tuple[list[str], list[str], int]:
    """stdout lines, stderr lines and the exit code of ``gapcli ...`` (or a pipe into it)."""
    env = {k: v for k, v in os.environ.items() if k not in {"GAPCLI_POSITIONS", "FORCE_COLOR"}}
    env.update(COLUMNS=str(columns), NO_COLOR="1", SOURCE_DATE_EPOCH="1732838400")
    gapcli = shlex.join([sys.executable, "-m", "gapcli"])
    shell = " | ".join(
        part.strip().replace("gapcli", gapcli, 1) if part.strip().startswith("gapcli") else part
        for part in command.split(" | ")
    )
    done = subprocess.run(
        ["bash", "-c", shell], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    out = [line.rstrip() for line in done.stdout.splitlines()]
    err = [line.rstrip() for line in done.stderr.splitlines()]
    return out, err, done.returncode


def example(
    command: str, head: int | None = None, columns: int = 100, lang: str = "console"
) -> None:
    """A console block: ``$ command``, then what it prints (stdout, then stderr).

    ``head`` keeps the first lines and ends with ``…``; a non-zero exit is shown as
    ``(exit N)``.
    """
    out, err, code = run(command, columns)
    lines = out + err
    if head is not None and len(lines) > head:
        lines = [*lines[:head], MORE]
    cog.outl(f"```{lang}")
    cog.outl(f"$ {command}")
    for line in lines:
        cog.outl(line)
    if code:
        cog.outl(f"(exit {code})")
    cog.outl("```")


def help_text(command: str) -> None:
    """A text block with ``gapcli COMMAND --help``."""
    out, _, _ = run(f"gapcli {command} --help".replace("  ", " "))
    cog.outl("```text")
    for line in out:
        cog.outl(line)
    cog.outl("```")
