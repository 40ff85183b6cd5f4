"""search / perceptions / timeline / facts, --json everywhere, --tag, export narrowing, completion.

Fixtures: two-party and three-party (shared with the core tests) and ``explore``, a small
set with mirror-image perceptions, approximate dates, typographic quotes, text that looks
like markup, and issue ids starting ``chi`` for completion.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from gapcli.cli import app
from gapcli.errors import UsageError
from gapcli.explore import bears_on, perceptions, search, search_pattern, timeline, when
from gapcli.loader import load_dataset
from gapcli.models import Dataset
from gapcli.render import json as render_json
from gapcli.render.explore import HIGHLIGHT, perception_table, snippet

from conftest import DATA, Run

TWO = str(DATA / "two-party")
THREE = str(DATA / "three-party")
EXPLORE = str(DATA / "explore")


def lines(text: str) -> list[str]:
    """Output lines without Rich's right padding."""
    return [line.rstrip() for line in text.splitlines()]


def as_json(result: Any) -> Any:
    """The command's stdout parsed as JSON (fails the test if it is not JSON)."""
    return json.loads(result.stdout)


# --- search -------------------------------------------------------------------------------


def test_search_two_party(run: Run) -> None:
    result = run("search", "silt", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        "7 fields match “silt” in 1 issue",
        "",
        "dredging — Who dredges the channel",
        "  summary",
        "    Each side says the other silted the channel.",
        "  Northport · positions.north.stance.text · the Northland government · government  ¶2",
        "    Southland caused the silt.",
        "  Northport · positions.north.claims[0].text · the Northland port authority · official  ¶2",
        "    Silt comes from southern farms.",
        "  Northport · positions.north.claims[0].cite[0].quote · the Northland port authority · official  ¶2",
        "    silt from the southern farms",
        "  Southport · positions.south.stance.text · the Southland government · government  ¶2",
        "    Northern ships stir the silt.",
        "  analysis[0].text · the memo · analysis  ¶2",
        "    Each side blames the other for the silt.",
        "  gap.what  ¶2",
        "    Whose activity causes the silt.",
    ]


def test_search_three_party_names_sources_and_dataset_entries(run: Run) -> None:
    result = run("search", "FLOW", "-p", THREE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "6 fields match “FLOW” in 1 issue and the dataset file",
        "",
        "water-share — Sharing the river",
        "  summary",
        "    Upstream wants use rights; downstream wants guaranteed flow.",
        "  Gammaton · positions.gamma.stance.text · the Gamma Federation · government  (notes ¶2)",
        "    Guarantee a minimum flow.",
        "  Gammaton · positions.gamma.asks[0].text · the Gamma Federation · government  (notes ¶2)",
        "    A minimum flow at the border.",
        "  Gammaton · positions.gamma.asks[0].cite[0].quote · the Gamma Federation · government  (notes ¶2)",
        "    a minimum flow at the border",
        "",
        "Dataset file (title, dialogue, facts, timeline, recommendations)",
        "  facts[0].text · the report · analysis (flow)  (report ¶1)",
        "    River flow fell by a third.",
        "  facts[0].cite[0].quote · the report · analysis (flow)  (report ¶1)",
        "    flow fell by a third",
    ]


def test_search_straight_quote_matches_curly_and_spaces_match_any_white_space(run: Run) -> None:
    result = run("search", "china   wharf's", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "3 fields match “china   wharf's” in 2 issues",
        "",
        "china-role — China Wharf's role",
        "  title",
        "    China Wharf's role",
        "",
        "chip-exports — Chip exports",
        "  Eastport · positions.east.claims[0].text · Eastport · government  ¶2",
        "    China Wharf's “free port” status lets chips leave untaxed.",
        "  Eastport · positions.east.claims[0].cite[0].quote · Eastport · government  ¶2",
        "    China Wharf’s “free port” status lets chips leave untaxed",
    ]


