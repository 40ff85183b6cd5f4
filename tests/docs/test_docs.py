"""The docs: the README's set-up commands are CI's, every example is generated, links resolve."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

MAIN_JOB = "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/gapcli compare china-role"
TESTS = "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/pytest"
PAGES = sorted((REPO / "docs").glob("*.md"))
README = REPO / "README.md"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, flags=re.S)
    assert blocks[:2] == [MAIN_JOB, TESTS]
    assert readme.index(MAIN_JOB) < readme.index("## ")


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.splitlines()[-1] == TESTS


def test_readme_is_a_front_door_not_a_manual() -> None:
    assert len(README.read_bytes()) <= 8 * 1024


def test_every_example_is_what_gapcli_prints_today() -> None:
    """Every example in the README and docs/ is a cog block; `cog --check` re-runs them all."""
    files = [README, *PAGES]
    assert all("[[[cog" in f.read_text(encoding="utf-8") for f in (README, REPO / "docs/usage.md"))
    check = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "-I", str(REPO / "scripts"), *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_no_console_example_is_written_by_hand() -> None:
    """A ```console block outside a cog block would go stale unnoticed."""
    for page in [README, *PAGES]:
        text = page.read_text(encoding="utf-8")
        outside = re.sub(r"\[\[\[cog.*?\[\[\[end\]\]\]", "", text, flags=re.S)
        assert "```console" not in outside, page.name


@pytest.mark.parametrize(
    "page", [README, *PAGES, REPO / "positions" / "README.md"], ids=lambda p: p.name
)
def test_every_relative_link_resolves(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
        assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_readme_links_every_docs_page() -> None:
    readme = README.read_text(encoding="utf-8")
    for page in PAGES:
        assert f"(docs/{page.name})" in readme, page.name


def test_screenshot_script_renders_svgs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_screenshots.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    shots = {"list.svg": "gapcli list", "compare.svg": "gapcli compare china-role"}
    shots["mirror.svg"] = "gapcli mirror china-intent"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(shots)
    readme = README.read_text(encoding="utf-8")
    for name, title in shots.items():
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.startswith('<svg class="rich-terminal"')
        assert f">{title.replace(' ', '&#160;')}</text>" in text
        assert text == (REPO / "docs" / name).read_text(encoding="utf-8"), f"{name} is stale"
        if name != "list.svg":
            assert f"]({'docs/' + name})" in readme
