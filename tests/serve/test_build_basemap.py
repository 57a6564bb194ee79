"""scripts/build_basemap.py: TopoJSON arcs decoded to the map's offline basemap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

# Two squares sharing an edge, quantized: arc 0 is the shared edge, delta-encoded.
TOPOLOGY: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [30.0, 48.0]},
    "arcs": [
        [[2, 0], [0, 2]],  # (31, 48) -> (31, 49)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (31, 49) -> (30, 49) -> (30, 48) -> (31, 48)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (31, 48) -> (32, 48) -> (32, 49) -> (31, 49)
        [[200, 0], [2, 0], [0, 2], [-2, 0], [0, -2]],  # far away: (130, 48) ...
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "West"}},
                {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "properties": {"name": "East"}},
                {"type": "Polygon", "arcs": [[3]], "properties": {"name": "Far"}},
                {"type": "Point", "coordinates": [0, 0]},
            ],
        }
    },
}


@pytest.fixture(scope="module")
def build(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("scripts/build_basemap.py")


def test_arcs_are_delta_decoded_and_scaled(build: ModuleType) -> None:
    arcs = build.decode_arcs(TOPOLOGY)
    assert arcs[0] == [[31.0, 48.0], [31.0, 49.0]]


def test_rings_join_arcs_and_reverse_negative_indexes(build: ModuleType) -> None:
    arcs = build.decode_arcs(TOPOLOGY)
    assert build.ring([0, 1], arcs) == [[31, 48], [31, 49], [30, 49], [30, 48], [31, 48]]
    assert build.ring([2, ~0], arcs) == [[31, 48], [32, 48], [32, 49], [31, 49], [31, 48]]


def test_only_countries_in_the_region_are_kept(build: ModuleType) -> None:
    collection = build.basemap(TOPOLOGY)
    names = [f["properties"]["name"] for f in collection["features"]]
    assert names == ["West", "East"]
    assert collection["features"][1]["geometry"]["type"] == "MultiPolygon"
    assert "public domain" in collection["source"]


def _unit(code: str, name: str, coordinates: Any, kind: str = "Polygon") -> dict[str, Any]:
    props = {"iso_3166_2": code, "name": name, "name_en": f"{name} (en)"}
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


SQUARE = [[[30.123456, 48.0], [31.0, 48.0], [31.0, 49.987654], [30.123456, 48.0]]]
ADMIN1: dict[str, Any] = {
    "type": "FeatureCollection",
    "features": [
        _unit("UA-63", "Kharkiv", SQUARE),
        _unit("PL-MZ", "Masovia", SQUARE),  # another country's unit
        _unit("UA-43", "Crimea", [SQUARE], "MultiPolygon"),  # filed under RU by Natural Earth
        _unit("UA-99", "Pointless", [30.0, 48.0], "Point"),
        {"type": "Feature", "properties": None, "geometry": None},
    ],
}


def test_oblasts_are_ukraines_units_by_iso_code_rounded(build: ModuleType) -> None:
    units = build.oblasts(ADMIN1)
    assert [u["properties"] for u in units] == [
        {"name": "Crimea (en)", "kind": "oblast", "iso_3166_2": "UA-43"},
        {"name": "Kharkiv (en)", "kind": "oblast", "iso_3166_2": "UA-63"},
    ]
    assert units[1]["geometry"]["coordinates"][0][0] == [30.1235, 48.0]
    assert units[0]["geometry"]["type"] == "MultiPolygon"
    assert units[0]["geometry"]["coordinates"][0][0][2] == [31.0, 49.9877]


def test_the_oblasts_file_is_optional_and_adds_outlines(build: ModuleType, tmp_path: Path) -> None:
    countries, admin1 = tmp_path / "countries.json", tmp_path / "admin1.json"
    countries.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    admin1.write_text(json.dumps(ADMIN1), encoding="utf-8")
    assert build.main([str(countries), str(tmp_path / "plain.geojson")]) == 0
    assert build.main([str(countries), str(tmp_path / "both.geojson"), str(admin1)]) == 0
    plain = json.loads((tmp_path / "plain.geojson").read_text(encoding="utf-8"))
    both = json.loads((tmp_path / "both.geojson").read_text(encoding="utf-8"))
    assert both["features"][: len(plain["features"])] == plain["features"]
    assert [f["properties"].get("kind") for f in both["features"]].count("oblast") == 2
    assert "Admin 1" in both["source"] and "Admin 1" not in plain["source"]
