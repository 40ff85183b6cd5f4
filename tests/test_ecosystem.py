"""gapcli fits its ecosystem: colour and pipes, help, JSON Schema for editors, pre-commit,
Markdown that travels (GFM, pandoc), screenshots, packaging metadata."""

from __future__ import annotations

import html.parser
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner, Result

from gapcli.cli import app
from gapcli.errors import DataError
from gapcli.loader import load_dataset, read_yaml
from gapcli.models import Issue
from gapcli.render.markdown import md
from gapcli.schema import SchemaKind, schema, schema_text

from conftest import DATA, REPO

TWO = str(DATA / "two-party")
ESC = "\x1b"
POSITIONS = REPO / "positions"
SCHEMA_DIR = POSITIONS / "schema"
BIN = Path(sys.executable).parent


def valid_fixture_sets() -> list[Path]:
    """Fixture datasets under tests/data that load cleanly (the broken ones are skipped)."""
    valid = []
    for folder in sorted(p for p in DATA.iterdir() if (p / "dataset.yaml").is_file()):
        try:
            load_dataset(folder)
        except DataError:
            continue
        valid.append(folder)
    return valid


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files of one dataset folder."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def kind_of(path: Path) -> SchemaKind:
    """Which schema describes this YAML file."""
    return SchemaKind.DATASET if path.name == "dataset.yaml" else SchemaKind.ISSUE


# --- Colour and pipes ---------------------------------------------------------------------


def invoke(*args: str, **env: str) -> Result:
    """CliRunner (output is not a terminal) with exactly these colour variables."""
    return CliRunner().invoke(
        app, list(args), env={"COLUMNS": "100", **env}, catch_exceptions=False
    )


def test_piped_output_has_no_colour() -> None:
    result = invoke("compare", "tolls", "-p", TWO)
    assert result.exit_code == 0
    assert ESC not in result.stdout


def test_force_color_colours_piped_output() -> None:
    result = invoke("compare", "tolls", "-p", TWO, FORCE_COLOR="1")
    assert result.exit_code == 0
    assert "\x1b[1m" in result.stdout  # bold
    assert "\x1b[2m" in result.stdout  # dim


def test_force_color_empty_is_ignored() -> None:
    assert ESC not in invoke("list", "-p", TWO, FORCE_COLOR="").stdout


def test_no_color_beats_force_color_and_drops_bold_too() -> None:
    plain = invoke("compare", "tolls", "-p", TWO).stdout
    result = invoke("compare", "tolls", "-p", TWO, FORCE_COLOR="1", NO_COLOR="1")
    assert ESC not in result.stdout  # Rich's own NO_COLOR would keep bold and dim
    assert result.stdout == plain


def test_no_color_option_equals_no_color_variable() -> None:
    option = invoke("--no-color", "compare", "tolls", "-p", TWO, FORCE_COLOR="1")
    variable = invoke("compare", "tolls", "-p", TWO, FORCE_COLOR="1", NO_COLOR="1")
    assert option.exit_code == variable.exit_code == 0
    assert ESC not in option.stdout
    assert option.stdout == variable.stdout


def test_empty_no_color_is_ignored() -> None:
    assert ESC in invoke("list", "-p", TWO, FORCE_COLOR="1", NO_COLOR="").stdout


def test_force_color_wins_over_term_dumb() -> None:
    assert ESC in invoke("list", "-p", TWO, FORCE_COLOR="1", TERM="dumb").stdout


def test_errors_and_usage_stay_plain_when_colour_is_forced() -> None:
    unknown = invoke("compare", "tols", "-p", TWO, FORCE_COLOR="1")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("gapcli: error: ")
    bad_option = invoke("list", "--bogus", FORCE_COLOR="1")
    assert bad_option.exit_code == 2
    assert ESC not in unknown.stderr + bad_option.stderr
    assert "No such option: --bogus" in bad_option.stderr


def on_terminal(*args: str, **env: str) -> str:
    """Run ``python -m gapcli ARGS`` with stdout on a pseudo-terminal; what it printed."""
    import pty  # POSIX only

    master, slave = pty.openpty()
    full_env = {"PATH": os.environ.get("PATH", ""), "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gapcli", *args],
        stdout=slave,
        stderr=subprocess.PIPE,
        env={**full_env, **env},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@needs_pty
