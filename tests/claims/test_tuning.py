"""Thresholds learned from gold: fitting, applying, and leave-one-report-out scoring."""

from __future__ import annotations

from dataclasses import replace

from frontwatch.claims.tuning import (
    apply_thresholds,
    cross_validate,
    fit_thresholds,
    load_thresholds,
)
from frontwatch.model import Claim, Evidence


def _claim(doc: str, kind: str, start: int, confidence: float) -> Claim:
    return Claim(
        id=f"{doc}-{kind}-{start}",
        doc=doc,
        kind=kind,
        side="RU",
        place=None,
        polarity="affirmed",
        modality="asserted",
        claimant=None,
        channel=None,
        event_time=None,
        quantity=None,
        evidence=Evidence(text="x" * 10, start=start, end=start + 10),
        confidence=confidence,
    )


def _corpus() -> tuple[list[Claim], list[Claim]]:
    """Per report: a confident true loss, a confident false loss and a weak false one."""
    system, gold = [], []
    for doc in ("a", "b", "c"):
        true = _claim(doc, "loss", 0, 0.9)
        system += [true, _claim(doc, "loss", 100, 0.9), _claim(doc, "loss", 200, 0.3)]
        gold.append(replace(true, id=f"g-{doc}"))
    return system, gold


def test_a_threshold_drops_the_weak_false_claims_and_keeps_the_true_ones() -> None:
    system, gold = _corpus()
    thresholds = fit_thresholds(system, gold, ["a", "b", "c"])
    assert thresholds == {"loss": 0.9}
    kept = apply_thresholds(system, thresholds)
    assert sorted(c.evidence.start for c in kept if c.doc == "a") == [0, 100]


def test_no_threshold_where_dropping_costs_more_than_it_gains() -> None:
    system, gold = _corpus()
    gold += [replace(c, id=f"g2-{c.id}") for c in system if c.confidence < 0.5]
    assert fit_thresholds(system, gold, ["a", "b", "c"]) == {}


def test_cross_validation_fits_without_the_report_it_scores() -> None:
    system, gold = _corpus()
    # only report "c" has its weak claim right: fitted on a and b, c loses it
    gold.append(replace(system[-1], id="g-weak-c"))
    cv = cross_validate(system, gold, ["a", "b", "c"])
    assert cv.folds["c"] == {"loss": 0.9}
    assert cv.folds["a"] == {}  # with c's weak claim right, dropping weak ones costs more
    assert cv.held_out.overall.tp == 3
    assert cv.held_out.overall.fn == 1


def test_the_shipped_thresholds_load_by_kind() -> None:
    thresholds = load_thresholds()
    assert all(0.0 < v <= 1.0 for v in thresholds.values())
