"""The tutorial's workflow (scripts/tutorial.py, whose output is docs/tutorial.md): a
three-party dataset built from a fixture text with only init, new, source show/find, edits
of values and ``validate --fix``, ending with ``validate --strict`` clean; and ``--fix``
changes only the values it lists, byte for byte elsewhere."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tutorial
from gapcli.cli import app

from helpers import REPO, VARNA

ISSUE = "varna/dam-flows.yaml"


def test_the_tutorial_builds_a_clean_three_party_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before_fix: list[str] = []
    after_fix: list[str] = []

    def run(args: list[str], folder: Path) -> tuple[str, int]:
        assert folder == tmp_path
        fixing = "--fix" in args
        if fixing:
            before_fix.extend((folder / ISSUE).read_text("utf-8").splitlines(keepends=True))
        env = {"COLUMNS": "100", "NO_COLOR": "1"}
        result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
        if fixing:
            after_fix.extend((folder / ISSUE).read_text("utf-8").splitlines(keepends=True))
        return result.stdout + result.stderr, result.exit_code

    outputs = {
        step.command: shown
        for step, shown in tutorial.play(tmp_path, run)
        if isinstance(step, tutorial.Run)
    }
    commands = [s.command.split()[1] for s in tutorial.STEPS if isinstance(s, tutorial.Run)]
    assert set(commands) <= {"init", "new", "source", "validate", "compare"}

    fixed = outputs["gapcli validate -p varna --fix"].splitlines()
    assert fixed[0] == "Fixed 3 values:"
    assert fixed[-1] == "OK: 1 issue, 3 parties, 1 source; 11 quotes verbatim in brief."
    assert outputs["gapcli validate -p varna --strict"] == fixed[-1] + "\n"

    # Byte for byte: the lines --fix changed are exactly the lines of the values it listed.
    listed = {int(m[1]) for m in re.finditer(rf"{ISSUE}:(\d+):\d+: ", "\n".join(fixed))}
    changed = {
        int(m[1])
        for line in difflib.unified_diff(before_fix, after_fix, n=0)
        for m in [re.match(r"@@ -(\d+)", line)]
        if m
    }
    assert changed == listed == {19, 50, 60}
    assert len(before_fix) == len(after_fix)
    for number in listed:
        old, new = before_fix[number - 1], after_fix[number - 1]
        key = old[: old.index(":") + 2]
        assert new.startswith(key)  # the same key at the same indent: only the value changed
    assert after_fix[49] == "            para: 6\n"
    assert after_fix[59].endswith('per second — the volume its canals need"\n')
    # The fixture tests/data/varna is the dataset the tutorial ends with.
    for name in ("dataset.yaml", "dam-flows.yaml", "sources/brief.txt"):
        assert (tmp_path / "varna" / name).read_bytes() == (VARNA / name).read_bytes(), name


def test_the_tutorial_page_is_the_scripts_output() -> None:
    page = (REPO / "docs" / "tutorial.md").read_text(encoding="utf-8")
    assert "[[[cog import tutorial; tutorial.page() ]]]" in page
    for step in tutorial.STEPS:
        if isinstance(step, tutorial.Run):
            assert f"$ {step.command}\n" in page


def test_every_edit_changes_only_placeholders_or_empty_lists() -> None:
    """The edits fill in values: each replaces a placeholder or an empty list."""
    for step in tutorial.STEPS:
        if isinstance(step, tutorial.Edit):
            for old, _ in step.changes:
                assert old.startswith('"<') or old.strip().split("\n")[0].endswith("[]"), old
