"""gapcli diff: every kind of change, the three outputs, git revisions, schema-1 sides, cost.

Fixtures: ``diff-old`` → ``diff-new`` (an issue added, one removed, one unchanged, and in
``harbour`` every kind of entry change), their reviewed Markdown in ``diff-pair.md``, and
``v1-shipped`` (the shipped dataset's first release, schema 1).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from functools import partial
from pathlib import Path

import pytest

from gapcli.loader import MAX_FILE_BYTES, load_dataset
from gapcli.render.markdown import diff_markdown
from gapcli.views.diff import Version, Wording, diff, text_change

from helpers import DATA, REPO, Run, lines_run

OLD, NEW = DATA / "diff-old", DATA / "diff-new"


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def pair() -> tuple[Version, Version]:
    return Version("diff-old", load_dataset(OLD)), Version("diff-new", load_dataset(NEW))


# --- the comparison ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "wording"),
    [
        ("Southland should pay half the cost.", "Southland should pay half of the cost.", "fix"),
        ("Southland is stalling the talks.", "Southland is not stalling the talks.", "reworded"),
        ("It isn't stalling the talks at all.", "It is stalling the talks at all.", "reworded"),
        ("Dredging costs ten million a year.", "Dredging costs twelve million a year.", "reworded"),
        ("Costs rose in 2023 across the port.", "Costs rose in 2024 across the port.", "reworded"),
        ("Both want an open channel.", "Both want an open channel all year.", "reworded"),
    ],
)
def test_wording_fix_or_change_of_position(old: str, new: str, wording: str) -> None:
    change = text_change(old, new)
    assert change is not None
    assert change.wording is (Wording.FIX if wording == "fix" else Wording.REWORDED)


def test_same_text_is_no_change() -> None:
    assert text_change("Same.", "Same.") is None


def test_terminal_view_of_every_kind_of_change(run: Run) -> None:
    result = run("diff", str(OLD), str(NEW))
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        f"From {OLD} (version 1, as of 2024-01)",
        f"to {NEW} (version 2, as of 2024-06)",
        "1 issue changed, 1 added, 1 removed, 1 unchanged.",
        "",
        "Dataset file",
        "  version changed",
        "    - 1",
        "    + 2",
        "  as_of changed",
        "    - 2024-01",
        "    + 2024-06",
        "",
        "A new canal (canal): issue added",
        "",
        "Who dredges the harbour (harbour)",
        "  question changed",
        "    - Who should pay for dredging?",
        "    + Who should pay for dredging, and how much?",
        "  gap_type changed",
        "    - cause",
        "    + fact",
        "  gap.what changed",
        "    - Whose activity causes the silt.",
        "    + Whose activity, ships or farms, causes the silt.",
        "  Northport, claims",
        "    reworded dredge-cost",
        "      - Dredging costs ten million a year.",
        "      + Dredging costs twelve million a year.",
        "    removed old-survey",
        "      - The last survey is out of date. — Northland engineers · expert",
        "  Northport, readings",
        "    reworded south-stalls",
        "      - Southland is stalling the talks.",
        "      + Southland is not stalling the talks.",
        "  Northport, asks",
        "    wording fix pay-half",
        "      - Southland should pay half the cost.",
        "      + Southland should pay half of the cost.",
        "  Southport, stance",
        "    reworded; by: the Southland government → the Southland ministry; voice: government → official",
        "    ┌────────────────────────────────────────┬─────────────────────────────────────────────────────┐",
        "    │ Before                                 │ Now                                                 │",
        "    ├────────────────────────────────────────┼─────────────────────────────────────────────────────┤",
        "    │ Northern ships stir the silt.          │ Northern ships and storms stir the silt.            │",
        "    └────────────────────────────────────────┴─────────────────────────────────────────────────────┘",
        "  Southport, claims",
        "    changed traffic; by: Southland shippers → the Southport Gazette; voice: public → media",
        "    moved north-blames; moved from Southport, readings",
        "  Southport, asks",
        "    changed joint-fund; citations: memo ¶3 → memo ¶4",
        "  Common ground",
        "    reworded open-water; matched by wording to open-channel, 0.85",
        "      - Both want an open channel.",
        "      + Both want an open channel all year.",
        "  Bridges",
        "    removed joint-survey",
        "      - A joint survey of the silt. — the memo · analysis",
        "    added shared-data",
        "      + Share dredging data every month. — the memo · analysis",
        "",
        "The night ferry (ferry): issue removed",
        "",
        "Unchanged (1): tolls.",
        "",
        "Entries are matched by id, else by wording (similarity at least 0.6); an edit that keeps at least",
        "0.9 similarity and changes no negation or number is a wording fix.",
    ]


def test_word_level_highlighting_in_colour(run: Run) -> None:
    result = run("diff", str(OLD), str(NEW), env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[1;32mnot\x1b[0m" in result.stdout  # the inserted word, bold green
    assert "\x1b[9;31mten\x1b[0m" in result.stdout  # the deleted word, struck through in red


def test_markdown_is_the_reviewed_golden_file() -> None:
    expected = (DATA / "diff-pair.md").read_text(encoding="utf-8")
    assert diff_markdown(diff(*pair())) == expected


def test_json_is_versioned_and_complete(run: Run) -> None:
    result = run("diff", str(OLD), str(NEW), "--json")
    doc = json.loads(result.stdout)
    assert (doc["gapcli_json"], doc["kind"]) == (3, "diff")
    assert doc["old"] == {
        "label": str(OLD),
        "version": "1",
        "as_of": "2024-01",
        "schema": 2,
        "voice_not_recorded": [],
    }
    assert doc["thresholds"] == {"pair": 0.6, "wording_fix": 0.9}
    assert doc["summary"] == {"changed": 1, "added": 1, "removed": 1, "unchanged": 1}
    assert doc["dataset"] == [
        {"field": "version", "old": "1", "new": "2"},
        {"field": "as_of", "old": "2024-01", "new": "2024-06"},
    ]
    assert [(i["id"], i["status"]) for i in doc["issues"]] == [
        ("canal", "added"),
        ("harbour", "changed"),
        ("ferry", "removed"),
    ]
    harbour = doc["issues"][1]
    assert [f["field"] for f in harbour["fields"]] == ["question", "gap_type", "gap.what"]
    summary = [
        (c["kind"], c["party"], c["list"], c["id"], c["old_id"], c["matched_by"], c["changed"])
        for c in harbour["changes"]
    ]
    assert summary == [
        ("reworded", "north", "claims", "dredge-cost", "dredge-cost", "id", []),
        ("removed", "north", "claims", None, "old-survey", None, []),
        ("reworded", "north", "readings", "south-stalls", "south-stalls", "id", []),
        ("wording fix", "north", "asks", "pay-half", "pay-half", "id", []),
        ("reworded", "south", "stance", None, None, "id", ["by", "voice"]),
        ("changed", "south", "claims", "traffic", "traffic", "id", ["by", "voice"]),
        ("moved", "south", "claims", "north-blames", "north-blames", "id", []),
        ("changed", "south", "asks", "joint-fund", "joint-fund", "id", ["citations"]),
        ("reworded", None, "common_ground", "open-water", "open-channel", "wording", []),
        ("removed", None, "bridges", None, "joint-survey", None, []),
        ("added", None, "bridges", "shared-data", None, None, []),
    ]
    moved = harbour["changes"][6]
    assert moved["moved_from"] == {"party": "south", "list": "readings"}
    assert harbour["changes"][8]["match_similarity"] == 0.852
    assert harbour["changes"][0]["new"]["text"] == "Dredging costs twelve million a year."
    assert doc["unchanged"] == ["tolls"]


def test_same_dataset_twice_is_all_unchanged(run: Run) -> None:
    result = run("diff", str(OLD), str(OLD))
    assert result.exit_code == 0
    assert lines(result.stdout)[2:] == [
        "0 issues changed, 0 added, 0 removed, 3 unchanged.",
        "",
        "Unchanged (3): ferry, harbour, tolls.",
        "",
        "Entries are matched by id, else by wording (similarity at least 0.6); an edit that keeps at least",
        "0.9 similarity and changes no negation or number is a wording fix.",
    ]


def test_md_and_json_together_are_a_usage_error(run: Run) -> None:
    result = run("diff", str(OLD), str(NEW), "--md", "--json")
    assert (result.exit_code, result.stderr) == (
        2,
        "gapcli: error: --md and --json cannot be used together; choose one format\n",
    )


# --- schema-1 sides ----------------------------------------------------------------------------


def test_schema_1_first_release_against_the_reviewed_dataset(run: Run) -> None:
    result = run("diff", str(DATA / "v1-shipped"), str(REPO / "positions"), "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["old"]["schema"] == 1
    assert doc["old"]["voice_not_recorded"] == [
        {"issue": None, "id": "origin-in-china"},
        {"issue": "china-intent", "id": "convinced-or-claiming-to-be"},
    ]
    assert doc["summary"] == {"changed": 7, "added": 0, "removed": 0, "unchanged": 0}
    intent = next(i for i in doc["issues"] if i["id"] == "china-intent")
    weaponizing = next(c for c in intent["changes"] if c["id"] == "weaponizing")
    assert weaponizing["old"]["voice"] is None  # never the placeholder used to load it
    assert weaponizing["new"]["voice"] == "public"
    assert weaponizing["moved_from"] == {"party": "us", "list": "claims"}
    text = run("diff", str(DATA / "v1-shipped"), str(REPO / "positions")).stdout
    assert "voice: not recorded → public" in " ".join(text.split())
    assert "id was" not in text  # the migration's made-up ids are not reported as renamed


# --- git revisions ------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A throwaway repository: diff-old committed and tagged v1, then diff-new committed."""
    root = tmp_path / "repo"
    folder = root / "data" / "positions"
    shutil.copytree(OLD, folder)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "old")
    git(root, "tag", "v1")
    shutil.rmtree(folder)
    shutil.copytree(NEW, folder)
    git(root, "add", "-A", ".")
    git(root, "commit", "-q", "-m", "new")
    return folder


