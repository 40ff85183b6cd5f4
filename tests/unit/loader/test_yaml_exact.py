"""The safe YAML loader and the cross-file checks, exactly: the file named in every message,
the limits at their boundaries, and each rule's wording.

Written to kill mutants that survived the rest of the suite (docs/testing.md).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from gapcli.domain.models import Loc
from gapcli.errors import DataError
from gapcli.io.files import MAX_FILE_BYTES
from gapcli.loader import load_dataset, load_files
from gapcli.loader.yaml_safe import MAX_DEPTH, compose, read_yaml, read_yaml_bytes

from helpers import MINIMAL, THREE, TWO, copy_dataset


def problems_of(path: Path, shown: str = "shown.yaml") -> list[str]:
    with pytest.raises(DataError) as caught:
        read_yaml(path, shown)
    return caught.value.problems


def test_read_yaml_names_the_file_as_shown(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1\n", encoding="utf-8")
    assert problems_of(bad)[0].startswith("shown.yaml:2:1: YAML syntax error: ")
    assert problems_of(tmp_path / "missing.yaml") == [
        "shown.yaml: cannot read file: No such file or directory"
    ]
    assert problems_of(tmp_path) == [
        "shown.yaml: is a folder, not a regular file; gapcli reads only files"
    ]


def test_read_yaml_reads_plain_data_and_marks(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("a: 1\nb: [x, ~]\n", encoding="utf-8")
    assert read_yaml(good, "x") == (
        {"a": 1, "b": ["x", None]},
        {(): (1, 1), ("a",): (1, 1), ("b",): (2, 1), ("b", 0): (2, 5), ("b", 1): (2, 8)},
    )


def test_read_yaml_bytes_names_the_file_as_shown() -> None:
    for raw, start in [
        (b"a: [1\n", "mem.yaml:2:1: YAML syntax error: "),
        (b"a: 1\na: 2\n", "mem.yaml:2:1: duplicate key 'a'; keep one"),
        (b"- 1\n", "mem.yaml:1:1: expected a mapping of keys at the top of the file"),
    ]:
        with pytest.raises(DataError) as caught:
            read_yaml_bytes(raw, "mem.yaml")
        assert caught.value.problems[0].startswith(start)


def test_marks_reach_the_deepest_value_allowed() -> None:
    # The root mapping is level 0, each list one more: "x" is at level MAX_DEPTH (50).
    raw = ("a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n").encode()
    data, marks = read_yaml_bytes(raw, "deep.yaml")
    value = data["a"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == ["x"]
    deepest: Loc = ("a", *[0] * (MAX_DEPTH - 1))
    assert marks[deepest] == (1, 3 + MAX_DEPTH)
    assert len(marks) == MAX_DEPTH + 1
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(raw.replace(b"x", b"[x]"), "deep.yaml")
    assert caught.value.problems == [
        f"deep.yaml:1:{4 + MAX_DEPTH}: nested more than {MAX_DEPTH} levels deep"
    ]


# Cross-file checks (gapcli.loader.checks)


@pytest.mark.parametrize(
    ("voice", "where"),
    [
        ("government", "under the side it speaks for"),
        ("official", "under the side it speaks for"),
        ("legislature", "under the side it speaks for"),
        (
            "expert",
            "under its side's claims or readings (other voices are shown apart), or in "
            "common_ground",
        ),
        (
            "media",
            "under its side's claims or readings (other voices are shown apart), or in "
            "common_ground",
        ),
    ],
)
def test_the_analysis_list_says_where_another_voice_goes(
    tmp_path: Path, voice: str, where: str
) -> None:
    folder = copy_dataset(TWO, tmp_path)
    issue = folder / "dredging.yaml"
    text = issue.read_text("utf-8")
    issue.write_text(text.replace("    voice: analysis\n", f"    voice: {voice}\n"), "utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{issue}:87:5: analysis[0].voice: the `analysis` list holds the source's own analysis "
        f"(voice: analysis), not {'an' if voice[0] in 'aeiou' else 'a'} {voice} view; "
        f"put it {where}"
    ]


# The scalars (module constants _NULLS, _DECIMAL, _BOOLS, which mutmut does not mutate)

SCALARS = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "nULL": "nULL",
    "0": 0,
    "7": 7,
    "-7": -7,
    "+7": 7,
    "10": 10,
    "017": "017",
    "-0": 0,
    "1_000": "1_000",
    "0x10": "0x10",
    "0o17": "0o17",
    "0b1": "0b1",
    "1:30": "1:30",
    "1e3": "1e3",
    "1.5": "1.5",
    ".inf": ".inf",
    ".nan": ".nan",
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    "tRUE": "tRUE",
    "yes": "yes",
    "no": "no",
    "on": "on",
    "off": "off",
    "y": "y",
    "2024-05-01": "2024-05-01",
    "'7'": "7",
    '"true"': "true",
    "'~'": "~",
    "!!int 7": 7,
    "!!int 0x10": "0x10",
    "!!bool yes": "yes",
    "!!null x": None,
    "!!str 7": "7",
    "!!float 1.5": "1.5",
    "!!timestamp 2024-05-01": "2024-05-01",
}


@pytest.mark.parametrize(("written", "value"), SCALARS.items())
def test_a_scalar_is_read_as_gapcli_reads_it(written: str, value: object) -> None:
    data, _ = read_yaml_bytes(f"k: {written}\n".encode(), "s.yaml")
    assert data == {"k": value}
    assert type(data["k"]) is type(value)


def test_an_integer_python_cannot_convert_stays_text() -> None:
    digits = "9" * 5000
    data, _ = read_yaml_bytes(f"k: {digits}\n".encode(), "s.yaml")
    assert data == {"k": digits}


def test_every_reading_without_whom_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    for path in THREE.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("        of: gamma\n", "").replace("        of: beta\n", "")
        (folder / path.name).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{folder}/water-share.yaml:25:9: positions.alpha.readings[0]: with 3 parties a reading "
        "must say whom it reads: add `of:` with one of beta, gamma",
        f"{folder}/water-share.yaml:33:9: positions.alpha.readings[1]: with 3 parties a reading "
        "must say whom it reads: add `of:` with one of beta, gamma",
    ]


@pytest.mark.parametrize(
    ("of", "message"),
    [
        (
            "zeta",
            "party 'zeta' is not declared in dataset.yaml (declared: alpha, beta, gamma); "
            "did you mean 'beta'?",
        ),
        ("alpha", "a side's reading of itself is a claim; move it to claims"),
    ],
)
def test_every_reading_of_the_wrong_party_is_reported(
    tmp_path: Path, of: str, message: str
) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    for path in THREE.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("        of: gamma\n", f"        of: {of}\n")
        text = text.replace("        of: beta\n", f"        of: {of}\n")
        (folder / path.name).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert caught.value.problems == [
        f"{folder}/water-share.yaml:26:9: positions.alpha.readings[0].of: {message}",
        f"{folder}/water-share.yaml:35:9: positions.alpha.readings[1].of: {message}",
    ]


def test_a_reading_about_a_side_without_a_position_here_finds_no_entry() -> None:
    meta = (MINIMAL / "dataset.yaml").read_bytes()
    issue: dict[str, Any] = yaml.safe_load((MINIMAL / "alpha.yaml").read_text("utf-8"))
    del issue["positions"]["south"]
    issue["positions"]["north"]["readings"] = [
        {
            "id": "r1",
            "text": "They blame us.",
            "by": "its government",
            "voice": "government",
            "about": ["c9"],
            "cite": [{"source": "memo", "para": 1}],
        }
    ]
    files = {"dataset.yaml": meta, "alpha.yaml": yaml.safe_dump(issue).encode()}
    with pytest.raises(DataError) as caught:
        load_files("mem", files)
    assert [p.partition(": ")[2] for p in caught.value.problems] == [
        "positions.north.readings[0].about[0]: no entry 'c9' in the position of 'south' "
        "in this issue (ids there: none)"
    ]


@pytest.mark.parametrize("name", ["parties", "sources"])
def test_a_repeated_id_in_a_dataset_list_is_reported(name: str) -> None:
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    first = meta[name][0]
    meta[name] = [*meta[name], dict(first), dict(first)]
    files = {
        "dataset.yaml": yaml.safe_dump(meta).encode(),
        "alpha.yaml": (MINIMAL / "alpha.yaml").read_bytes(),
    }
    with pytest.raises(DataError) as caught:
        load_files("mem", files)
    n = len(meta[name])
    assert [p.partition(": ")[2] for p in caught.value.problems] == [
        f"{name}[{n - 2}].id: duplicate id {first['id']!r}",
        f"{name}[{n - 1}].id: duplicate id {first['id']!r}",
    ]


def test_a_citation_of_an_unknown_source_lists_the_declared_ones() -> None:
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    meta["sources"] = [
        {"id": s, "title": s, "publisher": "P", "paragraphs": 4} for s in ("notes", "memo")
    ]
    issue: dict[str, Any] = yaml.safe_load((MINIMAL / "alpha.yaml").read_text("utf-8"))
    issue["gap"]["cite"] = [{"source": "minutes", "para": 1}, {"source": "memo", "para": 5}]
    files = {"dataset.yaml": yaml.safe_dump(meta), "alpha.yaml": yaml.safe_dump(issue)}
    with pytest.raises(DataError) as caught:
        load_files("mem", {name: text.encode() for name, text in files.items()})
    assert [p.partition(": ")[2] for p in caught.value.problems] == [
        "gap.cite[0].source: unknown source 'minutes'; declared: memo, notes",
        "gap.cite[1].para: paragraph 5 is past the end of 'memo' (4 paragraphs)",
    ]


def test_the_dataset_file_citations_and_references_are_checked() -> None:
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    meta["dialogue"] = {"cite": [{"source": "minutes", "para": 1}, {"source": "memo", "para": 9}]}
    meta["order"] = ["alpha", "omega"]
    meta["facts"] = [
        {
            "id": "f1",
            "text": "A fact.",
            "by": "the memo",
            "voice": "analysis",
            "cite": [{"source": "memo", "para": 1}],
            "issues": ["alpha", "beta"],
        }
    ]
    files = {
        "dataset.yaml": yaml.safe_dump(meta).encode(),
        "alpha.yaml": (MINIMAL / "alpha.yaml").read_bytes(),
    }
    with pytest.raises(DataError) as caught:
        load_files("mem", files)
    assert caught.value.problems == [
        "mem/dataset.yaml:4:5: dialogue.cite[0].source: unknown source 'minutes'; declared: memo",
        "mem/dataset.yaml:5:5: dialogue.cite[1].para: paragraph 9 is past the end of 'memo' "
        "(4 paragraphs)",
        "mem/dataset.yaml:20:3: order[1]: no issue with id 'omega'",
        "mem/dataset.yaml:15:5: facts[0].issues[1]: no issue with id 'beta'",
    ]


def test_a_dataset_file_saying_schema_1_is_named_at_its_line(tmp_path: Path) -> None:
    folder = copy_dataset(TWO, tmp_path)
    meta = folder / "dataset.yaml"
    text = meta.read_text(encoding="utf-8").replace("schema: 2\n", "")
    first, _, rest = text.partition("\n")
    meta.write_text(f"{first}\nschema: 1\n{rest}", "utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(
        f"{meta}:2:1: schema: 1 is a schema-1 dataset; gapcli reads schema 2, in which stances "
    )


def test_bytes_in_memory_over_the_size_limit_are_refused_before_parsing() -> None:
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(b"#" * (MAX_FILE_BYTES + 1), "HEAD:alpha.yaml")
    assert caught.value.problems == [
        "HEAD:alpha.yaml: file is 1,048,577 bytes; the limit is 1,048,576"
    ]
    raw = b"a: 1\n" + b"#" * (MAX_FILE_BYTES - 5)
    assert read_yaml_bytes(raw, "HEAD:alpha.yaml")[0] == {"a": 1}


HINT = "check quotes, brackets and indentation (spaces only, no tabs)"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        # the construct opened on an earlier line: say where
        (
            b"a: [1\n",
            "m.yaml:2:1: YAML syntax error: while parsing a flow sequence (started at 1:4) "
            f"did not find expected ',' or ']'; {HINT}",
        ),
        # ... on the same line: no "started at"
        (
            b"%FOO\n---\na: 1\n",
            "m.yaml:1:5: YAML syntax error: while scanning a directive found unknown directive "
            f"name; {HINT}",
        ),
        # no context at all
        (
            b"key: x: y\n",
            "m.yaml:1:7: YAML syntax error: mapping values are not allowed in this context; "
            "a value holding ': ' must be written in quotes",
        ),
        (b"a: &x 1\nb: *y\n", f"m.yaml:2:4: YAML syntax error: found undefined alias; {HINT}"),
        (
            b"a:\n\t- b\n",
            "m.yaml:2:1: YAML syntax error: found a tab character; indent with spaces, not tabs",
        ),
    ],
)
def test_a_yaml_syntax_error_says_where_and_what(raw: bytes, message: str) -> None:
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(raw, "m.yaml")
    assert caught.value.problems == [message]


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x07", "0007"), ("\ufffe", "fffe")])
def test_a_raw_control_character_in_a_file_is_one_error_at_its_place(char: str, code: str) -> None:
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(f"a: 1\nb: [x, 'y{char}z']\n".encode(), "m.yaml")
    assert caught.value.problems == [
        f"m.yaml:2:10: character U+{code.upper()} is not allowed in a YAML file; delete it, "
        f"or inside double quotes write it as the escape \\u{code}"
    ]


def test_a_parser_that_runs_out_of_stack_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without libyaml, PyYAML's pure-Python parser recurses and gives up on deep flow nesting
    # with a RecursionError; it is reported like the depth limit, not as a traceback.
    def deep(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(yaml, "compose", deep)
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(b"a: [[[[x]]]]\n", "m.yaml")
    assert caught.value.problems == ["m.yaml: nested too deeply (limit 50 levels)"]


@pytest.mark.parametrize(
    ("tag", "shown"),
    [
        ("!!python/object", "!!python/object"),
        ("!local", "!local"),
        # verbatim tags: the core prefix is shortened to !! only at the start, and only once
        ("!<foo:tag:yaml.org,2002:int>", "foo:tag:yaml.org,2002:int"),
        ("!<tag:yaml.org,2002:tag:yaml.org,2002:x>", "!!tag:yaml.org,2002:x"),
    ],
)
def test_a_refused_tag_is_shown_as_written(tag: str, shown: str) -> None:
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(f"a: {tag} 1\n".encode(), "m.yaml")
    assert caught.value.problems == [
        f"m.yaml:1:4: YAML tag {shown} is not allowed; remove it (plain values only)"
    ]


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a: 1\n? [b]\n: 2\n", "2:3"),  # a list as a key
        (b"a: 1\n{c: 1}: 2\n", "2:1"),  # a mapping as a key
        (b"a: 1\n!!binary b: 2\n", "2:1"),  # a key with a tag gapcli refuses
    ],
)
def test_keys_must_be_plain_text(raw: bytes, where: str) -> None:
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(raw, "m.yaml")
    assert caught.value.problems == [f"m.yaml:{where}: keys must be plain text"]


def test_a_key_is_its_text() -> None:
    assert read_yaml_bytes(b"!!int 3: 2\nnull: 1\ntrue: 0\n", "m.yaml")[0] == {
        "3": 2,
        "null": 1,
        "true": 0,
    }


def test_compose_reads_a_file_within_the_limits(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("a: [1]\n", encoding="utf-8")
    node = compose(good, "good.yaml")
    assert (node.tag, node.start_mark.line) == ("tag:yaml.org,2002:map", 0)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    for path, problem in [
        (big, "shown: file is 1,048,577 bytes; the limit is 1,048,576"),
        (tmp_path, "shown: is a folder, not a regular file; gapcli reads only files"),
        (tmp_path / "nope.yaml", "shown: cannot read file: No such file or directory"),
    ]:
        with pytest.raises(DataError) as caught:
            compose(path, "shown")
        assert caught.value.problems == [problem]
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        compose(bad, "shown")
    assert caught.value.problems[0].startswith("shown:2:1: YAML syntax error: ")


def broken_meta_problems(sources: list[Any], cite: dict[str, Any], **changes: Any) -> list[str]:
    """The problems of the minimal dataset whose dataset file fails validation (no summary)
    and declares ``sources`` (and ``changes``), with the issue's gap citing ``cite``."""
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    del meta["summary"]
    meta.update(sources=sources, **changes)
    issue: dict[str, Any] = yaml.safe_load((MINIMAL / "alpha.yaml").read_text("utf-8"))
    issue["gap"]["cite"] = [cite]
    files = {"dataset.yaml": yaml.safe_dump(meta), "alpha.yaml": yaml.safe_dump(issue)}
    with pytest.raises(DataError) as caught:
        load_files("mem", {name: text.encode() for name, text in files.items()})
    return [p.partition(": ")[2] for p in caught.value.problems if "summary" not in p]


