"""When standard output itself fails: one clear message, exit 1, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA


def gapcli(
    *args: str, env: dict[str, str] | None = None, stdout: int | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "GAPCLI_POSITIONS"}
    full_env.update({"COLUMNS": "100", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "gapcli", *args, "-p", str(DATA / "two-party")],
        env=full_env,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["list"], ["export", "--md"]])
def test_a_full_disk_on_stdout_is_one_message(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = gapcli(*command, stdout=full.fileno())
    assert done.returncode == 1
    assert done.stderr == "gapcli: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("command", [["compare", "dredging"], ["export", "--md"]])
def test_an_encoding_that_cannot_show_the_text_is_one_message(command: list[str]) -> None:
    done = gapcli(*command, env={"PYTHONIOENCODING": "ascii", "NO_COLOR": "1"})
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("gapcli: error: cannot print ")
    assert "in this terminal's encoding (ascii); use a UTF-8 locale" in done.stderr
    assert "Traceback" not in done.stderr


def test_columns_zero_still_prints_the_table() -> None:
    done = gapcli("list", env={"COLUMNS": "0", "NO_COLOR": "1"})
    assert done.returncode == 0
    assert "dredging" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 20
