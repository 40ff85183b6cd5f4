"""Filters on every command, the same everywhere (#16): ``--issue``, ``--tag`` (repeatable =
any, ``--all-tags`` = all), ``--side``, ``--voice`` (a voice or a group) and ``--by``, with
ids, tags and sides in any case; ``voices`` and ``who``; ``--format tsv``; global options
before or after the command; and the signposts that replace dead ends.

Exact output on the two- and three-party fixtures at 100 columns. Each filter's rule lives in
``query.Filters``; these tests check that every command applies it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from gapcli.domain.choices import GROUPS, VoiceChoice
from gapcli.domain.models import OFFICIAL_VOICES, Voice
from gapcli.loader import load_dataset
from gapcli.views.filters import Filters, select_issues, voices_of

from helpers import REPO, THREE, TWO, Run, errors

# --- each command, each filter (outputs checked by eye, then frozen) ----------------------


def test_search_voice_group_and_by_any_case(run: Run) -> None:
    result = run("search", "e", "--voice", "OTHER-VOICES", "--by", "SOUTHLAND", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "3 hits for “e” in 2 issues",
        "",
        "dredging — Who dredges the channel",
        "  Southport · claim · a Southland farm scholar · expert (farmers-deny)  ¶2",
        "    Farms hold their soil.",
        "  Southport · reading · a Southland delegate · participant (north-blames)  ¶3",
        "    Northland blames farms to avoid paying.",
        "",
        "tolls — Harbour tolls",
        "  Southport · claim · Southland shippers · public (tolls-high)  ¶4",
        "    Tolls are too high.",
    ]


def test_search_repeated_tags_are_any_and_side(run: Run) -> None:
    result = run(
        "search",
        "the",
        "--tag",
        "harbour",
        "--tag",
        "COST",
        "--side",
        "south",
        "--format",
        "tsv",
        "-p",
        TWO,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "issue\tparty\tkind\titem\tby\tvoice\tcite\ttext\tquotes",
        "dredging\tsouth\tstance\t\tthe Southland government\tgovernment\tmemo ¶2\tNorthern ships stir the silt.\t",
        "dredging\tsouth\tclaim\tship-traffic\tthe Southland government\tgovernment\tmemo ¶2\tShip traffic doubled.\tShip traffic doubled",
        "dredging\tsouth\tclaim\tfarmers-deny\ta Southland farm scholar\texpert\tmemo ¶2\tFarms hold their soil.\t",
    ]


def test_search_all_tags_and_analysis_voice(run: Run) -> None:
    result = run(
        "search",
        "the",
        "--tag",
        "harbour",
        "--tag",
        "cost",
        "--all-tags",
        "--voice",
        "analysis",
        "--format",
        "tsv",
        "-p",
        TWO,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "issue\tparty\tkind\titem\tby\tvoice\tcite\ttext\tquotes",
        "dredging\t\tassessment\t\tthe memo\tanalysis\tmemo ¶3\tTalks resumed in June.\t",
        "dredging\t\tanalysis\tboth-blame\tthe memo\tanalysis\tmemo ¶2\tEach side blames the other for the silt.\t",
        "dredging\t\tbridge\tjoint-survey\tthe memo\tanalysis\tmemo ¶4\tA joint survey.\t",
        "\t\tfact\tships\tthe memo\tanalysis\tmemo ¶2\tShips entering the harbour doubled in two years.\tShip traffic doubled",
        "\t\trecommendation\tshare-data\tthe memo\tanalysis\tmemo ¶4\tShare survey data.\t",
    ]


def test_search_repeated_sides_and_voices(run: Run) -> None:
    result = run(
        "search",
        "e",
        "--side",
        "gamma",
        "--side",
        "ALPHA",
        "--voice",
        "government",
        "--voice",
        "participant",
        "--format",
        "tsv",
        "-p",
        THREE,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "issue\tparty\tkind\titem\tby\tvoice\tcite\ttext\tquotes",
        "water-share\talpha\treading\tgamma-hoards\tone Alpha delegate\tparticipant\tnotes ¶2\tSees Gamma as hoarding demands.\t",
        "water-share\talpha\treading\tbeta-free-rides\tthe Alpha Republic\tgovernment\treport ¶3\tBeta free-rides on Alpha's dams.\t",
        "water-share\tgamma\tstance\t\tthe Gamma Federation\tgovernment\tnotes ¶2\tGuarantee a minimum flow.\t",
        "water-share\tgamma\treading\talpha-upstream\tthe Gamma Federation\tgovernment\treport ¶3\tAlpha treats the river as its own.\t",
        "water-share\tgamma\task\tminimum-flow\tthe Gamma Federation\tgovernment\tnotes ¶2\tA minimum flow at the border.\ta minimum flow at the border",
    ]


def test_search_issue_and_by(run: Run) -> None:
    result = run("search", "river", "--issue", "WATER-SHARE", "--by", "report", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "1 hit for “river” in the dataset file",
        "",
        "Dataset file (title, dialogue, facts, timeline, recommendations)",
        "  fact · the report · analysis (flow)  (report ¶1)",
        "    River flow fell by a third.",
    ]


def test_compare_tag_shows_each_issue_with_side_and_voice(run: Run) -> None:
    result = run("compare", "--tag", "cost", "--side", "NORTH", "--voice", "government", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Who dredges the channel  (dredging)",
        "Who should pay for dredging?",
        "Gap type: cause   Tags: cost, harbour",
        "The gap in one line: Each side says the other silted the channel.",
        "Sides: Northport = Northland government",
        "Each entry names who says it and in which voice; a side's government, officials and lawmakers come",
        "first, its other voices apart.",
        "Only the entries that pass --side north --voice government",
        "╭───────────┬──────────────────────────────────────────────────────────────────────────────────────╮",
        "│           │ Northport                                                                            │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Stance    │ Southland caused the silt.                                                           │",
        "│           │ — the Northland government · government ¶2                                           │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Claims    │ —                                                                                    │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Reads the │ • Southland is stalling.                                                             │",
        "│ other     │   — the Northland government · government ¶3                                         │",
        "│           │   The source's assessment: exaggerated — Talks resumed in June.                      │",
        "│           │   — the memo · analysis ¶3                                                           │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Asks      │ • Pay half the cost.                                                                 │",
        "│           │   — the Northland government · government ¶3                                         │",
        "╰───────────┴──────────────────────────────────────────────────────────────────────────────────────╯",
        "",
        "The gap",
        "  Whose activity causes the silt.",
        "  Why it matters: Cost sharing depends on it. ¶2",
        "",
        "Common ground",
        "  —",
        "",
        "Bridges",
        "  —",
        "",
        "Related",
        "  tolls",
        "",
        "Sources cited",
        "  Harbour memo — Test Press (2024)  [memo] ¶2, ¶3",
        "",
        "Harbour tolls  (tolls)",
        "Are the tolls fair?",
        "Gap type: fact   Tags: cost",
        "The gap in one line: They disagree on what the tolls raise.",
        "Sides: Northport = Northland government",
        "Each entry names who says it and in which voice; a side's government, officials and lawmakers come",
        "first, its other voices apart.",
        "Only the entries that pass --side north --voice government",
        "╭───────────┬──────────────────────────────────────────────────────────────────────────────────────╮",
        "│           │ Northport                                                                            │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Stance    │ Tolls are fair.                                                                      │",
        "│           │ — the Northland government · government ¶4                                           │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Claims    │ —                                                                                    │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Reads the │ —                                                                                    │",
        "│ other     │                                                                                      │",
        "├───────────┼──────────────────────────────────────────────────────────────────────────────────────┤",
        "│ Asks      │ —                                                                                    │",
        "╰───────────┴──────────────────────────────────────────────────────────────────────────────────────╯",
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


def test_compare_sides_and_other_voices(run: Run) -> None:
    result = run(
        "compare",
        "water-share",
        "--side",
        "beta",
        "--side",
        "alpha",
        "--voice",
        "other-voices",
        "-p",
        THREE,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Sharing the river  (water-share)",
        "How should the water be shared?",
        "Gap type: expectation   Tags: water",
        "The gap in one line: Upstream wants use rights; downstream wants guaranteed flow.",
        "Sides: Alphaville = Alpha Republic; Betatown = Beta Kingdom",
        "Each entry names who says it and in which voice; a side's government, officials and lawmakers come",
        "first, its other voices apart.",
        "Only the entries that pass --side beta --side alpha --voice other-voices",
        "╭───────────┬───────────────────────────────────────────┬──────────────────────────────────────────╮",
        "│           │ Alphaville                                │ Betatown                                 │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Stance    │ No stance of Alphaville passes the        │ No stance of Betatown passes the         │",
        "│           │ filters.                                  │ filters.                                 │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Claims    │ —                                         │ —                                        │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Reads the │ —                                         │ —                                        │",
        "│ others    │                                           │                                          │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Asks      │ —                                         │ —                                        │",
        "├───────────┼───────────────────────────────────────────┼──────────────────────────────────────────┤",
        "│ Other     │ • Reading of Gammaton: Sees Gamma as      │ • Claim: Share by population.            │",
        "│ voices    │   hoarding demands.                       │   — Beta's farm lobby · public (report   │",
        "│           │   — one Alpha delegate · participant      │   ¶2)                                    │",
        "│           │   (notes ¶2)                              │                                          │",
        "╰───────────┴───────────────────────────────────────────┴──────────────────────────────────────────╯",
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
        "  River report — Test Institute  [report] ¶2, ¶3",
        "  Meeting notes — Test Forum (2024-06-02)  [notes] ¶2",
    ]


def test_perceptions_voice(run: Run) -> None:
    result = run("perceptions", "--voice", "participant", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬───────────┬──────────────────────────────────┬──────────────────────────────────╮",
        "│ Issue          │ Reader    │ of Northport                     │ of Southport                     │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│ dredging       │ Northport │ ·                                │ —                                │",
        "│ Who dredges    │           │                                  │                                  │",
        "│ the channel    │           │                                  │                                  │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│                │ Southport │ Other voices (not official):     │ ·                                │",
        "│                │           │ • Northland blames farms to      │                                  │",
        "│                │           │   avoid paying.                  │                                  │",
        "│                │           │   — a Southland delegate ·       │                                  │",
        "│                │           │   participant ¶3                 │                                  │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│ tolls          │ Northport │ ·                                │ —                                │",
        "│ Harbour tolls  │           │                                  │                                  │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│                │ Southport │ —                                │ ·                                │",
        "╰────────────────┴───────────┴──────────────────────────────────┴──────────────────────────────────╯",
    ]


def test_perceptions_side_and_voice_group(run: Run) -> None:
    result = run("perceptions", "--side", "gamma", "--voice", "official-voices", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬──────────┬───────────────────────┬───────────────────────┬──────────────────────╮",
        "│ Issue          │ Reader   │ of Alphaville         │ of Betatown           │ of Gammaton          │",
        "├────────────────┼──────────┼───────────────────────┼───────────────────────┼──────────────────────┤",
        "│ water-share    │ Gammaton │ • Alpha treats the    │ —                     │ ·                    │",
        "│ Sharing the    │          │   river as its own.   │                       │                      │",
        "│ river          │          │   — the Gamma         │                       │                      │",
        "│                │          │   Federation ·        │                       │                      │",
        "│                │          │   government (report  │                       │                      │",
        "│                │          │   ¶3)                 │                       │                      │",
        "│                │          │   The source's        │                       │                      │",
        "│                │          │   assessment:         │                       │                      │",
        "│                │          │   mirror-image — Each │                       │                      │",
        "│                │          │   upstream and        │                       │                      │",
        "│                │          │   downstream state    │                       │                      │",
        "│                │          │   reads the other as  │                       │                      │",
        "│                │          │   selfish.            │                       │                      │",
        "│                │          │   — the report ·      │                       │                      │",
        "│                │          │   analysis (report    │                       │                      │",
        "│                │          │   ¶3)                 │                       │                      │",
        "╰────────────────┴──────────┴───────────────────────┴───────────────────────┴──────────────────────╯",
    ]


def test_mirror_side_and_voice_group(run: Run) -> None:
    result = run("mirror", "--side", "Alpha", "--voice", "official-voices", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Sharing the river  (water-share)",
        "Alphaville reads Betatown",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Alphaville's reading of Betatown                │ Betatown's own account                         │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Beta free-rides on Alpha's dams.                │ The source reports no official position of     │",
        "│ — the Alpha Republic · government (report ¶3)   │ Betatown on this.                              │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
    ]


def test_mirror_by_keeps_pairs_with_a_matching_reading(run: Run) -> None:
    result = run("mirror", "water-share", "--by", "gamma federation", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Sharing the river  (water-share)",
        "Gammaton reads Alphaville",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Gammaton's reading of Alphaville                │ Alphaville's own account                       │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Alpha treats the river as its own.              │ • The river rises in Alpha.                    │",
        "│ — the Gamma Federation · government (report ¶3) │   — the Alpha water ministry · official        │",
        "│ The source's assessment: mirror-image — Each    │   (report ¶1)                                  │",
        "│ upstream and downstream state reads the other   │                                                │",
        "│ as selfish.                                     │                                                │",
        "│ — the report · analysis (report ¶3)             │                                                │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
    ]


def test_mirror_tag_and_side(run: Run) -> None:
    result = run("mirror", "--tag", "harbour", "--side", "south", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Who dredges the channel  (dredging)",
        "Southport reads Northport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Southport's reading of Northport                │ Northport's own account                        │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Not an official view: Northland blames farms to │ • Silt comes from southern farms.              │",
        "│ avoid paying.                                   │   — the Northland port authority · official ¶2 │",
        "│ — a Southland delegate · participant ¶3         │                                                │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
    ]


def test_timeline_issue(run: Run) -> None:
    result = run("timeline", "--issue", "TOLLS", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Date                      Event                      Issues   Cite",
        "──────────────────────────────────────────────────────────────────",
        "late 2023 (approximate)   A joint survey was made.   —        ¶3",
    ]


def test_timeline_tag_tsv(run: Run) -> None:
    result = run("timeline", "--tag", "water", "--format", "tsv", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "id\tdate\twhen\tissues\tby\tcite\ttext",
        "compact\t2019\t2019 (year only)\twater-share\t\treport ¶2\tThe river compact was signed.",
        "meeting\t2024-06-02\t2 June 2024\t\t\tnotes ¶1\tMinisters met.",
    ]


def test_timeline_by_tsv(run: Run) -> None:
    result = run("timeline", "--by", "nobody", "--format", "tsv", "-p", TWO)
    assert (result.exit_code, result.stderr) == (
        1,
        "gapcli: error: no event matches --by 'nobody'\n",
    )
    assert result.stdout.splitlines() == [
        "id\tdate\twhen\tissues\tby\tcite\ttext",
    ]


def test_facts_voice_nothing(run: Run) -> None:
    result = run("facts", "--voice", "public", "-p", TWO)
    assert (result.exit_code, result.stderr) == (
        1,
        "gapcli: error: no fact matches --voice public\n",
    )
    assert result.stdout.splitlines() == [
        "Figure   Fact                         By                    Cite   Quote",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "dredging", "--by", "nobody"], "no entry matches --issue dredging --by 'nobody'"),
        (["compare", "dredging", "--json", "--by", "nobody"],
         "no entry matches --issue dredging --by 'nobody'"),
        (["perceptions", "--by", "nobody"], "no reading matches --by 'nobody'"),
        (["perceptions", "--json", "--by", "nobody"], "no reading matches --by 'nobody'"),
        (["brief", "--side", "north", "--voice", "analysis"],
         "no entry matches --side north --voice analysis"),
        (["export", "--by", "nobody"], "no entry matches --by 'nobody'"),
        (["export", "--json", "--by", "nobody"], "no entry matches --by 'nobody'"),
    ],
)  # fmt: skip
def test_a_statement_filter_that_leaves_nothing_exits_1(
    run: Run, args: list[str], message: str
) -> None:
    """As docs/usage.md says for every view: the filters are named, exit 1; a briefing shows
    and writes nothing."""
    result = run(*args, "-p", TWO)
    assert (result.exit_code, result.stderr) == (1, f"gapcli: error: {message}\n")
    if args[0] in ("brief", "export"):
        assert result.stdout == ""


def test_export_that_leaves_nothing_writes_no_file(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    result = run("export", "-o", out, "--side", "north", "--voice", "analysis", "-p", TWO)
    assert (result.exit_code, result.stderr) == (
        1,
        "gapcli: error: no entry matches --side north --voice analysis\n",
    )
    assert not out.exists()


def test_a_statement_filter_that_leaves_something_exits_0(run: Run) -> None:
    for args in (["compare", "dredging", "--side", "north"], ["perceptions", "--side", "south"]):
        assert run(*args, "-p", TWO).exit_code == 0, args
    assert run("brief", "--voice", "analysis", "-p", TWO).exit_code == 0


def test_facts_by_tsv(run: Run) -> None:
    result = run("facts", "--by", "MEMO", "--format", "tsv", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "id\tfigure\ttext\tby\tvoice\tcite\tissues\tquotes",
        "ships\t100 percent\tShips entering the harbour doubled in two years.\tthe memo\tanalysis\tmemo ¶2\tdredging\tShip traffic doubled",
    ]


def test_facts_tag_and_voice(run: Run) -> None:
    result = run("facts", "--tag", "WATER", "--voice", "analysis", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Figure    Fact                       By                   Cite        Quote",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "a third   River flow fell by a       the report ·         report ¶1   “flow fell by a third”",
        "          third.                     analysis",
    ]


def test_voices_side(run: Run) -> None:
    result = run("voices", "--side", "south", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Speaker                               Voice         Side        Statements   Issues",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "the Southland government              government    Southport   2            dredging",
        "a Southland delegate                  participant   Southport   1            dredging",
        "a Southland farm scholar              expert        Southport   1            dredging",
        "Southland shippers                    public        Southport   1            tolls",
    ]


def test_voices_voice_tsv(run: Run) -> None:
    result = run("voices", "--voice", "analysis", "--format", "tsv", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "by\tvoice\tparty\tstatements\tissues",
        "the memo\tanalysis\t\t5\tdredging",
    ]


def test_voices_three_party(run: Run) -> None:
    result = run("voices", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Speaker                               Voice         Side         Statements   Issues",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "the Alpha Republic                    government    Alphaville   1            water-share",
        "the Alpha water ministry              official      Alphaville   2            water-share",
        "one Alpha delegate                    participant   Alphaville   1            water-share",
        "Beta's farm lobby                     public        Betatown     1            water-share",
        "the Gamma Federation                  government    Gammaton     3            water-share",
        "the report                            analysis      —            3            water-share, dataset",
        "                                                                              file",
    ]


def test_who_tag(run: Run) -> None:
    result = run("who", "the memo", "--tag", "harbour", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "1 speaker matches “the memo”: 5 statements",
        "",
        "the memo · analysis · no side — 5 statements",
        "  dredging · assessment  ¶3",
        "    Talks resumed in June.",
        "  dredging · analysis (both-blame)  ¶2",
        "    Each side blames the other for the silt.",
        "  dredging · bridge (joint-survey)  ¶4",
        "    A joint survey.",
        "  dataset file · fact (ships)  ¶2",
        "    Ships entering the harbour doubled in two years.",
        "  dataset file · recommendation (share-data)  ¶4",
        "    Share survey data.",
    ]


def test_who_three_party(run: Run) -> None:
    result = run("who", "GAMMA", "-p", THREE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "1 speaker matches “GAMMA”: 3 statements",
        "",
        "the Gamma Federation · government · Gammaton — 3 statements",
        "  water-share · stance  (notes ¶2)",
        "    Guarantee a minimum flow.",
        "  water-share · reading (alpha-upstream)  (report ¶3)",
        "    Alpha treats the river as its own.",
        "  water-share · ask (minimum-flow)  (notes ¶2)",
        "    A minimum flow at the border.",
    ]


def test_export_narrows_statements_and_sides(run: Run) -> None:
    doc = json.loads(
        run("export", "--json", "--side", "south", "--voice", "other-voices", "-p", TWO).stdout
    )
    assert [p["id"] for p in doc["dataset"]["parties"]] == ["south"]
    dredging, tolls = doc["issues"]
    south = dredging["positions"]["south"]
    assert (south["stance"], [c["id"] for c in south["claims"]]) == (None, ["farmers-deny"])
    assert [(r["id"], r["of"]) for r in south["readings"]] == [("north-blames", "north")]
    assert dredging["positions"]["north"]["readings"] == [] and dredging["analysis"] == []
    assert [c["id"] for c in tolls["positions"]["south"]["claims"]] == ["tolls-high"]
    assert doc["dataset"]["facts"] == [] and doc["dataset"]["recommendations"] == []


def test_export_md_with_all_tags_and_by(run: Run) -> None:
    result = run("export", "--md", "--tag", "cost", "--tag", "HARBOUR", "--all-tags", "-p", TWO)
    assert "### 1. Who dredges the channel" in result.stdout
    assert "### 2." not in result.stdout
    by = run("export", "--md", "--full", "--by", "port authority", "-p", TWO).stdout
    assert "Silt comes from southern farms." in by and "Pay half the cost." not in by
    # A stance the filter left out is not reported as missing from the source.
    assert "*No stance passes the filters for Northport.*" in by
    assert "reports no official position of Northport" not in by
    brief = run("export", "--md", "--by", "port authority", "-p", TWO).stdout
    assert "No stance passes the filters for Northport." in brief


# --- what the filters accept, and what they refuse -----------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--side", "west"], "unknown side 'west'; the sides are: north, south"),
        (["--tag", "nope"], "no issue has tag 'nope'; tags in use: cost, harbour"),
        (
            ["--issue", "toll"],
            "unknown issue 'toll'; did you mean 'tolls'? (run 'gapcli list' to see all ids)",
        ),
        (["--by", " "], "empty search query; give a word or phrase, e.g. gapcli search Taiwan"),
        (["--tag", "harbour", "--issue", "tolls"], "no issue matches --issue tolls --tag harbour"),
    ],
)
@pytest.mark.parametrize("command", ["search silt", "timeline", "facts", "voices", "mirror"])
def test_bad_filters_are_usage_errors_on_every_command(
    run: Run, command: str, args: list[str], message: str
) -> None:
    result = run(*command.split(), *args, "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert errors(result) == [message]


def test_an_unknown_voice_lists_the_choices(run: Run) -> None:
    result = run("search", "silt", "--voice", "scholar", "-p", TWO)
    assert result.exit_code == 2
    assert "'scholar' is not one of 'government', 'official'" in result.stderr
    assert "'official-voices', 'other-voices'" in result.stderr


def test_voice_choices_are_the_codebook_voices_and_two_groups() -> None:
    assert [c.value for c in VoiceChoice][: len(Voice)] == [v.value for v in Voice]
    assert voices_of(VoiceChoice.OFFICIAL_VOICES) == OFFICIAL_VOICES
    others = frozenset(Voice) - OFFICIAL_VOICES - {Voice.ANALYSIS}
    assert voices_of(VoiceChoice.OTHER_VOICES) == others
    assert set(GROUPS) == set(VoiceChoice) - {VoiceChoice(v.value) for v in Voice}


def test_filters_core_any_tag_all_tags_and_case() -> None:
    dataset = load_dataset(TWO)
    ids = [i.id for i in select_issues(dataset, Filters(tags=("HARBOUR", "cost")))]
    assert ids == ["dredging", "tolls"]
    both = Filters(tags=("harbour", "Cost"), all_tags=True)
    assert [i.id for i in select_issues(dataset, both)] == ["dredging"]
    assert Filters(sides=("SOUTH",), by="x").check(dataset).describe() == "--side south --by 'x'"


# --- formats -------------------------------------------------------------------------------


def test_list_tsv_one_line_per_issue_for_grep(run: Run) -> None:
    result = run("list", "--format", "TSV", "-p", TWO)
    assert result.stdout.splitlines() == [
        "id\ttitle\tgap_type\ttags\tsummary",
        "dredging\tWho dredges the channel\tcause\tcost, harbour\tEach side says the other silted the channel.",
        "tolls\tHarbour tolls\tfact\tcost\tThey disagree on what the tolls raise.",
    ]


def test_format_json_is_json(run: Run) -> None:
    for command in ("list", "search silt", "timeline", "facts", "voices", "who memo"):
        by_format = run(*command.split(), "--format", "json", "-p", TWO).stdout
        assert by_format == run(*command.split(), "--json", "-p", TWO).stdout
        assert json.loads(by_format)["gapcli_json"] == 3


def test_json_and_another_format_disagree(run: Run) -> None:
    result = run("list", "--json", "--format", "tsv", "-p", TWO)
    assert (result.exit_code, errors(result)) == (
        2,
        ["--json and --format tsv disagree; choose one"],
    )


def test_voices_and_who_json(run: Run) -> None:
    voices = json.loads(run("voices", "--json", "--side", "north", "-p", TWO).stdout)
    assert voices["kind"] == "voices"
    assert voices["speakers"][0] == {
        "by": "the Northland government",
        "voice": "government",
        "party": "north",
        "statements": 4,
        "issues": ["dredging", "tolls"],
    }
    who = json.loads(run("who", "shippers", "--json", "-p", TWO).stdout)
    assert who["kind"] == "who" and who["filters"]["by"] == "shippers"
    assert [s["path"] for s in who["speakers"][0]["said"]] == ["positions.south.claims[0]"]


def test_who_no_speaker_exits_1(run: Run) -> None:
    result = run("who", "zebra", "-p", TWO)
    assert (result.exit_code, result.stdout) == (1, "")
    assert errors(result) == ["no speaker matches 'zebra' (run 'gapcli voices' to see them all)"]


def test_search_tsv_no_match_is_a_header_and_exit_1(run: Run) -> None:
    result = run("search", "zebra", "--format", "tsv", "-p", TWO)
    assert result.exit_code == 1
    assert result.stdout == "issue\tparty\tkind\titem\tby\tvoice\tcite\ttext\tquotes\n"


def test_list_columns(run: Run) -> None:
    result = run("list", "--columns", "ID,tags", "--tag", "cost", "-p", TWO)
    assert result.stdout.splitlines() == [
        "ID         Tags",
        "─" * 100,
        "dredging   cost",
        "           harbour",
        "tolls      cost",
    ]
    bad = run("list", "--columns", "id,colour", "-p", TWO)
    assert errors(bad) == ["unknown column 'colour'; choose from id,title,type,tags,gap"]
    assert errors(run("list", "--columns", ",", "-p", TWO)) == [
        "no column given; choose from id,title,type,tags,gap"
    ]


def test_tables_have_no_trailing_spaces(run: Run) -> None:
    for command in ("list", "compare dredging", "search silt", "timeline", "voices"):
        out = run(*command.split(), "-p", TWO).stdout
        assert all(line == line.rstrip() for line in out.splitlines()), command


# --- options where users put them ----------------------------------------------------------


def test_positions_before_the_command(run: Run) -> None:
    before = run("-p", TWO, "compare", "TOLLS")
    assert before.exit_code == 0
    assert before.stdout == run("compare", "tolls", "--positions", TWO).stdout
    assert run("--positions", THREE, "list", "-p", TWO).stdout == run("list", "-p", TWO).stdout


def test_no_color_after_the_command(run: Run) -> None:
    forced = {"NO_COLOR": None, "FORCE_COLOR": "1"}
    after = run("compare", "--no-color", "tolls", "-p", TWO, env=forced)
    assert after.exit_code == 0 and "\x1b" not in after.stdout
    assert after.stdout == run("--no-color", "compare", "tolls", "-p", TWO, env=forced).stdout


def test_no_color_after_a_double_dash_is_a_query(run: Run) -> None:
    result = run("search", "-p", TWO, "--", "--no-color")
    assert errors(result) == ["no match for '--no-color'"]


# --- dead ends become signposts -----------------------------------------------------------


def test_compare_without_an_issue_lists_the_ids(run: Run) -> None:
    result = run("compare", "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert errors(result) == [
        "which issue? give an id, or --issue or --tag; the ids: dredging, tolls"
    ]


def test_compare_a_tag_points_to_tag(run: Run) -> None:
    result = run("compare", "Harbour", "-p", TWO)
    assert errors(result) == [
        "unknown issue 'Harbour' (run 'gapcli list' to see all ids)",
        "'harbour' is a tag: gapcli compare --tag harbour",
    ]


def test_compare_a_word_points_to_search(run: Run) -> None:
    assert errors(run("compare", "silt", "-p", TWO)) == [
        "unknown issue 'silt' (run 'gapcli list' to see all ids)",
        "to find it in the text: gapcli search silt",
    ]
    assert errors(run("compare", "Ship traffic", "-p", TWO))[1] == (
        "to find it in the text: gapcli search 'Ship traffic'"
    )


def test_compare_json_takes_one_issue(run: Run) -> None:
    result = run("compare", "--tag", "cost", "--json", "-p", TWO)
    assert errors(result) == [
        "compare --json shows one issue and 2 match; for several use gapcli export --json "
        "with the same options"
    ]


def test_list_tsv_keeps_the_chosen_columns(run: Run) -> None:
    result = run("list", "--format", "tsv", "--columns", "tags,id", "-p", TWO)
    assert result.stdout == "tags\tid\ncost, harbour\tdredging\ncost\ttolls\n"


def test_voices_lists_a_speakers_first_six_issues_and_counts_the_rest(
    run: Run, tmp_path: Path
) -> None:
    """A speaker in hundreds of issues is one readable row; TSV and JSON list every issue."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.generate(tmp_path, count=30, seed=3)
    tsv = run("voices", "--side", "north", "--format", "tsv", "-p", tmp_path)
    rows = [line.split("\t") for line in tsv.stdout.splitlines()[1:]]
    widest = max(rows, key=lambda row: len(row[4].split(", ")))
    every = widest[4].split(", ")
    assert len(every) > 6
    table = run("voices", "--side", "north", "-p", tmp_path, columns=1000)
    line = next(line for line in table.stdout.splitlines() if line.startswith(widest[0] + "  "))
    assert line.endswith(f"   {', '.join(every[:6])} and {len(every) - 6} more")
