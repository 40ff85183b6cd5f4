"""New datasets and new issues: the files ``gapcli init`` and ``gapcli new`` write.

What the options give is written in; everything else is a placeholder (``"<...>"``,
``models.PLACEHOLDER``) that ``validate`` points at until it is filled in. Files are written
in the shipped style (``yaml_text``), with the modeline that names their JSON Schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gapcli.domain.models import SCHEMA_VERSION
from gapcli.domain.values import GapType
from gapcli.errors import DataError, OutputError, UsageError
from gapcli.io.output import new_folder, write_atomic
from gapcli.io.yaml_text import quoted
from gapcli.loader import DATASET_FILE, read_yaml
from gapcli.loader.checks import Cast
from gapcli.sources.texts import read_text

DATASET_MODELINE = "# yaml-language-server: $schema=schema/dataset.schema.json"
ISSUE_MODELINE = "# yaml-language-server: $schema=schema/issue.schema.json"
SOURCES = "sources"
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
GAP_TYPES = ", ".join(g.value for g in GapType)


def check_id(value: str, what: str) -> str:
    """``value`` if it is a valid id, else a usage error naming ``what`` it is."""
    if not _ID.fullmatch(value):
        raise UsageError(
            f"{what} {value!r} is not an id: use lower-case letters, digits and hyphens "
            "(at most 64), starting with a letter or digit"
        )
    return value


@dataclass(frozen=True)
class NewSource:
    """A source given to ``init``: its id, its text, and the file that text came from."""

    id: str
    origin: str
    text: str
    sha256: str
    paragraphs: int

    @property
    def file(self) -> str:
        """Where the text is kept in the dataset folder."""
        return f"{SOURCES}/{self.id}.txt"


def parse_party(spec: str) -> tuple[str, str]:
    """``ID=NAME`` (or just ``ID``) to the party's id and name (a placeholder if none)."""
    party, _, name = spec.partition("=")
    check_id(party, "--party")
    return party, name.strip() or f"<name of {party}>"


def read_source(spec: str) -> NewSource:
    """``ID=PATH`` to a source with its text read (and its paragraphs counted)."""
    from gapcli.sources.paragraphs import split_paragraphs

    source, sep, path = spec.partition("=")
    if not sep or not path:
        raise UsageError(f"--source {spec!r}: expected ID=PATH, e.g. memo=memo.txt")
    check_id(source, "--source")
    try:
        text, digest = read_text(path, path)
    except DataError as exc:
        raise UsageError(f"--source {spec!r}: {exc.problems[0]}") from None
    count = len(split_paragraphs(text))
    if not count:
        raise UsageError(f"--source {spec!r}: {path} has no paragraphs (no line with text)")
    return NewSource(source, path, text, digest, count)


def dataset_text(
    title: str | None, parties: list[tuple[str, str]], sources: list[NewSource]
) -> str:
    """The new ``dataset.yaml``: what was given, placeholders for the rest."""
    if not parties:
        parties = [("side-a", "<name of side-a>"), ("side-b", "<name of side-b>")]
    if len({p for p, _ in parties}) != len(parties):
        raise UsageError("--party: each party id once")
    if len(parties) < 2:
        raise UsageError("--party: a dispute has at least two sides; give two or more")
    if len({s.id for s in sources}) != len(sources):
        raise UsageError("--source: each source id once")
    lines = [
        DATASET_MODELINE,
        "# Values in <angle brackets> are placeholders: gapcli validate points at each one",
        "# until it is filled in. positions/README.md and CODEBOOK.md say what each field means.",
        f"schema: {SCHEMA_VERSION}",
        f"title: {quoted(title or '<title of the dataset>')}",
        f"summary: {quoted('<what the dataset is: the dispute, its sides, the source>')}",
        "",
        "parties:  # the sides, in column order",
    ]
    for party, name in parties:
        label = name if not name.startswith("<") else f"<short column header for {party}>"
        lines += [f"  - id: {quoted(party)}", f"    name: {quoted(name)}"]
        lines.append(f"    label: {quoted(label)}")
    lines += ["", "sources:"]
    for source in sources:
        lines += [
            f"  - id: {quoted(source.id)}",
            f"    title: {quoted(f'<title of {source.id}>')}",
            f"    publisher: {quoted(f'<publisher of {source.id}>')}",
            f"    paragraphs: {source.paragraphs}",
            f"    text: {quoted(source.file)}",
            f"    sha256: {quoted(source.sha256)}",
        ]
    if not sources:
        lines += [
            '  - id: "source"',
            f"    title: {quoted('<title of the source>')}",
            f"    publisher: {quoted('<publisher of the source>')}",
            f"    paragraphs: {quoted('<number of paragraphs (gapcli source show source)>')}",
            f"    text: {quoted(SOURCES + '/source.txt')}  # put the text there",
        ]
    return "\n".join(lines) + "\n"


