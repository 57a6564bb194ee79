"""GeoParquet: read back with pyarrow, rows, columns, WKB geometry bytes and the geo metadata."""

from __future__ import annotations

import io
import json
import struct
from typing import Any

import pyarrow.parquet as pq
import pytest

from frontwatch.export import (
    write_claims_geoparquet,
    write_control_geoparquet,
    write_events_geoparquet,
)
from frontwatch.export.geoparquet import wkb_point
from frontwatch.model import (
    Claim,
    Claimant,
    ControlPeriod,
    Event,
    EventTime,
    Evidence,
    PlaceRef,
    Quantity,
)

IZIUM = PlaceRef("Izium", 707292, 49.2122, 37.2569, "Kharkiv Oblast", 1)
KUPIANSK = PlaceRef("Kupiansk", 703656, 49.7106, 37.6156, "Kharkiv Oblast", 2)
SENTENCE = "Ukrainian troops retook Izium on Saturday."


def _claim(cid: str, place: PlaceRef | None) -> Claim:
    return Claim(
        cid, "d1", "control", "UA", place, "affirmed", "asserted",
        Claimant("General Staff", "UA"), "statement",
        EventTime("2022-09-10", None, "day", "on Saturday"), Quantity(3, "villages"),
        Evidence(SENTENCE, 0, len(SENTENCE)), "hand@1", 0.8, "2022-09-11",
    )  # fmt: skip


def _period(place: PlaceRef, side: str, start: str, end: str | None) -> ControlPeriod:
    return ControlPeriod(place, side, start, end, "reported", 0.7, ("c1",), (), "2022-09-11")


def _read(write: Any, records: list[Any]) -> tuple[int, Any]:
    buffer = io.BytesIO()
    count = write(records, buffer)
    buffer.seek(0)
    return count, pq.read_table(buffer)


def _geo(table: Any) -> dict[str, Any]:
    geo: dict[str, Any] = json.loads(table.schema.metadata[b"geo"])
    return geo


def test_a_wkb_point_is_21_little_endian_bytes() -> None:
    data = wkb_point(37.2569, 49.2122)
    assert len(data) == 21
    assert struct.unpack("<BIdd", data) == (1, 1, 37.2569, 49.2122)


def test_claims_read_back_with_their_columns_and_geometry() -> None:
    count, table = _read(write_claims_geoparquet, [_claim("c1", IZIUM), _claim("c2", None)])
    assert count == table.num_rows == 1  # a claim with no place has no point
    (row,) = table.to_pylist()
    assert row["geometry"] == struct.pack("<BIdd", 1, 1, IZIUM.lon, IZIUM.lat)
    assert (row["id"], row["place_name"], row["place_geonameid"]) == ("c1", "Izium", 707292)
    assert (row["claimant_name"], row["event_time_start"]) == ("General Staff", "2022-09-10")
    assert (row["quantity_value"], row["evidence_end"], row["confidence"]) == (3.0, 42, 0.8)
    assert row["evidence_text"] == SENTENCE


def test_the_geo_metadata_is_geoparquet_1_0_in_crs84() -> None:
    _, table = _read(write_claims_geoparquet, [_claim("c1", IZIUM), _claim("c2", KUPIANSK)])
    geo = _geo(table)
    assert (geo["version"], geo["primary_column"]) == ("1.0.0", "geometry")
    column = geo["columns"]["geometry"]
    assert (column["encoding"], column["geometry_types"]) == ("WKB", ["Point"])
    assert column["crs"]["id"] == {"authority": "OGC", "code": "CRS84"}
    axes = [a["direction"] for a in column["crs"]["coordinate_system"]["axis"]]
    assert axes == ["east", "north"]  # longitude first, as the WKB points are written
    assert column["bbox"] == [IZIUM.lon, IZIUM.lat, KUPIANSK.lon, KUPIANSK.lat]


def test_events_keep_their_claim_id_lists() -> None:
    event = Event("e1", "control", "UA", IZIUM, "2022-09-10", None, ("c1", "c2"), ("c3",), 2)
    unplaced = Event("e2", "attack", "RU", None, "2022-09-10", None, ("c4",), (), 1)
    count, table = _read(write_events_geoparquet, [event, unplaced])
    (row,) = table.to_pylist()
    assert count == 1
    assert (row["supporting"], row["contradicting"], row["origins"]) == (["c1", "c2"], ["c3"], 2)
    assert (row["place_admin1"], row["start"], row["end"]) == ("Kharkiv Oblast", "2022-09-10", None)


def test_control_is_one_row_a_place_with_its_timeline() -> None:
    periods = [
        _period(IZIUM, "RU", "2022-04-01", "2022-09-10"),
        _period(IZIUM, "UA", "2022-09-10", None),
        _period(KUPIANSK, "UA", "2022-09-30", None),
    ]
    count, table = _read(write_control_geoparquet, periods)
    rows = {r["name"]: r for r in table.to_pylist()}
    assert count == 2
    assert (rows["Izium"]["side"], rows["Izium"]["since"], rows["Izium"]["id"]) == (
        "UA",
        "2022-09-10",
        "707292",
    )
    assert json.loads(rows["Izium"]["timeline"]) == [p.to_json() for p in periods[:2]]


@pytest.mark.parametrize(
    ("write", "column"),
    [
        (write_claims_geoparquet, "evidence_text"),
        (write_events_geoparquet, "supporting"),
        (write_control_geoparquet, "timeline"),
    ],
)
def test_an_empty_export_still_has_its_columns_and_no_bbox(write: Any, column: str) -> None:
    count, table = _read(write, [])
    assert (count, table.num_rows) == (0, 0)
    assert {column, "geometry"} <= set(table.column_names)
    assert "bbox" not in _geo(table)["columns"]["geometry"]
