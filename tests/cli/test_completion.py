"""Shell completion: issue ids and tags from the dataset named on the command line, in
$GAPCLI_POSITIONS or shipped, through Click's bash protocol; nothing for a bad dataset.
"""

from __future__ import annotations

import pytest

from helpers import DATA, EXPLORE, TWO, Run, gapcli_process


def bash_protocol(words: str) -> dict[str, str]:
    """The variables bash sets to ask for the completions of the last word of ``words``."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    return {"_GAPCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}


def complete(run: Run, words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of ``words`` (via Click's protocol)."""
    result = run(env={**bash_protocol(words), **(env or {})})
    assert result.exit_code == 0, result.output
    return [word for word in result.stdout.splitlines() if word]


def test_complete_compare_issue_id(run: Run) -> None:
    assert complete(run, f"gapcli compare --positions {EXPLORE} chi") == [
        "china-role",
        "chip-exports",
    ]


def test_complete_reads_gapcli_positions(run: Run) -> None:
    env = {"GAPCLI_POSITIONS": str(EXPLORE)}
    assert complete(run, "gapcli compare c", env) == ["canal-fees", "china-role", "chip-exports"]


def test_complete_export_issue(run: Run) -> None:
    assert complete(run, f"gapcli export -p {EXPLORE} --issue canal-fees --issue chi") == [
        "china-role",
        "chip-exports",
    ]


@pytest.mark.parametrize("command", ["list", "search fees", "export"])
def test_complete_tag(run: Run, command: str) -> None:
    assert complete(run, f"gapcli {command} -p {EXPLORE} --tag t") == ["trade", "trust"]
    assert complete(run, f"gapcli {command} -p {TWO} --tag ") == ["cost", "harbour"]


def test_complete_bad_dataset_offers_nothing(run: Run) -> None:
    assert complete(run, f"gapcli compare -p {DATA / 'missing'} chi") == []


def test_complete_shipped_dataset_through_the_console_script() -> None:
    done = gapcli_process(env=bash_protocol("gapcli compare chi"), script=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert "china-role" in done.stdout.splitlines()


def test_complete_side_and_positions_before_the_command(run: Run) -> None:
    assert complete(run, f"gapcli search x -p {TWO} --side s") == ["south"]
    assert complete(run, f"gapcli -p {EXPLORE} compare chi") == ["china-role", "chip-exports"]
    assert complete(run, f"gapcli -p {TWO} list --tag h") == ["harbour"]