def test_terminal_gets_colour_unless_told_otherwise() -> None:
    coloured = on_terminal("list", "-p", TWO, TERM="xterm-256color")
    assert ESC in coloured
    plain = invoke("list", "-p", TWO).stdout
    assert on_terminal("list", "-p", TWO, TERM="xterm-256color", NO_COLOR="1") == plain
    assert on_terminal("--no-color", "list", "-p", TWO, TERM="xterm-256color") == plain
    # Rich sizes a dumb terminal at 80 columns whatever COLUMNS says (unless LINES is set too).
    dumb = on_terminal("list", "-p", TWO, TERM="dumb", COLUMNS="80")
    assert dumb == invoke("list", "-p", TWO, COLUMNS="80").stdout


# --- Help ---------------------------------------------------------------------------------


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every visible command and sub-command, as (path, command), whoever registered it.

    Duck-typed: Typer 0.29 ships its own copy of Click, so ``click.Group`` would not match.
    """
    root = typer.main.get_command(app)

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        if path:
            yield path, command
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from walk(sub, [*path, name])

    yield from walk(root, [])


def options(command: Any) -> list[Any]:
    """A command's options, without --help."""
    return [p for p in command.params if p.param_type_name == "option" and p.name != "help"]


COMMANDS = list(commands())


def squash(text: str) -> str:
    """Text with all runs of white space as one space (help is re-wrapped)."""
    return " ".join(text.split())


def test_the_core_commands_are_registered() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"list", "compare", "export", "validate", "schema"} <= names


def examples(help_text: str) -> list[str]:
    """The example command lines of a help text.

    Either ``Example: gapcli ...`` on one line, or an ``Examples:`` paragraph (kept from
    re-wrapping by Click's ``\\b`` marker) with one command per line.
    """
    match = re.search(r"^\s*Examples?:(.*?)(?:\n\s*\n|\Z)", help_text, flags=re.M | re.S)
    if match is None:
        return []
    return [part.strip() for part in re.split(r"[;\n]", match.group(1)) if part.strip()]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path: list[str], command: Any) -> None:
    text = command.help or ""
    assert text.strip(), f"gapcli {' '.join(path)} has no help text"
    found = examples(text)
    assert found, "help needs an 'Example: gapcli ...' line"
    for example in found:
        assert example.startswith(f"gapcli {' '.join(path)}"), example
    for param in options(command):
        assert param.help, f"option {param.opts} has no help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_renders_literally_and_without_colour(path: list[str], command: Any) -> None:
    result = invoke(*path, "--help", FORCE_COLOR="1")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: gapcli {' '.join(path)} [OPTIONS]")
    assert ESC not in result.stdout
    # Brackets, backticks and asterisks in help are text: nothing is eaten as markup.
    docstring = (command.help or "").split("\f")[0].replace("\b", "")
    assert squash(docstring) in squash(result.stdout)
    for param in options(command):
        assert squash(param.help) in squash(result.stdout)
    # Each example survives on one line, so it can be copied and run.
    lines = result.stdout.splitlines()
    for example in examples(command.help or ""):
        assert any(example in line for line in lines), f"{example!r} is wrapped; see README"


def test_help_markup_is_off() -> None:
    assert app.rich_markup_mode is None


def test_no_arguments_shows_help_on_stderr_and_exits_2() -> None:
    bare = invoke()
    helped = invoke("--help")
    assert (bare.exit_code, helped.exit_code) == (2, 0)
    assert bare.stdout == ""
    assert bare.stderr == helped.stdout
    assert helped.stdout.startswith("Usage: gapcli [OPTIONS] COMMAND [ARGS]...")


# --- JSON Schema for editors ---------------------------------------------------------------


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


def test_schema_command_prints_one_schema() -> None:
    result = invoke("schema", "--kind", "issue")
    assert result.exit_code == 0
    assert result.stdout == schema_text(SchemaKind.ISSUE)
    assert invoke("schema").stdout == schema_text(SchemaKind.DATASET)


