"""Choosing what to show, exactly: ``query.Filters`` (ids and tags in any case, any tag or all
of them, sides, voices and speakers), what each filter keeps of an issue, of the mirror pairs
and of the dataset file, unknown ids with suggestions, ``compare``'s choice; and today's date
for briefs (``gapcli.io.clock``).

Written to kill mutants that survived the rest of the suite (docs/testing.md): the commands'
output under each filter is in test_filters.py; these call the core directly.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from gapcli.domain.choices import VoiceChoice
from gapcli.domain.models import Dataset, Issue, Voice
from gapcli.errors import UsageError
from gapcli.io.clock import today
from gapcli.loader import load_dataset
from gapcli.views.filters import (
    Filters,
    find_issue,
    select_issues,
    to_compare,
    unknown_issue_message,
    voices_of,
)
from gapcli.views.sides import mirror

from helpers import THREE, TWO


def with_ids(*ids: str, tags: tuple[str, ...] = ()) -> Dataset:
    """The two-party dataset's first issue, once under each id (all tagged ``tags``)."""
    dataset = load_dataset(TWO)
    issue = dataset.issues[0]
    copies = [issue.model_copy(update={"id": i, "tags": list(tags)}) for i in ids]
    return Dataset(dataset.meta, copies)


def ids(issues: list[Issue]) -> list[str]:
    return [i.id for i in issues]


def usage_error(call: object, *args: object) -> str:
    with pytest.raises(UsageError) as caught:
        call(*args)  # type: ignore[operator]
    return str(caught.value)


# Issues: ids and tags


def test_an_unknown_id_suggests_at_most_three_close_ids_in_order() -> None:
    dataset = with_ids("tolls1234", "tolls123", "tolls12", "tolls1", "dredging")
    assert unknown_issue_message(dataset, "TOLLS") == (
        "unknown issue 'TOLLS'; did you mean 'tolls1' or 'tolls12' or 'tolls123'? "
        "(run 'gapcli list' to see all ids)"
    )


def test_a_suggestion_needs_half_the_letters_in_common() -> None:
    dataset = with_ids("abcxyz", "dredging")
    # "abcdef" and "abcxyz" match half their letters: a ratio of exactly 0.5
    assert unknown_issue_message(dataset, "abcdef") == (
        "unknown issue 'abcdef'; did you mean 'abcxyz'? (run 'gapcli list' to see all ids)"
    )
    assert unknown_issue_message(dataset, "qqq") == (
        "unknown issue 'qqq' (run 'gapcli list' to see all ids)"
    )


def test_find_issue_takes_any_case_and_raises_the_message() -> None:
    dataset = with_ids("tolls")
    assert find_issue(dataset, "TOLLS").id == "tolls"
    assert usage_error(find_issue, dataset, "toll") == unknown_issue_message(dataset, "toll")


def test_check_gives_ids_tags_and_sides_in_the_datasets_case() -> None:
    dataset = load_dataset(TWO)
    asked = Filters(issues=("TOLLS",), tags=("COST",), sides=("North",), all_tags=True, by="x")
    assert asked.check(dataset) == Filters(
        issues=("tolls",), tags=("cost",), sides=("north",), all_tags=True, by="x"
    )


def test_an_unknown_tag_lists_those_in_use() -> None:
    dataset = with_ids("a", "b", tags=("water", "cost"))
    assert usage_error(Filters(tags=("cost", "AIR")).check, dataset) == (
        "no issue has tag 'AIR'; tags in use: cost, water"
    )
    assert usage_error(Filters(tags=("air",)).check, with_ids("a")) == (
        "no issue has tag 'air'; tags in use: (none)"
    )


def test_an_unknown_side_lists_the_sides() -> None:
    assert usage_error(Filters(sides=("north", "West")).check, load_dataset(TWO)) == (
        "unknown side 'West'; the sides are: north, south"
    )


def test_an_empty_by_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Filters(by=" ").check(load_dataset(TWO))


def test_issue_and_tag_together() -> None:
    dataset = with_ids("a", "b", "c", tags=("water",))
    assert ids(Filters(issues=("c", "a")).select(dataset)) == ["a", "c"]
    assert ids(Filters(tags=("water",)).select(dataset)) == ["a", "b", "c"]
    assert ids(Filters(issues=("b",), tags=("water",)).select(dataset)) == ["b"]
    assert ids(Filters().select(dataset)) == ["a", "b", "c"]
    mixed = Dataset(dataset.meta, [*dataset.issues, with_ids("d", tags=("air",)).issues[0]])
    assert usage_error(Filters(issues=("a", "b"), tags=("air",)).select, mixed) == (
        "no issue matches --issue a --issue b --tag air"
    )


def test_tags_are_any_of_them_or_all_of_them() -> None:
    dataset = load_dataset(TWO)  # dredging: cost, harbour; tolls: cost
    assert ids(Filters(tags=("harbour", "cost")).select(dataset)) == ["dredging", "tolls"]
    assert ids(Filters(tags=("harbour",)).select(dataset)) == ["dredging"]
    both = Filters(tags=("harbour", "cost"), all_tags=True)
    assert ids(both.select(dataset)) == ["dredging"]
    assert ids(Filters(tags=("cost",), all_tags=True).select(dataset)) == ["dredging", "tolls"]


