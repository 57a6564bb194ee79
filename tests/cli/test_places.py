"""The places commands: resolve names, show a stored report's mentions."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.model import Candidate, Document, Mention, Place
from frontwatch.store import open_store

runner = CliRunner()
IZIUM = Place(707292, "Izium", 49.20697, 37.27679, "Kharkiv Oblast", "UA", 45884)


@pytest.fixture()
def db(db_url: str) -> Iterator[str]:
    text = "Ukrainian troops entered Izium, the army said in words of this test."
    doc = Document("d1", text, content_hash=hashlib.sha256(text.encode()).hexdigest())
    store = open_store(db_url)
    store.add_document(doc, "test:d1")
    mention = Mention("d1", 25, 30, "Izium", IZIUM, 1, (Candidate(IZIUM, 0.97, ("test",)),),
                      "alias", "the only place of that name", "frontwatch.places@1")  # fmt: skip
    store.replace_mentions("d1", [mention])
    store.close()
    yield db_url


def test_resolve_json_prints_one_line_per_name() -> None:
    result = runner.invoke(app, ["places", "resolve", "Izuim", "Куп’янськ", "--json"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["query"], first["name"], first["geonameid"]) == ("Izuim", "Izium", 707292)
    assert second["name"] == "Kupiansk"
    assert set(first) == {
        "query", "name", "geonameid", "lat", "lon", "admin1", "country", "score", "unsure",
        "alternatives",
    }  # fmt: skip
    assert first["unsure"] is False


def test_resolve_json_flags_a_pick_far_from_the_near_point() -> None:
    # no Hrabovo lies within 100 km of Kupiansk (both are in the far west): one is returned, flagged
    result = runner.invoke(app, ["places", "resolve", "Hrabovo", "--near", "Kupiansk", "--json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["unsure"] is True
    assert line["score"] <= 0.3
    assert line["alternatives"]


@pytest.mark.parametrize("near", ["Kupiansk", "49.71,37.62"])
def test_resolve_near_picks_the_namesake(near: str) -> None:
    result = runner.invoke(app, ["places", "resolve", "Shevchenkove", "--near", near, "--json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout)
    assert line["geonameid"] == 694137
    assert line["alternatives"]


def test_resolve_table_and_not_found_exit_3() -> None:
    result = runner.invoke(app, ["places", "resolve", "Kharkov", "Zzqxwv"])
    assert result.exit_code == 3
    assert "Kharkiv" in result.stdout
    assert "Zzqxwv" in result.stdout


@pytest.mark.parametrize("near", ["95,200", "Zzqxwv"])
def test_resolve_bad_near_is_a_usage_error(near: str) -> None:
    result = runner.invoke(app, ["places", "resolve", "Lyman", "--near", near])
    assert result.exit_code == 2
    assert "--near" in result.stderr


def test_mentions_json_shows_stored_mentions(db: str) -> None:
    result = runner.invoke(app, ["places", "mentions", "d1", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (line,) = (json.loads(x) for x in result.stdout.splitlines())
    assert (line["text"], line["geonameid"], line["start"], line["end"]) == (
        "Izium",
        707292,
        25,
        30,
    )
    assert line["extractor"] == "frontwatch.places@1"


def test_mentions_table(db: str) -> None:
    result = runner.invoke(app, ["places", "mentions", "d1", "--db", db])
    assert result.exit_code == 0, result.output
    assert "Izium" in result.stdout
    assert "1 place mentions in d1" in result.stdout


def test_mentions_of_unknown_document_exit_3(db: str) -> None:
    result = runner.invoke(app, ["places", "mentions", "nope", "--db", db])
    assert result.exit_code == 3
    assert "no document" in result.stderr
