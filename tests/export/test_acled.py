"""The ACLED-style CSV: ACLED's column names, one row per dated event, safe cells."""

from __future__ import annotations

import csv
import io

import pytest

from frontwatch.export import write_acled
from frontwatch.export.acled import COLUMNS
from frontwatch.model import Claim, Document, Event, Evidence, PlaceRef

IZIUM = PlaceRef("Izium", 707292, 49.2122, 37.2569, "Kharkiv Oblast", 1)
SENTENCE = "Ukrainian troops retook Izium on Saturday."


def _claim(cid: str, doc: str) -> Claim:
    return Claim(
        cid, doc, "control", "UA", IZIUM, "affirmed", "asserted", None, None, None, None,
        Evidence(SENTENCE, 0, len(SENTENCE)),
    )  # fmt: skip


def _event(eid: str, kind: str, side: str | None, start: str | None, end: str | None) -> Event:
    return Event(eid, kind, side, IZIUM, start, end, ("c1", "c2"), ("c3",), 2)


CLAIMS = {"c1": _claim("c1", "d1"), "c2": _claim("c2", "d2")}
DOCS = {
    "d1": Document("d1", SENTENCE, outlet="Kyiv Daily"),
    "d2": Document("d2", SENTENCE, outlet='=HYPERLINK("http://x")'),
}


def _rows(events: list[Event]) -> list[dict[str, str]]:
    stream = io.StringIO()
    count = write_acled(events, CLAIMS, DOCS, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert count == len(rows)
    return rows


def test_the_header_is_acleds_names_then_ours() -> None:
    stream = io.StringIO()
    write_acled([], CLAIMS, DOCS, stream)
    header = stream.getvalue().splitlines()[0].split(",")
    assert header == list(COLUMNS)
    assert header[:3] == ["event_id_cnty", "event_date", "year"]


def test_a_row_carries_type_actor_place_sources_and_notes() -> None:
    (row,) = _rows([_event("e1", "control", "UA", "2022-09-10", "2022-09-10")])
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2022-09-10", "2022", "1")
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Government regains territory")
    assert row["actor1"] == "Military Forces of Ukraine (2019-)"
    where = (row["location"], row["admin1"], row["country"])
    assert where == ("Izium", "Kharkiv Oblast", "Ukraine")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("49.2122", "37.2569", "1")
    assert row["notes"] == SENTENCE
    assert (row["supporting"], row["contradicting"], row["origins"]) == ("c1 c2", "c3", "2")


def test_a_cell_a_spreadsheet_would_run_is_quoted() -> None:
    event = Event("e1", "attack", "RU", IZIUM, "2022-09-10", None, ("c2",), (), 1)
    (row,) = _rows([event])
    assert row["source"] == '\'=HYPERLINK("http://x")'
    assert row["event_type"] == "Explosions/Remote violence"


@pytest.mark.parametrize(
    ("start", "end", "precision"),
    [("2022-09-01", "2022-09-05", "2"), ("2022-09-01", "2022-10-01", "3")],
)
def test_time_precision(start: str, end: str, precision: str) -> None:
    (row,) = _rows([_event("e1", "advance", "RU", start, end)])
    assert row["time_precision"] == precision
    assert row["sub_event_type"] == "Armed clash"


def test_undated_events_are_left_out_and_rows_are_oldest_first() -> None:
    rows = _rows(
        [
            _event("late", "control", "UA", "2022-09-10", None),
            _event("undated", "control", "UA", None, None),
            _event("early", "withdrawal", "RU", "2022-04-01", None),
        ]
    )
    assert [r["event_id_cnty"] for r in rows] == ["early", "late"]
    assert rows[0]["sub_event_type"] == "Non-violent transfer of territory"