def test_search_tag_narrows_issues_and_dataset_entries(run: Run) -> None:
    # trust = canal-fees and china-role; dataset entries bearing on chip-exports only are out,
    # and the long recommendation is cut to a snippet around the match.
    result = run("search", "fees", "--tag", "trust", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "12 fields match “fees” in 1 issue and the dataset file",
        "",
        "canal-fees — Canal fees",
        "  title",
        "    Canal fees",
        "  question",
        "    Are the canal fees fair?",
        "  summary",
        "    Each side reads bad faith into the other's use of the fees.",
        "  Eastport · positions.east.stance.text · Eastport · government  ¶3",
        "    The fees are fair.",
        "  Westport · positions.west.stance.text · Westport · government  ¶3",
        "    The fees are a weapon.",
        "  Westport · positions.west.readings[0].text · Westport · government  ¶3",
        "    Eastport is weaponizing the canal fees.",
        "  Westport · positions.west.readings[0].cite[0].quote · Westport · government  ¶3",
        "    Westport says Eastport is weaponizing the canal fees",
        "  gap.what  ¶3",
        "    Whether the fees are a tool or a weapon.",
        "",
        "Dataset file (title, dialogue, facts, timeline, recommendations)",
        "  facts[0].text · the brief · analysis (fee-rise)  ¶4",
        "    Canal fees were raised in mid 2021.",
        "  timeline[1].text (fees-set)  ¶4",
        "    Canal fees were set.",
        "  timeline[2].text (fees-raised)  ¶4",
        "    Canal fees were raised.",
        "  recommendations[0].text · the brief · analysis (audit)  ¶5",
        "    A joint audit of canal fees, long delayed by arguments over who would pay for…",
    ]


def test_search_shows_markup_literally(run: Run) -> None:
    result = run("search", "[bold]", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout)[-2:] == [
        "  gap.why_it_matters  ¶2",
        "    [bold]Trade[/bold] rules depend on it.",
    ]


def test_search_no_match_exits_1_like_grep(run: Run) -> None:
    result = run("search", "zebra", "-p", TWO)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "gapcli: error: no match for 'zebra'\n"


def test_search_no_match_in_tag(run: Run) -> None:
    result = run("search", "silt", "--tag", "trust", "-p", EXPLORE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "gapcli: error: no match for 'silt' in issues tagged 'trust'\n"


def test_search_no_match_json_is_still_a_document(run: Run) -> None:
    result = run("search", "zebra", "--json", "-p", TWO)
    assert result.exit_code == 1
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "search",
        "query": "zebra",
        "tag": None,
        "hits": [],
    }
    assert result.stderr == "gapcli: error: no match for 'zebra'\n"


@pytest.mark.parametrize("query", ["", "   "])
def test_search_empty_query_is_a_usage_error(run: Run, query: str) -> None:
    result = run("search", query, "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gapcli: error: empty search query; give a word or phrase, e.g. gapcli search Taiwan\n"
    )


def test_search_unknown_tag_is_a_usage_error(run: Run) -> None:
    result = run("search", "silt", "--tag", "nope", "-p", TWO)
    assert result.exit_code == 2
    assert result.stderr == "gapcli: error: no issue has tag 'nope'; tags in use: cost, harbour\n"


def test_search_json(run: Run) -> None:
    result = run("search", "doubled", "--json", "-p", TWO)
    assert result.exit_code == 0
    cite = [{"source": "memo", "para": 2, "quote": "Ship traffic doubled"}]
    quote = "Ship traffic doubled"
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "search",
        "query": "doubled",
        "tag": None,
        "hits": [
            {
                "issue": "dredging",
                "party": "south",
                "item": None,
                "field": "positions.south.claims[0].text",
                "text": "Ship traffic doubled.",
                "by": "the Southland government",
                "voice": "government",
                "matches": [{"start": 13, "end": 20}],
                "cite": cite,
            },
            {
                "issue": "dredging",
                "party": "south",
                "item": None,
                "field": "positions.south.claims[0].cite[0].quote",
                "text": quote,
                "by": "the Southland government",
                "voice": "government",
                "matches": [{"start": 13, "end": 20}],
                "cite": cite,
            },
            {
                "issue": None,
                "party": None,
                "item": "ships",
                "field": "facts[0].text",
                "text": "Ships entering the harbour doubled in two years.",
                "by": "the memo",
                "voice": "analysis",
                "matches": [{"start": 27, "end": 34}],
                "cite": cite,
            },
            {
                "issue": None,
                "party": None,
                "item": "ships",
                "field": "facts[0].cite[0].quote",
                "text": quote,
                "by": "the memo",
                "voice": "analysis",
                "matches": [{"start": 13, "end": 20}],
                "cite": cite,
            },
        ],
    }


def test_search_core_every_match_span_and_citation() -> None:
    dataset = load_dataset(Path(EXPLORE))
    hits = search(dataset, "BAD FAITH")
    assert [(h.issue, h.party, h.field, h.spans) for h in hits] == [
        ("canal-fees", None, "summary", ((16, 25),)),
        ("canal-fees", "east", "positions.east.readings[0].text", ((17, 26),)),
        ("canal-fees", "east", "positions.east.readings[0].cite[0].quote", ((33, 42),)),
        ("canal-fees", None, "gap.why_it_matters", ((0, 9),)),
    ]
    assert [[c.para for c in h.cite] for h in hits] == [[], [3], [3], [3]]
    assert hits[0].text[16:25] == "bad faith"


