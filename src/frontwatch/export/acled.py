"""An ACLED-style CSV of events: one row per event, with ACLED's column names where they
apply and frontwatch's own columns after them.

ACLED columns filled: ``event_id_cnty`` (the event id), ``event_date``, ``year``,
``time_precision`` (1 a day, 2 a week or less, 3 longer or unknown), ``disorder_type``,
``event_type``, ``sub_event_type`` (from the kind, ``data/export/acled.json``; Ukraine's forces
taking a place is "Government regains territory"), ``actor1`` (the side's forces), ``country``,
``admin1``, ``location``, ``latitude``, ``longitude``, ``geo_precision`` (the place's precision,
1-3 as ACLED's), ``source`` (the outlets of the supporting reports), ``notes`` (the first
supporting sentence). Not filled, because no claim says them: actor2 and the interaction codes,
fatalities, admin2/admin3. Then ``frontwatch_kind``, ``frontwatch_side``, ``supporting``,
``contradicting`` (claim ids, space-separated) and ``origins``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, TextIO

from frontwatch._visible import visible
from frontwatch.model import Claim, Document, Event

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes",
    "frontwatch_kind", "frontwatch_side", "supporting", "contradicting", "origins",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@cache
def _table() -> dict[str, Any]:
    path = resources.files("frontwatch") / "data" / "export" / "acled.json"
    table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return table


def write_acled(
    events: Iterable[Event],
    claims: Mapping[str, Claim],
    documents: Mapping[str, Document],
    stream: TextIO,
) -> int:
    """Write a header and one row per event (dated events only, oldest first); ``claims``
    and ``documents`` by id give each row its sources and notes. Returns the rows written."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for event in sorted((e for e in events if e.start), key=lambda e: (e.start or "", e.id)):
        writer.writerow([_cell(v) for v in acled_row(event, claims, documents)])
        count += 1
    return count


def acled_row(
    event: Event, claims: Mapping[str, Claim], documents: Mapping[str, Document]
) -> list[object]:
    """The row of one event, in :data:`COLUMNS` order."""
    disorder, event_type, sub_type = _types(event)
    support = [claims[i] for i in event.supporting if i in claims]
    outlets = dict.fromkeys(
        d.outlet for c in support if (d := documents.get(c.doc)) is not None and d.outlet
    )
    place = event.place
    day = event.start or ""
    return [
        event.id, day, day[:4], _time_precision(event), disorder, event_type, sub_type,
        _table()["actors"].get(event.side or "", ""),
        _table()["country"].get("UA", "") if place else "",
        place.admin1 if place else "", place.name if place else "",
        place.lat if place else "", place.lon if place else "",
        place.precision if place else "",
        "; ".join(o for o in outlets if o),
        " ".join(support[0].evidence.text.split()) if support else "",
        event.kind, event.side or "", " ".join(event.supporting),
        " ".join(event.contradicting), event.origins,
    ]  # fmt: skip


def _types(event: Event) -> tuple[str, str, str]:
    table = _table()
    disorder, event_type, sub_type = table["kinds"].get(
        event.kind, ["Strategic developments", "Strategic developments", "Other"]
    )
    regains = table["regains"]
    if event.side == regains["side"] and event.kind in regains["kinds"]:
        sub_type = regains["sub_event_type"]
    return disorder, event_type, sub_type


def _time_precision(event: Event) -> int:
    if not event.start:
        return 3
    if not event.end or event.end == event.start:
        return 1
    try:
        days = (date.fromisoformat(event.end[:10]) - date.fromisoformat(event.start[:10])).days
    except ValueError:
        return 3
    return 2 if days <= 7 else 3


def _cell(value: object) -> str:
    """A CSV cell: controls made visible as in every export, and text that a spreadsheet
    would run as a formula (``=``, ``+``, ``-``, ``@``) prefixed with a quote."""
    if isinstance(value, str):
        text = visible(value)
        return "'" + text if text.startswith(_FORMULA_START) else text
    return str(value)
