"""The source workbench: init, new, source show/find, sources that name their text, warnings,
and validate's one pass over every problem in every file."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from gapcli.errors import DataError
from gapcli.loader import check_dataset
from gapcli.sources.texts import source_text

from helpers import FOOTER_1, MINIMAL, THREE, VARNA, Run, assert_clean_failure, copy_dataset

BRIEF = VARNA / "sources" / "brief.txt"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in a fresh folder, so paths in messages are the short ones a user types."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def varna(here: Path) -> Path:
    return copy_dataset(VARNA, here, "v")


# --- init and new ---------------------------------------------------------------------------


def test_init_without_options_leaves_placeholders_that_validate_names(run: Run, here: Path) -> None:
    result = run("init", "ds")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Created ds: dataset.yaml, README.md, schema/."
    assert sorted(p.name for p in (here / "ds").iterdir()) == [
        "README.md", "dataset.yaml", "schema", "sources",
    ]  # fmt: skip
    run("new", "first", "-p", "ds")
    checked = run("validate", "-p", "ds")
    assert_clean_failure(checked, 1)
    assert checked.stderr.splitlines()[:6] == [
        "gapcli: error: ds/dataset.yaml:5:1: title: <title of the dataset> is a placeholder; "
        "write the real value here",
        "gapcli: error: ds/dataset.yaml:6:1: summary: <what the dataset is: the dispute, its "
        "sides, the source> is a placeholder; write the real value here",
        "gapcli: error: ds/dataset.yaml:10:5: parties[0].name: <name of side-a> is a "
        "placeholder; write the real value here",
        "gapcli: error: ds/dataset.yaml:11:5: parties[0].label: <short column header for side-a> "
        "is a placeholder; write the real value here",
        "gapcli: error: ds/dataset.yaml:13:5: parties[1].name: <name of side-b> is a "
        "placeholder; write the real value here",
        "gapcli: error: ds/dataset.yaml:14:5: parties[1].label: <short column header for side-b> "
        "is a placeholder; write the real value here",
    ]
    assert (
        "gapcli: error: ds/dataset.yaml:20:5: sources[0].paragraphs: <number of paragraphs "
        "(gapcli source show source)> is a placeholder; write the real value here"
    ) in checked.stderr.splitlines()
    assert "gapcli: error: ds/first.yaml:8:1: gap_type: <one of fact, cause, intent, linkage, " in (
        checked.stderr
    )


def test_init_refuses_a_folder_that_is_not_empty(run: Run, here: Path) -> None:
    (here / "ds").mkdir()
    (here / "ds" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", "ds")
    assert_clean_failure(result, 1)
    assert result.stderr == (
        "gapcli: error: ds: folder exists and is not empty; choose a new folder, or use --force "
        "to write into it (files of the same name are replaced)\n"
    )
    assert run("init", "ds", "--force").exit_code == 0
    assert (here / "ds" / "notes.txt").read_text(encoding="utf-8") == "mine"
    (here / "file").write_text("x", encoding="utf-8")
    assert run("init", "file").stderr == (
        "gapcli: error: file: is a file; give a folder for the new dataset\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--party", "Up=Upland"], "--party 'Up' is not an id: use lower-case letters, digits "
         "and hyphens (at most 64), starting with a letter or digit"),
        (["--party", "up"], "--party: a dispute has at least two sides; give two or more"),
        (["--party", "up", "--party", "up"], "--party: each party id once"),
        (["--source", "memo"], "--source 'memo': expected ID=PATH, e.g. memo=memo.txt"),
        (["--source", "memo=nope.txt"], "--source 'memo=nope.txt': nope.txt: cannot read "
         "file: No such file or directory"),
        (["--source", "memo=empty.txt"], "--source 'memo=empty.txt': empty.txt has no "
         "paragraphs (no line with text)"),
        (["--party", "a", "--party", "b", "--source", "m=memo.txt", "--source", "m=memo.txt"],
         "--source: each source id once"),
    ],
)  # fmt: skip
def test_init_bad_options_are_usage_errors(
    run: Run, here: Path, args: list[str], message: str
) -> None:
    (here / "empty.txt").write_text("\n\n", encoding="utf-8")
    (here / "memo.txt").write_text("a\n\nb\n", encoding="utf-8")
    result = run("init", "ds", *args)
    assert_clean_failure(result, 2)
    assert result.stderr == f"gapcli: error: {message}\n"
    assert not (here / "ds").exists()


def test_init_copies_the_text_with_its_hash_and_count(run: Run, here: Path) -> None:
    shutil.copyfile(BRIEF, here / "brief.txt")
    result = run("init", "ds", "--party", "a=Alpha", "--party", "b", "--source", "b1=brief.txt")
    assert result.exit_code == 0
    assert (here / "ds/sources/b1.txt").read_bytes() == BRIEF.read_bytes()
    meta = (here / "ds/dataset.yaml").read_text(encoding="utf-8")
    assert f'    sha256: "{hashlib.sha256(BRIEF.read_bytes()).hexdigest()}"' in meta
    assert '    paragraphs: 8\n    text: "sources/b1.txt"' in meta
    assert '    name: "<name of b>"\n    label: "<short column header for b>"' in meta


def test_new_writes_a_section_per_party(run: Run, here: Path) -> None:
    folder = copy_dataset(THREE, here, "ds")
    result = run("new", "water-use", "-p", "ds", "--title", "Use", "--gap-type", "method")
    assert (result.exit_code, result.stderr) == (0, "")
    text = (folder / "water-use.yaml").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith("  ") and line[2] != " "] == [
        "  alpha:", "  beta:", "  gamma:", '  what: "<exactly what the sides disagree on>"',
        '  why_it_matters: "<its consequence, as the source draws it>"', "  cite:",
    ]  # fmt: skip
    assert 'title: "Use"\n' in text and 'gap_type: "method"\n' in text
    assert '        - source: "report"\n' in text
    again = run("new", "water-use", "-p", "ds")
    assert again.stderr == (
        "gapcli: error: ds/water-use.yaml: already exists; use --force to overwrite it\n"
    )
    assert run("new", "water-use", "-p", "ds", "--force").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Water"], "issue id 'Water' is not an id: use lower-case letters, digits and hyphens "
         "(at most 64), starting with a letter or digit"),
        (["dataset"], "'dataset': dataset.yaml is the dataset file; choose another issue id"),
        (["x", "--gap-type", "vibes"], "--gap-type 'vibes': not a gap type; one of fact, cause, "
         "intent, linkage, venue, method, expectation"),
    ],
)  # fmt: skip
def test_new_bad_arguments(run: Run, here: Path, args: list[str], message: str) -> None:
    copy_dataset(MINIMAL, here, "ds")
    result = run("new", *args, "-p", "ds")
    assert_clean_failure(result, 2)
    assert result.stderr == f"gapcli: error: {message}\n"


def test_new_needs_declared_parties(run: Run, here: Path) -> None:
    (here / "ds").mkdir()
    (here / "ds/dataset.yaml").write_text("schema: 2\nparties: nope\n", encoding="utf-8")
    result = run("new", "x", "-p", "ds")
    assert_clean_failure(result, 1)
    assert result.stderr.splitlines()[0] == (
        "gapcli: error: ds/dataset.yaml: no parties declared (each with an id); declare them first"
    )


# --- source show and find ------------------------------------------------------------------


def test_source_show_numbers_paragraphs(run: Run, here: Path) -> None:
    varna(here)
    result = run("source", "show", "brief", "-p", "v", "--para", "7..")
    assert result.stdout == (
        "¶7  All three governments accept the 1998 Varna Commission as a forum, and all three "
        "agree that the river’s data should be measured jointly.\n"
        "¶8  A joint monitoring station at the border, proposed by a Borvian hydrologist at the "
        "talks, could give the sides one set of numbers to argue from.\n"
    )
    assert len(run("source", "show", "brief", "-p", "v").stdout.splitlines()) == 8
    assert run("source", "show", "brief", "-p", "v", "--para", "..1").stdout.startswith("¶1  ")
    assert run("source", "show", "brief", "-p", "v", "--para", "3").stdout.startswith("¶3  ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "brief", "--para", "x"], "--para 'x': expected N, N..M, N.. or ..M"),
        (["show", "brief", "--para", "3..2"], "--para '3..2': expected paragraph numbers from "
         "1, in order"),
        (["show", "brief", "--para", "9"], "--para '9': the text has 8 paragraphs"),
        (["show", "brif"], "unknown source 'brif'; did you mean 'brief'? declared in "
         "v/dataset.yaml: brief"),
        (["find", "zzz", "x"], "unknown source 'zzz'; declared in v/dataset.yaml: brief"),
        (["show", "brief", "--text", "nope.txt"], "--text 'nope.txt': nope.txt: cannot read "
         "file: No such file or directory"),
        (["show", "brief", "--text", "/dev/zero"], "--text '/dev/zero': /dev/zero: is a "
         "character device, not a regular file; gapcli reads only files"),
    ],
)  # fmt: skip
def test_source_usage_errors(run: Run, here: Path, args: list[str], message: str) -> None:
    varna(here)
    result = run("source", *args, "-p", "v")
    assert_clean_failure(result, 2)
    assert result.stderr == f"gapcli: error: {message}\n"


def test_source_find_prints_a_citation_in_the_sources_characters(run: Run, here: Path) -> None:
    varna(here)
    result = run("source", "find", "brief", '"WILL not  take a single litre', "-p", "v")
    assert result.stdout.splitlines()[1:] == [
        '  - source: "brief"',
        "    para: 2",
        '    quote: "“will not take a single litre"',
    ]
    missing = run("source", "find", "brief", "nothing like it", "-p", "v")
    assert_clean_failure(missing, 1)
    assert missing.stderr == ('gapcli: error: no passage of brief matches "nothing like it"\n')


def test_a_source_without_a_text_needs_one(run: Run, here: Path) -> None:
    copy_dataset(MINIMAL, here, "ds")
    result = run("source", "show", "memo", "-p", "ds")
    assert result.stderr == (
        "gapcli: error: source 'memo' names no text file; add `text: sources/memo.txt` to it in "
        "dataset.yaml (with the text in that file), or pass --text PATH\n"
    )
    (here / "memo.txt").write_text("One.\n\nTwo.\n", encoding="utf-8")
    shown = run("source", "show", "memo", "-p", "ds", "--text", "memo.txt")
    assert shown.stdout == "¶1  One.\n¶2  Two.\n"


# --- sources that name their text ---------------------------------------------------------


def test_a_changed_text_is_an_error_naming_what_changed(run: Run, here: Path) -> None:
    folder = varna(here)
    text = folder / "sources/brief.txt"
    text.write_text(
        text.read_text(encoding="utf-8").replace("40 cubic", "30 cubic"), encoding="utf-8"
    )
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    result = run("validate", "-p", "v")
    assert_clean_failure(result, 1)
    assert result.stderr.splitlines() == [
        f"gapcli: error: v/dataset.yaml:25:5: sources[0].sha256: sources/brief.txt has changed "
        f"since this hash was recorded (it is now {digest}); check the quotes citing 'brief', "
        "then record the new hash",
        "gapcli: error: v/dam-flows.yaml:60:13: positions.borvia.asks[0].cite[0].quote: quote is "
        'not verbatim in brief ¶3; not found anywhere in the text; nearest: ¶3 "a guaranteed '
        'summer release of 30 cubic metres per second — the volume its canals need"',
        "gapcli: error: 2 problems found; fix them and run again.",
    ]


def test_paragraph_counts_are_checked_against_the_text(run: Run, here: Path) -> None:
    folder = varna(here)
    meta = folder / "dataset.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("paragraphs: 8", "paragraphs: 12"), "utf-8"
    )
    result = run("validate", "-p", "v")
    assert result.stderr.splitlines()[:1] == [
        "gapcli: error: v/dataset.yaml:23:5: sources[0].paragraphs: 12 declared, but "
        "sources/brief.txt has 8 paragraphs (see 'gapcli source show brief'); write paragraphs: 8"
    ]
    # A text given on the command line wins, and may not have fewer paragraphs than declared.
    given = run("validate", "-p", "v", "-s", f"brief={BRIEF}")
    assert given.stderr.splitlines()[0] == (
        f"gapcli: error: v/dataset.yaml:23:5: sources[0].paragraphs: 12 declared, but {BRIEF} "
        "has only 8 paragraphs"
    )


@pytest.mark.parametrize("path", ["../brief.txt", "/etc/passwd", "sources/../../x"])
def test_a_text_outside_the_dataset_is_refused(run: Run, here: Path, path: str) -> None:
    folder = varna(here)
    meta = folder / "dataset.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('"sources/brief.txt"', f'"{path}"'), "utf-8"
    )
    result = run("validate", "-p", "v")
    assert_clean_failure(result, 1)
    assert result.stderr.splitlines() == [
        f"gapcli: error: v/dataset.yaml:24:5: sources[0].text: {path!r} is not inside the "
        "dataset folder; give a path relative to it, without '..' (e.g. sources/report.txt)",
        FOOTER_1.join(["gapcli: error: ", ""]),
    ]
    shown = run("source", "show", "brief", "-p", "v")
    assert_clean_failure(shown, 1)


def test_a_link_out_of_the_dataset_is_refused(run: Run, here: Path) -> None:
    folder = varna(here)
    (folder / "sources/brief.txt").unlink()
    outside = here / "elsewhere.txt"
    shutil.copyfile(BRIEF, outside)
    os.symlink(outside, folder / "sources/brief.txt")
    result = run("validate", "-p", "v")
    assert result.stderr.splitlines()[0] == (
        "gapcli: error: v/dataset.yaml:24:5: sources[0].text: 'sources/brief.txt' leads outside "
        f"the dataset folder (to {outside}); copy the text into it"
    )
    with pytest.raises(DataError):
        source_text(folder, "brief")


def test_an_unreadable_text_is_one_problem(run: Run, here: Path) -> None:
    folder = varna(here)
    (folder / "sources/brief.txt").write_bytes(b"caf\xe9\n")
    result = run("validate", "-p", "v")
    assert result.stderr.splitlines()[0] == (
        "gapcli: error: v/dataset.yaml:24:5: sources[0].text: v/sources/brief.txt: not UTF-8 "
        "(invalid continuation byte); save the text as UTF-8"
    )


# --- warnings ------------------------------------------------------------------------------


def test_warnings_are_shown_and_strict_makes_them_errors(run: Run, here: Path) -> None:
    folder = varna(here)
    issue = folder / "dam-flows.yaml"
    text = issue.read_text(encoding="utf-8")
    start, end = text.index("  caspia:\n"), text.index("analysis:\n")
    text = text[:start] + text[end:]  # Caspia has no position now; ¶4 is cited nowhere else
    text = text.replace('summary: "Arland', 'summary: "' + "x" * 40 + " Arland")
    issue.write_text(text, encoding="utf-8")
    result = run("validate", "-p", "v")
    assert result.exit_code == 0
    warnings = [
        "v/dam-flows.yaml:10:1: positions: no position for 'caspia'; write `caspia: {}` if the "
        "source says nothing of its view on this",
        "v/dam-flows.yaml:9:1: summary: 142 characters; keep the gap to one line of about 120 "
        "(gapcli list shows it)",
        "v/dataset.yaml:23:5: sources[0].paragraphs: paragraph 4 of 'brief' is never cited",
    ]
    assert result.stderr.splitlines() == [f"gapcli: warning: {w}" for w in warnings]
    strict = run("validate", "-p", "v", "--strict")
    assert_clean_failure(strict, 1)
    assert strict.stderr.splitlines() == [
        *(f"gapcli: error: {w}" for w in warnings),
        "gapcli: error: 3 problems found; fix them and run again.",
    ]


# --- one pass, all problems ----------------------------------------------------------------


def test_five_kinds_of_problem_in_three_files_in_one_run(run: Run, here: Path) -> None:
    folder = copy_dataset(THREE, here, "ds")
    meta = folder / "dataset.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('date: "2024-06-02"\n    paragraphs', "date: "
        "2024\n    paragraphs"), encoding="utf-8"
    )  # fmt: skip
    issue = folder / "water-share.yaml"
    original = issue.read_text(encoding="utf-8")
    issue.write_text(
        original.replace("gap_type: expectation", "gap_type: expectations").replace(
            "about: [minimum-flow]", "about: [minimum-flo]"
        ),
        encoding="utf-8",
    )
    (folder / "dam.yaml").write_text(
        original.replace("id: water-share", "id: dam").replace("  gamma:", "  gama:")
        + "related: [water-shar]\n",
        encoding="utf-8",
    )
    result = run("validate", "-p", "ds")
    assert_clean_failure(result, 1)
    assert [line.removeprefix("gapcli: error: ") for line in result.stderr.splitlines()] == [
        "ds/dataset.yaml:22:5: sources[1].date: input should be a valid string, got a number "
        "2024; put it in quotes to keep it as text",
        "ds/water-share.yaml:5:1: gap_type: input should be 'fact', 'cause', 'intent', "
        "'linkage', 'venue', 'method' or 'expectation'",
        "ds/dam.yaml:51:3: positions.gama: party 'gama' is not declared in dataset.yaml "
        "(declared: alpha, beta, gamma); did you mean 'gamma'?",
        "ds/dam.yaml:100:11: related[0]: no issue with id 'water-shar'",
        "ds/water-share.yaml:30:17: positions.alpha.readings[0].about[0]: no entry "
        "'minimum-flo' in the position of 'gamma' in this issue (ids there: alpha-upstream, "
        "minimum-flow)",
        "5 problems found; fix them and run again.",
    ]
    checked = check_dataset(folder)
    # dataset.yaml failed, yet dam.yaml (which loaded) was checked against what it declares.
    assert checked.meta is None and list(checked.issues) == ["dam"]
    assert [f.origin.path for f in checked.failed] == [str(folder / "water-share.yaml")]


def test_a_file_with_field_errors_still_gets_its_cross_file_checks(run: Run, here: Path) -> None:
    folder = varna(here)
    issue = folder / "dam-flows.yaml"
    text = issue.read_text(encoding="utf-8")
    text = (
        text.replace('gap_type: "fact"', 'gap_type: "facts"')  # the field error
        .replace("  caspia:", "  caspa:")  # undeclared, with a suggestion
        .replace('of: "arland"', 'of: "arlnd"')  # a reading of an undeclared party
        .replace('"fish-catch"', '"fish"')  # no longer what nothing points at: no noise
        .replace("para: 7", "para: 9")  # past the end
        .replace("related: []", 'related: ["nowhere"]')
        .replace("does not oppose the dam as such", "does not oppose the dam")  # still verbatim
        .replace('"A joint monitoring station at the border"', '"A joint monitoring post"')
    )
    issue.write_text(text, encoding="utf-8")
    result = run("validate", "-p", "v")
    assert_clean_failure(result, 1)
    assert [line.removeprefix("gapcli: error: ") for line in result.stderr.splitlines()] == [
        "v/dam-flows.yaml:8:1: gap_type: input should be 'fact', 'cause', 'intent', 'linkage', "
        "'venue', 'method' or 'expectation'",
        "v/dam-flows.yaml:61:3: positions.caspa: party 'caspa' is not declared in dataset.yaml "
        "(declared: arland, borvia, caspia); did you mean 'caspia'?",
        "v/dam-flows.yaml:104:9: common_ground[0].cite[0].para: paragraph 9 is past the end of "
        "'brief' (8 paragraphs)",
        "v/dam-flows.yaml:115:11: related[0]: no issue with id 'nowhere'",
        "v/dam-flows.yaml:44:9: positions.borvia.readings[0].of: party 'arlnd' is not declared in "
        "dataset.yaml (declared: arland, borvia, caspia); did you mean 'arland'?",
        "v/dam-flows.yaml:105:9: common_ground[0].cite[0].quote: quote is not verbatim in brief "
        "¶9; it is in paragraph 7",
        "v/dam-flows.yaml:114:9: bridges[0].cite[0].quote: quote is not verbatim in brief ¶8; "
        'not found anywhere in the text; nearest: ¶8 "A joint monitoring"',
        "7 problems found; fix them and run again.",
        "'gapcli validate --fix' can correct 1 value.",
    ]
