"""Escaping, exactly: what each output format makes of any dataset string.

The terminal and every renderer show invisible and control characters as visible escapes
(``gapcli.domain.text.visible``); Markdown escapes inline markup, raw HTML, autolinks and block
markers (``md``) and writes YAML front matter that reads back as written (``quoted``,
``markdown.front_matter``); JSON writes invisible characters as ``\\uXXXX`` (``dumps``);
HTML escapes ``& < > " '`` and links only http(s) URLs (``html.esc``, ``html._source``); Word
gets one line of run text with what XML cannot hold as escapes (``docx.plain``). Exact expected
strings, so a mutant of an escape (docs/testing.md) changes an assertion. The patterns these
functions use are module constants, which mutmut does not mutate: they are pinned here directly.
"""

from __future__ import annotations

import json

import pytest
import yaml

from gapcli.document.brief import Header
from gapcli.document.brief.spans import Sentence, Span, Where
from gapcli.domain.models import INVISIBLE, Citation, Source
from gapcli.domain.text import attribution, marker, markers, plural, visible
from gapcli.loader import load_dataset
from gapcli.render import brief_markdown, docx, html, markdown
from gapcli.render.json import dumps
from gapcli.render.markdown import md, quoted

from helpers import THREE, TWO

# Every character class of models.INVISIBLE, by what it is, with its visible escape.
INVISIBLES = {
    "\x00": "\\x00",  # C0 controls
    "\x07": "\\x07",
    "\x08": "\\x08",
    "\x0b": "\\x0b",
    "\x0d": "\\x0d",
    "\x1b": "\\x1b",
    "\x1f": "\\x1f",
    "\x7f": "\\x7f",  # DEL and the C1 controls
    "\x85": "\\x85",
    "\x9f": "\\x9f",
    "\xad": "\\xad",  # soft hyphen
    "\u034f": "\\u034f",  # combining grapheme joiner
    "\u0600": "\\u0600",  # Arabic number signs, end of ayah, Syriac and other marks
    "\u0605": "\\u0605",
    "\u061c": "\\u061c",  # Arabic letter mark
    "\u06dd": "\\u06dd",
    "\u070f": "\\u070f",
    "\u0890": "\\u0890",
    "\u0891": "\\u0891",
    "\u08e2": "\\u08e2",
    "\u115f": "\\u115f",  # Hangul fillers
    "\u1160": "\\u1160",
    "\u17b4": "\\u17b4",  # Khmer inherent vowels
    "\u17b5": "\\u17b5",
    "\u180b": "\\u180b",  # Mongolian variation selectors and vowel separator
    "\u180e": "\\u180e",
    "\u180f": "\\u180f",
    "\u200b": "\\u200b",  # zero width space
    "\u200e": "\\u200e",  # LRM, RLM
    "\u200f": "\\u200f",
    "\u2028": "\\u2028",  # line and paragraph separators, embeddings and overrides
    "\u202a": "\\u202a",
    "\u202e": "\\u202e",
    "\u2060": "\\u2060",  # word joiner, invisible operators, isolates
    "\u2064": "\\u2064",
    "\u2066": "\\u2066",
    "\u2069": "\\u2069",
    "\u206f": "\\u206f",
    "\u2800": "\\u2800",  # Braille blank
    "\u3164": "\\u3164",  # Hangul filler
    "\ufeff": "\\ufeff",  # BOM, zero width no-break space
    "\uffa0": "\\uffa0",  # halfwidth Hangul filler
    "\ufff0": "\\ufff0",  # specials and interlinear annotation
    "\ufff9": "\\ufff9",
    "\ufffb": "\\ufffb",
    "\U000110bd": "\\U000110bd",  # Kaithi number signs
    "\U000110cd": "\\U000110cd",
    "\U00013430": "\\U00013430",  # Egyptian hieroglyph format controls
    "\U0001343f": "\\U0001343f",
    "\U0001bca0": "\\U0001bca0",  # shorthand format controls
    "\U0001bca3": "\\U0001bca3",
    "\U0001d173": "\\U0001d173",  # musical symbol format controls
    "\U0001d17a": "\\U0001d17a",
    "\U000e0000": "\\U000e0000",  # tags
    "\U000e0041": "\\U000e0041",
    "\U000e0fff": "\\U000e0fff",
}
# Kept as they are: white space that lays text out, the joiners scripts and emoji need,
# and ordinary characters next to the ranges above.
SHOWN = (
    "\t\n \xa0\xac\xae\u0606\u08e3\u200c\u200d\u2027\u202f\u2065\u205f\u2070\u2801"
    "\ufffc\ufffd\U000110be\U00013440\U0001d17b\U000e1000é€😀"
)