def test_search_reads_every_prose_field_of_every_model() -> None:
    dataset = load_dataset(Path(DATA / "two-party"))
    fields = {h.field for h in search(dataset, "e")} | {h.field for h in search(dataset, "a")}
    assert {"title", "question", "summary", "gap.what", "gap.why_it_matters"} <= fields
    assert {"common_ground[0].text", "bridges[0].by", "positions.south.claims[0].by"} <= fields
    assert "positions.north.asks[0].by" in fields and "positions.north.readings[0].text" in fields
    assert {"dialogue.convener", "dialogue.rule", "dialogue.cite[0].quote"} <= fields
    assert {"facts[0].figure", "timeline[1].text", "recommendations[0].by"} <= fields
    assert not any(f.endswith((".id", ".source", ".voice", ".date")) for f in fields)
    assert not any(f.startswith(("parties", "sources", "tags", "related")) for f in fields)


@given(st.text(min_size=1, max_size=60), st.data())
def test_any_piece_of_any_text_is_found(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    if not query.split():
        with pytest.raises(UsageError):
            search_pattern(query)
        return
    found = [m.span() for m in search_pattern(query).finditer(text)]
    assert found and found[0][0] <= start + (len(query) - len(query.lstrip()))


def test_snippet_cuts_at_words_around_the_first_match() -> None:
    text = " ".join(f"word{i:02d}" for i in range(40))
    at = text.index("word20")
    cut = snippet(text, ((at, at + 6),))
    assert (
        cut.plain
        == "…word15 word16 word17 word18 word19 word20 word21 word22 word23 word24 word25…"
    )
    assert [(s.start, s.end, s.style) for s in cut.spans] == [(36, 42, HIGHLIGHT)]


def test_snippet_highlights_every_match_and_shows_controls_as_escapes() -> None:
    many = snippet("Taiwan, taiwan and TAIWAN", ((0, 6), (8, 14), (19, 25)))
    assert [(s.start, s.end) for s in many.spans] == [(0, 6), (8, 14), (19, 25)]
    hostile = snippet("a\x1b[31mTaiwan\nb", ((6, 12),))
    assert hostile.plain == "a\\x1b[31mTaiwan b"
    assert [(s.start, s.end) for s in hostile.spans] == [(9, 15)]
    assert hostile.plain[9:15] == "Taiwan"


# --- perceptions --------------------------------------------------------------------------


def test_perceptions_two_party(run: Run) -> None:
    result = run("perceptions", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬───────────┬──────────────────────────────────┬──────────────────────────────────╮",
        "│ Issue          │ Reader    │ of Northport                     │ of Southport                     │",
        "├────────────────┼───────────┼──────────────────────────────────┼──────────────────────────────────┤",
        "│ dredging       │ Northport │ ·                                │ • Southland is stalling.         │",
        "│ Who dredges    │           │                                  │   — the Northland government ·   │",
        "│ the channel    │           │                                  │   government ¶3                  │",
        "│                │           │                                  │   The source's assessment:       │",
        "│                │           │                                  │   exaggerated — Talks resumed in │",
        "│                │           │                                  │   June.                          │",
        "│                │           │                                  │   — the memo · analysis ¶3       │",
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


def test_perceptions_three_party(run: Run) -> None:
    result = run("perceptions", "-p", THREE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬────────────┬──────────────────────┬──────────────────────┬──────────────────────╮",
        "│ Issue          │ Reader     │ of Alphaville        │ of Betatown          │ of Gammaton          │",
        "├────────────────┼────────────┼──────────────────────┼──────────────────────┼──────────────────────┤",
        "│ water-share    │ Alphaville │ ·                    │ • Beta free-rides on │ Other voices (not    │",
        "│ Sharing the    │            │                      │   Alpha's dams.      │ official):           │",
        "│ river          │            │                      │   — the Alpha        │ • Sees Gamma as      │",
        "│                │            │                      │   Republic ·         │   hoarding demands.  │",
        "│                │            │                      │   government (report │   — one Alpha        │",
        "│                │            │                      │   ¶3)                │   delegate ·         │",
        "│                │            │                      │                      │   participant (notes │",
        "│                │            │                      │                      │   ¶2)                │",
        "├────────────────┼────────────┼──────────────────────┼──────────────────────┼──────────────────────┤",
        "│                │ Betatown   │ —                    │ ·                    │ —                    │",
        "├────────────────┼────────────┼──────────────────────┼──────────────────────┼──────────────────────┤",
        "│                │ Gammaton   │ • Alpha treats the   │ —                    │ ·                    │",
        "│                │            │   river as its own.  │                      │                      │",
        "│                │            │   — the Gamma        │                      │                      │",
        "│                │            │   Federation ·       │                      │                      │",
        "│                │            │   government (report │                      │                      │",
        "│                │            │   ¶3)                │                      │                      │",
        "│                │            │   The source's       │                      │                      │",
        "│                │            │   assessment:        │                      │                      │",
        "│                │            │   mirror-image —     │                      │                      │",
        "│                │            │   Each upstream and  │                      │                      │",
        "│                │            │   downstream state   │                      │                      │",
        "│                │            │   reads the other as │                      │                      │",
        "│                │            │   selfish.           │                      │                      │",
        "│                │            │   — the report ·     │                      │                      │",
        "│                │            │   analysis (report   │                      │                      │",
        "│                │            │   ¶3)                │                      │                      │",
        "╰────────────────┴────────────┴──────────────────────┴──────────────────────┴──────────────────────╯",
    ]


def test_perceptions_mirror_images_side_by_side(run: Run) -> None:
    result = run("perceptions", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout)[:7] == [
        "Who reads whom, issue by issue (rows read columns)",
        "╭────────────────┬──────────┬───────────────────────────────────┬──────────────────────────────────╮",
        "│ Issue          │ Reader   │ of Eastport                       │ of Westport                      │",
        "├────────────────┼──────────┼───────────────────────────────────┼──────────────────────────────────┤",
        "│ canal-fees     │ Eastport │ ·                                 │ • Westport acts in bad faith.    │",
        "│ Canal fees     │          │                                   │   — Eastport · government ¶3     │",
        "├────────────────┼──────────┼───────────────────────────────────┼──────────────────────────────────┤",
    ]


def test_perceptions_json(run: Run) -> None:
    result = run("perceptions", "--json", "-p", THREE)
    assert result.exit_code == 0
    doc = as_json(result)
    assert (doc["gapcli_json"], doc["kind"]) == (2, "perceptions")
    assert [p["id"] for p in doc["parties"]] == ["alpha", "beta", "gamma"]
    (issue,) = doc["issues"]
    assert (issue["id"], issue["title"]) == ("water-share", "Sharing the river")
    ids = {
        reader: {read: [r["id"] for r in found] for read, found in reads.items()}
        for reader, reads in issue["readings"].items()
    }
    assert ids == {
        "alpha": {"beta": ["beta-free-rides"], "gamma": ["gamma-hoards"]},
        "beta": {"alpha": [], "gamma": []},
        "gamma": {"alpha": ["alpha-upstream"], "beta": []},
    }
    assert issue["readings"]["alpha"]["gamma"][0] == {
        "text": "Sees Gamma as hoarding demands.",
        "by": "one Alpha delegate",
        "voice": "participant",
        "cite": [{"source": "notes", "para": 2, "quote": None}],
        "as_of": None,
        "id": "gamma-hoards",
        "of": "gamma",
        "about": ["minimum-flow"],
        "assessment": None,
        "group": "other",
    }


def _without_gamma() -> Dataset:
    """The three-party set with Gamma's position removed from its one issue."""
    full = load_dataset(Path(THREE))
    issue = full.issues[0]
    positions = {k: v for k, v in issue.positions.items() if k != "gamma"}
    return Dataset(meta=full.meta, issues=[issue.model_copy(update={"positions": positions})])


def test_perceptions_party_without_a_position() -> None:
    from rich.console import Console

    dataset = _without_gamma()
    rows = perceptions(dataset)
    gamma = rows[2]
    assert (gamma.reader.id, gamma.has_position, gamma.views) == (
        "gamma",
        False,
        {"alpha": [], "beta": []},
    )
    assert rows[1].has_position and rows[1].views == {"alpha": [], "gamma": []}
    doc = render_json.perceptions(rows, dataset)
    assert doc["issues"][0]["readings"]["gamma"] is None
    console = Console(width=100, color_system=None, file=io.StringIO())
    console.print(perception_table(rows, dataset))
    assert "(nothing recorded)" in console.file.getvalue()  # type: ignore[attr-defined]


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
    events = timeline(load_dataset(Path(EXPLORE)))
    assert [(e.id, when(e)) for e in events] == [
        ("fees-set", "2019 (year only)"),
        ("fees-raised", "mid 2021 (approximate)"),
        ("talks-began", "early 2022 (approximate)"),
        ("talks-resumed", "March 2023"),
    ]


def test_timeline_json(run: Run) -> None:
    result = run("timeline", "--json", "-p", EXPLORE)
    assert result.exit_code == 0
    cite = [{"source": "brief", "para": 4, "quote": None}]
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "timeline",
        "events": [
            {
                "id": "fees-set",
                "date": "2019",
                "circa": None,
                "text": "Canal fees were set.",
                "date_inferred": False,
                "by": None,
                "cite": cite,
                "issues": ["canal-fees"],
                "when": "2019 (year only)",
                "approximate": True,
            },
            {
                "id": "fees-raised",
                "date": "2021",
                "circa": "mid",
                "text": "Canal fees were raised.",
                "date_inferred": False,
                "by": "the brief",
                "cite": cite,
                "issues": ["canal-fees", "chip-exports"],
                "when": "mid 2021 (approximate)",
                "approximate": True,
            },
            {
                "id": "talks-began",
                "date": "2022",
                "circa": "early",
                "text": "Talks began.",
                "date_inferred": False,
                "by": None,
                "cite": cite,
                "issues": [],
                "when": "early 2022 (approximate)",
                "approximate": True,
            },
            {
                "id": "talks-resumed",
                "date": "2023-03",
                "circa": None,
                "text": "Talks resumed.",
                "date_inferred": False,
                "by": None,
                "cite": cite,
                "issues": ["canal-fees"],
                "when": "March 2023",
                "approximate": False,
            },
        ],
    }


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


def test_facts_json(run: Run) -> None:
    result = run("facts", "--json", "-p", THREE)
    assert result.exit_code == 0
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "facts",
        "facts": [
            {
                "id": "flow",
                "text": "River flow fell by a third.",
                "figure": "a third",
                "by": "the report",
                "voice": "analysis",
                "cite": [{"source": "report", "para": 1, "quote": "flow fell by a third"}],
                "issues": ["water-share"],
            }
        ],
    }


