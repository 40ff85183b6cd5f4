"""``gapcli list`` and ``gapcli compare``: the issue table and the side-by-side view, with
exact output on the two-, three-party and explore fixtures; tags and unknown ids.

Their ``--json`` documents are in test_json.py.
"""

from __future__ import annotations

import pytest

from helpers import EXPLORE, THREE, TWO, Run, lines

# --- list ---------------------------------------------------------------------------------


def test_list_two_party(run: Run) -> None:
    result = run("list", "--positions", TWO)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [  # no spaces at the ends of lines
        "ID         Title                        Gap type   Tags      The gap",
        "─" * 100,
        "dredging   Who dredges the channel      cause      cost      Each side says the other silted the",
        "                                                   harbour   channel.",
        "tolls      Harbour tolls                fact       cost      They disagree on what the tolls raise.",
    ]


def test_list_reads_positions_from_environment(run: Run) -> None:
    result = run("list", env={"GAPCLI_POSITIONS": str(THREE)})
    assert result.exit_code == 0
    assert lines(result.stdout)[2].startswith("water-share   Sharing the river")


def test_list_filters_by_tag(run: Run) -> None:
    result = run("list", "-p", TWO, "--tag", "harbour")
    assert [line.split()[0] for line in lines(result.stdout)[2:]] == ["dredging", "harbour"]


def test_list_tag_filters(run: Run) -> None:
    result = run("list", "--tag", "trust", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "ID           Title                        Gap type   Tags    The gap",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "canal-fees   Canal fees                   intent     canal   Each side reads bad faith into the",
        "                                                     trust   other's use of the fees.",
        "china-role   China Wharf's role           fact       trade   They disagree on what China Wharf does.",
        "                                                     trust",
    ]


def test_list_unknown_tag_is_a_usage_error(run: Run) -> None:
    result = run("list", "-p", TWO, "--tag", "nope")
    assert result.exit_code == 2
    assert result.stderr == "gapcli: error: no issue has tag 'nope'; tags in use: cost, harbour\n"


# --- compare ------------------------------------------------------------------------------


def test_compare_two_party_at_100_columns(run: Run) -> None:
    """A side with no official stance says so; its other voices are apart and labelled."""
    result = run("compare", "tolls", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Harbour tolls  (tolls)",
        "Are the tolls fair?",
        "Gap type: fact   Tags: cost",
        "The gap in one line: They disagree on what the tolls raise.",
        "Sides: Northport = Northland government; Southport = Southland government",
        "Each entry names who says it and in which voice; a side's government, officials and lawmakers come",
        "first, its other voices apart.",
        "╭───────────┬───────────────────────────────────────────┬──────────────────────────────────────────╮",
        "│           │ Northport                                 │ Southport                                │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Stance    │ Tolls are fair.                           │ The source reports no official position  │",
        "│           │ — the Northland government · government   │ of Southport on this.                    │",
        "│           │ ¶4                                        │                                          │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Claims    │ —                                         │ —                                        │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Reads the │ —                                         │ —                                        │",
        "│ other     │                                           │                                          │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Asks      │ —                                         │ —                                        │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Other     │ —                                         │ • Claim: Tolls are too high.             │",
        "│ voices    │                                           │   — Southland shippers · public ¶4       │",
        "╰───────────┴───────────────────────────────────────────┴──────────────────────────────────────────╯",
        "",
        "The gap",
        "  The toll revenue.",
        "  Why it matters: It funds dredging. ¶4",
        "",
        "Common ground",
        "  —",
        "",
        "Bridges",
        "  —",
        "",
        "Related",
        "  dredging",
        "",
        "Sources cited",
        "  Harbour memo — Test Press (2024)  [memo] ¶4",
    ]


