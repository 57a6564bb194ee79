"""What a claim says about who holds its place, by the kind rules of ``kind_rules.tsv``.

* ``holds``: a ``control`` claim says its side holds the place (negated: does not);
* ``other_from``: a ``withdrawal`` says the other side holds it from then on (negated,
  "did not withdraw": its own side still holds it);
* ``attach``: ``presence`` of a side's troops supports that side's holding.

Only claims about the place itself (or near it, up to the kind's ``max_precision``), not
predicted or conditional, with side UA or RU, take a stance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from frontwatch.fuse._context import SPECULATIVE, Fact
from frontwatch.fuse._lexicon import Lexicons
from frontwatch.fuse._time import Interval

SIDES = ("UA", "RU")


@dataclass(frozen=True, slots=True)
class Stance:
    """A claim's bearing on control: ``side`` holds (``sign`` +1) or does not (-1).

    ``attach`` marks claims that may support a period but never start one.
    """

    side: str
    sign: int
    attach: bool


def other(side: str) -> str:
    return "RU" if side == "UA" else "UA"


def stance(fact: Fact, lex: Lexicons) -> Stance | None:
    """The claim's stance on who holds its place, or None (module docstring)."""
    claim = fact.claim
    rule = lex.rule(claim.kind)
    if rule.control is None or claim.side not in SIDES or claim.modality in SPECULATIVE:
        return None
    if claim.place is None or claim.place.precision > rule.max_precision:
        return None
    affirmed = claim.polarity != "negated"
    if rule.control == "holds":
        return Stance(claim.side, 1 if affirmed else -1, attach=False)
    if rule.control == "other_from":
        side = other(claim.side) if affirmed else claim.side
        return Stance(side, 1, attach=False)
    if rule.control == "attach" and affirmed:
        return Stance(claim.side, 1, attach=True)
    return None


def coverage(fact: Fact) -> Interval | None:
    """The days a claim's stance speaks for.

    A single day speaks for itself; a ``range`` (a state over days: "six months of
    occupation") for all its days but the last, the day the state ended; a week or a
    month (a happening somewhere inside it) for its last day, by which it had happened.
    """
    span = fact.interval
    if span is None:
        return None
    if span.days == 1:
        return span
    et = fact.claim.event_time
    if et is not None and et.granularity in ("week", "month", "year"):
        return Interval(span.end, span.end)
    return Interval(span.start, span.end - timedelta(days=1))


def conflict(a: Interval, b: Interval) -> bool:
    """Whether two intervals share a day, a state's end touching a change not counted."""
    if not a.overlaps(b):
        return False
    touch = (a.end == b.start and a.days > 1) or (b.end == a.start and b.days > 1)
    return not touch
