"""benchmarks/generate.py writes datasets that load cleanly, vary, and repeat with a seed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from gapcli.loader import iter_citations, load_dataset

from conftest import REPO


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_dataset_loads_and_varies(tmp_path: Path) -> None:
    generator().generate(tmp_path, count=60, seed=3)
    dataset = load_dataset(tmp_path)
    issues = dataset.issues
    assert len(issues) == 60
    assert {i.gap_type.value for i in issues} == {
        "fact", "cause", "intent", "linkage", "venue", "method", "expectation"
    }  # fmt: skip
    assert all(len(i.positions) == 2 for i in issues)
    assert any(i.related for i in issues) and any(not i.related for i in issues)
    cites = [c for i in issues for _, c in iter_citations(i)]
    assert {c.source for c in cites} == {s.id for s in dataset.meta.sources}
    assert any(c.quote for c in cites) and any(c.quote is None for c in cites)
    text = " ".join(i.summary + i.title for i in issues)
    assert "|" in text or "*" in text or "<" in text  # Markdown/HTML specials to escape
    lengths = sorted(len(i.summary) for i in issues)
    assert lengths[-1] > 3 * lengths[0]


def test_same_seed_same_files(tmp_path: Path) -> None:
    def files(name: str, seed: int) -> dict[str, bytes]:
        generator().generate(tmp_path / name, count=10, seed=seed)
        return {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}

    first = files("a", 5)
    assert len(first) == 11  # dataset.yaml and ten issues
    assert first == files("b", 5)
    assert first != files("c", 6)