# --- list / compare --json, list --tag -----------------------------------------------------


def test_list_tag_filters(run: Run) -> None:
    result = run("list", "--tag", "trust", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "ID           Title                           Gap type   The gap",
        "────────────────────────────────────────────────────────────────────────────────────────────────────",
        "canal-fees   Canal fees                      intent     Each side reads bad faith into the other's",
        "                                                        use of the fees.",
        "china-role   China Wharf's role              fact       They disagree on what China Wharf does.",
    ]


def test_list_json(run: Run) -> None:
    result = run("list", "--json", "-p", TWO)
    assert result.exit_code == 0
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "list",
        "tag": None,
        "issues": [
            {
                "id": "dredging",
                "title": "Who dredges the channel",
                "question": "Who should pay for dredging?",
                "tags": ["cost", "harbour"],
                "gap_type": "cause",
                "summary": "Each side says the other silted the channel.",
            },
            {
                "id": "tolls",
                "title": "Harbour tolls",
                "question": "Are the tolls fair?",
                "tags": ["cost"],
                "gap_type": "fact",
                "summary": "They disagree on what the tolls raise.",
            },
        ],
    }


def test_list_json_with_tag(run: Run) -> None:
    result = run("list", "--json", "--tag", "harbour", "-p", TWO)
    doc = as_json(result)
    assert (doc["tag"], [i["id"] for i in doc["issues"]]) == ("harbour", ["dredging"])


