"""Every export of a store, by what it holds and its format: the one table that both
``frontwatch export`` and the HTTP API's ``/export/...`` routes read, so that a file from
either is the same bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from frontwatch.export.acled import write_acled
from frontwatch.export.claims import write_claims
from frontwatch.export.control import write_control
from frontwatch.export.geojson import write_claims_geojson, write_events_geojson, write_geojson
from frontwatch.export.geoparquet import (
    write_claims_geoparquet,
    write_control_geoparquet,
    write_events_geoparquet,
)
from frontwatch.store import Store

_NDJSON = "application/x-ndjson"
_GEOJSON = "application/geo+json"
_CSV = "text/csv; charset=utf-8"
_PARQUET = "application/vnd.apache.parquet"


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export: ``what`` (claims, control, events) in ``fmt`` (jsonl, geojson, csv,
    geoparquet), the file name the API serves it as, its media type, a one-line summary,
    and the function that writes it from a store (text writers get a UTF-8 text stream)."""

    what: str
    fmt: str
    filename: str
    media_type: str
    summary: str
    write_text: Callable[[Store, TextIO], int] | None = None
    write_binary: Callable[[Store, BinaryIO], int] | None = None

    def write(self, store: Store, stream: BinaryIO) -> int:
        """Write this export of ``store`` to ``stream``; returns the records written."""
        if self.write_binary is not None:
            return self.write_binary(store, stream)
        if self.write_text is None:
            raise TypeError(f"export {self.what} {self.fmt} has no writer")
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        try:
            return self.write_text(store, text)
        finally:
            text.flush()
            text.detach()  # the caller owns ``stream``: closing the wrapper must not close it

    def render(self, store: Store) -> bytes:
        """This export of ``store`` as bytes."""
        buffer = io.BytesIO()
        self.write(store, buffer)
        return buffer.getvalue()


def _acled(store: Store, stream: TextIO) -> int:
    events = store.events()
    ids = {i for e in events for i in e.supporting}
    claims = {c.id: c for c in store.claims(ids=ids)} if ids else {}
    doc_ids = {c.doc for c in claims.values()}
    docs = {d.id: d for d in store.documents(ids=doc_ids)} if doc_ids else {}
    return write_acled(events, claims, docs, stream)


EXPORTS: tuple[ExportFormat, ...] = (
    ExportFormat(
        "claims", "jsonl", "claims.jsonl", _NDJSON, "Every stored claim, claims-v1 JSON Lines.",
        write_text=lambda store, s: write_claims(store.claims(), s),
    ),
    ExportFormat(
        "claims", "geojson", "claims.geojson", _GEOJSON,
        "Every claim that names a place, as GeoJSON points with claims-v1 properties.",
        write_text=lambda store, s: write_claims_geojson(store.claims(), s),
    ),
    ExportFormat(
        "claims", "geoparquet", "claims.parquet", _PARQUET,
        "Every claim that names a place, as GeoParquet (WKB points, OGC:CRS84).",
        write_binary=lambda store, s: write_claims_geoparquet(store.claims(), s),
    ),
    ExportFormat(
        "control", "jsonl", "control.jsonl", _NDJSON,
        "Every control period, control-v1 JSON Lines.",
        write_text=lambda store, s: write_control(store.control_periods(), s),
    ),
    ExportFormat(
        "control", "geojson", "control.geojson", _GEOJSON,
        "The control timeline as GeoJSON, one point a place with its current period and timeline.",
        write_text=lambda store, s: write_geojson(store.control_periods(), s),
    ),
    ExportFormat(
        "control", "geoparquet", "control.parquet", _PARQUET,
        "The control timeline as GeoParquet, one row a place (as the GeoJSON's features).",
        write_binary=lambda store, s: write_control_geoparquet(store.control_periods(), s),
    ),
    ExportFormat(
        "events", "geojson", "events.geojson", _GEOJSON,
        "Every event that has a place, as GeoJSON points.",
        write_text=lambda store, s: write_events_geojson(store.events(), s),
    ),
    ExportFormat(
        "events", "csv", "events.csv", _CSV,
        "Dated events as an ACLED-style CSV: ACLED's column names where they apply.",
        write_text=_acled,
    ),
    ExportFormat(
        "events", "geoparquet", "events.parquet", _PARQUET,
        "Every event that has a place, as GeoParquet (WKB points, OGC:CRS84).",
        write_binary=lambda store, s: write_events_geoparquet(store.events(), s),
    ),
)  # fmt: skip


def export_format(what: str, fmt: str | None = None) -> ExportFormat | None:
    """The export of ``what`` in ``fmt`` (``None``: its first format, as listed in
    :data:`EXPORTS`); ``None`` when there is no such export."""
    for export in EXPORTS:
        if export.what == what and (fmt is None or export.fmt == fmt):
            return export
    return None


def export_choices() -> str:
    """The exports there are, for a usage message: ``claims (jsonl, geojson, ...); ...``."""
    kinds: dict[str, list[str]] = {}
    for export in EXPORTS:
        kinds.setdefault(export.what, []).append(export.fmt)
    return "; ".join(f"{what} ({', '.join(fmts)})" for what, fmts in kinds.items())
