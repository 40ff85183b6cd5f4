"""The brief (``gapcli export`` by default, ``gapcli brief`` on the terminal): short, judgement
first, every sentence made of fixed wording and values traced to named entries, each ¶ after
the entry it cites; word limits held on the shipped dataset and a generated 20-issue one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gapcli.document import brief as core
from gapcli.document.brief import (
    PHRASES,
    Brief,
    Options,
    Span,
    build,
    model_at,
    sentences,
    value_of,
    words,
)
from gapcli.domain.models import Dataset
from gapcli.loader import load_dataset
from gapcli.render.brief_markdown import brief_markdown

from helpers import DATA, REPO, THREE, TWO, Run, generator, lines, split_front_matter

SHIPPED = REPO / "positions"
DATE = "2024-11-29"


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(SHIPPED)


@pytest.fixture(scope="module")
def twenty(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("twenty")
    generator().generate(folder, count=20, seed=1)
    return load_dataset(folder)


def body_words(markdown: str) -> int:
    """Words a reader sees: the Markdown body (front matter left out), as ``words`` counts."""
    return words(split_front_matter(markdown)[1])


def test_the_shipped_brief_fits_its_limits(shipped: Dataset) -> None:
    whole = build(shipped, shipped.issues, DATE, Options())
    assert body_words(brief_markdown(whole)) <= core.LIMIT_MANY
    assert [s.issue.id for s in whole.issues] == [i.id for i in shipped.issues]  # all detailed
    assert whole.left_out is None
    for issue in shipped.issues:
        one = build(shipped, [issue], DATE, Options())
        assert body_words(brief_markdown(one)) <= core.LIMIT_ONE, issue.id
        assert one.issues[0].question is not None  # room for the question


def test_a_20_issue_brief_names_what_it_leaves_out(twenty: Dataset) -> None:
    whole = build(twenty, twenty.issues, DATE, Options())
    text = brief_markdown(whole)
    assert body_words(text) <= core.LIMIT_MANY
    detailed = len(whole.issues)
    assert 0 < detailed < 20
    assert whole.left_out is not None
    assert f"{20 - detailed} more issues are not detailed here: " in text
    for issue in twenty.issues[:5]:
        assert body_words(brief_markdown(build(twenty, [issue], DATE, Options()))) <= 400


def spans_of(brief: Brief) -> list[Span]:
    return [span for sentence in sentences(brief) for span in sentence]


@pytest.mark.parametrize("folder", [SHIPPED, TWO, THREE, DATA / "explore"], ids=lambda p: p.name)
def test_every_sentence_is_fixed_wording_or_a_named_entry_and_each_ref_its_own(
    folder: Path,
) -> None:
    dataset = load_dataset(folder)
    brief = build(dataset, dataset.issues, DATE, Options())
    multi = len(dataset.meta.sources) > 1
    for span in spans_of(brief):
        if span.where is None:
            assert re.sub(r"\d+", "N", span.text) in PHRASES, span.text
            assert not span.cites and not span.refs
            continue
        assert value_of(dataset, span.where) == span.text, span.where
        owned = getattr(model_at(dataset, span.where), "cite", [])
        assert all(cite in owned for cite in span.cites), span.where
        shown = [f"{c.source} ¶{c.para}" if multi else f"¶{c.para}" for c in span.cites]
        assert span.refs == ", ".join(dict.fromkeys(shown))


def test_every_paragraph_mark_in_the_brief_follows_its_entry(shipped: Dataset) -> None:
    """Each ``¶N`` in the Markdown is one of the references written after an entry's own
    text (or stands in that text itself), so a reader can look it up in one step."""
    brief = build(shipped, shipped.issues, DATE, Options(quotes=True))
    text = brief_markdown(brief)
    body = text[: text.index("## Quotes")]
    in_refs = sum(len(re.findall(r"¶\d+", s.refs)) for s in spans_of(brief))
    in_text = sum(len(re.findall(r"¶\d+", s.text)) for s in spans_of(brief))
    assert len(re.findall(r"¶\d+", body)) == in_refs + in_text
    cited = {f"¶{c.para}" for s in spans_of(brief) for c in s.cites}
    quoted = re.findall(r"^- (¶\d+)", text[text.index("## Quotes") :], re.MULTILINE)
    assert set(quoted) == cited


def test_the_bottom_line_says_what_kind_each_gap_is_and_what_is_asked(shipped: Dataset) -> None:
    brief = build(shipped, shipped.issues, DATE, Options())
    bottom = [core.sentence_text(s) for s in brief.bottom_line]
    assert bottom[0] == (
        "2 of 7 gaps are about facts and evidence: China's role in the fentanyl supply chain; "
        "Who is to blame for the crisis."
    )
    assert any(s.startswith("Where the sides already agree: Both acknowledge") for s in bottom)
    assert any(s.startswith("The source judges how one side reads another: ") for s in bottom)
    assert (
        "Washington asks: Continue to press Beijing for more substantial action. — U.S. "
        "officials · official ¶5." in bottom
    )
    assert bottom[-1].startswith("Recommended next steps: ")


def test_one_issue_brings_only_what_bears_on_it(run: Run) -> None:
    out = run("export", "-i", "china-role").stdout
    assert "car accidents" not in out and "swing-state" not in out  # general context: --full
    assert "## Background" in out and "¶6" in out and "\\[" not in out
    assert "generated" not in out


def test_export_writes_the_brief_with_its_metadata(run: Run) -> None:
    result = run(
        "export",
        "-p",
        TWO,
        "--title",
        "Harbour *talks*",
        "--for",
        "Round 2",
        "--marking",
        "Chatham House Rule",
    )
    assert result.exit_code == 0
    meta, body = split_front_matter(result.stdout)
    assert meta == {
        "title": "Harbour \\*talks\\*",
        "date": "29 November 2024",
        "prepared-for": "Round 2",
        "marking": "Chatham House Rule",
        "sources": ["Harbour memo, Test Press (2024)"],
    }
    assert lines(body)[:6] == [
        "",
        "# Harbour \\*talks\\*",
        "",
        "**For:** Round 2 · **Handling:** Chatham House Rule",
        "",
        "29 November 2024 · 2 issues",
    ]


def test_the_dataset_may_set_the_brief_header(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    for item in TWO.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    meta = (folder / "dataset.yaml").read_text(encoding="utf-8")
    extra = 'brief:\n  title: "Harbour note"\n  for: "Port council"\n  marking: "Restricted"\n'
    (folder / "dataset.yaml").write_text(meta + extra, encoding="utf-8")
    out = run("export", "-p", folder).stdout
    assert "# Harbour note\n\n**For:** Port council · **Handling:** Restricted\n" in out
    assert "# Other\n" in run("export", "-p", folder, "--title", "Other").stdout


def test_a_blank_title_is_refused(run: Run) -> None:
    result = run("export", "-p", TWO, "--title", " ")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "gapcli: error: --title is blank; give the text, or leave the option out\n"
    )


def test_gapcli_brief_draws_the_brief_on_the_terminal(run: Run) -> None:
    result = run("brief", "-p", TWO, "--marking", "Chatham House Rule", "-q")
    assert result.exit_code == 0
    assert lines(result.stdout)[:8] == [
        "Harbour dispute test set",
        "Handling: Chatham House Rule",
        "29 November 2024 · 2 issues",
        "",
        "Bottom line",
        "  • 2 of 2 gaps are about facts and evidence: Who dredges the channel; Harbour tolls.",
        "  • Where the sides already agree: Both want an open channel. — both governments · "
        "government ¶4.",
        "  • The source judges how one side reads another: Northport reads Southport on Who "
        "dredges the",
    ]
    assert "Quotes" in result.stdout


def test_export_on_a_terminal_draws_the_brief(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gapcli.cli.commands.export.on_terminal", lambda: True)
    drawn = run("export", "-p", TWO).stdout
    assert drawn == run("brief", "-p", TWO).stdout
    assert run("export", "-p", TWO, "--md").stdout.startswith("---\n")  # asked for Markdown