def test_json_is_not_wrapped_at_narrow_widths(run: Run) -> None:
    wide = run("list", "--json", "-p", TWO, columns=200).stdout
    assert run("list", "--json", "-p", TWO, columns=20).stdout == wide
    assert wide.endswith("}\n") and '"gapcli_json": 2,' in wide.splitlines()[1]


def test_compare_json(run: Run) -> None:
    result = run("compare", "tolls", "--json", "-p", TWO)
    assert result.exit_code == 0
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "compare",
        "parties": [
            {"id": "north", "name": "Northland government", "label": "Northport"},
            {"id": "south", "name": "Southland government", "label": "Southport"},
        ],
        "issue": {
            "id": "tolls",
            "title": "Harbour tolls",
            "question": "Are the tolls fair?",
            "tags": ["cost"],
            "gap_type": "fact",
            "summary": "They disagree on what the tolls raise.",
            "positions": {
                "north": {
                    "stance": {
                        "text": "Tolls are fair.",
                        "by": "the Northland government",
                        "voice": "government",
                        "cite": [{"source": "memo", "para": 4, "quote": None}],
                        "as_of": None,
                        "group": "official",
                    },
                    "claims": [],
                    "readings": [],
                    "asks": [],
                },
                "south": {
                    "stance": None,
                    "claims": [
                        {
                            "text": "Tolls are too high.",
                            "by": "Southland shippers",
                            "voice": "public",
                            "cite": [{"source": "memo", "para": 4, "quote": None}],
                            "as_of": None,
                            "id": "tolls-high",
                            "group": "other",
                        }
                    ],
                    "readings": [],
                    "asks": [],
                },
            },
            "analysis": [],
            "gap": {
                "what": "The toll revenue.",
                "why_it_matters": "It funds dredging.",
                "cite": [{"source": "memo", "para": 4, "quote": None}],
            },
            "common_ground": [],
            "bridges": [],
            "related": ["dredging"],
        },
        "sides": [
            {
                "party": "north",
                "official": {"claims": [], "readings": [], "asks": []},
                "other_voices": [],
            },
            {
                "party": "south",
                "official": {"claims": [], "readings": [], "asks": []},
                "other_voices": ["tolls-high"],
            },
        ],
        "sources": [
            {
                "id": "memo",
                "title": "Harbour memo",
                "publisher": "Test Press",
                "date": "2024",
                "url": None,
                "paragraphs": 4,
                "kind": "memo",
            }
        ],
    }


