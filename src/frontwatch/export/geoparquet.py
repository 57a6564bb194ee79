"""GeoParquet 1.0 of claims, events and the control timeline: the rows of the GeoJSON exports
(the same features, from ``frontwatch.export.geojson``), their properties as typed columns, and
a ``geometry`` column of WKB points in OGC:CRS84 (longitude, latitude).

A nested property becomes columns joined by ``_`` (``place.name`` → ``place_name``); lists of
ids are lists of strings; a control feature's ``timeline`` (every period of the place in
control-v1 form) is one JSON text per row. The file's ``geo`` metadata names the geometry
column, its encoding, its type, its CRS (PROJJSON, ``data/export/crs84.json``) and its bbox.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from frontwatch._visible import json_text
from frontwatch.export.geojson import claim_features, control_features, event_features
from frontwatch.model import Claim, ControlPeriod, Event

GEOMETRY = "geometry"
GEOPARQUET_VERSION = "1.0.0"
_WKB_POINT = struct.Struct("<BIdd")  # little-endian flag 1, type 1 (Point), x, y: 21 bytes

#: A column: its dotted path into a feature's ``{"id": ..., **properties}``, and its type:
#: ``string``, ``int64``, ``float64``, ``strings`` (a list of strings) or ``json`` (JSON text).
Column = tuple[str, str]

_PLACE: tuple[Column, ...] = (
    ("place.name", "string"),
    ("place.geonameid", "int64"),
    ("place.admin1", "string"),
    ("place.precision", "int64"),
)
CLAIM_COLUMNS: tuple[Column, ...] = (
    ("id", "string"), ("doc", "string"), ("kind", "string"), ("side", "string"),
    *_PLACE,
    ("polarity", "string"), ("modality", "string"),
    ("claimant.name", "string"), ("claimant.side", "string"), ("channel", "string"),
    ("event_time.start", "string"), ("event_time.end", "string"),
    ("event_time.granularity", "string"), ("event_time.text", "string"),
    ("quantity.value", "float64"), ("quantity.unit", "string"),
    ("evidence.text", "string"), ("evidence.start", "int64"), ("evidence.end", "int64"),
    ("extractor", "string"), ("confidence", "float64"), ("claim_time", "string"),
)  # fmt: skip
EVENT_COLUMNS: tuple[Column, ...] = (
    ("id", "string"), ("kind", "string"), ("side", "string"), *_PLACE,
    ("start", "string"), ("end", "string"),
    ("supporting", "strings"), ("contradicting", "strings"), ("origins", "int64"),
)  # fmt: skip
CONTROL_COLUMNS: tuple[Column, ...] = (
    ("id", "string"), ("name", "string"), ("geonameid", "int64"), ("admin1", "string"),
    ("side", "string"), ("since", "string"), ("tier", "string"), ("confidence", "float64"),
    ("evidence", "int64"), ("timeline", "json"),
)  # fmt: skip
_TYPES = {
    "string": pa.string(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "strings": pa.list_(pa.string()),
    "json": pa.string(),
}


def write_claims_geoparquet(claims: Iterable[Claim], stream: BinaryIO) -> int:
    """The claims that name a place, one row each; returns the rows written."""
    return write_geoparquet(claim_features(claims), CLAIM_COLUMNS, stream)


def write_events_geoparquet(events: Iterable[Event], stream: BinaryIO) -> int:
    """The events that have a place, one row each; returns the rows written."""
    return write_geoparquet(event_features(events), EVENT_COLUMNS, stream)


def write_control_geoparquet(periods: Iterable[ControlPeriod], stream: BinaryIO) -> int:
    """One row per place, as the control GeoJSON's features; returns the rows written."""
    return write_geoparquet(control_features(periods), CONTROL_COLUMNS, stream)


def write_geoparquet(
    features: Sequence[dict[str, Any]], columns: Sequence[Column], stream: BinaryIO
) -> int:
    """Write GeoJSON Point ``features`` as a GeoParquet file with ``columns`` and a WKB
    ``geometry``; returns the rows written."""
    rows = [{"id": f["id"], **f["properties"]} for f in features]
    points = [f["geometry"]["coordinates"] for f in features]
    arrays = [
        pa.array([_value(r, path, kind) for r in rows], _TYPES[kind]) for path, kind in columns
    ]
    names = [path.replace(".", "_") for path, _ in columns]
    geometry = pa.array([wkb_point(float(x), float(y)) for x, y in points], pa.binary())
    table = pa.Table.from_arrays([*arrays, geometry], names=[*names, GEOMETRY])
    metadata = {b"geo": json.dumps(geo_metadata(points)).encode("utf-8")}
    pq.write_table(table.replace_schema_metadata(metadata), stream)
    return len(rows)


def wkb_point(x: float, y: float) -> bytes:
    """A 2D point as ISO WKB, little-endian: 21 bytes."""
    return _WKB_POINT.pack(1, 1, x, y)


def geo_metadata(points: Sequence[Sequence[float]]) -> dict[str, Any]:
    """GeoParquet 1.0's ``geo`` file metadata for a Point column in OGC:CRS84."""
    column: dict[str, Any] = {
        "encoding": "WKB",
        "geometry_types": ["Point"],
        "crs": _crs84(),
        "edges": "planar",
    }
    if points:
        xs, ys = [float(p[0]) for p in points], [float(p[1]) for p in points]
        column["bbox"] = [min(xs), min(ys), max(xs), max(ys)]
    return {
        "version": GEOPARQUET_VERSION,
        "primary_column": GEOMETRY,
        "columns": {GEOMETRY: column},
    }


@cache
def _crs84_text() -> str:
    path = resources.files("frontwatch") / "data" / "export" / "crs84.json"
    return path.read_text(encoding="utf-8")


def _crs84() -> dict[str, Any]:
    crs: dict[str, Any] = json.loads(_crs84_text())["projjson"]
    return crs


def _value(row: dict[str, Any], path: str, kind: str) -> Any:
    value: Any = row
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return None
    if kind == "json":
        return json_text(value)
    if kind == "strings":
        return [str(v) for v in value]
    return value
