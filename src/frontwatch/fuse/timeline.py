"""The control timeline of one place: periods of UA, RU or contested control.

Input: one place's facts (``_context.Fact``); only claims that take a stance on who
holds the place count (``_stance``: control, withdrawal, presence at the place or near
it; not predicted or conditional).

1. Each such claim is an *observation*: a side it speaks for (or against), the days it
   covers (``_stance.coverage``) and a :class:`~frontwatch.fuse._score.Support` whose
   role is taken relative to the side it favours (an RU spokesman saying RU withdrew is
   an admission for UA).
2. On each day where some observation begins or ends, each side's score is the combined
   log-odds of the observations covering that day for it, less those denying it
   (``_score.weight``: the best claim per origin, further origins discounted). The day
   goes to the side with the higher positive score; it is ``contested`` when both sides
   have a positive score, each at tier ``reported`` or above, within
   :data:`CONTEST_MARGIN` of each other. Presence never decides a day, it only supports.
   An origin that speaks for both sides on one day (one claimant contradicting itself)
   cancels out: it counts for neither that day, nor in its period's tier and confidence.
3. Consecutive days with the same label form a period; a period starts on its first
   labelled day (the event time of the change) and ends the day before the next one
   starts; the last one is open (``end`` null). Where only one origin dates that first
   day and two or more date a day at most :data:`SETTLE_DAYS` later, the period starts on
   the later day (the lone early claim still supports it).
4. A period's supporting claims are its side's observations whose days fall in it, plus
   undated ones of its side, attached to the latest period of that side begun by the day
   they became known; its contradicting claims are the other side's observations that
   conflict with its days and the denials of its side inside it, and, listed but not
   weighed, undated attributed statements for the other side made during it (reported
   speech is taken to speak of its own day: "the town is under our control," X said).
5. ``tier`` and ``confidence`` come from ``_score`` (see its docstring for the formula):
   ``confidence = clip(σ(weight(supports) − weight(contradictions)), 0.05, 0.99)``; a
   contested period takes the lower tier and confidence of its two sides.
6. ``known_at`` is the earliest knowledge time of the claims that date the period's
   start (else of any of its supports): event time and knowledge time are kept apart,
   and :func:`timeline` over ``_context.known_by(facts, moment)`` is the replay of what
   the record said at ``moment``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from frontwatch.fuse._context import Fact
from frontwatch.fuse._lexicon import Lexicons
from frontwatch.fuse._origins import role
from frontwatch.fuse._score import Support, claim_p, confidence, tier, tier_rank, weight
from frontwatch.fuse._stance import SIDES, Stance, conflict, coverage, other, stance
from frontwatch.fuse._time import Interval
from frontwatch.model import ControlPeriod, PlaceRef

CONTESTED = "contested"
#: Log-odds within which two credible sides make a day contested.
CONTEST_MARGIN = 1.0
#: How far a change dated by one origin may be moved to a day that two or more date.
SETTLE_DAYS = 3


@dataclass(frozen=True, slots=True)
class Observation:
    fact: Fact
    stance: Stance
    days: Interval | None
    support: Support


def observations(facts: Iterable[Fact], lex: Lexicons) -> list[Observation]:
    """The facts that bear on who holds their place, as observations (step 1)."""
    out: list[Observation] = []
    for fact in facts:
        st = stance(fact, lex)
        if st is not None:
            out.append(Observation(fact, st, coverage(fact), _support(fact, st)))
    return out


def _support(fact: Fact, st: Stance) -> Support:
    claim = fact.claim
    favoured = st.side if st.sign > 0 else other(st.side)
    who = role(fact.speaker, favoured)
    precision = claim.place.precision if claim.place else 3
    p = claim_p(who, claim.modality, precision, claim.confidence, fact.physical)
    return Support(claim.id, fact.origin, who, p, claim.modality != "unconfirmed", fact.physical)


@dataclass(slots=True)
class _Day:
    favour: dict[str, list[Support]] = field(default_factory=dict)
    against: dict[str, list[Support]] = field(default_factory=dict)


def label_days(obs: Sequence[Observation]) -> list[tuple[date, str, int]]:
    """Each evidence day with the side it goes to (step 2) and how many origins say so, in
    order; undecided days left out."""
    dated = [o for o in obs if o.days is not None and not o.stance.attach]
    days = sorted({d for o in dated if o.days for d in (o.days.start, o.days.end)})
    by_start = sorted(dated, key=lambda o: o.days.start if o.days else date.min)
    labels: list[tuple[date, str, int]] = []
    active: list[Observation] = []
    nxt = 0
    for day in days:
        while nxt < len(by_start) and (s := by_start[nxt].days) is not None and s.start <= day:
            active.append(by_start[nxt])
            nxt += 1
        active = [o for o in active if o.days is not None and o.days.end >= day]
        tally = _tally(active)
        label = _decide(tally)
        if label is not None:
            sides = SIDES if label == CONTESTED else (label,)
            voices = {x.origin for side in sides for x in tally.favour.get(side, ()) if x.firm}
            labels.append((day, label, len(voices)))
    return labels


def _tally(active: Iterable[Observation]) -> _Day:
    out = _Day()
    for o in active:
        bucket = out.favour if o.stance.sign > 0 else out.against
        bucket.setdefault(o.stance.side, []).append(o.support)
    both = _origins(out.favour.get("UA", ())) & _origins(out.favour.get("RU", ()))
    if both:
        out.favour = {s: _without(v, both) for s, v in out.favour.items()}
    return out


def _origins(supports: Iterable[Support]) -> set[str]:
    return {s.origin for s in supports}


def _without(supports: Iterable[Support], origins: set[str]) -> list[Support]:
    """Supports not from ``origins``: an origin that says both things at once cancels out."""
    return [s for s in supports if s.origin not in origins]


def _decide(day: _Day) -> str | None:
    net = {s: weight(day.favour.get(s, ())) - weight(day.against.get(s, ())) for s in SIDES}
    credible = [
        s for s in SIDES if net[s] > 0 and day.favour.get(s) and tier_rank(tier(day.favour[s])) >= 1
    ]
    if len(credible) == 2 and abs(net["UA"] - net["RU"]) < CONTEST_MARGIN:
        return CONTESTED
    best = max(SIDES, key=lambda s: net[s])
    return best if net[best] > 0 and day.favour.get(best) else None


def _runs(labels: Sequence[tuple[date, str, int]]) -> list[_Period]:
    """Consecutive days with one label as periods (step 3)."""
    runs: list[tuple[str, list[tuple[date, int]]]] = []
    for day, label, voices in labels:
        if not runs or runs[-1][0] != label:
            runs.append((label, []))
        runs[-1][1].append((day, voices))
    starts = [_settled_start(days) for _, days in runs]
    out: list[_Period] = []
    for i, (label, days) in enumerate(runs):
        end = starts[i + 1] - timedelta(days=1) if i + 1 < len(runs) else None
        out.append(_Period(label, starts[i], end, first=days[0][0]))
    return out


def _settled_start(days: Sequence[tuple[date, int]]) -> date:
    """The run's first day, unless only one origin dates it and a day that two or more
    origins date follows within :data:`SETTLE_DAYS`: a lone early date is more often a
    slip of a relative date ("the next day") than a scoop."""
    first = days[0][0]
    if days[0][1] >= 2:
        return first
    limit = first + timedelta(days=SETTLE_DAYS)
    agreed = [d for d, voices in days if d <= limit and voices >= 2]
    return agreed[0] if agreed else first


@dataclass(slots=True)
class _Period:
    """A period being built; ``first`` is its first labelled day (on or before ``start``)."""

    side: str
    start: date
    end: date | None
    first: date
    supports: list[Observation] = field(default_factory=list)
    against: list[Observation] = field(default_factory=list)
    noted: list[Observation] = field(default_factory=list)

    @property
    def span(self) -> Interval:
        return Interval(self.start, self.end or date.max)

    @property
    def reach(self) -> Interval:
        """The days whose claims may support it: from its first labelled day."""
        return Interval(min(self.first, self.start), self.end or date.max)

    def sides(self) -> tuple[str, ...]:
        return SIDES if self.side == CONTESTED else (self.side,)


def timeline(
    facts: Sequence[Fact], lex: Lexicons, ref: PlaceRef | None = None
) -> list[ControlPeriod]:
    """The control periods of one place, oldest first (module docstring); ``ref`` is the
    place's reference (``place_ref`` of all its facts) where ``facts`` are only some of
    them (those that take a stance are all it reads)."""
    obs = observations(facts, lex)
    periods = _runs(label_days(obs))
    if not periods:
        return []
    _assign(obs, periods)
    ref = ref or place_ref(facts)
    return [_record(p, ref, facts[0].key) for p in periods]


def _assign(obs: Sequence[Observation], periods: Sequence[_Period]) -> None:
    starts = [p.reach.start for p in periods]
    for o in obs:
        if o.days is None:
            _attach_undated(o, periods)
            continue
        for p in _overlapping(o.days, periods, starts):
            _place_in(o, p)


def _overlapping(days: Interval, periods: Sequence[_Period], starts: list[date]) -> list[_Period]:
    first = max(bisect_right(starts, days.start) - 2, 0)  # reaches overlap a neighbour's tail
    last = bisect_right(starts, days.end)
    return [p for p in periods[first:last] if p.reach.overlaps(days)]


def _place_in(o: Observation, p: _Period) -> None:
    mine = o.stance.side in p.sides()
    if o.stance.sign > 0 and mine:
        p.supports.append(o)
        return
    if o.days is not None and not o.days.overlaps(p.span):
        return
    rival = o.stance.sign > 0 and not o.stance.attach and o.days and conflict(o.days, p.span)
    if (o.stance.sign < 0 and mine) or rival:
        p.against.append(o)


def _attach_undated(o: Observation, periods: Sequence[_Period]) -> None:
    if o.stance.sign < 0:
        return
    _note_speech(o, periods)
    own = [p for p in periods if o.stance.side in p.sides()]
    if not own:
        return
    day = o.fact.known_day or date.max
    begun = [p for p in own if p.start <= day]
    (begun[-1] if begun else own[0]).supports.append(o)


def _note_speech(o: Observation, periods: Sequence[_Period]) -> None:
    """An undated attributed statement ("the town is under our control," X said) is taken to
    speak of the day it became known: listed against the other side's period then."""
    day = o.fact.known_day
    if o.fact.claim.claimant is None or o.stance.attach or day is None:
        return
    for p in periods:
        if p.span.start <= day <= p.span.end and o.stance.side not in p.sides():
            p.noted.append(o)


