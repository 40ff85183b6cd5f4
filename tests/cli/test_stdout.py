"""Standard output as a real process sees it: a reader that goes away (``gapcli list | head
-1``) stops gapcli quietly with exit 0; a full disk or an encoding that cannot show the text
is one clear message and exit 1, never a traceback; COLUMNS=0 still prints the table.

The closed-pipe tests run the installed console script through real pipes, with a generated
dataset whose output is more than twice the 64 KiB pipe buffer, so the write after ``head``
exits really fails with EPIPE.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import MINIMAL, TWO, gapcli_command, gapcli_process

posix_pipes = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and head(1)")

ISSUES = 110
LONG = "They disagree about the tolls, the dredging and who should pay for which part. " * 10


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset whose list and briefing are each far larger than a pipe buffer."""
    folder = tmp_path_factory.mktemp("big")
    (folder / "dataset.yaml").write_bytes((MINIMAL / "dataset.yaml").read_bytes())
    issue = (MINIMAL / "alpha.yaml").read_text(encoding="utf-8")
    issue = issue.replace('"They disagree on who pays."', f'"{LONG}"')
    for i in range(ISSUES):
        text = issue.replace("id: alpha", f"id: issue-{i:03d}")
        (folder / f"issue-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def piped(args: list[str], reader: list[str], tmp_path: Path) -> tuple[int, bytes, str]:
    """Run ``gapcli ARGS | READER``; gapcli's exit code, the reader's output, gapcli's stderr."""
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as err:
        writer = subprocess.Popen(
            [*gapcli_command(script=True), *args],
            stdout=subprocess.PIPE,
            stderr=err,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert writer.stdout is not None
        head = subprocess.Popen(reader, stdin=writer.stdout, stdout=subprocess.PIPE)
        writer.stdout.close()  # only head holds the read end now
        out, _ = head.communicate(timeout=60)
        code = writer.wait(timeout=60)
    return code, out, errors.read_text(encoding="utf-8")


@posix_pipes
@pytest.mark.parametrize(
    ("args", "first_line"),
    [
        (["list"], b"ID"),
        (["export", "--md"], b"---"),
    ],
)
@pytest.mark.parametrize("reader", [["head", "-1"], ["true"]], ids=["head-1", "true"])
def test_closed_pipe_exits_quietly(
    big: Path, tmp_path: Path, args: list[str], first_line: bytes, reader: list[str]
) -> None:
    command = [*args, "--positions", str(big)]
    code, out, err = piped(command, reader, tmp_path)
    assert err == ""  # no "Traceback", no "BrokenPipeError", no "Exception ignored"
    assert code == 0
    if reader[0] == "head":
        assert out.split()[0] == first_line


@posix_pipes
def test_the_outputs_really_overflow_a_pipe_buffer(big: Path) -> None:
    for args in (["list"], ["export", "--full"]):
        done = gapcli_process(*args, "--positions", big, script=True)
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.encode("utf-8")) > 2 * 65536


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["list"], ["export", "--md"]])
def test_a_full_disk_on_stdout_is_one_message(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = gapcli_process(*command, "-p", TWO, stdout=full.fileno())
    assert done.returncode == 1
    assert done.stderr == "gapcli: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("command", [["compare", "dredging"], ["export", "--md"]])
def test_an_encoding_that_cannot_show_the_text_is_one_message(command: list[str]) -> None:
    done = gapcli_process(*command, "-p", TWO, env={"PYTHONIOENCODING": "ascii", "NO_COLOR": "1"})
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("gapcli: error: cannot print ")
    assert "in this terminal's encoding (ascii); use a UTF-8 locale" in done.stderr
    assert "Traceback" not in done.stderr


def test_columns_zero_still_prints_the_table() -> None:
    done = gapcli_process("list", "-p", TWO, env={"COLUMNS": "0", "NO_COLOR": "1"})
    assert done.returncode == 0
    assert "dredging" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 20
