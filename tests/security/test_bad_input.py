"""Bad datasets and bad arguments: one clear message per problem, a documented exit code,
no traceback, and nothing read or changed that the user did not point at. (Size and depth
limits and YAML that attacks its loader are in test_yaml_safety.py.)

Each case has a fixture under tests/data/broken-<case>/ (a copy of tests/data/minimal/ with
one defect, so line numbers match) or, where a file cannot sensibly be committed (over 1 MiB, an empty folder,
permission bits), is generated in tmp_path. Tests run from tests/data so the paths in
messages are the short relative ones a user would type.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import gapcli.io.files
from gapcli.loader import load_dataset

from helpers import DATA, FOOTER_1, MINIMAL, Run, assert_clean_failure, copy_dataset, errors

HINT = "check quotes, brackets and indentation (spaces only, no tabs)"


@pytest.fixture(autouse=True)
def _in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)


# --- one fixture per problem: exact message, exit 1 -------------------------------------

CASES = {
    "yaml-unclosed-bracket": [
        "broken-yaml-unclosed-bracket/alpha.yaml:5:9: YAML syntax error: while parsing a flow "
        f"sequence (started at 3:7) did not find expected ',' or ']'; {HINT}"
    ],
    "yaml-bad-indent": [
        "broken-yaml-bad-indent/alpha.yaml:17:6: YAML syntax error: while parsing a block "
        f"mapping (started at 16:5) did not find expected key; {HINT}"
    ],
    "yaml-tab": [
        "broken-yaml-tab/alpha.yaml:16:1: YAML syntax error: found a tab character; "
        "indent with spaces, not tabs"
    ],
    "empty-file": ["broken-empty-file/alpha.yaml: file is empty; it needs a mapping of keys"],
    "not-utf8": ["broken-not-utf8/alpha.yaml:5:41: not UTF-8 (byte 0xe9); save the file as UTF-8"],
    "control-character": [
        "broken-control-character/alpha.yaml:5:41: character U+001B is not allowed in a YAML "
        "file; delete it, or inside double quotes write it as the escape \\u001b"
    ],
    "top-level-list": [
        "broken-top-level-list/alpha.yaml:1:1: expected a mapping of keys at the top of the file"
    ],
    "string-for-mapping": [
        "broken-string-for-mapping/alpha.yaml:17:1: gap: expected a mapping of keys, "
        "got text 'Whose activity causes the silt.'"
    ],
    "number-title": [
        "broken-number-title/alpha.yaml:2:1: title: input should be a valid string, got a number 42; "
        "put it in quotes to keep it as text"
    ],
    "no-as-number": [
        "broken-no-as-number/alpha.yaml:22:7: gap.cite[0].para: "
        "input should be a valid integer, got text 'NO'; write a whole number, without quotes"
    ],
    "unquoted-date": [
        "broken-unquoted-date/alpha.yaml:22:7: gap.cite[0].para: "
        "input should be a valid integer, got text '2024-05-01'; "
        "write a whole number, without quotes"
    ],
    "unknown-key": [
        "broken-unknown-key/alpha.yaml:17:5: positions.south.stanse: "
        "unknown key 'stanse'; did you mean 'stance'?"
    ],
    "missing-field": ["broken-missing-field/alpha.yaml:1:1: question: missing required field"],
    "one-party": ["broken-one-party/dataset.yaml:3:1: parties: needs at least 2 entries"],
    "python-tag": [
        "broken-python-tag/alpha.yaml:5:10: YAML tag !!python/object/apply:os.system "
        "is not allowed; remove it (plain values only)"
    ],
    "alias-bomb": [
        "broken-alias-bomb/alpha.yaml:2:6: anchors and aliases (*name) are not supported; "
        "write the value out"
    ],
    "duplicate-key": ["broken-duplicate-key/alpha.yaml:6:1: duplicate key 'title'; keep one"],
    "duplicate-id": [
        "broken-duplicate-id/alpha.yml:1:1: id: duplicate issue id 'alpha', "
        "also in broken-duplicate-id/alpha.yaml"
    ],
    "stem-not-id": [
        "broken-stem-not-id/alfa.yaml:1:1: id: 'alpha' differs from the file name; "
        "rename the file to alpha.yaml or fix the id"
    ],
    "unknown-source": [
        "broken-unknown-source/alpha.yaml:21:7: gap.cite[0].source: "
        "unknown source 'memmo'; declared: memo"
    ],
    "para-out-of-range": [
        "broken-para-out-of-range/alpha.yaml:22:7: gap.cite[0].para: "
        "paragraph 9 is past the end of 'memo' (4 paragraphs)"
    ],
    "unknown-related": [
        "broken-unknown-related/alpha.yaml:23:11: related[0]: no issue with id 'beta'"
    ],
    "undeclared-party": [
        "broken-undeclared-party/alpha.yaml:15:3: positions.west: party 'west' is not declared "
        "in dataset.yaml (declared: north, south)"
    ],
    "no-dataset-file": [
        "broken-no-dataset-file: no dataset.yaml here; "
        "a dataset folder needs one (see positions/README.md)"
    ],
    "no-issues": ["broken-no-issues: no issue files; add one <id>.yaml per issue"],
}


def test_every_broken_fixture_has_a_case() -> None:
    on_disk = {p.name.removeprefix("broken-") for p in DATA.glob("broken-*")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_dataset_gives_one_line_per_problem_and_exit_1(run: Run, case: str) -> None:
    result = run("validate", "--positions", f"broken-{case}")
    assert_clean_failure(result, 1)
    assert errors(result) == [*CASES[case], FOOTER_1]


@pytest.mark.parametrize(
    "command", [["list"], ["compare", "alpha"], ["export", "--md"], ["validate"]]
)
def test_every_data_command_reports_the_same_problem(run: Run, command: list[str]) -> None:
    result = run(*command, "--positions", "broken-unknown-key")
    assert_clean_failure(result, 1)
    assert errors(result) == [*CASES["unknown-key"], FOOTER_1]


def test_several_problems_are_all_listed_once(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    text = (folder / "alpha.yaml").read_text(encoding="utf-8")
    text = text.replace("para: 2", "para: 7").replace('title: "Alpha"', "title: [Alpha]")
    (folder / "alpha.yaml").write_text(text + "related: [beta]\n", encoding="utf-8")
    (folder / "beta.yaml").write_text("id: beta\ntitle: [unclosed\n", encoding="utf-8")
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    # beta.yaml failed to load, so alpha's `related: [beta]` is not a second, knock-on error;
    # alpha.yaml failed validation, yet its paragraph out of range is reported in the same run.
    assert errors(result) == [
        f"{folder}/alpha.yaml:2:1: title: input should be a valid string, got a list",
        f"{folder}/beta.yaml:3:1: YAML syntax error: while parsing a flow sequence "
        f"(started at 2:8) did not find expected ',' or ']'; {HINT}",
        f"{folder}/alpha.yaml:14:31: positions.north.claims[0].cite[0].para: paragraph 7 is past "
        "the end of 'memo' (4 paragraphs)",
        "3 problems found; fix them and run again.",
    ]


# --- YAML 1.1 surprises where text belongs: kept verbatim --------------------------------


def test_yaml_11_scalars_stay_the_text_written_where_text_belongs(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    text = (folder / "alpha.yaml").read_text(encoding="utf-8")
    for old, new in [
        ('title: "Alpha"', "title: NO"),
        ('question: "Who pays?"', "question: 1:30"),
        ('summary: "They disagree on who pays."', "summary: 2024-05-01"),
        ('text: "The north pays."', "text: yes"),
        ('by: "the Northland port authority"', "by: 017"),
        ('why_it_matters: "Cost sharing depends on it."', "why_it_matters: 1.5e3"),
    ]:
        text = text.replace(old, new)
    (folder / "alpha.yaml").write_text(text, encoding="utf-8")
    issue = load_dataset(folder).issues[0]
    assert (issue.title, issue.question, issue.summary) == ("NO", "1:30", "2024-05-01")
    stance = issue.positions["south"].stance
    assert stance is not None and stance.text == "yes"
    assert issue.positions["north"].claims[0].by == "017"
    assert issue.gap.why_it_matters == "1.5e3"
    result = run("list", "--positions", str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].split() == ["alpha", "NO", "cause", "2024-05-01"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("017", "'017'"),
        ("0x1F", "'0x1F'"),
        ("1:30", "'1:30'"),
        ("1_000", "'1_000'"),
        ("0b_", "'0b_'"),
        ("!!int abc", "'abc'"),
        ("!!int", "''"),
        ("yes", "'yes'"),
        ("1.0", "'1.0'"),
        ("~", "nothing"),
    ],
)
def test_non_decimal_numbers_are_text_and_rejected_as_paragraphs(
    run: Run, tmp_path: Path, written: str, shown: str
) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    text = (
        (folder / "alpha.yaml").read_text(encoding="utf-8").replace("para: 3", f"para: {written}")
    )
    (folder / "alpha.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    got = "nothing" if shown == "nothing" else f"text {shown}; write a whole number, without quotes"
    assert errors(result) == [
        f"{folder}/alpha.yaml:22:7: gap.cite[0].para: input should be a valid integer, got {got}",
        FOOTER_1,
    ]


# --- the positions folder itself -----------------------------------------------------------


def test_missing_positions_folder_is_a_usage_error(run: Run) -> None:
    result = run("list", "--positions", "no-such-folder")
    assert_clean_failure(result, 2)
    assert errors(result) == [
        "no-such-folder: positions folder not found; pass --positions DIR or set GAPCLI_POSITIONS"
    ]


def test_missing_folder_from_the_environment_is_a_usage_error(run: Run) -> None:
    result = run("list", env={"GAPCLI_POSITIONS": "no-such-folder"})
    assert_clean_failure(result, 2)
    assert errors(result) == [
        "no-such-folder: positions folder not found; pass --positions DIR or set GAPCLI_POSITIONS"
    ]


@pytest.mark.parametrize("args", [["-p", "", "list"], ["list", "--positions", ""]])
def test_an_empty_positions_option_is_a_usage_error_not_the_shipped_dataset(
    run: Run, args: list[str]
) -> None:
    result = run(*args)  # `-p "$DIR"` with DIR unset
    assert_clean_failure(result, 2)
    assert errors(result) == [
        "--positions is empty; give the dataset folder, or leave the option out for "
        "$GAPCLI_POSITIONS, else the shipped dataset"
    ]


def test_an_empty_positions_variable_counts_as_unset(run: Run) -> None:
    assert run("list", env={"GAPCLI_POSITIONS": ""}).stdout == run("list").stdout


def test_positions_pointing_at_a_file_is_a_usage_error(run: Run) -> None:
    result = run("compare", "alpha", "--positions", "two-party/dataset.yaml")
    assert_clean_failure(result, 2)
    assert errors(result) == [
        "two-party/dataset.yaml: is a file; --positions takes the folder holding dataset.yaml"
    ]


def test_empty_positions_folder(run: Run, tmp_path: Path) -> None:
    # Generated: git cannot commit an empty folder.
    (tmp_path / "empty").mkdir()
    result = run("list", "--positions", str(tmp_path / "empty"))
    assert_clean_failure(result, 1)
    assert errors(result) == [
        f"{tmp_path}/empty: folder is empty; a dataset folder holds dataset.yaml and one "
        "<id>.yaml per issue (see positions/README.md)",
        FOOTER_1,
    ]


def test_unreadable_positions_folder(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("permission bits are not enforced for this user (root)")
        result = run("list", "--positions", str(folder))
    finally:
        folder.chmod(0o755)
    assert_clean_failure(result, 1)
    assert errors(result) == [f"{folder}: cannot read folder: Permission denied", FOOTER_1]


def test_unreadable_positions_folder_simulated(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same path as above, forced even when running as root."""
    folder = copy_dataset(MINIMAL, tmp_path)

    def refuse(self: Path) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    result = run("list", "--positions", str(folder))
    assert_clean_failure(result, 1)
    assert errors(result) == [f"{folder}: cannot read folder: Permission denied", FOOTER_1]


