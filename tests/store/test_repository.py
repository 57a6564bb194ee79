"""The store on SQLite and PostgreSQL: documents, dedupe, revisions, derived records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from frontwatch.errors import StoreError
from frontwatch.model import (
    Candidate,
    Claim,
    Claimant,
    ControlPeriod,
    Document,
    Event,
    EventTime,
    Evidence,
    Mention,
    Place,
    PlaceRef,
)
from frontwatch.store import Link, Store, TextFacts, open_store, place_key

IZIUM = Place(707292, "Izium", 49.207, 37.2768, "Kharkiv Oblast", "UA", 45000)


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def _doc(doc_id: str, text: str, published: str | None = "2022-09-10") -> Document:
    return Document(
        id=doc_id, text=text, published=published, outlet="Test Wire", content_hash=f"h:{text}"
    )


def _claim(claim_id: str, doc_id: str, kind: str = "control") -> Claim:
    return Claim(
        id=claim_id,
        doc=doc_id,
        kind=kind,
        side="UA",
        place=IZIUM.ref(1),
        polarity="affirmed",
        modality="asserted",
        claimant=Claimant("General Staff", "UA"),
        channel=None,
        event_time=EventTime("2022-09-10", "2022-09-10", "day", "on Saturday"),
        quantity=None,
        evidence=Evidence("troops entered Izium", 0, 20),
        extractor="test@1",
        confidence=0.7,
    )


@pytest.mark.parametrize(
    ("second", "outcome", "stored_id"),
    [
        (_doc("a", "text one"), "unchanged", "a"),
        (_doc("b", "text one"), "duplicate", "a"),
        (_doc("a", "text one, corrected"), "revised", "a"),
        (_doc("c", "another text"), "new", "c"),
    ],
)
def test_add_document_outcomes(
    store: Store, second: Document, outcome: str, stored_id: str
) -> None:
    assert store.add_document(_doc("a", "text one"), "first.json").outcome == "new"
    added = store.add_document(second, "second.json")
    assert (added.outcome, added.doc_id) == (outcome, stored_id)


def test_duplicate_keeps_both_origins_and_one_document(store: Store) -> None:
    store.add_document(_doc("a", "same words"), "one.txt")
    store.add_document(_doc("b", "same words"), "two.txt")
    assert store.count_documents() == 1
    doc = store.get_document("a")
    assert doc is not None
    assert doc.origins == ("one.txt", "two.txt")


def test_revision_keeps_the_earlier_text(store: Store) -> None:
    store.add_document(_doc("a", "first version"), "f")
    store.add_document(_doc("a", "second version"), "f")
    doc = store.get_document("a")
    assert doc is not None and doc.text == "second version"
    assert store.revisions("a") == [(1, "first version")]


def test_text_is_stored_byte_identical(store: Store) -> None:
    text = " Line one,\r\nwrapped  here\n\n“Quoted” — Куп’янськ\u00a0end \n"
    store.add_document(_doc("x", text), "f")
    doc = store.get_document("x")
    assert doc is not None and doc.text == text


def test_documents_filters(store: Store) -> None:
    store.add_document(_doc("a", "one", "2022-09-08"), "f1")
    store.add_document(_doc("b", "two", "2022-09-10T08:00:00+00:00"), "f2")
    store.add_document(_doc("c", "three", None), "f3")
    assert [d.id for d in store.documents(since="2022-09-09")] == ["b"]
    assert [d.id for d in store.documents(until="2022-09-10")] == ["a", "b"]
    assert [d.id for d in store.documents(outlet="test")] == ["a", "b", "c"]
    assert store.documents(outlet="nobody") == []


def test_mentions_round_trip(store: Store) -> None:
    store.add_document(_doc("a", "Izuim fell"), "f")
    mention = Mention(
        doc_id="a",
        start=0,
        end=5,
        text="Izuim",
        place=IZIUM,
        precision=1,
        candidates=(Candidate(IZIUM, 0.91, ("fuzzy 0.95",)),),
        method="fuzzy",
        reason="typo of Izium",
        extractor="places@1",
    )
    unsure = replace(mention, start=6, end=10, text="fell", unsure=True)
    store.replace_mentions("a", [mention, unsure])
    store.replace_mentions("a", [mention, unsure])
    assert store.mentions("a") == [mention, unsure]


def test_claims_round_trip_and_filters(store: Store) -> None:
    store.add_document(_doc("a", "x"), "f")
    claims = [_claim("c1", "a"), _claim("c2", "a", "attack")]
    store.replace_claims("a", claims)
    assert store.claims() == claims
    assert [c.id for c in store.claims(kind="attack")] == ["c2"]
    assert [c.id for c in store.claims(place="izi")] == ["c1", "c2"]
    assert [c.id for c in store.claims(place="707292")] == ["c1", "c2"]
    assert store.claim_place_keys(["a"]) == {"707292"}
    assert [c.id for c in store.claims(place_keys=["707292"], kind="attack")] == ["c2"]
    assert store.claims(place_keys=["Izium"]) == []
    assert store.claims(place_keys=[]) == []
    store.replace_claims("a", claims[:1])
    assert [c.id for c in store.claims(doc="a")] == ["c1"]


def test_control_and_events_replace_only_named_places(store: Store) -> None:
    izium = IZIUM.ref(1)
    kupiansk = PlaceRef("Kupiansk", 703656, 49.71, 37.6158, "Kharkiv Oblast", 1)
    periods = [
        ControlPeriod(izium, "RU", "2022-04-01", "2022-09-09", "corroborated", 0.8, ("c1",)),
        ControlPeriod(kupiansk, "UA", "2022-09-10", None, "reported", 0.6, ("c2",)),
    ]
    store.replace_control(periods)
    newer = ControlPeriod(izium, "UA", "2022-09-10", None, "confirmed", 0.9, ("c3",))
    store.replace_control([newer], place_keys={"707292"})
    assert {(p.place.name, p.side) for p in store.control_periods()} == {
        ("Izium", "UA"),
        ("Kupiansk", "UA"),
    }
    assert store.control_periods("Kupi")[0] == periods[1]
    assert store.control_periods(place_keys={"703656"}) == [periods[1]]
    assert store.control_periods(place_keys={"Kupiansk"}) == []
    event = Event("e1", "control", "UA", izium, "2022-09-10", "2022-09-10", ("c1",), ("c9",), 2)
    store.replace_events([event])
    assert store.events() == [event]


def test_links_round_trip(store: Store) -> None:
    links = [Link("c1", "c2", "contradicts", "UA and RU hold one town on one day", "707292")]
    store.replace_links(links + links)
    assert store.links(["c2"]) == links


def test_reopening_keeps_everything(store_url: str) -> None:
    first = open_store(store_url)
    first.add_document(_doc("a", "kept"), "f")
    first.close()
    second = open_store(store_url)
    assert second.count_documents() == 1
    second.close()


def test_store_in_missing_folder_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store("sqlite:////nonexistent-folder-frontwatch/x.db")


def test_superseded_claims_move_to_the_history(store: Store) -> None:
    store.add_document(_doc("a", "Russian forces hold Izium."), "a.json")
    store.replace_claims("a", [_claim("c1", "a"), _claim("c2", "a", kind="presence")])
    store.add_document(_doc("a", "Ukrainian forces hold Izium."), "a.json")
    vacated = store.replace_claims("a", [_claim("c2", "a", kind="presence")])
    assert [c.id for c in store.claims(doc="a")] == ["c2"]
    ((revision, when, old),) = store.claim_history("a")
    assert (revision, old.id, old.kind) == (2, "c1", "control")
    assert when
    assert vacated == {place_key(IZIUM.ref(1))}


def test_place_names_come_from_claims_and_control_periods(store: Store) -> None:
    assert store.place_names() == {}
    store.add_document(_doc("a", "x"), "f")
    store.replace_claims("a", [_claim("c1", "a")])
    unnumbered = PlaceRef("Eastern front", None, 48.5, 37.5, None)
    store.replace_control([ControlPeriod(unnumbered, "UA", "2022-09-10", None, "reported", 0.5)])
    assert store.place_names() == {"707292": "Izium", "Eastern front": "Eastern front"}


def test_place_names_have_one_name_a_key_and_leave_out_claims_without_a_place(
    store: Store,
) -> None:
    store.add_document(_doc("a", "x"), "f")
    nowhere = dataclasses.replace(_claim("c0", "a"), place=None)
    claims = [_claim(f"c{i}", "a") for i in range(1, 6)]
    store.replace_claims("a", [nowhere, *claims, dataclasses.replace(claims[0], id="c9")])
    assert store.place_names() == {"707292": "Izium"}


def test_every_write_that_may_change_the_place_names_moves_their_version(store_url: str) -> None:
    """Claims written, rewritten or emptied, periods written, by this store object or by
    another (as another process); a document without claims moves nothing."""
    store, other = open_store(store_url), open_store(store_url)
    try:
        seen = [store.place_names_version()]
        store.add_document(_doc("a", "x"), "f")
        store.add_document(_doc("b", "y"), "g")
        store.replace_claims("b", [])
        seen.append(store.place_names_version())
        other.replace_claims("a", [_claim("c1", "a")])
        seen.append(store.place_names_version())
        store.replace_claims("a", [_claim("c2", "a")])
        seen.append(store.place_names_version())
        other.replace_claims("a", [])
        seen.append(store.place_names_version())
        store.replace_control([])
        seen.append(store.place_names_version())
    finally:
        store.close()
        other.close()
    assert seen[0] is not None
    control, claims = seen[0]
    assert seen[1:] == [
        (control, claims),
        (control, claims + 1),
        (control, claims + 2),
        (control, claims + 3),
        (control + 1, claims + 3),
    ]


def test_a_nul_character_is_kept_by_sqlite_and_refused_with_its_reason_by_postgresql(
    store: Store,
) -> None:
    """Regression: PostgreSQL raised DataError for a NUL; SQLite keeps every text exactly."""
    doc = _doc("n1", "before\x00after")
    if store.engine.dialect.name == "sqlite":
        store.add_document(doc, "a.jsonl:1")
        stored = store.get_document("n1")
        assert stored is not None
        assert stored.text == "before\x00after"
        return
    with pytest.raises(StoreError) as info:
        store.add_document(doc, "a.jsonl:1")
    assert str(info.value) == (
        "[E301] field 'text' holds a NUL character (U+0000) at character 6, which PostgreSQL"
        " cannot store in text; remove it, or use a SQLite store (it keeps NULs)"
    )
    with pytest.raises(StoreError, match="field 'title' holds a NUL"):
        store.add_document(Document(id="n2", text="ok", title="a\x00b"), "a.jsonl:2")
    assert store.count_documents() == 0


@pytest.mark.parametrize("field", ["text", "title", "origin"])
def test_a_lone_surrogate_is_refused_with_its_reason(store: Store, field: str) -> None:
    fields = {"text": "Izium.", "title": "Izium", field: "a \udcff b"}
    doc = Document(id="s1", text=fields["text"], title=fields["title"])
    with pytest.raises(StoreError) as info:
        store.add_document(doc, fields.get("origin", "a.jsonl:1"))
    assert str(info.value) == (
        f"[E301] field {field!r} holds a lone surrogate (U+DCFF) at character 2,"
        " which is not valid Unicode text"
    )
    assert store.count_documents() == 0


def test_a_store_says_whether_opening_made_it(store_url: str) -> None:
    first = open_store(store_url)
    first.close()
    again = open_store(store_url, create=False)
    again.close()
    assert (first.created, again.created) == (True, False)


def test_opening_without_create_refuses_a_database_that_holds_no_store(store_url: str) -> None:
    """Regression: a typo'd --db on a read command made an empty store and listed nothing.
    On SQLite the file exists (empty); on PostgreSQL the database exists, with no tables."""
    if store_url.startswith("sqlite"):
        Path(store_url.removeprefix("sqlite:///")).touch()
    with pytest.raises(StoreError, match="no frontwatch store at") as caught:
        open_store(store_url, create=False)
    assert "check --db" in str(caught.value)
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []  # nothing was made there
    engine.dispose()


def test_opening_without_create_makes_no_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "tpyo.db"
    with pytest.raises(StoreError, match="no frontwatch store at"):
        open_store(str(path), create=False)
    assert not path.exists()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("postgresq://fw:s3cret@127.0.0.1:1/fw", "Can't load plugin"),
        ("postgresql://fw:s3cret@127.0.0.1:1/fw", "connection"),
    ],
)
def test_a_misspelt_or_unreachable_url_is_named_without_its_password(
    url: str, problem: str
) -> None:
    with pytest.raises(StoreError, match=problem) as caught:
        open_store(url, create=False)
    assert "127.0.0.1" in str(caught.value)
    assert "s3cret" not in str(caught.value)


def _facts(content_hash: str, signature: bytes | None = b"\x01" * 512) -> TextFacts:
    return TextFacts(content_hash, signature, 12, "latin", ("AFP", "Reuters"))


def test_text_facts_round_trip(store: Store) -> None:
    store.add_document(_doc("a", "one text"), "f")
    store.add_document(_doc("b", "no words"), "f")
    kept = {"a": _facts("h:one text"), "b": _facts("h:no words", None)}
    store.save_text_facts(kept, "v1")
    assert store.text_facts(["a", "b", "missing"], "v1") == kept


@pytest.mark.parametrize(("revised", "version"), [(True, "v1"), (False, "v2")])
def test_text_facts_of_another_text_or_version_are_not_returned(
    store: Store, revised: bool, version: str
) -> None:
    store.add_document(_doc("a", "one text"), "f")
    store.save_text_facts({"a": _facts("h:one text")}, "v1")
    if revised:
        store.add_document(_doc("a", "one text, corrected"), "f")
    assert store.text_facts(["a"], version) == {}


def test_saving_text_facts_again_replaces_them(store: Store) -> None:
    store.add_document(_doc("a", "one text"), "f")
    store.save_text_facts({"a": _facts("h:one text")}, "v1")
    newer = replace(_facts("h:one text"), headline_end=0, wires=())
    store.save_text_facts({"a": newer}, "v2")
    assert store.text_facts(["a"], "v2") == {"a": newer}
    assert store.text_facts(["a"], "v1") == {}


def test_content_hashes_of_stored_documents(store: Store) -> None:
    store.add_document(_doc("a", "one text"), "f")
    store.add_document(_doc("b", "two text"), "f")
    store.add_document(_doc("a", "one text, corrected"), "f")
    assert store.content_hashes(["a", "b", "missing"]) == {
        "a": "h:one text, corrected",
        "b": "h:two text",
    }
