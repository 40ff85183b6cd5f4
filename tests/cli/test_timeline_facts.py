"""``gapcli timeline`` (dated events in order, approximate dates said so) and ``gapcli facts``
(the dataset's facts with figure, attribution and citation), with exact output.

Their ``--json`` documents are in test_json.py.
"""

from __future__ import annotations

from gapcli.loader import load_dataset
from gapcli.views.explore import timeline, when

from helpers import EXPLORE, THREE, TWO, Run, lines

# --- timeline -----------------------------------------------------------------------------


def test_timeline_two_party(run: Run) -> None:
    result = run("timeline", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Date                      Event                      Issues     Cite",
        "────────────────────────────────────────────────────────────────────",
        "late 2023 (approximate)   A joint survey was made.   —          ¶3",
        "June 2024                 Harbour talks resumed.     dredging   ¶3",
    ]


def test_timeline_three_party(run: Run) -> None:
    result = run("timeline", "-p", THREE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Date               Event                           Issues        Cite",
        "──────────────────────────────────────────────────────────────────────────",
        "2019 (year only)   The river compact was signed.   water-share   report ¶2",
        "2 June 2024        Ministers met.                  —             notes ¶1",
    ]


def test_timeline_sorts_approximate_dates_and_says_so(run: Run) -> None:
    # The file lists them out of order: 2023-03, 2019, mid 2021, early 2022.
    result = run("timeline", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Date                       Event                                 Issues         Cite",
        "────────────────────────────────────────────────────────────────────────────────────",
        "2019 (year only)           Canal fees were set.                  canal-fees     ¶4",
        "mid 2021 (approximate)     Canal fees were raised. — the brief   canal-fees     ¶4",
        "                                                                 chip-exports",
        "early 2022 (approximate)   Talks began.                          —              ¶4",
        "March 2023                 Talks resumed.                        canal-fees     ¶4",
    ]


def test_timeline_core_order_and_labels() -> None:
    events = timeline(load_dataset(EXPLORE))
    assert [(e.id, when(e)) for e in events] == [
        ("fees-set", "2019 (year only)"),
        ("fees-raised", "mid 2021 (approximate)"),
        ("talks-began", "early 2022 (approximate)"),
        ("talks-resumed", "March 2023"),
    ]


# --- facts --------------------------------------------------------------------------------


def test_facts_two_party(run: Run) -> None:
    result = run("facts", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Figure        Fact                       By                   Cite   Quote",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "100 percent   Ships entering the         the memo ·           ¶2     “Ship traffic doubled”",
        "              harbour doubled in two     analysis",
        "              years.",
    ]


def test_facts_three_party(run: Run) -> None:
    result = run("facts", "-p", THREE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Figure    Fact                       By                   Cite        Quote",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "a third   River flow fell by a       the report ·         report ¶1   “flow fell by a third”",
        "          third.                     analysis",
    ]


def test_facts_without_figure(run: Run) -> None:
    result = run("facts", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Figure     Fact                        By                    Cite   Quote",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "one rise   Canal fees were raised in   the brief ·           ¶4     “raised in mid 2021”",
        "           mid 2021.                   analysis",
        "",
        "—          China Wharf is a trading    the brief ·           ¶1     “a trading house called China",
        "           house.                      analysis                     Wharf”",
    ]
