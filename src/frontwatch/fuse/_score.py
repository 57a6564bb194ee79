"""Evidence tiers and confidence.

Each claim that supports a side's control of a place is a :class:`Support` with its
origin, its *role* and a probability ``p`` that it is right taken alone.

Role (who says it, relative to the side the claim favours):

* ``own``: the side that gains says so ("Ukraine announced it retook …");
* ``independent``: the text itself, the press, third parties (US, UK officials, OSINT);
* ``admission``: the side that loses says so (Russia's Defence Ministry confirms a
  "regrouping" from Izium).

Tier of a set of supports:

* ``confirmed``: an admission, or physical evidence the text says was verified or
  geolocated (:data:`PHYSICAL_P`), stated without hedging;
* ``corroborated``: two or more distinct origins, at least one not the gaining side;
* ``reported``: at least one independent origin;
* ``claimed``: only the gaining side says so.

Claims with modality ``unconfirmed`` count toward confidence but never lift a tier.

Confidence (0–1). A claim alone gets ``p = 0.5 + (base − 0.5) · m · f · e`` where
``base`` is :data:`BASE_P` for its role (0.95 for an admission, 0.92 for verified
physical evidence, 0.75 independent, 0.60 own), ``m`` is :data:`MODALITY_WEIGHT`
(asserted 1, reported 0.7, unconfirmed 0.4), ``f`` is 1 for the place itself and 0.8
for "near it" (precision 2), and ``e`` is the extractor's confidence in the claim (gold
claims: 1). So a hedged, badly extracted claim tends to 0.5, knowing nothing.

Within one origin only its strongest claim counts (repeating is not corroborating).
Origins combine as log-odds, the strongest in full and every further one at
:data:`EXTRA_ORIGIN_WEIGHT` (0.7), because "independent" outlets often share
unseen sources; the origins for the other side on the same days, and denials, are
combined the same way and subtracted::

    L = logit(p₁) + 0.7·Σ_{k≥2} logit(p_k) − [logit(q₁) + 0.7·Σ_{k≥2} logit(q_k)]
    confidence = clip(σ(L), 0.05, 0.99)

A contested period's confidence is that of the weaker side taken alone: how credible it
is that both claims stand. These constants are priors chosen by hand; the form (a
logistic model over per-origin evidence) is the one to refit once labelled periods
exist, and the README says how calibration is to be measured.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from frontwatch.fuse._origins import Role

BASE_P: dict[str, float] = {"admission": 0.95, "independent": 0.75, "own": 0.60}
PHYSICAL_P = 0.92
MODALITY_WEIGHT: dict[str, float] = {"asserted": 1.0, "reported": 0.7, "unconfirmed": 0.4}
PRECISION_WEIGHT: dict[int, float] = {1: 1.0, 2: 0.8}
EXTRA_ORIGIN_WEIGHT = 0.7
FLOOR, CEILING = 0.05, 0.99
TIERS = ("claimed", "reported", "corroborated", "confirmed")


@dataclass(frozen=True, slots=True)
class Support:
    """One claim's weight for one side."""

    claim_id: str
    origin: str
    role: Role
    p: float
    firm: bool
    physical: bool = False


def claim_p(role: Role, modality: str, precision: int, extracted: float, physical: bool) -> float:
    """The probability that one claim is right, taken alone (module docstring)."""
    base = PHYSICAL_P if physical else BASE_P[role]
    m = MODALITY_WEIGHT.get(modality, 0.0)
    f = PRECISION_WEIGHT.get(precision, 0.5)
    e = min(max(extracted, 0.0), 1.0)
    return 0.5 + (base - 0.5) * m * f * e


def tier(supports: Iterable[Support]) -> str:
    """The evidence tier of a set of supports for one side (module docstring)."""
    firm = [s for s in supports if s.firm]
    if any(s.role == "admission" or s.physical for s in firm):
        return "confirmed"
    origins = {s.origin for s in firm}
    independent = {s.origin for s in firm if s.role == "independent"}
    if len(origins) >= 2 and independent:
        return "corroborated"
    if independent:
        return "reported"
    return "claimed"


def tier_rank(name: str) -> int:
    return TIERS.index(name)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def weight(supports: Iterable[Support]) -> float:
    """Combined log-odds of a set of supports: the best per origin, discounted after the first."""
    best: dict[str, float] = {}
    for s in supports:
        best[s.origin] = max(best.get(s.origin, 0.5), s.p)
    logits = sorted((_logit(p) for p in best.values()), reverse=True)
    if not logits:
        return 0.0
    return logits[0] + EXTRA_ORIGIN_WEIGHT * sum(logits[1:])


def confidence(favour: Sequence[Support], against: Sequence[Support] = ()) -> float:
    """The calibrated-by-design confidence of a side given its support and opposition."""
    value = weight(favour) - weight(against)
    return round(min(max(1.0 / (1.0 + math.exp(-value)), FLOOR), CEILING), 3)
