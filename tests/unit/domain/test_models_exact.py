"""The models' own validators, exactly: blank texts, calendar days, repeated ids, stances in
official voices only, and ``circa`` on year-only dates.

mutmut does not mutate decorated methods (the ``model_validator``s ``Stance._official_only``
and ``Event._circa_needs_a_year``), so their boundaries are pinned here directly, as are
those of the ``AfterValidator`` functions it does mutate (docs/testing.md).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from gapcli.domain.models import Event, Stance, inside_dataset


def error(model: type[Any], data: dict[str, Any]) -> str:
    """The one validation error's message for ``data``."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    errors = caught.value.errors()
    assert len(errors) == 1, errors
    return str(errors[0]["msg"])


CITE = [{"source": "memo", "para": 1}]
STANCE = {"text": "We pay.", "by": "its government", "voice": "government", "cite": CITE}
EVENT = {"id": "talks", "date": "2024", "text": "Talks.", "cite": CITE}


@pytest.mark.parametrize(
    "text", ["\u200b", " \u200b\u202e\t", "\x1b\n\u3164", "\ufeff\xad", "\u200c\u200d"]
)
def test_a_text_of_nothing_visible_is_refused(text: str) -> None:
    assert error(Stance, {**STANCE, "text": text}) == (
        "Value error, has no visible character (only spaces or invisible characters); "
        "write the text, or leave an optional field out"
    )


def test_a_placeholder_left_by_init_is_refused_and_named() -> None:
    assert error(Stance, {**STANCE, "text": "<the side's stance>"}) == (
        "Value error, <the side's stance> is a placeholder; write the real value here"
    )
    assert Stance.model_validate({**STANCE, "text": "a <b> c"}).text == "a <b> c"


@pytest.mark.parametrize("text", ["x", " .", "\u200bx\u200b", "\u200cx\u200d", "\U0001f600"])
def test_one_visible_character_is_enough(text: str) -> None:
    assert Stance.model_validate({**STANCE, "text": text}).text == text


@pytest.mark.parametrize("date", ["2024", "2024-02", "2024-02-29", "2023-12-31", "2024-01-01"])
def test_real_dates_pass(date: str) -> None:
    assert Event.model_validate({**EVENT, "date": date}).date == date


@pytest.mark.parametrize("date", ["2023-02-29", "2024-02-30", "2024-04-31"])
def test_a_day_not_in_the_calendar_is_refused(date: str) -> None:
    assert error(Event, {**EVENT, "date": date}) == (
        f"Value error, {date!r} is not a day of the calendar"
    )


def test_an_id_listed_twice_is_refused_and_named() -> None:
    assert error(Event, {**EVENT, "issues": ["a", "b", "a"]}) == (
        "Value error, 'a' is listed twice; keep one"
    )
    assert Event.model_validate({**EVENT, "issues": ["a", "b"]}).issues == ["a", "b"]


@pytest.mark.parametrize("voice", ["government", "official", "legislature"])
def test_a_stance_may_be_in_an_official_voice(voice: str) -> None:
    assert Stance.model_validate({**STANCE, "voice": voice}).voice.value == voice


@pytest.mark.parametrize("voice", ["participant", "expert", "public", "media", "analysis"])
def test_a_stance_in_another_voice_is_refused(voice: str) -> None:
    assert error(Stance, {**STANCE, "voice": voice}) == (
        "Value error, a stance is the side's official position, so its voice is government, "
        f"official or legislature, not {voice!r}; put this view under claims (or the issue's "
        "analysis), and leave the stance out if the source reports none"
    )


@pytest.mark.parametrize("circa", ["early", "mid", "late"])
def test_circa_qualifies_a_year_only_date(circa: str) -> None:
    assert Event.model_validate({**EVENT, "circa": circa}).approximate
    assert error(Event, {**EVENT, "circa": circa, "date": "2024-05"}) == (
        f"Value error, circa ({circa!r}) qualifies a year-only date, not '2024-05'"
    )
    assert error(Event, {**EVENT, "circa": circa, "date": "2024-05-02"}) == (
        f"Value error, circa ({circa!r}) qualifies a year-only date, not '2024-05-02'"
    )


def test_a_precise_date_without_circa_passes() -> None:
    assert Event.model_validate({**EVENT, "date": "2024-05"}).display_date() == "May 2024"


# A source's text path stays in the dataset folder (models.inside_dataset).


@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd",
        "\\\\server\\share\\x.txt",
        "~/x.txt",
        "C:x.txt",
        "c:/x.txt",
        "..",
        "../x.txt",
        "sources/../../x.txt",
        "sources\\..\\..\\x.txt",
    ],
)
def test_a_text_path_that_leaves_the_dataset_folder_is_refused(path: str) -> None:
    with pytest.raises(ValueError) as caught:
        inside_dataset(path)
    assert str(caught.value) == (
        f"{path!r} is not inside the dataset folder; give a path relative to it, without '..' "
        "(e.g. sources/report.txt)"
    )


@pytest.mark.parametrize(
    "path", ["x.txt", "sources/x.txt", "sources\\x.txt", "a..b.txt", "x~.txt", "1:x.txt"]
)
def test_a_text_path_inside_the_dataset_folder_passes(path: str) -> None:
    assert inside_dataset(path) == path
