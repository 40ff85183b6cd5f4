"""benchmarks/generate.py writes datasets that load cleanly, vary, and repeat with a seed."""

from __future__ import annotations

from pathlib import Path

from gapcli.domain.models import OFFICIAL_VOICES, Fact, Recommendation, Voice
from gapcli.domain.walk import iter_citations
from gapcli.loader import load_dataset
from gapcli.views.sides import mirror

from helpers import generator


def test_generated_dataset_loads_and_varies(tmp_path: Path) -> None:
    generator().generate(tmp_path, count=60, seed=3)
    dataset = load_dataset(tmp_path)
    assert dataset.meta.schema_ == 2
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


def test_generated_dataset_uses_every_part_of_schema_2(tmp_path: Path) -> None:
    generator().generate(tmp_path, count=60, seed=3)
    dataset = load_dataset(tmp_path)
    issues = dataset.issues
    positions = [p for i in issues for p in i.positions.values()]
    # Stances reported and not, each in an official voice.
    stances = [p.stance for p in positions if p.stance is not None]
    assert stances and len(stances) < len(positions)
    assert {s.voice for s in stances} == OFFICIAL_VOICES
    # A side's entries in official and other voices, never the source's analysis.
    side_voices = {e.voice for p in positions for _, e in p.entries()}
    assert side_voices == set(Voice) - {Voice.ANALYSIS}
    groups = {e.group for p in positions for _, e in p.entries()}
    assert groups == {"official", "other"}
    # Readings: with and without `of`, pointing at the other side's entries or not, some
    # assessed (with and without the assessment's own text), every verdict used.
    readings = [r for p in positions for r in p.readings]
    assert any(r.of for r in readings) and any(r.of is None for r in readings)
    assert any(r.about for r in readings) and any(not r.about for r in readings)
    assessed = [r.assessment for r in readings if r.assessment is not None]
    assert assessed and len(assessed) < len(readings)
    assert any(a.text for a in assessed) and any(a.text is None for a in assessed)
    assert {a.verdict.value for a in assessed} == {
        "accurate", "exaggerated", "understated", "mirror-image", "unknown"
    }  # fmt: skip
    assert {a.voice for a in assessed} == {Voice.ANALYSIS}
    # The source's own analysis, common ground and bridges, present in some issues only.
    for name in ("analysis", "common_ground", "bridges"):
        assert any(getattr(i, name) for i in issues) and not all(getattr(i, name) for i in issues)
    assert {e.voice for i in issues for e in i.analysis} == {Voice.ANALYSIS}
    assert {e.group for i in issues for e in [*i.common_ground, *i.bridges]} == {
        "official", "other", "source"
    }  # fmt: skip
    # Facts and recommendations say who gives them, the source or a side.
    said: list[Fact | Recommendation] = [*dataset.meta.facts, *dataset.meta.recommendations]
    assert {s.voice is Voice.ANALYSIS for s in said} == {True, False}
    # The mirror has pairs with readings that answer entries, readings that answer none, and
    # pairs without any reading.
    pairs = [pair for issue in issues for pair in mirror(issue, dataset)]
    lines = [line for pair in pairs for line in pair.lines]
    assert any(line.answers for line in lines) and any(not line.answers for line in lines)
    assert any(not pair.lines for pair in pairs)


def test_same_seed_same_files(tmp_path: Path) -> None:
    def files(name: str, seed: int) -> dict[str, bytes]:
        generator().generate(tmp_path / name, count=10, seed=seed)
        return {p.name: p.read_bytes() for p in (tmp_path / name).iterdir()}

    first = files("a", 5)
    assert len(first) == 11  # dataset.yaml and ten issues
    assert first == files("b", 5)
    assert first != files("c", 6)
