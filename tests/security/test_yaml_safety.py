"""YAML that attacks its loader is refused with one clear message: files over the size limit
before parsing, nesting past the depth limit, tags that would construct objects (never
executed), anchors and aliases (an alias bomb is answered at once).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from gapcli.errors import DataError
from gapcli.loader import MAX_DEPTH, MAX_FILE_BYTES, load_dataset

from helpers import DATA, FOOTER_1, MINIMAL, Run, assert_clean_failure, copy_dataset, errors

# --- size and depth limits ----------------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_parsing(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    alpha = folder / "alpha.yaml"
    body = alpha.read_bytes()
    alpha.write_bytes(body + b"#" * (MAX_FILE_BYTES + 1 - len(body)))
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    assert errors(result) == [
        f"{alpha}: file is 1,048,577 bytes; the limit is 1,048,576",
        FOOTER_1,
    ]


def test_file_exactly_at_the_size_limit_loads(tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    alpha = folder / "alpha.yaml"
    body = alpha.read_bytes()
    alpha.write_bytes(body + b"#" * (MAX_FILE_BYTES - len(body)))
    assert alpha.stat().st_size == MAX_FILE_BYTES
    assert [i.id for i in load_dataset(folder).issues] == ["alpha"]


def test_nesting_past_the_depth_limit_is_refused(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    deep = (
        "".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_DEPTH + 2)) + "  " * (MAX_DEPTH + 2) + "x"
    )
    (folder / "alpha.yaml").write_text("id: alpha\n" + deep.replace("k0:", "title:", 1))
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    assert errors(result) == [
        # The mapping at depth 51 starts at key k51: line 53, column 2 * 51 + 1.
        f"{folder}/alpha.yaml:53:103: nested more than 50 levels deep",
        FOOTER_1,
    ]


def test_thousand_level_flow_nesting_is_refused_by_the_parser(run: Run, tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    (folder / "alpha.yaml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    [problem, footer] = errors(result)
    assert problem.startswith(f"{folder}/alpha.yaml:1:") and "nesting depth" in problem
    assert footer == FOOTER_1


# --- hostile YAML: tags never construct, alias bombs never expand --------------------------


def test_python_tag_is_refused_and_never_executed(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = DATA / "broken-python-tag"
    monkeypatch.chdir(tmp_path)  # the tag's command would create ./gapcli-pwned here
    result = run("list", "--positions", str(source))
    assert_clean_failure(result, 1)
    assert errors(result)[0] == (
        f"{source}/alpha.yaml:5:10: YAML tag !!python/object/apply:os.system is not allowed; "
        "remove it (plain values only)"
    )
    assert list(tmp_path.iterdir()) == []


def test_python_tag_fixture_is_a_real_threat_to_an_unsafe_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sanity check that the test above is not vacuous: yaml.unsafe_load runs the command."""
    text = (DATA / "broken-python-tag" / "alpha.yaml").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load(text)
    assert (tmp_path / "gapcli-pwned").exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/new:os.system ["true"]', "!!python/object/new:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!python/module:os", "!!python/module:os"),
        (
            '!<tag:yaml.org,2002:python/object/apply:os.system> ["true"]',
            "!!python/object/apply:os.system",
        ),
        ("!!binary aGk=", "!!binary"),
        ("!!set {a}", "!!set"),
        ("!custom x", "!custom"),
    ],
)
def test_every_non_core_tag_is_refused(run: Run, tmp_path: Path, value: str, tag: str) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    text = (folder / "alpha.yaml").read_text(encoding="utf-8")
    (folder / "alpha.yaml").write_text(text.replace('title: "Alpha"', f"title: {value}"))
    result = run("validate", "--positions", str(folder))
    assert_clean_failure(result, 1)
    assert errors(result) == [
        f"{folder}/alpha.yaml:2:8: YAML tag {tag} is not allowed; remove it (plain values only)",
        FOOTER_1,
    ]


def test_alias_bomb_is_answered_promptly(tmp_path: Path) -> None:
    # 40 levels of 9 aliases each would expand to 9**40 strings if anything expanded them.
    lines = ["id: alpha", 'l0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 41)]
    folder = copy_dataset(MINIMAL, tmp_path)
    (folder / "alpha.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    assert time.perf_counter() - start < 2.0
    assert caught.value.problems == [
        f"{folder}/alpha.yaml:2:5: anchors and aliases (*name) are not supported; "
        "write the value out"
    ]


def test_an_anchor_without_aliases_is_harmless(tmp_path: Path) -> None:
    folder = copy_dataset(MINIMAL, tmp_path)
    text = (folder / "alpha.yaml").read_text(encoding="utf-8")
    (folder / "alpha.yaml").write_text(text.replace('title: "Alpha"', 'title: &t "Alpha"'))
    assert load_dataset(folder).issues[0].title == "Alpha"
