"""The pre-commit hook (``.pre-commit-hooks.yaml``): run as pre-commit runs it, it validates a
team's dataset and reports a broken file with its line.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import yaml

from helpers import REPO, TWO, copy_dataset, gapcli_process

HOOK_KEYS = {
    "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
    "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
    "language_version", "minimum_pre_commit_version", "args", "stages", "additional_dependencies",
}  # fmt: skip


def hook() -> dict[str, Any]:
    """The gapcli-validate hook as pre-commit reads it."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h.get("id") == "gapcli-validate"]
    assert isinstance(found, dict)
    return found


def test_pre_commit_hook_is_a_python_hook_for_yaml_files() -> None:
    """What pre-commit reads before running anything: known keys, a Python hook (pre-commit
    installs gapcli for it), and the files that trigger it."""
    found = hook()
    assert set(found) <= HOOK_KEYS
    assert found["language"] == "python"
    files = re.compile(found["files"])
    for name in ("positions/china-role.yaml", "data/dataset.yml", "positions/dataset.yaml"):
        assert files.search(name), name
    for name in ("README.md", "positions/notes.txt", "yaml/readme.md"):
        assert not files.search(name), name


def run_hook(cwd: Path, staged: list[str]) -> subprocess.CompletedProcess[str]:
    """The hook's command line as pre-commit builds it (entry, args, then the staged file
    names unless ``pass_filenames`` is false), run from the repository root."""
    found = hook()
    command = shlex.split(found["entry"]) + found.get("args", [])
    if found.get("pass_filenames", True):
        command += staged
    assert command[0] == "gapcli"
    return gapcli_process(*command[1:], env={"NO_COLOR": "1"}, script=True, cwd=cwd)


def test_pre_commit_hook_validates_a_teams_dataset(tmp_path: Path) -> None:
    copy_dataset(TWO, tmp_path, "positions")
    staged = ["positions/tolls.yaml"]
    ok = run_hook(tmp_path, staged)
    assert ok.returncode == 0
    assert ok.stderr == "".join(  # warnings show, and do not fail the hook
        f"gapcli: warning: positions/{name}.yaml:{line}:3: gap.cite: the gap cites no words of "
        "the source; add the `quote` it rests on\n"
        for name, line in (("dredging", 94), ("tolls", 28))
    )
    assert ok.stdout == "OK: 2 issues, 2 parties, 1 source.\n"
    tolls = tmp_path / "positions" / "tolls.yaml"
    tolls.write_text(
        tolls.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8"
    )
    broken = run_hook(tmp_path, staged)
    assert broken.returncode == 1
    assert "positions/tolls.yaml:2:1: titel: unknown key" in broken.stderr