def test_citations_are_checked_against_a_dataset_file_that_failed_validation() -> None:
    """The sources of a dataset file with other errors still tell each one's paragraphs."""
    memo = {"id": "memo", "title": "M", "publisher": "P", "paragraphs": 4}
    assert broken_meta_problems([memo], {"source": "memo", "para": 9}) == [
        "gap.cite[0].para: paragraph 9 is past the end of 'memo' (4 paragraphs)"
    ]
    assert broken_meta_problems([memo], {"source": "notes", "para": 1}) == [
        "gap.cite[0].source: unknown source 'notes'; declared: memo"
    ]
    # a count that is not a whole number is not used; a source list that names no ids says
    # nothing about which sources exist
    odd = {**memo, "paragraphs": "4"}
    assert broken_meta_problems([odd], {"source": "memo", "para": 9}) == [
        "sources[0].paragraphs: input should be a valid integer, got text '4'; write a whole "
        "number, without quotes"
    ]
    nameless = {"title": "M", "publisher": "P", "paragraphs": 4}
    assert broken_meta_problems([nameless], {"source": "memo", "para": 9}) == [
        "sources[0].id: missing required field"
    ]
    # no party declared: the issue's sides are not reported as undeclared
    assert broken_meta_problems([memo], {"source": "memo", "para": 1}, parties=[]) == [
        "parties: needs at least 2 entries"
    ]