def test_revisions_read_like_folders(run: Run, repo: Path) -> None:
    folders = run("diff", str(OLD), str(NEW), "--json")
    for args in (("v1", "HEAD"), ("HEAD~1",), ("v1", str(repo))):
        result = run("diff", *args, "-p", str(repo), "--json")
        assert (result.exit_code, result.stderr) == (0, "")
        doc, expected = json.loads(result.stdout), json.loads(folders.stdout)
        for doc_ in (doc, expected):
            doc_["old"]["label"] = doc_["new"]["label"] = ""
        assert doc == expected
    head = run("diff", "v1", "HEAD", "-p", str(repo)).stdout
    assert lines(head)[:2] == [
        "From v1 (version 1, as of 2024-01)",
        "to HEAD (version 2, as of 2024-06)",
    ]


def test_an_unknown_revision_is_one_clear_error(run: Run, repo: Path) -> None:
    result = run("diff", "no-such-tag", "-p", str(repo))
    top = repo.parent.parent
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"gapcli: error: no-such-tag: not a dataset folder, nor a revision in the git repository "
        f"at {top}; give a folder, a commit, a tag or a branch (e.g. HEAD~1)\n"
    )
    assert run("diff", "--", "--output=x", "-p", str(repo)).exit_code == 2


def test_not_a_repository_and_no_git(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "positions"
    shutil.copytree(OLD, folder)
    result = run(
        "diff", "HEAD~1", "-p", str(folder), env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"gapcli: error: HEAD~1: not a dataset folder, and {folder} is not in a git repository, "
        "so it cannot be a revision either (git: fatal: not a git repository"
    )
    no_git = run("diff", "HEAD~1", "-p", str(folder), env={"PATH": str(tmp_path)})
    assert (no_git.exit_code, no_git.stderr) == (
        1,
        "gapcli: error: git is not installed (or not on PATH), so a revision cannot be read; "
        "install git, or compare two dataset folders\n",
    )


def test_an_oversized_file_in_a_revision_is_refused_with_every_other_problem(
    run: Run, repo: Path
) -> None:
    (repo / "huge.yaml").write_text("# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    (repo / "zz.yaml").symlink_to("/dev/zero")
    git(repo.parent.parent, "add", "-A", ".")
    git(repo.parent.parent, "commit", "-q", "-m", "huge")
    result = run("diff", "HEAD", "-p", str(repo))
    assert result.exit_code == 1
    assert result.stderr == (
        f"gapcli: error: HEAD:data/positions/huge.yaml: file is {MAX_FILE_BYTES + 3:,} bytes; "
        f"the limit is {MAX_FILE_BYTES:,}\n"
        "gapcli: error: HEAD:data/positions/zz.yaml: is a symbolic link, not a regular file; "
        "gapcli reads only files\n"
        "gapcli: error: 2 problems found; fix them and run again.\n"
    )


def test_an_error_in_a_revision_names_revision_file_and_line(run: Run, repo: Path) -> None:
    harbour = repo / "harbour.yaml"
    harbour.write_text(
        harbour.read_text("utf-8").replace('gap_type: "fact"', 'gap_type: "facts"'), "utf-8"
    )
    git(repo.parent.parent, "commit", "-q", "-am", "typo")
    result = run("diff", "HEAD", "-p", str(repo))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "gapcli: error: HEAD:data/positions/harbour.yaml:5:1: gap_type: input should be 'fact', "
        "'cause', 'intent', 'linkage', 'venue', 'method' or 'expectation'"
    )


# --- export --since -----------------------------------------------------------------------------


def test_export_since_adds_what_changed_right_after_the_bottom_line(run: Run) -> None:
    result = run("export", "--full", "--since", str(OLD), "-p", str(NEW), "--issue", "harbour")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    at = out.index("## What changed since version 1, as of 2024-01")
    assert out.index("## Bottom line") < at < out.index("## Context")
    assert out[at + 2 : at + 5] == [
        f"From {OLD} (version 1, as of 2024-01) to {NEW} (version 2, as of 2024-06).",
        "",
        "1 issue changed, 0 added, 0 removed, 0 unchanged.",
    ]
    assert "### Who dredges the harbour (`harbour`)" in out
    assert "### The night ferry (`ferry`)" not in out  # narrowed to the exported issues
    both = run("export", "--json", "--since", str(OLD), "-p", str(NEW))
    assert (both.exit_code, both.stderr) == (
        2,
        "gapcli: error: --since adds a section to the Markdown briefing; for JSON use gapcli diff\n",
    )


# --- cost ---------------------------------------------------------------------------------------

SHAPE_DATASET = """\
schema: 2
title: Shape test
summary: Identical issues, so each one costs the same.
parties:
  - {id: north, name: Northland, label: North}
  - {id: south, name: Southland, label: South}
sources:
  - {id: memo, title: Memo, publisher: Press, paragraphs: 100000}
"""


def shape_issue(n: int, edited: bool) -> str:
    """Issue ``n``; the edited version rewords one claim, drops one, adds one, renames one."""
    said = "The harbour needs urgent dredging." if edited else "The harbour needs dredging."

    def claim(cid: str, text: str) -> str:
        return (
            f"      - {{id: PARTY-{cid}, text: {text}, by: the memo, voice: expert, "
            f"cite: [{{source: memo, para: {n + 1}}}]}}\n"
        )

    claims = claim("a", said) + claim("b" if edited else "c", "Silt comes from the farms upstream.")
    claims += claim("d", "A new survey is due.") if edited else claim("e", "Ports lose money.")
    side = (
        "    stance: {text: Harbour first., by: the port, voice: official, "
        f"cite: [{{source: memo, para: {n + 1}}}]}}\n    claims:\n" + claims
    )
    return (
        f"id: issue-{n}\ntitle: Harbour {n}\nquestion: Who pays?\ngap_type: cause\n"
        f"summary: They differ.\npositions:\n  north:\n{side.replace('PARTY', 'north')}"
        f"  south:\n{side.replace('PARTY', 'south')}"
        f"gap: {{what: The harbour., why_it_matters: Cost., cite: [{{source: memo, para: {n + 1}}}]}}\n"
    )


def shape(folder: Path, count: int, edited: bool) -> Path:
    folder.mkdir(parents=True)
    (folder / "dataset.yaml").write_text(SHAPE_DATASET, encoding="utf-8")
    for n in range(count):
        (folder / f"issue-{n}.yaml").write_text(shape_issue(n, edited), encoding="utf-8")
    return folder


def test_diff_cost_per_issue_is_constant(tmp_path: Path) -> None:
    """Matching, pairing and rendering run the same lines for every further issue."""
    sizes = (10, 20, 30)
    pairs = [
        (shape(tmp_path / f"old{c}", c, False), shape(tmp_path / f"new{c}", c, True)) for c in sizes
    ]

    def work(old: Path, new: Path) -> None:
        result = diff(Version("old", load_dataset(old)), Version("new", load_dataset(new)))
        assert len(result.issues) == len(load_dataset(old).issues)
        diff_markdown(result)

    work(*pairs[0])  # warm caches
    counted = [lines_run(partial(work, *p)) for p in pairs]
    assert counted[2] - counted[1] == counted[1] - counted[0] > 0
