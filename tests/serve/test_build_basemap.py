"""scripts/build_basemap.py: TopoJSON arcs decoded to the map's offline basemap."""

from __future__ import annotations

from collections.abc import Callable
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
