"""Export: claims-v1 and control-v1 JSON Lines, GeoJSON of the control timeline, claims and
events, and an ACLED-style CSV of events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from frontwatch.export.acled import write_acled
from frontwatch.export.claims import write_claims
from frontwatch.export.control import write_control
from frontwatch.export.geojson import write_claims_geojson, write_events_geojson, write_geojson
from frontwatch.store import Store

__all__ = [
    "write_acled",
    "write_claims",
    "write_claims_geojson",
    "write_control",
    "write_events_geojson",
    "write_export",
    "write_geojson",
]


def write_export(store: Store, what: str, fmt: str, output: Path | None) -> int:
    """Write what the store holds (``claims`` or ``control``) to ``output`` or stdout."""
    if output is None:
        return _write(store, what, fmt, sys.stdout)
    with output.open("w", encoding="utf-8") as stream:
        return _write(store, what, fmt, stream)


def _write(store: Store, what: str, fmt: str, stream: TextIO) -> int:
    if what == "claims":
        return write_claims(store.claims(), stream)
    periods = store.control_periods()
    if fmt == "geojson":
        return write_geojson(periods, stream)
    return write_control(periods, stream)
