"""A small store built by hand for the serve tests: invented reports about four places,
their claims with exact evidence offsets and place mentions, fused."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from frontwatch.fuse import Fuser
from frontwatch.model import (
    Claim,
    Claimant,
    Document,
    EventTime,
    Evidence,
    Mention,
    Place,
    PlaceRef,
)
from frontwatch.store import Store

EXTRACTOR = "hand@1"
PLACES = {
    "Izium": Place(707292, "Izium", 49.2122, 37.2569, "Kharkiv Oblast", "UA"),
    "Balakliia": Place(712926, "Balakliia", 49.456, 36.8443, "Kharkiv Oblast", "UA"),
    "Kupiansk": Place(703656, "Kupiansk", 49.7106, 37.6156, "Kharkiv Oblast", "UA"),
}
HOSTILE = '<img src=x onerror="document.title=\'owned\'"><script>document.title="x"</script>'


@dataclass(frozen=True)
class Said:
    """One claim: the sentence that carries it, and what it says."""

    cid: str
    sentence: str
    place: str
    kind: str = "control"
    side: str = "UA"
    day: str | None = None
    polarity: str = "affirmed"
    modality: str = "asserted"
    claimant: tuple[str, str | None] | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Report:
    doc: Document
    said: tuple[Said, ...]


def _doc(doc_id: str, outlet: str, published: str, language: str, *sentences: str) -> Document:
    text = " ".join(sentences)
    return Document(
        id=doc_id,
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        url=f"https://news.example/{doc_id}",
        outlet=outlet,
        published=published,
        title=f"Report {doc_id}",
        language=language,
    )


REPORTS = (
    Report(
        _doc(
            "mod-0402", "Ministry Wire", "2022-04-02", "en",
            "Russian forces took full control of Izium on 1 April, the defence ministry said.",
            "Shelling went on south of the town.",
        ),
        (
            Said(
                "c-ru-izium",
                "Russian forces took full control of Izium on 1 April, the defence ministry said.",
                "Izium", side="RU", day="2022-04-01", claimant=("defence ministry", "RU"),
            ),
        ),
    ),
    Report(
        _doc(
            "gs-0911", "Kyiv Daily", "2022-09-11", "en",
            "Ukrainian troops retook Izium on Saturday, the General Staff said.",
        ),
        (
            Said(
                "c-ua-izium-1",
                "Ukrainian troops retook Izium on Saturday, the General Staff said.",
                "Izium", day="2022-09-10", claimant=("General Staff", "UA"), channel="Telegram",
            ),
        ),
    ),
    Report(
        _doc(
            "wire-0911", "Euro Wire", "2022-09-11", "uk",
            "Ukrainian forces have recaptured Izium, officials said on Saturday.",
        ),
        (
            Said(
                "c-ua-izium-2",
                "Ukrainian forces have recaptured Izium, officials said on Saturday.",
                "Izium", day="2022-09-10", modality="reported", claimant=("officials", None),
            ),
        ),
    ),
    Report(
        _doc(
            "bal-0909", "Kyiv Daily", "2022-09-09", "en",
            "Ukrainian forces entered Balakliia on 8 September.",
        ),
        (
            Said(
                "c-ua-bal", "Ukrainian forces entered Balakliia on 8 September.",
                "Balakliia", day="2022-09-08",
            ),
        ),
    ),
    Report(
        _doc(
            "deny-0910", "Moscow Herald", "2022-09-10", "ru",
            "Ukrainian troops have not taken Balakliia, spokesman Petrov said.",
        ),
        (
            Said(
                "c-deny-bal", "Ukrainian troops have not taken Balakliia, spokesman Petrov said.",
                "Balakliia", day="2022-09-10", polarity="negated", claimant=("Petrov", "RU"),
            ),
        ),
    ),
    Report(
        _doc(
            "hostile", "Prank Post", "2022-09-12", "en",
            f"Ukrainian forces hold Kupiansk {HOSTILE} since Saturday.",
        ),
        (
            Said(
                "c-ua-kup", f"Ukrainian forces hold Kupiansk {HOSTILE} since Saturday.",
                "Kupiansk", day="2022-09-10",
            ),
        ),
    ),
)  # fmt: skip


def _claim(doc: Document, said: Said) -> Claim:
    start = doc.text.index(said.sentence)
    p = PLACES[said.place]
    return Claim(
        id=said.cid,
        doc=doc.id,
        kind=said.kind,
        side=said.side,
        place=PlaceRef(p.name, p.geonameid, p.lat, p.lon, p.admin1, 1),
        polarity=said.polarity,
        modality=said.modality,
        claimant=Claimant(*said.claimant) if said.claimant else None,
        channel=said.channel,
        event_time=EventTime(said.day, said.day, "day", "on the day") if said.day else None,
        quantity=None,
        evidence=Evidence(said.sentence, start, start + len(said.sentence)),
        extractor=EXTRACTOR,
        confidence=0.9,
        claim_time=doc.published,
    )


def _mentions(doc: Document, said: Said) -> list[Mention]:
    start = doc.text.index(said.place)
    return [Mention(doc.id, start, start + len(said.place), said.place, PLACES[said.place], 1)]


def build_store(store: Store) -> Store:
    """Store every report with its claims and mentions, then fuse."""
    for report in REPORTS:
        added = store.add_document(report.doc, f"hand:{report.doc.id}")
        stored = store.get_document(added.doc_id)
        assert stored is not None
        claims = [_claim(stored, s) for s in report.said]
        mentions = [m for s in report.said for m in _mentions(stored, s)]
        store.save_extraction(stored, mentions, claims, EXTRACTOR)
    Fuser(store).rebuild()
    return store