def test_a_reading_whose_side_is_misnamed_does_not_stop_the_next_reading() -> None:
    meta = (THREE / "dataset.yaml").read_bytes()
    issue: dict[str, Any] = yaml.safe_load((THREE / "water-share.yaml").read_text("utf-8"))
    issue["positions"]["betta"] = issue["positions"].pop("beta")
    hoards, free_rides = issue["positions"]["alpha"]["readings"]
    issue["positions"]["alpha"]["readings"] = [free_rides, {**hoards, "about": ["nope"]}]
    files = {"dataset.yaml": meta, "water-share.yaml": yaml.safe_dump(issue).encode()}
    with pytest.raises(DataError) as caught:
        load_files("mem", files)
    assert [p.partition(": ")[2] for p in caught.value.problems] == [
        "positions.betta: party 'betta' is not declared in dataset.yaml (declared: alpha, beta, "
        "gamma); did you mean 'beta'?",
        "positions.alpha.readings[1].about[0]: no entry 'nope' in the position of 'gamma' in "
        "this issue (ids there: alpha-upstream, minimum-flow)",
    ]


def test_a_reading_in_a_failed_dataset_file_with_one_party_reads_no_one() -> None:
    """A dataset file with other errors and one party: a reading without `of` has no other
    side to read, and is not checked further (the file's error is what to fix); the next
    reading still is."""
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    meta["parties"] = meta["parties"][:1]
    issue: dict[str, Any] = yaml.safe_load((MINIMAL / "alpha.yaml").read_text("utf-8"))
    del issue["positions"]["south"]
    claim = issue["positions"]["north"]["claims"][0]
    issue["positions"]["north"]["readings"] = [
        {**copy.deepcopy(claim), "id": "r1", "about": ["c9"]},
        {**copy.deepcopy(claim), "id": "r2", "of": "zeta"},
    ]
    files = {"dataset.yaml": yaml.safe_dump(meta), "alpha.yaml": yaml.safe_dump(issue)}
    with pytest.raises(DataError) as caught:
        load_files("mem", {name: text.encode() for name, text in files.items()})
    assert [p.partition(": ")[2] for p in caught.value.problems] == [
        "parties: needs at least 2 entries",
        "positions.north.readings[1].of: party 'zeta' is not declared in dataset.yaml "
        "(declared: north)",
    ]


@pytest.mark.parametrize(
    "raw", [b"a: &x 1\nb: *x\n", b"a: &x [1, 2]\nb: [*x]\n", b"a: &x {k: v}\nb: {c: *x}\n"]
)
def test_an_alias_is_refused_at_its_anchor(raw: bytes) -> None:
    """A small alias, so that a loader that expanded aliases fails here at once (the alias
    bombs in test_yaml_safety.py would hang it). The alias is the anchored value itself, so
    the message points at the anchor."""
    with pytest.raises(DataError) as caught:
        read_yaml_bytes(raw, "m.yaml")
    assert caught.value.problems == [
        "m.yaml:1:4: anchors and aliases (*name) are not supported; write the value out"
    ]
