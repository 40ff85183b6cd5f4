"""``--json`` on every command: one document format (``gapcli_json: 3``, a ``kind``), exact
documents on the fixtures, never wrapped, still a document when nothing matches; export
``--json`` narrowed by ``--issue`` and ``--tag`` and written to a file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcli.loader import load_dataset
from gapcli.render.json import _UNSAFE, _escape, dumps, export

from helpers import EXPLORE, HOSTILE, REPO, THREE, TWO, Run

NO_FILTERS = {"issues": [], "tags": [], "all_tags": False, "sides": [], "voices": [], "by": None}


def as_json(result: Any) -> Any:
    """The command's stdout parsed as JSON (fails the test if it is not JSON)."""
    return json.loads(result.stdout)


# --- list, compare ------------------------------------------------------------------------


def test_list_json(run: Run) -> None:
    result = run("list", "--json", "-p", TWO)
    assert result.exit_code == 0
    assert as_json(result) == {
        "gapcli_json": 3,
        "kind": "list",
        "filters": NO_FILTERS,
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
    assert (doc["filters"]["tags"], [i["id"] for i in doc["issues"]]) == (["harbour"], ["dredging"])


def test_json_is_not_wrapped_at_narrow_widths(run: Run) -> None:
    wide = run("list", "--json", "-p", TWO, columns=200).stdout
    assert run("list", "--json", "-p", TWO, columns=20).stdout == wide
    assert wide.endswith("}\n") and '"gapcli_json": 3,' in wide.splitlines()[1]


def test_compare_json(run: Run) -> None:
    result = run("compare", "tolls", "--json", "-p", TWO)
    assert result.exit_code == 0
    assert as_json(result) == {
        "gapcli_json": 3,
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
                "text": None,
                "sha256": None,
            }
        ],
    }


def test_compare_json_unknown_issue_is_a_usage_error(run: Run) -> None:
    result = run("compare", "toll", "--json", "-p", TWO)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("gapcli: error: unknown issue 'toll'; did you mean 'tolls'?")


# --- search -------------------------------------------------------------------------------


def test_search_json(run: Run) -> None:
    """One hit per statement: its text and its quote are two matches of one hit."""
    result = run("search", "doubled", "--json", "-p", TWO)
    assert result.exit_code == 0
    cite = [{"source": "memo", "para": 2, "quote": "Ship traffic doubled"}]
    quote = "Ship traffic doubled"
    assert as_json(result) == {
        "gapcli_json": 3,
        "kind": "search",
        "query": "doubled",
        "filters": NO_FILTERS,
        "hits": [
            {
                "issue": "dredging",
                "party": "south",
                "item": "ship-traffic",
                "kind": "claim",
                "path": "positions.south.claims[0]",
                "text": "Ship traffic doubled.",
                "by": "the Southland government",
                "voice": "government",
                "cite": cite,
                "matches": [
                    {
                        "field": "text",
                        "text": "Ship traffic doubled.",
                        "spans": [{"start": 13, "end": 20}],
                    },
                    {"field": "cite[0].quote", "text": quote, "spans": [{"start": 13, "end": 20}]},
                ],
            },
            {
                "issue": None,
                "party": None,
                "item": "ships",
                "kind": "fact",
                "path": "facts[0]",
                "text": "Ships entering the harbour doubled in two years.",
                "by": "the memo",
                "voice": "analysis",
                "cite": cite,
                "matches": [
                    {
                        "field": "text",
                        "text": "Ships entering the harbour doubled in two years.",
                        "spans": [{"start": 27, "end": 34}],
                    },
                    {"field": "cite[0].quote", "text": quote, "spans": [{"start": 13, "end": 20}]},
                ],
            },
        ],
    }


def test_search_json_filters_and_lone_fields(run: Run) -> None:
    """A title is a hit of its own (kind = the field); the filters are echoed back."""
    result = run("search", "tolls", "--json", "--tag", "COST", "--issue", "Tolls", "-p", TWO)
    doc = as_json(result)
    assert doc["filters"] == {**NO_FILTERS, "issues": ["tolls"], "tags": ["cost"]}
    assert [(h["kind"], h["path"], h["by"], h["matches"][0]["field"]) for h in doc["hits"]] == [
        ("title", "title", None, "title"),
        ("question", "question", None, "question"),
        ("summary", "summary", None, "summary"),
        ("stance", "positions.north.stance", "the Northland government", "text"),
        ("claim", "positions.south.claims[0]", "Southland shippers", "text"),
    ]


