"""Start-up stays near Typer's own, and the work per issue stays constant as datasets grow.

No timings here (they belong to benchmarks/run.py): the first test checks which modules
``gapcli --version`` imports, as Typer's own tests do for Rich; the others count the lines
of gapcli code that run for datasets of N, 2N and 3N identical-shaped issues, which is
exactly linear when every cross-check and search is a dict or set lookup or one pass.
(Line counts see Python loops, not a C-level scan such as ``x in some_list``: the
benchmark's list and export ratios on 2,000 issues are the guard for those.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from gapcli.document.brief import Options, build
from gapcli.loader import load_dataset
from gapcli.render.brief_markdown import brief_markdown
from gapcli.render.markdown import dossier
from gapcli.views.explore import perceptions, search
from gapcli.views.sides import mirror, sides

from helpers import TWO, lines_run

HEAVY = ("rich", "yaml", "pydantic", "pydantic_core", "gapcli.loader", "gapcli.domain.models")

# Runs the console script's entry point and reports every module it imported.
ENTRY = """
import atexit, json, sys
atexit.register(lambda: sys.stderr.write("\\n" + json.dumps(sorted(sys.modules)) + "\\n"))
sys.argv = ["gapcli", *sys.argv[1:]]
from gapcli.cli import main
main()
"""


def imported_by(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``gapcli ARGS`` in a fresh interpreter; its result and the modules it imported."""
    result = subprocess.run(
        [sys.executable, "-c", ENTRY, *args], capture_output=True, text=True, timeout=60
    )
    return result, set(json.loads(result.stderr.splitlines()[-1]))


@pytest.mark.parametrize(
    ("args", "starts"), [("--version", "gapcli "), ("--help", "Usage: gapcli")]
)
def test_version_and_help_import_no_heavy_module(args: str, starts: str) -> None:
    result, modules = imported_by(args)
    assert result.returncode == 0
    assert result.stdout.startswith(starts)
    heavy = sorted(m for m in modules if m in HEAVY or m.startswith(tuple(f"{h}." for h in HEAVY)))
    assert heavy == []


def test_the_probe_sees_heavy_imports() -> None:
    """The same probe does see them when a command needs them (so the test above can fail)."""
    result, modules = imported_by("list", "--positions", str(TWO))
    assert result.returncode == 0
    assert {"rich", "yaml", "pydantic", "gapcli.loader", "gapcli.domain.models"} <= modules


def commands_imported(modules: set[str]) -> list[str]:
    """The command modules (``gapcli.cli.commands.*``) among ``modules``."""
    return sorted(m for m in modules if m.startswith("gapcli.cli.commands."))


def test_help_imports_no_command_and_a_command_imports_only_itself() -> None:
    """The registry lists every command from its summaries and imports just the one run."""
    _, at_help = imported_by("--help")
    result, at_compare = imported_by("compare", "dredging", "--positions", str(TWO))
    assert result.returncode == 0
    assert commands_imported(at_help) == []
    assert commands_imported(at_compare) == ["gapcli.cli.commands.compare"]


# --- linear cost ------------------------------------------------------------------------

DATASET = """\
schema: 2
title: Shape test
summary: Identical issues, so each one costs the same.
parties:
  - {id: north, name: Northland, label: North}
  - {id: south, name: Southland, label: South}
sources:
  - {id: memo, title: Memo, publisher: Press, kind: memo, paragraphs: 100000}
facts:
  - {id: fact, text: A harbour fact., by: the memo, voice: analysis, cite: [{source: memo, para: 1}]}
"""


def entry(entry_id: str, voice: str, para: int, *extra: str, indent: int = 4) -> str:
    """One attributed list entry at ``indent`` (``extra``: more lines of its mapping)."""
    lines = [
        f"- id: {entry_id}",
        "  text: The harbour needs dredging.",
        f"  by: the {voice}",
        f"  voice: {voice}",
        *(f"  {line}" for line in extra),
        f"  cite: [{{source: memo, para: {para}, quote: silt}}]",
    ]
    return "".join(" " * indent + line + "\n" for line in lines)


