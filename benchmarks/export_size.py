"""Export writers on synthetic claims: seconds and bytes per format (claims-v1 JSON Lines,
GeoJSON, GeoParquet), and the GeoParquet file read back with pyarrow.

    python benchmarks/export_size.py                 # 100,000 claims
    python benchmarks/export_size.py --claims 20000

Claims come from benchmarks/synthetic_claims.py, held in memory, so the figures are the
writers' own (no store read). Each format is written once into memory.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pyarrow.parquet as pq

from frontwatch.export import write_claims, write_claims_geojson, write_claims_geoparquet
from frontwatch.model import Claim

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_claims import Generator


def _text(write: Callable[[list[Claim], TextIO], int], claims: list[Claim]) -> tuple[float, int]:
    stream = io.StringIO()
    began = time.perf_counter()
    write(claims, stream)
    return time.perf_counter() - began, len(stream.getvalue().encode("utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    args = parser.parse_args()
    claims = [c for _, made in Generator(args.claims) for c in made]
    print(f"{len(claims)} synthetic claims")
    for name, write in (("jsonl", write_claims), ("geojson", write_claims_geojson)):
        seconds, size = _text(write, claims)
        print(f"{name:>10}: {seconds:6.2f} s {size / 1e6:8.1f} MB")
    stream = io.BytesIO()
    began = time.perf_counter()
    rows = write_claims_geoparquet(claims, stream)
    seconds = time.perf_counter() - began
    print(f"{'geoparquet':>10}: {seconds:6.2f} s {len(stream.getvalue()) / 1e6:8.1f} MB")
    stream.seek(0)
    began = time.perf_counter()
    table = pq.read_table(stream)
    print(f"read back: {table.num_rows} rows of {rows}, {time.perf_counter() - began:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
