"""Time expressions: finding them in a sentence and resolving them against publication."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch.claims.timex import TimeMention, find_times, resolve_time
from frontwatch.model import EventTime

ROOT = Path(__file__).resolve().parents[2]
THU = date(2022, 9, 8)  # a Thursday
SUN = date(2022, 9, 11)


def _span(time: EventTime | None) -> tuple[str | None, str | None, str | None] | None:
    return None if time is None else (time.start, time.end, time.granularity)


@pytest.mark.parametrize(
    ("words", "published", "expected"),
    [
        ("on Thursday night", THU, ("2022-09-08", "2022-09-08", "day")),
        ("earlier on Thursday", THU, ("2022-09-08", "2022-09-08", "day")),
        ("late Thursday", THU, ("2022-09-08", "2022-09-08", "day")),
        ("Thursday", THU, ("2022-09-08", "2022-09-08", "day")),
        ("Wednesday", THU, ("2022-09-07", "2022-09-07", "day")),
        ("on Saturday", SUN, ("2022-09-10", "2022-09-10", "day")),
        ("in the early hours of Friday", THU, ("2022-09-02", "2022-09-02", "day")),
        ("last Thursday", THU, ("2022-09-01", "2022-09-01", "day")),
        ("next Monday", THU, ("2022-09-12", "2022-09-12", "day")),
        # across a month boundary: published Monday 3 October, Friday was 30 September
        ("on Friday", date(2022, 10, 3), ("2022-09-30", "2022-09-30", "day")),
        # across a year boundary: published Monday 2 January 2023
        ("late on Saturday", date(2023, 1, 2), ("2022-12-31", "2022-12-31", "day")),
        ("Thursday morning", date(2023, 1, 2), ("2022-12-29", "2022-12-29", "day")),
        ("since Monday", THU, ("2022-09-05", "2022-09-08", "range")),
    ],
)
def test_weekdays_are_the_latest_such_day_on_or_before_publication(
    words: str, published: date, expected: tuple[str, str, str]
) -> None:
    assert _span(resolve_time(words, published)) == expected


@pytest.mark.parametrize(
    ("words", "published", "expected"),
    [
        ("on April 1", SUN, ("2022-04-01", "2022-04-01", "day")),
        ("on April 1", date(2022, 3, 15), ("2021-04-01", "2021-04-01", "day")),
        ("September 10, 2022", SUN, ("2022-09-10", "2022-09-10", "day")),
        ("10 September", date(2022, 9, 12), ("2022-09-10", "2022-09-10", "day")),
        ("on 24 February", THU, ("2022-02-24", "2022-02-24", "day")),
        ("the 3rd of May", THU, ("2022-05-03", "2022-05-03", "day")),
        ("Dec. 30", date(2023, 1, 2), ("2022-12-30", "2022-12-30", "day")),
        # a later day of the publication month is this month's, not last year's
        ("by 20 September", THU, ("2022-09-20", "2022-09-20", "day")),
        ("in March", THU, ("2022-03-01", "2022-03-31", "month")),
        ("in November", THU, ("2021-11-01", "2021-11-30", "month")),
        ("August 2022", None, ("2022-08-01", "2022-08-31", "month")),
        ("in late August", THU, ("2022-08-21", "2022-08-31", "range")),
        ("early September", THU, ("2022-09-01", "2022-09-10", "range")),
        ("mid-September", THU, ("2022-09-11", "2022-09-20", "range")),
        ("the end of February 2024", None, ("2024-02-21", "2024-02-29", "range")),
        ("since the beginning of September", THU, ("2022-09-01", "2022-09-08", "range")),
        ("12-14 March", THU, ("2022-03-12", "2022-03-14", "range")),
        ("2022-09-10", None, ("2022-09-10", "2022-09-10", "day")),
        ("10.09.2022", None, ("2022-09-10", "2022-09-10", "day")),
        ("in 2014", THU, ("2014-01-01", "2014-12-31", "year")),
        ("8 вересня 2022", None, ("2022-09-08", "2022-09-08", "day")),
    ],
)
def test_absolute_dates_and_months(
    words: str, published: date | None, expected: tuple[str, str, str]
) -> None:
    assert _span(resolve_time(words, published)) == expected


@pytest.mark.parametrize(
    ("words", "published", "expected"),
    [
        ("since the start of the week", THU, ("2022-09-05", "2022-09-08", "range")),
        ("This week", THU, ("2022-09-05", "2022-09-11", "week")),
        ("last week", THU, ("2022-08-29", "2022-09-04", "week")),
        ("yesterday", date(2022, 3, 1), ("2022-02-28", "2022-02-28", "day")),
        ("yesterday", date(2023, 1, 1), ("2022-12-31", "2022-12-31", "day")),
        ("today", THU, ("2022-09-08", "2022-09-08", "day")),
        ("tonight", THU, ("2022-09-08", "2022-09-08", "day")),
        ("overnight", THU, ("2022-09-08", "2022-09-08", "day")),
        ("now", THU, ("2022-09-08", "2022-09-08", "day")),
        ("currently", THU, ("2022-09-08", "2022-09-08", "day")),
        ("As of now", THU, ("2022-09-08", "2022-09-08", "day")),
        ("in less than 24 hours", THU, ("2022-09-07", "2022-09-08", "range")),
        ("in the past 24 hours", THU, ("2022-09-07", "2022-09-08", "range")),
        ("over the past two days", THU, ("2022-09-06", "2022-09-08", "range")),
        ("six months of Russian occupation", THU, ("2022-03-08", "2022-09-08", "range")),
        ("six months", THU, ("2022-03-08", "2022-09-08", "range")),
        ("three weeks ago", THU, ("2022-08-15", "2022-08-21", "week")),
        ("over the weekend", date(2022, 6, 27), ("2022-06-25", "2022-06-26", "range")),
        ("earlier this month", THU, ("2022-09-01", "2022-09-08", "range")),
        ("to date", date(2022, 9, 5), ("2022-02-24", "2022-09-05", "range")),
        ("so far", THU, ("2022-02-24", "2022-09-08", "range")),
        ("since the invasion began", THU, ("2022-02-24", "2022-09-08", "range")),
        ("since the start of the full-scale invasion", THU, ("2022-02-24", "2022-09-08", "range")),
        # a month named with "last": the latest such month before the month of publication
        ("last November", THU, ("2021-11-01", "2021-11-30", "month")),
        ("last March", THU, ("2022-03-01", "2022-03-31", "month")),
        ("this past September", THU, ("2021-09-01", "2021-09-30", "month")),
        ("late last month", THU, ("2022-08-21", "2022-08-31", "range")),
        ("early this month", THU, ("2022-09-01", "2022-09-10", "range")),
        ("late last month", date(2023, 1, 20), ("2022-12-21", "2022-12-31", "range")),
        # the night ran into a named day: that day (published Thursday 8 September)
        ("overnight into Wednesday", THU, ("2022-09-07", "2022-09-07", "day")),
    ],
)
def test_relative_expressions(words: str, published: date, expected: tuple[str, str, str]) -> None:
    assert _span(resolve_time(words, published)) == expected


@pytest.mark.parametrize(
    "words",
    ["after six months of war", "soon", "early in the war", "in the coming days", "weeks later"],
)
@pytest.mark.parametrize("published", [THU, None])
def test_expressions_that_say_no_date_are_kept_undated(words: str, published: date | None) -> None:
    assert resolve_time(words, published) == EventTime(None, None, None, words)


@pytest.mark.parametrize(
    "words",
    ["on Thursday", "Wednesday", "yesterday", "this week", "to date", "on April 1", "late August",
     "in the past 24 hours", "six months of Russian occupation", "by the 11th"],
)  # fmt: skip
def test_without_publication_date_relative_words_do_not_resolve(words: str) -> None:
    assert resolve_time(words, None) is None
    (mention,) = find_times(f"Officials spoke {words} about it.", None)
    assert mention.kind == "undated"
    assert mention.time == EventTime(None, None, None, words)


def test_since_a_written_date_without_publication_is_open_ended() -> None:
    assert _span(resolve_time("since 1 March 2022", None)) == ("2022-03-01", None, "range")


@pytest.mark.parametrize(
    ("words", "anchor", "expected"),
    [
        ("The next day", date(2022, 9, 7), ("2022-09-08", "2022-09-08", "day")),
        ("the day before", date(2022, 9, 1), ("2022-08-31", "2022-08-31", "day")),
        ("two days later", date(2022, 12, 30), ("2023-01-01", "2023-01-01", "day")),
    ],
)
def test_anchor_relative_words_use_the_anchor(
    words: str, anchor: date, expected: tuple[str, str, str]
) -> None:
    assert _span(resolve_time(words, THU, anchor=anchor)) == expected
    assert resolve_time(words, THU) is None


@pytest.mark.parametrize(
    ("words", "anchor", "expected"),
    [
        ("On 7 September", date(2022, 9, 6), "2022-09-07"),
        ("on 2 January", date(2022, 12, 30), "2023-01-02"),
        ("on December 30", date(2023, 1, 2), "2022-12-30"),
        ("On the 9th", date(2022, 9, 8), "2022-09-09"),
        ("by the 30th", date(2022, 10, 2), "2022-09-30"),
    ],
)
def test_undated_text_takes_year_and_month_from_its_last_dated_happening(
    words: str, anchor: date, expected: str
) -> None:
    found = resolve_time(words, None, anchor=anchor)
    assert found is not None
    assert found.start == expected
    undated = resolve_time(words, None)
    assert undated is None or undated.start is None


def test_find_times_returns_every_expression_with_offsets_and_kinds() -> None:
    text = (
        "Kyiv said late Thursday that since the start of the week its units had pushed on, "
        "after six months of Russian occupation, and would soon reach the river."
    )
    found = find_times(text, THU)
    assert [(m.time.text, m.kind) for m in found] == [
        ("late Thursday", "point"),
        ("since the start of the week", "range"),
        ("after six months of Russian occupation", "duration"),
        ("soon", "undated"),
    ]
    assert all(text[m.start : m.end] == m.time.text for m in found)
    assert found[2].time == EventTime(
        "2022-03-08", "2022-09-08", "range", "after six months of Russian occupation"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The town fell on Thursday, September 8, 2022, officials said.",
         [("on Thursday, September 8, 2022", "2022-09-08", "2022-09-08")]),
        ("Fighting went on from 30 August to 2 September near the river.",
         [("from 30 August to 2 September", "2022-08-30", "2022-09-02")]),
        ("Shelling continued from Monday to Wednesday.",
         [("from Monday to Wednesday", "2022-09-05", "2022-09-07")]),
        ("In late August and early September the front moved.",
         [("In late August", "2022-08-21", "2022-08-31"),
          ("early September", "2022-09-01", "2022-09-10")]),
    ],
)  # fmt: skip
def test_longest_match_wins_and_ranges_join(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = find_times(text, THU)
    assert [(m.time.text, m.time.start, m.time.end) for m in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials said they may sit down to talk.",
        "The sun sat low over the mar, they said.",
        "The 93rd brigade moved 20 km.",
        "It took six months to train the crews.",
    ],
)
def test_ordinary_words_are_not_dates(text: str) -> None:
    assert find_times(text, THU) == []


def test_ambiguous_numeric_date_is_undated() -> None:
    (mention,) = find_times("Signed on 3/4/2022 in Kyiv.", THU)
    assert mention.kind == "undated"
    assert mention.time.start is None


def test_mentions_are_ordered_and_never_overlap() -> None:
    text = "Yesterday, on 7 September, and over the past two days, troops advanced; so far so good."
    found = find_times(text, THU)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert isinstance(found[0], TimeMention)


def test_regenerating_gives_the_committed_timex_lexicon(
    load_script: Callable[[str], ModuleType],
) -> None:
    builder = load_script("scripts/build_timex.py")
    built = builder.built_files()
    path = ROOT / "src" / "frontwatch" / "data" / "timex.json"
    assert path.read_text(encoding="utf-8") == built[path]


def test_phrase_syntax_expands_alternatives_and_optional_words(
    load_script: Callable[[str], ModuleType],
) -> None:
    builder = load_script("scripts/build_timex.py")
    assert builder.expand("since the {start|beginning} of the [full-scale] war") == [
        "since the beginning of the full-scale war",
        "since the beginning of the war",
        "since the start of the full-scale war",
        "since the start of the war",
    ]


def test_gold_event_times_resolve_at_least_as_well_as_pinned(
    shared: Path, load_script: Callable[[str], ModuleType]
) -> None:
    bench = load_script("benchmarks/timex_eval.py")
    outcomes = [bench.score(case) for case in bench.load_cases(shared)]
    assert outcomes
    accuracy = sum(o.start_ok for o in outcomes) / len(outcomes)
    assert accuracy >= 0.65
