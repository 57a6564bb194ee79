"""The records that flow between the stages.

ingest -> Document; places -> Place, Mention; claims -> Claim; fuse -> Event, ControlPeriod.
Every record is a frozen dataclass; ``to_json`` gives the exchange form
(claims-v1 / control-v1) and ``from_json`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Side = Literal["UA", "RU", "other"]
# The conflict profile (data/src/conflicts/<name>.toml) read unless another is named.
DEFAULT_CONFLICT = "russia-ukraine"
Kind = Literal[
    "control",
    "withdrawal",
    "advance",
    "encirclement",
    "attack",
    "loss",
    "evacuation",
    "supply",
    "presence",
    "territory",
    "deployment",
]
Polarity = Literal["affirmed", "negated"]
Modality = Literal["asserted", "reported", "unconfirmed", "predicted", "conditional"]
Granularity = Literal["day", "week", "month", "year", "range"]
Unit = Literal["km", "km2", "items", "people", "percent"]
Tier = Literal["claimed", "reported", "corroborated", "confirmed"]

KINDS: tuple[Kind, ...] = (
    "control",
    "withdrawal",
    "advance",
    "encirclement",
    "attack",
    "loss",
    "evacuation",
    "supply",
    "presence",
    "territory",
    "deployment",
)
MODALITIES: tuple[Modality, ...] = (
    "asserted",
    "reported",
    "unconfirmed",
    "predicted",
    "conditional",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One report as stored: ``text`` is exactly the input's text (HTML: as extracted)."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_note: str | None = None
    title: str | None = None
    language: str | None = None
    license: str | None = None
    forwarded_from: str | None = None
    content_hash: str = ""
    origins: tuple[str, ...] = ()
    #: The language the text was detected in (``language`` is what its source declared):
    #: an ISO 639-1 code, ``ru-Latn``/``uk-Latn`` (transliteration) or ``und``.
    detected_language: str | None = None

    def published_date(self) -> date | None:
        """The calendar day of publication, or None when unknown or unreadable."""
        if not self.published:
            return None
        try:
            return date.fromisoformat(self.published[:10])
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    admin1: str | None = None
    country: str | None = None
    population: int = 0
    kind: str = "settlement"

    def ref(self, precision: int) -> PlaceRef:
        return PlaceRef(
            name=self.name,
            geonameid=self.geonameid,
            lat=self.lat,
            lon=self.lon,
            admin1=self.admin1,
            precision=precision,
        )


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """The claims-v1 ``place`` object: a place as one claim names it."""

    name: str
    geonameid: int | None
    lat: float
    lon: float
    admin1: str | None
    precision: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "precision": self.precision,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> PlaceRef:
        return cls(
            name=str(obj["name"]),
            geonameid=_opt_int(obj.get("geonameid")),
            lat=float(obj["lat"]),
            lon=float(obj["lon"]),
            admin1=obj.get("admin1"),
            precision=int(obj.get("precision") or 1),
        )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a mention could mean, with its score and why."""

    place: Place
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named (or referred to) in a document, with its resolution.

    ``start``/``end`` are offsets into the stored document text. ``unsure``: the place lies far
    from every other place the document names and from any place it ties the name to, so it
    may be a namesake of the place meant (its score is low; see ``candidates`` for the others).
    """

    doc_id: str
    start: int
    end: int
    text: str
    place: Place | None
    precision: int
    candidates: tuple[Candidate, ...] = ()
    method: str = "alias"
    reason: str = ""
    extractor: str = ""
    unsure: bool = False


@dataclass(frozen=True, slots=True)
class Claimant:
    name: str
    side: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "side": self.side}


@dataclass(frozen=True, slots=True)
class EventTime:
    start: str | None
    end: str | None
    granularity: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "granularity": self.granularity,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str

    def to_json(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"value": value, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact characters of the stored document text that carry a claim."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Claim:
    """One assertion found in one document (claims-v1)."""

    id: str
    doc: str
    kind: str
    side: str | None
    place: PlaceRef | None
    polarity: str
    modality: str
    claimant: Claimant | None
    channel: str | None
    event_time: EventTime | None
    quantity: Quantity | None
    evidence: Evidence
    extractor: str = ""
    confidence: float = 0.5
    claim_time: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "kind": self.kind,
            "side": self.side,
            "place": self.place.to_json() if self.place else None,
            "polarity": self.polarity,
            "modality": self.modality,
            "claimant": self.claimant.to_json() if self.claimant else None,
            "channel": self.channel,
            "event_time": self.event_time.to_json() if self.event_time else None,
            "quantity": self.quantity.to_json() if self.quantity else None,
            "evidence": self.evidence.to_json(),
            "id": self.id,
            "extractor": self.extractor,
            "confidence": self.confidence,
            "claim_time": self.claim_time,
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> Claim:
        """Read a claims-v1 object (gold files have no id/extractor: they get defaults)."""
        ev = obj["evidence"]
        return cls(
            id=str(obj.get("id") or ""),
            doc=str(obj["doc"]),
            kind=str(obj["kind"]),
            side=obj.get("side"),
            place=PlaceRef.from_json(obj["place"]) if obj.get("place") else None,
            polarity=str(obj.get("polarity") or "affirmed"),
            modality=str(obj.get("modality") or "asserted"),
            claimant=_claimant(obj.get("claimant")),
            channel=obj.get("channel"),
            event_time=_event_time(obj.get("event_time")),
            quantity=_quantity(obj.get("quantity")),
            evidence=Evidence(text=str(ev["text"]), start=int(ev["start"]), end=int(ev["end"])),
            extractor=str(obj.get("extractor") or ""),
            confidence=float(obj.get("confidence", 0.5)),
            claim_time=obj.get("claim_time"),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """Claims about one happening, fused across documents."""

    id: str
    kind: str
    side: str | None
    place: PlaceRef | None
    start: str | None
    end: str | None
    supporting: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()
    origins: int = 0


@dataclass(frozen=True, slots=True)
class ControlPeriod:
    """One period of one side's control of a place (control-v1)."""

    place: PlaceRef
    side: str
    start: str | None
    end: str | None
    tier: str
    confidence: float
    claims: tuple[str, ...] = ()
    contradicted_by: tuple[str, ...] = ()
    known_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        place = self.place.to_json()
        place.pop("precision", None)
        return {
            "place": place,
            "side": self.side,
            "start": self.start,
            "end": self.end,
            "tier": self.tier,
            "confidence": self.confidence,
            "claims": list(self.claims),
            "contradicted_by": list(self.contradicted_by),
            "known_at": self.known_at,
        }


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _claimant(obj: Any) -> Claimant | None:
    if not obj:
        return None
    return Claimant(name=str(obj["name"]), side=obj.get("side"))


def _event_time(obj: Any) -> EventTime | None:
    if not obj:
        return None
    return EventTime(
        start=obj.get("start"),
        end=obj.get("end"),
        granularity=obj.get("granularity"),
        text=str(obj.get("text") or ""),
    )


def _quantity(obj: Any) -> Quantity | None:
    if not obj:
        return None
    return Quantity(value=float(obj["value"]), unit=str(obj["unit"]))