def test_schema_write_creates_then_leaves_identical_files_alone(tmp_path: Path) -> None:
    first = invoke("schema", "--write", str(tmp_path))
    assert first.exit_code == 0
    assert first.stderr.splitlines() == [
        f"{tmp_path / 'dataset.schema.json'}: created",
        f"{tmp_path / 'issue.schema.json'}: created",
    ]
    for kind in SchemaKind:
        assert (tmp_path / kind.file_name).read_text(encoding="utf-8") == schema_text(kind)
    again = invoke("schema", "--write", str(tmp_path))
    assert again.exit_code == 0
    assert again.stderr.splitlines() == [
        f"{tmp_path / 'dataset.schema.json'}: unchanged",
        f"{tmp_path / 'issue.schema.json'}: unchanged",
    ]


def test_schema_write_replaces_a_different_file_only_with_force(tmp_path: Path) -> None:
    stale = tmp_path / "issue.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    refused = invoke("schema", "--write", str(tmp_path))
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"gapcli: error: {stale}: exists with other content; use --force to replace it\n"
    )
    assert stale.read_text(encoding="utf-8") == "{}\n"
    assert not (tmp_path / "dataset.schema.json").exists()  # all or nothing
    forced = invoke("schema", "--write", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert forced.stderr.splitlines()[1] == f"{stale}: replaced"
    assert stale.read_text(encoding="utf-8") == schema_text(SchemaKind.ISSUE)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dataset.schema.json",
        "issue.schema.json",
    ]


def test_schema_usage_errors(tmp_path: Path) -> None:
    missing = invoke("schema", "--write", str(tmp_path / "nope"))
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"gapcli: error: {tmp_path / 'nope'}: folder does not exist; create it first\n",
    )
    both = invoke("schema", "--write", str(tmp_path), "--kind", "issue")
    assert both.exit_code == 2
    assert both.stderr == (
        "gapcli: error: --kind chooses the schema to print; --write DIR writes both, drop --kind\n"
    )
    force_alone = invoke("schema", "--force")
    assert (force_alone.exit_code, force_alone.stderr) == (
        2,
        "gapcli: error: --force only applies with --write DIR\n",
    )
    assert invoke("schema", "--kind", "nope").exit_code == 2


def test_every_shipped_yaml_file_names_its_schema() -> None:
    files = yaml_files(POSITIONS)
    assert any(p.name == "dataset.yaml" for p in files)
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{kind_of(path).file_name}", (
            path.name
        )
        assert (path.parent / "schema" / kind_of(path).file_name).is_file()


def check_jsonschema() -> list[str]:
    """The check-jsonschema command, or skip."""
    found = shutil.which("check-jsonschema") or (
        str(BIN / "check-jsonschema") if (BIN / "check-jsonschema").exists() else None
    )
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install '.[test]')")
    return [found]


