"""``validate --fix`` and the in-place YAML editor under it: only the values it lists change,
byte for byte elsewhere (comments, order, quoting, blank lines, line endings)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from gapcli.authoring.fix import Edit, edit_text
from gapcli.errors import OutputError

from helpers import TWO, Run, copy_dataset

BEFORE = """\
# a comment that stays
id: x   # and one after a value
list:
  - {source: memo, para: 2, quote: 'it''s here'}
  - source: memo
    para: 7
    quote: >
      folded
      text

  - quote: plain words here
tail: "kept"
"""


def test_edits_touch_only_their_values() -> None:
    edits = [
        Edit(("list", 0, "para"), 3),
        Edit(("list", 0, "quote"), "it’s there"),
        Edit(("list", 1, "quote"), 'a "new" quote'),
        Edit(("list", 2, "quote"), "plain words"),
    ]
    after = edit_text(BEFORE, "x.yaml", edits)
    assert after == BEFORE.replace("para: 2", "para: 3").replace(
        "'it''s here'", "'it’s there'"
    ).replace(">\n      folded\n      text\n\n", '"a \\"new\\" quote"\n\n').replace(
        "quote: plain words here", 'quote: "plain words"'
    )


def test_line_endings_and_unicode_before_a_value_are_kept() -> None:
    text = 'a: "é ü"\r\nb: "old"\r\nc: 1\r\n'
    assert edit_text(text, "x", [Edit(("b",), "new")]) == 'a: "é ü"\r\nb: "new"\r\nc: 1\r\n'


@pytest.mark.parametrize(
    ("text", "edits", "message"),
    [
        ("a: [1]\n", [Edit(("a",), 2)], "x: cannot edit ('a',): not a single value"),
        ("a: 1\n", [Edit(("a",), 2), Edit(("a",), 3)], "x: two edits overlap"),
        ("", [Edit(("a",), 2)], "x: the file is empty"),
        ("a: 1\n", [Edit(("b",), 2)], "x: cannot edit ('b',)"),
        ("a: [1]\n", [Edit(("a", 5), 2)], "x: cannot edit ('a', 5)"),
    ],
)
def test_an_edit_that_cannot_be_made_writes_nothing(
    text: str, edits: list[Edit], message: str
) -> None:
    with pytest.raises(OutputError) as caught:
        edit_text(text, "x", edits)
    assert caught.value.message.startswith(message)


def test_validate_fix_changes_only_what_it_lists(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(TWO, tmp_path)
    dredging = folder / "dredging.yaml"
    original = dredging.read_text(encoding="utf-8")
    broken = original.replace(
        '            para: 2\n            quote: "silt from the southern farms"',
        "            para: 1  # a comment beside the value\n"
        "            quote: 'silt  from the southern   farms'",
    )
    dredging.write_text(broken, encoding="utf-8")
    memo = f"memo={folder / 'memo.txt'}"

    checked = run("validate", "-p", folder, "-s", memo)
    assert checked.exit_code == 1
    assert checked.stderr.splitlines()[-3:] == [
        f"gapcli: error: {folder}/dredging.yaml:24:13: positions.north.claims[0].cite[0].quote: "
        "quote is not verbatim in memo ¶1; it is in paragraph 2",
        "gapcli: error: 1 problem found; fix it and run again.",
        "gapcli: error: 'gapcli validate --fix' can correct 2 values.",
    ]
    assert dredging.read_text(encoding="utf-8") == broken  # validate alone writes nothing

    fixed = run("validate", "-p", folder, "-s", memo, "--fix")
    assert fixed.exit_code == 0
    assert fixed.stdout.splitlines() == [
        "Fixed 2 values:",
        f"  {folder}/dredging.yaml:23:13: positions.north.claims[0].cite[0].para: 1 -> 2 (the "
        "quote is in paragraph 2)",
        f"  {folder}/dredging.yaml:24:13: positions.north.claims[0].cite[0].quote: "
        '"silt  from the southern   farms" -> "silt from the southern farms" (the source\'s own '
        "characters)",
        "OK: 2 issues, 2 parties, 1 source; 4 quotes verbatim in memo.",
    ]
    after = dredging.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(broken.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        "-            para: 1  # a comment beside the value",
        "-            quote: 'silt  from the southern   farms'",
        "+            para: 2  # a comment beside the value",
        "+            quote: 'silt from the southern farms'",
    ]
    assert run("validate", "-p", folder, "-s", memo, "--fix").stdout.startswith("OK:")


def test_validate_fix_with_nothing_to_fix_writes_nothing(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(TWO, tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    result = run("validate", "-p", folder, "--fix")
    assert (result.exit_code, result.stdout) == (0, "OK: 2 issues, 2 parties, 1 source.\n")
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
