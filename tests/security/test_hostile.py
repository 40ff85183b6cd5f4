"""Hostile text in a dataset (tests/data/hostile/) is shown literally and never restyles,
corrupts or hides the output: Rich markup, emoji codes, terminal control sequences,
Markdown and HTML, wide and very long text.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from gapcli.domain.models import Dataset, Issue, Statement
from gapcli.loader import load_dataset
from gapcli.render.terminal.issues import compare_view, list_table

from helpers import HOSTILE, Run, split_front_matter
from helpers.render_checks import (
    MD,
    REFERENCES,
    SGR,
    markdown_text,
    md_expected,
    missing_in_markdown,
    missing_on_terminal,
    strings,
    table_problems,
    terminal_problems,
)

WIDE = 1000  # wide enough that nothing wraps, so every text can be found whole


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(HOSTILE)


@pytest.fixture(scope="module")
def issue(dataset: Dataset) -> Issue:
    return dataset.issues[0]


def compare_texts(dataset: Dataset, issue: Issue) -> list[str]:
    """Every text ``compare --quotes`` shows for the hostile issue (entry ids are not shown)."""
    parties = [s for p in dataset.meta.parties for s in (p.label, p.name)]
    sources = [s for src in dataset.meta.sources for s in (src.title, src.publisher)]
    return [issue.id, *strings(issue, REFERENCES), *parties, *sources]


def markdown_texts(dataset: Dataset) -> list[str]:
    """Every text the Markdown briefing shows (party names, ids, tags and source ids are not
    in it; related issues are shown by title)."""
    meta = dataset.meta
    out = [meta.title, meta.summary, *(p.label for p in meta.parties)]
    out += [s.title for s in meta.sources]
    out += [s for f in meta.facts for s in (f.text, f.figure or "", f.by)]
    out += [s for r in meta.recommendations for s in (r.text, r.by)]
    for issue in dataset.issues:
        out += strings(issue, REFERENCES | {"tags", "related", "source"})
    return out


def test_every_text_field_of_the_issue_is_checked(issue: Issue) -> None:
    """The lists above reach the schema-2 fields: stances, readings and their assessments,
    other voices, the source's analysis."""
    north, south = issue.positions["north"], issue.positions["south"]
    reading = north.readings[0]
    assert reading.assessment is not None and reading.assessment.text
    assert north.stance is not None and south.stance is not None
    entries: list[Statement] = [
        north.stance,
        south.stance,
        reading,
        *issue.analysis,
        *(e for _, e in north.entries()),
        *(e for _, e in south.entries()),
    ]
    shown = strings(issue, REFERENCES)
    for entry in entries:
        assert entry.text in shown and entry.by in shown
    assert reading.assessment.text in shown and reading.assessment.by in shown
    assert {e.group for e in entries} == {"official", "other", "source"}


def test_fixture_holds_every_kind_of_hostile_text(dataset: Dataset, issue: Issue) -> None:
    everything = "\n".join(strings(dataset.meta) + strings(issue))
    for needle in [
        "[bold red]x[/]", "lone [/]", "\x9b", "[link=https://evil.example]", ":smile:",
        "\x1b[", "\x1b]8;;", "\x07", "\r", "\u202e", "|", "\n", "\\", "*", "_", "`",
        "<script>alert(1)</script>", "<img", "中美禁毒合作", "\t", "&lt;", "# not", "> not",
    ]:  # fmt: skip
        assert needle in everything, needle
    assert max(len(w) for w in everything.split()) > 150  # a very long unbroken word


# --- terminal -----------------------------------------------------------------------------


def test_list_shows_hostile_text_literally(run: Run, dataset: Dataset) -> None:
    result = run("list", "--positions", HOSTILE, columns=WIDE)
    assert result.exit_code == 0, result.output
    shown = [s for i in dataset.issues for s in (i.id, i.title, i.summary)]
    assert missing_on_terminal(shown, result.stdout) == []
    assert terminal_problems(result.stdout) == []
    assert result.stdout.splitlines()[-1].split("  ")[0:1] == ["hostile"]
    assert "[bold red]x[/] title" in result.stdout
    assert "Pipes | in || the | summary" in result.stdout


