"""Accuracy gate: claims on the Ukrainian and Russian dev reports score no lower than the
pinned floors (``benchmarks/baselines/claims_multilingual.json``, pinned slightly below the
measured figures). Nothing of the Cyrillic reader is fitted on this gold, so the figures are
each report's held-out figures too. ``benchmarks/claims_multilingual.py`` prints every miss.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.score import corpus_documents, load_claims, score

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "benchmarks" / "baselines" / "claims_multilingual.json"


@pytest.mark.shared
def test_multilingual_claims_score_at_least_the_pinned_floors(shared: Path) -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    documents = corpus_documents(shared / "corpus" / "dev-multilingual")
    gold = load_claims(shared / "gold" / "dev-multilingual")
    extractions = ClaimExtractor().extract_many(documents)
    assert [e.skipped for e in extractions] == [""] * len(documents)
    claims = [c for e in extractions for c in e.claims]
    result = score(claims, gold)
    assert result.f1 >= floors["f1"], f"F1 {result.f1:.3f} below the floor {floors['f1']}"
    for language in ("uk", "ru"):
        ids = [d.id for d in documents if d.language == language]
        f1 = score(claims, gold, ids).f1
        floor = floors[f"f1_{language}"]
        assert f1 >= floor, f"{language} F1 {f1:.3f} below the floor {floor}"
    floor = floors["attribute_accuracy"]
    assert result.attribute_accuracy >= floor, (
        f"attribute accuracy {result.attribute_accuracy:.3f} below the floor {floor}"
    )
