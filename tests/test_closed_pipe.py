"""A reader that goes away (``gapcli list | head -1``): gapcli stops quietly, exit 0.

These run the installed console script through real pipes, with a generated dataset whose
output is more than twice the 64 KiB pipe buffer, so the write after ``head`` exits really
fails with EPIPE.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and head(1)")

ISSUES = 110
LONG = "They disagree about the tolls, the dredging and who should pay for which part. " * 10


def gapcli_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m gapcli``."""
    script = Path(sys.executable).with_name("gapcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gapcli"]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dataset whose list and briefing are each far larger than a pipe buffer."""
    folder = tmp_path_factory.mktemp("big")
    base = DATA / "broken-number-title"  # a minimal dataset whose only defect is `title: 42`
    shutil.copy(base / "dataset.yaml", folder)
    issue = (base / "alpha.yaml").read_text(encoding="utf-8").replace("title: 42", "title: Tolls")
    issue = issue.replace('"They disagree on who pays."', f'"{LONG}"')
    for i in range(ISSUES):
        text = issue.replace("id: alpha", f"id: issue-{i:03d}")
        (folder / f"issue-{i:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def piped(args: list[str], reader: list[str], tmp_path: Path) -> tuple[int, bytes, str]:
    """Run ``gapcli ARGS | READER``; gapcli's exit code, the reader's output, gapcli's stderr."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env["COLUMNS"] = "100"
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as err:
        writer = subprocess.Popen(
            [*gapcli_command(), *args], stdout=subprocess.PIPE, stderr=err, env=env
        )
        assert writer.stdout is not None
        head = subprocess.Popen(reader, stdin=writer.stdout, stdout=subprocess.PIPE)
        writer.stdout.close()  # only head holds the read end now
        out, _ = head.communicate(timeout=60)
        code = writer.wait(timeout=60)
    return code, out, errors.read_text(encoding="utf-8")


def full_size(args: list[str]) -> int:
    result = subprocess.run([*gapcli_command(), *args], capture_output=True, check=True)
    return len(result.stdout)


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


def test_the_outputs_really_overflow_a_pipe_buffer(big: Path) -> None:
    assert full_size(["list", "--positions", str(big)]) > 2 * 65536
    assert full_size(["export", "--md", "--positions", str(big)]) > 2 * 65536
