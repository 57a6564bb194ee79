"""Accuracy gate: claims on the dev corpus score no lower than the pinned floors.

Floors live in ``benchmarks/baselines/claims.json`` (pinned slightly below the measured
figures, rounded down); ``benchmarks/claims_eval.py`` prints the figures and every miss.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.score import corpus_documents, load_claims, score

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "benchmarks" / "baselines" / "claims.json"


@pytest.mark.shared
def test_dev_claims_score_at_least_the_pinned_floors(shared: Path) -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    documents = corpus_documents(shared / "corpus" / "dev")
    claims = [c for r in ClaimExtractor().extract_many(documents) for c in r.claims]
    result = score(claims, load_claims(shared / "gold" / "dev"), docs=[d.id for d in documents])
    assert result.f1 >= floors["f1"], f"F1 {result.f1:.3f} below the floor {floors['f1']}"
    floor = floors["attribute_accuracy"]
    assert result.attribute_accuracy >= floor, (
        f"attribute accuracy {result.attribute_accuracy:.3f} below the floor {floor}"
    )