def test_select_issues_checks_then_narrows() -> None:
    dataset = load_dataset(TWO)
    chosen = select_issues(dataset, Filters(issues=("DREDGING",), sides=("south",)))
    assert ids(chosen) == ["dredging"]
    south = chosen[0].positions["south"]
    # a kept reading names whom it reads once the other side is left out
    assert [(r.id, r.of) for r in south.readings] == [("north-blames", "north")]
    assert chosen[0].positions["north"].claims == []
    with pytest.raises(UsageError):
        select_issues(dataset, Filters(issues=("nope",)))


# compare: which issues, which columns


def test_compare_needs_an_issue_and_lists_the_ids() -> None:
    assert usage_error(to_compare, load_dataset(TWO), Filters(sides=("north",))) == (
        "which issue? give an id, or --issue or --tag; the ids: dredging, tolls"
    )


def test_compare_json_takes_exactly_one_issue() -> None:
    dataset = load_dataset(TWO)
    assert usage_error(to_compare, dataset, Filters(tags=("cost",)), True) == (
        "compare --json shows one issue and 2 match; for several use gapcli export --json with "
        "the same options"
    )
    issues, parties = to_compare(dataset, Filters(tags=("cost",)))
    assert ids(issues) == ["dredging", "tolls"]
    assert [p.id for p in parties] == ["north", "south"]
    issues, parties = to_compare(dataset, Filters(issues=("TOLLS",), sides=("SOUTH",)), True)
    assert ids(issues) == ["tolls"]
    assert [p.id for p in parties] == ["south"]
    assert issues[0].positions["north"].stance is None  # narrowed to the south's statements


def test_the_parties_shown_are_the_chosen_sides_in_declared_order() -> None:
    dataset = load_dataset(THREE)
    assert [p.id for p in Filters(sides=("gamma", "alpha")).parties(dataset)] == [
        "alpha",
        "gamma",
    ]
    assert [p.id for p in Filters().parties(dataset)] == ["alpha", "beta", "gamma"]


# Statements: side, voice and speaker


def test_voice_groups_stand_for_several_voices() -> None:
    assert voices_of(VoiceChoice.EXPERT) == {Voice.EXPERT}
    assert voices_of(VoiceChoice("official-voices")) == {
        Voice.GOVERNMENT,
        Voice.OFFICIAL,
        Voice.LEGISLATURE,
    }


def test_the_keeper_needs_every_filter_given() -> None:
    keep = Filters().keeper()
    assert keep(None, None, None)
    assert keep("north", Voice.EXPERT, "anyone")
    keep = Filters(sides=("north",)).keeper()
    assert keep("north", None, None)
    assert not keep("south", Voice.GOVERNMENT, "x")
    assert not keep(None, Voice.GOVERNMENT, "x")
    keep = Filters(voices=(VoiceChoice.EXPERT, VoiceChoice.PUBLIC)).keeper()
    assert keep("south", Voice.EXPERT, None)
    assert keep(None, Voice.PUBLIC, None)
    assert not keep("south", Voice.GOVERNMENT, None)
    assert not keep("south", None, None)
    keep = Filters(by="port").keeper()
    assert keep(None, None, "the PORT authority")
    assert not keep(None, None, "the harbour")
    assert not keep(None, None, None)
    keep = Filters(sides=("north",), voices=(VoiceChoice.OFFICIAL,), by="port").keeper()
    assert keep("north", Voice.OFFICIAL, "port authority")
    assert not keep("south", Voice.OFFICIAL, "port authority")
    assert not keep("north", Voice.GOVERNMENT, "port authority")
    assert not keep("north", Voice.OFFICIAL, "harbour")


def entry_ids(issue: Issue) -> dict[str, list[str]]:
    """Each list of the issue's entries, by where it is, with the stances."""
    out = {
        f"{party}.stance": [p.stance.by] if p.stance else [] for party, p in issue.positions.items()
    }
    for loc, entries in issue.claim_lists():
        out[".".join(str(part) for part in loc[1:]) or str(loc[0])] = [e.id for e in entries]
    return {k: v for k, v in out.items() if v}


def test_without_statement_filters_an_issue_is_shown_whole() -> None:
    dataset = load_dataset(TWO)
    issue = dataset.issues[0]
    assert Filters(issues=("dredging",), tags=("cost",)).narrow(issue) is issue
    assert Filters(tags=("cost",)).narrow_dataset(dataset) is dataset