@pytest.mark.parametrize(("char", "escape"), INVISIBLES.items())
def test_every_invisible_character_is_a_visible_escape(char: str, escape: str) -> None:
    assert visible(f"a{char}b") == f"a{escape}b"


def test_white_space_joiners_and_neighbours_are_kept() -> None:
    assert visible(SHOWN) == SHOWN
    assert visible("") == ""
    assert visible("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"


def test_the_invisible_set_is_pinned() -> None:
    # A change to models.INVISIBLE changes what every output escapes and what counts as a
    # blank text: review it with this list, then update both.
    assert INVISIBLE == (
        "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\xad\\u034f\\u0600-\\u0605\\u061c\\u06dd\\u070f"
        "\\u0890-\\u0891\\u08e2\\u115f-\\u1160\\u17b4-\\u17b5\\u180b-\\u180f\\u200b"
        "\\u200e-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u2800\\u3164\\ufeff"
        "\\uffa0\\ufff0-\\ufffb\\U000110bd\\U000110cd\\U00013430-\\U0001343f"
        "\\U0001bca0-\\U0001bca3\\U0001d173-\\U0001d17a\\U000e0000-\\U000e0fff"
    )


# Markdown: md


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # inline markup, each character backslash-escaped
        ("\\`*_[]|~#$^@{}", "\\\\\\`\\*\\_\\[\\]\\|\\~\\#\\$\\^\\@\\{\\}"),
        ("nested *a* _b_ [l](u)", "nested \\*a\\* \\_b\\_ \\[l\\](u)"),
        # raw HTML and entities
        ("<b>x</b>", "&lt;b>x&lt;/b>"),
        ("&amp; & &#1; &x; &", "&amp;amp; & &amp;\\#1; &amp;x; &"),
        # what GFM links by itself: a scheme's colon, www's dot, an emoji code's colon
        (
            "see https://x.org/a_b and HTTP://y ftp://z ftps://q mailto:me www.example.com",
            "see https\\://x.org/a\\_b and HTTP\\://y ftp\\://z ftps\\://q mailto\\:me "
            "www\\.example.com",
        ),
        (":smile: :+1: 10:30 a:b:", "\\:smile: \\:+1: 10:30 a\\:b:"),
        ("xhttps://no", "xhttps://no"),
        # a block marker at the start
        ("# h", "\\# h"),
        ("> q", "\\> q"),
        ("- a", "\\- a"),
        ("+ a", "\\+ a"),
        ("= a", "\\= a"),
        (": a", "\\: a"),
        ("% a", "\\% a"),
        ("(2) x", "\\(2) x"),
        ("1. x", "1\\. x"),
        ("1.\tx", "1\\. x"),
        ("12) x", "12\\) x"),
        ("a) x", "a\\) x"),
        ("B. x", "B\\. x"),
        ("iv. x", "iv\\. x"),
        ("abcd) x", "abcd\\) x"),
        ("1.", "1\\."),
        ("1)", "1\\)"),
        ("  - a", "\\- a"),
        # not a block marker
        ("abcde. x", "abcde. x"),
        ("abcde) x", "abcde) x"),
        ("1.x", "1.x"),
        ("a - b", "a - b"),
        ("a\n- b", "a<br>- b"),
        # one line: newlines are <br>, tabs spaces, lines trimmed, nothing left is nothing
        ("a\tb", "a b"),
        ("  a  \n  b ", "a<br>b"),
        ("a\n\nb", "a<br><br>b"),
        ("\n\n", ""),
        ("   ", ""),
        ("", ""),
        # CRLF is one line break; a lone CR is a control like any other
        ("a\r\nb", "a<br>b"),
        ("\r\n", ""),
        ("a\rb", "a\\\\x0db"),
        # controls are visible escapes, whose backslash is escaped in turn
        ("\x1b[31m", "\\\\x1b\\[31m"),
        ("x\u202ey", "x\\\\u202ey"),
    ],
)
def test_md_escapes_exactly(text: str, expected: str) -> None:
    assert md(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u2028b\u2029c\ufeffd\ufffee\uffff", '"a\\u2028b\\u2029c\\ufeffd\\ufffee\\uffff"'),
        ('\u00e9\U0001f600"\\', '"\u00e9\U0001f600\\"\\\\"'),
        ("\x00\n", '"\\u0000\\n"'),
    ],
)
def test_a_front_matter_string_reads_back_exactly(text: str, expected: str) -> None:
    # quoted gets md's output, in which visible() has already escaped most of these; on its
    # own it still writes what YAML would misread (line separators, BOM, non-characters) as
    # escapes, and keeps astral characters literal (YAML misreads JSON's surrogate pairs).
    assert quoted(text) == expected
    assert yaml.safe_load(f"k: {expected}")["k"] == text


