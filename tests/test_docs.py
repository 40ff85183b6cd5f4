"""The README's set-up commands are the ones CI runs; every command has help with an example."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO

MAIN_JOB = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/gapcli compare china-role"
TESTS = "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S)
    assert blocks[:2] == [MAIN_JOB, TESTS]
    assert readme.index(MAIN_JOB) < readme.index("## ")


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.splitlines()[-1] == TESTS


def test_readme_example_output_is_what_gapcli_prints_today() -> None:
    check = subprocess.run(
        [sys.executable, str(REPO / "docs" / "readme_examples.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
