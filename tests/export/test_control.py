"""control-v1 JSON Lines."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from frontwatch.export import write_control
from frontwatch.model import ControlPeriod, PlaceRef

IZIUM = PlaceRef("Izium", 707292, 49.2122, 37.2569, "Kharkiv Oblast", 1)
FIELDS = [
    "place",
    "side",
    "start",
    "end",
    "tier",
    "confidence",
    "claims",
    "contradicted_by",
    "known_at",
]


def period(side: str, start: str, end: str | None) -> ControlPeriod:
    return ControlPeriod(
        IZIUM,
        side,
        start,
        end,
        "confirmed",
        0.97,
        ("c1",),
        ("c2",),
        "2022-09-11T00:00:00+00:00",
        {"origins": 3},
    )


def test_one_line_per_period_with_the_control_v1_fields() -> None:
    stream = io.StringIO()
    count = write_control(
        [period("RU", "2022-04-01", "2022-09-09"), period("UA", "2022-09-10", None)], stream
    )
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert count == len(lines) == 2
    assert list(lines[0]) == FIELDS
    assert lines[0]["place"] == {
        "name": "Izium",
        "geonameid": 707292,
        "lat": 49.2122,
        "lon": 37.2569,
        "admin1": "Kharkiv Oblast",
    }
    assert (lines[1]["side"], lines[1]["start"], lines[1]["end"]) == ("UA", "2022-09-10", None)
    assert (lines[1]["claims"], lines[1]["contradicted_by"]) == (["c1"], ["c2"])


def test_nothing_to_write_writes_nothing() -> None:
    stream = io.StringIO()
    assert write_control([], stream) == 0
    assert stream.getvalue() == ""


def test_c1_controls_bidi_and_line_separators_are_escaped() -> None:
    hostile = PlaceRef("Iz\x9bium\u2028\u2029\u202e\x85", 707292, 49.2122, 37.2569, None, 1)
    stream = io.StringIO()
    write_control([replace(period("UA", "2022-09-10", None), place=hostile)], stream)
    line = stream.getvalue()
    assert [c for c in "\x9b\u2028\u2029\u202e\x85" if c in line] == []
    assert json.loads(line)["place"]["name"] == hostile.name
