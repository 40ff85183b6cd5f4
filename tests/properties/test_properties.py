"""Property tests: the loader never fails with anything but GapcliError, and any text in
any field renders literally (up to the documented escaping) in every output.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from rich.console import Console

from gapcli.document.brief import Options, build
from gapcli.domain.models import Dataset, Line
from gapcli.errors import GapcliError
from gapcli.loader import load_dataset
from gapcli.render.markdown import dossier
from gapcli.render.terminal.explore import (
    facts_table,
    mirror_view,
    perception_table,
    timeline_table,
)
from gapcli.render.terminal.issues import compare_view, list_table
from gapcli.views.explore import perceptions
from gapcli.views.sides import mirror

from helpers import MINIMAL, Run, split_front_matter
from helpers.render_checks import (
    REFERENCES,
    markdown_text,
    md_expected,
    missing_in_markdown,
    missing_on_terminal,
    strings,
    table_problems,
    terminal_problems,
)

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def base_issue() -> dict[str, Any]:
    data = yaml.safe_load((MINIMAL / "alpha.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def base_meta() -> dict[str, Any]:
    data = yaml.safe_load((MINIMAL / "dataset.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write_yaml(path: Path, data: Any) -> None:
    # Escaped, not raw: PyYAML writes U+0085 raw and then reads it back as a line break.
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), encoding="utf-8")


def fresh(tmp_path: Path, name: str = "ds") -> Path:
    """A clean copy of the minimal valid dataset (hypothesis reuses tmp_path)."""
    folder = tmp_path / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    write_yaml(folder / "dataset.yaml", base_meta())
    write_yaml(folder / "alpha.yaml", base_issue())
    return folder


def loads_or_refuses(folder: Path) -> None:
    """Loading succeeds or raises the project's own error: never anything else."""
    try:
        load_dataset(folder)
    except GapcliError as exc:
        assert exc.message.strip()


