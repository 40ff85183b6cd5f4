"""The shape of the code (docs/design.md): the import contracts in pyproject.toml hold, no two
gapcli modules import each other in a circle (imports inside functions count), modules and
functions stay small, and docs/design.md names exactly the packages the tree has."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from helpers import REPO

SRC = REPO / "src"
PACKAGE = SRC / "gapcli"
DESIGN = REPO / "docs" / "design.md"

# Imports that close a circle today, each being removed (issue 26): the scan leaves them out,
# and fails once one no longer exists, so that it is taken off this list.
KNOWN_BACK_EDGES: set[tuple[str, str]] = set()
# Packages docs/design.md names that another change of issue 26 is creating (the commands, one
# module each): allowed to be missing until they exist, then taken off this list.
PENDING_PACKAGES: set[str] = set()

MOST_LINES_PER_MODULE = 400
MOST_LINES_PER_FUNCTION = 60
MOST_TOP_LEVEL_MODULES = 8


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every gapcli module ``name`` imports, anywhere in the file, with the line."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from gapcli.x import y`` imports the module gapcli.x.y when there is one.
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]  # ``import gapcli.x.y`` names gapcli.x.y
            if target and target != name:
                yield target, node.lineno


def import_graph() -> dict[str, set[str]]:
    return {name: {t for t, _ in imported(name, path)} for name, path in MODULES.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while (top := stack.pop()) != node:
                component.append(top)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache", "--config", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_no_gapcli_modules_import_each_other_in_a_circle() -> None:
    graph = import_graph()
    still = {edge for edge in KNOWN_BACK_EDGES if edge[1] in graph.get(edge[0], set())}
    assert still == KNOWN_BACK_EDGES, f"gone, take off KNOWN_BACK_EDGES: {KNOWN_BACK_EDGES - still}"
    for source, target in KNOWN_BACK_EDGES:
        graph[source].discard(target)
    assert circles(graph) == []


def test_the_scan_sees_imports_inside_functions_and_relative_ones(tmp_path: Path) -> None:
    # entry.py imports the command line inside main() only, after its signal handler.
    assert {t for t, _ in imported("gapcli.entry", MODULES["gapcli.entry"])} == {"gapcli.cli"}
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    source = "def f():\n    from . import sides\n    from ..domain import models\n"
    (tmp_path / "x.py").write_text(source, encoding="utf-8")
    found = {t for t, _ in imported("gapcli.views.x", tmp_path / "x.py")}
    assert found == {"gapcli.views.sides", "gapcli.domain.models"}


def too_long() -> list[str]:
    out = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MOST_LINES_PER_FUNCTION:
                    out.append(f"{name}.{node.name}: {length} lines")
    return out


def test_no_module_is_over_400_lines() -> None:
    lines = {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in MODULES.items()}
    assert {n: c for n, c in lines.items() if c > MOST_LINES_PER_MODULE} == {}


def test_no_function_is_over_60_lines() -> None:
    assert too_long() == []


def test_few_modules_sit_directly_in_the_package() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MOST_TOP_LEVEL_MODULES, top


# --- docs/design.md and the tree ------------------------------------------------------------


def block_lines() -> list[str]:
    """The lines of design.md's tree block (the fenced block starting ``src/gapcli/``)."""
    text = DESIGN.read_text(encoding="utf-8")
    (block,) = re.findall(r"```text\nsrc/gapcli/\n(.*?)```", text, flags=re.S)
    return str(block).splitlines()


def tree_block() -> list[str]:
    """The package paths the tree block names, as ``render/terminal``."""
    paths: list[str] = []
    trail: list[tuple[int, str]] = []  # (indent, name) of the packages above this line
    for line in block_lines():
        found = re.match(r"( *)([a-z_]+)/(?:\s|$)", line)
        if not found:
            continue
        indent = len(found.group(1))
        trail = [(i, n) for i, n in trail if i < indent]
        trail.append((indent, found.group(2)))
        paths.append("/".join(n for _, n in trail))
    return paths


def packages() -> set[str]:
    return {p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*/__init__.py")}


def test_design_md_names_every_package_and_only_those() -> None:
    named = set(tree_block())
    assert packages() - named == set(), "packages docs/design.md does not name"
    present = PENDING_PACKAGES & packages()
    assert present == set(), f"they exist now, take them off PENDING_PACKAGES: {present}"
    assert named - packages() - PENDING_PACKAGES == set(), "named in docs/design.md, not in src"


def test_every_module_path_design_md_names_exists() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    tops = {p.split("/")[0] for p in packages() | PENDING_PACKAGES}
    top_modules = [
        m
        for line in block_lines()
        if not line.startswith("   ")
        for m in re.findall(r"[a-z_]+\.py", re.split(r"\s{3,}", line.strip())[0])
    ]
    assert top_modules, "the tree block names the modules at the top of the package"
    missing = [m for m in top_modules if not (PACKAGE / m).is_file()]
    for path in re.findall(r"`(?:src/)?(?:gapcli/)?([a-z_]+/[a-z_/]*(?:\.py)?)`", text):
        first = path.split("/")[0]
        pending = any(path.startswith(p) for p in PENDING_PACKAGES)
        if first in tops and not pending and not (PACKAGE / path).exists():
            missing.append(path)
    for dotted in re.findall(r"`(gapcli(?:\.[a-z_]+)+)`", text):
        if dotted not in MODULES and dotted.rpartition(".")[0] not in MODULES:
            missing.append(dotted)
    assert missing == []


def test_design_md_stays_short() -> None:
    assert len(DESIGN.read_bytes()) <= 6 * 1024
