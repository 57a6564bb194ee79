"""GeoJSON of the control timeline (one Point feature per place), of claims and of events.

Each feature's properties hold the place, its current period (the open one, else the
latest) flattened as ``side``/``since``/``tier``/``confidence`` for map styling, and
``timeline``: every period of the place in control-v1 form, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from frontwatch._visible import json_text
from frontwatch.model import Claim, ControlPeriod, Event, PlaceRef
from frontwatch.store import event_to_json, place_key


def write_geojson(periods: Iterable[ControlPeriod], stream: TextIO) -> int:
    """Write a FeatureCollection to ``stream``; returns the number of features (places)."""
    return _write_collection(control_features(periods), stream)


def control_features(periods: Iterable[ControlPeriod]) -> list[dict[str, Any]]:
    """One Point feature per place: its current period flattened, its timeline in full."""
    return [_feature(ps) for ps in _by_place(periods).values()]


def _write_collection(features: list[dict[str, Any]], stream: TextIO) -> int:
    stream.write(json_text({"type": "FeatureCollection", "features": features}) + "\n")
    return len(features)


def _by_place(periods: Iterable[ControlPeriod]) -> dict[str, list[ControlPeriod]]:
    out: dict[str, list[ControlPeriod]] = {}
    for period in periods:
        out.setdefault(place_key(period.place) or period.place.name, []).append(period)
    for group in out.values():
        group.sort(key=lambda p: p.start or "")
    return out


def current(periods: list[ControlPeriod]) -> ControlPeriod:
    """The open period of a place (``end`` null), else its latest."""
    open_ones = [p for p in periods if p.end is None]
    return (open_ones or periods)[-1]


def _feature(periods: list[ControlPeriod]) -> dict[str, Any]:
    now = current(periods)
    place = now.place
    return {
        "type": "Feature",
        "id": place_key(place),
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "name": place.name,
            "geonameid": place.geonameid,
            "admin1": place.admin1,
            "side": now.side,
            "since": now.start,
            "tier": now.tier,
            "confidence": now.confidence,
            "evidence": len(now.claims),
            "timeline": [p.to_json() for p in periods],
        },
    }


def write_claims_geojson(claims: Iterable[Claim], stream: TextIO) -> int:
    """A FeatureCollection of the claims that name a place: one Point each, the claim's
    claims-v1 object as properties. Returns the number of features."""
    return _write_collection(claim_features(claims), stream)


def claim_features(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """The Point features of the claims that name a place."""
    return [_point(c.id, c.place, c.to_json()) for c in claims if c.place is not None]


def write_events_geojson(events: Iterable[Event], stream: TextIO) -> int:
    """A FeatureCollection of the events that have a place: one Point each, the event's
    fields (kind, side, days, supporting and contradicting claims, origins) as properties."""
    return _write_collection(event_features(events), stream)


def event_features(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The Point features of the events that have a place."""
    return [_point(e.id, e.place, event_to_json(e)) for e in events if e.place is not None]


def _point(fid: str, place: PlaceRef, properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": fid,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }
