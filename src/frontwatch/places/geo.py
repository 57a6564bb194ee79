"""Great-circle distance and bearing, and compass words."""

from __future__ import annotations

import math

EARTH_KM = 6371.0088

COMPASS = {
    "north": 0.0,
    "north-northeast": 22.5,
    "northeast": 45.0,
    "north-east": 45.0,
    "east-northeast": 67.5,
    "east": 90.0,
    "east-southeast": 112.5,
    "southeast": 135.0,
    "south-east": 135.0,
    "south-southeast": 157.5,
    "south": 180.0,
    "south-southwest": 202.5,
    "southwest": 225.0,
    "south-west": 225.0,
    "west-southwest": 247.5,
    "west": 270.0,
    "west-northwest": 292.5,
    "northwest": 315.0,
    "north-west": 315.0,
    "north-northwest": 337.5,
}
_POINTS = ("north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest")


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(origin: tuple[float, float], target: tuple[float, float]) -> float:
    """Initial bearing from ``origin`` to ``target``, degrees clockwise from north."""
    lat1, lon1, lat2, lon2 = map(math.radians, (origin[0], origin[1], target[0], target[1]))
    x = math.sin(lon2 - lon1) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def angle_between(a: float, b: float) -> float:
    """The smaller angle between two bearings, 0..180."""
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def compass_word(bearing: float) -> str:
    """The nearest of the eight compass points."""
    return _POINTS[round(bearing / 45.0) % 8]
