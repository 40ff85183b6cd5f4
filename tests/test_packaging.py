"""The wheel carries the shipped dataset and works from any folder, without the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.filterwarnings("ignore")


def test_wheel_contains_the_shipped_dataset(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f"gapcli/positions/{p.name}" for p in (REPO / "positions").glob("*.yaml")}
    assert "gapcli/positions/dataset.yaml" in shipped
    assert "gapcli/positions/china-role.yaml" in shipped
    assert shipped <= names
    assert "gapcli/py.typed" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_runs_from_another_folder(wheel_site: Path, tmp_path: Path) -> None:
    site = wheel_site
    env = {k: v for k, v in os.environ.items() if k != "GAPCLI_POSITIONS"}
    env.update(PYTHONPATH=str(site), COLUMNS="100", NO_COLOR="1")
    work = tmp_path / "elsewhere"
    work.mkdir()

    def gapcli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gapcli", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )

    where = subprocess.run(
        [sys.executable, "-c", "import gapcli, sys; sys.stdout.write(gapcli.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(site))  # the wheel's copy, not the checkout
    listed = gapcli("list")
    assert (listed.returncode, listed.stderr) == (0, "")
    assert "china-role" in listed.stdout
    compared = gapcli("compare", "china-role")
    assert compared.returncode == 0 and compared.stdout.startswith("China")
    exported = gapcli("export", "--md")
    assert exported.returncode == 0 and exported.stdout.startswith("---\ntitle: ")
    validated = gapcli("validate")
    assert (validated.returncode, validated.stdout.startswith("OK: ")) == (0, True)