def test_compare_claims_with_quotes_at_80_columns(run: Run) -> None:
    """Every entry shows its voice; a reading shows the source's assessment; analysis apart."""
    result = run("compare", "dredging", "-p", TWO, "--quotes", columns=80)
    assert result.exit_code == 0
    assert lines(result.stdout)[7:51] == [
        "╭───────────┬─────────────────────────────────┬────────────────────────────────╮",
        "│           │ Northport                       │ Southport                      │",
        "├───────────┼─────────────────────────────────┼────────────────────────────────┤",
        "│ Stance    │ Southland caused the silt.      │ Northern ships stir the silt.  │",
        "│           │ — the Northland government ·    │ — the Southland government ·   │",
        "│           │ government ¶2                   │ government ¶2                  │",
        "├───────────┼─────────────────────────────────┼────────────────────────────────┤",
        "│ Claims    │ • Silt comes from southern      │ • Ship traffic doubled.        │",
        "│           │   farms.                        │   — the Southland government · │",
        "│           │   — the Northland port          │   government ¶2                │",
        "│           │   authority · official ¶2       │   “Ship traffic doubled”       │",
        "│           │   “silt from the southern       │                                │",
        "│           │   farms”                        │                                │",
        "├───────────┼─────────────────────────────────┼────────────────────────────────┤",
        "│ Reads the │ • Southland is stalling.        │ —                              │",
        "│ other     │   — the Northland government ·  │                                │",
        "│           │   government ¶3                 │                                │",
        "│           │   The source's assessment:      │                                │",
        "│           │   exaggerated — Talks resumed   │                                │",
        "│           │   in June.                      │                                │",
        "│           │   — the memo · analysis ¶3      │                                │",
        "├───────────┼─────────────────────────────────┼────────────────────────────────┤",
        "│ Asks      │ • Pay half the cost.            │ —                              │",
        "│           │   — the Northland government ·  │                                │",
        "│           │   government ¶3                 │                                │",
        "├───────────┼─────────────────────────────────┼────────────────────────────────┤",
        "│ Other     │ —                               │ • Claim: Farms hold their      │",
        "│ voices    │                                 │   soil.                        │",
        "│           │                                 │   — a Southland farm scholar · │",
        "│           │                                 │   expert ¶2                    │",
        "│           │                                 │                                │",
        "│           │                                 │ • Reading of Northport:        │",
        "│           │                                 │   Northland blames farms to    │",
        "│           │                                 │   avoid paying.                │",
        "│           │                                 │   — a Southland delegate ·     │",
        "│           │                                 │   participant ¶3               │",
        "╰───────────┴─────────────────────────────────┴────────────────────────────────╯",
        "",
        "The memo's analysis",
        "  • Each side blames the other for the silt.",
        "    — the memo · analysis ¶2",
        "",
        "The gap",
        "  Whose activity causes the silt.",
    ]
    assert max(len(line) for line in lines(result.stdout)) <= 80


