"""Throughput of the claims stage: the dev corpus replicated to N reports.

    python benchmarks/claims_speed.py [--shared ../shared] [--reports 2000] [--workers 2]
                                      [--pipe]

Each worker process holds its own extractor (spaCy model, place resolver) and reads an
equal share; with ``--pipe``, one extractor reads everything through its spaCy pipeline
with ``n_process`` = workers (the stages of the workers then count as "parse").

Prints reports per second overall and the seconds each stage took (summed over workers):
prefilter (language check, sentence pre-filter), parse (spaCy on the kept
sentences), names (people and places marked without the NER model), mentions (places
stage), claims (patterns, attribution, time, quantity), then the CPU time per report
(``time.process_time``, less noisy than wall time on a shared machine) and the load
average before and after. Goal: at least 50 reports/s with 2 workers on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.score import corpus_documents
from frontwatch.model import Document

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
BATCH = 64


def _work(documents: list[Document]) -> tuple[int, int, dict[str, float], float]:
    extractor = ClaimExtractor()
    extractor.extract_many(documents[:2])  # load the model and the gazetteer before timing
    extractor.seconds.clear()
    claims = 0
    cpu = time.process_time()
    for i in range(0, len(documents), BATCH):
        claims += sum(len(r.claims) for r in extractor.extract_many(documents[i : i + BATCH]))
    return len(documents), claims, extractor.seconds, time.process_time() - cpu


def _piped(documents: list[Document], workers: int) -> tuple[int, int, dict[str, float], float]:
    extractor = ClaimExtractor()
    extractor.extract_many(documents[:2])
    extractor.seconds.clear()
    cpu = time.process_time()
    claims = sum(len(r.claims) for r in extractor.extract_many(documents, n_process=workers))
    return len(documents), claims, extractor.seconds, time.process_time() - cpu


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--pipe", action="store_true", help="one pipeline, n_process=workers")
    args = parser.parse_args()
    base = corpus_documents(args.shared / "corpus" / "dev")
    documents = [
        replace(base[i % len(base)], id=f"{base[i % len(base)].id}#{i}")
        for i in range(args.reports)
    ]
    shares = [documents[w :: args.workers] for w in range(args.workers)]
    load_before = _load()
    started = time.perf_counter()
    if args.pipe:
        outcomes = [_piped(documents, args.workers)]
    else:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            outcomes = list(pool.map(_work, shares))
    wall = time.perf_counter() - started
    reports = sum(n for n, _, _, _ in outcomes)
    claims = sum(c for _, c, _, _ in outcomes)
    cpu = sum(c for _, _, _, c in outcomes)
    stages: dict[str, float] = {}
    for _, _, seconds, _ in outcomes:
        for stage, value in seconds.items():
            stages[stage] = stages.get(stage, 0.0) + value
    print(
        f"{reports} reports, {claims} claims, {args.workers} workers, {wall:.1f} s wall "
        f"(model loading included): {reports / wall:.1f} reports/s"
    )
    for stage, value in stages.items():
        print(f"  {stage:<10}{value:8.2f} s  {1000 * value / reports:6.2f} ms/report")
    print(
        f"  CPU time  {cpu:8.2f} s  {1000 * cpu / reports:6.2f} ms/report (model loading excluded)"
    )
    print(f"load average before {load_before}, after {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
