"""Fit the claims stage's acceptance thresholds on the dev gold: data/claims/thresholds.json.

Usage: python scripts/fit_thresholds.py [--shared ../shared] [--check]

Runs the extractor with no thresholds over ``<shared>/corpus/dev``, fits per-kind
confidence thresholds on ``<shared>/gold/dev`` (``frontwatch.claims.tuning``) and writes
them. ``--check`` exits 1 when the committed file differs from a fresh fit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from frontwatch.claims import ClaimExtractor, ExtractOptions
from frontwatch.claims.score import corpus_documents, load_claims
from frontwatch.claims.tuning import fit_thresholds

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "frontwatch" / "data" / "claims" / "thresholds.json"


def fit(shared: Path) -> dict[str, Any]:
    """The thresholds fitted on the dev gold under ``shared``, as the file holds them."""
    documents = corpus_documents(shared / "corpus" / "dev")
    extractor = ClaimExtractor(options=ExtractOptions(thresholds=False))
    claims = [c for r in extractor.extract_many(documents) for c in r.claims]
    gold = load_claims(shared / "gold" / "dev")
    thresholds = fit_thresholds(claims, gold, [d.id for d in documents])
    return {
        "fitted_on": f"dev gold: {len(documents)} reports, {len(gold)} claims",
        "thresholds": {k: round(v, 4) for k, v in sorted(thresholds.items())},
    }


def render(fitted: dict[str, Any]) -> str:
    return json.dumps(fitted, indent=1, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = render(fit(args.shared))
    if args.check:
        same = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text
        print("thresholds up to date" if same else f"{TARGET} differs from a fresh fit")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {text.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