def test_compare_three_parties_one_column_each(run: Run) -> None:
    """With three sides each reading says whom it reads."""
    result = run("compare", "water-share", "-p", THREE, columns=80)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Sharing the river  (water-share)",
        "How should the water be shared?",
        "Gap type: expectation   Tags: water",
        "The gap in one line: Upstream wants use rights; downstream wants guaranteed",
        "flow.",
        "Sides: Alphaville = Alpha Republic; Betatown = Beta Kingdom; Gammaton = Gamma",
        "Federation",
        "Each entry names who says it and in which voice; a side's government, officials",
        "and lawmakers come first, its other voices apart.",
        "╭───────────┬──────────────────────┬─────────────────────┬─────────────────────╮",
        "│           │ Alphaville           │ Betatown            │ Gammaton            │",
        "├───────────┼──────────────────────┼─────────────────────┼─────────────────────┤",
        "│ Stance    │ Use rights follow    │ The source reports  │ Guarantee a minimum │",
        "│           │ the source.          │ no official         │ flow.               │",
        "│           │ — the Alpha water    │ position of         │ — the Gamma         │",
        "│           │ ministry · official  │ Betatown on this.   │ Federation ·        │",
        "│           │ (report ¶1)          │                     │ government (notes   │",
        "│           │                      │                     │ ¶2)                 │",
        "├───────────┼──────────────────────┼─────────────────────┼─────────────────────┤",
        "│ Claims    │ • The river rises in │ —                   │ —                   │",
        "│           │   Alpha.             │                     │                     │",
        "│           │   — the Alpha water  │                     │                     │",
        "│           │   ministry ·         │                     │                     │",
        "│           │   official (report   │                     │                     │",
        "│           │   ¶1)                │                     │                     │",
        "├───────────┼──────────────────────┼─────────────────────┼─────────────────────┤",
        "│ Reads the │ • Reading of         │ —                   │ • Reading of        │",
        "│ others    │   Betatown: Beta     │                     │   Alphaville: Alpha │",
        "│           │   free-rides on      │                     │   treats the river  │",
        "│           │   Alpha's dams.      │                     │   as its own.       │",
        "│           │   — the Alpha        │                     │   — the Gamma       │",
        "│           │   Republic ·         │                     │   Federation ·      │",
        "│           │   government (report │                     │   government        │",
        "│           │   ¶3)                │                     │   (report ¶3)       │",
        "│           │                      │                     │   The source's      │",
        "│           │                      │                     │   assessment:       │",
        "│           │                      │                     │   mirror-image —    │",
        "│           │                      │                     │   Each upstream and │",
        "│           │                      │                     │   downstream state  │",
        "│           │                      │                     │   reads the other   │",
        "│           │                      │                     │   as selfish.       │",
        "│           │                      │                     │   — the report ·    │",
        "│           │                      │                     │   analysis (report  │",
        "│           │                      │                     │   ¶3)               │",
        "├───────────┼──────────────────────┼─────────────────────┼─────────────────────┤",
        "│ Asks      │ —                    │ —                   │ • A minimum flow at │",
        "│           │                      │                     │   the border.       │",
        "│           │                      │                     │   — the Gamma       │",
        "│           │                      │                     │   Federation ·      │",
        "│           │                      │                     │   government (notes │",
        "│           │                      │                     │   ¶2)               │",
        "├───────────┼──────────────────────┼─────────────────────┼─────────────────────┤",
        "│ Other     │ • Reading of         │ • Claim: Share by   │ —                   │",
        "│ voices    │   Gammaton: Sees     │   population.       │                     │",
        "│           │   Gamma as hoarding  │   — Beta's farm     │                     │",
        "│           │   demands.           │   lobby · public    │                     │",
        "│           │   — one Alpha        │   (report ¶2)       │                     │",
        "│           │   delegate ·         │                     │                     │",
        "│           │   participant (notes │                     │                     │",
        "│           │   ¶2)                │                     │                     │",
        "╰───────────┴──────────────────────┴─────────────────────┴─────────────────────╯",
        "",
        "The sources' analysis",
        "  • Longer droughts sharpen the dispute.",
        "    — the report · analysis (report ¶3)",
        "",
        "The gap",
        "  Whether rights or needs decide shares.",
        "  Why it matters: Droughts are getting longer. (report ¶3)",
        "",
        "Common ground",
        "  —",
        "",
        "Bridges",
        "  —",
        "",
        "Sources cited",
        "  River report — Test Institute  [report] ¶1, ¶2, ¶3",
        "  Meeting notes — Test Forum (2024-06-02)  [notes] ¶2",
    ]


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        (
            "dredgin",
            "unknown issue 'dredgin'; did you mean 'dredging'? (run 'gapcli list' to see all ids)",
        ),
        ("zzz", "unknown issue 'zzz' (run 'gapcli list' to see all ids)"),
    ],
)
def test_compare_unknown_id_suggests(run: Run, asked: str, message: str) -> None:
    result = run("compare", asked, "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"gapcli: error: {message}\n"


def test_ids_are_case_insensitive(run: Run) -> None:
    assert run("compare", "TOLLS", "-p", TWO).stdout == run("compare", "tolls", "-p", TWO).stdout


def test_unknown_id_in_capitals_still_gets_a_suggestion(run: Run) -> None:
    result = run("compare", "TOLL", "-p", TWO)
    assert result.exit_code == 2
    assert result.stderr.startswith("gapcli: error: unknown issue 'TOLL'; did you mean 'tolls'?")