def test_narrowing_an_issue_keeps_the_statements_that_pass() -> None:
    issue = load_dataset(TWO).issue("dredging")
    assert issue is not None
    assert entry_ids(Filters(voices=(VoiceChoice.GOVERNMENT,)).narrow(issue)) == {
        "north.stance": ["the Northland government"],
        "south.stance": ["the Southland government"],
        "north.readings": ["south-stalls"],
        "north.asks": ["pay-half"],
        "south.claims": ["ship-traffic"],
        "common_ground": ["open-channel"],
    }
    assert entry_ids(Filters(sides=("south",)).narrow(issue)) == {
        "south.stance": ["the Southland government"],
        "south.claims": ["ship-traffic", "farmers-deny"],
        "south.readings": ["north-blames"],
    }
    assert entry_ids(Filters(voices=(VoiceChoice.ANALYSIS,)).narrow(issue)) == {
        "analysis": ["both-blame"],
        "bridges": ["joint-survey"],
    }
    assert entry_ids(Filters(by="farm").narrow(issue)) == {"south.claims": ["farmers-deny"]}
    assert entry_ids(Filters(by="northland").narrow(issue)) == {
        "north.stance": ["the Northland government"],
        "north.claims": ["farm-silt"],
        "north.readings": ["south-stalls"],
        "north.asks": ["pay-half"],
    }
    narrowed = Filters(by="farm").narrow(issue)
    assert (narrowed.id, narrowed.title, narrowed.gap) == (issue.id, issue.title, issue.gap)


def test_a_kept_reading_names_whom_it_reads_only_with_the_dataset() -> None:
    dataset = load_dataset(TWO)
    issue = dataset.issue("dredging")
    assert issue is not None
    readers = Filters(sides=("north",))
    assert [r.of for r in readers.narrow(issue).positions["north"].readings] == [None]
    assert [r.of for r in readers.narrow(issue, dataset).positions["north"].readings] == ["south"]
    three = load_dataset(THREE)
    water = three.issues[0]
    kept = Filters(sides=("alpha",)).narrow(water, three).positions["alpha"].readings
    assert [(r.id, r.of) for r in kept] == [("gamma-hoards", "gamma"), ("beta-free-rides", "beta")]
    # whom a reading without `of` reads is unknown with three parties: it is kept as it is
    alpha = water.positions["alpha"]
    unnamed = [r.model_copy(update={"of": None}) for r in alpha.readings]
    built = water.model_copy(
        update={"positions": {"alpha": alpha.model_copy(update={"readings": unnamed})}}
    )
    kept = Filters(sides=("alpha",)).narrow(built, three).positions["alpha"].readings
    assert [(r.id, r.of) for r in kept] == [("gamma-hoards", None), ("beta-free-rides", None)]


def test_narrowing_the_mirror_keeps_the_chosen_readers_and_readings() -> None:
    dataset = load_dataset(TWO)
    pairs = [pair for issue in dataset.issues for pair in mirror(issue, dataset)]

    def shown(filters: Filters) -> list[tuple[str, str, str, list[str]]]:
        return [
            (p.issue.id, p.reader.id, p.read.id, [x.reading.id for x in p.lines])
            for p in filters.narrow_pairs(pairs)
        ]

    everything = shown(Filters())
    assert ("tolls", "north", "south", []) in everything
    assert shown(Filters(sides=("south",))) == [
        (issue, reader, read, lines)
        for issue, reader, read, lines in everything
        if reader == "south"
    ]
    assert shown(Filters(voices=(VoiceChoice.PARTICIPANT,))) == [
        ("dredging", "south", "north", ["north-blames"])
    ]
    assert shown(Filters(by="northland")) == [("dredging", "north", "south", ["south-stalls"])]


def test_narrowing_the_dataset_file() -> None:
    dataset = load_dataset(TWO)
    meta = Filters(sides=("north",)).narrow_dataset(dataset).meta
    assert [p.id for p in meta.parties] == ["north"]
    assert (meta.facts, meta.timeline, meta.recommendations) == ([], [], [])
    meta = Filters(voices=(VoiceChoice.ANALYSIS,)).narrow_dataset(dataset).meta
    assert [p.id for p in meta.parties] == ["north", "south"]
    assert [f.id for f in meta.facts] == ["ships"]
    assert meta.timeline == []  # events have no voice
    assert [r.id for r in meta.recommendations] == ["share-data"]
    meta = Filters(by="memo").narrow_dataset(dataset).meta
    assert ([f.id for f in meta.facts], [r.id for r in meta.recommendations]) == (
        ["ships"],
        ["share-data"],
    )
    assert meta.title == dataset.meta.title
    event = dataset.meta.timeline[0].model_copy(update={"by": "the Southland port"})
    told = replace(dataset, meta=dataset.meta.model_copy(update={"timeline": [event]}))
    assert [e.id for e in Filters(by="southland").narrow_dataset(told).meta.timeline] == ["talks"]
    assert Filters(by="northland").narrow_dataset(told).meta.timeline == []


# Today's date for briefs


@pytest.fixture
def far_timezone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time far from UTC: UTC-10, where 00:00 UTC is the day before."""
    monkeypatch.setenv("TZ", "Pacific/Honolulu")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_timezone")
def test_the_date_of_source_date_epoch_is_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732838400")  # 2024-11-29 00:00 UTC
    assert today() == "2024-11-29"


@pytest.mark.parametrize("epoch", ["soon", "1.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_timestamp(
    monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert usage_error(today) == f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp"
