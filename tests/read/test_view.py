"""The normalised text view: headlines in title case read in sentence case."""

from __future__ import annotations

import pytest

from frontwatch.read import make_view, sentence_case

COMMON = frozenset({"forces", "enter", "as", "troops", "withdraw", "the", "city", "plant", "from"})
KEEP = frozenset({"russian", "ukrainian"})


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (
            "Ukrainian Forces Enter Kherson as Russian Troops Withdraw",
            "Ukrainian forces enter Kherson as Russian troops withdraw",
        ),
        # the first word keeps its capital, names and acronyms keep theirs
        ("Forces Enter Kherson From The NATO Plant", "Forces enter Kherson from the NATO plant"),
        # prose is left alone, however many names it holds
        (
            "Russian troops left Kherson, Izium and Lyman, the Forces said.",
            "Russian troops left Kherson, Izium and Lyman, the Forces said.",
        ),
    ],
)
def test_a_headline_in_title_case_reads_in_sentence_case(stored: str, expected: str) -> None:
    view = sentence_case(make_view(stored), COMMON, KEEP)
    assert view.text == expected
    assert view.origin == make_view(stored).origin  # offsets map to the stored text as before


def test_only_the_title_case_paragraph_changes() -> None:
    stored = "Ukrainian Forces Enter Kherson As Troops Withdraw\n\nThe forces entered the city."
    view = sentence_case(make_view(stored), COMMON, KEEP)
    headline, body = view.text.split("\n\n")
    assert headline == "Ukrainian forces enter Kherson as troops withdraw"
    assert body == "The forces entered the city."
