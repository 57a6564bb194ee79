"""The stored place names the API looks places up in: read once per version of the
store, and read again after a write of the claims or the periods from any process."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from frontwatch.model import Claim, Document, Evidence, Place
from frontwatch.serve import API, ServeOptions, create_app
from frontwatch.serve._places import KeptPlaceNames
from frontwatch.store import Store, open_store
from tests.serve.serve_helpers import build_store

LYMAN = Place(704204, "Lyman", 48.9901, 37.8084, "Donetsk Oblast", "UA")


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    built = build_store(open_store(f"sqlite:///{tmp_path / 'serve.db'}"))
    yield built
    built.close()


def _names(client: TestClient) -> KeptPlaceNames:
    app = client.app
    kept: KeptPlaceNames = app.state.place_names  # type: ignore[attr-defined]
    return kept


@pytest.mark.parametrize(
    "path",
    [
        "/claims?place=Izyum",  # an alias: through the resolver
        "/claims?place=kupi",  # a part of a name
        "/events?place=Balakliia",
        "/timeline/Izyum",
        "/places/resolve?q=Izyum",
        "/control?place=Izyum",
    ],
)
def test_lookups_read_every_stored_name_once(
    store: Store, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: every look-up of a name read all stored place names (seconds at
    1,000,000 claims)."""
    with TestClient(create_app(ServeOptions(), store)) as c:
        first = c.get(API + path)
        reads = _names(c).reads

        def every_name() -> dict[str, str]:
            raise AssertionError("read every stored place name again")

        monkeypatch.setattr(store, "place_names", every_name)
        again = [c.get(API + path) for _ in range(3)]
    assert first.status_code == 200, first.text
    assert reads == 1
    assert all(a.content == first.content for a in again)


def test_a_place_whose_claims_another_process_wrote_is_found_next(store: Store) -> None:
    """Claims stored (not yet fused, so no control period moved) by another store object
    are found by the next look-up of their place's name."""
    other = open_store(str(store.engine.url))
    try:
        with TestClient(create_app(ServeOptions(), store)) as c:
            before = c.get(f"{API}/claims?place=Lyman")
            _store_a_claim_at_lyman(other)
            after = c.get(f"{API}/claims?place=Lyman")
            resolved = c.get(f"{API}/places/resolve?q=Lyman")
            reads = _names(c).reads
    finally:
        other.close()
    assert before.status_code == 404
    assert [i["id"] for i in after.json()["items"]] == ["c-lyman"]
    assert resolved.json()["places"] == [{"key": "704204", "name": "Lyman"}]
    assert reads == 2


def _store_a_claim_at_lyman(store: Store) -> None:
    text = "Ukrainian forces entered Lyman."
    doc = Document(
        id="lyman-1001",
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published="2022-10-01",
        outlet="Kyiv Daily",
    )
    store.add_document(doc, "hand:lyman-1001")
    claim = Claim(
        id="c-lyman",
        doc=doc.id,
        kind="control",
        side="UA",
        place=LYMAN.ref(1),
        polarity="affirmed",
        modality="asserted",
        claimant=None,
        channel=None,
        event_time=None,
        quantity=None,
        evidence=Evidence(text, 0, len(text)),
        extractor="hand@1",
        confidence=0.7,
    )
    store.replace_claims(doc.id, [claim])