README = """# {title}

A dataset for [gapcli](https://pypi.org/project/gapcli/): where the sides of a dispute
diverge, issue by issue, every line attributed and cited to a paragraph of a source.

- `dataset.yaml`: the sides, the sources and what is not one issue;
- `<issue-id>.yaml`: one file per issue (`gapcli new ISSUE -p .` starts one);
- `sources/`: the source texts; `gapcli source show ID -p .` prints one with its
  paragraph numbers, `gapcli source find ID "words" -p .` finds a quote;
- `schema/`: JSON Schemas for editors (generated by `gapcli schema`).

Check it with `gapcli validate -p .` (and `--fix` for what needs no judgement).
"""


def write_dataset(
    folder: Path,
    title: str | None,
    parties: list[tuple[str, str]],
    sources: list[NewSource],
    force: bool = False,
) -> list[str]:
    """Write a new dataset folder; return the names written, in order."""
    from gapcli.authoring.schema import write_schemas

    text = dataset_text(title, parties, sources)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; give a folder for the new dataset")
    new_folder(folder, force, "schema", SOURCES)
    write_atomic(folder / DATASET_FILE, text, force=force)
    write_atomic(
        folder / "README.md", README.format(title=title or "A gapcli dataset"), force=force
    )
    write_schemas(folder / "schema", force=True)
    for source in sources:
        write_atomic(folder / source.file, source.text, force=force)
    return [DATASET_FILE, "README.md", "schema/", *(s.file for s in sources)]


BY = quoted("<who holds it, in the source's words>")


def issue_text(
    issue: str, parties: list[str], source: str, title: str | None, gap_type: GapType | None
) -> str:
    """A new issue file: a section for every party, placeholders to fill in."""
    para = quoted("<paragraph number>")
    quote = quoted(f'<the source\'s exact words (gapcli source find {source} "words")>')

    def cite(indent: str) -> list[str]:
        return [
            f"{indent}cite:",
            f"{indent}  - source: {quoted(source)}",
            f"{indent}    para: {para}",
            f"{indent}    quote: {quote}",
        ]

    lines = [
        ISSUE_MODELINE,
        "# Values in <angle brackets> are placeholders: gapcli validate points at each one.",
        "# Leave out what the source does not report (a stance, an entry): never guess.",
        f"id: {quoted(issue)}",
        f"title: {quoted(title or '<short title>')}",
        f"question: {quoted('<the question in dispute, neutral between the sides>')}",
        "tags: []",
        f"gap_type: {quoted(gap_type.value if gap_type else f'<one of {GAP_TYPES}>')}",
        f"summary: {quoted('<the gap in one line, at most about 120 characters>')}",
        "positions:",
    ]
    for party in parties:
        lines += [
            f"  {party}:",
            "    stance:  # the side's official position; leave it out if the source reports none",
            f"      text: {quoted(f'<the position of {party} in one line>')}",
            f"      by: {BY}",
            f"      voice: {quoted('<government, official or legislature>')}",
            *cite("      "),
            "    claims: []",
            "    readings: []",
            "    asks: []",
        ]
    lines += [
        "analysis: []",
        "gap:",
        f"  what: {quoted('<exactly what the sides disagree on>')}",
        f"  why_it_matters: {quoted('<its consequence, as the source draws it>')}",
        *cite("  "),
        "common_ground: []",
        "bridges: []",
        "related: []",
    ]
    return "\n".join(lines) + "\n"


def gap_type_of(value: str | None) -> GapType | None:
    """A ``--gap-type`` value as a GapType; an unknown one is a usage error."""
    if value is None:
        return None
    try:
        return GapType(value)
    except ValueError:
        raise UsageError(f"--gap-type {value!r}: not a gap type; one of {GAP_TYPES}") from None


def write_issue(
    folder: Path,
    issue: str,
    title: str | None = None,
    gap_type: str | None = None,
    force: bool = False,
) -> Path:
    """Write ``folder/ISSUE.yaml`` for the parties its dataset file declares."""
    kind = gap_type_of(gap_type)
    check_id(issue, "issue id")
    if f"{issue}.yaml" == DATASET_FILE:
        raise UsageError(f"{issue!r}: {DATASET_FILE} is the dataset file; choose another issue id")
    data, _ = read_yaml(folder / DATASET_FILE, str(folder / DATASET_FILE))
    cast = Cast.from_plain(data)
    if cast.parties is None:
        raise DataError(
            [f"{folder / DATASET_FILE}: no parties declared (each with an id); declare them first"]
        )
    sources = [*(cast.paragraphs or {}), "<source id>"]
    path = folder / f"{issue}.yaml"
    write_atomic(path, issue_text(issue, cast.parties, sources[0], title, kind), force=force)
    return path
