"""Shared fixtures: fixture datasets, a deterministic CLI runner."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from gapcli.cli import app

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
ARTICLE = REPO.parent / "shared" / "source" / "fentanyl-positions-article.txt"

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the user's environment: no dataset override, fixed width, no colour."""
    for name in ("GAPCLI_POSITIONS", "FORCE_COLOR", "NO_COLOR", "TERM", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732838400")  # 2024-11-29


@pytest.fixture
def run() -> Run:
    """Invoke the CLI like a user, at 100 columns, without colour; stderr kept apart."""

    def invoke(*args: str, columns: int = 100, env: dict[str, str] | None = None) -> Result:
        full_env = {"COLUMNS": str(columns), "NO_COLOR": "1", **(env or {})}
        return CliRunner().invoke(app, list(args), env=full_env, catch_exceptions=False)

    return invoke


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