# --- the loader: any mapping ---------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["NO", "yes", "~", "2024-05-01", "0x1F", "017", "1:30", ".inf", "=", ""])
)
KEYS = st.text(max_size=12) | st.integers() | st.sampled_from(list(base_issue()))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=24,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path inside nested dicts and lists."""
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += paths(item, (*prefix, index))
    return out


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


@SETTINGS
@given(mapping=st.dictionaries(KEYS, VALUES, max_size=8))
def test_any_mapping_as_an_issue_file_loads_or_is_refused(tmp_path: Path, mapping: Any) -> None:
    folder = fresh(tmp_path)
    write_yaml(folder / "alpha.yaml", mapping)
    loads_or_refuses(folder)


@SETTINGS
@given(data=st.data())
def test_any_value_anywhere_in_a_valid_issue_loads_or_is_refused(
    tmp_path: Path, data: st.DataObject
) -> None:
    issue = base_issue()
    path = data.draw(st.sampled_from(paths(issue)), label="path")
    folder = fresh(tmp_path)
    write_yaml(folder / "alpha.yaml", replaced(issue, path, data.draw(VALUES, label="value")))
    loads_or_refuses(folder)


@SETTINGS
@given(data=st.data())
def test_any_value_anywhere_in_the_dataset_file_loads_or_is_refused(
    tmp_path: Path, data: st.DataObject
) -> None:
    meta = base_meta()
    path = data.draw(st.sampled_from(paths(meta)), label="path")
    folder = fresh(tmp_path)
    write_yaml(folder / "dataset.yaml", replaced(meta, path, data.draw(VALUES, label="value")))
    loads_or_refuses(folder)


@SETTINGS
@given(text=st.text(max_size=200))
@example("a: !!int abc")
@example("a: &x [*x]")
@example("[" * 2000)
@example("a:\n\tb: c")
@example("\ufeffid: alpha")
@example("--- a\n--- b")
def test_any_text_as_an_issue_file_loads_or_is_refused(tmp_path: Path, text: str) -> None:
    folder = fresh(tmp_path)
    (folder / "alpha.yaml").write_text(text, encoding="utf-8")
    loads_or_refuses(folder)


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_an_issue_file_load_or_are_refused(tmp_path: Path, raw: bytes) -> None:
    folder = fresh(tmp_path)
    (folder / "alpha.yaml").write_bytes(raw)
    loads_or_refuses(folder)


# --- the renderers: any text in every field -------------------------------------------------

# Nothing wraps: 60 wide characters are 120 cells, and the widest cell ("Reading of <label>:
# <text>" beside three parties, or a reading with its assessment) fits whole at this width.
WIDE = 1000
PARAS = 40  # the memo's paragraphs; every entry cites its own, so its markers are its own

TextOf = Callable[[str], str]  # field name -> the text to put in it


def entry(
    text_of: TextOf, name: str, para: int, voice: str, entry_id: str | None = None
) -> dict[str, Any]:
    """An attributed entry (``entry_id`` None: a stance) with text in every text field."""
    out: dict[str, Any] = {} if entry_id is None else {"id": entry_id}
    out.update(
        text=text_of(f"{name}.text"),
        by=text_of(f"{name}.by"),
        voice=voice,
        cite=[{"source": "memo", "para": para, "quote": text_of(f"{name}.quote")}],
    )
    return out


def everywhere(
    text_of: TextOf, three: bool = False, stanceless: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset file and an issue with ``text_of(field)`` in every text field.

    North has a stance, official and other voices in its claims and asks, and two readings of
    south: one pointing (``about``) at south's claim and assessed by the source, one pointing
    at nothing. South reads north, also assessed. ``three`` adds a third side, east, that
    states a stance and reads no one (readings then all name whom they read, ``of``).
    ``stanceless``: south reports no official position, and east (if any) no position at all.
    """
    meta = base_meta()
    meta["title"], meta["summary"] = text_of("title"), text_of("summary")
    meta["version"] = text_of("version")
    parties = ["north", "south", *(["east"] if three else [])]
    meta["parties"] = [
        {"id": p, "name": text_of(f"{p}.name"), "label": text_of(f"{p}.label")} for p in parties
    ]
    meta["sources"] = [
        {
            "id": "memo",
            "title": text_of("source.title"),
            "publisher": text_of("source.publisher"),
            "url": text_of("source.url"),
            "paragraphs": PARAS,
        }
    ]
    cite = [{"source": "memo", "para": 1, "quote": text_of("dialogue.quote")}]
    meta["dialogue"] = {
        key: text_of(f"dialogue.{key}") for key in ("name", "convener", "sponsor", "place", "rule")
    } | {"cite": cite}
    meta["facts"] = [
        {"id": "f", "figure": text_of("fact.figure"), **entry(text_of, "fact", 2, "analysis")}
    ]
    meta["timeline"] = [
        {
            "id": "e",
            "date": "2024-05",
            "text": text_of("event.text"),
            "by": text_of("event.by"),
            "cite": [{"source": "memo", "para": 3}],
        }
    ]
    meta["recommendations"] = [{"id": "r", **entry(text_of, "rec", 4, "expert")}]

    def reading(name: str, para: int, voice: str, of: str, about: list[str]) -> dict[str, Any]:
        out = entry(text_of, name, para, voice, name)
        if three or of == "north":  # with two parties `of` is optional: both forms occur
            out["of"] = of
        if about:
            out["about"] = about
        return out

    assessed = reading("n-reads", 9, "official", "south", ["s-claim"])
    assessed["assessment"] = {
        "verdict": "exaggerated",
        **entry(text_of, "n-reads.assessment", 10, "analysis"),
    }
    south_reads = reading("s-reads", 21, "public", "north", ["n-claim", "n-ask"])
    south_reads["assessment"] = {
        "verdict": "mirror-image",
        "by": text_of("s-reads.assessment.by"),
        "voice": "analysis",
        "cite": [{"source": "memo", "para": 22}],
    }
    north = {
        "stance": entry(text_of, "n-stance", 5, "government"),
        "claims": [
            entry(text_of, "n-claim", 6, "government", "n-claim"),
            entry(text_of, "n-expert", 7, "expert", "n-expert"),
        ],
        "readings": [assessed, reading("n-guess", 11, "participant", "south", [])],
        "asks": [
            entry(text_of, "n-ask", 12, "legislature", "n-ask"),
            entry(text_of, "n-media", 13, "media", "n-media"),
        ],
    }
    south: dict[str, Any] = {
        "stance": entry(text_of, "s-stance", 20, "official"),
        "claims": [entry(text_of, "s-claim", 23, "official", "s-claim")],
        "readings": [south_reads],
    }
    positions = {"north": north, "south": south}
    if stanceless:
        del south["stance"]
    elif three:
        positions["east"] = {"stance": entry(text_of, "e-stance", 24, "government")}
    issue = base_issue()
    issue.update(
        title=text_of("issue.title"),
        question=text_of("issue.question"),
        summary=text_of("issue.summary"),
        positions=positions,
        analysis=[entry(text_of, "analysis", 30, "analysis", "analysis")],
        gap={
            "what": text_of("gap.what"),
            "why_it_matters": text_of("gap.why_it_matters"),
            "cite": [{"source": "memo", "para": 31}],
        },
        common_ground=[entry(text_of, "common", 32, "government", "common")],
        bridges=[entry(text_of, "bridge", 33, "analysis", "bridge")],
    )
    return meta, issue


