"""Regenerate the README screenshots from the shipped dataset.

Run from anywhere, with gapcli installed (``pip install -e .``)::

    python scripts/make_screenshots.py            # writes docs/list.svg, docs/compare.svg, …
    python scripts/make_screenshots.py --out DIR  # somewhere else

Each command runs through the real CLI with colour forced at 100 columns; its output is
replayed into Rich's recording console and saved as SVG.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text
from typer.testing import CliRunner

from gapcli.cli import app

REPO = Path(__file__).resolve().parent.parent
POSITIONS = REPO / "positions"
DOCS = REPO / "docs"
WIDTH = 100
SHOTS = {
    "list.svg": ["list"],
    "compare.svg": ["compare", "china-role"],
    "mirror.svg": ["mirror", "china-intent"],
}


def terminal_output(args: list[str]) -> str:
    """What ``gapcli ARGS`` prints on a 100-column colour terminal (ANSI codes included)."""
    env = {"FORCE_COLOR": "1", "COLUMNS": str(WIDTH), "TERM": "xterm-256color", "NO_COLOR": None}
    env["GAPCLI_POSITIONS"] = str(POSITIONS)
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    if result.exit_code != 0:
        sys.exit(f"gapcli {' '.join(args)} failed ({result.exit_code}):\n{result.stderr}")
    return result.stdout


def svg(args: list[str]) -> str:
    """The SVG screenshot of ``gapcli ARGS``."""
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(Text.from_ansi(terminal_output(args).rstrip("\n"), no_wrap=True))
    return console.export_svg(title=f"gapcli {' '.join(args)}")


def main() -> None:
    """Write every screenshot into --out (default: this folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the SVG files")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name, args in SHOTS.items():
        path = out / name
        path.write_text(svg(args), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
