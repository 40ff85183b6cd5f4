"""The shipped dataset: valid, complete for both parties, every quote verbatim in the article."""

from __future__ import annotations

import pytest

from gapcli.loader import iter_citations, load_dataset
from gapcli.models import Dataset, Voice

from conftest import ARTICLE, REPO, Run

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
        for party, position in issue.positions.items():
            assert position.stance, (issue.id, party)
            assert position.claims, (issue.id, party)
        assert issue.gap.what and issue.gap.why_it_matters, issue.id
        assert issue.bridges, issue.id


def test_every_substantive_paragraph_is_cited(shipped: Dataset) -> None:
    cited = {cite.para for _, cite in iter_citations(shipped.meta)}
    for issue in shipped.issues:
        cited |= {cite.para for _, cite in iter_citations(issue)}
    assert set(range(1, 24)) <= cited
    assert 25 not in cited  # the feed footer is not the article


def test_the_articles_analysis_is_attributed_to_the_article(shipped: Dataset) -> None:
    claims = [
        claim
        for issue in shipped.issues
        for position in issue.positions.values()
        for claim in (*position.claims, *position.perception, *position.asks)
    ]
    analysis = [c for c in claims if c.voice is Voice.ANALYSIS]
    assert analysis
    assert all(c.by.startswith("the article") for c in analysis)


def test_unknown_source_fields_stay_empty(shipped: Dataset) -> None:
    (source,) = shipped.meta.sources
    assert (source.id, source.url, source.paragraphs) == ("fp2024", None, 24)
