"""Shared test helpers: the fixture datasets, the two ways to run gapcli (in-process with
``run``, a real process with ``gapcli_process``), and small output helpers (``lines``,
``split_front_matter``, ``errors`` and ``assert_clean_failure`` for failures).

Fixture datasets (``tests/data/``): ``minimal`` (the smallest valid dataset; each
``broken-<case>`` is a copy of it with one defect, at the same line numbers), ``two-party``
and ``three-party`` (with reviewed golden briefings), ``explore`` (mirror-image readings,
approximate dates, typographic quotes, ids starting ``chi``), ``hostile`` (text that looks
like markup or terminal control), ``varna`` (three parties and a source that names its text
file: the dataset docs/tutorial.md builds).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from gapcli.cli import app

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
ARTICLE = REPO.parent / "shared" / "source" / "fentanyl-positions-article.txt"

MINIMAL = DATA / "minimal"
TWO = DATA / "two-party"
THREE = DATA / "three-party"
EXPLORE = DATA / "explore"
HOSTILE = DATA / "hostile"
DIFF_OLD = DATA / "diff-old"
DIFF_NEW = DATA / "diff-new"
VARNA = DATA / "varna"  # three parties, a source with its text: what docs/tutorial.md builds
# Every other folder is broken-<case>, or v1-<name>: a schema-1 dataset for the migration.
VALID_DATASETS = (MINIMAL, TWO, THREE, EXPLORE, HOSTILE, DIFF_OLD, DIFF_NEW, VARNA)

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the user's environment: no dataset override, fixed width, no colour."""
    for name in ("GAPCLI_POSITIONS", "FORCE_COLOR", "NO_COLOR", "TERM", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732838400")  # 2024-11-29


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process like a user: ``run("list", "-p", TWO)``.

    At 100 columns (``columns=``), with NO_COLOR=1 and stdout and stderr kept apart. ``env``
    adds variables; a value of None unsets one (``{"NO_COLOR": None}`` lets colour through).
    """

    def invoke(
        *args: str | Path, columns: int = 100, env: Mapping[str, str | None] | None = None
    ) -> Result:
        full_env = {"COLUMNS": str(columns), "NO_COLOR": "1", **(env or {})}
        argv = [str(a) for a in args]
        return CliRunner().invoke(app, argv, env=full_env, catch_exceptions=False)

    return invoke


def gapcli_command(script: bool = False) -> list[str]:
    """The command line that starts gapcli in a fresh interpreter: ``python -m gapcli``, or
    with ``script`` the installed console script next to this interpreter."""
    if script:
        console_script = Path(sys.executable).with_name("gapcli")
        assert console_script.is_file(), "gapcli is not installed: pip install -e '.[test]'"
        return [str(console_script)]
    return [sys.executable, "-m", "gapcli"]


def gapcli_process(
    *args: str | Path,
    env: Mapping[str, str] | None = None,
    script: bool = False,
    cwd: Path | None = None,
    stdout: int = subprocess.PIPE,
) -> subprocess.CompletedProcess[str]:
    """Run gapcli as a real process (for pipes, signals, encodings, installed packages).

    The environment is this test's (already isolated) plus COLUMNS=100 and ``env``.
    """
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    return subprocess.run(
        [*gapcli_command(script), *map(str, args)],
        env=full_env,
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )


FOOTER_1 = "1 problem found; fix it and run again."  # after the one problem of a bad dataset


def errors(result: Result) -> list[str]:
    """stderr lines, each checked to carry the ``gapcli: error:`` prefix, prefix removed."""
    lines = result.stderr.splitlines()
    assert all(line.startswith("gapcli: error: ") for line in lines), lines
    return [line.removeprefix("gapcli: error: ") for line in lines]


def assert_clean_failure(result: Result, code: int) -> None:
    """The exit code, nothing on stdout, and no traceback anywhere."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert "Traceback" not in result.output


def lines(text: str) -> list[str]:
    """Output lines without Rich's right padding."""
    return [line.rstrip() for line in text.splitlines()]


def split_front_matter(markdown: str) -> tuple[dict[str, Any], str]:
    """A briefing's YAML front matter (parsed) and its Markdown body."""
    assert markdown.startswith("---\n")
    head, body = markdown[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    assert isinstance(meta, dict)
    return meta, body


def copy_dataset(source: Path, tmp_path: Path, name: str = "ds") -> Path:
    """A writable copy of a fixture dataset folder, as ``tmp_path / name``."""
    return Path(shutil.copytree(source, tmp_path / name))


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout (no network: hatchling comes from the test extra)."""
    out = tmp_path_factory.mktemp("wheel")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*build, "-w", str(out), str(REPO)], check=True, capture_output=True)
    (found,) = out.glob("gapcli-*.whl")
    return found


@pytest.fixture(scope="session")
def wheel_site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel unpacked as a site folder: put it on PYTHONPATH to run the installed package."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site