def issue_yaml(n: int, count: int) -> str:
    """Issue ``n`` of ``count``: every one the same shape, citing its own paragraphs.

    Each has what schema 2 cross-checks and lays out: a stance on one side and none on the
    other, official and other voices, a reading that points at the other side's entry and is
    assessed, one that points at nothing, the source's analysis, common ground and a bridge.
    """
    para = 3 * n + 1
    assessment = [
        "assessment:",
        "  verdict: exaggerated",
        "  by: the memo",
        "  voice: analysis",
        f"  cite: [{{source: memo, para: {para}}}]",
    ]
    north = (
        "  north:\n    stance:\n      text: Harbour first.\n      by: Northland\n"
        f"      voice: government\n      cite: [{{source: memo, para: {para}}}]\n"
        "    claims:\n"
        + entry("n-claim", "government", para)
        + entry("n-expert", "expert", para)
        + "    readings:\n"
        + entry("n-reads", "official", para, "about: [s-claim]", *assessment)
        + "    asks:\n"
        + entry("n-ask", "legislature", para)
    )
    south = (
        "  south:\n    claims:\n"
        + entry("s-claim", "official", para + 1)
        + entry("s-public", "public", para + 1)
        + "    readings:\n"
        + entry("s-reads", "participant", para + 1, "of: north")
    )
    return (
        f"id: issue-{n}\ntitle: Harbour {n}\nquestion: Who pays?\ntags: [harbour]\n"
        "gap_type: cause\nsummary: They differ on the harbour.\npositions:\n"
        + north
        + south
        + f"gap:\n  what: The harbour.\n  why_it_matters: Cost.\n  cite: [{{source: memo, para: {para + 2}}}]\n"
        + "analysis:\n"
        + entry("analysis", "analysis", para + 2, indent=2)
        + "common_ground:\n"
        + entry("common", "government", para + 2, indent=2)
        + "bridges:\n"
        + entry("bridge", "participant", para + 2, indent=2)
        + f"related: [issue-{(n + 1) % count}, issue-{(n + 2) % count}]\n"
    )


def write_dataset(folder: Path, count: int) -> Path:
    folder.mkdir()
    (folder / "dataset.yaml").write_text(DATASET, encoding="utf-8")
    for n in range(count):
        (folder / f"issue-{n}.yaml").write_text(issue_yaml(n, count), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("shape")
    return {count: write_dataset(root / str(count), count) for count in (20, 40, 60)}


WORK: dict[str, Callable[[Path], Any]] = {
    "load and cross-check": load_dataset,
    "search": lambda folder: search(load_dataset(folder), "harbour"),
    "export --full": lambda folder: dossier(
        dataset := load_dataset(folder),
        dataset.issues,
        build(dataset, dataset.issues, "2024-01-01", Options(), detail=False),
    ),
    "sides": lambda folder: [
        sides(issue, dataset) for dataset in [load_dataset(folder)] for issue in dataset.issues
    ],
    "perceptions": lambda folder: perceptions(load_dataset(folder)),
    "mirror": lambda folder: [
        mirror(issue, dataset) for dataset in [load_dataset(folder)] for issue in dataset.issues
    ],
}


@pytest.mark.parametrize("name", WORK)
def test_cost_per_issue_is_constant(name: str, datasets: dict[int, Path]) -> None:
    work = WORK[name]
    work(datasets[20])  # warm caches (per-model field lists)
    lines = [lines_run(partial(work, folder)) for folder in datasets.values()]
    # f(N) = a + b*N exactly: each further 20 issues run the same number of lines.
    assert lines[2] - lines[1] == lines[1] - lines[0] > 0


def test_the_brief_costs_no_more_than_a_line_per_issue(datasets: dict[int, Path]) -> None:
    """The brief details as many issues as fit in its words and names the rest; loading and
    the bottom line are linear, so each further 20 issues cost about the same (within 10%:
    which entries the bottom line names depends on the issues' content), never more and more."""

    def work(folder: Path) -> None:
        dataset = load_dataset(folder)
        brief_markdown(build(dataset, dataset.issues, "2024-01-01", Options()))

    work(datasets[20])
    lines = [lines_run(partial(work, folder)) for folder in datasets.values()]
    assert 0 < lines[2] - lines[1] <= 1.1 * (lines[1] - lines[0])


def test_a_quadratic_check_would_be_caught(datasets: dict[int, Path]) -> None:
    """The measure is sharp: checking related ids against a list instead of a dict is not linear."""

    def list_scan(folder: Path) -> None:
        dataset = load_dataset(folder)
        ids = [issue.id for issue in dataset.issues]
        for issue in dataset.issues:
            for ref in issue.related:
                assert any(other == ref for other in ids)

    lines = [lines_run(partial(list_scan, f), __file__) for f in datasets.values()]
    assert lines[2] - lines[1] > lines[1] - lines[0]
