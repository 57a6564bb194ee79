"""Score the claims stage on the Ukrainian and Russian gold, per language and per report.

    python benchmarks/claims_multilingual.py [--shared ../shared] [--quiet]
    python benchmarks/claims_multilingual.py --speed 1000 --workers 2

Reads ``<shared>/corpus/dev-multilingual`` with ``ClaimExtractor`` (which routes Ukrainian
and Russian documents to the Cyrillic reader) and scores the claims against
``<shared>/gold/dev-multilingual`` with the same scorer as ``claims_eval.py``. Prints first
the overall F1, then per language, then per report. Nothing in the Cyrillic reader is fitted
on the gold (no thresholds, no learned weights), so each report's own score is also its
leave-one-report-out score. Without ``--quiet``: every missed and spurious claim.
``--speed N``: instead, times the extractor on the dev reports repeated to N documents (ids
made unique) with ``--workers`` processes, after one warm-up run, and prints reports/s.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.score import ATTRIBUTES, Score, corpus_documents, load_claims, score
from frontwatch.model import Claim, Document

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _line(label: str, result: Score) -> str:
    o = result.overall
    return (
        f"{label:<22} tp {o.tp:>3} fp {o.fp:>3} fn {o.fn:>3}"
        f"  P {o.precision:.3f}  R {o.recall:.3f}  F1 {o.f1:.3f}"
    )


def _short(c: Claim) -> str:
    place = c.place.name if c.place else None
    when = c.event_time.start if c.event_time else None
    text = c.evidence.text.replace("\n", " ")[:90]
    return f"{c.doc} {c.kind} {c.side} {place} {c.polarity} {c.modality} time={when} | {text}"


def _speed(documents: list[Document], count: int, workers: int) -> None:
    extractor = ClaimExtractor()
    extractor.extract_many(documents)  # loads the models, the index and the detector
    batch = [
        replace(documents[i % len(documents)], id=f"{documents[i % len(documents)].id}-{i}")
        for i in range(count)
    ]
    started = time.perf_counter()
    results = extractor.extract_many(batch, n_process=workers)
    seconds = time.perf_counter() - started
    claims = sum(len(r.claims) for r in results)
    print(
        f"{count} Ukrainian/Russian reports, {workers} worker(s): {count / seconds:.1f} reports/s"
        f" ({seconds:.2f} s, {claims} claims)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--speed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    documents = corpus_documents(args.shared / "corpus" / "dev-multilingual")
    if args.speed:
        _speed(documents, args.speed, args.workers)
        return
    gold = load_claims(args.shared / "gold" / "dev-multilingual")
    extractor = ClaimExtractor()
    started = time.perf_counter()
    extractions = extractor.extract_many(documents)
    seconds = time.perf_counter() - started
    claims = [c for e in extractions for c in e.claims]
    result = score(claims, gold)
    print(_line("overall", result))
    for language in sorted({d.language or "und" for d in documents}):
        ids = [d.id for d in documents if (d.language or "und") == language]
        print(_line(f"language {language}", score(claims, gold, ids)))
    for document in documents:
        print(_line(f"report {document.id}", score(claims, gold, [document.id])))
    parts = ", ".join(f"{name} {result.attribute(name):.2f}" for name in ATTRIBUTES)
    print(f"attribute accuracy {result.attribute_accuracy:.3f} ({parts})")
    print(f"{len(documents)} reports in {seconds:.2f} s (models loading included)")
    for e in extractions:
        if e.skipped:
            print(f"skipped {e.document_id}: {e.skipped}")
    if not args.quiet:
        print("\nmissed:")
        for c in result.missed:
            print("  " + _short(c))
        print("spurious:")
        for c in result.spurious:
            print("  " + _short(c))


if __name__ == "__main__":
    main()
