"""``gapcli search``: hits name the issue, the field, who says it and in which voice; the
query matches case- and quote-insensitively; no match exits 1 like grep; the core's match
spans and the snippets around them.

``search --json`` is in test_json.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from gapcli.domain.models import Dataset
from gapcli.errors import UsageError
from gapcli.loader import load_dataset
from gapcli.render.terminal.cells import Lines, Styled
from gapcli.render.terminal.explore import HIGHLIGHT, snippet
from gapcli.views.explore import search
from gapcli.views.matching import search_pattern
from gapcli.views.statements import Said

from helpers import EXPLORE, THREE, TWO, Run, lines


def test_search_two_party(run: Run) -> None:
    """One hit per statement: a claim whose text and quote both match is shown once."""
    result = run("search", "silt", "-p", TWO)
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        "6 hits for “silt” in 1 issue",
        "",
        "dredging — Who dredges the channel",
        "  summary",
        "    Each side says the other silted the channel.",
        "  Northport · stance · the Northland government · government  ¶2",
        "    Southland caused the silt.",
        "  Northport · claim · the Northland port authority · official (farm-silt)  ¶2",
        "    Silt comes from southern farms.",
        "    quote: “silt from the southern farms”",
        "  Southport · stance · the Southland government · government  ¶2",
        "    Northern ships stir the silt.",
        "  analysis · the memo · analysis (both-blame)  ¶2",
        "    Each side blames the other for the silt.",
        "  gap  ¶2",
        "    Whose activity causes the silt.",
    ]


def test_search_three_party_names_sources_and_dataset_entries(run: Run) -> None:
    result = run("search", "FLOW", "-p", THREE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "4 hits for “FLOW” in 1 issue and the dataset file",
        "",
        "water-share — Sharing the river",
        "  summary",
        "    Upstream wants use rights; downstream wants guaranteed flow.",
        "  Gammaton · stance · the Gamma Federation · government  (notes ¶2)",
        "    Guarantee a minimum flow.",
        "  Gammaton · ask · the Gamma Federation · government (minimum-flow)  (notes ¶2)",
        "    A minimum flow at the border.",
        "    quote: “a minimum flow at the border”",
        "",
        "Dataset file (title, dialogue, facts, timeline, recommendations)",
        "  fact · the report · analysis (flow)  (report ¶1)",
        "    River flow fell by a third.",
        "    quote: “flow fell by a third”",
    ]


def test_search_straight_quote_matches_curly_and_spaces_match_any_white_space(run: Run) -> None:
    result = run("search", "china   wharf's", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "2 hits for “china   wharf's” in 2 issues",
        "",
        "china-role — China Wharf's role",
        "  title",
        "    China Wharf's role",
        "",
        "chip-exports — Chip exports",
        "  Eastport · claim · Eastport · government (free-port)  ¶2",
        "    China Wharf's “free port” status lets chips leave untaxed.",
        "    quote: “China Wharf’s “free port” status lets chips leave untaxed”",
    ]


def test_search_tag_narrows_issues_and_dataset_entries(run: Run) -> None:
    # trust = canal-fees and china-role; dataset entries bearing on chip-exports only are out,
    # and the long recommendation is cut to a snippet around the match.
    result = run("search", "fees", "--tag", "trust", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        "11 hits for “fees” in 1 issue and the dataset file",
        "",
        "canal-fees — Canal fees",
        "  title",
        "    Canal fees",
        "  question",
        "    Are the canal fees fair?",
        "  summary",
        "    Each side reads bad faith into the other's use of the fees.",
        "  Eastport · stance · Eastport · government  ¶3",
        "    The fees are fair.",
        "  Westport · stance · Westport · government  ¶3",
        "    The fees are a weapon.",
        "  Westport · reading · Westport · government (east-weaponizing)  ¶3",
        "    Eastport is weaponizing the canal fees.",
        "    quote: “Westport says Eastport is weaponizing the canal fees”",
        "  gap  ¶3",
        "    Whether the fees are a tool or a weapon.",
        "",
        "Dataset file (title, dialogue, facts, timeline, recommendations)",
        "  fact · the brief · analysis (fee-rise)  ¶4",
        "    Canal fees were raised in mid 2021.",
        "  event (fees-set)  ¶4",
        "    Canal fees were set.",
        "  event · the brief (fees-raised)  ¶4",
        "    Canal fees were raised.",
        "  recommendation · the brief · analysis (audit)  ¶5",
        "    A joint audit of canal fees, long delayed by arguments over who would pay for…",
    ]


def test_search_full_shows_whole_texts(run: Run) -> None:
    result = run("search", "fees", "--tag", "trust", "--full", "--voice", "analysis", "-p", EXPLORE)
    assert lines(result.stdout) == [
        "2 hits for “fees” in the dataset file",
        "",
        "Dataset file (title, dialogue, facts, timeline, recommendations)",
        "  fact · the brief · analysis (fee-rise)  ¶4",
        "    Canal fees were raised in mid 2021.",
        "  recommendation · the brief · analysis (audit)  ¶5",
        "    A joint audit of canal fees, long delayed by arguments over who would pay for it and who would",
        "    read the results first.",
    ]


def test_search_shows_markup_literally(run: Run) -> None:
    result = run("search", "[bold]", "-p", EXPLORE)
    assert result.exit_code == 0
    assert lines(result.stdout)[-3:] == [
        "  gap  ¶2",
        "    Whether chips leave untaxed.",
        "    why it matters: [bold]Trade[/bold] rules depend on it.",
    ]


def test_search_no_match_exits_1_like_grep(run: Run) -> None:
    result = run("search", "zebra", "-p", TWO)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "gapcli: error: no match for 'zebra'\n"


def test_search_no_match_in_tag(run: Run) -> None:
    result = run("search", "silt", "--tag", "trust", "-p", EXPLORE)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "gapcli: error: no match for 'silt' with --tag trust\n"


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


# --- the core: matches and snippets -------------------------------------------------------


def test_search_core_every_match_span_and_citation() -> None:
    dataset = load_dataset(EXPLORE)
    hits = search(dataset, "BAD FAITH")
    assert [(h.issue, h.party, h.path, [(f.name, f.spans) for f in h.fields]) for h in hits] == [
        ("canal-fees", None, "summary", [("summary", ((16, 25),))]),
        (
            "canal-fees",
            "east",
            "positions.east.readings[0]",
            [("text", ((17, 26),)), ("cite[0].quote", ((33, 42),))],
        ),
        ("canal-fees", None, "gap", [("why_it_matters", ((0, 9),))]),
    ]
    assert [[c.para for c in h.cite] for h in hits] == [[], [3], [3]]
    assert hits[0].text[16:25] == "bad faith"


def test_search_reads_every_prose_field_of_every_model() -> None:
    dataset = load_dataset(TWO)
    hits = search(dataset, "e") + search(dataset, "a")
    fields = {f"{h.path}.{f.name}" if not h.lone else h.path for h in hits for f in h.fields}
    assert {"title", "question", "summary", "gap.what", "gap.why_it_matters"} <= fields
    assert {"common_ground[0].text", "bridges[0].by", "positions.south.claims[0].by"} <= fields
    assert "positions.north.asks[0].by" in fields and "positions.north.readings[0].text" in fields
    assert "positions.north.readings[0].assessment.text" in fields
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


def test_search_is_laid_out_issue_by_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tens of thousands of hits are never all laid out at once: the view yields the heading,
    then one block per issue, and lays out an issue's hits only when its block is asked for."""
    import gapcli.render.terminal.explore as view
    from gapcli.views.filters import Filters

    dataset = load_dataset(TWO)
    hits = search(dataset, "the", Filters())
    per_issue = [sum(1 for h in hits if h.issue == i) for i in dict.fromkeys(h.issue for h in hits)]
    assert len(per_issue) >= 2
    laid_out: list[str] = []
    real = view._said_head

    def counted(out: Styled, hit: Said, ds: Dataset) -> Styled:
        laid_out.append(hit.path)
        return real(out, hit, ds)

    monkeypatch.setattr(view, "_said_head", counted)
    blocks = view.search_view(hits, "the", dataset)
    head = next(blocks)
    assert isinstance(head, Text) and head.plain.startswith(f"{len(hits)} hits for “the”")
    assert laid_out == []
    assert isinstance(next(blocks), Lines)
    assert len(laid_out) == per_issue[0]
    assert len(list(blocks)) == len(per_issue) - 1
    assert len(laid_out) == len(hits)


def test_search_hits_in_colour_exactly(run: Run) -> None:
    """With colour: the side bold, what it is italic, the separators, id and citation dim, a
    matched field's label and text dim, every match bold and reversed."""
    result = run("search", "silt", "-p", TWO, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert result.stdout.splitlines()[6:10] == [
        "    Southland caused the \x1b[1;7msilt\x1b[0m.",
        "  \x1b[1mNorthport\x1b[0m\x1b[2m · \x1b[0m\x1b[3mclaim\x1b[0m\x1b[2m · \x1b[0mthe Northland"
        " port authority · official\x1b[2m (farm-silt)\x1b[0m\x1b[2m  ¶2\x1b[0m",
        "    \x1b[1;7mSilt\x1b[0m comes from southern farms.",
        "    \x1b[2mquote: “\x1b[0m\x1b[1;2;7msilt\x1b[0m\x1b[2m from the southern farms”\x1b[0m",
    ]
