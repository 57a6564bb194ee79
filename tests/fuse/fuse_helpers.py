"""Hand-built claims and documents for the fusion tests (no article text copied)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from frontwatch.fuse import Fact, document_facts, lexicons, make_facts
from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, PlaceRef

PLACES: dict[str, tuple[int | None, float, float]] = {
    "Izium": (707292, 49.2122, 37.2569),
    "Balakliia": (712926, 49.4560, 36.8443),
    "Kupiansk": (703656, 49.7106, 37.6156),
    "Kharkiv Oblast": (None, 49.9808, 36.2527),
}


def place(name: str, precision: int = 1) -> PlaceRef:
    gid, lat, lon = PLACES[name]
    return PlaceRef(name, gid, lat, lon, "Kharkiv Oblast", precision)


def claim(
    cid: str,
    *,
    kind: str = "control",
    side: str | None = "UA",
    at: str | None = "Izium",
    day: str | None = "2022-09-10",
    end: str | None = None,
    granularity: str | None = None,
    polarity: str = "affirmed",
    modality: str = "asserted",
    claimant: tuple[str, str | None] | None = None,
    channel: str | None = None,
    doc: str | None = None,
    text: str = "evidence",
    start: int = 0,
    precision: int = 1,
    confidence: float = 1.0,
) -> Claim:
    """One claim; ``doc`` defaults to a document of its own named after the claim."""
    event_time = None
    if day is not None:
        gran = granularity or ("day" if end in (None, day) else "range")
        event_time = EventTime(day, end or day, gran, "when")
    return Claim(
        id=cid,
        doc=doc or f"d-{cid}",
        kind=kind,
        side=side,
        place=place(at, precision) if at else None,
        polarity=polarity,
        modality=modality,
        claimant=Claimant(*claimant) if claimant else None,
        channel=channel,
        event_time=event_time,
        quantity=None,
        evidence=Evidence(text, start, start + len(text)),
        extractor="test@1",
        confidence=confidence,
    )


def document(
    doc_id: str, published: str | None = "2022-09-11", text: str | None = None
) -> Document:
    body = text if text is not None else f"Report {doc_id} with words of its own {doc_id} here."
    digest = hashlib.sha256(body.encode()).hexdigest()
    return Document(id=doc_id, text=body, published=published, content_hash=digest)


def docs_for(
    claims: Sequence[Claim], published: dict[str, str | None] | None = None
) -> list[Document]:
    """A distinct document for each claim's doc id (publication 2022-09-11 unless given)."""
    dates = published or {}
    ids = dict.fromkeys(c.doc for c in claims)
    return [document(i, dates.get(i, "2022-09-11")) for i in ids]


def facts(claims: Sequence[Claim], docs: Sequence[Document] | None = None) -> list[Fact]:
    lex = lexicons()
    return make_facts(
        claims, document_facts(docs if docs is not None else docs_for(claims), lex), lex
    )
