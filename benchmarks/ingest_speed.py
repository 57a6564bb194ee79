"""Ingest throughput: the dev corpus replicated to N documents into a fresh SQLite store.

    python benchmarks/ingest_speed.py [--docs 10000] [--shared ../shared]

Prints documents/s and peak memory (max RSS) of this process. Only ingest is timed (reading,
identity, dedupe, storing); claims and fusion have their own benchmarks.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from frontwatch.ingest import ingest
from frontwatch.store import open_store


def replicate(corpus: Path, count: int, out: Path) -> Path:
    """Write ``count`` reports cycling through the corpus, each a distinct text and id."""
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.json"))]
    target = out / "replicated.jsonl"
    with target.open("w", encoding="utf-8") as f:
        for i in range(count):
            obj = dict(reports[i % len(reports)])
            obj["id"] = f"{obj['id']}-r{i:06d}"
            obj["text"] = f"{obj['text']}\n(copy {i})"
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = replicate(args.shared / "corpus" / "dev", args.docs, Path(tmp))
        store = open_store(f"sqlite:///{tmp}/bench.db")
        started = time.perf_counter()
        report = ingest([str(source)], store)
        elapsed = time.perf_counter() - started
        again = time.perf_counter()
        second = ingest([str(source)], store)
        elapsed_again = time.perf_counter() - again
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {report.ingested} ingested, {len(report.failed)} failed")
    print(f"ingest:    {elapsed:.2f} s, {report.ingested / elapsed:.0f} documents/s")
    print(
        f"re-ingest: {elapsed_again:.2f} s, "
        f"{second.unchanged / elapsed_again:.0f} documents/s (all unchanged)"
    )
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