def test_search_no_match_json_is_still_a_document(run: Run) -> None:
    result = run("search", "zebra", "--json", "-p", TWO)
    assert result.exit_code == 1
    assert as_json(result) == {
        "gapcli_json": 3,
        "kind": "search",
        "query": "zebra",
        "filters": NO_FILTERS,
        "hits": [],
    }
    assert result.stderr == "gapcli: error: no match for 'zebra'\n"


# --- perceptions, mirror, timeline, facts -------------------------------------------------


def test_perceptions_json(run: Run) -> None:
    result = run("perceptions", "--json", "-p", THREE)
    assert result.exit_code == 0
    doc = as_json(result)
    assert (doc["gapcli_json"], doc["kind"]) == (3, "perceptions")
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


def test_mirror_json(run: Run) -> None:
    result = run("mirror", "water-share", "--json", "-p", THREE)
    assert result.exit_code == 0
    doc = as_json(result)
    assert (doc["gapcli_json"], doc["kind"]) == (3, "mirror")
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


def test_timeline_json(run: Run) -> None:
    result = run("timeline", "--json", "-p", EXPLORE)
    assert result.exit_code == 0
    cite = [{"source": "brief", "para": 4, "quote": None}]
    assert as_json(result) == {
        "gapcli_json": 3,
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


def test_facts_json(run: Run) -> None:
    result = run("facts", "--json", "-p", THREE)
    assert result.exit_code == 0
    assert as_json(result) == {
        "gapcli_json": 3,
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


# --- export -------------------------------------------------------------------------------


def test_export_json_whole_dataset(run: Run) -> None:
    result = run("export", "--json", "-p", THREE)
    assert result.exit_code == 0
    dataset = load_dataset(THREE)
    assert as_json(result) == {
        "gapcli_json": 3,
        "kind": "export",
        "dataset": dataset.meta.model_dump(mode="json", by_alias=True),
        "issues": [i.model_dump(mode="json") for i in dataset.issues],
    }


def test_export_json_issue_keeps_what_bears_on_it(run: Run) -> None:
    result = run("export", "--json", "--issue", "chip-exports", "-p", EXPLORE)
    assert result.exit_code == 0
    doc = as_json(result)
    meta = load_dataset(EXPLORE).meta

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


JSON_TEXT = st.text(
    st.sampled_from([*'ab "\\/\n\r\t\b\f', "\x00", "\x1f", "\x7f", "é", "禁", "\u2028", "🙂"]),
    max_size=12,
)
JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.integers(min_value=0, max_value=1000).map(lambda n: n / 1000)  # diff's similarity
    | JSON_TEXT
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_TEXT, inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=800, deadline=None)
@given(document=st.dictionaries(JSON_TEXT, JSON_VALUE, max_size=5))
def test_dumps_indents_as_the_standard_library_does(document: dict[str, Any]) -> None:
    """dumps is the standard library's two-space JSON, character for character, with the
    invisible characters escaped after."""
    standard = json.dumps(document, ensure_ascii=False, indent=2)
    assert dumps(document) == _UNSAFE.sub(_escape, standard) + "\n"
    assert json.loads(dumps(document)) == document


def test_dumps_of_a_lone_surrogate_is_the_standard_librarys() -> None:
    """Text that is not valid Unicode (a YAML escape can make a lone surrogate) is written as
    the standard library writes it."""
    document = {"text": "a\ud800b", "list": [1, "\udfff"]}
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("folder", [REPO / "positions", TWO, THREE, EXPLORE, HOSTILE])
def test_dumps_of_every_export_is_the_standard_librarys(folder: Path) -> None:
    dataset = load_dataset(folder)
    document = export(dataset, dataset.issues)
    standard = json.dumps(document, ensure_ascii=False, indent=2)
    assert dumps(document) == _UNSAFE.sub(_escape, standard) + "\n"
