"""The paragraph rule (defined once, in gapcli.sources.paragraphs) and matching words in a text:
tolerant of quotes, dashes, spacing and case, always returning the source's own characters."""

from __future__ import annotations

import pytest

from gapcli.sources.paragraphs import SourceText, spans, split_paragraphs
from gapcli.sources.verify import paragraphs

from helpers import ARTICLE


def test_a_paragraph_is_a_line_with_visible_text() -> None:
    text = "\ufeffTitle\n\nOne.\r\nTwo.\rThree\u2028still three.\n \t\n\u200b\nFour.\n"
    assert split_paragraphs(text) == ["Title", "One.", "Two.", "Three\u2028still three.", "Four."]


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article is not beside the checkout")
def test_the_shipped_article_is_numbered_as_before() -> None:
    """The rule before this module (every non-empty line) and this one agree on the article."""
    text = ARTICLE.read_text(encoding="utf-8")
    before = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert len(paragraphs(text)) == 25
    assert [p.replace("’", "'").replace("“", '"').replace("”", '"') for p in before] == [
        p.replace("’", "'") for p in paragraphs(text)
    ]


def test_spans_are_the_sources_own_characters() -> None:
    para = "It said “no  more” — twice — and left."
    assert [para[s:e] for s, e in spans(para, '"no more" - twice')] == ["“no  more” — twice"]
    assert spans(para, "NO MORE") == []
    assert [para[s:e] for s, e in spans(para, "NO MORE", fold_case=True)] == ["no  more"]
    assert spans(para, "   ") == []


def test_find_lists_every_passage_in_order() -> None:
    text = SourceText.parse("A cat.\n\nThe cat sat.\nNo dog.\n")
    assert [(p.para, p.text) for p in text.find("CAT")] == [(1, "cat"), (2, "cat")]
    assert [p.para for p in text.find("cat", limit=1)] == [1]


def test_exact_relocated_and_nearest() -> None:
    text = SourceText.parse("Ship traffic doubled in two years.\nThere is silt from the farms.\n")
    assert text.verbatim("traffic  doubled", 1)
    assert not text.verbatim("traffic doubled", 3)
    assert text.exact("there is silt", 1) is None
    assert text.exact("two years", 9) is None
    moved = text.relocated("silt from the farms", 1)
    assert moved is not None and (moved.para, moved.text) == (2, "silt from the farms")
    assert text.relocated("nowhere at all", 1) is None
    near = text.nearest("silt from the southern farms", 1)
    assert near is not None and (near.para, near.text) == (2, "silt from the farms")
    assert text.nearest("zebra quantum", 1) is None
    assert text.nearest("", 1) is None
    near = text.nearest("Ship traffic doubled in two-years", 2, everywhere=True)
    assert near is not None and near.text == "Ship traffic doubled in two years"
