"""The store: one object over one database, the only code that issues SQL."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from frontwatch.errors import StoreError
from frontwatch.model import Claim, ControlPeriod, Document, Event, Mention
from frontwatch.store import codec
from frontwatch.store import engine as _engine
from frontwatch.store import schema as t
from frontwatch.store.stages import Stage, StageState

#: How many decoded claims a store keeps for fusion (about 1.5 KB each).
DECODED_CLAIMS = 200_000

Outcome = Literal["new", "duplicate", "unchanged", "revised"]
# Characters a database cannot keep in a text column: a lone surrogate is no Unicode text
# anywhere (the JSON escape \udcff makes one); PostgreSQL's text type has no NUL.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NUL_OR_LONE_SURROGATE = re.compile(r"[\x00\ud800-\udfff]")
#: The text fields of a document as given (its hash and origins are the store's own).
_DOCUMENT_FIELDS = tuple(
    f.name for f in dataclasses.fields(Document) if f.name not in ("content_hash", "origins")
)


@dataclass(frozen=True, slots=True)
class Added:
    """What storing one document did: ``doc_id`` is the id it is stored under;
    ``new_origin`` whether the origin (file, line, URL) was seen for the first time."""

    doc_id: str
    outcome: Outcome
    new_origin: bool = True


@dataclass(frozen=True, slots=True)
class Link:
    """A stored relation between two claims (supports, contradicts, implies, reverses)."""

    source: str
    target: str
    relation: str
    reason: str = ""
    place_key: str | None = None


@dataclass(frozen=True, slots=True)
class TextFacts:
    """What fusion reads from one document's text, kept per document (see
    ``schema.document_facts``): ``signature`` is the MinHash signature's bytes (None: a
    text with no words)."""

    content_hash: str
    signature: bytes | None
    headline_end: int
    language: str | None
    wires: tuple[str, ...] = ()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """Documents and everything read from them, in SQLite or PostgreSQL."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._writer = _engine.writer(engine)
        #: whether opening made the store (a new file or database schema)
        self.created = False
        #: every control period, decoded, and the control counter they were read at
        self._control: tuple[int, list[ControlPeriod]] | None = None
        #: claims decoded by ``claims_at``, by their stored record (fusion reads the claims
        #: of a busy place again with each report about it); oldest dropped past the bound
        self._decoded: dict[str, Claim] = {}
        #: what ``replace_fused`` last wrote, per place key, valid while the control counter
        #: stays at the value that write left it at (every fusion write moves it)
        self._fused = _FusedView(FUSED_ROWS)
        #: stored rows of events met again (``replace_fused``), by the event object
        self._event_rows: dict[int, tuple[Event, dict[str, Any]]] = {}

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    # documents -----------------------------------------------------------------

    def add_document(self, doc: Document, origin: str, canonical_url: str | None = None) -> Added:
        """Store ``doc`` in one transaction: new, a duplicate of stored text, unchanged, or
        a revision of the document with the same id (the old text is kept). Two processes
        storing one id at once both succeed: the second finds it stored.

        Raises StoreError, before writing anything, for text the database cannot keep as
        given: a lone surrogate, or on PostgreSQL a NUL character (SQLite keeps NULs, and
        every text byte for byte; PostgreSQL would need them escaped, which no reader of
        the store would undo, so such a document is refused with the reason instead)."""
        self._check_storable(doc, origin)
        with self._begin() as conn:
            current = conn.execute(
                sa.select(
                    t.documents.c.content_hash, t.documents.c.revision, t.documents.c.text
                ).where(t.documents.c.id == doc.id)
            ).first()
            if current is not None:
                outcome = self._update_existing(conn, doc, current)
                new_origin = self._add_origin(conn, doc.id, origin)
                return Added(doc.id, outcome, new_origin)
            twin = conn.execute(
                sa.select(t.documents.c.id).where(t.documents.c.content_hash == doc.content_hash)
            ).scalar()
            if twin is not None:
                self._add_origin(conn, twin, origin)
                return Added(twin, "duplicate")
            if not _insert_new(conn, t.documents, _doc_row(doc, canonical_url)):
                # another process stored this id since: as if it had been there before
                outcome = self._update_existing(conn, doc, self._current(conn, doc.id))
                return Added(doc.id, outcome, self._add_origin(conn, doc.id, origin))
            self._add_origin(conn, doc.id, origin)
            return Added(doc.id, "new")

    def _current(self, conn: sa.Connection, doc_id: str) -> Any:
        dt = t.documents
        query = sa.select(dt.c.content_hash, dt.c.revision, dt.c.text).where(dt.c.id == doc_id)
        return conn.execute(query).one()

    def _check_storable(self, doc: Document, origin: str) -> None:
        postgres = self.engine.dialect.name == "postgresql"
        pattern = _NUL_OR_LONE_SURROGATE if postgres else _LONE_SURROGATE
        fields = [(name, getattr(doc, name)) for name in _DOCUMENT_FIELDS]
        for name, value in [*fields, ("origin", origin)]:
            found = pattern.search(value) if isinstance(value, str) else None
            if found is not None:
                raise StoreError(_unstorable(name, found.group(), found.start()))

    def _update_existing(self, conn: sa.Connection, doc: Document, current: Any) -> Outcome:
        if current.content_hash == doc.content_hash:
            return "unchanged"
        conn.execute(
            t.document_revisions.insert().values(
                doc_id=doc.id,
                revision=current.revision,
                text=current.text,
                content_hash=current.content_hash,
                superseded_at=_now(),
            )
        )
        row = _doc_row(doc, None)
        row.pop("canonical_url")
        row["revision"] = current.revision + 1
        row.update(stage="read", extractor=None)  # a new text: to be read again
        conn.execute(t.documents.update().where(t.documents.c.id == doc.id).values(**row))
        return "revised"

    def _add_origin(self, conn: sa.Connection, doc_id: str, origin: str) -> bool:
        """Record ``origin`` for ``doc_id``; True where it was not recorded before."""
        row = {"doc_id": doc_id, "origin": origin, "first_seen": _now()}
        return _insert_new(conn, t.document_origins, row)

    def get_document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.documents).where(t.documents.c.id == doc_id)).first()
            if row is None:
                return None
            return _doc_from_row(row, self._origins(conn, [doc_id]).get(doc_id, ()))

    def documents(
        self,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        ids: Iterable[str] | None = None,
        language: str | None = None,
    ) -> list[Document]:
        """Stored documents, oldest first (undated last); ``since``/``until`` compare ISO
        publication dates; ``language`` is the detected language (the declared one for
        documents stored before detection was kept)."""
        query = sa.select(t.documents).order_by(
            t.documents.c.published.asc().nulls_last(), t.documents.c.id
        )
        if outlet:
            query = query.where(t.documents.c.outlet.ilike(f"%{outlet}%"))
        if since:
            query = query.where(t.documents.c.published >= since)
        if until:
            query = query.where(t.documents.c.published <= _end_of_day(until))
        if ids is not None:
            query = query.where(t.documents.c.id.in_(list(ids)))
        if language:
            detected = t.documents.c.detected_language
            query = query.where(
                sa.or_(
                    detected == language,
                    sa.and_(detected.is_(None), t.documents.c.language == language),
                )
            )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            origins = self._origins(conn, [r.id for r in rows])
        return [_doc_from_row(r, origins.get(r.id, ())) for r in rows]

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one()
            )

    def revisions(self, doc_id: str) -> list[tuple[int, str]]:
        """Earlier texts of a document, oldest first, as (revision, text)."""
        query = (
            sa.select(t.document_revisions.c.revision, t.document_revisions.c.text)
            .where(t.document_revisions.c.doc_id == doc_id)
            .order_by(t.document_revisions.c.revision)
        )
        with self.engine.connect() as conn:
            return [(int(r.revision), str(r.text)) for r in conn.execute(query)]

    def _origins(self, conn: sa.Connection, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for chunk in _chunks(ids, 500):
            query = (
                sa.select(t.document_origins.c.doc_id, t.document_origins.c.origin)
                .where(t.document_origins.c.doc_id.in_(chunk))
                .order_by(t.document_origins.c.first_seen, t.document_origins.c.origin)
            )
            for row in conn.execute(query):
                out.setdefault(row.doc_id, []).append(row.origin)
        return {k: tuple(v) for k, v in out.items()}

    # mentions ------------------------------------------------------------------

    def replace_mentions(self, doc_id: str, mentions: Sequence[Mention]) -> None:
        with self._begin() as conn:
            _replace_mentions(conn, doc_id, mentions)

    def mentions(self, doc_id: str) -> list[Mention]:
        query = sa.select(t.mentions.c.record).where(t.mentions.c.doc_id == doc_id)
        with self.engine.connect() as conn:
            records = [
                json.loads(r) for r in conn.execute(query.order_by(t.mentions.c.start)).scalars()
            ]
        return [codec.mention_from_json(r) for r in records]

    # claims --------------------------------------------------------------------

    def replace_claims(self, doc_id: str, claims: Sequence[Claim]) -> set[str]:
        """Make ``claims`` the document's claims. Stored claims not among them (a corrected
        text, a newer extractor) move to the claim history, never lost; returns the place keys
        of the claims moved, whose timelines need fusing again."""
        with self._begin() as conn:
            return _replace_claims(conn, doc_id, claims)

    def claim_history(self, doc_id: str) -> list[tuple[int, str, Claim]]:
        """Superseded claims of a document, oldest first: (the revision that superseded it,
        when, the claim)."""
        query = (
            sa.select(t.claim_history)
            .where(t.claim_history.c.doc_id == doc_id)
            .order_by(t.claim_history.c.id)
        )
        with self.engine.connect() as conn:
            return [
                (
                    r.superseded_by_revision,
                    r.superseded_at,
                    codec.claim_from_json(json.loads(r.record)),
                )
                for r in conn.execute(query)
            ]

    def claims(
        self,
        doc: str | None = None,
        kind: str | None = None,
        place: str | None = None,
        ids: Iterable[str] | None = None,
        place_keys: Iterable[str] | None = None,
    ) -> list[Claim]:
        """Stored claims; ``place`` matches a GeoNames id or a case-insensitive name part,
        ``place_keys`` (as :func:`place_key` gives them) match exactly."""
        query = sa.select(t.claims.c.record).order_by(t.claims.c.doc_id, t.claims.c.id)
        if doc:
            query = query.where(t.claims.c.doc_id == doc)
        if kind:
            query = query.where(t.claims.c.kind == kind)
        if place:
            query = query.where(
                sa.or_(t.claims.c.place_key == place, t.claims.c.place_name.ilike(f"%{place}%"))
            )
        if place_keys is not None:
            query = query.where(t.claims.c.place_key.in_(sorted(set(place_keys))))
        if ids is not None:
            query = query.where(t.claims.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            records = [json.loads(r) for r in conn.execute(query).scalars()]
        return [codec.claim_from_json(r) for r in records]

    def claim_place_keys(self, doc_ids: Iterable[str]) -> set[str]:
        """The place keys that the claims of these documents touch."""
        query = sa.select(t.claims.c.place_key).where(t.claims.c.doc_id.in_(list(doc_ids)))
        with self.engine.connect() as conn:
            return {k for k in conn.execute(query).scalars() if k}

    def place_names(self) -> dict[str, str]:
        """The name of every place key that a stored claim or control period has (a key
        named differently by two claims: one of the names).

        The claims' keys come from their index alone, then one name a key from it: no
        pass over every claim (at 1,000,000 claims, 4-20 s)."""
        ct, pt = t.claims, t.control_periods
        keys = sa.select(ct.c.place_key).where(ct.c.place_key.is_not(None)).distinct().subquery()
        name = (
            sa.select(ct.c.place_name)
            .where(ct.c.place_key == keys.c.place_key, ct.c.place_name.is_not(None))
            .limit(1)
            .scalar_subquery()
        )
        queries = [
            sa.select(keys.c.place_key, name.label("place_name")),
            sa.select(pt.c.place_key, pt.c.place_name).distinct(),
        ]
        with self.engine.connect() as conn:
            return {
                r.place_key: r.place_name
                for q in queries
                for r in conn.execute(q)
                if r.place_name is not None
            }

    def place_keys(self) -> set[str]:
        """Every place key that some stored claim has."""
        query = sa.select(t.claims.c.place_key).distinct()
        with self.engine.connect() as conn:
            return {k for k in conn.execute(query).scalars() if k}

    def claims_at(
        self, place_keys: Iterable[str], hashes: dict[str, str] | None = None
    ) -> list[Claim]:
        """The claims whose place key is exactly one of ``place_keys`` (uses the index);
        with ``hashes``, the content hash of each one's document is put in it (same read)."""
        keys = sorted(set(place_keys))
        ct, dt = t.claims, t.documents
        records: list[str] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(keys, 500):
                if hashes is None:
                    query = sa.select(ct.c.record).where(ct.c.place_key.in_(chunk))
                    records.extend(conn.execute(query.order_by(ct.c.id)).scalars())
                    continue
                query = (
                    sa.select(ct.c.record, ct.c.doc_id, dt.c.content_hash)
                    .join(dt, dt.c.id == ct.c.doc_id)
                    .where(ct.c.place_key.in_(chunk))
                    .order_by(ct.c.id)
                )
                for record, doc_id, content_hash in conn.execute(query):
                    records.append(record)
                    hashes[doc_id] = content_hash
        return [self._decode(r) for r in records]

    def _decode(self, record: str) -> Claim:
        """The claim a stored record holds: decoded once, then kept by the record's text (a
        changed record is another key, so what is kept is never stale)."""
        claim = self._decoded.get(record)
        if claim is None:
            claim = codec.claim_from_json(json.loads(record))
            if len(self._decoded) >= DECODED_CLAIMS:
                del self._decoded[next(iter(self._decoded))]
            self._decoded[record] = claim
        return claim

    # links, events, control ------------------------------------------------------

    def replace_links(self, links: Sequence[Link], place_keys: set[str] | None = None) -> None:
        self._fused.forget()
        rows = [
            {
                "source": lk.source,
                "target": lk.target,
                "relation": lk.relation,
                "reason": lk.reason,
                "place_key": lk.place_key,
            }
            for lk in {(lk.source, lk.target, lk.relation): lk for lk in links}.values()
        ]
        with self._begin() as conn:
            _delete_places(conn, t.claim_links, place_keys)
            if rows:
                conn.execute(t.claim_links.insert(), rows)

    def links(self, claim_ids: Iterable[str] | None = None) -> list[Link]:
        query = sa.select(t.claim_links)
        if claim_ids is not None:
            ids = list(claim_ids)
            query = query.where(
                sa.or_(t.claim_links.c.source.in_(ids), t.claim_links.c.target.in_(ids))
            )
        with self.engine.connect() as conn:
            return [
                Link(r.source, r.target, r.relation, r.reason or "", r.place_key)
                for r in conn.execute(query)
            ]

    def replace_events(self, events: Sequence[Event], place_keys: set[str] | None = None) -> None:
        self._fused.forget()
        rows = [
            {
                "id": e.id,
                "kind": e.kind,
                "place_key": codec.place_key(e.place),
                "record": codec.dumps(codec.event_to_json(e)),
            }
            for e in events
        ]
        with self._begin() as conn:
            _delete_places(conn, t.events, place_keys)
            if rows:
                conn.execute(t.events.delete().where(t.events.c.id.in_([r["id"] for r in rows])))
                conn.execute(t.events.insert(), rows)

    def events(self, place: str | None = None) -> list[Event]:
        query = sa.select(t.events.c.record).order_by(t.events.c.place_key, t.events.c.id)
        if place:
            query = query.where(t.events.c.place_key == place)
        with self.engine.connect() as conn:
            return [codec.event_from_json(json.loads(r)) for r in conn.execute(query).scalars()]

    def replace_control(
        self, periods: Sequence[ControlPeriod], place_keys: set[str] | None = None
    ) -> None:
        self._fused.forget()
        rows = [_period_row(p) for p in periods]
        with self._begin() as conn:
            _delete_places(conn, t.control_periods, place_keys)
            if rows:
                conn.execute(t.control_periods.insert(), rows)
            _bump(conn, t.CONTROL_COUNTER)

    def control_periods(
        self, place: str | None = None, place_keys: Iterable[str] | None = None
    ) -> list[ControlPeriod]:
        """Stored periods by place and start; ``place`` is a key or a name part,
        ``place_keys`` match exactly.

        All of them (no filter) are decoded once and kept until the control counter moves
        (any write of the periods, from any process, bumps it in its transaction): the map
        asks for every period on each move of its slider."""
        query = sa.select(t.control_periods.c.record).order_by(
            t.control_periods.c.place_name, t.control_periods.c.start, t.control_periods.c.id
        )
        if place is None and place_keys is None:
            return list(self._all_control_periods(query))
        if place:
            query = query.where(
                sa.or_(
                    t.control_periods.c.place_key == place,
                    t.control_periods.c.place_name.ilike(f"%{place}%"),
                )
            )
        if place_keys is not None:
            query = query.where(t.control_periods.c.place_key.in_(sorted(set(place_keys))))
        with self.engine.connect() as conn:
            return _periods(conn, query)

    def _all_control_periods(self, query: sa.Select[str]) -> list[ControlPeriod]:
        # The counter is read before the periods: periods newer than the counter read are
        # kept under the older value and read again next time, never served stale.
        with self.engine.connect() as conn:
            seen = _counter(conn, t.CONTROL_COUNTER)
            kept = self._control
            if kept is not None and seen is not None and kept[0] == seen:
                return kept[1]
            periods = _periods(conn, query)
        if seen is not None:
            self._control = (seen, periods)
        return periods

    def control_counter(self) -> int | None:
        """How many times the control periods have been written (None in a store that
        does not count them): equal values mean equal periods."""
        with self.engine.connect() as conn:
            return _counter(conn, t.CONTROL_COUNTER)

    def place_names_version(self) -> tuple[int, int] | None:
        """A value that moves whenever :meth:`place_names` may answer differently: the
        counts of writes of the control periods and of the claims (None in a store that
        does not count them)."""
        query = sa.select(t.counters.c.name, t.counters.c.value).where(
            t.counters.c.name.in_([t.CONTROL_COUNTER, t.CLAIMS_COUNTER])
        )
        with self.engine.connect() as conn:
            # rows, not the result: dict() would take the result's keys() for a mapping's
            values: dict[str, int] = dict(conn.execute(query).all())
        if t.CONTROL_COUNTER not in values:
            return None
        return values[t.CONTROL_COUNTER], values.get(t.CLAIMS_COUNTER, 0)

    # processing stages ---------------------------------------------------------------

    def save_extraction(
        self,
        doc: Document,
        mentions: Sequence[Mention],
        claims: Sequence[Claim],
        extractor: str,
    ) -> bool:
        """Store what ``extractor`` read from ``doc`` (its mentions and claims) and mark it
        extracted, all in one transaction. Claims it no longer makes move to the history
        and their place keys are kept on the document until it is fused.

        False, writing nothing, where the stored text is no longer the one read (a revision
        came in meanwhile; the document is back at ``read``)."""
        with self._begin() as conn:
            current = conn.execute(
                sa.select(t.documents.c.content_hash, t.documents.c.vacated)
                .where(t.documents.c.id == doc.id)
                .with_for_update()  # PostgreSQL: one extraction of a document at a time
            ).first()
            if current is None or current.content_hash != doc.content_hash:
                return False
            _replace_mentions(conn, doc.id, mentions)
            vacated = _replace_claims(conn, doc.id, claims) | _keys(current.vacated)
            self._set_stage(conn, [doc.id], "extracted", extractor, vacated)
        return True

    def mark_failed(self, doc_id: str, extractor: str) -> None:
        """Record that ``extractor`` raised on the document (kept until asked again)."""
        with self._begin() as conn:
            self._set_stage(conn, [doc_id], "failed", extractor)

    def mark_fused(self, doc_ids: Sequence[str], extractor: str) -> None:
        """Mark as fused those of ``doc_ids`` that ``extractor`` extracted (a document
        extracted again meanwhile by another version waits for its own fusion)."""
        dt = t.documents
        with self._begin() as conn:
            for chunk in _chunks(sorted(set(doc_ids)), 500):
                conn.execute(
                    dt.update()
                    .where(dt.c.id.in_(chunk), dt.c.stage == "extracted")
                    .where(dt.c.extractor == extractor)
                    .values(stage="fused", vacated=None)
                )

    def stages(self, ids: Iterable[str] | None = None) -> dict[str, StageState]:
        """The stage of every stored document, or of ``ids`` (those stored)."""
        dt = t.documents
        query = sa.select(dt.c.id, dt.c.stage, dt.c.extractor)
        chunks: Iterable[list[str] | None] = [None] if ids is None else _chunks(list(ids), 500)
        out: dict[str, StageState] = {}
        with self.engine.connect() as conn:
            for chunk in chunks:
                part = query if chunk is None else query.where(dt.c.id.in_(chunk))
                for row in conn.execute(part):
                    out[row.id] = StageState(row.id, row.stage, row.extractor)
        return out

    def pending(self, extractor: str) -> list[str]:
        """Ids of documents that ``extractor`` has yet to read or whose claims wait to be
        fused, in the order :meth:`documents` lists them."""
        dt = t.documents
        query = (
            sa.select(dt.c.id)
            .where(
                sa.or_(
                    dt.c.stage.in_(["read", "extracted"]),
                    dt.c.extractor.is_(None),
                    dt.c.extractor != extractor,
                )
            )
            .order_by(dt.c.published.asc().nulls_last(), dt.c.id)
        )
        with self.engine.connect() as conn:
            return [str(i) for i in conn.execute(query).scalars()]

    def vacated_places(self, doc_ids: Sequence[str]) -> set[str]:
        """The place keys whose claims the last extraction of ``doc_ids`` moved away."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(doc_ids)), 500):
                query = sa.select(t.documents.c.vacated).where(t.documents.c.id.in_(chunk))
                for value in conn.execute(query).scalars():
                    out |= _keys(value)
        return out

    def _set_stage(
        self,
        conn: sa.Connection,
        ids: Sequence[str],
        stage: Stage,
        extractor: str | None,
        vacated: set[str] | None = None,
    ) -> None:
        values = {
            "stage": stage,
            "extractor": extractor,
            "vacated": json.dumps(sorted(vacated)) if vacated else None,
        }
        conn.execute(t.documents.update().where(t.documents.c.id.in_(list(ids))).values(**values))

    def _begin(self) -> Any:
        return _Transaction(self._writer)

    def fusion_lock(self) -> AbstractContextManager[None]:
        """Hold the store's fusion lock (one fusing process at a time, across processes)."""
        return _engine.fusion_lock(self.engine)

    # fusion: narrow reads and diffed writes ------------------------------------------

    def fuse_documents(
        self, ids: Sequence[str], needs_text: Callable[[str], bool]
    ) -> list[Document]:
        """The documents ``ids`` without origins; the text only of those whose content hash
        ``needs_text`` (the others get an empty text: the caller has what it needs of it)."""
        cols = [t.documents.c[name] for name in _HEAD_COLUMNS]
        with self.engine.connect() as conn:
            heads = [
                row._asdict()
                for chunk in _chunks(ids, 500)
                for row in conn.execute(sa.select(*cols).where(t.documents.c.id.in_(chunk)))
            ]
            wanted = [
                h["id"] for h in heads if not h["content_hash"] or needs_text(h["content_hash"])
            ]
            texts: dict[str, str] = {}
            for chunk in _chunks(wanted, 500):
                query = sa.select(t.documents.c.id, t.documents.c.text).where(
                    t.documents.c.id.in_(chunk)
                )
                texts.update((r.id, r.text) for r in conn.execute(query))
        return [Document(text=texts.get(h["id"], ""), **h) for h in heads]

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The content hash of each stored document of ``ids``."""
        dt = t.documents
        with self.engine.connect() as conn:
            return {
                r.id: r.content_hash
                for chunk in _chunks(ids, 500)
                for r in conn.execute(
                    sa.select(dt.c.id, dt.c.content_hash).where(dt.c.id.in_(chunk))
                )
            }

    def text_facts(self, ids: Sequence[str], version: str) -> dict[str, TextFacts]:
        """The kept text facts of the documents ``ids`` that ``version`` made from their
        current text (a revised text or another version: not returned, to be made again)."""
        ft, dt = t.document_facts, t.documents
        out: dict[str, TextFacts] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(ids, 500):
                query = (
                    sa.select(ft)
                    .join(dt, dt.c.id == ft.c.doc_id)
                    .where(ft.c.doc_id.in_(chunk), ft.c.version == version)
                    .where(ft.c.content_hash == dt.c.content_hash)
                )
                out.update((r.doc_id, _text_facts(r)) for r in conn.execute(query))
        return out

    def save_text_facts(self, facts: Mapping[str, TextFacts], version: str) -> None:
        """Keep ``facts`` (by document id) as made by ``version``, replacing older rows
        (also those another process writes meanwhile: the workers of a rebuild meet the
        same documents)."""
        ft = t.document_facts
        rows = [_text_facts_row(i, facts[i], version) for i in sorted(facts)]
        if not rows:
            return
        with self._begin() as conn:
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            insert = dialect.insert(ft)
            kept = {c.name: insert.excluded[c.name] for c in ft.columns if c.name != "doc_id"}
            for chunk in range(0, len(rows), 500):
                statement = insert.values(rows[chunk : chunk + 500])
                conn.execute(statement.on_conflict_do_update(index_elements=["doc_id"], set_=kept))

    def supply_links_from(self, claim_ids: Sequence[str]) -> list[Link]:
        """The stored ``supplies`` links whose source is one of ``claim_ids``."""
        out: list[Link] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(claim_ids, 500):
                query = sa.select(t.claim_links).where(
                    t.claim_links.c.source.in_(chunk), t.claim_links.c.relation == "supplies"
                )
                out.extend(
                    Link(r.source, r.target, r.relation, r.reason or "", r.place_key)
                    for r in conn.execute(query)
                )
        return out

    def replace_fused(
        self,
        place_keys: set[str],
        links: Sequence[Link],
        events: Sequence[Event],
        periods: Sequence[ControlPeriod],
    ) -> None:
        """What ``replace_links``, ``replace_events`` and ``replace_control`` do for
        ``place_keys``, in one transaction, writing only the link and event rows that
        changed (an unchanged row is left where it is).

        What is stored for a place is read from the database, or taken from what this
        store object last wrote for it where the control counter shows that no write of
        fused rows came in since (each bumps it in its transaction)."""
        event_rows = [self._event_row(e) for e in events]
        view = self._fused
        with self._begin() as conn:
            counter = _counter(conn, t.CONTROL_COUNTER)
            kept = view.take(counter)  # emptied until this transaction commits
            stored_links, stored_events = _stored_fused(conn, place_keys, kept)
            moved, wanted_links = _diff_links(conn, place_keys, links, stored_links)
            wanted_events = _diff_events(conn, event_rows, stored_events)
            _delete_places(conn, t.control_periods, place_keys)
            if periods:
                conn.execute(t.control_periods.insert(), [_period_row(p) for p in periods])
            _bump(conn, t.CONTROL_COUNTER)
        if counter is not None:
            for key in moved:  # links moved here from places outside: what is kept is stale
                kept.pop(key, None)
            by_place: dict[str, tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]] = {
                k: (set(), set()) for k in place_keys
            }
            outside: set[str] = set()  # rows written at other places (a moved claim's)
            for link in wanted_links:
                if link[4] in by_place:
                    by_place[link[4]][0].add(link)
                else:
                    outside.add(link[4])
            for event in wanted_events:
                if event[2] in by_place:
                    by_place[event[2]][1].add(event)
                else:
                    outside.add(event[2])
            for key in outside:
                kept.pop(key, None)
            kept.update(by_place)
            view.keep(kept, counter + 1)

    def _event_row(self, e: Event) -> dict[str, Any]:
        """``_event_row(e)``, kept for the event object (fusion keeps the events of parts it
        did not work out again, so most of a place's events are met again as they were)."""
        hit = self._event_rows.get(id(e))
        if hit is not None and hit[0] is e:
            return hit[1]
        row = _event_row(e)
        if len(self._event_rows) >= FUSED_ROWS:
            del self._event_rows[next(iter(self._event_rows))]
        self._event_rows[id(e)] = (e, row)
        return row


#: How many stored link and event rows a store keeps in memory for ``replace_fused``.
FUSED_ROWS = 300_000

_FusedPlaces = dict[str, tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]]


class _FusedView:
    """The link and event rows stored per place key, as the last ``replace_fused`` of one
    store object left them, and the control counter that write left behind; the oldest
    places dropped past ``size`` rows."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._places: _FusedPlaces = {}
        self._counter: int | None = None

    def take(self, counter: int | None) -> _FusedPlaces:
        """What is kept if ``counter`` is the one it was kept at (else nothing); forgets it."""
        places = self._places if counter is not None and counter == self._counter else {}
        self.forget()
        return places

    def keep(self, places: _FusedPlaces, counter: int) -> None:
        rows = sum(len(a) + len(b) for a, b in places.values())
        for key in list(places):  # the oldest first (a dict keeps insertion order)
            if rows <= self.size:
                break
            dropped = places.pop(key)
            rows -= len(dropped[0]) + len(dropped[1])
        self._places, self._counter = places, counter

    def forget(self) -> None:
        self._places, self._counter = {}, None


def _text_facts(row: Any) -> TextFacts:
    wires = tuple(row.wires.split("\n")) if row.wires else ()
    signature = bytes(row.signature) if row.signature is not None else None
    return TextFacts(row.content_hash, signature, row.headline_end, row.language, wires)


def _text_facts_row(doc_id: str, facts: TextFacts, version: str) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "content_hash": facts.content_hash,
        "version": version,
        "signature": facts.signature,
        "headline_end": facts.headline_end,
        "language": facts.language,
        "wires": "\n".join(facts.wires),
    }


def _periods(conn: sa.Connection, query: sa.Select[str]) -> list[ControlPeriod]:
    return [codec.period_from_json(json.loads(r)) for r in conn.execute(query).scalars()]


def _counter(conn: sa.Connection, name: str) -> int | None:
    query = sa.select(t.counters.c.value).where(t.counters.c.name == name)
    value: int | None = conn.execute(query).scalar_one_or_none()
    return value


def _bump(conn: sa.Connection, name: str) -> None:
    """Count a write of ``name`` in the writing transaction (readers see both or neither)."""
    counter = t.counters.c
    conn.execute(sa.update(t.counters).where(counter.name == name).values(value=counter.value + 1))


def _bump_or_start(conn: sa.Connection, name: str) -> None:
    """:func:`_bump`, making the counter's row (at 1) where none is: a counter added after
    the store was made needs no migration, and two writers cannot both make it."""
    insert = (
        postgresql.insert(t.counters)
        if conn.dialect.name == "postgresql"
        else sqlite.insert(t.counters)
    )
    conn.execute(
        insert.values(name=name, value=1).on_conflict_do_update(
            index_elements=[t.counters.c.name], set_={"value": t.counters.c.value + 1}
        )
    )


class _Transaction:
    """engine.begin() that turns database failures into StoreError."""

    def __init__(self, engine: sa.Engine) -> None:
        self._ctx = engine.begin()

    def __enter__(self) -> sa.Connection:
        try:
            return self._ctx.__enter__()
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the store: {exc}") from exc

    def __exit__(self, *exc: Any) -> bool | None:
        try:
            self._ctx.__exit__(*exc)  # commits, or rolls back what the body began
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(f"cannot write to the store: {err}") from err
        error = exc[1]
        if isinstance(error, sa.exc.SQLAlchemyError):  # a statement of the body failed
            raise StoreError(f"cannot write to the store: {error}") from error
        return None


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the store at ``url``, $FRONTWATCH_DB, or ./frontwatch.db.

    With ``create`` off a database that holds no store is refused (StoreError naming the
    URL) rather than made one: for a command that only reads, it is a typo. The store's
    ``created`` says whether this call made it."""
    eng = _engine.create(_engine.resolve_url(url))
    if not create and _engine.stored_revision(eng) is None:
        shown = eng.url.render_as_string(hide_password=True)
        eng.dispose()
        raise StoreError(
            f"no frontwatch store at {shown!r} (check --db or $FRONTWATCH_DB;"
            " frontwatch ingest makes one)"
        )
    store = Store(eng)
    store.created = _engine.migrate(eng)
    return store


def _insert_new(conn: sa.Connection, table: sa.Table, row: dict[str, Any]) -> bool:
    """Insert ``row`` unless its primary key is stored (also by a concurrent transaction,
    which PostgreSQL waits for); whether it was inserted."""
    keys = [c.name for c in table.primary_key.columns]
    insert = postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)
    statement = insert.values(**row).on_conflict_do_nothing(index_elements=keys)
    # RETURNING rather than rowcount, which psycopg leaves at -1 here
    return conn.execute(statement.returning(table.c[keys[0]])).first() is not None


def _replace_mentions(conn: sa.Connection, doc_id: str, mentions: Sequence[Mention]) -> None:
    rows = [
        {
            "doc_id": doc_id,
            "start": m.start,
            "end": m.end,
            "geonameid": m.place.geonameid if m.place else None,
            "record": codec.dumps(codec.mention_to_json(m)),
        }
        for m in mentions
    ]
    conn.execute(t.mentions.delete().where(t.mentions.c.doc_id == doc_id))
    if rows:
        conn.execute(t.mentions.insert(), rows)


def _replace_claims(conn: sa.Connection, doc_id: str, claims: Sequence[Claim]) -> set[str]:
    rows = [_claim_row(doc_id, c) for c in claims]
    keep = {r["id"] for r in rows}
    old = conn.execute(
        sa.select(t.claims.c.id, t.claims.c.place_key, t.claims.c.record).where(
            t.claims.c.doc_id == doc_id
        )
    ).all()
    gone = [r for r in old if r.id not in keep]
    if gone:
        conn.execute(t.claim_history.insert(), _history_rows(conn, doc_id, gone))
    conn.execute(t.claims.delete().where(t.claims.c.doc_id == doc_id))
    if rows:
        conn.execute(t.claims.insert(), rows)
    if rows or old:
        _bump_or_start(conn, t.CLAIMS_COUNTER)
    return {r.place_key for r in gone if r.place_key}


def _keys(vacated: str | None) -> set[str]:
    return set(json.loads(vacated)) if vacated else set()


def _unstorable(field: str, char: str, at: int) -> str:
    if char == "\x00":
        return (
            f"field {field!r} holds a NUL character (U+0000) at character {at}, which"
            " PostgreSQL cannot store in text; remove it, or use a SQLite store (it keeps NULs)"
        )
    return (
        f"field {field!r} holds a lone surrogate (U+{ord(char):04X}) at character {at},"
        " which is not valid Unicode text"
    )


def _doc_row(doc: Document, canonical_url: str | None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "url": doc.url,
        "canonical_url": canonical_url,
        "outlet": doc.outlet,
        "published": doc.published,
        "published_note": doc.published_note,
        "title": doc.title,
        "language": doc.language,
        "detected_language": doc.detected_language,
        "license": doc.license,
        "forwarded_from": doc.forwarded_from,
        "text": doc.text,
        "content_hash": doc.content_hash,
        "ingested_at": _now(),
    }


def _doc_from_row(row: Any, origins: tuple[str, ...]) -> Document:
    return Document(
        id=row.id,
        text=row.text,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
        published_note=row.published_note,
        title=row.title,
        language=row.language,
        detected_language=row.detected_language,
        license=row.license,
        forwarded_from=row.forwarded_from,
        content_hash=row.content_hash,
        origins=origins,
    )


def _claim_row(doc_id: str, c: Claim) -> dict[str, Any]:
    et = c.event_time
    return {
        "id": c.id,
        "doc_id": doc_id,
        "kind": c.kind,
        "side": c.side,
        "place_key": codec.place_key(c.place),
        "place_name": c.place.name if c.place else None,
        "event_start": et.start if et else None,
        "event_end": et.end if et else None,
        "claim_time": c.claim_time,
        "record": codec.dumps(c.to_json()),
    }


def _history_rows(conn: sa.Connection, doc_id: str, gone: Sequence[Any]) -> list[dict[str, Any]]:
    """History rows for superseded claims, with the document revision whose processing
    superseded them (they came from an earlier revision's text or an earlier extractor)."""
    revision = conn.execute(
        sa.select(t.documents.c.revision).where(t.documents.c.id == doc_id)
    ).scalar_one()
    now = _now()
    return [
        {
            "claim_id": r.id,
            "doc_id": doc_id,
            "superseded_by_revision": int(revision),
            "place_key": r.place_key,
            "superseded_at": now,
            "record": r.record,
        }
        for r in gone
    ]


def _period_row(p: ControlPeriod) -> dict[str, Any]:
    return {
        "place_key": codec.place_key(p.place),
        "place_name": p.place.name,
        "side": p.side,
        "start": p.start,
        "end": p.end,
        "record": codec.dumps(codec.period_to_json(p)),
    }


def _delete_places(conn: sa.Connection, table: sa.Table, place_keys: set[str] | None) -> None:
    if place_keys is None:
        conn.execute(table.delete())
        return
    for chunk in _chunks(sorted(place_keys), 500):
        conn.execute(table.delete().where(table.c.place_key.in_(chunk)))


_HEAD_COLUMNS = (
    "id",
    "url",
    "outlet",
    "published",
    "published_note",
    "title",
    "language",
    "detected_language",
    "license",
    "forwarded_from",
    "content_hash",
)


def _link_rows(links: Sequence[Link]) -> list[dict[str, Any]]:
    """One row per (source, target, relation), the last given winning (as replace_links)."""
    return [
        {
            "source": lk.source,
            "target": lk.target,
            "relation": lk.relation,
            "reason": lk.reason,
            "place_key": lk.place_key,
        }
        for lk in {(lk.source, lk.target, lk.relation): lk for lk in links}.values()
    ]


def _event_row(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "place_key": codec.place_key(e.place),
        "record": codec.dumps(codec.event_to_json(e)),
    }


def _link_tuple(row: Any) -> tuple[Any, ...]:
    return (row["source"], row["target"], row["relation"], row["reason"] or "", row["place_key"])


def _stored_fused(
    conn: sa.Connection, place_keys: set[str], kept: _FusedPlaces
) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The link tuples and event rows stored for ``place_keys``: from ``kept`` where it
    has the place (moved to its end: used last), else read."""
    links: set[tuple[Any, ...]] = set()
    events: set[tuple[Any, ...]] = set()
    missing: list[str] = []
    for key in sorted(place_keys):
        place = kept.pop(key, None)
        if place is None:
            missing.append(key)
        else:
            links |= place[0]
            events |= place[1]
    lt, et = t.claim_links, t.events
    for chunk in _chunks(missing, 500):
        found = conn.execute(sa.select(lt).where(lt.c.place_key.in_(chunk))).mappings()
        links.update(_link_tuple(r) for r in found)
        query = sa.select(et.c.id, et.c.kind, et.c.place_key, et.c.record)
        events.update(tuple(r) for r in conn.execute(query.where(et.c.place_key.in_(chunk))))
    return links, events


def _diff_links(
    conn: sa.Connection,
    place_keys: set[str],
    links: Sequence[Link],
    stored: set[tuple[Any, ...]],
) -> tuple[set[str], set[tuple[Any, ...]]]:
    """Leave the ``stored`` links of ``place_keys`` that ``links`` repeat; replace the rest
    (one row per source, target and relation, the last given winning). Returns the place
    keys outside ``place_keys`` that a new row's key was taken from, and the rows wanted,
    as ``_link_tuple`` gives them."""
    lt = t.claim_links
    last = {(lk.source, lk.target, lk.relation): lk for lk in links}.values()
    wanted = {(lk.source, lk.target, lk.relation, lk.reason or "", lk.place_key): lk for lk in last}
    gone = [k for k in stored if k not in wanted]
    new = _link_rows([lk for k, lk in wanted.items() if k not in stored])
    _delete_keys(conn, lt, ("source", "target", "relation"), [k[:3] for k in gone])
    moved: set[str] = set()
    if new:
        # a new row's key stored at another place (a claim that moved): replaced here
        triples = {_link_tuple(r)[:3] for r in new}
        sources = sorted({k[0] for k in triples})
        for chunk in _chunks(sources, 500):
            query = sa.select(lt.c.source, lt.c.target, lt.c.relation, lt.c.place_key)
            for r in conn.execute(query.where(lt.c.source.in_(chunk))):
                if (r.source, r.target, r.relation) in triples:
                    moved.add(r.place_key)
        _delete_keys(conn, lt, ("source", "target", "relation"), sorted(triples))
        conn.execute(lt.insert(), new)
    return moved - place_keys, set(wanted)


def _diff_events(
    conn: sa.Connection, rows: list[dict[str, Any]], stored: set[tuple[Any, ...]]
) -> set[tuple[Any, ...]]:
    """Leave the ``stored`` events (of the places fused) that ``rows`` repeat; replace
    the rest. Returns the rows now stored, as tuples."""
    et = t.events
    wanted = {(r["id"], r["kind"], r["place_key"], r["record"]): r for r in rows}
    gone = [k[0] for k in stored if k not in wanted]
    new = [r for k, r in wanted.items() if k not in stored]
    for chunk in _chunks(sorted({*gone, *(r["id"] for r in new)}), 500):
        conn.execute(et.delete().where(et.c.id.in_(chunk)))
    if new:
        conn.execute(et.insert(), new)
    return set(wanted)


def _delete_keys(
    conn: sa.Connection, table: sa.Table, columns: tuple[str, ...], keys: Sequence[tuple[Any, ...]]
) -> None:
    if keys:
        cond = sa.and_(*(table.c[c] == sa.bindparam("k_" + c) for c in columns))
        conn.execute(
            table.delete().where(cond),
            [{"k_" + c: v for c, v in zip(columns, k, strict=True)} for k in keys],
        )


def _chunks(items: Sequence[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def _end_of_day(day: str) -> str:
    return day + "T23:59:59~" if len(day) == 10 else day