def write(folder: Path, text_of: TextOf, three: bool = False, stanceless: bool = False) -> Dataset:
    meta, issue = everywhere(text_of, three, stanceless)
    write_yaml(folder / "dataset.yaml", meta)
    write_yaml(folder / "alpha.yaml", issue)
    return load_dataset(folder)


_LINE = TypeAdapter(Line)


def _not_blank(text: str) -> bool:
    """What the models accept as text: at least one visible character (blank is refused)."""
    try:
        _LINE.validate_python(text)
    except ValidationError:
        return False
    return True


TEXT = st.text(min_size=1, max_size=60).filter(_not_blank)


def terminal(*renderables: Any) -> str:
    """What the CLI's console prints (no colour, no markup, no emoji), at a fixed width."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=WIDE, color_system=None, emoji=False, markup=False, highlight=False
    )
    for renderable in renderables:
        # A view drawn piece by piece (search, mirror) is printed a piece at a time, as emit does.
        for part in renderable if isinstance(renderable, Iterator) else [renderable]:
            console.print(part, crop=False)
    return buffer.getvalue()


def views(dataset: Dataset, compare: bool = True) -> dict[str, str]:
    """Every terminal view of the one issue, by name, as the console prints it."""
    issue = dataset.issues[0]
    pairs = mirror(issue, dataset)
    out = {
        "list": terminal(list_table(dataset.issues)),
        "mirror": terminal(mirror_view(pairs, dataset)),
        "mirror, all issues": terminal(mirror_view(pairs, dataset, every_pair=False)),
        "perceptions": terminal(perception_table(perceptions(dataset), dataset)),
        "timeline": terminal(timeline_table(dataset.meta.timeline, dataset)),
        "facts": terminal(facts_table(dataset.meta.facts, dataset)),
    }
    if compare:
        out["compare"] = terminal(compare_view(issue, dataset, quotes=True))
    return out


def composed(text: str, three: bool, stanceless: bool) -> dict[str, list[str]]:
    """What each terminal view shows of the text, around its own words (every field holds
    ``text``; the markers are the entries' own paragraphs)."""
    assessment = [
        f"The source's assessment: exaggerated — {text}",
        f"— {text} · analysis ¶10",
        f"— {text} · analysis ¶22",  # an assessment with no text of its own
    ]
    reads = f"{text} reads {text}"
    missing = f"The source reports no official position of {text} on this."
    mirror_lines = [reads, f"{text}'s reading of {text}", f"{text}'s own account"]
    mirror_lines += [f"— {text} · public ¶21", *assessment]
    if three or not stanceless:  # a reading that points at nothing, beside a stance
        mirror_lines += ["Stance: " + text]
    if three:
        mirror_lines += [f"The source records no reading of {text} by {text}."]
    if stanceless:
        mirror_lines += [missing]  # north's reading of south that points at nothing
    return {
        "list": [text],
        "compare": compare_composed(text, three, stanceless),
        "mirror": mirror_lines,
        "mirror, all issues": [reads, *assessment],
        "perceptions": [f"of {text}", f"— {text} · participant ¶11", *assessment],
        "timeline": [f"{text} — {text}"],
        "facts": [],  # the figure column is 18 cells wide: checked for controls only
    }


LABELS = {"north.label": "North", "south.label": "South", "east.label": "East"}


def plain_labels(text: str) -> TextOf:
    """``text`` in every field but the sides' labels (see ``compare_composed``)."""
    return lambda name: LABELS.get(name, text)


def compare_composed(text: str, three: bool, stanceless: bool) -> list[str]:
    """What ``compare`` shows of the text, around its own words, for a dataset written with
    ``plain_labels(text)``: a label stands in compare's column headers and row labels, where
    any text would wrap the table; labels with hostile text are checked on their own below
    (``test_compare_names_a_side_without_a_stance_literally`` and
    ``test_compare_labels_readings_with_the_read_side_literally``), everything else is
    ``text``."""
    compare = [
        f"— {text} · government ¶5",  # north's stance
        f"— {text} · expert ¶7",
        f"— {text} · participant ¶11",
        f"— {text} · media ¶13",
        f"— {text} · official ¶23",
        f"The source's assessment: exaggerated — {text}",
        f"— {text} · analysis ¶10",
        f"— {text} · analysis ¶22",
        f"Claim: {text}",  # north's expert claim, under other voices
        f"Ask: {text}",
        f"Reading of South: {text}",  # north's participant reading, under other voices
        f"Reading of North: {text}",
        f"— {text} · analysis ¶30",  # the source's analysis
        f"— {text} · government ¶32",
        f"— {text} · analysis ¶33",
        f"Sides: North = {text}; South = {text}",
        "North",
        "South",
    ]
    if three:
        compare += ["Reads", "others", f"; East = {text}"]  # "Reads the others", 9 wide
    if stanceless:
        compare += ["The source reports no official position of South on this."]
        if three:
            compare += ["The source reports no official position of East on this."]
    else:
        compare += [f"— {text} · official ¶20"]  # south's stance
    return compare


def check_markdown(dataset: Dataset, texts: list[str]) -> None:
    """The briefing: no raw controls, well-formed tables, no raw HTML, ``texts`` read back."""
    brief = build(dataset, dataset.issues, "2024-11-29", Options())
    markdown = dossier(dataset, dataset.issues, brief)
    assert terminal_problems(markdown) == []
    front, body = split_front_matter(markdown)
    assert table_problems(body) == []
    rendered, problems = markdown_text(body)
    assert problems == []
    assert missing_in_markdown(texts, rendered) == []
    title, problems = markdown_text(front["title"])
    assert problems == [] and title == md_expected(dataset.meta.title)


def markdown_composed(text: str, stanceless: bool) -> list[str]:
    """What the briefing shows of the text around its own words, before Markdown escaping."""
    out = [text, f"{text} · government", f"{text} · analysis", f"{text} · expert"]
    # The assessment's own text is escaped apart from its lead (checked as ``text`` above).
    out.append("The source's assessment: exaggerated —")
    missing = f"The source reports no official position of {text} on this."
    return [*out, missing if stanceless else f"{text} · official"]


@SETTINGS
@given(text=TEXT, three=st.booleans())
@example("[bold red]x[/] [/] [link=https://evil.example]y[/link] :smile:", False)
@example("\x1b[31m\x07\r\x9b\u202e|\n\\*_`<script>alert(1)</script>", True)
@example("C #", False)
@example("\n x", True)
@example("中美禁毒合作" * 10, True)
@example("😀 emoji outside the BMP", False)
@example("\u2028 and \u2029 and \ufffe and \x85", True)
def test_any_text_in_every_field_renders_literally(tmp_path: Path, text: str, three: bool) -> None:
    """Renderers called directly (fast); tests/test_hostile.py covers the same via the CLI."""
    dataset = write(fresh(tmp_path), lambda _: text, three)
    reading = dataset.issues[0].positions["north"].readings[0]
    assert reading.assessment is not None and reading.assessment.by == text  # YAML round-trips
    expected = composed(text, three, stanceless=False)
    shown = views(dataset, compare=False)
    labelled = write(fresh(tmp_path, "plain-labels"), plain_labels(text), three)
    shown["compare"] = terminal(compare_view(labelled.issues[0], labelled, quotes=True))
    for name, out in shown.items():
        assert missing_on_terminal(expected[name], out) == [], name
        assert terminal_problems(out) == [], name
    check_markdown(dataset, markdown_composed(text, stanceless=False))


@settings(SETTINGS, max_examples=50)
@given(text=TEXT, three=st.booleans())
@example("\x1b[31m\x07\r\x9b\u202e|\n\\*_`<script>alert(1)</script>", True)
def test_a_side_without_a_stance_renders_literally(tmp_path: Path, text: str, three: bool) -> None:
    """Where the source reports no official position, every view says so, naming the side
    literally (compare: with plain labels, see ``compare_composed``)."""
    dataset = write(fresh(tmp_path), lambda _: text, three, stanceless=True)
    assert dataset.issues[0].positions["south"].stance is None
    expected = composed(text, three, stanceless=True)
    shown = views(dataset, compare=False)
    labelled = write(fresh(tmp_path, "plain-labels"), plain_labels(text), three, stanceless=True)
    shown["compare"] = terminal(compare_view(labelled.issues[0], labelled, quotes=True))
    for name, out in shown.items():
        assert missing_on_terminal(expected[name], out) == [], name
        assert terminal_problems(out) == [], name
    check_markdown(dataset, markdown_composed(text, stanceless=True))


def test_compare_names_a_side_without_a_stance_literally(tmp_path: Path) -> None:
    text = "South\x1b[31m\x07\u202e"
    dataset = write(fresh(tmp_path), lambda _: text, stanceless=True)
    out = terminal(compare_view(dataset.issues[0], dataset))
    assert terminal_problems(out) == []
    missing = f"The source reports no official position of {text} on this."
    assert missing_on_terminal([missing], out) == []


@pytest.mark.parametrize("where", ["terminal", "markdown"])
def test_the_source_kind_in_the_analysis_heading_renders_literally(
    tmp_path: Path, where: str
) -> None:
    folder = fresh(tmp_path)
    meta, issue = everywhere(lambda name: name)
    meta["sources"][0]["kind"] = kind = "<script>x</script> \x1b[2J"
    write_yaml(folder / "dataset.yaml", meta)
    write_yaml(folder / "alpha.yaml", issue)
    dataset = load_dataset(folder)
    if where == "terminal":
        out = terminal(compare_view(dataset.issues[0], dataset))
        assert terminal_problems(out) == []
        assert missing_on_terminal([f"The {kind}'s analysis"], out) == []
    else:
        check_markdown(dataset, [f"The {kind}'s analysis"])


@pytest.mark.parametrize("odd", ["\u2028", "\t"], ids=["line-separator", "tab"])
def test_perceptions_show_a_label_with_a_line_separator_or_tab_whole(
    tmp_path: Path, odd: str
) -> None:
    text = f"North{odd}port and its neighbours"
    dataset = write(fresh(tmp_path), lambda _: text)
    out = views(dataset)["perceptions"]
    assert "…" not in out
    assert missing_on_terminal(composed(text, False, False)["perceptions"], out) == []


@pytest.mark.parametrize("three", [False, True], ids=["two-parties", "three-parties"])
def test_compare_labels_readings_with_the_read_side_literally(tmp_path: Path, three: bool) -> None:
    text = "East\x1b[31m\x85"
    dataset = write(fresh(tmp_path), lambda _: text, three)
    out = terminal(compare_view(dataset.issues[0], dataset))
    assert "\x1b" not in out and terminal_problems(out) == []
    assert missing_on_terminal([f"Reading of {text}: {text}"], out) == []


def test_compare_quotes_show_the_assessment_quote(tmp_path: Path) -> None:
    dataset = write(fresh(tmp_path), marked)
    out = terminal(compare_view(dataset.issues[0], dataset, quotes=True))
    assert marked("n-reads.assessment.quote") in out


# --- every text field reaches the views meant to show it -------------------------------------


def marked(name: str) -> str:
    """A distinct text per field, so each field can be found on its own."""
    return f"«{name}»"


def fields(value: Any, skip: frozenset[str] = REFERENCES) -> set[str]:
    return {s for s in strings(value, skip) if s.startswith("«")}


@pytest.mark.parametrize("three", [False, True], ids=["two-parties", "three-parties"])
def test_every_text_field_reaches_every_view_meant_to_show_it(tmp_path: Path, three: bool) -> None:
    dataset = write(fresh(tmp_path), marked, three)
    meta, issue = dataset.meta, dataset.issues[0]
    labels = {p.label for p in meta.parties}
    unquoted = REFERENCES | {"quote"}  # mirror and perceptions leave quotes to compare
    north, south = issue.positions["north"], issue.positions["south"]
    readings = [*north.readings, *south.readings]
    answered = [
        e for r in readings for e in north.entries() + south.entries() if e[1].id in r.about
    ]
    # The read side's stance stands beside a reading that points at nothing (north's second
    # reading of south) and, with three sides, beside every pair that has no reading.
    stances = [p.stance for p in issue.positions.values() if p.stance]
    if not three:
        stances = [s for s in stances if s is south.stance]
    expected = {
        "list": {issue.title, issue.summary},
        "compare": fields(issue)
        | labels
        | {p.name for p in meta.parties}
        | {s for src in meta.sources for s in (src.title, src.publisher)},
        "mirror": {issue.title}
        | labels
        | fields(readings, unquoted)
        | fields([e for _, e in answered], unquoted)
        | fields(stances, unquoted),
        "perceptions": labels | fields(readings, unquoted),
        "timeline": fields(meta.timeline),
        "facts": fields(meta.facts),
    }
    shown = views(dataset)
    for name, texts in expected.items():
        assert missing_on_terminal(sorted(texts), shown[name]) == [], name
    # The briefing shows everything but the party names, the source's url and the dataset's
    # version (front matter and Citations name the source by title and publisher).
    hidden = {p.name for p in meta.parties} | {marked("source.url"), marked("version")}
    every = fields(meta, REFERENCES | {"parties"}) | labels | fields(issue)
    check_markdown(dataset, sorted(every - hidden))


# --- JSON ---------------------------------------------------------------------------------


def json_documents(run: Run, folder: Path) -> dict[str, Any]:
    out = {}
    for args in (
        ["list", "--json"],
        ["compare", "alpha", "--json"],
        ["export", "--json"],
        ["mirror", "--json"],
        ["mirror", "alpha", "--json"],
        ["perceptions", "--json"],
        ["timeline", "--json"],
        ["facts", "--json"],
    ):
        result = run(*args, "--positions", str(folder))
        assert result.exit_code == 0, result.output
        assert terminal_problems(result.stdout) == []
        out[" ".join(args)] = json.loads(result.stdout)
    return out


@settings(SETTINGS, max_examples=50)
@given(text=TEXT, three=st.booleans(), stanceless=st.booleans())
def test_any_text_in_every_field_survives_json_exactly(
    tmp_path: Path, run: Run, text: str, three: bool, stanceless: bool
) -> None:
    folder = fresh(tmp_path)
    write(folder, lambda _: text, three, stanceless)
    for name, document in json_documents(run, folder).items():
        assert _strings(document) >= {text}, name


def test_json_carries_every_text_field(tmp_path: Path, run: Run) -> None:
    folder = fresh(tmp_path)
    dataset = write(folder, marked, three=True)
    meta, issue = dataset.meta, dataset.issues[0]
    readings = [r for p in issue.positions.values() for r in p.readings]
    documents = json_documents(run, folder)
    every = fields(meta, frozenset()) | fields(issue, frozenset())
    assert _strings(documents["export --json"]) >= every
    assert _strings(documents["compare alpha --json"]) >= fields(issue, frozenset())
    for name in ("mirror --json", "mirror alpha --json", "perceptions --json"):
        assert _strings(documents[name]) >= fields(readings, frozenset()), name
    assert _strings(documents["timeline --json"]) >= fields(meta.timeline, frozenset())
    assert _strings(documents["facts --json"]) >= fields(meta.facts, frozenset())
    # The mirror carries what each reading answers and the read side's stance.
    north, south = issue.positions["north"], issue.positions["south"]
    assert _strings(documents["mirror alpha --json"]) >= fields([south.claims, north.stance])


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return {value} if isinstance(value, str) else set()


# --- the brief, in every format --------------------------------------------------------------


def brief_outputs(dataset: Dataset) -> dict[str, str]:
    """The brief (with quotes and a header from the options) as each format shows its text."""
    import re

    from docx import Document

    from gapcli.document.brief import Options, build
    from gapcli.document.dossier import build as build_dossier
    from gapcli.render.brief_markdown import brief_markdown
    from gapcli.render.docx import brief_docx, dossier_docx
    from gapcli.render.html import brief_html, dossier_html
    from gapcli.render.terminal.brief import brief_view

    from helpers.formats import parse

    brief = build(dataset, dataset.issues, "2024-11-29", Options(quotes=True))
    whole = build_dossier(dataset, dataset.issues, brief)
    markdown = brief_markdown(brief)
    assert terminal_problems(markdown) == []
    _, body = split_front_matter(markdown)
    rendered, problems = markdown_text(body)
    assert problems == []
    doc = Document(io.BytesIO(brief_docx(brief)))
    word = [p.text for p in doc.paragraphs]
    word += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    doc = Document(io.BytesIO(dossier_docx(whole)))
    dossier_word = [p.text for p in doc.paragraphs]
    dossier_word += [c.text for t in doc.tables for row in t.rows for c in row.cells]

    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", text)

    return {
        "markdown": rendered,
        "terminal": terminal(brief_view(brief)),
        "html": flat("".join(parse(brief_html(brief)).text)),
        "word": flat(" ".join(word)),
        "dossier html": flat("".join(parse(dossier_html(whole)).text)),
        "dossier word": flat(" ".join(dossier_word)),
    }


@settings(SETTINGS, max_examples=40)
@given(text=TEXT, three=st.booleans(), stanceless=st.booleans())
@example(text="0\r\n", three=False, stanceless=False)  # CRLF: one line break in files
def test_any_text_in_every_field_shows_literally_in_every_format_of_brief_and_dossier(
    tmp_path: Path, text: str, three: bool, stanceless: bool
) -> None:
    import re

    from gapcli.domain.text import visible
    from gapcli.render.docx import plain

    dataset = write(fresh(tmp_path), lambda _: text, three, stanceless)
    out = brief_outputs(dataset)
    assert missing_in_markdown([text], out["markdown"]) == []
    assert missing_on_terminal([text], out["terminal"]) == []
    assert terminal_problems(out["terminal"]) == []
    # Files read CRLF as one line break (a lone CR stays a visible escape), as Markdown does.
    shown = re.sub(r"\s+", " ", visible(text.replace("\r\n", "\n"))).strip()
    assert shown in out["html"] and shown in out["dossier html"]
    assert re.sub(r"\s+", " ", plain(text)).strip() in out["word"]
    assert re.sub(r"\s+", " ", plain(text)).strip() in out["dossier word"]
    assert terminal_problems(out["html"] + out["word"]) == []
    assert terminal_problems(out["dossier html"] + out["dossier word"]) == []


def test_every_field_the_brief_shows_reaches_every_format(tmp_path: Path) -> None:
    from gapcli.document.brief import Options, build, sentences

    dataset = write(fresh(tmp_path), marked, three=True)
    brief = build(dataset, dataset.issues, "2024-11-29", Options(quotes=True))
    values = {s.text for sentence in sentences(brief) for s in sentence if s.where is not None}
    values |= {dataset.meta.title, *(q for _, qs in brief.quotes for q in qs)}
    values = {v for v in values if v.startswith("«")}
    assert len(values) > 20
    for name, out in brief_outputs(dataset).items():
        assert [v for v in sorted(values) if v not in out] == [], name
