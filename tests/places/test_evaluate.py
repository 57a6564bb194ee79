"""Scoring helpers shared by the benchmark and the accuracy gate, on hand-built records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.model import Mention, Place
from frontwatch.places import PlaceResolver
from frontwatch.places import evaluate as ev

IZIUM = Place(707292, "Izium", 49.20697, 37.27679, "Kharkiv Oblast", "UA", 45884)
KUPIANSK = Place(703656, "Kupiansk", 49.71055, 37.61517, "Kharkiv Oblast", "UA", 27169)
UKRAINE = Place(690791, "Ukraine", 48.9, 31.3, None, "UA", 44_000_000, "country")


def mention(place: Place, start: int, end: int, method: str = "alias") -> Mention:
    return Mention("d", start, end, place.name, place, 1, (), method, "", "t@1")


def gold(start: int, end: int, place: Place = IZIUM) -> ev.GoldPlace:
    return ev.GoldPlace("d", place.name, place.lat, place.lon, start, end)


TEXT = "Troops left Izium. Kupiansk fell. Ukraine holds it now."


def test_mentions_inside_the_evidence_are_offered() -> None:
    mentions = [mention(IZIUM, 12, 17), mention(KUPIANSK, 19, 27)]
    assert ev.offered(gold(19, 33, KUPIANSK), mentions, TEXT) == [mentions[1]]


def test_countries_and_metonyms_are_not_offered_focus_is() -> None:
    mentions = [mention(IZIUM, 12, 17), mention(UKRAINE, 34, 41)]
    # "Ukraine holds it now." names only a country: the place in focus is Izium's sentence.
    assert ev.offered(gold(34, 55), mentions, TEXT) == [mentions[0]]
    metonym = [mention(IZIUM, 34, 41, method="metonym")]
    assert ev.offered(gold(34, 55), metonym, TEXT) == []


def test_score_gold_takes_the_nearest_offered_place() -> None:
    mentions = {"d": [mention(KUPIANSK, 0, 5), mention(IZIUM, 6, 10)]}
    (hit,) = ev.score_gold([gold(0, 12)], mentions, {"d": TEXT})
    assert hit.place == IZIUM
    assert hit.km == pytest.approx(0.0, abs=0.01)
    assert hit.within(5.0)


def test_a_gold_place_with_no_mention_is_a_miss() -> None:
    (hit,) = ev.score_gold([gold(0, 12)], {}, {"d": TEXT})
    assert (hit.place, hit.km, hit.within(1000.0)) == (None, None, False)
    assert ev.share_within([hit], 15.0) == 0.0
    assert ev.share_within([], 15.0) == 1.0


def test_distinct_places_need_every_claim_found() -> None:
    ok = ev.Hit(gold(0, 1), IZIUM, 0.0)
    far = ev.Hit(gold(2, 3), KUPIANSK, 60.0)
    assert ev.distinct_places([ok, far], 5.0) == {("d", "Izium"): False}
    assert ev.distinct_places([ok], 5.0) == {("d", "Izium"): True}


def test_load_gold_skips_claims_without_a_place(tmp_path: Path) -> None:
    place = {"name": "Izium", "geonameid": 707292, "lat": 49.2, "lon": 37.3, "admin1": None}
    records = [
        {"doc": "d", "place": place, "evidence": {"text": "x", "start": 3, "end": 9}},
        {"doc": "d", "place": None, "evidence": {"text": "y", "start": 0, "end": 1}},
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    (found,) = ev.load_gold(tmp_path)
    assert (found.name, found.start, found.end, found.geonameid) == ("Izium", 3, 9, 707292)


def test_geoparse_score_ratios() -> None:
    score = ev.GeoparseScore(articles=1, gold=10, found=8, matched=6, exact=7, near=9, indexed=8)
    assert (score.precision, score.recall, score.indexed_share) == (0.75, 0.6, 0.8)
    assert score.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert score.to_json()["within_161km"] == 0.9
    empty = ev.GeoparseScore(0, 0, 0, 0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1, empty.exact_share) == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(("value", "floor"), [(0.974, 0.97), (0.97, 0.97), (1.0, 1.0)])
def test_floor_to(value: float, floor: float) -> None:
    assert ev.floor_to(value) == pytest.approx(floor)


def test_a_found_span_of_an_unscored_toponym_is_neither_right_nor_wrong(
    resolver: PlaceResolver,
) -> None:

    text = "He walked down Royal Street to Kharkiv."
    kharkiv = resolver.resolve("Kharkiv").place
    assert kharkiv is not None
    gold = ev.Toponym(31, 38, "Kharkiv", 706483, kharkiv.lat, kharkiv.lon)
    article = ev.Article("a", text, (gold,), frozenset({(15, 27)}))
    mentions = [
        Mention(doc_id="a", start=s, end=e, text=text[s:e], place=kharkiv, precision=1,
                candidates=(), method="alias", reason="", extractor="test")
        for s, e in ((15, 27), (31, 38), (0, 2))
    ]  # fmt: skip
    gold_n, found, matched, exact, _ = ev._article_counts(resolver, article, mentions)
    assert (gold_n, found, matched, exact) == (1, 2, 1, 1)  # "He" is wrong, the street is not
