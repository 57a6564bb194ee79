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


def _claim(cid: str, kind: str, side: str, place: PlaceRef, start: int, end: int) -> Claim:
    return Claim(
        id=cid,
        doc="r1",
        kind=kind,
        side=side,
        place=place,
        polarity="affirmed",
        modality="asserted",
        claimant=Claimant("Ministry", "UA"),
        channel="Telegram",
        event_time=EventTime("2022-09-10", "2022-09-10", "day", "Saturday"),
        quantity=None,
        evidence=Evidence(TEXT[start:end], start, end),
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
        (["--doc", "r1"], ["c1", "c2"]),
    ],
)
def test_filters_and_json(db: str, args: list[str], ids: list[str]) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == ids


def test_no_match_exits_3(db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--doc", "nope"])
    assert result.exit_code == 3


def test_unknown_kind_is_a_usage_error(db: str) -> None:
    result = runner.invoke(app, ["claims", "--db", db, "--kind", "parade"])
    assert result.exit_code == 2