def test_compare_shows_hostile_text_literally(run: Run, dataset: Dataset, issue: Issue) -> None:
    result = run("compare", "hostile", "--quotes", "--positions", HOSTILE, columns=WIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert missing_on_terminal(compare_texts(dataset, issue), out) == []
    assert terminal_problems(out) == []
    # The documented escapes, spelled out once:
    assert (
        r"ESC \x1b[2J\x1b[31mclear and red\x1b[0m, BEL \x07, CR \x0dover, RLO \u202etxt.exe" in out
    )
    assert r"South \x1b[31mred\x1b[0m land" in out
    assert "[link=https://evil.example]click me[/link]" in out
    assert ":thumbs_up: :smile: agreed" in out and "😄" not in out and "👍" not in out


@pytest.mark.parametrize("command", [["list"], ["compare", "hostile", "--quotes"]])
def test_forced_colour_adds_only_style_codes(run: Run, command: list[str]) -> None:
    plain = run(*command, "--positions", HOSTILE, columns=WIDE)
    coloured = run(
        *command, "--positions", HOSTILE, columns=WIDE, env={"NO_COLOR": "", "FORCE_COLOR": "1"}
    )
    assert coloured.exit_code == 0, coloured.output
    assert SGR.search(coloured.stdout), "colour was not on: the test would prove nothing"
    assert terminal_problems(coloured.stdout) == []
    assert "\x1b]8;" not in coloured.stdout  # no hyperlink from [link=...]
    assert SGR.sub("", coloured.stdout) == plain.stdout


def test_renderables_stay_literal_on_a_console_with_markup_and_emoji_on(
    dataset: Dataset, issue: Issue
) -> None:
    """Even a default Rich console (markup, emoji, highlighting on) cannot restyle data."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=WIDE)
    console.print(list_table(dataset.issues))
    console.print(compare_view(issue, dataset, quotes=True))
    out = buffer.getvalue()
    assert SGR.search(out)
    assert terminal_problems(out) == []
    assert missing_on_terminal(compare_texts(dataset, issue), SGR.sub("", out)) == []
    assert "\x1b]8;" not in out and "😄" not in out


def _column(lines: list[str], row_label: str, column: int) -> list[str]:
    """The stripped pieces of one table column within the row that starts with ``row_label``."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"│ {row_label}"))
    pieces = []
    for line in lines[start:]:
        if line.startswith("├") or line.startswith("╰"):
            break
        pieces.append(line.split("│")[column].strip())
    return pieces


@pytest.mark.parametrize("columns", [80, 100])
def test_long_words_and_wide_text_fold_inside_their_cells(
    run: Run, issue: Issue, columns: int
) -> None:
    result = run("compare", "hostile", "--positions", HOSTILE, columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    stance = issue.positions["south"].stance
    assert stance is not None
    # The long word folds inside the cell, then the stance says who holds it, in which voice.
    assert "".join(_column(lines, "Stance", 3)) == stance.text + "— South · government ¶4"
    # An expert's ask is one of the side's other voices: its own row, labelled.
    chinese = issue.positions["north"].asks[0]
    assert chinese.voice.value == "expert"
    other = "".join(_column(lines, "Other", 2)).replace(" ", "")
    assert f"•Ask:{chinese.text}—{chinese.by}·expert¶3" in other
    listed = run("list", "--positions", HOSTILE, columns=columns)
    assert max(cell_len(line) for line in listed.stdout.splitlines()) <= columns


# --- Markdown -----------------------------------------------------------------------------


@pytest.fixture
def briefing(run: Run) -> str:
    result = run("export", "--full", "--positions", HOSTILE)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_markdown_tables_keep_their_column_count(briefing: str) -> None:
    _, body = split_front_matter(briefing)
    assert "| | North\\|port | 中华南方 |" in body
    assert table_problems(body) == []


def test_markdown_passes_no_raw_html_and_no_control_characters(briefing: str) -> None:
    _, body = split_front_matter(briefing)
    _, problems = markdown_text(body)
    assert problems == []
    assert "<script" not in briefing.lower() and "<img" not in briefing.lower()
    html = MD.render(body).lower()
    for tag in ("<script", "<img", "<b>", "<!--", "<a "):
        assert tag not in html, tag
    assert terminal_problems(briefing) == []


def test_markdown_text_reads_back_literally(briefing: str, dataset: Dataset) -> None:
    _, body = split_front_matter(briefing)
    rendered, _ = markdown_text(body)
    assert missing_in_markdown(markdown_texts(dataset), rendered) == []
    assert "[bold red]Briefing[/] | <script>alert(1)</script> :smile:" in rendered
    assert "Line one\nline two | with pipe\n\nafter a blank line" in rendered
    assert "cell with \\| an escaped pipe, a lone \\ and a trailing backslash \\" in rendered


def test_front_matter_reads_back_literally_through_pandoc_style_parsing(
    briefing: str, dataset: Dataset
) -> None:
    """pandoc parses metadata strings as Markdown: they are escaped like the body."""
    meta, _ = split_front_matter(briefing)
    title, problems = markdown_text(meta["title"])
    assert problems == []
    assert title == md_expected(dataset.meta.title)
    [source] = meta["sources"]
    text, problems = markdown_text(source)
    assert problems == []
    src = dataset.meta.sources[0]
    assert text == md_expected(f"{src.title}, {src.publisher} ({src.date})")


# --- JSON ---------------------------------------------------------------------------------


def json_strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in json_strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize(
    "command", [["list", "--json"], ["compare", "hostile", "--json"], ["export", "--json"]]
)
def test_json_carries_every_text_exactly(
    run: Run, dataset: Dataset, issue: Issue, command: list[str]
) -> None:
    result = run(*command, "--positions", HOSTILE)
    assert result.exit_code == 0, result.output
    found = set(json_strings(json.loads(result.stdout)))
    expected = [issue.title, issue.summary]
    if command[0] != "list":
        expected += strings(issue)
    assert [s for s in expected if s not in found] == []
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_mirror_and_perceptions_json_carry_every_reading_exactly(
    run: Run, dataset: Dataset, issue: Issue
) -> None:
    north, south = issue.positions["north"], issue.positions["south"]
    readings = strings([*north.readings, *south.readings])
    answered = strings(south.claims)  # what north's reading points at (about: [img])
    for command, expected in [
        (["mirror", "--json"], [*readings, *answered, *strings(north.stance)]),
        (["mirror", "hostile", "--json"], [*readings, *answered, *strings(north.stance)]),
        (["perceptions", "--json"], readings),
    ]:
        result = run(*command, "--positions", HOSTILE)
        assert result.exit_code == 0, result.output
        found = set(json_strings(json.loads(result.stdout)))
        assert [s for s in expected if s not in found] == [], command
        assert terminal_problems(result.stdout) == []
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_json_output_has_no_raw_terminal_controls(run: Run) -> None:
    result = run("compare", "hostile", "--json", "--positions", HOSTILE)
    assert terminal_problems(result.stdout) == []
    assert "\\u009b31m" in result.stdout and "\\u202etxt.exe" in result.stdout


# --- the explore commands: same guarantees ----------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["search", "lone"],
        ["search", "alert"],
        ["perceptions"],
        ["mirror"],
        ["mirror", "hostile"],
        ["timeline"],
        ["facts"],
    ],
)
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "forced-colour"])
def test_explore_commands_pass_no_control_characters(
    run: Run, command: list[str], colour: bool
) -> None:
    env = {"NO_COLOR": "", "FORCE_COLOR": "1"} if colour else {}
    result = run(*command, "--positions", HOSTILE, columns=WIDE, env=env)
    assert result.exit_code == 0, result.output
    assert terminal_problems(result.stdout) == []
    assert "\x1b]8;" not in result.stdout and "😄" not in result.stdout
    if command[:2] == ["search", "alert"]:
        assert "<script>alert(1)</script>" in SGR.sub("", result.stdout)


