"""Write a valid, varied gapcli dataset of N issue files (for the benchmark and scale tests).

    python benchmarks/generate.py OUT_DIR [--issues 2000] [--seed 1]

The same seed always writes the same files, in the dataset format of schema 2. Issues
have two parties; a side's stance is there (an official voice) or left out; each side has
up to four claims, two readings of the other side and two asks, every entry with an id
unique in its issue and a voice, official or other; readings point (``about``) at the other
side's entries and some carry the source's assessment; an issue may have the source's own
``analysis``, common ground and bridges. Entries cite one to three paragraphs across three
sources; issues have tags, every gap type, related ids, and text of varied length that
includes Markdown/HTML specials, typographic quotes and non-Latin script, so renderers do
real escaping work.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

import yaml

GAP_TYPES = ("fact", "cause", "intent", "linkage", "venue", "method", "expectation")
OFFICIAL = ("government", "official", "legislature")
OTHER = ("expert", "participant", "public", "media")
# Who says it, by voice: ``by`` matches the kind of speaker its voice names and its side.
BY = {
    "government": ("the {side} government", "{side}'s ministry", "{side}"),
    "official": ("a {side} customs official", "the {side} port authority", "a {side} envoy"),
    "legislature": ("a {side} senator", "the {side} assembly", "{side}'s trade committee"),
    "expert": ("one {side} scholar", "{side} analysts", "a {side} harbour engineer"),
    "participant": ("one participant from {side}", "a {side} delegate"),
    "public": ("{side} respondents to the poll", "many in {side}"),
    "media": ("the {side} Gazette", "a {side} broadcaster"),
    "analysis": ("the memo", "the hearing record", "the survey's authors"),
}
VERDICTS = ("accurate", "exaggerated", "understated", "mirror-image", "unknown")
SOURCES = (("memo", 40), ("hearing", 120), ("survey", 25))
PARTIES = (
    ("north", "Northland government", "Northport"),
    ("south", "Southland government", "Southport"),
)
SIDE = {"north": "Northland", "south": "Southland"}
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


def _summary(rng: random.Random) -> str:
    """A one-line summary: within the 120 characters validate asks for, but one in fifty."""
    text = _text(rng, 6, 25)
    while len(text) > 120 and rng.random() < 0.98:
        text = _text(rng, 6, 25)
    return text


def _voice(rng: random.Random) -> str:
    """A side's voice: official two times in three, else one of its other voices."""
    return rng.choice(OFFICIAL) if rng.random() < 2 / 3 else rng.choice(OTHER)


def _by(rng: random.Random, voice: str, party: str | None = None) -> str:
    """A speaker of this voice from ``party`` (any side when None)."""
    return rng.choice(BY[voice]).format(side=SIDE[party or rng.choice(tuple(SIDE))])


def _entry(rng: random.Random, entry_id: str, voice: str, party: str | None) -> dict[str, Any]:
    return {
        "id": entry_id,
        "text": _text(rng, 6, 60),
        "by": _by(rng, voice, party),
        "voice": voice,
        "cite": _cites(rng),
    }


