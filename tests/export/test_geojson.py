"""GeoJSON of the control timeline (a Point per place, its current period and timeline), of
claims and of events."""

from __future__ import annotations

import io
import json

from frontwatch.export import write_claims_geojson, write_events_geojson, write_geojson
from frontwatch.model import Claim, ControlPeriod, Event, Evidence, PlaceRef

IZIUM = PlaceRef("Izium", 707292, 49.2122, 37.2569, "Kharkiv Oblast", 1)
BALAKLIIA = PlaceRef("Balakliia", 712926, 49.456, 36.8443, "Kharkiv Oblast", 1)


def period(place: PlaceRef, side: str, start: str, end: str | None) -> ControlPeriod:
    return ControlPeriod(place, side, start, end, "reported", 0.75, ("c",), (), None)


def test_one_feature_per_place_with_its_current_period_and_timeline() -> None:
    stream = io.StringIO()
    count = write_geojson(
        [
            period(IZIUM, "UA", "2022-09-10", None),
            period(IZIUM, "RU", "2022-04-01", "2022-09-09"),
            period(BALAKLIIA, "UA", "2022-09-08", None),
        ],
        stream,
    )
    data = json.loads(stream.getvalue())
    assert count == 2
    assert data["type"] == "FeatureCollection"
    izium = next(f for f in data["features"] if f["id"] == "707292")
    assert izium["geometry"] == {"type": "Point", "coordinates": [37.2569, 49.2122]}
    props = izium["properties"]
    assert (props["side"], props["since"], props["tier"], props["evidence"]) == (
        "UA",
        "2022-09-10",
        "reported",
        1,
    )
    assert [p["side"] for p in props["timeline"]] == ["RU", "UA"]


def test_a_place_with_only_closed_periods_shows_its_latest() -> None:
    stream = io.StringIO()
    write_geojson(
        [
            period(IZIUM, "RU", "2022-04-01", "2022-09-09"),
            period(IZIUM, "contested", "2022-09-10", "2022-09-11"),
        ],
        stream,
    )
    (feature,) = json.loads(stream.getvalue())["features"]
    assert feature["properties"]["side"] == "contested"


def test_no_periods_give_an_empty_collection() -> None:
    stream = io.StringIO()
    assert write_geojson([], stream) == 0
    assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_c1_controls_bidi_and_line_separators_are_escaped() -> None:
    hostile = PlaceRef("Iz\x9bium\u2028\u2029\u202e\x85", 707292, 49.2122, 37.2569, None, 1)
    stream = io.StringIO()
    write_geojson([period(hostile, "UA", "2022-09-10", None)], stream)
    text = stream.getvalue()
    assert [c for c in "\x9b\u2028\u2029\u202e\x85" if c in text] == []
    assert json.loads(text)["features"][0]["properties"]["name"] == hostile.name


def _claim(cid: str, place: PlaceRef | None) -> Claim:
    return Claim(
        cid, "d1", "control", "UA", place, "affirmed", "asserted", None, None, None, None,
        Evidence("Izium was retaken.", 0, 18),
    )  # fmt: skip


def test_claims_geojson_has_a_point_per_placed_claim() -> None:
    stream = io.StringIO()
    count = write_claims_geojson([_claim("c1", IZIUM), _claim("c2", None)], stream)
    data = json.loads(stream.getvalue())
    assert count == 1
    (feature,) = data["features"]
    assert feature["id"] == "c1"
    assert feature["geometry"]["coordinates"] == [37.2569, 49.2122]
    assert Claim.from_json(feature["properties"]) == _claim("c1", IZIUM)


def test_events_geojson_has_a_point_per_placed_event() -> None:
    events = [
        Event("e1", "control", "UA", BALAKLIIA, "2022-09-08", "2022-09-08", ("c1",), ("c2",), 2),
        Event("e2", "attack", "RU", None, None, None),
    ]
    stream = io.StringIO()
    assert write_events_geojson(events, stream) == 1
    (feature,) = json.loads(stream.getvalue())["features"]
    props = feature["properties"]
    assert (feature["id"], props["supporting"], props["contradicting"]) == ("e1", ["c1"], ["c2"])
