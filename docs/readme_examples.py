"""Keep the README's example output real: re-run every ``$ gapcli ...`` example and compare.

    python docs/readme_examples.py           # rewrite the README's example output in place
    python docs/readme_examples.py --check   # exit 1 and show the first difference if stale

An example is a line ``$ gapcli ARGS`` inside a ```console block followed by its output
lines. Examples with no output shown, or with a pipe, are left alone. A final line ``…``
means the output goes on: only the lines above it are compared. An example that reads
``../shared/`` (the source text beside the repository) is left alone where that folder is
missing. Commands run from the
repository root on the shipped dataset at 100 columns without colour, via ``python -m gapcli``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
MORE = "…"


def run(args: list[str]) -> list[str]:
    """The command's stdout lines, as a user at a 100-column terminal without colour sees them."""
    env = {k: v for k, v in os.environ.items() if k not in {"GAPCLI_POSITIONS", "FORCE_COLOR"}}
    env.update(COLUMNS="100", NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "gapcli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return [line.rstrip() for line in done.stdout.splitlines()]


def refresh(text: str) -> str:
    """The README with every checkable example's output replaced by the live output."""
    lines = text.split("\n")
    out: list[str] = []
    in_console = False
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if line.startswith("```"):
            in_console = line == "```console" and not in_console
            continue
        if not (in_console and line.startswith("$ gapcli ") and "|" not in line):
            continue
        shown = []
        while i < len(lines) and not lines[i].startswith(("$ ", "```")):
            shown.append(lines[i])
            i += 1
        if not shown:
            continue
        command = line[2:].split("  #")[0]
        if "../shared/" in command and not (REPO.parent / "shared").is_dir():
            out.extend(shown)  # the source text lives outside the repository; not here
            continue
        live = run(shlex.split(command)[1:])
        if shown[-1] == MORE:
            live = [*live[: len(shown) - 1], MORE] if len(live) >= len(shown) else live
        out.extend(live)
    return "\n".join(out)


def main() -> int:
    """Rewrite the README, or with ``--check`` report whether it is current."""
    current = README.read_text(encoding="utf-8")
    fresh = refresh(current)
    if "--check" not in sys.argv[1:]:
        README.write_text(fresh, encoding="utf-8")
        return 0
    if fresh == current:
        return 0
    for number, (old, new) in enumerate(
        zip(current.split("\n"), fresh.split("\n"), strict=False), 1
    ):
        if old != new:
            print(f"README.md:{number}: example output is stale", file=sys.stderr)
            print(f"  README: {old}\n  live:   {new}", file=sys.stderr)
            break
    print("run: python docs/readme_examples.py", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