def test_compare_json_unknown_issue_is_a_usage_error(run: Run) -> None:
    result = run("compare", "toll", "--json", "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("gapcli: error: unknown issue 'toll'; did you mean 'tolls'?")


# --- export --json, --issue, --tag ---------------------------------------------------------


def test_export_json_whole_dataset(run: Run) -> None:
    result = run("export", "--json", "-p", THREE)
    assert result.exit_code == 0
    dataset = load_dataset(Path(THREE))
    assert as_json(result) == {
        "gapcli_json": 2,
        "kind": "export",
        "dataset": dataset.meta.model_dump(mode="json", by_alias=True),
        "issues": [i.model_dump(mode="json") for i in dataset.issues],
    }


def test_export_json_issue_keeps_what_bears_on_it(run: Run) -> None:
    result = run("export", "--json", "--issue", "chip-exports", "-p", EXPLORE)
    assert result.exit_code == 0
    doc = as_json(result)
    meta = load_dataset(Path(EXPLORE)).meta

    def dumps(name: str, ids: list[str]) -> list[Any]:
        return [e.model_dump(mode="json") for e in getattr(meta, name) if e.id in ids]

    assert doc["dataset"] == {
        **meta.model_dump(mode="json", by_alias=True),
        "facts": dumps("facts", ["wharf"]),  # fee-rise bears on canal-fees only
        "timeline": dumps("timeline", ["fees-raised", "talks-began"]),
        "recommendations": [],
    }
    assert [i["id"] for i in doc["issues"]] == ["chip-exports"]
    assert doc["issues"][0]["gap"]["why_it_matters"] == "[bold]Trade[/bold] rules depend on it."


def test_export_json_tag(run: Run) -> None:
    doc = as_json(run("export", "--json", "--tag", "trust", "-p", EXPLORE))
    assert [i["id"] for i in doc["issues"]] == ["canal-fees", "china-role"]
    assert [f["id"] for f in doc["dataset"]["facts"]] == ["fee-rise", "wharf"]
    assert [e["id"] for e in doc["dataset"]["recommendations"]] == ["audit"]


def test_export_md_and_json_are_exclusive(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = run("export", "--md", "--json", "-o", str(target), "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "gapcli: error: --md and --json cannot be used together; choose one format\n"
    )
    assert not target.exists()


def test_export_json_to_file_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    first = run("export", "--json", "-p", TWO, "-o", str(target))
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", f"Wrote {target} (2 issues).\n")
    assert target.read_text(encoding="utf-8") == run("export", "--json", "-p", TWO).stdout
    target.write_text("keep me", encoding="utf-8")
    refused = run("export", "--json", "-p", TWO, "-o", str(target))
    assert refused.exit_code == 1
    assert (
        refused.stderr == f"gapcli: error: {target}: already exists; use --force to overwrite it\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run("export", "--json", "-p", TWO, "-o", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["kind"] == "export"


def test_export_md_issue_keeps_its_facts_dates_and_citations(run: Run) -> None:
    result = run("export", "--md", "--issue", "chip-exports", "-p", EXPLORE)
    assert result.exit_code == 0
    out = result.stdout
    context = out[out.index("## Context") : out.index("## Issues")]
    assert context.splitlines() == [
        "## Context",
        "",
        "- China Wharf is a trading house. — *the brief · analysis* \\[1\\]",
        "",
        "### Key dates",
        "",
        "- **mid 2021** — Canal fees were raised. — *the brief* \\[2\\]",
        "- **early 2022** — Talks began. \\[2\\]",
        "",
    ]
    assert "## Recommendations" not in out
    assert out[out.index("## Citations") :].splitlines() == [
        "## Citations",
        "",
        "All citations are to *Canal brief*, Test Desk; ¶ = paragraph.",
        "",
        "1. ¶1: “a trading house called China Wharf”",
        "2. ¶4.",
        "3. ¶2: “China Wharf’s “free port” status lets chips leave untaxed”",
    ]


def test_bears_on() -> None:
    assert bears_on(["a"], None) and bears_on([], {"b"}) and bears_on(["a", "b"], {"b"})
    assert not bears_on(["a"], {"b"})


# --- shell completion ----------------------------------------------------------------------


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of ``words`` (via Click's protocol)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    full = {"_GAPCLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(app, [], prog_name="gapcli", env={**full, **(env or {})})
    assert result.exit_code == 0, result.output
    return [word for word in result.stdout.splitlines() if word]


def test_complete_compare_issue_id() -> None:
    assert complete(f"gapcli compare --positions {EXPLORE} chi") == ["china-role", "chip-exports"]


def test_complete_reads_gapcli_positions() -> None:
    env = {"GAPCLI_POSITIONS": EXPLORE}
    assert complete("gapcli compare c", env) == ["canal-fees", "china-role", "chip-exports"]


def test_complete_export_issue() -> None:
    assert complete(f"gapcli export -p {EXPLORE} --issue canal-fees --issue chi") == [
        "china-role",
        "chip-exports",
    ]


@pytest.mark.parametrize("command", ["list", "search fees", "export"])
def test_complete_tag(command: str) -> None:
    assert complete(f"gapcli {command} -p {EXPLORE} --tag t") == ["trade", "trust"]
    assert complete(f"gapcli {command} -p {TWO} --tag ") == ["cost", "harbour"]


def test_complete_bad_dataset_offers_nothing() -> None:
    assert complete(f"gapcli compare -p {DATA / 'missing'} chi") == []


def test_complete_shipped_dataset_through_the_console_script() -> None:
    script = Path(sys.executable).with_name("gapcli")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "_GAPCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "gapcli compare chi",
        "COMP_CWORD": "2",
    }
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert "china-role" in done.stdout.splitlines()


# --- help ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["search", "perceptions", "timeline", "facts"])
def test_help_has_an_example_and_json(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: gapcli {command}" in result.stdout
    assert "--json" in result.stdout and "--positions" in result.stdout


# --- mirror -------------------------------------------------------------------------------


def test_mirror_one_issue_shows_every_ordered_pair(run: Run) -> None:
    """Each reading beside the entries it answers; a non-official reading is marked so."""
    result = run("mirror", "dredging", "-p", TWO)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Who dredges the channel  (dredging)",
        "Northport reads Southport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Northport's reading of Southport                │ Southport's own account                        │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Southland is stalling.                          │ • Ship traffic doubled.                        │",
        "│ — the Northland government · government ¶3      │   — the Southland government · government ¶2   │",
        "│ The source's assessment: exaggerated — Talks    │                                                │",
        "│ resumed in June.                                │                                                │",
        "│ — the memo · analysis ¶3                        │                                                │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
        "Southport reads Northport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Southport's reading of Northport                │ Northport's own account                        │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Not an official view: Northland blames farms to │ • Silt comes from southern farms.              │",
        "│ avoid paying.                                   │   — the Northland port authority · official ¶2 │",
        "│ — a Southland delegate · participant ¶3         │                                                │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
    ]


def test_mirror_three_parties_and_pairs_without_a_reading(run: Run) -> None:
    """Six ordered pairs for three sides; no `about` falls back to the read side's stance."""
    result = run("mirror", "water-share", "-p", THREE, columns=80)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Sharing the river  (water-share)",
        "Alphaville reads Betatown",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Alphaville's reading of Betatown      │ Betatown's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ Beta free-rides on Alpha's dams.      │ The source reports no official       │",
        "│ — the Alpha Republic · government     │ position of Betatown on this.        │",
        "│ (report ¶3)                           │                                      │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Alphaville reads Gammaton",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Alphaville's reading of Gammaton      │ Gammaton's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ Not an official view: Sees Gamma as   │ • A minimum flow at the border.      │",
        "│ hoarding demands.                     │   — the Gamma Federation ·           │",
        "│ — one Alpha delegate · participant    │   government (notes ¶2)              │",
        "│ (notes ¶2)                            │                                      │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Betatown reads Alphaville",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Betatown's reading of Alphaville      │ Alphaville's own account             │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ The source records no reading of      │ Stance: Use rights follow the        │",
        "│ Alphaville by Betatown.               │ source.                              │",
        "│                                       │ — the Alpha water ministry ·         │",
        "│                                       │ official (report ¶1)                 │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Betatown reads Gammaton",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Betatown's reading of Gammaton        │ Gammaton's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ The source records no reading of      │ Stance: Guarantee a minimum flow.    │",
        "│ Gammaton by Betatown.                 │ — the Gamma Federation · government  │",
        "│                                       │ (notes ¶2)                           │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Gammaton reads Alphaville",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Gammaton's reading of Alphaville      │ Alphaville's own account             │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ Alpha treats the river as its own.    │ • The river rises in Alpha.          │",
        "│ — the Gamma Federation · government   │   — the Alpha water ministry ·       │",
        "│ (report ¶3)                           │   official (report ¶1)               │",
        "│ The source's assessment: mirror-image │                                      │",
        "│ — Each upstream and downstream state  │                                      │",
        "│ reads the other as selfish.           │                                      │",
        "│ — the report · analysis (report ¶3)   │                                      │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
        "Gammaton reads Betatown",
        "╭───────────────────────────────────────┬──────────────────────────────────────╮",
        "│ Gammaton's reading of Betatown        │ Betatown's own account               │",
        "├───────────────────────────────────────┼──────────────────────────────────────┤",
        "│ The source records no reading of      │ The source reports no official       │",
        "│ Betatown by Gammaton.                 │ position of Betatown on this.        │",
        "╰───────────────────────────────────────┴──────────────────────────────────────╯",
    ]


def test_mirror_all_issues_lists_pairs_without_a_reading_in_one_line(run: Run) -> None:
    result = run("mirror", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "Canal fees  (canal-fees)",
        "Eastport reads Westport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Eastport's reading of Westport                  │ Westport's own account                         │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Westport acts in bad faith.                     │ Stance: The fees are a weapon.                 │",
        "│ — Eastport · government ¶3                      │ — Westport · government ¶3                     │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
        "Westport reads Eastport",
        "╭─────────────────────────────────────────────────┬────────────────────────────────────────────────╮",
        "│ Westport's reading of Eastport                  │ Eastport's own account                         │",
        "├─────────────────────────────────────────────────┼────────────────────────────────────────────────┤",
        "│ Eastport is weaponizing the canal fees.         │ Stance: The fees are fair.                     │",
        "│ — Westport · government ¶3                      │ — Eastport · government ¶3                     │",
        "╰─────────────────────────────────────────────────┴────────────────────────────────────────────────╯",
        "",
        "China Wharf's role  (china-role)",
        "No reading recorded: Eastport → Westport; Westport → Eastport",
        "",
        "Chip exports  (chip-exports)",
        "No reading recorded: Eastport → Westport; Westport → Eastport",
    ]


def test_mirror_json(run: Run) -> None:
    result = run("mirror", "water-share", "--json", "-p", THREE)
    assert result.exit_code == 0
    doc = as_json(result)
    assert (doc["gapcli_json"], doc["kind"]) == (2, "mirror")
    summary = [
        (
            p["reader"],
            p["read"],
            [(r["reading"]["id"], [a["id"] for a in r["answers"]]) for r in p["readings"]],
            p["read_stance"]["text"] if p["read_stance"] else None,
        )
        for p in doc["pairs"]
    ]
    assert summary == [
        ("alpha", "beta", [("beta-free-rides", [])], None),
        ("alpha", "gamma", [("gamma-hoards", ["minimum-flow"])], "Guarantee a minimum flow."),
        ("beta", "alpha", [], "Use rights follow the source."),
        ("beta", "gamma", [], "Guarantee a minimum flow."),
        (
            "gamma",
            "alpha",
            [("alpha-upstream", ["rises-in-alpha"])],
            "Use rights follow the source.",
        ),
        ("gamma", "beta", [], None),
    ]
    assessment = doc["pairs"][4]["readings"][0]["reading"]["assessment"]
    assert (assessment["verdict"], assessment["by"], assessment["voice"]) == (
        "mirror-image",
        "the report",
        "analysis",
    )


def test_mirror_unknown_issue_is_a_usage_error(run: Run) -> None:
    result = run("mirror", "dredgin", "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("gapcli: error: unknown issue 'dredgin'; did you mean")