# The brief's Markdown: front matter, spans, sources

MEMO = Source(
    id="memo",
    title="Memo *x* [1]",
    publisher="Press <b>",
    paragraphs=3,
    date="2024",
    url="https://e.org/a_b",
)
BARE = Source(id="notes", title="Notes", publisher="Forum", paragraphs=1)
HOSTILE_URL = Source(
    id="bad", title="Bad", publisher="P", paragraphs=1, url='javascript:alert("x")'
)


def header(**changes: object) -> Header:
    fields: dict[str, object] = {
        "title": "T [x]",
        "prepared_for": "For *you*",
        "marking": "Secret_",
        "date": "1 May 2024",
        "iso_date": "2024-05-01",
        "version": "2.0 <b>",
        "chosen": 1,
        "total": 2,
        "sources": [MEMO, BARE],
    }
    fields.update(changes)
    return Header(**fields)  # type: ignore[arg-type]


def test_front_matter_is_escaped_json_strings() -> None:
    assert markdown.front_matter(header()) == [
        "---",
        'title: "T \\\\[x\\\\]"',
        'date: "1 May 2024"',
        'prepared-for: "For \\\\*you\\\\*"',
        'marking: "Secret\\\\_"',
        'version: "2.0 &lt;b>"',
        "sources:",
        '  - "Memo \\\\*x\\\\* \\\\[1\\\\], Press &lt;b> (2024)"',
        '  - "Notes, Forum"',
        "---",
        "",
    ]
    bare = header(prepared_for=None, marking=None, version=None, sources=[])
    assert markdown.front_matter(bare) == [
        "---",
        'title: "T \\\\[x\\\\]"',
        'date: "1 May 2024"',
        "sources:",
        "---",
        "",
    ]


@pytest.mark.parametrize(
    "title",
    [
        'say "no" \\ then',
        "line\u2028para\u2029bom\ufeff",
        "astral \U0001f600 and é",
        "tab\tand: colon # hash",
    ],
)
def test_front_matter_reads_back_as_the_escaped_title(title: str) -> None:
    lines = markdown.front_matter(header(title=title, date="2 January 2024"))
    text = "\n".join(lines[1:-2])
    assert "\u2028" not in text and "\u2029" not in text and "\ufeff" not in text
    assert yaml.safe_load(text)["title"] == md(title)
    assert yaml.safe_load(text)["date"] == "2 January 2024"


def test_front_matter_keeps_astral_characters_literal() -> None:
    assert markdown.front_matter(header(title="\U0001f600 é"))[1] == 'title: "\U0001f600 é"'


WHERE = Where(None, (), "text")
SENTENCE: Sentence = (
    Span("Fixed *wording* "),
    Span("*value*", WHERE, refs="¶1"),
    Span(" and "),
    Span("strong_", WHERE, strong=True),
    Span("", WHERE, strong=True),
    Span("; fixed strong", strong=True, refs="memo ¶2_"),
)


def test_brief_spans_escape_values_and_refs_not_fixed_wording() -> None:
    assert markdown.spans(SENTENCE) == (
        "Fixed *wording* \\*value\\* ¶1 and **strong\\_****; fixed strong** memo ¶2\\_"
    )
    assert markdown.spans(()) == ""


def test_brief_source_entries_are_escaped() -> None:
    assert brief_markdown.source_entry(MEMO) == (
        "*Memo \\*x\\* \\[1\\]*, Press &lt;b> (2024), https\\://e.org/a\\_b"
    )
    assert brief_markdown.source_entry(BARE) == "*Notes*, Forum"


# HTML: esc, spans, sources


def test_html_escapes_markup_quotes_and_controls() -> None:
    assert html.esc("<a href='x'>&\"\n\x1b\t\u202e") == (
        "&lt;a href=&#x27;x&#x27;&gt;&amp;&quot;<br>\\x1b\t\\u202e"
    )
    assert html.esc("") == ""


def test_html_reads_crlf_as_one_line_break_as_markdown_does() -> None:
    assert html.esc("a\r\nb\rc") == "a<br>b\\x0dc"
    assert md("a\r\nb\rc") == "a<br>b\\\\x0dc"


def test_html_spans_escape_everything_and_mark_strong_and_refs() -> None:
    assert html.spans(SENTENCE) == (
        'Fixed *wording* *value* <span class="ref">¶1</span> and '
        "<strong>strong_</strong><strong></strong><strong>; fixed strong</strong> "
        '<span class="ref">memo ¶2_</span>'
    )
    hostile: Sentence = (Span("<script>", WHERE, refs="<i>"),)
    assert html.spans(hostile) == '&lt;script&gt; <span class="ref">&lt;i&gt;</span>'


