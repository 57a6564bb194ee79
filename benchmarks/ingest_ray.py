"""``frontwatch ingest --ray``'s stages with 1, 2 and 4 Ray workers, against the process pool.

    python benchmarks/ingest_ray.py [--reports 300] [--files 8] [--workers 1 2 4]
                                    [--repeat 1] [--address local] [--shared ../shared]

The dev corpus is replicated to ``--reports`` reports (each a distinct text and id), split
over ``--files`` JSON Lines files, so that reading has as many Ray tasks. ``--address local``
(the default) starts a Ray cluster of this machine for the run, with as many logical CPUs as
the most workers asked for (Ray schedules by them; the cores are what they are), on loopback;
another address uses that cluster. Then, for each worker count, on a fresh SQLite store:

1. reading: the files read in Ray tasks, stored by this process (``read_on_ray``);
2. start-up: the workers started, each loading spaCy and the places index (timed apart);
3. extraction: every report's mentions and claims extracted and stored by the workers;
4. fusion, in this process.

And, for comparison, the same reports through ``frontwatch ingest``'s own path on one
machine: ``ingest`` and ``process_documents`` with a pool of ``--pool-workers`` processes.

Prints reports/s for reading, extraction and the whole (start-up left out, then in), and
each count's extraction and end-to-end rates as a ratio to one worker's (with ``--repeat R``
the counts run R times by turns and the medians are compared). The machine may be shared and has
the cores it has: more workers than cores share them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ingest_speed import replicate

from frontwatch.ingest import (
    IngestOptions,
    cluster,
    ingest,
)
from frontwatch.places import PlaceResolver
from frontwatch.process import ProcessOptions, ProcessStats, process_documents
from frontwatch.store import open_store


def split(source: Path, files: int, folder: Path) -> list[str]:
    """The lines of ``source`` dealt over ``files`` files, in turn."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    paths = [folder / f"part-{n:03d}.jsonl" for n in range(files)]
    for n, path in enumerate(paths):
        path.write_text("".join(lines[n::files]), encoding="utf-8")
    return [str(p) for p in paths]


def on_ray(targets: list[str], db: Path, workers: int) -> dict[str, float]:
    store = open_store(str(db))
    began = time.perf_counter()
    report = cluster.read_on_ray(targets, store, IngestOptions())
    read = time.perf_counter()
    options = ProcessOptions(workers=workers)
    with cluster.RayExtractors(cluster.shared_url(store), options.model, workers) as pool:
        started = time.perf_counter()
        stats = ProcessStats()
        size = max(1, min(options.batch_size, -(-len(report.changed) // (2 * workers))))
        pool.run(report.changed, size, stats, None)
        extracted = time.perf_counter()
    process_documents(store, report.changed, replace(options, claims=False))
    done = time.perf_counter()
    store.close()
    if stats.failed or stats.documents != len(report.changed):
        raise SystemExit(f"{workers} workers: {len(stats.failed)} failed: {stats.failed}")
    return {
        "reports": len(report.changed),
        "read": read - began,
        "start": started - read,
        "extract": extracted - started,
        "fuse": done - extracted,
    }


def on_one_machine(targets: list[str], db: Path, workers: int) -> dict[str, float]:
    store = open_store(str(db))
    began = time.perf_counter()
    report = ingest(targets, store)
    read = time.perf_counter()
    stats = process_documents(store, report.changed, ProcessOptions(workers=workers))
    done = time.perf_counter()
    store.close()
    if stats.failed:
        raise SystemExit(f"the pool: {len(stats.failed)} failed")
    return {"reports": len(report.changed), "read": read - began, "all": done - began}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--pool-workers", type=int, default=2)
    parser.add_argument("--address", default="local")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[1] / ".." / "shared")
    args = parser.parse_args()
    PlaceResolver.default()  # built and cached before any worker loads it
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = replicate(args.shared / "corpus" / "dev", args.reports, folder / "all.jsonl")
        targets = split(source, args.files, folder)
        print(f"{args.reports} reports in {args.files} files; {os.cpu_count()} cores here")
        alone = on_one_machine(targets, folder / "pool.db", args.pool_workers)
        print(
            f"one machine, pool of {args.pool_workers}: {alone['reports'] / alone['all']:.1f}"
            f" reports/s end to end ({alone['all']:.1f} s)"
        )
        with cluster.connected(args.address, cpus=max(args.workers)) as ray:
            print(f"Ray cluster at {args.address}: {ray.cpus} CPUs")
            # untimed: Ray starts the processes its read tasks run in (imports and all) once
            cluster.read_on_ray(targets, open_store(str(folder / "warm.db")), IngestOptions())
            runs: dict[int, list[dict[str, float]]] = {w: [] for w in args.workers}
            for turn in range(args.repeat):  # by turns, so that a busy spell hits every count
                for workers in args.workers:
                    got = on_ray(targets, folder / f"ray{workers}-{turn}.db", workers)
                    runs[workers].append(got)
                    print(f"  turn {turn + 1}, {workers} workers: {_line(got)}")
        report(runs)


def _line(got: dict[str, float]) -> str:
    whole = got["read"] + got["extract"] + got["fuse"]
    return (
        f"reading {got['reports'] / got['read']:.1f} reports/s, start-up {got['start']:.1f} s,"
        f" extraction {got['reports'] / got['extract']:.1f} reports/s,"
        f" fusion {got['fuse']:.1f} s; end to end {got['reports'] / whole:.1f} reports/s"
        f" without start-up, {got['reports'] / (whole + got['start']):.1f} with"
    )


def report(runs: dict[int, list[dict[str, float]]]) -> None:
    """Each count's median extraction and end-to-end rates, and the ratio to one worker's."""
    rates = {
        w: (
            statistics.median(g["reports"] / g["extract"] for g in got),
            statistics.median(g["reports"] / (g["read"] + g["extract"] + g["fuse"]) for g in got),
        )
        for w, got in runs.items()
    }
    base = rates.get(1, next(iter(rates.values())))
    for workers, (extract, whole) in rates.items():
        print(
            f"Ray, {workers} workers (median of {len(runs[workers])}): extraction {extract:.1f}"
            f" reports/s (ratio {extract / base[0]:.2f} to one worker), end to end {whole:.1f}"
            f" reports/s without start-up (ratio {whole / base[1]:.2f})"
        )


if __name__ == "__main__":
    main()
