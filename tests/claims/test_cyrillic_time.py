"""Ukrainian and Russian time expressions: each form, its value and its span."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.claims.cyrillic import _YEAR
from frontwatch.claims.cyrillic_lexicon import load_cyrillic
from frontwatch.claims.cyrillic_time import CyrillicTimes

PUBLISHED = date(2024, 3, 10)


def _first(language: str, text: str, year: int | None = None) -> tuple[str | None, str | None, str]:
    found = CyrillicTimes(load_cyrillic(language).table).find(text, PUBLISHED, year)
    assert found, f"no time in {text!r}"
    t = found[0].time
    assert text[found[0].start : found[0].end] == t.text
    return t.start, t.end, t.text


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("uk", "Минулої доби ворог атакував", ("2024-03-09", "2024-03-09", "Минулої доби")),
        ("uk", "сьогодні вранці", ("2024-03-10", "2024-03-10", "сьогодні")),
        ("uk", "у ніч на 8 лютого", ("2024-02-08", "2024-02-08", "у ніч на 8 лютого")),
        ("uk", "15 травня 2023 року", ("2023-05-15", "2023-05-15", "15 травня 2023 року")),
        ("uk", "наприкінці січня", ("2024-01-21", "2024-01-31", "наприкінці січня")),
        (
            "uk",
            "на початку лютого 2023 року",
            ("2023-02-01", "2023-02-10", "на початку лютого 2023 року"),
        ),
        ("uk", "влітку 2023 року", ("2023-06-01", "2023-08-31", "влітку 2023 року")),
        ("uk", "у жовтні", ("2023-10-01", "2023-10-31", "жовтні")),  # after March: last year's
        ("ru", "за минувшие сутки", ("2024-03-09", "2024-03-09", "за минувшие сутки")),
        ("ru", "в конце февраля", ("2024-02-21", "2024-02-29", "в конце февраля")),
        (
            "ru",
            "в середине ноября 2023 года",
            ("2023-11-11", "2023-11-20", "в середине ноября 2023 года"),
        ),
        ("ru", "3-5 января", ("2024-01-03", "2024-01-05", "3-5 января")),
        ("ru", "к августу", ("2023-08-01", "2023-08-01", "к августу")),
        ("ru", "весной 2023 года", ("2023-03-01", "2023-05-31", "весной 2023 года")),
    ],
)
def test_each_form_has_its_value(language: str, text: str, expected: tuple[str, str, str]) -> None:
    assert _first(language, text) == expected


def test_a_year_the_document_named_before_wins_over_the_publication_year() -> None:
    assert _first("uk", "на початку червня", year=2022)[:2] == ("2022-06-01", "2022-06-10")


def test_an_impossible_date_is_no_time() -> None:
    times = CyrillicTimes(load_cyrillic("ru").table)
    assert times.find("31 февраля", PUBLISHED, None) == []


def test_without_publication_the_past_day_is_undated() -> None:
    times = CyrillicTimes(load_cyrillic("uk").table)
    assert times.find("минулої доби", None, None) == []


def test_a_year_said_earlier_in_the_text_dates_a_later_expression() -> None:
    times = CyrillicTimes(load_cyrillic("uk").table)
    found = times.find(
        "Навесні 2022 року тривали бої, а на початку червня місто захопили.", PUBLISHED, None
    )
    assert [f.time.start for f in found] == ["2022-03-01", "2022-06-01"]


def test_a_numeric_dateline_sets_no_year() -> None:
    assert _YEAR.findall("Дата: 12.09.2023 11:17") == []
    assert _YEAR.findall("у вересні 2022 року") == ["2022"]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a day or month after the publication's month, with no year said: the year before
        ("uk", "Вранці 14 вересня ворог обстріляв", ("2023-09-14", "2023-09-14", "14 вересня")),
        ("ru", "в ноябре", ("2023-11-01", "2023-11-30", "ноябре")),
        # the publication's own month keeps its year
        ("uk", "12 березня", ("2024-03-12", "2024-03-12", "12 березня")),
        # since a day: to publication; from one time to another: one range
        (
            "uk",
            "З 24 лютого 2022 року ворог втратив",
            ("2022-02-24", "2024-03-10", "З 24 лютого 2022 року"),
        ),
        (
            "uk",
            "втрати з 24.02.22 по 14.09.23 склали",
            ("2022-02-24", "2023-09-14", "з 24.02.22 по 14.09.23"),
        ),
        (
            "ru",
            "Бои шли с августа 2022 года по май 2023 года.",
            ("2022-08-01", "2023-05-31", "с августа 2022 года по май 2023 года"),
        ),
        ("ru", "по состоянию на 12.09.2023", ("2023-09-12", "2023-09-12", "12.09.2023")),
    ],
)
def test_dates_in_figures_spans_and_no_date_after_publication(
    language: str, text: str, expected: tuple[str, str, str]
) -> None:
    assert _first(language, text) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # published Sunday 10 March 2024: its ISO week, and the one before
        ("uk", "Цього тижня окупанти обстріляли", ("2024-03-04", "2024-03-10", "Цього тижня")),
        ("uk", "минулого тижня ворог", ("2024-02-26", "2024-03-03", "минулого тижня")),
        ("ru", "На прошлой неделе", ("2024-02-26", "2024-03-03", "На прошлой неделе")),
    ],
)
def test_this_week_and_last_week_are_iso_weeks(
    language: str, text: str, expected: tuple[str, str, str]
) -> None:
    assert _first(language, text) == expected
