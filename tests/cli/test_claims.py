"""``frontwatch claims``: filters, readable and JSON output, exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, PlaceRef
from frontwatch.store import open_store

runner = CliRunner()
TEXT = "Russian forces withdrew from Izium on Saturday. Ukrainian troops entered Lyman."
IZIUM = PlaceRef("Izium", 707292, 49.207, 37.2768, "Kharkiv Oblast", 1)
LYMAN = PlaceRef("Lyman", 704204, 48.9901, 37.8084, "Donetsk Oblast", 1)
KUPIANSK = PlaceRef("Kupiansk", 703656, 49.71, 37.6158, "Kharkiv Oblast", 1)
TEXT_2 = "Ukrainian troops held Kupiansk."


def _claim(
    cid: str, kind: str, side: str, place: PlaceRef, start: int, end: int, doc: str = "r1"
) -> Claim:
    text = TEXT if doc == "r1" else TEXT_2
    return Claim(
        id=cid,
        doc=doc,
        kind=kind,
        side=side,
        place=place,
        polarity="affirmed",
        modality="asserted",
        claimant=Claimant("Ministry", "UA"),
        channel="Telegram",
        event_time=EventTime("2022-09-10", "2022-09-10", "day", "Saturday"),
        quantity=None,
        evidence=Evidence(text[start:end], start, end),
        extractor="frontwatch.claims@1",
        confidence=0.9,
    )


@pytest.fixture()
def db(db_url: str) -> str:
    store = open_store(db_url)
    try:
        store.add_document(Document(id="r1", text=TEXT, published="2022-09-11"), origin="test")
        store.replace_claims(
            "r1",
            [
                _claim("c1", "withdrawal", "RU", IZIUM, 0, 47),
                _claim("c2", "advance", "UA", LYMAN, 48, 79),
            ],
        )
        r2 = Document(id="r2", text=TEXT_2, published="2022-09-12", content_hash="h2")
        store.add_document(r2, origin="t2")
        store.replace_claims("r2", [_claim("c3", "control", "UA", KUPIANSK, 0, 31, "r2")])
    finally:
        store.close()
    return db_url


def test_lists_each_claim_with_its_evidence(db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", db])
    assert result.exit_code == 0, result.output
    assert "withdrawal" in result.stdout and "Izium" in result.stdout
    assert "Russian forces withdrew from Izium on Saturday." in result.stdout
    assert "says Ministry" in result.stdout and "via Telegram" in result.stdout


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--kind", "advance"], ["c2"]),
        (["--place", "izium"], ["c1"]),
        (["--place", "Izyum"], ["c1"]),
        (["--place", "Ізюм"], ["c1"]),
        (["--place", "Iziumm"], ["c1"]),
        (["--place", "Kupyansk"], ["c3"]),
        (["--place", "Куп'янськ"], ["c3"]),
        (["--place", "703656", "--kind", "control"], ["c3"]),
        (["--doc", "r1"], ["c1", "c2"]),
    ],
)
def test_filters_and_json(db: str, args: list[str], ids: list[str]) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == ids


@pytest.mark.parametrize(
    ("place", "says"),
    [
        ("Lymanqqzz", "no place 'Lymanqqzz' in the store; did you mean Lyman, "),
        ("Харків", "'Харків' is Kharkiv (Kharkiv Oblast), which has nothing in the store; did"),
    ],
)
def test_unknown_place_exits_3_with_did_you_mean(db: str, place: str, says: str) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--place", place])
    assert result.exit_code == 3
    assert says in " ".join(result.stderr.split())


def test_no_match_exits_3(db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--doc", "nope"])
    assert result.exit_code == 3


def test_unknown_kind_is_a_usage_error(db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--kind", "parade"])
    assert result.exit_code == 2
