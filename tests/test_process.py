"""The stages after ingest wired together: claims stored per document, one failure never
stops the batch, text in a language no reader reads skipped with its reason."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from frontwatch import process
from frontwatch.claims import ClaimExtractor, Extraction
from frontwatch.model import Document
from frontwatch.process import ProcessOptions, process_documents
from frontwatch.store import Store, open_store


def _doc(doc_id: str, text: str, published: str) -> Document:
    return Document(
        id=doc_id, text=text, published=published, outlet="Test Wire", content_hash=f"h-{doc_id}"
    )


ENGLISH = _doc(
    "en-1",
    "Ukrainian forces recaptured Balakliia on Thursday, the General Staff said.",
    "2022-09-09",
)
RUSSIAN = _doc(
    "ru-1",
    "Российские войска отошли от Балаклеи в четверг, сообщили в министерстве обороны.",
    "2022-09-09",
)
BULGARIAN = _doc(
    "bg-1",
    "Руските войски се оттеглиха от Балаклия в четвъртък, съобщиха от министерството.",
    "2022-09-09",
)
BROKEN = _doc("broken-1", "Russian troops withdrew from Izium on Saturday.", "2022-09-10")


@pytest.fixture()
def store(db_url: str) -> Store:
    s = open_store(db_url)
    for doc in (ENGLISH, RUSSIAN, BULGARIAN, BROKEN):
        s.add_document(doc, f"{doc.id}.json")
    return s


class _FailsOn(ClaimExtractor):
    """The real extractor, except that it raises on one document (as a parser bug would)."""

    bad_id = BROKEN.id

    def extract(self, doc: Document) -> Extraction:
        if doc.id == self.bad_id:
            raise RuntimeError("parser crashed")
        return super().extract(doc)

    def extract_many(self, docs: Sequence[Document]) -> list[Extraction]:
        if any(d.id == self.bad_id for d in docs):
            raise RuntimeError("parser crashed")
        return super().extract_many(docs)


def test_claims_are_stored_and_an_unread_language_is_skipped_with_a_reason(store: Store) -> None:
    ids = [ENGLISH.id, RUSSIAN.id, BULGARIAN.id]
    stats = process_documents(store, ids, ProcessOptions(fuse=False))
    assert stats.failed == {}
    assert stats.documents == 3
    assert stats.skipped.get(BULGARIAN.id)
    assert not stats.skipped.get(RUSSIAN.id)
    claims = store.claims(doc=ENGLISH.id)
    assert any(c.kind == "control" and c.side == "UA" for c in claims)
    russian = store.claims(doc=RUSSIAN.id)
    assert [(c.kind, c.side) for c in russian] == [("withdrawal", "RU")]
    assert store.claims(doc=BULGARIAN.id) == []


def test_one_failing_document_is_recorded_and_the_batch_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process, "ClaimExtractor", _FailsOn)
    stats = process_documents(store, [ENGLISH.id, BROKEN.id], ProcessOptions(fuse=False))
    assert list(stats.failed) == [BROKEN.id]
    assert "parser crashed" in stats.failed[BROKEN.id]
    assert store.claims(doc=ENGLISH.id)
    assert stats.documents == 1


def test_processing_again_replaces_rather_than_adds(store: Store) -> None:
    process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False))
    first = {c.id for c in store.claims(doc=ENGLISH.id)}
    process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False))
    assert {c.id for c in store.claims(doc=ENGLISH.id)} == first
