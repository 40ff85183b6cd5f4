"""git is data only: a dataset handed over with its ``.git`` cannot make gapcli run anything.

Each repository here commits a small dataset, then is made hostile through its own config (a
promisor remote whose upload-pack is a command, an ``ext::`` remote, an fsmonitor, an ssh
command, a pager); ``gapcli diff REV`` must read it, or fail with one clear error, and no
command of the repository's may run (it would create a file named PWNED).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA

GAPCLI = str(Path(sys.executable).with_name("gapcli"))


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, env=env, text=True
    )
    return done.stdout


def committed(tmp_path: Path) -> Path:
    """A repository with diff-old committed as data/positions; the repository's top."""
    root = tmp_path / "repo"
    shutil.copytree(DATA / "diff-old", root / "data" / "positions")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "old")
    return root


def pwned(tmp_path: Path) -> list[Path]:
    return sorted(tmp_path.rglob("PWNED"))


def gapcli_diff(root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp_path), "NO_COLOR": "1"}
    return subprocess.run(
        [
            GAPCLI,
            "diff",
            "HEAD",
            str(root / "data" / "positions"),
            "-p",
            str(root / "data/positions"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )


def promisor(root: Path, url: str) -> None:
    """Make ``root`` a partial clone whose promisor remote runs ``touch PWNED``, and lose the
    object of one of its dataset files so that reading it would fetch it from there."""
    line = git(root, "ls-tree", "-r", "HEAD", "--", "data/positions")
    obj = next(row.split()[2] for row in line.splitlines() if row.endswith(".yaml"))
    (root / ".git" / "objects" / obj[:2] / obj[2:]).unlink()
    git(root, "config", "extensions.partialClone", "origin")
    git(root, "config", "remote.origin.promisor", "true")
    git(root, "config", "remote.origin.url", url)
    git(root, "config", "remote.origin.uploadpack", "touch PWNED; false")


@pytest.mark.parametrize("url", ["../elsewhere", "ext::sh -c touch% PWNED"])
def test_a_lost_object_of_a_partial_clone_is_not_fetched(tmp_path: Path, url: str) -> None:
    root = committed(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    git(tmp_path / "elsewhere", "init", "-q")
    git(root, "config", "core.repositoryformatversion", "1")
    promisor(root, url)
    result = gapcli_diff(root, tmp_path)
    assert pwned(tmp_path) == []
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("gapcli: error: HEAD:data/positions/"), result.stderr
    assert ": git cannot read its object " in result.stderr
    assert "it is missing or corrupt in the repository, and gapcli never fetches it" in (
        result.stderr
    )


@pytest.mark.parametrize(
    "setting",
    [
        ("core.fsmonitor", "touch PWNED; false"),
        ("core.sshCommand", "touch PWNED; false"),
        ("core.pager", "touch PWNED; cat"),
        ("remote.origin.url", "ext::sh -c touch% PWNED"),
        ("core.hooksPath", "hooks"),
    ],
)
def test_a_command_in_the_repository_config_is_never_run(
    tmp_path: Path, setting: tuple[str, str]
) -> None:
    root = committed(tmp_path)
    hooks = root / "hooks"
    hooks.mkdir()
    for hook in ("post-checkout", "reference-transaction", "post-index-change"):
        (hooks / hook).write_text("#!/bin/sh\ntouch PWNED\n")
        (hooks / hook).chmod(0o755)
    git(root, "config", *setting)
    result = gapcli_diff(root, tmp_path)
    assert pwned(tmp_path) == []
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
