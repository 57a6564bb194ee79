"""Datelines: the wire and newspaper forms are found, headlines and sentences are not."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwatch.read import Dateline, find_dateline
from frontwatch.read.dateline import LINE_LIMIT, MAX_LINES

PUBLISHED = date(2023, 6, 15)

# (text, the dateline as written, place, day, outlet); cities, outlets and days invented
# in the house styles of the agencies and papers named.
DATELINES: list[tuple[str, str, str, date | None, str | None]] = [
    # AP
    ("KYIV, Ukraine (AP) — Air raid sirens sounded", "KYIV, Ukraine (AP) —", "KYIV", None, "AP"),
    (
        "ZAPORIZHZHIA, Ukraine (AP) — A convoy left",
        "ZAPORIZHZHIA, Ukraine (AP) —",
        "ZAPORIZHZHIA",
        None,
        "AP",
    ),
    (
        "THE HAGUE, Netherlands (AP) — Judges ruled",
        "THE HAGUE, Netherlands (AP) —",
        "THE HAGUE",
        None,
        "AP",
    ),
    # Reuters: month and day, the year from publication
    (
        "MOSCOW, Sept 10 (Reuters) - The ministry said",
        "MOSCOW, Sept 10 (Reuters) -",
        "MOSCOW",
        date(2022, 9, 10),  # not after publication: the year before
        "Reuters",
    ),
    (
        "LVIV, June 2 (Reuters) - Power was cut",
        "LVIV, June 2 (Reuters) -",
        "LVIV",
        date(2023, 6, 2),
        "Reuters",
    ),
    # AFP: ordinary case with the outlet, and with region and full date
    ("Kyiv (AFP) - Officials said", "Kyiv (AFP) -", "Kyiv", None, "AFP"),
    (
        "Kherson, Ukraine, Nov 12, 2022 (AFP) – Crowds gathered",
        "Kherson, Ukraine, Nov 12, 2022 (AFP) –",
        "Kherson",
        date(2022, 11, 12),
        "AFP",
    ),
    # dpa writes its name in lower case
    ("Odesa (dpa) - Ships left port", "Odesa (dpa) -", "Odesa", None, "dpa"),
    # Ukrinform, in Latin and Cyrillic script
    (
        "Dnipro, April 4, 2024 (Ukrinform) – The regional council",
        "Dnipro, April 4, 2024 (Ukrinform) –",
        "Dnipro",
        date(2024, 4, 4),
        "Ukrinform",
    ),
    (
        "ЧЕРНІГІВ (Укрінформ) – Обстріл тривав",
        "ЧЕРНІГІВ (Укрінформ) –",
        "ЧЕРНІГІВ",
        None,
        "Укрінформ",
    ),
    # TASS: the outlet between slashes ends the dateline
    (
        "DONETSK, March 3. /TASS/. Units reported",
        "DONETSK, March 3. /TASS/.",
        "DONETSK",
        date(2023, 3, 3),
        "TASS",
    ),
    # newspapers: place alone in capitals; with date and paper
    ("WASHINGTON — The Pentagon said", "WASHINGTON —", "WASHINGTON", None, None),
    (
        "KHARKIV, March 3, 2024 (Borderland Post) - Crews worked",
        "KHARKIV, March 3, 2024 (Borderland Post) -",
        "KHARKIV",
        date(2024, 3, 3),
        "Borderland Post",
    ),
    ("ODESA, Ukraine — Ferries resumed", "ODESA, Ukraine —", "ODESA", None, None),
    # South Asian papers end with a colon
    ("POLTAVA, March 3: Schools reopened", "POLTAVA, March 3:", "POLTAVA", date(2023, 3, 3), None),
    ("UZHHOROD (PTI): Buses ran", "UZHHOROD (PTI):", "UZHHOROD", None, "PTI"),
    ("SUMY, Ukraine—Residents queued", "SUMY, Ukraine—", "SUMY", None, None),
    ("BILA TSERKVA -- Trains ran late", "BILA TSERKVA --", "BILA TSERKVA", None, None),
    # UK government style: ordinary case, day month year
    (
        "Kyiv, 3 March 2024 — The Minister met",
        "Kyiv, 3 March 2024 —",
        "Kyiv",
        date(2024, 3, 3),
        None,
    ),
    (
        "Vinnytsia, 12 September 2022 – A statement",
        "Vinnytsia, 12 September 2022 –",
        "Vinnytsia",
        date(2022, 9, 12),
        None,
    ),
    # after a title line, after a title and a byline, after blank lines
    (
        "Convoy reaches the coast\n\nMYKOLAIV, Ukraine (AP) — Trucks",
        "MYKOLAIV, Ukraine (AP) —",
        "MYKOLAIV",
        None,
        "AP",
    ),
    (
        "Port reopens\nBy Jane Roe\nIZMAIL (Reuters) - Grain",
        "IZMAIL (Reuters) -",
        "IZMAIL",
        None,
        "Reuters",
    ),
    ("\n\n  \tRIVNE — Power returned", "RIVNE —", "RIVNE", None, None),
    # a day that is no calendar day: still a dateline, with no day
    ("LUTSK, Feb 30 (Reuters) - Text", "LUTSK, Feb 30 (Reuters) -", "LUTSK", None, "Reuters"),
]

NOT_DATELINES = [
    "Kharkiv was shelled overnight - officials said",
    "The town of Balakliia was retaken on Saturday - the governor said",
    "Front lines: what changed this week",
    "Zelensky: we will return every town",
    "Russia retreats from the north as Ukraine advances",
    "BREAKING: Russian forces leave the river bank",
    "UKRAINE WAR — day 200",
    "Sunday, September 11, 2022\n\nA counter-offensive began",
    "10 September 2023 - 22:28\n\nFellow citizens!",
    "Kyiv, 24 February 2022: a year on",
    "Ukraine Update — Volume 12",
    "NATO: allies pledge more air defence",
    "MODERATOR: Good afternoon, everyone",  # transcripts name their speakers in capitals
    "SENIOR DEFENSE OFFICIAL: Thank you",
    "POLTAVA: Schools reopened",
    "By Jane Roe\n\nShelling continued",
    "",
    " \n\t\n",
    "— KYIV (AP) — a dash first",
    # a dateline-like line after a body paragraph is no dateline
    "Shelling continued through the night and " * 10 + "\n\nKYIV (AP) — x",
]


@pytest.mark.parametrize(("text", "written", "place", "day", "outlet"), DATELINES)
def test_datelines_are_found(
    text: str, written: str, place: str, day: date | None, outlet: str | None
) -> None:
    found = find_dateline(text, PUBLISHED)
    assert found is not None
    assert text[found.start : found.end] == written
    assert (found.place, found.day, found.outlet) == (place, day, outlet)


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_headlines_and_sentences_are_no_datelines(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("published", "day"),
    [
        (None, None),  # nothing gives the year
        (date(2022, 9, 11), date(2022, 9, 10)),
        (date(2022, 9, 10), date(2022, 9, 10)),
        (date(2022, 9, 9), date(2022, 9, 10)),  # a day ahead: time zones
        (date(2023, 1, 2), date(2022, 9, 10)),  # a September dateline published in January
    ],
)
def test_a_month_and_day_take_the_year_from_publication(
    published: date | None, day: date | None
) -> None:
    found = find_dateline("MOSCOW, Sept 10 (Reuters) - x", published)
    assert found is not None
    assert found.day == day


def test_the_span_indexes_the_text_given() -> None:
    text = "A title\r\n\r\nKYIV, Ukraine (AP) — Body."
    found = find_dateline(text)
    assert found == Dateline(start=11, end=31, place="KYIV", day=None, outlet="AP")
    assert text[found.end :].strip() == "Body."


@pytest.mark.parametrize(
    "text",
    [
        "x" * 1_000_000,
        "KYIV" + " " * 1_000_000 + "— late dash",
        "\n" * 1_000_000,
        "\x00\x01\x1b\x7f KYIV (AP) — \u2028\u202e",
        "KYIV, " + "Ukraine, " * 100_000 + "(AP) —",
        "Київ, 3 March 2024 — 基辅 — كييف",
    ],
    ids=["long-line", "far-dash", "newlines", "controls", "many-regions", "mixed-scripts"],
)
def test_odd_input_never_throws(text: str) -> None:
    found = find_dateline(text)
    assert found is None or 0 <= found.start < found.end <= (MAX_LINES + 2) * LINE_LIMIT


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.none() | st.dates())
def test_any_text_gives_none_or_a_span_of_it(text: str, published: date | None) -> None:
    found = find_dateline(text, published)
    if found is not None:
        assert text[found.start : found.end].startswith(found.place)


@pytest.mark.shared
def test_dev_reports_have_no_false_datelines(shared: Path) -> None:
    """The dev reports open with titles, dates and page furniture, none a dateline."""
    found = {}
    for path in sorted((shared / "corpus" / "dev").glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        found[obj["id"]] = find_dateline(obj["text"])
    assert {k: v for k, v in found.items() if v is not None} == {}
