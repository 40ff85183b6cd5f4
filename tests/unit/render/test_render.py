"""Renderer units: literal text in Rich, escaped Markdown, citation markers, dates."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from gapcli.document.brief.spans import Builder
from gapcli.document.dossier import Notes
from gapcli.domain.models import Circa, Event
from gapcli.domain.text import markers, visible
from gapcli.loader import load_dataset
from gapcli.render.markdown import md
from gapcli.render.terminal.issues import compare_view, list_table, t

from helpers import THREE, TWO


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("bell\x07", "bell\\x07"),
        ("cr\rlf", "cr\\x0dlf"),
        ("keep\nnewline\tand tab", "keep\nnewline\tand tab"),
        ("rtl\u202eoverride", "rtl\\u202eoverride"),
        ("中文", "中文"),
    ],
)
def test_visible_escapes_control_characters(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("two-party data.", "two-party data."),
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code` ~s~", "\\*bold\\* \\_it\\_ \\`code\\` \\~s\\~"),
        ("[link](http://x)", "\\[link\\](http\\://x)"),  # no autolink on GitHub either
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("AT&T &amp; co", "AT&T &amp;amp; co"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("line one\nline two", "line one<br>line two"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_escapes_everything_that_could_be_markup(raw: str, escaped: str) -> None:
    assert md(raw) == escaped


def test_rich_text_never_interprets_markup() -> None:
    console = Console(width=60, color_system=None, record=True, file=io.StringIO())
    console.print(t("[bold red]x[/] :smile: [link=http://e]y[/link]"))
    assert console.export_text() == "[bold red]x[/] :smile: [link=http://e]y[/link]\n"


def test_notes_cite_paragraphs_as_they_are_numbered_in_the_source() -> None:
    dataset = load_dataset(TWO)
    cites = dataset.issues[0].positions["north"].claims[0].cite
    notes = Notes(Builder(dataset))
    assert notes.refs(cites) == "¶2"
    assert notes.refs([*cites, *dataset.issues[1].gap.cite, *cites]) == "¶2, ¶4"
    several = Builder(dataset)
    several.multi = True
    assert Notes(several).refs(cites) == "memo ¶2"


def test_markers_name_the_source_when_there_are_several() -> None:
    two = load_dataset(TWO)
    three = load_dataset(THREE)
    assert markers(two.issues[0].gap.cite, two) == "¶2"
    assert markers(three.issues[0].gap.cite, three) == "(report ¶3)"


def test_renderers_return_objects_and_print_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    dataset = load_dataset(THREE)
    list_table(dataset.issues)
    compare_view(dataset.issues[0], dataset)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("date", "circa", "shown"),
    [
        ("2019", None, "2019"),
        ("2023", Circa.LATE, "late 2023"),
        ("2019-05", None, "May 2019"),
        ("2024-06-02", None, "2 June 2024"),
    ],
)
def test_event_dates_read_as_precisely_as_the_source(
    date: str, circa: Circa | None, shown: str
) -> None:
    event = Event.model_validate(
        {"id": "e", "date": date, "circa": circa, "text": "x", "cite": [{"source": "s", "para": 1}]}
    )
    assert event.display_date() == shown


def test_events_sort_chronologically_with_approximate_dates_placed_sensibly() -> None:
    def event(eid: str, date: str, circa: str | None = None) -> Event:
        return Event.model_validate(
            {
                "id": eid,
                "date": date,
                "circa": circa,
                "text": "x",
                "cite": [{"source": "s", "para": 1}],
            }
        )

    events = [
        event("late", "2023", "late"),
        event("nov", "2023-11"),
        event("year", "2023"),
        event("sep", "2023-09"),
        event("jan24", "2024-01"),
    ]
    assert [e.id for e in sorted(events, key=Event.sort_key)] == [
        "year",
        "sep",
        "nov",
        "late",
        "jan24",
    ]
