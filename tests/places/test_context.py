"""Words around a place name: stated distances and bearings, and precision hints."""

from __future__ import annotations

import pytest

from frontwatch.places._context import county_word, distances, precision_hint, tie_words


@pytest.mark.parametrize(
    ("text", "km", "bearing"),
    [
        ("Lyman, 76 kilometers northeast of Balakliya", 76.0, 45.0),
        ("a hamlet about 35 kilometers from Lyman", 35.0, None),
        ("some 20 miles (32 km) south of Izium", 20 * 1.609344, 180.0),
        ("12.5 km to the west of Kherson", 12.5, 270.0),
        ("a town 40-km north-west of Kharkiv", 40.0, 315.0),
        ("5 km southeastern of X", 5.0, 135.0),
    ],
)
def test_distances_are_read(text: str, km: float, bearing: float | None) -> None:
    (found,) = distances(text)
    assert found.km == pytest.approx(km)
    assert found.bearing == bearing
    assert text[found.start : found.end].strip() == found.text


@pytest.mark.parametrize(
    "text",
    ["advanced 50 kilometers in a week", "a 5 km front", "km of X", "the 3rd of May"],
)
def test_no_distance_without_an_anchor_phrase(text: str) -> None:
    assert distances(text) == []


@pytest.mark.parametrize(
    ("before", "after", "population", "precision"),
    [
        ("fighting near ", " on Monday", 45_000, 2),
        ("on the outskirts of ", ".", 45_000, 2),
        ("near the Ukrainian city of ", ".", 1_400_000, 2),
        ("around the northeastern city of ", ".", 1_400_000, 3),
        ("around ", ".", 45_000, 2),
        ("in the ", " area", 45_000, 2),
        ("in the ", " direction", 45_000, 3),
        ("north of ", ".", 45_000, 2),
    ],
)
def test_precision_hints(before: str, after: str, population: int, precision: int) -> None:
    hint = precision_hint(before, after, population)
    assert hint is not None
    assert hint.precision == precision
    assert hint.words


@pytest.mark.parametrize(("before", "after"), [("troops entered ", " on Monday"), ("", "")])
def test_no_hint_for_the_place_itself(before: str, after: str) -> None:
    assert precision_hint(before, after, 45_000) is None


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (", Clay, Otter Tail and Wilkin counties:", True),
        (" and Barrow counties", True),
        (" County school board", True),
        (" Parish deputies", True),
        (" and Henry County is rich in history", False),  # "Paris and Henry County"
        (", Ohio, on Thursday", False),
        (" residents said", False),
    ],
)
def test_county_words_after_a_name(after: str, expected: bool) -> None:
    assert county_word(after) is expected


@pytest.mark.parametrize(
    ("between", "after", "words"),
    [
        (", east of ", ", officials said", "east of"),
        (" near ", " overnight", "near"),
        (", which lies north-east of ", ".", "which lies north-east of"),
        (", a village outside the town of ", ".", "a village outside the town of"),
        (" on the outskirts of ", ".", "on the outskirts of"),
        (" in the ", " direction", "in the"),
        (" on the ", " axis, the army said", "on the"),
    ],
)
def test_words_that_tie_a_name_to_the_next_place(between: str, after: str, words: str) -> None:
    assert tie_words(between, after) == words


@pytest.mark.parametrize(
    ("between", "after"),
    [
        (" and ", ""),  # a list: two places, neither tied to the other
        (" in the ", " morning"),  # "in the X" with no zone noun after X
        (" was shelled from ", ""),
        (", " + "x" * 70 + " near ", ""),  # too far apart
    ],
)
def test_words_that_do_not_tie(between: str, after: str) -> None:
    assert tie_words(between, after) is None