def test_html_links_only_http_urls() -> None:
    assert html._source(MEMO) == (
        "<cite>Memo *x* [1]</cite>, Press &lt;b&gt; (2024), "
        '<a href="https://e.org/a_b">https://e.org/a_b</a>'
    )
    assert html._source(BARE) == "<cite>Notes</cite>, Forum"
    assert html._source(HOSTILE_URL) == "<cite>Bad</cite>, P, javascript:alert(&quot;x&quot;)"
    upper = MEMO.model_copy(update={"url": "HTTP://E.ORG/"})
    assert html._source(upper).endswith(', <a href="HTTP://E.ORG/">HTTP://E.ORG/</a>')
    spaced = MEMO.model_copy(update={"url": "https://e.org/a b"})
    assert html._source(spaced).endswith(", https://e.org/a b")


# Word: plain, sources


def test_word_text_is_one_line_with_controls_visible() -> None:
    assert docx.plain("a\tb\nc\x1b\x0b\x00é\u202e") == "a b c\\x1b\\x0b\\x00é\\u202e"
    assert docx.plain("") == ""


def test_word_reads_crlf_as_one_line_break_as_markdown_does() -> None:
    assert docx.plain("a\r\nb\rc") == "a b\\x0dc"


def test_word_text_escapes_what_xml_cannot_hold() -> None:
    # visible() leaves surrogates and the two non-characters; XML 1.0 refuses them
    assert docx.plain("a\ud800b\udfffc\ufffe\uffffd") == "a\\ud800b\\udfffc\\ufffe\\uffffd"


def test_word_sources_are_one_plain_line() -> None:
    assert docx._source(MEMO) == "Memo *x* [1], Press <b> (2024), https://e.org/a_b"
    assert docx._source(BARE) == "Notes, Forum"
    assert docx._source(MEMO.model_copy(update={"title": "T\x1b\nU"})) == (
        "T\\x1b U, Press <b> (2024), https://e.org/a_b"
    )


# JSON: dumps


def test_json_is_two_space_indented_utf8_ending_in_a_newline() -> None:
    assert (
        dumps({"a": ["é", 1], "b": None}) == '{\n  "a": [\n    "é",\n    1\n  ],\n  "b": null\n}\n'
    )


def test_json_writes_invisible_characters_as_escapes_that_parse_back() -> None:
    text = "\x1b\x7f\x85\u202e\ufeff\U000e0041 \t\u200d\U0001f600"
    written = dumps({"a": text})
    assert (
        written
        == '{\n  "a": "\\u001b\\u007f\\u0085\\u202e\\ufeff\\udb40\\udc41 \\t\u200d\U0001f600"\n}\n'
    )
    assert json.loads(written) == {"a": text}


def test_json_writes_the_first_and_last_astral_invisible_as_surrogate_pairs() -> None:
    assert dumps({"a": "\U000110bd\U000e0fff"}) == '{\n  "a": "\\ud804\\udcbd\\udb43\\udfff"\n}\n'


@pytest.mark.parametrize(("char", "escape"), INVISIBLES.items())
def test_json_escapes_every_invisible_character(char: str, escape: str) -> None:
    written = dumps({"k": char})
    assert written.isascii()
    assert json.loads(written) == {"k": char}


# Terminal and shared text helpers


def test_citation_markers_name_the_source_only_when_there_are_several() -> None:
    two, three = load_dataset(TWO), load_dataset(THREE)
    six = Citation(source="memo", para=6)
    seven = Citation(source="report", para=7)
    notes = Citation(source="notes", para=2)
    assert marker(six, two) == "¶6"
    assert marker(seven, three) == "report ¶7"
    assert markers([six, six, Citation(source="memo", para=7)], two) == "¶6, ¶7"
    assert markers([seven, notes, seven], three) == "(report ¶7, notes ¶2)"


def test_plurals() -> None:
    assert plural(1, "issue") == "1 issue"
    assert plural(2, "issue") == "2 issues"
    assert plural(0, "issue") == "0 issues"
    assert plural(1, "party", "parties") == "1 party"
    assert plural(3, "party", "parties") == "3 parties"


def test_attribution_names_who_and_in_which_voice() -> None:
    issue = load_dataset(TWO).issues[0]
    entry = next(iter(issue.positions.values())).claims[0]
    assert attribution(entry) == f"{entry.by} · {entry.voice.value}"
    assert attribution(entry).count(" · ") == 1
