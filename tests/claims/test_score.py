"""Scoring claims as spec/claims-v1.md describes: match rules, then attributes on pairs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from frontwatch.claims.score import furniture_errors, places_match, score
from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, PlaceRef

IZIUM = PlaceRef("Izium", 707292, 49.207, 37.2768, "Kharkiv Oblast", 1)
NEAR_IZIUM = PlaceRef("Somewhere", None, 49.25, 37.30, "Kharkiv Oblast", 2)
KUPIANSK = PlaceRef("Kupiansk", 703656, 49.71, 37.6158, "Kharkiv Oblast", 1)


def _claim(**kw: object) -> Claim:
    base = Claim(
        id="",
        doc="d1",
        kind="control",
        side="UA",
        place=IZIUM,
        polarity="affirmed",
        modality="asserted",
        claimant=Claimant("Oleksiy Gromov", "UA"),
        channel="Reuters",
        event_time=EventTime("2022-09-10", "2022-09-10", "day", "Saturday"),
        quantity=None,
        evidence=Evidence("x" * 20, 100, 120),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (IZIUM, IZIUM, True),
        (IZIUM, NEAR_IZIUM, True),
        (IZIUM, KUPIANSK, False),
        (None, None, True),
        (IZIUM, None, False),
    ],
)
def test_places_match(a: PlaceRef | None, b: PlaceRef | None, same: bool) -> None:
    assert places_match(a, b) is same


@pytest.mark.parametrize(
    ("change", "matches"),
    [
        ({}, True),
        ({"kind": "withdrawal"}, False),
        ({"side": "RU"}, False),
        ({"polarity": "negated"}, False),
        ({"place": KUPIANSK}, False),
        ({"place": NEAR_IZIUM}, True),
        ({"doc": "d2"}, False),
        ({"evidence": Evidence("y", 119, 130)}, True),
        ({"evidence": Evidence("y", 120, 130)}, False),
    ],
)
def test_match_rules(change: dict[str, object], matches: bool) -> None:
    result = score([_claim(**change)], [_claim()])
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (
        (1, 0, 0) if matches else (0, 1, 1)
    )


@pytest.mark.parametrize(
    ("change", "attribute", "agrees"),
    [
        ({"modality": "reported"}, "modality", False),
        ({"claimant": Claimant("Gromov", "UA")}, "claimant", True),
        ({"claimant": Claimant("General Staff", "UA")}, "claimant", False),
        ({"claimant": None}, "claimant", False),
        ({"channel": "reuters"}, "channel", True),
        ({"channel": None}, "channel", False),
        ({"event_time": EventTime("2022-09-11", None, "day", "")}, "event_time", True),
        ({"event_time": EventTime("2022-09-12", None, "day", "")}, "event_time", False),
        ({"event_time": None}, "event_time", False),
    ],
)
def test_attributes_on_matched_pairs(
    change: dict[str, object], attribute: str, agrees: bool
) -> None:
    result = score([_claim(**change)], [_claim()])
    assert result.attribute(attribute) == (1.0 if agrees else 0.0)


def test_each_claim_matches_once() -> None:
    result = score([_claim(), _claim()], [_claim()])
    assert (result.overall.tp, result.overall.fp) == (1, 1)
    assert result.f1 == pytest.approx(2 / 3)


def test_perfect_score_on_itself() -> None:
    gold = [_claim(), _claim(kind="attack", evidence=Evidence("z", 5, 9))]
    result = score(gold, gold)
    assert result.f1 == 1.0 and result.attribute_accuracy == 1.0


_REPORT = (
    "Kupiansk under pressure\n\n"
    "KHARKIV, Sept 9 (Borderland Post) - Russian troops captured the village of Pishchane, "
    "east of Kupiansk, the ministry said. Ukrainian forces hold Izium."
)


def _at(phrase: str, place: PlaceRef) -> Claim:
    start = _REPORT.index(phrase)
    return _claim(doc="r", place=place, evidence=Evidence(phrase, start, start + len(phrase)))


def test_furniture_errors_name_their_source() -> None:
    document = Document(id="r", text=_REPORT, published="2022-09-09")
    kharkiv = PlaceRef("Kharkiv", 706483, 49.98, 36.25, "Kharkiv Oblast", 1)
    from_dateline = _at("KHARKIV, Sept 9 (Borderland Post) - Russian troops captured", kharkiv)
    from_headline = _at("Kupiansk under pressure", KUPIANSK)
    from_landmark = _at("the village of Pishchane, east of Kupiansk, the ministry said", KUPIANSK)
    plain = _at("Ukrainian forces hold Izium.", IZIUM)
    found = furniture_errors([from_dateline, from_headline, from_landmark, plain], [document])
    assert found == {
        "dateline": [from_dateline],
        "headline": [from_headline],
        "reference": [from_landmark],
    }
