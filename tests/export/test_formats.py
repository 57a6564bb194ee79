"""The table of exports that the CLI and the API share: every entry writes, the GeoParquet
files hold the rows of the GeoJSON ones, and formats are found by name."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from frontwatch.export import EXPORTS, ExportFormat, export_choices, export_format
from frontwatch.export.geoparquet import wkb_point
from frontwatch.store import Store, open_store
from tests.serve.serve_helpers import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("formats") / "formats.db"
    built = build_store(open_store(f"sqlite:///{path}"))
    yield built
    built.close()


def test_names_and_file_names_are_unique() -> None:
    assert len({(e.what, e.fmt) for e in EXPORTS}) == len(EXPORTS)
    assert len({e.filename for e in EXPORTS}) == len(EXPORTS)


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.filename)
def test_every_export_writes_what_it_counts(export: ExportFormat, store: Store) -> None:
    stream = io.BytesIO()
    count = export.write(store, stream)
    data = stream.getvalue()
    assert count > 0
    assert data == export.render(store)
    if export.fmt == "jsonl":
        assert len(data.decode("utf-8").splitlines()) == count
    elif export.fmt == "csv":
        assert len(data.decode("utf-8").splitlines()) == count + 1  # the header


@pytest.mark.parametrize("what", ["claims", "events", "control"])
def test_geoparquet_holds_the_geojson_features(what: str, store: Store) -> None:
    geojson, parquet = export_format(what, "geojson"), export_format(what, "geoparquet")
    assert geojson is not None and parquet is not None
    features = json.loads(geojson.render(store))["features"]
    table = pq.read_table(io.BytesIO(parquet.render(store)))
    assert table.column("id").to_pylist() == [str(f["id"]) for f in features]
    expected = [wkb_point(*f["geometry"]["coordinates"]) for f in features]
    assert table.column("geometry").to_pylist() == expected


@pytest.mark.parametrize(
    ("what", "fmt", "expected"),
    [
        ("claims", None, "claims.jsonl"),
        ("control", None, "control.jsonl"),
        ("events", None, "events.geojson"),
        ("events", "csv", "events.csv"),
        ("control", "geoparquet", "control.parquet"),
        ("claims", "csv", None),
        ("events", "jsonl", None),
        ("everything", None, None),
    ],
)
def test_an_export_is_found_by_what_and_format(
    what: str, fmt: str | None, expected: str | None
) -> None:
    found = export_format(what, fmt)
    assert (found.filename if found else None) == expected


def test_the_choices_name_every_format() -> None:
    assert export_choices() == (
        "claims (jsonl, geojson, geoparquet); control (jsonl, geojson, geoparquet);"
        " events (geojson, csv, geoparquet)"
    )


def test_every_export_is_the_same_from_either_store(store: Store, store_url: str) -> None:
    other = build_store(open_store(store_url))
    try:
        assert [e.render(other) for e in EXPORTS] == [e.render(store) for e in EXPORTS]
    finally:
        other.close()
