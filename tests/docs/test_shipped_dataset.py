"""The shipped dataset: valid, complete for both parties, every quote verbatim in the article."""

from __future__ import annotations

import pytest

from gapcli.domain.models import Dataset, Voice
from gapcli.domain.text import attribution
from gapcli.domain.walk import iter_citations
from gapcli.loader import load_dataset
from gapcli.render.markdown import md
from gapcli.views.sides import sides

from helpers import ARTICLE, REPO, Run

REQUIRED = {
    "china-role",
    "china-efforts",
    "cooperation-linkage",
    "blame",
    "china-intent",
    "governance-venues",
    "treatment-models",
}


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(REPO / "positions")


def test_shipped_dataset_validates(run: Run) -> None:
    result = run("validate")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: ")


@pytest.mark.skipif(not ARTICLE.is_file(), reason=f"source text not present at {ARTICLE}")
def test_every_quote_is_verbatim_in_the_article(run: Run) -> None:
    result = run("validate", "--source-text", f"fp2024={ARTICLE}")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "quotes verbatim in fp2024." in result.stdout


def test_required_issues_exist_and_are_complete(shipped: Dataset) -> None:
    assert {issue.id for issue in shipped.issues} >= REQUIRED
    assert [p.id for p in shipped.meta.parties] == ["us", "china"]
    for issue in shipped.issues:
        assert set(issue.positions) == {"us", "china"}, issue.id
        assert any(p.stance or p.entries() for p in issue.positions.values()), issue.id
        assert issue.gap.what and issue.gap.why_it_matters, issue.id


def test_every_substantive_paragraph_is_cited(shipped: Dataset) -> None:
    cited = {cite.para for _, cite in iter_citations(shipped.meta)}
    for issue in shipped.issues:
        cited |= {cite.para for _, cite in iter_citations(issue)}
    assert set(range(1, 24)) <= cited
    assert 25 not in cited  # the feed footer is not the article


def test_the_articles_analysis_is_the_articles_and_never_a_sides(shipped: Dataset) -> None:
    analysis = [entry for issue in shipped.issues for entry in issue.analysis]
    assert analysis and all(e.by.startswith("the article") for e in analysis)
    for issue in shipped.issues:
        for position in issue.positions.values():
            assert all(e.voice is not Voice.ANALYSIS for _, e in position.entries()), issue.id
            assert position.stance is None or position.stance.official, issue.id


def test_every_view_labels_each_voice_and_keeps_sides_apart(shipped: Dataset, run: Run) -> None:
    """In compare and the briefing, every entry under a side shows its voice; other voices
    sit in their own labelled row, after the official rows; no analysis under a side."""
    brief = run("export", "--full").stdout
    for issue in shipped.issues:
        out = run("compare", issue.id, columns=400).stdout
        rows = [line for line in out.splitlines() if line.startswith("│")]
        labels = [row.split("│")[1].strip() for row in rows]
        others = [i for i, label in enumerate(labels) if label == "Other"]  # "Other / voices"
        official = rows[: others[0]] if others else rows
        for side in sides(issue, shipped):
            for entry in [*side.claims, *side.readings, *side.asks]:
                assert entry.official and any(attribution(entry) in r for r in official)
                assert attribution(entry) in brief
            for _, entry in side.others:
                assert not entry.official
                assert any(attribution(entry) in r for r in rows[others[0] :])
                assert attribution(entry) in brief
        # The source's voice shows under a side only as its assessment of a reading.
        assessed = [
            r.assessment
            for p in issue.positions.values()
            for r in p.readings
            if r.assessment is not None and r.assessment.voice is Voice.ANALYSIS
        ]
        assert "".join(rows).count(" · analysis") == len(assessed), issue.id
        assert "".join(rows).count("The source's assessment:") == len(assessed), issue.id
        section = brief.split(f". {md(issue.title)}\n", 1)[1].split("\n### ", 1)[0]
        table = [line for line in section.splitlines() if line.startswith("| **")]
        assert "".join(table).count(" · analysis*") == len(assessed), issue.id
        if issue.analysis:
            assert "The article's analysis" in out
            assert "**The article's analysis.**" in section


def test_unknown_source_fields_stay_empty(shipped: Dataset) -> None:
    (source,) = shipped.meta.sources
    assert (source.id, source.url, source.paragraphs) == ("fp2024", None, 24)
