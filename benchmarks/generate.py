"""Write a valid, varied gapcli dataset (schema 2) of N issues, for the benchmark and tests.

    python benchmarks/generate.py OUT_DIR [--issues 2000] [--seed 1]

The same seed always writes the same files. Issues have two parties, one to four claims
per side, one to three citations per claim across three sources, tags, every gap type,
related ids, and text of varied length that includes Markdown/HTML specials, typographic
quotes and non-Latin script, so renderers do real escaping work.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import yaml

GAP_TYPES = ("fact", "cause", "intent", "linkage", "venue", "method", "expectation")
VOICES = (
    "government",
    "official",
    "legislature",
    "expert",
    "participant",
    "public",
    "media",
    "analysis",
)
SOURCES = (("memo", 40), ("hearing", 120), ("survey", 25))
PARTIES = (
    ("north", "Northland government", "Northport"),
    ("south", "Southland government", "Southport"),
)
TAGS = (
    "trade", "ports", "customs", "chemicals", "evidence", "enforcement", "health", "finance",
    "shipping", "data", "sanctions", "treaty", "law", "markets", "precursors", "talks",
)  # fmt: skip
_PROSE = (
    "the government says that port inspections have doubled since the agreement while "
    "officials in the capital insist precursor chemicals are shipped through third countries "
    "and that customs data cannot be shared without a treaty committee members argued the "
    "evidence is thin but analysts point to seizures at the border the ministry rejects any "
    "linkage between trade talks and enforcement a poll of respondents found most people "
    "blame the other side for delays in the joint working group which met twice last year"
)
WORDS = _PROSE.split()
SPICE = (
    "a | b", "*emphasis*", "_under_", "<b>bold</b>", "&amp;", "[link](x)", "`code`",
    "“quoted”", "Beijing’s", "naïve café", "禁毒合作", "50% + 3", "~tilde~", "# not a heading",  # noqa: RUF001
)  # fmt: skip
BY = (
    "the Northland government", "the Southland ministry", "a Northland senator",
    "one Southland scholar", "the poll's respondents", "the article's analysis",
    "a customs official", "the joint committee",
)  # fmt: skip


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Never writes anchors or aliases (gapcli refuses them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words) + 1), rng.choice(SPICE))
    return (" ".join(words).capitalize() + ".").replace(" .", ".")


def _cites(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        source, paragraphs = rng.choice(SOURCES)
        cite: dict[str, Any] = {"source": source, "para": rng.randint(1, paragraphs)}
        if rng.random() < 0.4:
            cite["quote"] = _text(rng, 3, 25)
        out.append(cite)
    return out


SIDE_VOICES = VOICES[:-1]  # the source's own analysis never sits under a side
OFFICIAL = VOICES[:3]


def _claim(rng: random.Random, ids: list[int], voices: tuple[str, ...]) -> dict[str, Any]:
    ids[0] += 1
    return {
        "id": f"e{ids[0]}",
        "text": _text(rng, 6, 60),
        "by": rng.choice(BY),
        "voice": rng.choice(voices),
        "cite": _cites(rng),
    }


def _claims(
    rng: random.Random, low: int, high: int, ids: list[int], voices: tuple[str, ...] = VOICES
) -> list[dict[str, Any]]:
    return [_claim(rng, ids, voices) for _ in range(rng.randint(low, high))]


def issue_ids(count: int, seed: int) -> list[str]:
    """The ids the generator uses, in file order: ``word-word-0001``."""
    rng = random.Random(seed)
    return [f"{rng.choice(TAGS)}-{rng.choice(WORDS)}-{n:04d}" for n in range(1, count + 1)]


def issue(rng: random.Random, issue_id: str, ids: list[str]) -> dict[str, Any]:
    """One valid issue with two positions, citations and related ids."""
    positions = {}
    counter = [0]  # numbers entry ids, unique within the issue
    for party_id, _, _ in PARTIES:
        position: dict[str, Any] = {}
        if rng.random() < 0.9:
            position["stance"] = {
                "text": _text(rng, 5, 30),
                "by": rng.choice(BY),
                "voice": rng.choice(OFFICIAL),
                "cite": _cites(rng),
            }
        if claims := _claims(rng, 0, 4, counter, SIDE_VOICES):
            position["claims"] = claims
        if readings := _claims(rng, 0, 2, counter, SIDE_VOICES):
            position["readings"] = readings
        if asks := _claims(rng, 0, 2, counter, SIDE_VOICES):
            position["asks"] = asks
        positions[party_id] = position
    data: dict[str, Any] = {
        "id": issue_id,
        "title": _text(rng, 2, 9).rstrip("."),
        "question": _text(rng, 5, 20).rstrip(".") + "?",
        "tags": sorted(rng.sample(TAGS, rng.randint(0, 4))),
        "gap_type": rng.choice(GAP_TYPES),
        "summary": _text(rng, 6, 25),
        "positions": positions,
        "analysis": _claims(rng, 0, 2, counter, ("analysis",)),
        "gap": {
            "what": _text(rng, 6, 40),
            "why_it_matters": _text(rng, 6, 40),
            "cite": _cites(rng),
        },
    }
    if common := _claims(rng, 0, 2, counter):
        data["common_ground"] = common
    if bridges := _claims(rng, 0, 3, counter):
        data["bridges"] = bridges
    if related := sorted({rng.choice(ids) for _ in range(rng.randint(0, 3))} - {issue_id}):
        data["related"] = related
    return data


def dataset_file(rng: random.Random, ids: list[str]) -> dict[str, Any]:
    """The dataset file: two parties, three sources, facts, a timeline, recommendations."""
    return {
        "schema": 2,
        "title": "Generated benchmark dataset",
        "summary": f"{len(ids)} generated issues between Northland and Southland.",
        "parties": [{"id": i, "name": n, "label": lab} for i, n, lab in PARTIES],
        "sources": [
            {
                "id": s,
                "title": f"The {s} of record",
                "publisher": "Bench Press",
                "date": "2024",
                "paragraphs": p,
            }
            for s, p in SOURCES
        ],
        "dialogue": {"name": "Harbour talks", "date": "2024-05", "cite": _cites(rng)},
        "facts": [
            {
                "id": f"fact-{n}",
                "text": _text(rng, 6, 20),
                "by": rng.choice(BY),
                "voice": rng.choice(VOICES),
                "cite": _cites(rng),
                "issues": sorted(set(rng.sample(ids, min(2, len(ids))))),
            }
            for n in range(1, 11)
        ],
        "timeline": [
            {
                "id": f"event-{n}",
                "date": f"20{10 + n}-{n % 12 + 1:02d}",
                "text": _text(rng, 4, 15),
                "cite": _cites(rng),
            }
            for n in range(1, 11)
        ],
        "recommendations": [
            {
                "id": f"rec-{n}",
                "text": _text(rng, 6, 20),
                "by": rng.choice(BY),
                "voice": rng.choice(VOICES),
                "cite": _cites(rng),
            }
            for n in range(1, 6)
        ],
    }


def dump(data: dict[str, Any]) -> str:
    """YAML text for one file (block style, Unicode kept, no aliases)."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def generate(folder: Path, count: int = 2000, seed: int = 1) -> list[Path]:
    """Write ``dataset.yaml`` and ``count`` issue files into ``folder``; return the issue paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ids = issue_ids(count, seed)
    (folder / "dataset.yaml").write_text(dump(dataset_file(rng, ids)), encoding="utf-8")
    paths = []
    for issue_id in ids:
        path = folder / f"{issue_id}.yaml"
        path.write_text(dump(issue(rng, issue_id, ids)), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="Output folder (created if missing).")
    parser.add_argument(
        "--issues", "-n", type=int, default=2000, help="How many issues (default 2000)."
    )
    parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
    args = parser.parse_args(argv)
    if args.folder.exists() and any(args.folder.iterdir()):
        parser.error(f"{args.folder} is not empty; choose a new folder")
    paths = generate(args.folder, args.issues, args.seed)
    print(f"Wrote {len(paths)} issues and dataset.yaml to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