def _entries(
    rng: random.Random,
    prefix: str,
    low: int,
    high: int,
    party: str | None = None,
    voices: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """``low`` to ``high`` entries with ids ``prefix-1``...: ``party``'s voices, official or
    other, unless ``voices`` are given (entries that belong to no side)."""
    return [
        _entry(rng, f"{prefix}-{n}", rng.choice(voices) if voices else _voice(rng), party)
        for n in range(1, rng.randint(low, high) + 1)
    ]


def _stance(rng: random.Random, party: str) -> dict[str, Any]:
    """A side's official position: an official voice only."""
    voice = rng.choice(OFFICIAL)
    return {
        "text": _text(rng, 5, 30),
        "by": _by(rng, voice, party),
        "voice": voice,
        "cite": _cites(rng),
    }


def _readings(
    rng: random.Random, reader: str, read: str, answerable: list[str]
) -> list[dict[str, Any]]:
    """``reader``'s readings of ``read``, pointing at some of its entries, some assessed."""
    readings = []
    for reading in _entries(rng, f"{reader}-reading", 0, 2, reader):
        out = {"id": reading.pop("id")}
        if rng.random() < 0.3:
            out["of"] = read  # optional with two parties: both forms occur
        out.update(reading)
        if answerable and rng.random() < 0.6:
            out["about"] = sorted(rng.sample(answerable, rng.randint(1, min(2, len(answerable)))))
        if rng.random() < 0.3:
            assessment: dict[str, Any] = {"verdict": rng.choice(VERDICTS)}
            if rng.random() < 0.7:
                assessment["text"] = _text(rng, 5, 25)
            assessment["by"] = _by(rng, "analysis")
            assessment["voice"] = "analysis"
            assessment["cite"] = _cites(rng)
            out["assessment"] = assessment
        readings.append(out)
    return readings


def issue_ids(count: int, seed: int) -> list[str]:
    """The ids the generator uses, in file order: ``word-word-0001``."""
    rng = random.Random(seed)
    return [f"{rng.choice(TAGS)}-{rng.choice(WORDS)}-{n:04d}" for n in range(1, count + 1)]


def issue(rng: random.Random, issue_id: str, ids: list[str]) -> dict[str, Any]:
    """One valid issue with two positions, citations, readings and related ids."""
    positions: dict[str, dict[str, Any]] = {}
    for party_id, _, _ in PARTIES:
        position: dict[str, Any] = {}
        if rng.random() < 0.8:  # else the source reports no official position
            position["stance"] = _stance(rng, party_id)
        if claims := _entries(rng, f"{party_id}-claim", 0, 4, party_id):
            position["claims"] = claims
        if asks := _entries(rng, f"{party_id}-ask", 0, 2, party_id):
            position["asks"] = asks
        positions[party_id] = position
    (north, _, _), (south, _, _) = PARTIES
    for reader, read in ((north, south), (south, north)):
        other = positions[read]
        answerable = [e["id"] for kind in ("claims", "asks") for e in other.get(kind, [])]
        if readings := _readings(rng, reader, read, answerable):
            positions[reader]["readings"] = readings
    data: dict[str, Any] = {
        "id": issue_id,
        "title": _text(rng, 2, 9).rstrip("."),
        "question": _text(rng, 5, 20).rstrip(".") + "?",
        "tags": sorted(rng.sample(TAGS, rng.randint(0, 4))),
        "gap_type": rng.choice(GAP_TYPES),
        "summary": _summary(rng),
        "positions": {
            party: {
                k: position[k] for k in ("stance", "claims", "readings", "asks") if k in position
            }
            for party, position in positions.items()
        },
    }
    if analysis := _entries(rng, "analysis", 0, 2, voices=("analysis",)):
        data["analysis"] = analysis
    gap_cites = _cites(rng)
    if rng.random() < 0.98:  # most gaps rest on the source's words (validate warns otherwise)
        gap_cites[0]["quote"] = gap_cites[0].get("quote") or _text(rng, 3, 25)
    data["gap"] = {
        "what": _text(rng, 6, 40),
        "why_it_matters": _text(rng, 6, 40),
        "cite": gap_cites,
    }
    if common := _entries(rng, "common", 0, 2, voices=(*OFFICIAL, *OTHER, "analysis")):
        data["common_ground"] = common
    if bridges := _entries(rng, "bridge", 0, 3, voices=(*OFFICIAL, *OTHER, "analysis")):
        data["bridges"] = bridges
    if related := sorted({rng.choice(ids) for _ in range(rng.randint(0, 3))} - {issue_id}):
        data["related"] = related
    return data


def _said(rng: random.Random) -> dict[str, str]:
    """``by`` and ``voice`` of a fact or recommendation: the source's own, or a side's."""
    voice = "analysis" if rng.random() < 0.5 else _voice(rng)
    return {"by": _by(rng, voice), "voice": voice}


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
                "kind": s,
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
                **_said(rng),
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
            {"id": f"rec-{n}", "text": _text(rng, 6, 20), **_said(rng), "cite": _cites(rng)}
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
