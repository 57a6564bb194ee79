"""Records to JSON text and back, for the ``record`` columns of the store."""

from __future__ import annotations

import json
from typing import Any

from frontwatch.model import Candidate, Claim, ControlPeriod, Event, Mention, Place, PlaceRef


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def place_key(place: PlaceRef | Place | None) -> str | None:
    """The key a place is grouped by: its GeoNames id, else its name."""
    if place is None:
        return None
    return str(place.geonameid) if place.geonameid is not None else place.name


def place_to_json(place: Place) -> dict[str, Any]:
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "country": place.country,
        "population": place.population,
        "kind": place.kind,
    }


def place_from_json(obj: dict[str, Any]) -> Place:
    return Place(
        geonameid=obj.get("geonameid"),
        name=obj["name"],
        lat=float(obj["lat"]),
        lon=float(obj["lon"]),
        admin1=obj.get("admin1"),
        country=obj.get("country"),
        population=int(obj.get("population") or 0),
        kind=str(obj.get("kind") or "settlement"),
    )


def mention_to_json(m: Mention) -> dict[str, Any]:
    return {
        "doc_id": m.doc_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "place": place_to_json(m.place) if m.place else None,
        "precision": m.precision,
        "candidates": [
            {"place": place_to_json(c.place), "score": c.score, "reasons": list(c.reasons)}
            for c in m.candidates
        ],
        "method": m.method,
        "reason": m.reason,
        "extractor": m.extractor,
        "unsure": m.unsure,
    }


def mention_from_json(obj: dict[str, Any]) -> Mention:
    return Mention(
        doc_id=obj["doc_id"],
        start=int(obj["start"]),
        end=int(obj["end"]),
        text=obj["text"],
        place=place_from_json(obj["place"]) if obj.get("place") else None,
        precision=int(obj["precision"]),
        candidates=tuple(
            Candidate(place_from_json(c["place"]), float(c["score"]), tuple(c["reasons"]))
            for c in obj.get("candidates", [])
        ),
        method=obj.get("method", ""),
        reason=obj.get("reason", ""),
        extractor=obj.get("extractor", ""),
        unsure=bool(obj.get("unsure", False)),
    )


def claim_from_json(obj: dict[str, Any]) -> Claim:
    return Claim.from_json(obj)


def event_to_json(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "side": e.side,
        "place": e.place.to_json() if e.place else None,
        "start": e.start,
        "end": e.end,
        "supporting": list(e.supporting),
        "contradicting": list(e.contradicting),
        "origins": e.origins,
    }


def event_from_json(obj: dict[str, Any]) -> Event:
    return Event(
        id=obj["id"],
        kind=obj["kind"],
        side=obj.get("side"),
        place=PlaceRef.from_json(obj["place"]) if obj.get("place") else None,
        start=obj.get("start"),
        end=obj.get("end"),
        supporting=tuple(obj.get("supporting", ())),
        contradicting=tuple(obj.get("contradicting", ())),
        origins=int(obj.get("origins", 0)),
    )


def period_to_json(p: ControlPeriod) -> dict[str, Any]:
    out = p.to_json()
    out["place"] = p.place.to_json()
    out["extra"] = p.extra
    return out


def period_from_json(obj: dict[str, Any]) -> ControlPeriod:
    return ControlPeriod(
        place=PlaceRef.from_json(obj["place"]),
        side=obj["side"],
        start=obj.get("start"),
        end=obj.get("end"),
        tier=obj["tier"],
        confidence=float(obj["confidence"]),
        claims=tuple(obj.get("claims", ())),
        contradicted_by=tuple(obj.get("contradicted_by", ())),
        known_at=obj.get("known_at"),
        extra=dict(obj.get("extra") or {}),
    )
