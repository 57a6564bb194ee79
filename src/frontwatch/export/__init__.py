"""Export: claims-v1 and control-v1 JSON Lines, GeoJSON of the control timeline, claims and
events, an ACLED-style CSV of events, and GeoParquet of claims, events and control.

:data:`EXPORTS` lists every export with its writer; ``frontwatch export`` and the HTTP API
both write through it."""

from __future__ import annotations

import sys
from pathlib import Path

from frontwatch.export._formats import EXPORTS, ExportFormat, export_choices, export_format
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

__all__ = [
    "EXPORTS",
    "ExportFormat",
    "export_choices",
    "export_format",
    "write_acled",
    "write_claims",
    "write_claims_geojson",
    "write_claims_geoparquet",
    "write_control",
    "write_control_geoparquet",
    "write_events_geojson",
    "write_events_geoparquet",
    "write_export",
    "write_geojson",
]


def write_export(store: Store, export: ExportFormat, output: Path | None) -> int:
    """Write ``export`` of ``store`` to the file ``output`` or to stdout; returns the records
    written."""
    if output is None:
        sys.stdout.flush()
        count = export.write(store, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return count
    with output.open("wb") as stream:
        return export.write(store, stream)