@pytest.mark.parametrize("kind", list(SchemaKind))
def test_check_jsonschema_accepts_every_shipped_and_valid_fixture_file(kind: SchemaKind) -> None:
    folders = [POSITIONS, *valid_fixture_sets()]
    files = [str(p) for folder in folders for p in yaml_files(folder) if kind_of(p) is kind]
    assert len(files) >= len(folders) if kind is SchemaKind.DATASET else len(files) > len(folders)
    schemafile = SCHEMA_DIR / kind.file_name
    done = subprocess.run(
        [*check_jsonschema(), "--schemafile", str(schemafile), *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "ok -- validation done"


@pytest.mark.parametrize(
    "path",
    [p for folder in [POSITIONS, *valid_fixture_sets()] for p in yaml_files(folder)],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_editors_read_the_same_data_as_gapcli(path: Path) -> None:
    """check-jsonschema's YAML loader (ruamel, YAML 1.2) and gapcli's agree on every value.

    They differ on unquoted YAML 1.1 words (``yes``, ``1.5``, ``true``): gapcli keeps them
    as text, editors do not. Quoting such text keeps both in step.
    """
    parsers = pytest.importorskip("check_jsonschema.parsers.yaml")
    load = parsers.impl2loader(
        parsers.construct_yaml_implementation(), parsers.construct_yaml_implementation(pure=True)
    )
    with path.open("rb") as handle:
        theirs = load(handle)
    ours, _ = read_yaml(path, str(path))
    assert theirs == ours


def test_schema_rejects_what_the_models_reject() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema(SchemaKind.ISSUE))
    good, _ = read_yaml(DATA / "two-party" / "tolls.yaml", "tolls.yaml")
    assert list(validator.iter_errors(good)) == []
    bad_key = {**good, "positons": {}}
    assert [e.validator for e in validator.iter_errors(bad_key)] == ["additionalProperties"]
    upper = {**good, "positions": {"NORTH": next(iter(good["positions"].values()))}}
    assert [e.validator for e in validator.iter_errors(upper)] == ["additionalProperties"]
    boolean = {**good, "title": True}  # what `title: yes` is to a YAML 1.1 editor
    assert [e.validator for e in validator.iter_errors(boolean)] == ["type"]


# --- pre-commit ----------------------------------------------------------------------------

HOOK_KEYS = {
    "id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
    "always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
    "language_version", "minimum_pre_commit_version", "args", "stages", "additional_dependencies",
}  # fmt: skip


def hook() -> dict[str, Any]:
    """The gapcli-validate hook as pre-commit reads it."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h.get("id") == "gapcli-validate"]
    assert isinstance(found, dict)
    return found


def test_pre_commit_hook_shape() -> None:
    found = hook()
    assert set(found) <= HOOK_KEYS
    assert found["language"] == "python"
    assert found["entry"] == "gapcli validate"
    assert found["pass_filenames"] is False
    assert found["args"] == ["--positions", "positions"]
    files = re.compile(found["files"])
    for name in ("positions/china-role.yaml", "data/dataset.yml", "positions/dataset.yaml"):
        assert files.search(name), name
    for name in ("README.md", "positions/notes.txt", "yaml/readme.md"):
        assert not files.search(name), name


def run_hook(cwd: Path) -> subprocess.CompletedProcess[str]:
    """The hook's command line, as pre-commit runs it from the repository root."""
    found = hook()
    command = shlex.split(found["entry"]) + found["args"]
    assert command[0] == "gapcli"
    script = BIN / "gapcli"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "gapcli"]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GAPCLI_POSITIONS", None)
    return subprocess.run(
        [*program, *command[1:]], cwd=cwd, capture_output=True, text=True, env=env, timeout=60
    )


def test_pre_commit_hook_validates_a_teams_dataset(tmp_path: Path) -> None:
    shutil.copytree(DATA / "two-party", tmp_path / "positions")
    ok = run_hook(tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout == "OK: 2 issues, 2 parties, 1 source.\n"
    tolls = tmp_path / "positions" / "tolls.yaml"
    tolls.write_text(
        tolls.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8"
    )
    broken = run_hook(tmp_path)
    assert broken.returncode == 1
    assert "positions/tolls.yaml:2:1: titel: unknown key" in broken.stderr


# --- Markdown that travels -----------------------------------------------------------------


def gfm() -> MarkdownIt:
    """A GFM parser: CommonMark with tables and strikethrough, raw HTML allowed."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter as YAML reads it, the Markdown body)."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]), text[end + 5 :]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell contents (header row first)."""
    found: list[list[list[str]]] = []
    row: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(tokens[i + 1].content)
        elif token.type == "tr_close":
            found[-1].append(row)
    return found


def export(folder: Path) -> str:
    """``gapcli export --md`` of one dataset folder."""
    result = CliRunner().invoke(app, ["export", "--md", "-p", str(folder)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


VALID = valid_fixture_sets()


@pytest.mark.parametrize("folder", VALID, ids=[p.name for p in VALID])
def test_export_is_gfm_with_one_table_per_issue(folder: Path) -> None:
    dataset = load_dataset(folder)
    meta, body = split_front_matter(export(folder))
    assert meta["title"] == md(dataset.meta.title)  # pandoc reads metadata as Markdown
    assert meta["date"] == "2024-11-29"  # SOURCE_DATE_EPOCH, a string (quoted) not a date
    assert isinstance(meta["sources"], list) and len(meta["sources"]) == len(dataset.meta.sources)
    tokens = gfm().parse(body)
    assert not [t for t in tokens if t.type == "html_block"]
    found = tables(tokens)
    assert len(found) == len(dataset.issues)
    width = 1 + len(dataset.meta.parties)
    for table, issue in zip(found, dataset.issues, strict=True):
        # header, stance, claims, readings, asks, and other voices where a side has any
        assert len(table) == 5 + any_other_voices(issue)
        assert all(len(row) == width for row in table)
    # GFM turns \| back into | before it reads a cell.
    labels = [md(p.label).replace("\\|", "|") for p in dataset.meta.parties]
    assert found[0][0] == ["", *labels]
    heads = [row[0] for row in found[0][1:]]
    assert heads[:2] == ["**Stance**", "**Claims**"] and heads[3] == "**Asks**"
    assert heads[2].startswith("**Reads the other")
    assert heads[4:] == (["**Other voices**"] if any_other_voices(dataset.issues[0]) else [])


def any_other_voices(issue: Issue) -> bool:
    """Whether a side of the issue has voices other than its government's."""
    return any(not e.official for p in issue.positions.values() for _, e in p.entries())


@given(st.text())
def test_any_text_stays_inside_its_table_cell(text: str) -> None:
    source = f"| a | b |\n|---|---|\n| {md(text)} | end |\n"
    (table,) = tables(gfm().parse(source))
    assert len(table) == 2
    assert table[1][1] == "end"


def pandoc() -> str:
    """The pandoc command, or skip."""
    found = shutil.which("pandoc")
    if found is None:
        pytest.skip("pandoc is not installed (Debian: apt-get install -y pandoc)")
    return found


class _Tables(html.parser.HTMLParser):
    """Counts, per <table>, its header cells and its body rows."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, int]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append({"th": 0, "tr": 0})
        elif tag in ("th", "tr") and self.tables:
            self.tables[-1][tag] += 1
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


@pytest.mark.parametrize("folder", VALID, ids=[p.name for p in VALID])
def test_pandoc_keeps_front_matter_and_tables(folder: Path, tmp_path: Path) -> None:
    program = pandoc()
    dataset = load_dataset(folder)
    brief = tmp_path / "brief.md"
    brief.write_text(export(folder), encoding="utf-8")
    page = subprocess.run(
        [program, str(brief), "-s", "-t", "html"], capture_output=True, text=True, timeout=120
    )
    assert page.returncode == 0, page.stderr
    parsed = _Tables()
    parsed.feed(page.stdout)
    assert html.unescape(parsed.title) == dataset.meta.title
    assert parsed.tables == [
        {"th": 1 + len(dataset.meta.parties), "tr": 5 + any_other_voices(issue)}
        for issue in dataset.issues
    ]
    docx = tmp_path / "brief.docx"
    word = subprocess.run(
        [program, str(brief), "-o", str(docx)], capture_output=True, text=True, timeout=120
    )
    assert word.returncode == 0, word.stderr
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert document.count("<w:tbl>") == len(dataset.issues)
    assert f"<dc:title>{html.escape(dataset.meta.title, quote=False)}</dc:title>" in core


def test_pandoc_line_break_filter_keeps_claims_apart(tmp_path: Path) -> None:
    program = pandoc()
    brief = tmp_path / "brief.md"
    brief.write_text(export(DATA / "two-party"), encoding="utf-8")
    docx = tmp_path / "brief.docx"
    done = subprocess.run(
        [
            program,
            str(brief),
            "--lua-filter",
            str(REPO / "docs" / "pandoc-linebreaks.lua"),
            "-o",
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert document.count("<w:br />") == brief.read_text(encoding="utf-8").count("<br>")


# --- Screenshots and packaging ---------------------------------------------------------------


def test_python_dash_m_gapcli_version() -> None:
    from importlib.metadata import version

    done = subprocess.run(
        [sys.executable, "-m", "gapcli", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"gapcli {version('gapcli')}\n", "")


def test_package_metadata_is_complete_and_honest() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["description"] and "\n" not in project["description"]
    assert project["license"] == "MIT" and (REPO / "LICENSE").is_file()
    assert project["readme"] == "README.md"
    trove = pytest.importorskip("trove_classifiers")
    assert project["classifiers"], "classifiers help people find the package"
    assert set(project["classifiers"]) <= trove.classifiers
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]  # SPDX instead
    for url in project.get("urls", {}).values():  # only real, known addresses
        assert url.startswith("https://") and "example" not in url


def test_installed_wheel_ships_and_prints_the_schemas(wheel_site: Path, tmp_path: Path) -> None:
    site, elsewhere = wheel_site, tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(site), "NO_COLOR": "1"}
    for kind in SchemaKind:
        shipped = (site / "gapcli" / "positions" / "schema" / kind.file_name).read_text("utf-8")
        assert shipped == schema_text(kind)
        printed = subprocess.run(
            [sys.executable, "-m", "gapcli", "schema", "--kind", kind.value],
            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert (printed.returncode, printed.stdout, printed.stderr) == (0, shipped, "")
