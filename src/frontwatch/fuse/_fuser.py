"""The fusion stage: reads claims and documents from the store, writes events, links and
control periods back, one place at a time.

Consumes: ``Claim`` (store.claims), ``Document`` (store.documents), ``Mention``
(store.mentions, for supply relations). Produces: ``Event``, ``Link``,
``ControlPeriod``, each replaced per place key so that re-fusing a place is idempotent.
"""

from __future__ import annotations

import gc
import multiprocessing
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from frontwatch.fuse._context import (
    DocFacts,
    Fact,
    facts_version,
    group_facts,
    known_by,
    make_facts,
    text_facts,
)
from frontwatch.fuse._lexicon import Lexicons, lexicons
from frontwatch.fuse._parts import TIMELINE, Parts, split
from frontwatch.fuse.events import cluster, to_event
from frontwatch.fuse.links import MentionSpans, relate, supply_links
from frontwatch.fuse.timeline import place_ref, timeline
from frontwatch.model import Claim, ControlPeriod, Document, Event
from frontwatch.store import Link, Store, TextFacts, open_store
from frontwatch.store.codec import place_key

_CHUNK = 500


#: New objects past which a fusion collects fully before it returns (``_collector_paused``).
SETTLE_OBJECTS = 1_000_000


@contextmanager
def _collector_paused(settle: bool = False) -> Iterator[None]:
    """Python's cycle collector off while one place set is fused. Fusing a busy place makes
    ~10^5 short-lived objects (facts, clusters, observations) that are alive across many
    young collections, so the collector promotes them to its oldest generation and, as
    they pile up there, runs full collections over every object the process keeps (the
    claims and facts kept for the next report): 0.7-1.0 s pauses in about one update in
    ten at 1,000,000 claims. Paused, they are freed by reference counting before any
    collection sees them; the next collection after it is back on scans only what the
    update kept. The few reference cycles made meanwhile (by the database layer) wait for
    that collection.

    With ``settle`` (an update), a fusion that leaves more than :data:`SETTLE_OBJECTS` new
    objects (a first fusion of many places: what it keeps fills the caches) collects once,
    fully, before it returns: its cost is in that fusion, not in a 1-2 s pause of a later
    one-report update whose collection would look at all of them. (A rebuild does not: it
    fuses place set after place set, and what one keeps the next one drops.)"""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if settle and gc.get_count()[0] > SETTLE_OBJECTS:
                gc.collect()
            gc.enable()


class _Seen:
    """What fusion read of documents of one store object: each document's head (the
    document without its text) and text facts, with the content hash and version they
    are for. A document's head changes only with its text (a new content hash), so a hit
    on (id, content hash, version) is never stale. Oldest dropped past ``size`` (about
    1.5 KB each). Re-fusing a busy place then reads only the content hashes of documents
    it has seen."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._docs: dict[str, tuple[str, str, Document, TextFacts]] = {}

    def get(self, doc_id: str, content_hash: str | None, version: str) -> Document | None:
        hit = self._docs.get(doc_id)
        if hit is None or (hit[0], hit[1]) != (content_hash, version):
            return None
        return hit[2]

    def facts(self, doc_id: str) -> TextFacts:
        return self._docs[doc_id][3]

    def put(self, doc: Document, facts: TextFacts, version: str) -> None:
        if doc.id not in self._docs and len(self._docs) >= self.size:
            del self._docs[next(iter(self._docs))]
        self._docs[doc.id] = (doc.content_hash, version, doc, facts)


_SEEN: weakref.WeakKeyDictionary[Store, _Seen] = weakref.WeakKeyDictionary()
#: How many documents' text facts are kept in memory per store object.
SEEN_SIZE = 250_000


@dataclass(frozen=True, slots=True)
class FuseResult:
    """What one fusion run did: places re-fused and the records written."""

    places: int
    events: int
    links: int
    periods: int


@dataclass(slots=True)
class PlaceFusion:
    """The fused records of one place."""

    key: str
    events: list[Event] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    periods: list[ControlPeriod] = field(default_factory=list)


def fuse_place(
    facts: Sequence[Fact],
    lex: Lexicons,
    doc_claims: Mapping[str, Sequence[Claim]] | None = None,
    mentions: Mapping[str, MentionSpans] | None = None,
    keep: bool = True,
) -> PlaceFusion:
    """Events, links and the control timeline of one place's facts (all one place key).

    Worked out in parts (``_parts``): the events of each claim kind (the kinds that say
    who holds the place together) and the timeline, each from its own facts; a part whose
    facts are those it was last made from is taken as it was, and with ``keep`` the parts
    made are kept for the next time (a rebuild, which meets each place once, keeps none)."""
    if not facts:
        return PlaceFusion("")
    key = facts[0].key
    parts, stance = split(facts, lex)
    events: list[Event] = []
    links: list[Link] = []
    for name in sorted(parts):
        part = parts[name]
        made = _EVENTS.get((key, name), part, lex, None, partial(_events, key, part, lex), keep)
        events.extend(made[0])
        links.extend(made[1])
    links.extend(supply_links(facts, doc_claims or {}, mentions or {}))
    periods: list[ControlPeriod] = []
    if stance:
        ref = place_ref(facts)
        periods = _TIMELINES.get(
            (key, TIMELINE), stance, lex, ref, lambda: timeline(stance, lex, ref), keep
        )
    return PlaceFusion(key, events, links, periods)


def _events(key: str, facts: Sequence[Fact], lex: Lexicons) -> tuple[list[Event], list[Link]]:
    """The events of one part's facts and the links among them."""
    clusters = cluster(facts)
    rel = relate(clusters, lex)
    return [to_event(key, c, rel.against.get(c.lead().id, ())) for c in clusters], rel.links


