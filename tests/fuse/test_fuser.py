"""The fusion stage over a real SQLite store: update, rebuild, revisions, bad input."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from frontwatch.fuse import Fuser
from frontwatch.model import Claim
from frontwatch.store import Store, open_store
from tests.fuse.fuse_helpers import claim, document


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.close()


def put(store: Store, doc_id: str, claims: Sequence[Claim], published: str = "2022-09-11") -> None:
    store.add_document(document(doc_id, published), "test:" + doc_id)
    store.replace_claims(doc_id, [replace(c, doc=doc_id) for c in claims])


def test_update_fuses_the_places_a_document_touches(store: Store) -> None:
    put(store, "d1", [claim("a", at="Izium"), claim("b", at="Balakliia", day="2022-09-08")])
    result = Fuser(store).update(["d1"])
    assert (result.places, result.periods) == (2, 2)
    assert [p.side for p in store.control_periods("707292")] == ["UA"]
    assert {e.kind for e in store.events("712926")} == {"control"}


def test_update_leaves_other_places_alone(store: Store) -> None:
    put(store, "d1", [claim("a", at="Izium")])
    put(store, "d2", [claim("b", at="Balakliia")])
    Fuser(store).update(["d1"])
    result = Fuser(store).update(["d2"])
    assert result.places == 1
    assert {p.place.name for p in store.control_periods()} == {"Izium", "Balakliia"}


def test_a_second_report_extends_the_timeline_incrementally(store: Store) -> None:
    put(store, "d1", [claim("cap", side="RU", day="2022-04-01")], "2022-04-02")
    Fuser(store).update(["d1"])
    put(store, "d2", [claim("back", side="UA", day="2022-09-10")])
    Fuser(store).update(["d2"])
    assert [(p.side, p.start, p.end) for p in store.control_periods("707292")] == [
        ("RU", "2022-04-01", "2022-09-09"),
        ("UA", "2022-09-10", None),
    ]


def test_rebuild_equals_incremental_updates(store: Store) -> None:
    put(store, "d1", [claim("cap", side="RU", day="2022-04-01")], "2022-04-02")
    put(store, "d2", [claim("back", side="UA"), claim("left", kind="withdrawal", side="RU")])
    Fuser(store).update(["d1"])
    Fuser(store).update(["d2"])
    before = (store.control_periods(), store.events(), sorted(store.links(), key=str))
    Fuser(store).rebuild()
    assert (store.control_periods(), store.events(), sorted(store.links(), key=str)) == before


def test_a_corrected_article_replaces_its_claims_in_the_timeline(store: Store) -> None:
    put(store, "d1", [claim("v1", side="UA", day="2022-09-09")])
    Fuser(store).update(["d1"])
    store.add_document(replace(document("d1"), text="corrected", content_hash="x2"), "test:d1")
    store.replace_claims("d1", [claim("v2", side="UA", day="2022-09-10", doc="d1")])
    Fuser(store).update(["d1"])
    (period,) = store.control_periods("707292")
    assert (period.start, period.claims) == ("2022-09-10", ("v2",))
    assert [r for r, _ in store.revisions("d1")] == [1]


def test_claims_without_place_or_time_do_not_break_fusion(store: Store) -> None:
    put(
        store,
        "d1",
        [
            claim("nowhere", at=None),
            claim("whenever", day=None),
            claim("years", day="2010-01-01", end="2022-12-31"),
        ],
    )
    result = Fuser(store).update(["d1"])
    assert result.periods == 0
    assert result.places == 1
    assert len(store.events("707292")) == 1


def test_nothing_to_update_is_a_no_op(store: Store) -> None:
    assert Fuser(store).update([]).places == 0
    assert Fuser(store).update(["unknown"]).places == 0


def test_replay_from_the_store(store: Store) -> None:
    put(store, "d1", [claim("cap", side="RU", day="2022-04-01")], "2022-04-02")
    put(store, "d2", [claim("back", side="UA")], "2022-09-11")
    fuser = Fuser(store)
    early = fuser.timeline("707292", as_known_on=datetime(2022, 5, 1, tzinfo=UTC))
    assert [(p.side, p.end) for p in early] == [("RU", None)]
    assert [p.side for p in fuser.timeline("Izium")] == ["RU", "UA"]


def test_a_place_a_correction_dropped_is_cleared_when_named(store: Store) -> None:
    put(store, "d1", [claim("v1", at="Balakliia")])
    Fuser(store).update(["d1"])
    old = store.claim_place_keys(["d1"])
    store.replace_claims("d1", [claim("v2", at="Izium", doc="d1")])
    Fuser(store).update(["d1"], places=old)
    assert [p.place.name for p in store.control_periods()] == ["Izium"]


def test_supply_relations_survive_an_update_by_another_report(store: Store) -> None:
    hub = claim(
        "hub",
        kind="supply",
        side="RU",
        at="Kupiansk",
        day=None,
        text="the station supplying Izium formations",
    )
    put(
        store, "d1", [hub, claim("base", kind="supply", side="RU", at="Izium", day=None, start=200)]
    )
    Fuser(store).update(["d1"])
    put(store, "d2", [claim("news", at="Kupiansk")])
    Fuser(store).update(["d2"])
    supplies = [(lk.source, lk.target) for lk in store.links() if lk.relation == "supplies"]
    assert supplies == [("hub", "base")]
