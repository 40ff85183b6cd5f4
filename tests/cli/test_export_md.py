"""``gapcli export --full``: the dossier matches the reviewed golden files; ``--issue``
narrows its facts, dates and citations; ``-o`` never overwrites without ``--force``.

How other tools read the briefing (GFM, pandoc) is in test_gfm_pandoc.py; what happens when
the target cannot be written is in test_export_safety.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gapcli.views.explore import bears_on

from helpers import DATA, EXPLORE, TWO, Run


@pytest.mark.parametrize("name", ["two-party", "three-party"])
def test_export_md_matches_reviewed_golden_file(run: Run, name: str) -> None:
    result = run("export", "--full", "-p", str(DATA / name))
    golden = (DATA / f"{name}.brief.md").read_text(encoding="utf-8")
    assert result.exit_code == 0
    assert result.stdout == golden


def test_export_issue_narrows_facts_dates_and_citations(run: Run) -> None:
    result = run("export", "--full", "-p", TWO, "--issue", "tolls")
    out = result.stdout
    assert result.exit_code == 0
    assert "### 1. Harbour tolls" in out and "### 2." not in out
    assert "Related: Who dredges the channel\n" in out  # named, but not a section of this note
    assert "100 percent" not in out  # the fact bears on dredging only
    assert "Harbour talks resumed" not in out  # so does this event
    assert (
        "- **late 2023 (approximate)** — A joint survey was made. ¶3" in out
    )  # dataset-wide event kept
    assert out.endswith(
        "## Citations\n\nAll citations are to *Harbour memo*, Test Press (2024); ¶ = paragraph.\n\n"
        "- ¶1: “met in Midtown in May”\n- ¶3\n- ¶4\n"
    )


def test_export_md_issue_keeps_its_facts_dates_and_citations(run: Run) -> None:
    result = run("export", "--full", "--issue", "chip-exports", "-p", EXPLORE)
    assert result.exit_code == 0
    out = result.stdout
    context = out[out.index("## Context") : out.index("## Issues")]
    assert context.splitlines() == [
        "## Context",
        "",
        "- China Wharf is a trading house. — *the brief · analysis* ¶1",
        "",
        "### Key dates",
        "",
        "- **mid 2021 (approximate)** — Canal fees were raised. — *the brief* ¶4",
        "- **early 2022 (approximate)** — Talks began. ¶4",
        "",
    ]
    assert "## Recommendations" not in out
    assert out[out.index("## Citations") :].splitlines() == [
        "## Citations",
        "",
        "All citations are to *Canal brief*, Test Desk; ¶ = paragraph.",
        "",
        "- ¶1: “a trading house called China Wharf”",
        "- ¶2: “China Wharf’s “free port” status lets chips leave untaxed”",
        "- ¶4",
    ]


def test_bears_on() -> None:
    assert bears_on(["a"], None) and bears_on([], {"b"}) and bears_on(["a", "b"], {"b"})
    assert not bears_on(["a"], {"b"})


def test_export_unknown_issue_is_a_usage_error(run: Run) -> None:
    result = run("export", "--md", "-p", TWO, "--issue", "toll")
    assert result.exit_code == 2
    assert result.stderr.startswith("gapcli: error: unknown issue 'toll'; did you mean 'tolls'?")


def test_export_to_file_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    first = run("export", "--md", "-p", TWO, "-o", str(target))
    assert first.exit_code == 0
    assert first.stderr == f"Wrote {target} (2 issues).\n"
    assert target.read_text(encoding="utf-8") == run("export", "--md", "-p", TWO).stdout
    target.write_text("keep me", encoding="utf-8")
    refused = run("export", "--md", "-p", TWO, "-o", str(target))
    assert refused.exit_code == 1
    assert (
        refused.stderr == f"gapcli: error: {target}: already exists; use --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = run("export", "--md", "-p", TWO, "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temporary left


def test_export_dash_means_stdout(run: Run) -> None:
    assert (
        run("export", "--md", "-p", TWO, "-o", "-").stdout
        == run("export", "--md", "-p", TWO).stdout
    )


def test_export_md_and_json_are_exclusive(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = run("export", "--md", "--json", "-o", str(target), "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "gapcli: error: --md and --json cannot be used together; choose one format\n"
    )
    assert not target.exists()
