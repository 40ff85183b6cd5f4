"""Property tests: the loader never fails with anything but GapcliError, and any text in
any field renders literally (up to the documented escaping) in every output.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError
from rich.console import Console

from gapcli.errors import GapcliError
from gapcli.loader import load_dataset
from gapcli.models import Line
from gapcli.render.markdown import briefing
from gapcli.render.terminal import compare_view, list_table
from render_checks import (
    markdown_text,
    md_expected,
    missing_in_markdown,
    missing_on_terminal,
    split_front_matter,
    table_problems,
    terminal_problems,
)

from conftest import DATA, Run

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
BASE = DATA / "broken-number-title"  # the minimal dataset; its one defect is `title: 42`


def base_issue() -> dict[str, Any]:
    data = yaml.safe_load((BASE / "alpha.yaml").read_text(encoding="utf-8"))
    data["title"] = "Alpha"
    assert isinstance(data, dict)
    return data


def base_meta() -> dict[str, Any]:
    data = yaml.safe_load((BASE / "dataset.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write_yaml(path: Path, data: Any) -> None:
    # Escaped, not raw: PyYAML writes U+0085 raw and then reads it back as a line break.
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), encoding="utf-8")


def fresh(tmp_path: Path) -> Path:
    """A clean copy of the minimal valid dataset (hypothesis reuses tmp_path)."""
    folder = tmp_path / "ds"
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

WIDE = 400  # nothing wraps (60 wide characters = 120 cells), so each text can be found whole on the terminal


def claim(text: str, para: int) -> dict[str, Any]:
    return {"text": text, "by": text, "cite": [{"source": "memo", "para": para, "quote": text}]}


def everywhere(text: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset file and an issue with ``text`` in every text field."""
    meta = base_meta()
    meta["title"] = meta["summary"] = text
    for party in meta["parties"]:
        party["name"] = party["label"] = text
    meta["sources"][0].update(title=text, publisher=text)
    meta["facts"] = [
        {
            "id": "f",
            "text": text,
            "figure": text,
            "by": text,
            "cite": [{"source": "memo", "para": 1}],
        }
    ]
    meta["recommendations"] = [
        {"id": "r", "text": text, "by": text, "cite": [{"source": "memo", "para": 1}]}
    ]
    issue = base_issue()
    issue.update(title=text, question=text, summary=text)
    position = {
        "stance": text,
        "claims": [claim(text, 1)],
        "perception": [claim(text, 2)],
        "asks": [claim(text, 3)],
    }
    issue["positions"] = {"north": position, "south": copy.deepcopy(position)}
    issue["gap"] = {"what": text, "why_it_matters": text, "cite": [{"source": "memo", "para": 4}]}
    issue["common_ground"] = [claim(text, 4)]
    issue["bridges"] = [claim(text, 4)]
    return meta, issue


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
        console.print(renderable)
    return buffer.getvalue()


@SETTINGS
@given(text=TEXT)
@example("[bold red]x[/] [/] [link=https://evil.example]y[/link] :smile:")
@example("\x1b[31m\x07\r\x9b\u202e|\n\\*_`<script>alert(1)</script>")
@example("C #")
@example("\n x")
@example("中美禁毒合作" * 8)
@example("😀 emoji outside the BMP")
@example("\u2028 and \u2029 and \ufffe and \x85")
def test_any_text_in_every_field_renders_literally(tmp_path: Path, text: str) -> None:
    """Renderers called directly (fast); tests/test_hostile.py covers the same via the CLI."""
    folder = fresh(tmp_path)
    meta, issue = everywhere(text)
    write_yaml(folder / "dataset.yaml", meta)
    write_yaml(folder / "alpha.yaml", issue)
    dataset = load_dataset(folder)
    assert dataset.issues[0].positions["south"].asks[0].by == text  # YAML itself round-trips

    for out in (
        terminal(list_table(dataset.issues)),
        terminal(compare_view(dataset.issues[0], dataset, quotes=True)),
    ):
        assert missing_on_terminal([text], out) == []
        assert terminal_problems(out) == []

    markdown = briefing(dataset, dataset.issues, "2024-11-29", "0.0.0")
    assert terminal_problems(markdown) == []
    front, body = split_front_matter(markdown)
    assert table_problems(body) == []
    rendered, problems = markdown_text(body)
    assert problems == []
    assert missing_in_markdown([text], rendered) == []
    title, problems = markdown_text(front["title"])
    assert problems == [] and title == md_expected(text)


@settings(SETTINGS, max_examples=50)
@given(text=TEXT)
def test_any_text_in_every_field_survives_json_exactly(tmp_path: Path, run: Run, text: str) -> None:
    pytest.importorskip("gapcli.render.json", reason="the JSON renderer (issue 5) is not in")
    folder = fresh(tmp_path)
    meta, issue = everywhere(text)
    write_yaml(folder / "dataset.yaml", meta)
    write_yaml(folder / "alpha.yaml", issue)
    for args in (["list", "--json"], ["compare", "alpha", "--json"], ["export", "--json"]):
        result = run(*args, "--positions", str(folder))
        assert result.exit_code == 0, result.output
        assert terminal_problems(result.stdout) == []
        document = json.loads(result.stdout)
        assert text in _strings(document)


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return {value} if isinstance(value, str) else set()
