"""The JSON the API answers: stored records in their exchange form (claims-v1, control-v1)
with what a reader of the map needs beside them (the document, the sentence's context)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from frontwatch.model import Claim, ControlPeriod, Document, Mention, Place
from frontwatch.store import Link, Store, place_key

T = TypeVar("T")
#: Characters of the document shown on each side of a claim's sentence.
CONTEXT_CHARS = 200


def page(items: Sequence[T], limit: int, offset: int) -> tuple[list[T], dict[str, int]]:
    """One page of ``items`` and the paging fields (``total``, ``limit``, ``offset``)."""
    return list(items[offset : offset + limit]), {
        "total": len(items),
        "limit": limit,
        "offset": offset,
    }


def document_summary(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "title": doc.title,
        "language": doc.language,
        "detected_language": doc.detected_language,
        "license": doc.license,
        "chars": len(doc.text),
    }


def document_detail(doc: Document, revisions: Iterable[tuple[int, str]]) -> dict[str, Any]:
    """A document with its text, every origin it was read from and its earlier texts."""
    return {
        **document_summary(doc),
        "published_note": doc.published_note,
        "forwarded_from": doc.forwarded_from,
        "content_hash": doc.content_hash,
        "origins": list(doc.origins),
        "text": doc.text,
        "revisions": [{"revision": n, "text": text} for n, text in revisions],
    }


def claim_day(claim: Claim) -> str | None:
    """The day a claim is about: its event time's start, else the day it was made."""
    when = (claim.event_time.start if claim.event_time else None) or claim.claim_time
    return when[:10] if when else None


class ClaimViews:
    """Claims as the map shows them: each with its document and, where the stored text
    still holds the sentence, the text around it and the place mention inside it."""

    def __init__(self, store: Store, claims: Iterable[Claim]) -> None:
        self.store = store
        ids = sorted({c.doc for c in claims})
        self.docs = {d.id: d for d in store.documents(ids=ids)} if ids else {}
        self._mentions: dict[str, list[Mention]] = {}

    def view(self, claim: Claim) -> dict[str, Any]:
        doc = self.docs.get(claim.doc)
        return {
            **claim.to_json(),
            "document": _doc_ref(doc) if doc else None,
            "context": self._context(claim, doc),
        }

    def _context(self, claim: Claim, doc: Document | None) -> dict[str, Any] | None:
        ev = claim.evidence
        if doc is None or doc.text[ev.start : ev.end] != ev.text:
            return None  # a revised text: the offsets no longer point at the sentence
        return {
            "before": doc.text[max(0, ev.start - CONTEXT_CHARS) : ev.start],
            "after": doc.text[ev.end : ev.end + CONTEXT_CHARS],
            "place_span": self._place_span(claim),
        }

    def _place_span(self, claim: Claim) -> list[int] | None:
        """Where the claim's place is named in its sentence, as offsets into the sentence."""
        if claim.place is None:
            return None
        if claim.doc not in self._mentions:
            self._mentions[claim.doc] = self.store.mentions(claim.doc)
        ev, key = claim.evidence, place_key(claim.place)
        for m in self._mentions[claim.doc]:
            if ev.start <= m.start and m.end <= ev.end and place_key(m.place) == key:
                return [m.start - ev.start, m.end - ev.start]
        return None


def _doc_ref(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
    }


def link_json(link: Link, claim_id: str) -> dict[str, Any]:
    """A link a claim takes part in, with the claim at its other end."""
    other = link.target if link.source == claim_id else link.source
    return {
        "source": link.source,
        "target": link.target,
        "relation": link.relation,
        "reason": link.reason,
        "other": other,
    }


def period_json(period: ControlPeriod) -> dict[str, Any]:
    """A control-v1 period with its place key and whether something contradicts it."""
    return {
        **period.to_json(),
        "key": place_key(period.place),
        "contested": period.side == "contested" or bool(period.contradicted_by),
    }


def place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "country": place.country,
    }
