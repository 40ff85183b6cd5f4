"""Shared test helpers, importable from a test file in any folder (``from helpers import …``):
the paths of the fixture datasets, running gapcli as a real process (``gapcli_process``), small
output helpers (``lines``, ``split_front_matter``, ``errors`` and ``assert_clean_failure``),
the benchmarks' dataset generator and the line counter the cost tests use. Fixtures (``run``,
``wheel``) are in ``tests/conftest.py``; ``helpers.render_checks`` checks that any text shows
literally; ``helpers.formats`` reads the exported formats back.

Fixture datasets (``tests/data/``): ``minimal`` (the smallest valid dataset; each
``broken-<case>`` is a copy of it with one defect, at the same line numbers), ``two-party``
and ``three-party`` (with reviewed golden briefings), ``explore`` (mirror-image readings,
approximate dates, typographic quotes, ids starting ``chi``), ``hostile`` (text that looks
like markup or terminal control), ``varna`` (three parties and a source that names its text
file: the dataset docs/tutorial.md builds).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import yaml
from typer.testing import Result

import gapcli

TESTS = Path(__file__).resolve().parent.parent
DATA = TESTS / "data"
REPO = TESTS.parent
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
SHIPPED = REPO / "positions"  # the dataset the package ships

Run = Callable[..., Result]


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


def generator() -> ModuleType:
    """benchmarks/generate.py, loaded as a module (benchmarks is not a package)."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lines_run(work: Callable[[], Any], *where: str) -> int:
    """How many lines of code in files under ``where`` (default: gapcli) run during ``work()``."""
    where = where or (str(Path(gapcli.__file__).parent),)
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(where) else None

    previous = sys.gettrace()  # coverage's tracer, when it runs: put it back afterwards
    sys.settrace(calls)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count
