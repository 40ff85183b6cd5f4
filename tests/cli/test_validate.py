"""``gapcli validate``: a clean dataset says OK with its counts; ``--source-text`` checks every
quote against the cited paragraph.

Broken datasets are in test_bad_input.py; the pre-commit hook that runs validate in
test_precommit.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import THREE, TWO, Run

MEMO = f"memo={TWO / 'memo.txt'}"


GAP_WARNINGS = [
    f"gapcli: warning: {TWO}/{name}.yaml:{line}:3: gap.cite: the gap cites no words of the "
    "source; add the `quote` it rests on"
    for name, line in (("dredging", 94), ("tolls", 28))
]


def test_validate_clean_dataset_with_source_text(run: Run) -> None:
    result = run("validate", "-p", TWO, "--source-text", MEMO)
    assert (result.exit_code, result.stderr.splitlines()) == (0, GAP_WARNINGS)
    assert result.stdout == "OK: 2 issues, 2 parties, 1 source; 4 quotes verbatim in memo.\n"


def test_validate_reports_quotes_not_in_the_cited_paragraph(run: Run, tmp_path: Path) -> None:
    text = tmp_path / "memo.txt"
    text.write_text(
        "They met elsewhere.\nShip traffic doubled.\nThere is silt from the southern farms.\nx\n",
        encoding="utf-8",
    )
    result = run("validate", "-p", TWO, "--source-text", f"memo={text}")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"gapcli: error: {TWO}/dataset.yaml:26:7: dialogue.cite[0].quote: quote is not verbatim in memo ¶1; not found anywhere in the text",
        f"gapcli: error: {TWO}/dredging.yaml:24:13: positions.north.claims[0].cite[0].quote: quote is not verbatim in memo ¶2; it is in paragraph 3",
        "gapcli: error: 2 problems found; fix them and run again.",
        "gapcli: error: 'gapcli validate --fix' can correct 1 value.",
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("memo", "--source-text 'memo': expected SOURCE_ID=PATH, e.g. fp2024=article.txt"),
        ("nope=x.txt", "--source-text 'nope=x.txt': unknown source 'nope'; declared: memo"),
        (
            "memo=/no/such/file.txt",
            "--source-text 'memo=/no/such/file.txt': /no/such/file.txt: cannot read file: No such file or directory",
        ),
    ],
)
def test_validate_bad_source_text_option(run: Run, spec: str, message: str) -> None:
    result = run("validate", "-p", TWO, "--source-text", spec)
    assert (result.exit_code, result.stderr) == (2, f"gapcli: error: {message}\n")


def test_validate_without_source_text(run: Run) -> None:
    result = run("validate", "-p", THREE)
    assert (result.exit_code, result.stdout) == (0, "OK: 1 issue, 3 parties, 2 sources.\n")