# --- the mirror and the perception matrix: readings beside the read side's own account -----


def test_mirror_shows_readings_and_own_accounts_literally(
    run: Run, dataset: Dataset, issue: Issue
) -> None:
    result = run("mirror", "hostile", "--positions", HOSTILE, columns=WIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    north, south = issue.positions["north"], issue.positions["south"]
    labels = [p.label for p in dataset.meta.parties]
    expected = [issue.title, *labels, *strings(north.readings, REFERENCES)]
    expected += strings(south.claims, REFERENCES)  # north's reading points at south's claim
    expected += strings(north.stance)  # south reads nothing of north: north's stance is shown
    assert missing_on_terminal(expected, out) == []
    assert terminal_problems(out) == []
    assert "North|port reads 中华南方" in out and "中华南方 reads North|port" in out
    assert "The source records no reading of North|port by 中华南方." in out
    assert "Stance: [link=https://evil.example]click me[/link]" in out
    assert "The source's assessment: mirror-image — {onmouseover=" in out
    # The answered entry is a public voice of south: shown apart from its official voices.
    assert "Other voices (not official):" in out


def test_perceptions_show_readings_literally(run: Run, dataset: Dataset, issue: Issue) -> None:
    result = run("perceptions", "--positions", HOSTILE, columns=WIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    readings = [r for p in issue.positions.values() for r in p.readings]
    labels = [p.label for p in dataset.meta.parties]
    assert missing_on_terminal([*labels, *strings(readings, REFERENCES)], out) == []
    assert terminal_problems(out) == []
    assert "of North|port" in out and "of 中华南方" in out