#: Events parts and timelines kept (``_parts``), bounded by the facts they were made from.
_EVENTS: Parts[tuple[list[Event], list[Link]]] = Parts(400_000)
_TIMELINES: Parts[list[ControlPeriod]] = Parts(200_000)


def group_by_place(facts: Iterable[Fact]) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for fact in facts:
        out.setdefault(fact.key, []).append(fact)
    return out


class Fuser:
    """Fuses the claims a store holds; ``update`` touches only the places given docs touch."""

    def __init__(self, store: Store, lex: Lexicons | None = None) -> None:
        self.store = store
        self.lex = lex or lexicons()
        self._version = facts_version(self.lex)

    def update(self, doc_ids: Sequence[str], places: Iterable[str] = ()) -> FuseResult:
        """Re-fuse every place the claims of ``doc_ids`` touch, and the place keys ``places``
        (those that replaced claims touched: a corrected report may drop a place)."""
        # the lock: reads stay as they are till it writes
        with self.store.fusion_lock(), _collector_paused(settle=True):
            keys = self.store.claim_place_keys(doc_ids) if doc_ids else set()
            keys |= set(places)
            if not keys:
                return FuseResult(0, 0, 0, 0)
            return self._fuse(keys, set(doc_ids))

    def rebuild(self, chunk: int = 200, workers: int = 1) -> FuseResult:
        """Re-fuse every place from scratch, ``chunk`` places at a time (bounded memory);
        with ``workers`` above 1 the place sets are fused by that many processes, each with
        the store open on its own, and written here as they come back, in order (what is
        written is what one process writes). An in-memory store is fused here alone."""
        with self.store.fusion_lock():
            return self._rebuild(chunk, workers)

    def _rebuild(self, chunk: int, workers: int) -> FuseResult:
        keys = sorted(self.store.place_keys())
        self.store.replace_links([], None)
        self.store.replace_events([], None)
        self.store.replace_control([], None)
        parts = [set(keys[i : i + chunk]) for i in range(0, len(keys), chunk)]
        totals = [0, 0, 0, 0]
        for part, fused in zip(parts, self._fused_parts(parts, workers), strict=True):
            events, links, periods = fused
            self.store.replace_links(links, part)
            self.store.replace_events(events, part)
            self.store.replace_control(periods, part)
            for n, value in enumerate((len(part), len(events), len(links), len(periods))):
                totals[n] += value
        return FuseResult(*totals)

    def _fused_parts(self, parts: Sequence[set[str]], workers: int) -> Iterator[Fused]:
        """What each place set fuses to, in order: here, or in ``workers`` processes."""
        database = self.store.engine.url.database
        in_memory = self.store.engine.dialect.name == "sqlite" and database in (
            None,
            "",
            ":memory:",
        )
        if workers <= 1 or len(parts) <= 1 or in_memory:
            for part in parts:
                with _collector_paused():
                    yield self._compute(part, None)
            return
        url = self.store.engine.url.render_as_string(hide_password=False)
        spawn = multiprocessing.get_context("spawn")  # no database connection crosses a fork
        with ProcessPoolExecutor(
            workers, mp_context=spawn, initializer=_open_worker, initargs=(url, self.lex)
        ) as pool:
            yield from pool.map(_fuse_in_worker, parts)

    def facts(
        self, place: str | None = None, place_keys: Iterable[str] | None = None
    ) -> dict[str, list[Fact]]:
        """The facts of every place, or of places matching ``place`` (a key or name part)
        and having one of ``place_keys``."""
        claims = self.store.claims(place=place, place_keys=place_keys)
        docs = self._doc_facts(claims, keep=False)  # a query: it writes nothing
        return group_by_place(make_facts(claims, docs, self.lex))

    def timeline(
        self,
        place: str | None = None,
        as_known_on: datetime | None = None,
        place_keys: Iterable[str] | None = None,
    ) -> list[ControlPeriod]:
        """Control periods computed now, from the claims known by ``as_known_on`` if given."""
        out: list[ControlPeriod] = []
        for facts in self.facts(place, place_keys).values():
            known = known_by(facts, as_known_on) if as_known_on is not None else facts
            out.extend(timeline(known, self.lex) if known else [])
        return out

    def _doc_facts(
        self, claims: Sequence[Claim], keep: bool = True, hashes: Mapping[str, str] | None = None
    ) -> dict[str, DocFacts]:
        """Document facts from the text facts kept in the store; the texts of documents with
        none kept (or kept for an older text or version) are read, and with ``keep`` their
        text facts are kept for the next time. ``hashes``: the documents' content hashes,
        where read with the claims."""
        ids = sorted({c.doc for c in claims})
        seen = _SEEN.setdefault(self.store, _Seen(SEEN_SIZE))
        if hashes is None:
            hashes = self.store.content_hashes(ids)
        heads = {i: d for i in ids if (d := seen.get(i, hashes.get(i), self._version))}
        texts = {i: seen.facts(i) for i in heads}
        asked = [i for i in ids if i not in heads]
        if asked:
            new = self.store.fuse_documents(asked, needs_text=lambda h: False)
            kept = self.store.text_facts(asked, self._version)
            stale = [
                d.id for d in new if d.id not in kept or kept[d.id].content_hash != d.content_hash
            ]
            if stale:
                read = self.store.fuse_documents(stale, needs_text=lambda h: True)
                made = {d.id: text_facts(d, self.lex) for d in read}
                if keep:
                    self.store.save_text_facts(made, self._version)
                kept.update(made)
            for doc in new:
                seen.put(doc, kept[doc.id], self._version)
                heads[doc.id], texts[doc.id] = doc, kept[doc.id]
        docs = [heads[i] for i in ids if i in heads]
        return group_facts(docs, texts, self.lex, self._all_claims)

    def _all_claims(self, doc_ids: Sequence[str]) -> list[Claim]:
        """Every claim of ``doc_ids``, whatever its place (the translation test compares
        documents whole; asked only for the few that may be translations)."""
        return [c for d in doc_ids for c in self.store.claims(doc=d)]

    def _fuse(self, keys: set[str], fresh: set[str]) -> FuseResult:
        """Fuse the claims at ``keys`` and replace what is stored for ``keys``, writing
        only the rows that changed."""
        events, links, periods = self._compute(keys, fresh)
        self.store.replace_fused(keys, links, events, periods)
        return FuseResult(len(keys), len(events), len(links), len(periods))

    def _compute(self, keys: set[str], fresh: set[str] | None) -> Fused:
        """The events, links and periods of the claims at ``keys``.

        Supply relations depend only on their own document, so they are worked out for
        the ``fresh`` documents (None: all) and kept as stored for the others.
        """
        hashes: dict[str, str] = {}
        claims = self.store.claims_at(keys, hashes)
        docs = self._doc_facts(claims, hashes=hashes)
        by_place = group_by_place(make_facts(claims, docs, self.lex))
        doc_claims, mentions = self._supply_context(claims, fresh)
        keep = fresh is not None  # an update: the next report about a place meets its parts
        fused = [fuse_place(f, self.lex, doc_claims, mentions, keep) for f in by_place.values()]
        events = [e for p in fused for e in p.events]
        links = [lk for p in fused for lk in p.links]
        if fresh is not None:
            links.extend(self._kept_supply_links(claims, fresh))
        periods = [pd for p in fused for pd in p.periods]
        return events, links, periods

    def _supply_context(
        self, claims: Sequence[Claim], fresh: set[str] | None
    ) -> tuple[dict[str, list[Claim]], dict[str, MentionSpans]]:
        """Other claims and place mentions of the (fresh) documents with supply claims."""
        docs = sorted(
            {c.doc for c in claims if c.kind == "supply" and (fresh is None or c.doc in fresh)}
        )
        doc_claims = {d: self.store.claims(doc=d) for d in docs}
        mentions: dict[str, MentionSpans] = {d: _spans(self.store, d) for d in docs}
        return doc_claims, mentions

    def _kept_supply_links(self, claims: Sequence[Claim], fresh: set[str]) -> list[Link]:
        ids = sorted({c.id for c in claims if c.kind == "supply" and c.doc not in fresh})
        return self.store.supply_links_from(ids)


#: The fused records of a place set: events, links, control periods.
Fused = tuple[list[Event], list[Link], list[ControlPeriod]]

#: The fuser of a rebuild's worker process (``Fuser._fused_parts``).
_WORKER: list[Fuser] = []


def _open_worker(url: str, lex: Lexicons) -> None:
    _WORKER.append(Fuser(open_store(url, create=False), lex))


def _fuse_in_worker(keys: set[str]) -> Fused:
    with _collector_paused():
        return _WORKER[0]._compute(keys, None)


def _spans(store: Store, doc_id: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in store.mentions(doc_id):
        key = place_key(m.place)
        if key is not None:
            out.append((m.start, m.end, key))
    return out
