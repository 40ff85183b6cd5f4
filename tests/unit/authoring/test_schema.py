"""JSON Schema for editors: the shipped schemas are the generated ones, closed and described;
``gapcli schema`` prints and writes them; every shipped YAML file names its schema; editors'
validators (check-jsonschema, jsonschema) accept what gapcli accepts and read the same values.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # a test dependency, via check-jsonschema
import pytest
from check_jsonschema.parsers import yaml as their_yaml  # type: ignore[import-untyped]

from gapcli.authoring.schema import schema, schema_text
from gapcli.domain.choices import SchemaKind
from gapcli.loader import read_yaml

from helpers import REPO, TWO, VALID_DATASETS, Run

POSITIONS = REPO / "positions"
SCHEMA_DIR = POSITIONS / "schema"


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of one dataset folder."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def kind_of(path: Path) -> SchemaKind:
    """Which schema describes this YAML file."""
    return SchemaKind.DATASET if path.name == "dataset.yaml" else SchemaKind.ISSUE


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_shipped_schema_is_the_generated_one(kind: SchemaKind) -> None:
    shipped = (SCHEMA_DIR / kind.file_name).read_text(encoding="utf-8")
    assert shipped == schema_text(kind), (
        "positions/schema is stale: run `gapcli schema --write positions/schema --force`"
    )


def objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every sub-schema describing a JSON object."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from objects(value)


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_schema_is_closed_and_described(kind: SchemaKind) -> None:
    generated = schema(kind)
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert generated["title"].startswith("gapcli ")
    found = list(objects(generated))
    assert len(found) > 3
    for node in found:
        assert node.get("additionalProperties") is False, node.get("title")
    for name, definition in generated["$defs"].items():
        assert definition.get("description"), f"{name} has no description"


def test_schema_command_prints_one_schema(run: Run) -> None:
    result = run("schema", "--kind", "issue")
    assert result.exit_code == 0
    assert result.stdout == schema_text(SchemaKind.ISSUE)
    assert run("schema").stdout == schema_text(SchemaKind.DATASET)


def test_schema_write_creates_then_leaves_identical_files_alone(run: Run, tmp_path: Path) -> None:
    first = run("schema", "--write", str(tmp_path))
    assert first.exit_code == 0
    assert first.stderr.splitlines() == [
        f"{tmp_path / 'dataset.schema.json'}: created",
        f"{tmp_path / 'issue.schema.json'}: created",
    ]
    for kind in SchemaKind:
        assert (tmp_path / kind.file_name).read_text(encoding="utf-8") == schema_text(kind)
    again = run("schema", "--write", str(tmp_path))
    assert again.exit_code == 0
    assert again.stderr.splitlines() == [
        f"{tmp_path / 'dataset.schema.json'}: unchanged",
        f"{tmp_path / 'issue.schema.json'}: unchanged",
    ]


def test_schema_write_replaces_a_different_file_only_with_force(run: Run, tmp_path: Path) -> None:
    stale = tmp_path / "issue.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    refused = run("schema", "--write", str(tmp_path))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"gapcli: error: {stale}: exists with other content; use --force to replace it\n"
    )
    assert stale.read_text(encoding="utf-8") == "{}\n"
    assert not (tmp_path / "dataset.schema.json").exists()  # all or nothing
    forced = run("schema", "--write", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert forced.stderr.splitlines()[1] == f"{stale}: replaced"
    assert stale.read_text(encoding="utf-8") == schema_text(SchemaKind.ISSUE)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dataset.schema.json",
        "issue.schema.json",
    ]


def test_schema_usage_errors(run: Run, tmp_path: Path) -> None:
    missing = run("schema", "--write", str(tmp_path / "nope"))
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"gapcli: error: {tmp_path / 'nope'}: folder does not exist; create it first\n",
    )
    both = run("schema", "--write", str(tmp_path), "--kind", "issue")
    assert both.exit_code == 2
    assert both.stderr == (
        "gapcli: error: --kind chooses the schema to print; --write DIR writes both, drop --kind\n"
    )
    force_alone = run("schema", "--force")
    assert (force_alone.exit_code, force_alone.stderr) == (
        2,
        "gapcli: error: --force only applies with --write DIR\n",
    )
    assert run("schema", "--kind", "nope").exit_code == 2


def test_every_shipped_yaml_file_names_its_schema() -> None:
    files = yaml_files(POSITIONS)
    assert any(p.name == "dataset.yaml" for p in files)
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{kind_of(path).file_name}", (
            path.name
        )
        assert (path.parent / "schema" / kind_of(path).file_name).is_file()


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_check_jsonschema_accepts_every_shipped_and_valid_fixture_file(kind: SchemaKind) -> None:
    folders = [POSITIONS, *VALID_DATASETS]
    files = [str(p) for folder in folders for p in yaml_files(folder) if kind_of(p) is kind]
    assert len(files) >= len(folders) if kind is SchemaKind.DATASET else len(files) > len(folders)
    schemafile = SCHEMA_DIR / kind.file_name
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schemafile), *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "ok -- validation done"


@pytest.mark.parametrize(
    "path",
    [p for folder in [POSITIONS, *VALID_DATASETS] for p in yaml_files(folder)],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_editors_read_the_same_data_as_gapcli(path: Path) -> None:
    """check-jsonschema's YAML loader (ruamel, YAML 1.2) and gapcli's agree on every value.

    They differ on unquoted YAML 1.1 words (``yes``, ``1.5``, ``true``): gapcli keeps them
    as text, editors do not. Quoting such text keeps both in step.
    """
    load = their_yaml.impl2loader(
        their_yaml.construct_yaml_implementation(),
        their_yaml.construct_yaml_implementation(pure=True),
    )
    with path.open("rb") as handle:
        theirs = load(handle)
    ours, _ = read_yaml(path, str(path))
    assert theirs == ours


def test_schema_rejects_what_the_models_reject() -> None:
    validator = jsonschema.Draft202012Validator(schema(SchemaKind.ISSUE))
    good, _ = read_yaml(TWO / "tolls.yaml", "tolls.yaml")
    assert list(validator.iter_errors(good)) == []
    bad_key = {**good, "positons": {}}
    assert [e.validator for e in validator.iter_errors(bad_key)] == ["additionalProperties"]
    upper = {**good, "positions": {"NORTH": next(iter(good["positions"].values()))}}
    assert [e.validator for e in validator.iter_errors(upper)] == ["additionalProperties"]
    boolean = {**good, "title": True}  # what `title: yes` is to a YAML 1.1 editor
    assert [e.validator for e in validator.iter_errors(boolean)] == ["type"]
