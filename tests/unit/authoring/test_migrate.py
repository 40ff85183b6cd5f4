"""gapcli migrate: schema 1 to 2, what it decides, what it lists, and what it never touches.

Fixtures: ``v1-two-party`` (the two-party set as it was in schema 1: an analysis-voiced
reading, entries and a fact without a voice, stances with and without an official claim)
with its reviewed output in ``v1-two-party.migrated``, and ``v1-shipped`` (the shipped
dataset's first release).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from gapcli.authoring.migrate import (
    Note,
    Unrecorded,
    migrate_dataset_file,
    migrate_issue,
    slug,
    upgrade,
)
from gapcli.domain.models import Voice
from gapcli.errors import DataError, GapcliError
from gapcli.loader import load_dataset, read_yaml

from helpers import DATA, Run

V1 = DATA / "v1-two-party"
GOLDEN = DATA / "v1-two-party.migrated"
SHIPPED_V1 = DATA / "v1-shipped"
NO_VOICE = (
    "schema 1 recorded no voice; add the kind of speaker `by` is: one of government, official, "
    "legislature, participant, expert, public, media, analysis (positions/CODEBOOK.md)"
)


def attributed(party: str, by: str, voice: str) -> str:
    return (
        f"attributed to the side's first claim in an official voice (positions.{party}.claims[0]: "
        f"{by!r}, {voice}) with its citations; check that they hold this stance and that the "
        "citations support it"
    )


def left_out(text: str) -> str:
    return (
        f"stance left out for review: {text!r}; no claim of this side is in an official voice to "
        "attribute it to. Add it back as text, by, voice and cite if a government, official or "
        "legislature holds it (positions/CODEBOOK.md)"
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- the pure functions --------------------------------------------------------------------


def test_slug_takes_the_first_words_in_ascii() -> None:
    assert slug("China is the primary source of fentanyl's precursors.") == (
        "china-is-the-primary-source"
    )
    assert slug("Naïve café — “quoted”") == "naive-cafe-quoted"
    assert slug("禁毒合作") == "entry"


def test_ids_are_unique_within_the_issue_in_file_order() -> None:
    cite = [{"source": "memo", "para": 1}]
    same = {"text": "Ports first.", "by": "X", "voice": "government", "cite": cite}
    data = {
        "id": "ports",
        "positions": {
            "north": {"stance": "Ports.", "claims": [dict(same), dict(same)]},
            "south": {},
        },
        "bridges": [dict(same)],
    }
    new, _ = migrate_issue(data, ["north", "south"], "ports.yaml")
    ids = [c["id"] for c in new["positions"]["north"]["claims"]] + [new["bridges"][0]["id"]]
    assert ids == ["ports-first", "ports-first-2", "ports-first-3"]


def test_the_dataset_file_gets_schema_2_first_and_lists_voiceless_facts() -> None:
    data, _ = read_yaml(V1 / "dataset.yaml", "dataset.yaml")
    new, notes = migrate_dataset_file(data)
    assert list(new)[:3] == ["schema", "title", "summary"]
    assert new["schema"] == 2
    assert notes == [Note("dataset.yaml", "facts[0].voice", NO_VOICE)]
    assert data.get("schema") is None  # the input is not changed


def test_three_parties_readings_need_whom_they_read() -> None:
    cite = [{"source": "memo", "para": 1}]
    reading = {"text": "They stall.", "by": "A", "voice": "government", "cite": cite}
    data = {"id": "x", "positions": {"alpha": {"stance": "Go.", "perception": [reading]}}}
    new, notes = migrate_issue(data, ["alpha", "beta", "gamma"], "x.yaml")
    assert new["positions"]["alpha"] == {
        "readings": [{"id": "they-stall", **reading}],
    }
    assert notes == [
        Note("x.yaml", "positions.alpha.stance", left_out("Go.")),
        Note(
            "x.yaml",
            "positions.alpha.readings[0].of",
            "schema 1 did not record whom this reading reads, and there are 3 parties; add "
            "`of:` with one of beta, gamma",
        ),
    ]


# --- the folder ------------------------------------------------------------------------------


def test_migrating_the_two_party_set_writes_the_reviewed_files(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "v2"
    before = tree(V1)
    result = run("migrate", str(V1), "-o", str(out))
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        f"Wrote {out}: dataset.yaml, 2 issue files and schema/, in schema 2.",
        "7 notes to review:",
        f"  {out}/dataset.yaml: facts[0].voice: {NO_VOICE}",
        f"  {out}/dredging.yaml: positions.north.stance: "
        + attributed("north", "the Northland port authority", "official"),
        f"  {out}/dredging.yaml: positions.south.stance: "
        + attributed("south", "the Southland government", "government"),
        f"  {out}/dredging.yaml: common_ground[0].voice: {NO_VOICE}",
        f"  {out}/tolls.yaml: positions.north.stance: {left_out('Tolls are fair.')}",
        f"  {out}/tolls.yaml: positions.south.stance: {left_out('Tolls are too high.')}",
        f"  {out}/memo.txt: not copied (not part of a dataset); copy it if still needed",
        "Review them, then check the folder with:",
        f"  gapcli validate -p {out}",
    ]
    for name in ("dataset.yaml", "dredging.yaml", "tolls.yaml"):
        assert (out / name).read_text(encoding="utf-8") == (GOLDEN / name).read_text("utf-8")
    assert sorted(p.name for p in (out / "schema").iterdir()) == [
        "dataset.schema.json",
        "issue.schema.json",
    ]
    assert tree(V1) == before  # DIR is never modified


def test_the_golden_files_move_analysis_and_attribute_stances() -> None:
    issue, _ = read_yaml(GOLDEN / "dredging.yaml", "dredging.yaml")
    assert issue["analysis"] == [
        {
            "id": "sees-southland-as-stalling",
            "text": "Sees Southland as stalling.",
            "by": "the memo",
            "voice": "analysis",
            "cite": [{"source": "memo", "para": 3}],
        }
    ]
    assert issue["positions"]["north"]["readings"] == []
    assert issue["positions"]["north"]["stance"] == {
        "text": "Southland caused the silt.",
        "by": "the Northland port authority",
        "voice": "official",
        "cite": [{"source": "memo", "para": 2, "quote": "silt from the southern farms"}],
    }
    text = (GOLDEN / "dredging.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:3] == [
        "# yaml-language-server: $schema=schema/issue.schema.json",
        'id: "dredging"',
        'title: "Who dredges the channel"',
    ]


def test_the_output_fails_validate_exactly_at_what_it_listed(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "v2"
    run("migrate", str(V1), "-o", str(out))
    result = run("validate", "-p", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"gapcli: error: {out}/dataset.yaml:32:5: facts[0].voice: missing required field",
        f"gapcli: error: {out}/dredging.yaml:69:5: common_ground[0].voice: missing required field",
        "gapcli: error: 2 problems found; fix them and run again.",
    ]
    for name, line in (("dataset.yaml", '    by: "the memo"\n'), ("dredging.yaml", None)):
        path = out / name
        text = path.read_text(encoding="utf-8")
        if line:
            text = text.replace(line, line + '    voice: "analysis"\n', 1)
        else:
            text = text.replace(
                '    by: "both governments"\n',
                '    by: "both governments"\n    voice: "government"\n',
            )
        path.write_text(text, encoding="utf-8")
    assert run("validate", "-p", str(out)).stdout == "OK: 2 issues, 2 parties, 1 source.\n"


def test_migrating_the_shipped_first_release(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "v2"
    result = run("migrate", str(SHIPPED_V1), "-o", str(out))
    assert result.exit_code == 1
    notes = [line.removeprefix(f"  {out}/") for line in result.stdout.splitlines()[2:-2]]
    china = ("positions.china.stance: " + attributed("china", "China", "government"),)
    assert notes == [
        f"dataset.yaml: facts[6].voice: {NO_VOICE}",
        "dataset.yaml: 2 comment lines were not carried over; copy back the ones still true",
        "blame.yaml: positions.us.stance: " + attributed("us", "the U.S. government", "government"),
        "blame.yaml: positions.china.stance: "
        + attributed("china", "China's official statements", "government"),
        "china-efforts.yaml: positions.us.stance: "
        + attributed("us", "House members from both parties", "legislature"),
        "china-efforts.yaml: positions.china.stance: "
        + attributed("china", "the Chinese government", "government"),
        "china-intent.yaml: positions.us.stance: "
        + left_out(
            "The article reports no U.S. government view on intent; U.S. opinion is split "
            "between indifference and malice."
        ),
        f"china-intent.yaml: positions.us.claims[0].voice: {NO_VOICE}",
        f"china-intent.yaml: {china[0]}",
        "china-role.yaml: positions.us.stance: "
        + attributed("us", "the United States", "government"),
        f"china-role.yaml: {china[0]}",
        "cooperation-linkage.yaml: positions.us.stance: "
        + attributed("us", "Washington", "government"),
        f"cooperation-linkage.yaml: {china[0]}",
        "governance-venues.yaml: positions.us.stance: "
        + left_out(
            "Engages global narcotics governance by building new coalitions of like-minded "
            "states around U.S. priorities."
        ),
        f"governance-venues.yaml: {china[0]}",
        "treatment-models.yaml: positions.us.stance: "
        + left_out(
            "Its model emphasizes voluntary participation, harm reduction, and reintegration "
            "into the community."
        ),
        f"treatment-models.yaml: {china[0]}",
    ]
    with pytest.raises(DataError) as caught:
        load_dataset(out)
    assert [p.split(": ", 1)[1] for p in caught.value.problems] == [
        "facts[6].voice: missing required field",
        "positions.us.claims[0].voice: missing required field",
    ]


def test_in_memory_upgrade_fills_and_records_what_schema_1_did_not_say() -> None:
    unrecorded = Unrecorded(Voice.EXPERT)
    dataset = load_dataset(SHIPPED_V1, upgrade=lambda m, i: upgrade(m, i, unrecorded=unrecorded))
    assert len(dataset.issues) == 7
    assert unrecorded.entries == {
        ("", "origin-in-china"),
        ("china-intent", "convinced-or-claiming-to-be"),
    }
    intent = dataset.issue("china-intent")
    assert intent is not None
    assert intent.positions["us"].stance is None
    assert [a.id for a in intent.analysis] == ["us-opinion-is-split-between"]


def test_in_memory_upgrade_without_a_fill_names_what_to_decide() -> None:
    with pytest.raises(DataError) as caught:
        load_dataset(V1, upgrade=upgrade)
    assert caught.value.problems == [
        f"{V1}: a schema-1 dataset, read through the migration in memory; it could not decide "
        "what is listed below. Run 'gapcli migrate DIR -o NEWDIR' on it, then review what it "
        "lists",
        f"{V1}/dataset.yaml: facts[0].voice: missing required field",
        f"{V1}/dredging.yaml: common_ground[0].voice: missing required field",
    ]


# --- refusals --------------------------------------------------------------------------------


def test_a_non_empty_output_folder_needs_force(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "v2"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    result = run("migrate", str(V1), "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"gapcli: error: {out}: folder exists and is not empty; choose a new folder, or use "
        "--force to write into it (files of the same name are replaced)\n"
    )
    assert run("migrate", str(V1), "-o", str(out), "--force").exit_code == 1
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "tolls.yaml").read_text("utf-8") == (GOLDEN / "tolls.yaml").read_text("utf-8")


def test_never_writes_into_the_folder_it_reads(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "v1"
    shutil.copytree(V1, source)
    before = tree(source)
    for out in (source, source / "v2"):
        result = run("migrate", str(source), "-o", str(out), "--force")
        assert result.exit_code == 1
        assert result.stderr == (
            f"gapcli: error: {out}: is inside {source}; migrate never writes into the folder it "
            "reads, so choose a new folder outside it\n"
        )
    assert tree(source) == before


def test_a_schema_2_folder_is_one_clear_error(run: Run, tmp_path: Path) -> None:
    result = run("migrate", str(DATA / "two-party"), "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"gapcli: error: {DATA / 'two-party' / 'dataset.yaml'}: already schema 2; there is "
        "nothing to migrate (check it with 'gapcli validate')\n"
    )
    assert not (tmp_path / "out").exists()
    with pytest.raises(GapcliError, match="unknown schema 3"):
        meta, _ = read_yaml(V1 / "dataset.yaml", "dataset.yaml")
        from gapcli.authoring.migrate import already_migrated

        already_migrated({**meta, "schema": 3}, "dataset.yaml")


def test_a_clean_migration_exits_0(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "v1"
    source.mkdir()
    shutil.copy(V1 / "dataset.yaml", source)
    meta = source / "dataset.yaml"
    meta.write_text(
        meta.read_text("utf-8").replace(
            '    by: "the memo"\n    cite:',
            '    by: "the memo"\n    voice: "analysis"\n    cite:',
            1,
        ),
        encoding="utf-8",
    )
    issue = (V1 / "tolls.yaml").read_text("utf-8")
    (source / "tolls.yaml").write_text(
        issue.replace('    stance: "Tolls are fair."\n', "    claims: []\n")
        .replace('    stance: "Tolls are too high."\n', "    claims: []\n")
        .replace("related: [dredging]", "related: []"),
        encoding="utf-8",
    )
    meta.write_text(meta.read_text("utf-8").replace("issues: [dredging]", "issues: []"), "utf-8")
    out = tmp_path / "v2"
    result = run("migrate", str(source), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"Wrote {out}: dataset.yaml, 1 issue file and schema/, in schema 2.",
        "Nothing to review; check the folder with:",
        f"  gapcli validate -p {out}",
    ]
    checked = run("validate", "-p", str(out))
    assert checked.exit_code == 0
    assert checked.stderr == (  # schema 1 had no quote for the gap: a warning, not an error
        f"gapcli: warning: {out}/tolls.yaml:16:3: gap.cite: the gap cites no words of the "
        "source; add the `quote` it rests on\n"
    )


def test_migrate_help_documents_the_exit_status(run: Run) -> None:
    result = run("migrate", "--help")
    assert result.exit_code == 0
    said = " ".join(result.stdout.split())
    assert "Exit status: 0 when there is nothing to review, 1 when notes are listed" in said
    assert "gapcli migrate old-positions -o positions-v2" in result.stdout