def test_unreadable_issue_file_simulated(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    real = os.open

    def refuse_alpha(path: Any, flags: int, *args: Any) -> int:
        if Path(path).name == "alpha.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(gapcli.io.files, "os", _OsWith(open=refuse_alpha))
    result = run("list", "--positions", str(folder))
    assert_clean_failure(result, 1)
    assert errors(result) == [
        f"{folder}/alpha.yaml: cannot read file: Permission denied",
        FOOTER_1,
    ]


# --- ids are looked up, never used as paths -----------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A dataset folder with a valid issue file *next to* it, outside the dataset."""
    folder = copy_dataset(MINIMAL, tmp_path)
    alpha = (folder / "alpha.yaml").read_text(encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(alpha.replace("id: alpha", "id: secret"))
    return folder


class _OsWith:
    """The ``os`` module as gapcli.io.files sees it, with some functions replaced."""

    def __init__(self, **replaced: Any) -> None:
        self._replaced = replaced

    def __getattr__(self, name: str) -> Any:
        return self._replaced.get(name) or getattr(os, name)


ESCAPES = ["../secret", "../../etc/passwd", "/etc/passwd", str(Path("/etc/passwd").resolve())]


@pytest.mark.parametrize("issue_id", ESCAPES)
def test_path_like_ids_are_unknown_ids(
    run: Run, outside: Path, monkeypatch: pytest.MonkeyPatch, issue_id: str
) -> None:
    read: list[Path] = []
    real = os.open

    def spy(path: Any, flags: int, *args: Any) -> int:
        read.append(Path(path).resolve())
        return real(path, flags, *args)

    monkeypatch.setattr(gapcli.io.files, "os", _OsWith(open=spy))
    for args in (["compare", issue_id], ["export", "--md", "--issue", issue_id]):
        read.clear()
        result = run(*args, "--positions", str(outside))
        assert_clean_failure(result, 2)
        assert errors(result) == [f"unknown issue {issue_id!r} (run 'gapcli list' to see all ids)"]
        assert read and all(path.parent == outside.resolve() for path in read), read


def test_path_like_id_close_to_a_real_one_only_gets_a_suggestion(run: Run, outside: Path) -> None:
    result = run("compare", "../alpha", "--positions", str(outside))
    assert_clean_failure(result, 2)
    assert errors(result) == [
        "unknown issue '../alpha'; did you mean 'alpha'? (run 'gapcli list' to see all ids)"
    ]


# --- usage errors from the command line parser ---------------------------------------------


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["list", "--bogus"], "Error: No such option: --bogus (Possible options: --columns)"),
        (["export", "--md", "-o"], "Error: Option '-o' requires an argument."),
    ],
)
def test_bad_options_exit_2_with_usage(run: Run, args: list[str], last_line: str) -> None:
    result = run(*args)
    assert_clean_failure(result, 2)
    assert result.stderr.splitlines()[-1] == last_line


# --- messages quote the data: control characters in them are escaped too -------------------


def test_control_characters_in_keys_and_file_names_are_escaped_in_messages(
    run: Run, tmp_path: Path
) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    text = (folder / "alpha.yaml").read_text(encoding="utf-8")
    (folder / "alpha.yaml").write_text(text + '"\\e[31mred\\a": x\n', encoding="utf-8")
    (folder / "\x1b[2Jbeta.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert errors(result) == [
        f"{folder}/\\x1b[2Jbeta.yaml:1:1: id: 'alpha' differs from the file name; "
        "rename the file to alpha.yaml or fix the id",
        f"{folder}/alpha.yaml:23:1: \\x1b[31mred\\x07: unknown key '\\x1b[31mred\\x07'; "
        "allowed here: id, title, question, tags, gap_type, summary, positions, analysis, gap, "
        "common_ground, bridges, related",
        "2 problems found; fix them and run again.",
    ]
