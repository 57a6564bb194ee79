"""Acceptance thresholds learned from gold: per kind, the least confidence a claim needs.

The patterns give every claim a confidence (pattern weight × modality weight). Which
confidence is worth keeping differs by kind, and is learned from the gold, not set by hand:

- ``fit_thresholds(claims, gold, docs)`` picks, kind by kind, the threshold that gives the
  best F1 over ``docs`` (ties keep more claims);
- ``cross_validate(claims, gold, docs)`` fits on every document but one and scores the
  one left out, for each document in turn, and scores the pooled held-out claims: the
  figure that predicts reports nobody tuned on;
- ``load_thresholds()`` reads the thresholds fitted on the whole dev gold, shipped in
  ``data/claims/thresholds.json`` (written by ``scripts/fit_thresholds.py``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from frontwatch.claims.score import Score, score
from frontwatch.model import Claim

__all__ = [
    "CrossValidation",
    "apply_thresholds",
    "cross_validate",
    "fit_thresholds",
    "load_thresholds",
]


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """The pooled score of every held-out document, and the thresholds each fold chose."""

    held_out: Score
    folds: dict[str, dict[str, float]]


def apply_thresholds(claims: Sequence[Claim], thresholds: dict[str, float]) -> list[Claim]:
    """The claims whose confidence reaches their kind's threshold."""
    return [c for c in claims if c.confidence >= thresholds.get(c.kind, 0.0)]


def fit_thresholds(
    claims: Sequence[Claim], gold: Sequence[Claim], docs: Sequence[str]
) -> dict[str, float]:
    """Per kind, the confidence threshold that maximises F1 over ``docs``."""
    wanted = set(docs)
    mine = [c for c in claims if c.doc in wanted]
    result = score(mine, gold, docs=docs)
    matched = {id(s) for s, _ in result.pairs}
    tp, fp, fn = result.overall.tp, result.overall.fp, result.overall.fn
    out: dict[str, float] = {}
    for kind in sorted({c.kind for c in mine}):
        of_kind = [c for c in mine if c.kind == kind]
        best = (_f1(tp, fp, fn), 0.0, tp, fp, fn)
        for cut in sorted({c.confidence for c in of_kind}):
            dropped = [c for c in of_kind if c.confidence < cut]
            lost = sum(id(c) in matched for c in dropped)
            t, f, n = tp - lost, fp - (len(dropped) - lost), fn + lost
            if _f1(t, f, n) > best[0] + 1e-12:
                best = (_f1(t, f, n), cut, t, f, n)
        _, cut, tp, fp, fn = best
        if cut > 0:
            out[kind] = cut
    return out


def cross_validate(
    claims: Sequence[Claim], gold: Sequence[Claim], docs: Sequence[str]
) -> CrossValidation:
    """Leave-one-document-out: thresholds fitted on the others, applied to the one left out."""
    kept: list[Claim] = []
    folds: dict[str, dict[str, float]] = {}
    for doc in docs:
        train = [d for d in docs if d != doc]
        folds[doc] = fit_thresholds(claims, gold, train)
        kept.extend(apply_thresholds([c for c in claims if c.doc == doc], folds[doc]))
    return CrossValidation(score(kept, gold, docs=docs), folds)


@cache
def load_thresholds() -> dict[str, float]:
    """The thresholds fitted on the whole dev gold, as shipped with the package."""
    path = resources.files("frontwatch") / "data" / "claims" / "thresholds.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in raw["thresholds"].items()}


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
