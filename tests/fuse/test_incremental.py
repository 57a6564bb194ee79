"""Incremental fusion equals a rebuild: ``update`` after each batch of reports leaves the
store holding what ``rebuild`` writes from the same claims."""

from __future__ import annotations

import gc
import random
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from frontwatch.fuse import Fuser, lexicons
from frontwatch.fuse._context import facts_version, text_facts
from frontwatch.model import Claim
from frontwatch.store import Store, open_store
from frontwatch.store.codec import place_key
from tests.fuse.fuse_helpers import claim, document, place

TOWNS = ("Izium", "Balakliia", "Kupiansk", "Kharkiv Oblast")
KINDS = ("control", "control", "withdrawal", "attack", "presence", "advance", "supply")
CLAIMANTS = (None, None, ("Ukrainian General Staff", "UA"), ("Russia's Defence Ministry", "RU"))

Report = tuple[str, str, str, list[Claim]]


def _claim(rng: random.Random, doc: str, n: int, day: int) -> Claim:
    side = rng.choice(("UA", "UA", "RU", None))
    when = day - rng.randint(0, 3)
    return claim(
        f"{doc}-c{n}",
        kind=rng.choice(KINDS),
        side=side,
        at=rng.choice(TOWNS),
        day=None if rng.random() < 0.1 else f"2022-09-{when:02d}",
        polarity="negated" if rng.random() < 0.05 else "affirmed",
        modality=rng.choice(("asserted", "asserted", "reported", "predicted")),
        claimant=rng.choice(CLAIMANTS),
        doc=doc,
        text=f"forces {rng.choice(TOWNS)} near {rng.choice(TOWNS)}",
        start=10 * n,
    )


def reports(seed: int, count: int) -> list[Report]:
    """``count`` reports of 1-6 claims over four places; one in eight reprints an earlier one."""
    rng = random.Random(seed)
    out: list[Report] = []
    for i in range(count):
        day = 5 + i * 20 // count
        doc = f"r{i:03d}"
        published = f"2022-09-{day:02d}T{rng.randint(0, 23):02d}:00:00+00:00"
        if out and rng.random() < 0.125:
            _, text, _, earlier = rng.choice(out)
            kept = [replace(c, id=f"{doc}-{c.id}", doc=doc) for c in earlier]
            out.append((doc, text + f" Reprinted {doc}.", published, kept))
            continue
        text = " ".join(rng.choice(("troops", "town", "front", "shelling", doc)) for _ in range(30))
        out.append(
            (doc, text, published, [_claim(rng, doc, n, day) for n in range(rng.randint(1, 6))])
        )
    return out


def put(store: Store, report: Report) -> None:
    doc_id, text, published, claims = report
    store.add_document(document(doc_id, published, text), "test:" + doc_id)
    store.replace_claims(doc_id, claims)


def fused(store: Store) -> tuple[list[str], list[tuple[str, str, str, str, str | None]], list[str]]:
    """Everything fusion stored, in a canonical order."""
    links = sorted(
        (lk.source, lk.target, lk.relation, lk.reason, lk.place_key) for lk in store.links()
    )
    periods = sorted(repr(p) for p in store.control_periods())
    return (sorted(repr(e) for e in store.events()), links, periods)


@pytest.fixture()
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    a, b = (
        open_store(f"sqlite:///{tmp_path / 'a.db'}"),
        open_store(f"sqlite:///{tmp_path / 'b.db'}"),
    )
    yield a, b
    a.close()
    b.close()


def batches(items: Sequence[Report], sizes: Sequence[int]) -> Iterator[list[Report]]:
    at = 0
    for size in sizes:
        yield list(items[at : at + size])
        at += size


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_updates_after_each_batch_equal_a_rebuild(seed: int, stores: tuple[Store, Store]) -> None:
    incremental, rebuilt = stores
    items = reports(seed, 90)
    assert sum(len(r[3]) for r in items) >= 200
    random.Random(seed).shuffle(items)  # reports arrive out of publication order too
    for batch in batches(items, [40, 1, 1, 3, 10, 1, 34]):
        for report in batch:
            put(incremental, report)
            put(rebuilt, report)
        Fuser(incremental).update([r[0] for r in batch])
        Fuser(rebuilt).rebuild()
        assert fused(incremental) == fused(rebuilt)
    events, links, periods = fused(incremental)
    relations = {link[2] for link in links}
    assert events and periods and {"supports", "supplies", "contradicts"} <= relations


def test_a_corrected_report_that_drops_a_place_equals_a_rebuild(
    stores: tuple[Store, Store],
) -> None:
    incremental, rebuilt = stores
    items = reports(4, 60)
    for report in items:
        put(incremental, report)
        put(rebuilt, report)
    Fuser(incremental).rebuild()
    doc_id, text, published, claims = items[30]
    dropped = {k for c in claims if (k := place_key(c.place))}
    kept = [replace(c, place=None) for c in claims[:1]]
    for store in stores:
        put(store, (doc_id, text + " Corrected.", published, kept))
    Fuser(incremental).update([doc_id], places=dropped)
    Fuser(rebuilt).rebuild()
    assert fused(incremental) == fused(rebuilt)


