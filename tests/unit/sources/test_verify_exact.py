"""Quote verification, exactly: ``validate`` accepts a quote only when the whole quote stands in
the cited paragraph, says where a misplaced quote is, and proposes only the fixes that need no
judgement.

Written to kill the mutants that survived the rest of the suite (docs/testing.md): each test
pins one behaviour of gapcli.sources.verify (and the matching in gapcli.sources.paragraphs it relies on),
through ``check_quotes`` and ``parse_source_texts`` on a small in-memory dataset, or through the
CLI where the message is what a user sees.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from gapcli.domain.models import Dataset, DatasetFile, Origin
from gapcli.errors import DataError, UsageError
from gapcli.loader import Checked, Failed, load_files
from gapcli.sources.paragraphs import Index, SourceText, spans
from gapcli.sources.texts import Text, dataset_texts, text_file
from gapcli.sources.verify import (
    MAX_SOURCE_BYTES,
    Fix,
    QuoteCheck,
    check_quotes,
    normalise,
    paragraphs,
    parse_source_texts,
)

from helpers import MINIMAL, Run

SOURCE = [
    "The parties met in Midtown in May under the Chatham House Rule.",
    "Ship traffic doubled in two years, and there is silt from the southern farms.",
    "Talks resumed in June; a joint survey was made late last year.",
    "Both want an open channel; a joint survey would help.",
]
WHERE = "mem/alpha.yaml:15:9: positions.north.claims[0].cite[0]"


def dataset(
    cites: list[tuple[str, int, str]], *, origins: bool = True, dialogue: str = ""
) -> Dataset:
    """The minimal dataset with claim c1 citing ``(source, para, quote)`` for each cite; two
    sources (``memo`` and ``notes``) of 20 paragraphs each may be cited. ``dialogue`` adds a
    quote of notes ¶1 to the dataset file; without ``origins`` no file is known."""
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    meta["sources"] = [
        {"id": s, "title": s, "publisher": "Test Press", "paragraphs": 20}
        for s in ("memo", "notes")
    ]
    if dialogue:
        meta["dialogue"] = {"cite": [{"source": "notes", "para": 1, "quote": dialogue}]}
    issue: dict[str, Any] = yaml.safe_load((MINIMAL / "alpha.yaml").read_text("utf-8"))
    issue["positions"]["north"]["claims"][0]["cite"] = [
        {"source": s, "para": p, "quote": q} for s, p, q in cites
    ]
    files = {"dataset.yaml": yaml.safe_dump(meta), "alpha.yaml": yaml.safe_dump(issue)}
    loaded = load_files("mem", {name: text.encode() for name, text in files.items()})
    return loaded if origins else Dataset(loaded.meta, loaded.issues)


def text(paras: list[str], source: str = "memo") -> Text:
    """A source text of these paragraphs (one a line)."""
    return Text(source, f"{source}.txt", SourceText.parse("\n".join(paras) + "\n"), "")


def check(paras: list[str], para: int, quote: str) -> QuoteCheck:
    """check_quotes for one quote of memo (whose paragraphs are ``paras``)."""
    found = check_quotes(dataset([("memo", para, quote)]), {"memo": text(paras)})
    assert found.checked == 1
    return found


def verdict(paras: list[str], para: int, quote: str) -> str:
    """``ok``, or what follows ``quote is not verbatim in memo ¶N`` in the one problem."""
    found = check(paras, para, quote).problems
    if not found:
        return "ok"
    assert len(found) == 1
    head = f"{WHERE}.quote: quote is not verbatim in memo ¶{para}"
    assert found[0].startswith(head)
    return found[0].removeprefix(head).removeprefix("; ")


NOWHERE = "not found anywhere in the text"


# The whole quote, not a part of it (issue #20: a prefix check passed the whole suite).


def test_a_whole_quote_in_its_paragraph_is_verbatim() -> None:
    assert verdict(SOURCE, 2, "Ship traffic doubled in two years, and there is silt") == "ok"
    assert check(SOURCE, 2, "Ship traffic doubled").fixes == []


@pytest.mark.parametrize(
    "quote",
    [
        # the first 40 characters are right, the ending is not
        "Ship traffic doubled in two years, and there is silt from the southern farmz",
        "Ship traffic doubled in two years, and there is silt from the northern farms.",
        # longer than the paragraph: all of it, then more
        SOURCE[1] + " And more.",
        # differs only in the middle
        "Ship traffic doubled in ten years, and there is silt from the southern farms.",
        "Ship traffic doubled in two years, and there is salt from the southern farms.",
    ],
)
def test_a_quote_differing_anywhere_is_reported(quote: str) -> None:
    found = check(SOURCE, 2, quote)
    assert found.problems[0].startswith(
        f"{WHERE}.quote: quote is not verbatim in memo ¶2; {NOWHERE}"
    )
    assert len(found.problems) == 1
    assert found.fixes == []


def test_a_quote_longer_than_its_whole_paragraph_is_reported() -> None:
    assert verdict(["Short."], 1, "Short. Longer") == f'{NOWHERE}; nearest: ¶1 "Short"'


def test_a_quote_in_the_last_paragraph_is_verbatim() -> None:
    assert verdict(SOURCE, 4, "would help.") == "ok"
    assert verdict(SOURCE, 4, "Both want an open channel; a joint survey would help.") == "ok"


def test_a_paragraph_past_the_end_of_the_text_is_reported() -> None:
    assert verdict(SOURCE, 5, "would help.") == "it is in paragraph 4"
    assert verdict(SOURCE, 9, "Both want") == "it is in paragraph 4"


def test_typography_and_wrapping_do_not_count() -> None:
    assert (
        normalise(" \u2018a\u2019\t\n \u201cb\u201d  c\u201a\u201b\u201e\u201f ")
        == "'a' \"b\" c''\"\""
    )
    assert normalise("one  two\u00a0three") == "one two three"
    assert paragraphs("  One  line\n\n\u201cTwo\u201d\tlines  \n \n") == ["One line", '"Two" lines']
    assert verdict(["\u201cShip  traffic\u201d\tdoubled"], 1, '"Ship traffic" doubled') == "ok"


# What a quote found in its paragraph with other dashes, quotes or spacing gets.


def test_a_quote_with_other_dashes_is_reported_with_the_sources_characters() -> None:
    found = check(["Talks \u2014 at last \u2014 resumed in June."], 1, "Talks - at last - resumed")
    assert found.problems == [
        f"{WHERE}.quote: quote is not verbatim in memo ¶1; it differs only in dashes, quotes or "
        "spacing ('gapcli validate --fix' fixes it)"
    ]
    assert found.fixes == [
        Fix(
            found.fixes[0].origin,
            ("positions", "north", "claims", 0, "cite", 0, "quote"),
            "Talks - at last - resumed",
            "Talks \u2014 at last \u2014 resumed",
            '"Talks - at last - resumed" -> "Talks \u2014 at last \u2014 resumed" '
            "(the source's own characters)",
        )
    ]
    assert found.fixes[0].origin.path == "mem/alpha.yaml"
    assert found.fixes[0].shown() == (
        f"{WHERE}.quote: "
        '"Talks - at last - resumed" -> "Talks \u2014 at last \u2014 resumed" '
        "(the source's own characters)"
    )


def test_a_verbatim_quote_with_other_quote_marks_gets_the_sources_characters() -> None:
    """Curly quotes count as straight ones (verbatim, no problem), but the fix writes the
    source's own; a quote already in the source's characters needs no fix."""
    found = check(["He said \u201cno\u201d twice."], 1, 'said "no" twice')
    assert found.problems == []
    assert [(f.was, f.value) for f in found.fixes] == [
        ('said "no" twice', "said \u201cno\u201d twice")
    ]
    assert check(["He said \u201cno\u201d twice."], 1, "said \u201cno\u201d").fixes == []


def test_a_quote_in_another_paragraph_gets_its_number_and_no_other_fix() -> None:
    found = check(SOURCE, 1, "a joint survey would help")
    assert found.problems == [
        f"{WHERE}.quote: quote is not verbatim in memo ¶1; it is in paragraph 4"
    ]
    assert [(f.loc, f.was, f.value, f.why) for f in found.fixes] == [
        (
            ("positions", "north", "claims", 0, "cite", 0, "para"),
            1,
            4,
            "1 -> 4 (the quote is in paragraph 4)",
        )
    ]


def test_a_quote_in_another_paragraph_with_other_dashes_gets_both_fixes() -> None:
    paras = ["filler", "filler", "The survey \u2013 a joint one \u2013 would help."]
    found = check(paras, 1, "survey - a joint one - would")
    assert found.problems == [
        f"{WHERE}.quote: quote is not verbatim in memo ¶1; it is in paragraph 3, with other "
        "dashes, quotes or spacing"
    ]
    assert [(f.loc[-1], f.was, f.value) for f in found.fixes] == [
        ("para", 1, 3),
        ("quote", "survey - a joint one - would", "survey \u2013 a joint one \u2013 would"),
    ]


def test_a_quote_in_another_paragraph_with_curly_quotes_gets_both_fixes() -> None:
    paras = ["filler", "filler", "filler", "He said \u201cno\u201d twice."]
    found = check(paras, 1, 'said "no" twice')
    assert found.problems == [
        f"{WHERE}.quote: quote is not verbatim in memo ¶1; it is in paragraph 4"
    ]
    assert [(f.loc[-1], f.was, f.value) for f in found.fixes] == [
        ("para", 1, 4),
        ("quote", 'said "no" twice', "said \u201cno\u201d twice"),
    ]


def test_a_quote_found_nowhere_names_the_nearest_passage() -> None:
    assert verdict(SOURCE, 2, "silt from the northern farms") == (
        f'{NOWHERE}; nearest: ¶2 "silt from the southern farms"'
    )
    assert verdict(SOURCE, 2, "zebra quantum") == NOWHERE
    # with no whole word known, the nearest passage is looked for around the cited paragraph
    paras = [f"filler {n}" for n in range(1, 11)]
    paras[7] = "the silt comes from the southern farms"
    assert verdict(paras, 8, "silt comez frum thee southernn farms") == (
        f'{NOWHERE}; nearest: ¶8 "silt comes from the southern farms"'
    )


# Where a misplaced quote is: the paragraphs holding its rarest whole word.


def test_a_two_word_quote_is_found_far_from_its_citation() -> None:
    paras = [f"filler {n}" for n in range(1, 10)] + ["alpha beta"]
    assert verdict(paras, 1, "alpha beta") == "it is in paragraph 10"


def test_the_first_and_last_words_may_be_cut_so_they_do_not_choose_the_paragraph() -> None:
    # "x" is a whole word only in paragraph 1; the quote's "x" is the end of "prefixx".
    paras = ["x marks it", "filler", "filler", "filler", "prefixx y zed"]
    assert verdict(paras, 2, "x y zed") == "it is in paragraph 5"


def test_the_rarest_inner_word_chooses_the_paragraphs_tried() -> None:
    # "the" is in every paragraph: the first eight would not hold the quote; "rare" is only
    # in paragraph 10, which does.
    paras = [f"the filler {n}" for n in range(1, 10)] + ["a the rare b"]
    assert verdict(paras, 1, "a the rare b") == "it is in paragraph 10"
    assert verdict(paras, 1, "the filler 3") == "it is in paragraph 3"


# A quote of cut words only ("lo wor" of "hello world") is looked for near its citation:
# two paragraphs either side, within the text.

NEAR = [f"filler {n}" for n in range(1, 11)]


@pytest.mark.parametrize(
    ("cited", "at", "expected"),
    [
        (5, 3, "it is in paragraph 3"),
        (5, 4, "it is in paragraph 4"),
        (5, 6, "it is in paragraph 6"),
        (5, 7, "it is in paragraph 7"),
        (5, 2, None),
        (5, 8, None),
        (2, 1, "it is in paragraph 1"),
        (9, 10, "it is in paragraph 10"),
        (12, 10, "it is in paragraph 10"),
    ],
)
def test_a_quote_of_cut_words_is_looked_for_near_its_citation(
    cited: int, at: int, expected: str | None
) -> None:
    paras = [*NEAR]
    paras[at - 1] = "hello world"
    found = verdict(paras, cited, "lo wor")
    if expected is None:
        assert found.startswith(NOWHERE)
    else:
        assert found == expected


def test_each_source_is_searched_for_its_own_quotes() -> None:
    memo = text(["filler", "filler", "filler", "silt from the farms"])
    notes = text(["filler", "filler", "filler", "filler", "filler", "traffic doubled twice"])
    cites = [("memo", 1, "from the farms"), ("notes", 1, "doubled twice")]
    found = check_quotes(dataset(cites), {"memo": memo, "notes": notes})
    assert found.checked == 2
    assert [p.rpartition("; ")[2] for p in found.problems] == [
        "it is in paragraph 4",
        "it is in paragraph 6",
    ]


def test_a_quote_of_a_source_without_a_text_is_not_checked() -> None:
    cites = [("memo", 1, "not in it"), ("notes", 1, "nor this")]
    found = check_quotes(dataset(cites), {"notes": text(["nor this"], "notes")})
    assert (found.checked, found.problems, found.fixes) == (1, [], [])


def test_without_line_numbers_a_problem_names_the_issue_or_the_dataset_file() -> None:
    data = dataset([("memo", 1, "not in it")], origins=False, dialogue="nor this")
    found = check_quotes(data, {"memo": text(["text"]), "notes": text(["text"], "notes")})
    assert (found.checked, found.problems) == (
        2,
        [
            f"dataset.yaml: dialogue.cite[0].quote: quote is not verbatim in notes ¶1; {NOWHERE}",
            f"alpha: positions.north.claims[0].cite[0].quote: quote is not verbatim in memo ¶1; "
            f"{NOWHERE}",
        ],
    )


def test_with_line_numbers_a_problem_names_the_file_line_and_column() -> None:
    data = dataset([("memo", 1, "not in it")], dialogue="nor this")
    found = check_quotes(data, {"memo": text(["text"]), "notes": text(["text"], "notes")})
    assert [p.partition(": ")[0] for p in found.problems] == [
        "mem/dataset.yaml:4:5",
        "mem/alpha.yaml:15:9",
    ]


# Quotes of issue files that failed validation are checked too (their well-formed citations).


def test_the_quotes_of_an_issue_file_that_failed_validation_are_checked() -> None:
    data = {
        "id": "broken",
        "gap": {
            "cite": [
                {"source": "memo", "para": 1, "quote": "not in it"},
                {"source": "memo", "para": 1, "quote": "text"},
                {"source": "memo", "para": 0, "quote": "para zero is not checked"},
                {"source": "memo", "para": 1, "quote": 12},
                {"source": "memo", "para": 1},
                {"source": "other", "para": 1, "quote": "no text for this source"},
            ]
        },
    }
    failed = Failed(data, Origin("ds/broken.yaml"), [])
    found = check_quotes(None, {"memo": text(["text"])}, Checked(None, failed=[failed]))
    assert (found.checked, found.problems) == (
        2,
        [f"ds/broken.yaml: gap.cite[0].quote: quote is not verbatim in memo ¶1; {NOWHERE}"],
    )


def test_no_dataset_and_nothing_failed_checks_nothing() -> None:
    assert check_quotes(None, {"memo": text(["text"])}) == QuoteCheck()


# --source-text SOURCE_ID=PATH


@pytest.mark.parametrize("spec", ["=x.txt", "memo=", "=", "memo"])
def test_a_source_text_option_needs_an_id_and_a_path(spec: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_source_texts([spec], dataset([("memo", 1, "x")]))
    assert str(caught.value) == (
        f"--source-text {spec!r}: expected SOURCE_ID=PATH, e.g. fp2024=article.txt"
    )


def test_a_source_text_path_may_hold_an_equals_sign(tmp_path: Path) -> None:
    path = tmp_path / "a=b.txt"
    path.write_text("One.\n\nTwo.\n", encoding="utf-8")
    texts = parse_source_texts([f"memo={path}"], dataset([("memo", 1, "x")]))
    assert list(texts) == ["memo"]
    read = texts["memo"]
    assert (read.source, read.shown, read.text.paras) == ("memo", str(path), ["One.", "Two."])
    assert read.sha256 == hashlib.sha256(b"One.\n\nTwo.\n").hexdigest()


def test_an_unknown_source_lists_every_declared_one() -> None:
    with pytest.raises(UsageError) as caught:
        parse_source_texts(["nope=x.txt"], dataset([("memo", 1, "x")]))
    assert (
        str(caught.value)
        == "--source-text 'nope=x.txt': unknown source 'nope'; declared: memo, notes"
    )


def test_a_source_text_may_be_larger_than_a_dataset_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(b"word " * 300_000 + b"\nlast\n")  # 1.5 MB: over the 1 MiB of a YAML file
    texts = parse_source_texts([f"memo={path}"], dataset([("memo", 1, "x")]))
    assert texts["memo"].text.paras[-1] == "last"


def test_a_source_text_over_16_mib_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(UsageError) as caught:
        parse_source_texts([f"memo={path}"], dataset([("memo", 1, "x")]))
    assert str(caught.value) == (
        f"--source-text 'memo={path}': {path}: file is 16,777,217 bytes; the limit is 16,777,216"
    )


def test_a_source_text_that_is_not_utf8_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\u00e9\n".encode("latin-1"))
    result = run("validate", "-p", MINIMAL, "--source-text", f"memo={path}")
    assert (result.exit_code, result.stderr) == (
        2,
        f"gapcli: error: --source-text 'memo={path}': {path}: not UTF-8 (invalid continuation byte); "
        "save the text as UTF-8\n",
    )


# Matching, exactly (gapcli.sources.paragraphs): the source's own characters, every match, the
# paragraphs tried for a misplaced quote.


def test_folding_case_folds_the_paragraph_too_and_keeps_offsets() -> None:
    assert spans("It said NO", "no", fold_case=True) == [(8, 10)]
    assert spans("\u212a", "k", fold_case=True) == [(0, 1)]  # KELVIN SIGN lower-cases to k
    # "İ" lower-cases to two characters: it is kept as it is, so offsets stay the source's
    assert spans("\u0130x abc", "abc", fold_case=True) == [(3, 6)]


def test_trailing_white_space_of_the_words_does_not_count() -> None:
    assert spans("abc", "abc \t") == [(0, 3)]
    assert spans("abc", " \n abc") == [(0, 3)]


def test_every_match_is_found_in_order() -> None:
    assert spans("a b a", "a") == [(0, 1), (4, 5)]
    assert spans("a a a", "a") == [(0, 1), (2, 3), (4, 5)]
    assert spans("aaaa", "aa") == [(0, 2), (2, 4)]


def test_the_cited_paragraph_and_its_neighbours_are_tried_first() -> None:
    index = Index(["a", "b", "c", "d", "e"])
    assert [index.candidates("x y z", cited) for cited in (1, 3, 5)] == [
        [1, 2],
        [2, 3, 4],
        [4, 5],
    ]


def test_the_paragraphs_of_the_rarest_inner_word_are_tried_next() -> None:
    paras = [f"common {n}" for n in range(1, 6)] + ["rare"] + [f"f {n}" for n in range(7, 11)]
    assert Index(paras).candidates("x common rare y", 10) == [9, 10, 6]
    cut = Index(["x marks it", "filler", "filler", "filler", "prefixx y zed"])
    assert cut.candidates("x y zed", 3) == [2, 3, 4, 5]  # not 1: "x" may be cut
    two = Index([f"filler {n}" for n in range(1, 10)] + ["alpha beta"])
    assert two.candidates("alpha beta", 1) == [1, 2, 10]  # two words: both are inner


# Source texts on disk (gapcli.sources.texts): the files a dataset names, read and checked.


def meta_with(sources: list[dict[str, Any]]) -> DatasetFile:
    meta: dict[str, Any] = yaml.safe_load((MINIMAL / "dataset.yaml").read_text("utf-8"))
    meta["sources"] = sources
    return DatasetFile.model_validate(meta)


def test_every_source_with_a_text_is_read_but_those_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Three.\n", encoding="utf-8")
    sources = [
        {"id": "a", "title": "A", "publisher": "P", "paragraphs": 1},
        {"id": "b", "title": "B", "publisher": "P", "paragraphs": 2, "text": "b.txt"},
        {"id": "c", "title": "C", "publisher": "P", "paragraphs": 1, "text": "c.txt"},
    ]
    origin = Origin("ds/dataset.yaml")
    texts, problems = dataset_texts(meta_with(sources), origin, tmp_path, set())
    assert (list(texts), problems) == (["b", "c"], [])
    assert (texts["b"].source, texts["b"].shown, texts["b"].text.paras) == (
        "b",
        str(tmp_path / "b.txt"),
        ["One.", "Two."],
    )
    texts, problems = dataset_texts(meta_with(sources), origin, tmp_path, {"b"})
    assert (list(texts), problems) == (["c"], [])
    assert texts["c"].sha256 == hashlib.sha256(b"Three.\n").hexdigest()
    missing = {"id": "m", "title": "M", "publisher": "P", "paragraphs": 1, "text": "m.txt"}
    texts, problems = dataset_texts(meta_with([missing, *sources]), origin, tmp_path, set())
    assert list(texts) == ["b", "c"]
    assert problems == [
        f"ds/dataset.yaml: sources[0].text: {tmp_path / 'm.txt'}: cannot read file: No such "
        "file or directory"
    ]


def test_a_changed_text_and_a_wrong_paragraph_count_are_named(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("One.\nTwo.\n", encoding="utf-8")
    digest = hashlib.sha256(b"One.\nTwo.\n").hexdigest()
    recorded = {"text": "b.txt", "sha256": "0" * 64, "paragraphs": 3}
    source = {"id": "b", "title": "B", "publisher": "P", **recorded}
    texts, problems = dataset_texts(meta_with([source]), Origin("ds/dataset.yaml"), tmp_path, set())
    assert list(texts) == ["b"]
    assert problems == [
        f"ds/dataset.yaml: sources[0].sha256: b.txt has changed since this hash was recorded (it "
        f"is now {digest}); check the quotes citing 'b', then record the new hash",
        "ds/dataset.yaml: sources[0].paragraphs: 3 declared, but b.txt has 2 paragraphs (see "
        "'gapcli source show b'); write paragraphs: 2",
    ]
    exact = {**source, "sha256": digest, "paragraphs": 2}
    assert dataset_texts(meta_with([exact]), Origin("d"), tmp_path, set())[1] == []


def test_a_text_outside_the_dataset_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        text_file(tmp_path, "../x.txt")
    assert caught.value.problems == [
        "'../x.txt' is not inside the dataset folder; give a path relative to it, without '..' "
        "(e.g. sources/report.txt)"
    ]
