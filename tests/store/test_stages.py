"""A document's processing stage: read -> extracted -> fused, back to read on a revision;
mentions, claims and the stage written in one transaction; what is pending for whom."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from frontwatch.errors import StoreError
from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, Mention, Place
from frontwatch.store import Stage, StageState, Store, open_store

V1 = "frontwatch.claims@1"
V2 = "frontwatch.claims@2"
IZIUM = Place(707292, "Izium", 49.207, 37.2768, "Kharkiv Oblast", "UA", 45000)
LYMAN = Place(704204, "Lyman", 48.9901, 37.8084, "Donetsk Oblast", "UA", 20000)


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def _doc(doc_id: str, text: str = "Troops entered Izium.") -> Document:
    return Document(id=doc_id, text=text, published="2022-09-10", content_hash=f"h:{text}")


def _claim(claim_id: str, doc_id: str, place: Place = IZIUM) -> Claim:
    return Claim(
        id=claim_id,
        doc=doc_id,
        kind="control",
        side="UA",
        place=place.ref(1),
        polarity="affirmed",
        modality="asserted",
        claimant=Claimant("General Staff", "UA"),
        channel=None,
        event_time=EventTime("2022-09-10", "2022-09-10", "day", "on Saturday"),
        quantity=None,
        evidence=Evidence("Troops entered Izium", 0, 20),
        extractor=V1,
        confidence=0.7,
    )


def _mention(doc_id: str) -> Mention:
    return Mention(doc_id, 15, 20, "Izium", IZIUM, 1)


@pytest.mark.parametrize(
    ("stage", "extractor", "extract", "fuse"),
    [
        ("read", None, True, False),
        ("extracted", V2, False, True),
        ("extracted", V1, True, False),  # another version's claims: extract them again
        ("fused", V2, False, False),
        ("fused", V1, True, False),
        ("failed", V2, False, False),  # not retried unasked by the same version
        ("failed", V1, True, False),
    ],
)
def test_what_a_stage_needs_from_the_running_extractor(
    stage: Stage, extractor: str | None, extract: bool, fuse: bool
) -> None:
    state = StageState("d", stage, extractor)
    assert state.needs_extraction(V2) is extract
    assert state.needs_fusion(V2) is fuse
    assert state.pending(V2) is (extract or fuse)


def test_a_document_goes_read_extracted_fused(store: Store) -> None:
    doc = _doc("a")
    store.add_document(doc, "a.txt")
    assert store.stages() == {"a": StageState("a", "read")}
    assert store.pending(V1) == ["a"]
    assert store.save_extraction(doc, [_mention("a")], [_claim("c1", "a")], V1)
    assert store.stages(["a"])["a"] == StageState("a", "extracted", V1)
    assert store.pending(V1) == ["a"]  # its claims wait to be fused
    store.mark_fused(["a"], V1)
    assert store.stages()["a"] == StageState("a", "fused", V1)
    assert store.pending(V1) == []
    assert store.pending(V2) == ["a"]  # an extractor upgrade makes it pending again


def test_a_revision_sends_a_document_back_to_read(store: Store) -> None:
    doc = _doc("a")
    store.add_document(doc, "a.txt")
    store.save_extraction(doc, [], [_claim("c1", "a")], V1)
    store.mark_fused(["a"], V1)
    store.add_document(_doc("a", "Troops left Izium."), "a.txt")
    assert store.stages()["a"] == StageState("a", "read")


def test_an_extraction_of_a_text_since_revised_is_not_stored(store: Store) -> None:
    old = _doc("a")
    store.add_document(old, "a.txt")
    store.add_document(_doc("a", "Troops left Izium."), "a.txt")
    assert not store.save_extraction(old, [_mention("a")], [_claim("c1", "a")], V1)
    assert (store.claims(doc="a"), store.mentions("a")) == ([], [])
    assert store.stages()["a"].stage == "read"


def test_a_failure_is_kept_until_another_version_or_a_request(store: Store) -> None:
    store.add_document(_doc("a"), "a.txt")
    store.mark_failed("a", V1)
    assert store.stages()["a"] == StageState("a", "failed", V1)
    assert store.pending(V1) == []
    assert store.pending(V2) == ["a"]


def test_mentions_claims_and_stage_are_one_transaction(store: Store) -> None:
    doc = _doc("a")
    store.add_document(doc, "a.txt")
    store.save_extraction(doc, [_mention("a")], [_claim("c1", "a")], V1)
    store.mark_fused(["a"], V1)
    twice = [_claim("c2", "a"), _claim("c2", "a")]  # one id twice: the insert fails
    with pytest.raises(StoreError):
        store.save_extraction(doc, [], twice, V2)
    assert [c.id for c in store.claims(doc="a")] == ["c1"]
    assert store.mentions("a") == [_mention("a")]
    assert store.stages()["a"] == StageState("a", "fused", V1)


def test_vacated_places_wait_until_the_document_is_fused(store: Store) -> None:
    doc = _doc("a")
    store.add_document(doc, "a.txt")
    store.save_extraction(doc, [], [_claim("c1", "a", IZIUM)], V1)
    store.save_extraction(doc, [], [_claim("c2", "a", LYMAN)], V2)
    assert store.vacated_places(["a"]) == {"707292"}
    store.save_extraction(doc, [], [], V2)  # cut off before fusion, extracted again
    assert store.vacated_places(["a"]) == {"707292", "704204"}
    store.mark_fused(["a"], V1)  # another version's fusion leaves it waiting
    assert store.stages()["a"].stage == "extracted"
    store.mark_fused(["a"], V2)
    assert store.vacated_places(["a"]) == set()
