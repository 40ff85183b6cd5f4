"""Loader units: strict scalars, line marks, dataset folder resolution, cross-file rules, and
the fixture datasets themselves (each valid one loads; every other is named broken-*)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapcli.domain.walk import dotted
from gapcli.errors import DataError
from gapcli.loader import ENV_VAR, load_dataset, positions_dir, read_yaml, shipped_positions

from helpers import DATA, THREE, TWO, VALID_DATASETS, copy_dataset


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_11_scalars_stay_the_text_that_was_written(tmp_path: Path) -> None:
    data, _ = read_yaml(
        write(tmp_path, "a: NO\nb: 2024-05-01\nc: 1.50\nd: 7\ne: ~\nf: 0x10\n"), "x"
    )
    assert data == {"a": "NO", "b": "2024-05-01", "c": "1.50", "d": 7, "e": None, "f": "0x10"}


def test_marks_point_at_keys_and_items(tmp_path: Path) -> None:
    _, marks = read_yaml(write(tmp_path, "title: t\nlist:\n  - one\n  - two: 2\n"), "x")
    assert marks[("title",)] == (1, 1)
    assert marks[("list", 0)] == (3, 5)
    assert marks[("list", 1, "two")] == (4, 5)


def test_dotted_paths() -> None:
    assert (
        dotted(("positions", "us", "claims", 0, "cite", 1, "para"))
        == "positions.us.claims[0].cite[1].para"
    )
    assert dotted(()) == "(top)"


def test_positions_option_beats_environment_beats_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert positions_dir(None) == shipped_positions()
    monkeypatch.setenv(ENV_VAR, "/from/env")
    assert positions_dir(None) == Path("/from/env")
    assert positions_dir("/from/option") == Path("/from/option")


def test_issues_load_in_id_order_with_origins() -> None:
    dataset = load_dataset(TWO)
    assert [i.id for i in dataset.issues] == ["dredging", "tolls"]
    assert dataset.origins["tolls"].where(("gap", "what")) == f"{TWO / 'tolls.yaml'}:26:3"
    assert dataset.issue("tolls") is dataset.issues[1]
    assert dataset.issue("../tolls") is None


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "dataset.yaml").write_text((TWO / "dataset.yaml").read_text(encoding="utf-8"))
    (folder / "a.yaml").write_text("id: b\ntitle: 5\n", encoding="utf-8")
    (folder / "c.yaml").write_text("id: c\nnope: 1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    problems = caught.value.problems
    assert (
        f"{folder}/a.yaml:2:1: title: input should be a valid string, got a number 5; put it in "
        "quotes to keep it as text" in problems
    )
    assert (
        f"{folder}/c.yaml:2:1: nope: unknown key 'nope'; allowed here: id, title, question, tags, "
        "gap_type, summary, positions, analysis, gap, common_ground, bridges, related" in problems
    )
    assert f"{folder}/c.yaml:1:1: question: missing required field" in problems
    assert len(problems) > 6


def test_dataset_order_sets_reading_order_and_is_checked(tmp_path: Path) -> None:
    folder = copy_dataset(TWO, tmp_path)
    meta = folder / "dataset.yaml"
    original = meta.read_text(encoding="utf-8")
    meta.write_text(original + "order: [tolls]\n", encoding="utf-8")
    assert [i.id for i in load_dataset(folder).issues] == ["tolls", "dredging"]
    meta.write_text(original + "order: [tolls, tols, tolls]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(str(folder))
    assert caught.value.problems == [f"{meta}:62:1: order: 'tolls' is listed twice; keep one"]


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"),
    [
        (
            "dataset.yaml",
            'date: "2024-06"',
            'date: "2024-02-31"',
            "dataset.yaml:40:5: timeline[0].date: '2024-02-31' is not a day of the calendar",
        ),
        (
            "dataset.yaml",
            'date: "2023"',
            'date: "2023-05"',
            "dataset.yaml:46:5: timeline[1]: circa ('late') qualifies a year-only date, not '2023-05'",
        ),
        (
            "tolls.yaml",
            'title: "Harbour tolls"',
            'title: "   "',
            "tolls.yaml:2:1: title: is blank; write the text, or leave an optional field out",
        ),
        (
            "tolls.yaml",
            "related: [dredging]",
            "related: [dredging, dredging]",
            "tolls.yaml:31:1: related: 'dredging' is listed twice; keep one",
        ),
        (
            "tolls.yaml",
            "related: [dredging]",
            "related: [tolls]",
            "tolls.yaml:31:11: related[0]: an issue is not related to itself; remove it",
        ),
        (
            "tolls.yaml",
            'title: "Harbour tolls"',
            "title: true",
            "tolls.yaml:2:1: title: input should be a valid string, got a boolean True; put it "
            "in quotes to keep it as text",
        ),
        (
            "tolls.yaml",
            "tags: [cost]",
            "tags: [cost, cost]",
            "tolls.yaml:4:1: tags: 'cost' is listed twice; keep one",
        ),
        (
            "tolls.yaml",
            "question:",
            "qestion:",
            "tolls.yaml:3:1: qestion: unknown key 'qestion'; did you mean 'question'?",
        ),
        (
            "dredging.yaml",
            "about: [ship-traffic]",
            "about: [ship-trafic]",
            "dredging.yaml:30:17: positions.north.readings[0].about[0]: no entry 'ship-trafic' "
            "in the position of 'south' in this issue (ids there: farmers-deny, north-blames, "
            "ship-traffic)",
        ),
        (
            "dredging.yaml",
            "        about: [ship-traffic]",
            "        of: west\n        about: [ship-traffic]",
            "dredging.yaml:30:9: positions.north.readings[0].of: party 'west' is not declared "
            "in dataset.yaml (declared: north, south)",
        ),
        (
            "dredging.yaml",
            "        about: [ship-traffic]",
            "        of: north\n        about: [ship-traffic]",
            "dredging.yaml:30:9: positions.north.readings[0].of: a side's reading of itself is "
            "a claim; move it to claims",
        ),
        (
            "dredging.yaml",
            'by: "a Southland farm scholar"\n        voice: expert',
            'by: "the memo"\n        voice: analysis',
            "dredging.yaml:70:9: positions.south.claims[1].voice: the source's own analysis "
            "does not belong under a side; move this entry to the issue's `analysis` list",
        ),
        (
            "dredging.yaml",
            'by: "the memo"\n    voice: analysis\n    cite:\n      - source: memo\n        para: 2',
            'by: "the Northland government"\n    voice: government\n    cite:\n'
            "      - source: memo\n        para: 2",
            "dredging.yaml:87:5: analysis[0].voice: the `analysis` list holds the source's own "
            "analysis (voice: analysis), not a government view; put it under the side it speaks "
            "for",
        ),
        (
            "dredging.yaml",
            "      - id: farmers-deny",
            "      - id: farm-silt",
            "dredging.yaml:67:9: positions.south.claims[1].id: duplicate id 'farm-silt' (also at "
            "positions.north.claims[0]); ids are unique within an issue",
        ),
        (
            "tolls.yaml",
            'by: "the Northland government"\n      voice: government',
            'by: "Northland shippers"\n      voice: public',
            "tolls.yaml:9:5: positions.north.stance: a stance is the side's official position, "
            "so its voice is government, official or legislature, not 'public'; put this view "
            "under claims (or the issue's analysis), and leave the stance out if the source "
            "reports none",
        ),
        (
            "tolls.yaml",
            '      - id: tolls-high\n        text: "Tolls are too high."\n',
            '      - text: "Tolls are too high."\n',
            "tolls.yaml:18:9: positions.south.claims[0].id: missing required field",
        ),
    ],
)
def test_values_a_hurried_editor_gets_wrong(
    tmp_path: Path, file: str, old: str, new: str, problem: str
) -> None:
    folder = copy_dataset(TWO, tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [f"{folder}/{problem}"]


def test_hidden_files_are_not_issues_and_dataset_yml_is_named(tmp_path: Path) -> None:
    folder = copy_dataset(TWO, tmp_path)
    (folder / ".tolls.yaml.swp.yaml").write_text("", encoding="utf-8")
    assert [i.id for i in load_dataset(folder).issues] == ["dredging", "tolls"]
    (folder / "dataset.yaml").rename(folder / "dataset.yml")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{folder}: no dataset.yaml here; found dataset.yml: rename it to dataset.yaml"
    ]


def test_a_schema_1_folder_gets_one_clear_error(tmp_path: Path) -> None:
    folder = copy_dataset(TWO, tmp_path)
    meta = folder / "dataset.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("schema: 2\n", ""), "utf-8")
    (folder / "tolls.yaml").write_text("stance: 'not even v1'\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{meta}: no `schema: 2` here, so this is a schema-1 dataset; gapcli reads schema 2, "
        "in which stances are attributed entries (text, by, voice, cite) and may be left out; "
        "`perception` is now `readings` (with `of` and `about`); every claim, reading, ask, "
        "common-ground and bridge entry has an `id` and a `voice`; the source's own analysis "
        "moves from the sides to the issue's `analysis` list. Run 'gapcli migrate DIR -o NEWDIR' "
        "to rewrite it, then review what it lists (see docs/migration.md)"
    ]
    meta.write_text("schema: 3\n" + meta.read_text(encoding="utf-8"), "utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{meta}:1:1: schema: unknown schema 3; this gapcli reads schema 2 (see docs/migration.md)"
    ]


def test_three_parties_need_whom_a_reading_reads(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    for path in THREE.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("        of: gamma\n", "")
        (folder / path.name).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{folder}/water-share.yaml:25:9: positions.alpha.readings[0]: with 3 parties a reading "
        "must say whom it reads: add `of:` with one of beta, gamma"
    ]


def test_every_fixture_dataset_is_valid_or_named_broken() -> None:
    """Tests that take every valid fixture (schema, GFM, pandoc) use VALID_DATASETS: a fixture
    that stopped loading would fail here rather than drop out of them unnoticed."""
    folders = {
        p for p in DATA.iterdir() if p.is_dir() and not p.name.startswith(("broken-", "v1-"))
    }
    assert folders == set(VALID_DATASETS)
    for folder in VALID_DATASETS:
        assert load_dataset(folder).issues, folder.name
