"""The fusion commands: control, timeline, events, fuse."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, PlaceRef
from frontwatch.store import open_store

runner = CliRunner()
IZIUM = PlaceRef("Izium", 707292, 49.2122, 37.2569, "Kharkiv Oblast", 1)


BALAKLIIA = PlaceRef("Balakliia", 712926, 49.45595, 36.84433, "Kharkiv Oblast", 1)
KUPIANSK = PlaceRef("Kupiansk", 703656, 49.71003, 37.61581, "Kharkiv Oblast", 1)


def _claim(
    cid: str,
    doc: str,
    side: str,
    day: str,
    kind: str = "control",
    claimant: Claimant | None = None,
    place: PlaceRef = IZIUM,
) -> Claim:
    return Claim(
        cid,
        doc,
        kind,
        side,
        place,
        "affirmed",
        "asserted",
        claimant,
        None,
        EventTime(day, day, "day", "on that day"),
        None,
        Evidence(f"{side} {kind} sentence {cid}", 0, 20),
        "test@1",
        1.0,
    )


def _doc(doc_id: str, published: str) -> Document:
    text = f"Report {doc_id} in words of its own, {doc_id} {published}."
    return Document(
        doc_id, text, published=published, content_hash=hashlib.sha256(text.encode()).hexdigest()
    )


@pytest.fixture()
def db(db_url: str) -> Iterator[str]:
    store = open_store(db_url)
    store.add_document(_doc("apr", "2022-04-02"), "t:apr")
    store.replace_claims("apr", [_claim("cap", "apr", "RU", "2022-04-01")])
    store.add_document(_doc("sep", "2022-09-11"), "t:sep")
    mod = Claimant("Russia's Defence Ministry", "RU")
    store.replace_claims(
        "sep",
        [
            _claim("back", "sep", "UA", "2022-09-10"),
            _claim("left", "sep", "RU", "2022-09-10", "withdrawal", mod),
            _claim("still", "sep", "RU", "2022-09-10"),
        ],
    )
    store.close()
    yield db_url


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_fuse_rebuild_then_control_shows_the_current_holder(db: str) -> None:
    summary = json.loads(_run("fuse", "--rebuild", "--db", db, "--json"))
    assert summary["places"] == 1
    (line,) = _run("control", "--db", db, "--json").splitlines()
    period = json.loads(line)
    assert (period["side"], period["start"], period["tier"]) == ("UA", "2022-09-10", "confirmed")
    assert "Izium" in _run("control", "Izium", "--db", db)


def test_control_as_of_and_as_known_on(db: str) -> None:
    _run("fuse", "--rebuild", "--db", db)
    (line,) = _run("control", "--db", db, "--as-of", "2022-06-01", "--json").splitlines()
    assert json.loads(line)["side"] == "RU"
    (line,) = _run("control", "--db", db, "--as-known-on", "2022-05-01", "--json").splitlines()
    assert (json.loads(line)["side"], json.loads(line)["end"]) == ("RU", None)


def test_control_as_known_on_takes_any_spelling(db: str) -> None:
    text = _run("control", "Ізюм", "--db", db, "--as-known-on", "2022-05-01", "--json")
    (line,) = text.splitlines()
    assert (json.loads(line)["side"], json.loads(line)["place"]["geonameid"]) == ("RU", 707292)


def test_timeline_lists_evidence_and_contradictions(db: str) -> None:
    _run("fuse", "--rebuild", "--db", db)
    text = _run("timeline", "707292", "--db", db)
    assert "RU 2022-04-01 - 2022-09-09" in text
    assert "Russia's Defence Ministry" in text
    periods = [json.loads(x) for x in _run("timeline", "Izium", "--db", db, "--json").splitlines()]
    assert [c["id"] for c in periods[1]["contradictions"]] == ["still"]


def test_events_lists_fused_happenings(db: str) -> None:
    _run("fuse", "--rebuild", "--db", db)
    events = [
        json.loads(x) for x in _run("events", "--place", "Izium", "--db", db, "--json").splitlines()
    ]
    assert {(e["kind"], e["side"]) for e in events} == {
        ("control", "RU"),
        ("control", "UA"),
        ("withdrawal", "RU"),
    }
    assert "withdrawal" in _run("events", "--db", db)


PLACE_COMMANDS = [["control"], ["timeline"], ["events", "--place"]]


@pytest.mark.parametrize("command", PLACE_COMMANDS)
@pytest.mark.parametrize("query", ["Izium", "707292", "izi", "Izyum", "Ізюм", "Изюм", "Iziumm"])
def test_place_commands_take_any_spelling_of_a_stored_place(
    db: str, command: list[str], query: str
) -> None:
    _run("fuse", "--rebuild", "--db", db)
    lines = _run(*command, query, "--db", db, "--json").splitlines()
    assert lines
    assert {json.loads(line)["place"]["geonameid"] for line in lines} == {707292}


@pytest.mark.parametrize("command", PLACE_COMMANDS)
@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("Kupyansk", "'Kupyansk' is Kupiansk (Kharkiv Oblast), which has nothing in the store"),
        ("Izyumqq", "no place 'Izyumqq' in the store"),
    ],
)
def test_place_commands_answer_did_you_mean(
    db: str, command: list[str], query: str, says: str
) -> None:
    _run("fuse", "--rebuild", "--db", db)
    result = runner.invoke(app, [*command, query, "--db", db])
    assert result.exit_code == 3
    message = " ".join(result.stderr.split())
    assert f"{says}; did you mean Izium?" in message


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["control", "Nowhere"], 3),
        (["timeline", "Nowhere"], 3),
        (["events", "--place", "Nowhere"], 3),
        (["control", "--as-of", "soon"], 2),
        (["control", "--as-known-on", "yesterday"], 2),
        (["fuse"], 2),
    ],
)
def test_bad_requests_exit_with_a_code_and_a_message(db: str, args: list[str], code: int) -> None:
    _run("fuse", "--rebuild", "--db", db)
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == code
    assert "error" in result.output


def test_fuse_with_document_ids_updates_their_places(db: str) -> None:
    summary = json.loads(_run("fuse", "sep", "--db", db, "--json"))
    assert (summary["places"], summary["periods"]) == (1, 2)


@pytest.mark.parametrize(("fmt", "first_key"), [("jsonl", "place"), ("geojson", "type")])
def test_export_control_after_fusion(db: str, fmt: str, first_key: str) -> None:
    _run("fuse", "--rebuild", "--db", db)
    text = _run("export", "control", "--format", fmt, "--db", db)
    first = json.loads(text.splitlines()[0])
    assert next(iter(first)) == first_key


@pytest.fixture()
def three_places(db: str) -> str:
    store = open_store(db)
    store.add_document(_doc("oct", "2022-10-01"), "t:oct")
    store.replace_claims(
        "oct",
        [
            _claim("bal", "oct", "UA", "2022-09-08", place=BALAKLIIA),
            _claim("kup", "oct", "UA", "2022-09-30", place=KUPIANSK),
        ],
    )
    store.close()
    _run("fuse", "--rebuild", "--db", db)
    return db


@pytest.mark.parametrize(
    ("args", "listed", "left"),
    [([], 3, 0), (["--limit", "2"], 2, 1), (["--limit", "0"], 3, 0), (["--limit", "9"], 3, 0)],
)
def test_control_shows_at_most_limit_places_and_counts_the_rest(
    three_places: str, args: list[str], listed: int, left: int
) -> None:
    text = _run("control", "--db", three_places, *args)
    names = [n for n in ("Balakliia", "Izium", "Kupiansk") if n in text]
    assert names == ["Balakliia", "Izium", "Kupiansk"][:listed]
    assert ("1morenotshown" in _flat(text)) == bool(left)
    lines = _run("control", "--db", three_places, "--json", *args).splitlines()
    assert len(lines) == listed


def test_control_table_shows_a_hundred_places_unless_told(db: str) -> None:
    store = open_store(db)
    store.add_document(_doc("many", "2022-10-01"), "t:many")
    places = [
        PlaceRef(f"Place {i:03d}", 900000 + i, 49.0, 37.0, "Kharkiv Oblast", 1) for i in range(105)
    ]
    store.replace_claims(
        "many", [_claim(f"c{i}", "many", "UA", "2022-09-30", place=p) for i, p in enumerate(places)]
    )
    store.close()
    _run("fuse", "--rebuild", "--db", db)
    text = _flat(_run("control", "--db", db))
    assert "Place098" in text  # Izium first, then 99 of the others
    assert "Place099" not in text
    assert "6morenotshown" in text  # 106 places with Izium
    assert len(_run("control", "--db", db, "--json").splitlines()) == 106
    header, *rows = _run("control", "--db", db, "--limit", "0").splitlines()
    assert header.split() == ["place", "side", "since", "tier", "confidence", "evidence"]
    assert len(rows) == 106
    assert rows[-1].split()[:3] == ["Place", "104", "UA"]
    assert len({row.index("UA") for row in rows}) == 1  # aligned columns


def _flat(text: str) -> str:
    """``text`` without whitespace: the console wraps long lines."""
    return "".join(text.split())