def _forget_text_facts(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM document_facts"))


def _kept_rows(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT doc_id, content_hash, version FROM document_facts"))
        return sorted(tuple(r) for r in rows)


@pytest.mark.parametrize("seed", [5, 6])
def test_updates_on_kept_text_facts_equal_a_rebuild_that_reads_every_text(
    seed: int, stores: tuple[Store, Store]
) -> None:
    incremental, rebuilt = stores
    items = reports(seed, 60)
    for batch in batches(items, [30, 1, 2, 27]):
        for report in batch:
            put(incremental, report)
            put(rebuilt, report)
        reader = open_store(incremental.url)  # reads the text facts kept by earlier batches
        Fuser(reader).update([r[0] for r in batch])
        reader.close()
        _forget_text_facts(rebuilt)
        fresh = open_store(rebuilt.url)  # a new store object has seen no text
        Fuser(fresh).rebuild()
        fresh.close()
        assert fused(incremental) == fused(rebuilt)
    assert len(_kept_rows(incremental)) == len(items)


def test_kept_text_facts_are_those_read_from_the_text(stores: tuple[Store, Store]) -> None:
    store, _ = stores
    items = reports(7, 30)
    for report in items:
        put(store, report)
    Fuser(store).rebuild()
    lex = lexicons()
    docs = store.documents()
    kept = store.text_facts([d.id for d in docs], facts_version(lex))
    assert kept == {d.id: text_facts(d, lex) for d in docs}
    assert any(f.signature is not None for f in kept.values())


def test_text_facts_of_another_version_or_text_are_made_again(
    stores: tuple[Store, Store],
) -> None:
    store, _ = stores
    items = reports(8, 20)
    for report in items:
        put(store, report)
    Fuser(store).rebuild()
    doc_id, text, published, claims = items[3]
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE document_facts SET version = 'old'"))
    put(store, (doc_id, text + " Corrected.", published, claims))
    store = open_store(store.url)  # a new store object has seen no text
    Fuser(store).update([doc_id])
    version = facts_version(lexicons())
    touched = {r[2] for r in _kept_rows(store) if r[0] == doc_id}
    assert touched == {version}
    current = store.get_document(doc_id)
    assert current is not None
    assert store.text_facts([doc_id], version)[doc_id].content_hash == current.content_hash
    Fuser(store).rebuild()
    store.close()
    assert {r[2] for r in _kept_rows(stores[0])} == {version}


def test_a_query_for_a_past_timeline_keeps_no_text_facts(stores: tuple[Store, Store]) -> None:
    store, _ = stores
    for report in reports(9, 20):
        put(store, report)
    periods = Fuser(store).timeline(as_known_on=datetime(2022, 9, 30, tzinfo=UTC))
    assert periods
    assert _kept_rows(store) == []


@pytest.mark.parametrize("collecting", [True, False])
def test_fusing_leaves_the_cycle_collector_as_it_found_it(
    collecting: bool, stores: tuple[Store, Store]
) -> None:
    store, _ = stores
    for report in reports(10, 10):
        put(store, report)
    was_on = gc.isenabled()
    try:
        if not collecting:
            gc.disable()
        Fuser(store).update([f"r{i:03d}" for i in range(10)])
        Fuser(store).rebuild()
        assert gc.isenabled() is collecting
    finally:
        if was_on:
            gc.enable()


def test_updates_from_two_store_objects_on_one_store_equal_a_rebuild(
    stores: tuple[Store, Store],
) -> None:
    """Each store object keeps what it last wrote for a place; a write by the other one
    in between (it moves the control counter) makes it read the place again."""
    incremental, rebuilt = stores
    other = open_store(incremental.url)
    items = reports(14, 50)
    for report in items[:30]:
        put(incremental, report)
        put(rebuilt, report)
    Fuser(incremental).update([r[0] for r in items[:30]])
    for n, report in enumerate(items[30:]):
        put(incremental, report)
        put(rebuilt, report)
        Fuser(other if n % 3 == 1 else incremental).update([report[0]])
        Fuser(rebuilt).rebuild()
        assert fused(incremental) == fused(rebuilt)
    other.close()


def test_claims_that_move_to_another_place_keeping_their_ids_equal_a_rebuild(
    stores: tuple[Store, Store],
) -> None:
    """A corrected report whose claims (same ids) now name another place: their links move
    with them, and what is kept for the place they left is not taken as still stored."""
    incremental, rebuilt = stores
    items = reports(15, 40)
    for report in items:
        put(incremental, report)
        put(rebuilt, report)
    Fuser(incremental).update([r[0] for r in items])
    for n, (doc_id, text, published, claims) in enumerate(items[5:40:7]):
        left = {k for c in claims if (k := place_key(c.place))}
        goes = ("Kupiansk", "Izium")[n % 2]
        moved = [replace(c, place=place(goes)) if c.place else c for c in claims]
        for store in stores:
            put(store, (doc_id, text + " Corrected.", published, moved))
        Fuser(incremental).update([doc_id], places=left)
        Fuser(rebuilt).rebuild()
        assert fused(incremental) == fused(rebuilt)
        _, later_text, later_day, later_claims = reports(16 + n, 3)[0]
        next_id = doc_id + "-next"
        again = [replace(c, id=f"{next_id}-{c.id}", doc=next_id) for c in later_claims]
        later = (next_id, later_text + next_id, later_day, again)
        for store in stores:
            put(store, later)
        Fuser(incremental).update([later[0]])
        Fuser(rebuilt).rebuild()
        assert fused(incremental) == fused(rebuilt)


def test_a_rebuild_by_two_worker_processes_equals_one_made_here(
    stores: tuple[Store, Store],
) -> None:
    here, workers = stores
    items = reports(18, 60)
    for report in items:
        put(here, report)
        put(workers, report)
    done = Fuser(workers).rebuild(chunk=1, workers=2)  # four place sets, two processes
    assert done == Fuser(here).rebuild(chunk=1)
    assert fused(workers) == fused(here)
    assert _kept_rows(workers) == _kept_rows(here)
    assert len(_kept_rows(workers)) == len(items)
