"""Packaging: the wheel carries the shipped dataset and its schemas, works from any folder
without the checkout, describes itself honestly on an index, and ``python -m gapcli`` runs.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import zipfile
from email.message import Message
from importlib.metadata import version
from pathlib import Path

import trove_classifiers

from gapcli.authoring.schema import schema_text
from gapcli.domain.choices import SchemaKind

from helpers import REPO, gapcli_process


def wheel_metadata(wheel: Path) -> tuple[Message, set[str]]:
    """The wheel's METADATA (what an index shows) and the names of the files it holds."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (found,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = archive.read(found).decode("utf-8")
    return email.message_from_string(text), names


def test_wheel_contains_the_shipped_dataset(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    shipped = {f"gapcli/positions/{p.name}" for p in (REPO / "positions").glob("*.yaml")}
    assert "gapcli/positions/dataset.yaml" in shipped
    assert "gapcli/positions/china-role.yaml" in shipped
    assert shipped <= names
    assert "gapcli/py.typed" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_runs_from_another_folder(wheel_site: Path, tmp_path: Path) -> None:
    site = wheel_site
    env = {"PYTHONPATH": str(site), "NO_COLOR": "1"}
    work = tmp_path / "elsewhere"
    work.mkdir()

    def gapcli(*args: str) -> subprocess.CompletedProcess[str]:
        return gapcli_process(*args, env=env, cwd=work)

    where = subprocess.run(
        [sys.executable, "-c", "import gapcli, sys; sys.stdout.write(gapcli.__file__)"],
        cwd=work,
        env={**os.environ, **env},
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


def test_installed_wheel_ships_and_prints_the_schemas(wheel_site: Path, tmp_path: Path) -> None:
    site, elsewhere = wheel_site, tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PYTHONPATH": str(site), "NO_COLOR": "1"}
    for kind in SchemaKind:
        shipped = (site / "gapcli" / "positions" / "schema" / kind.file_name).read_text("utf-8")
        assert shipped == schema_text(kind)
        printed = gapcli_process("schema", "--kind", kind.value, env=env, cwd=elsewhere)
        assert (printed.returncode, printed.stdout, printed.stderr) == (0, shipped, "")


def test_wheel_metadata_is_complete_and_honest(wheel: Path) -> None:
    """What an index shows for the built wheel (not what pyproject.toml asks for)."""
    meta, names = wheel_metadata(wheel)
    summary = meta["Summary"]
    assert summary and "\n" not in summary
    assert meta["License-Expression"] == "MIT"  # SPDX, not a License :: classifier
    assert meta.get_all("License-File") == ["LICENSE"]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload() == (REPO / "README.md").read_text(encoding="utf-8")
    classifiers = meta.get_all("Classifier") or []
    assert classifiers, "classifiers help people find the package"
    assert set(classifiers) <= trove_classifiers.classifiers
    assert not [c for c in classifiers if c.startswith("License ::")]
    for url in meta.get_all("Project-URL") or []:  # only real, known addresses
        address = url.split(",", 1)[1].strip()
        assert address.startswith("https://") and "example" not in address


def test_python_dash_m_gapcli_version() -> None:
    done = gapcli_process("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"gapcli {version('gapcli')}\n", "")