def _record(p: _Period, ref: PlaceRef, key: str) -> ControlPeriod:
    tiers, confs = [], []
    for side in p.sides():
        favour = [o.support for o in p.supports if o.stance.side == side]
        against = [o.support for o in p.against]
        both = _origins(favour) & _origins(against)
        favour, against = _without(favour, both), _without(against, both)
        tiers.append(tier(favour) if favour else "claimed")
        confs.append(confidence(favour, against))
    supports = sorted(p.supports, key=lambda o: o.fact.order())
    return ControlPeriod(
        place=ref,
        side=p.side,
        start=p.start.isoformat(),
        end=p.end.isoformat() if p.end else None,
        tier=min(tiers, key=tier_rank),
        confidence=min(confs),
        claims=_unique(o.fact.id for o in supports),
        contradicted_by=_unique(
            o.fact.id for o in sorted([*p.against, *p.noted], key=lambda o: o.fact.order())
        ),
        known_at=_known_at(p),
        extra={"origins": len({o.support.origin for o in p.supports}), "place_key": key},
    )


def _unique(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _known_at(p: _Period) -> str | None:
    """The earliest knowledge time of the claims dating the start, else of any support."""
    dating = [o for o in p.supports if o.days is not None and o.days.start <= p.start <= o.days.end]
    for pool in (dating, p.supports):
        known = sorted(k for o in pool if (k := o.fact.known_iso))
        if known:
            return known[0]
    return None


def place_ref(facts: Sequence[Fact]) -> PlaceRef:
    """The place the periods are of: its most precise reference among ``facts``."""
    refs = [f.claim.place for f in facts if f.claim.place is not None]
    best = min(refs, key=lambda r: r.precision)
    return replace(best, precision=1)
