"""Score the claims stage on gold claims, as spec/claims-v1.md describes.

    python benchmarks/claims_eval.py [--shared ../shared] [--export claims.jsonl] [--quiet]

Without ``--export`` the extractor runs over ``<shared>/corpus/dev``; with it, a claims-v1
export is scored instead. Prints first the held-out figure: leave-one-report-out
cross-validation of everything fitted on the gold (the acceptance thresholds of
``frontwatch.claims.tuning``), overall and per genre; then, for the shipped extractor on all
dev reports, per-kind precision/recall, overall F1, attribute accuracy
(modality, claimant, channel, event_time.start within a day), the share of false claims
that came from datelines, headlines and landmark places, then every missed and every
spurious claim and every sentence that holds a trigger word but gave no claim.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from frontwatch.claims import ClaimExtractor, ExtractOptions
from frontwatch.claims.lexicon import load_lexicon
from frontwatch.claims.prefilter import trigger_pattern
from frontwatch.claims.score import (
    ATTRIBUTES,
    Score,
    agrees,
    corpus_documents,
    furniture_errors,
    load_claims,
    score,
)
from frontwatch.claims.tuning import cross_validate
from frontwatch.model import Claim, Document
from frontwatch.read.segment import split_sentences

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _short(c: Claim) -> str:
    place = c.place.name if c.place else None
    who = c.claimant.name if c.claimant else None
    when = c.event_time.start if c.event_time else None
    text = c.evidence.text.replace("\n", " ")[:110]
    return (
        f"{c.doc} {c.kind} {c.side} {place} {c.polarity} {c.modality} claimant={who} "
        f"channel={c.channel} time={when} | {text}"
    )


def _print_score(result: Score) -> None:
    print(f"{'kind':<14}{'tp':>4}{'fp':>4}{'fn':>4}{'P':>7}{'R':>7}{'F1':>7}")
    for kind, ks in result.kinds.items():
        if ks.tp + ks.fp + ks.fn:
            print(
                f"{kind:<14}{ks.tp:>4}{ks.fp:>4}{ks.fn:>4}{ks.precision:>7.2f}{ks.recall:>7.2f}{ks.f1:>7.2f}"
            )
    o = result.overall
    print(
        f"{'overall':<14}{o.tp:>4}{o.fp:>4}{o.fn:>4}{o.precision:>7.3f}{o.recall:>7.3f}{o.f1:>7.3f}"
    )
    parts = ", ".join(f"{name} {result.attribute(name):.2f}" for name in ATTRIBUTES)
    print(
        f"attribute accuracy {result.attribute_accuracy:.3f} ({parts})"
        f" over {len(result.pairs)} pairs"
    )


def _silent_sentences(documents: list[Document], claims: list[Claim]) -> list[str]:
    pattern = trigger_pattern(load_lexicon())
    out = []
    for doc in documents:
        spans = [(c.evidence.start, c.evidence.end) for c in claims if c.doc == doc.id]
        for start, end in split_sentences(doc.text):
            if pattern.search(doc.text, start, end) and not any(
                s < end and start < e for s, e in spans
            ):
                out.append(
                    f"{doc.id} [{start}:{end}] " + " ".join(doc.text[start:end].split())[:160]
                )
    return out


def _attribute_misses(result: Score) -> list[str]:
    lines = []
    for s, g in result.pairs:
        wrong = [
            f"{name} {_value(name, s)}|{_value(name, g)}"
            for name in ATTRIBUTES
            if not agrees(name, s, g)
        ]
        if wrong:
            lines.append(
                f"{g.doc} {g.kind} {g.place.name if g.place else None}: " + "; ".join(wrong)
            )
    return lines


def _value(name: str, c: Claim) -> str | None:
    if name == "claimant":
        return c.claimant.name if c.claimant else None
    if name == "event_time":
        return c.event_time.start if c.event_time else None
    return str(getattr(c, name))


#: Genres of the dev reports, read from their outlet: official statements of a government,
#: encyclopedia text, else news and wire copy.
_GENRES = (
    ("official", ("president", "kremlin", "hansard", "parliament", "osce", "ministry")),
    ("encyclopedia", ("wikipedia",)),
)


def genre(doc: Document) -> str:
    outlet = (doc.outlet or "").lower()
    return next((name for name, words in _GENRES if any(w in outlet for w in words)), "news")


def _print_held_out(documents: list[Document], gold: list[Claim]) -> None:
    extractor = ClaimExtractor(options=ExtractOptions(thresholds=False))
    claims = [c for r in extractor.extract_many(documents) for c in r.claims]
    ids = [d.id for d in documents]
    cv = cross_validate(claims, gold, ids)
    o = cv.held_out
    print(
        f"held out (leave-one-report-out, {len(ids)} folds): F1 {o.f1:.3f} "
        f"(P {o.overall.precision:.3f}, R {o.overall.recall:.3f}); "
        f"attributes {o.attribute_accuracy:.3f}"
    )
    kept = [s for s, _ in o.pairs] + o.spurious
    for name in sorted({genre(d) for d in documents}):
        docs = [d.id for d in documents if genre(d) == name]
        part = score(kept, gold, docs=docs)
        print(f"  {name:<13} {len(docs):>2} reports: F1 {part.f1:.3f}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--export", type=Path, help="a claims-v1 JSONL export to score")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    documents = corpus_documents(args.shared / "corpus" / "dev")
    gold = load_claims(args.shared / "gold" / "dev")
    if not args.export:
        _print_held_out(documents, gold)
    started = time.perf_counter()
    if args.export:
        claims = load_claims(args.export)
    else:
        claims = [c for r in ClaimExtractor().extract_many(documents) for c in r.claims]
    elapsed = time.perf_counter() - started
    result = score(claims, gold, docs=[d.id for d in documents])
    _print_score(result)
    print(f"{len(claims)} system claims, {len(gold)} gold, {elapsed:.1f} s")
    furniture = furniture_errors(result.spurious, documents)
    counts = ", ".join(f"{name} {len(found)}" for name, found in furniture.items())
    share = sum(map(len, furniture.values())) / max(1, len(claims))
    print(f"false claims from report furniture: {counts} ({share:.1%} of system claims)")
    if not args.quiet:
        for title, lines in (
            ("missed", [_short(c) for c in result.missed]),
            ("spurious", [_short(c) for c in result.spurious]),
            ("attribute disagreements", _attribute_misses(result)),
            ("trigger sentences without a claim", _silent_sentences(documents, claims)),
        ):
            print(f"\n== {title} ({len(lines)})")
            for line in lines:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
