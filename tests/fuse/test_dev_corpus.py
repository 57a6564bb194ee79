"""Fusion of the dev corpus: the Kharkiv counter-offensive timeline.

Run twice: once over the gold claims (fusion alone, whatever the extractor does), once
over the claims the pipeline extracts (ingest + process_documents into SQLite).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.fuse import Fuser
from frontwatch.ingest import ingest
from frontwatch.model import Claim, ControlPeriod
from frontwatch.process import process_documents
from frontwatch.store import Store, open_store

pytestmark = [pytest.mark.shared, pytest.mark.slow]

BALAKLIIA, IZIUM, KUPIANSK = "712926", "707292", "703656"


def _gold_store(shared: Path, url: str) -> Store:
    store = open_store(url)
    ingest([str(shared / "corpus" / "dev")], store)
    for path in sorted((shared / "gold" / "dev").glob("*.jsonl")):
        claims = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            obj = json.loads(line)
            obj.update(id=f"{path.stem}#{n}", confidence=1.0)
            claims.append(Claim.from_json(obj))
        store.replace_claims(path.stem, claims)
    Fuser(store).rebuild()
    return store


def _extracted_store(shared: Path, url: str) -> Store:
    store = open_store(url)
    report = ingest([str(shared / "corpus" / "dev")], store)
    process_documents(store, report.changed)
    return store


@pytest.fixture(scope="module", params=["gold", "extracted"])
def fused(
    request: pytest.FixtureRequest, shared: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path_factory.mktemp(request.param) / 'dev.db'}"
    make = _gold_store if request.param == "gold" else _extracted_store
    store = make(shared, url)
    yield store
    store.close()


def _periods(store: Store, key: str) -> list[ControlPeriod]:
    return sorted(store.control_periods(key), key=lambda p: p.start or "")


def _starting(store: Store, key: str, side: str) -> list[str | None]:
    return [p.start for p in _periods(store, key) if p.side == side]


def test_balakliia_changes_from_ru_to_ua_on_8_september(fused: Store) -> None:
    sides = [(p.side, p.start) for p in _periods(fused, BALAKLIIA)]
    assert ("UA", "2022-09-08") in sides
    assert sides.index(("UA", "2022-09-08")) > 0
    assert sides[sides.index(("UA", "2022-09-08")) - 1][0] == "RU"


def test_izium_is_ru_from_early_april_and_ua_confirmed_from_10_september(fused: Store) -> None:
    periods = _periods(fused, IZIUM)
    assert any(p.side == "RU" and "2022-04-01" <= (p.start or "") <= "2022-04-10" for p in periods)
    ua = [p for p in periods if p.side == "UA" and p.start == "2022-09-10"]
    assert ua
    assert ua[0].tier == "confirmed"


def test_kupiansk_is_ua_from_10_september(fused: Store) -> None:
    assert "2022-09-10" in _starting(fused, KUPIANSK, "UA")


def test_ganchevs_claim_contradicts_ukrainian_control_of_balakliia(fused: Store) -> None:
    (ua,) = [p for p in _periods(fused, BALAKLIIA) if p.side == "UA" and p.start == "2022-09-08"]
    against = fused.claims(ids=ua.contradicted_by)
    assert any(
        c.kind == "control" and c.side == "RU" and c.claimant and "Ganchev" in c.claimant.name
        for c in against
    )


def test_the_izium_kupiansk_supply_relation_is_recorded(fused: Store) -> None:
    supplies = [lk for lk in fused.links() if lk.relation == "supplies"]
    claims = {
        c.id: c for c in fused.claims(ids={i for lk in supplies for i in (lk.source, lk.target)})
    }
    pairs = {
        frozenset(str(claims[i].place.geonameid) for i in (lk.source, lk.target) if claims[i].place)
        for lk in supplies
        if lk.source in claims and lk.target in claims
    }
    assert frozenset({IZIUM, KUPIANSK}) in pairs
