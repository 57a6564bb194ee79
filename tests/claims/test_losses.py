"""Loss totals read without a trigger frame: figure, side, place, running-total time."""

from __future__ import annotations

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.model import Claim, Document


def _losses(extractor: ClaimExtractor, text: str) -> list[Claim]:
    doc = Document(id="l1", text=text, published="2023-03-01")
    return [c for c in extractor.extract(doc).claims if c.kind == "loss"]


@pytest.mark.parametrize(
    ("text", "side", "value", "unit"),
    [
        (
            "More than 12,000 Russian soldiers have lost their lives, officials said.",
            "RU",
            12000,
            "people",
        ),
        ("Analysts say Russia’s casualty figures stand at over 150,000.", "RU", 150000, "people"),
        (
            "More than 40,000 Russians are dead or wounded, the minister said.",
            "RU",
            40000,
            "people",
        ),
        (
            "The losses of the Ukrainian armed forces amounted to 3,100 personnel.",
            "UA",
            3100,
            "people",
        ),
        ("Russian losses amounted to 900 tanks, the ministry said.", "RU", 900, "items"),
        ("Ukrainian troops destroyed 14 Russian tanks near Izium.", "RU", 14, "items"),
        ("Russian forces killed 60 Ukrainian servicemen, Moscow claimed.", "UA", 60, "people"),
    ],
)
def test_a_total_gets_the_side_that_lost_it(
    town_extractor: ClaimExtractor, text: str, side: str, value: int, unit: str
) -> None:
    claims = _losses(town_extractor, text)
    assert [(c.side, c.quantity.value if c.quantity else None) for c in claims] == [(side, value)]
    assert claims[0].quantity is not None and claims[0].quantity.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "A missile strike on Izium killed 17 civilians, the governor said.",
        "The attack killed 12 people and wounded 30 residents.",
        "About 2,000 people were evacuated from Kupiansk.",
        "The brigade received 40 new tanks last month.",
    ],
)
def test_civilians_and_figures_with_no_loss_are_not_losses(
    town_extractor: ClaimExtractor, text: str
) -> None:
    assert _losses(town_extractor, text) == []


def test_a_second_figure_takes_the_side_of_the_first(town_extractor: ClaimExtractor) -> None:
    text = (
        "It is estimated that 9,000 Russian soldiers have lost their lives, and that in all "
        "more than 30,000 have been killed or wounded."
    )
    values = sorted(c.quantity.value for c in _losses(town_extractor, text) if c.quantity)
    assert values == [9000, 30000]


def test_a_running_total_counts_from_the_start_of_the_war(town_extractor: ClaimExtractor) -> None:
    (claim,) = _losses(town_extractor, "Russia's casualty figures are now over 200,000.")
    assert claim.event_time is not None
    assert (claim.event_time.start, claim.event_time.granularity) in {
        ("2022-02-24", "range"),
        ("2023-03-01", "day"),  # "now": the day of the statement
    }


def test_a_loss_named_at_a_place_keeps_it(town_extractor: ClaimExtractor) -> None:
    (claim,) = _losses(town_extractor, "Around Izium, Russian forces lost 40 tanks in a week.")
    assert claim.place is not None and claim.place.name == "Izium"


def test_parts_of_a_total_are_not_losses_of_their_own(town_extractor: ClaimExtractor) -> None:
    text = "Russia lost 5,000 troops in May, including 2,000 killed, the General Staff said."
    values = sorted(c.quantity.value for c in _losses(town_extractor, text) if c.quantity)
    assert values == [5000]
