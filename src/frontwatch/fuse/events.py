"""Events: claims about one happening, clustered within one place.

Claims are blocked by place key (the caller passes one place's facts) and then by kind
and side, so the cost is a sort per block, near-linear in the number of claims. "Near a
town" is the resolver's call: such claims carry the town's place with precision 2 and so
share its block; two distinct gazetteer places a few km apart stay separate events.

Within a block (kind, side):

* *narrow* claims (event time of at most :data:`WIDE_DAYS` days) are swept in order of
  start; a claim whose interval starts no later than :data:`SLACK_DAYS` after the
  current cluster's end joins it (interval single linkage);
* *wide* claims (a "six months of occupation" range) join the overlapping cluster with
  the most members without stretching it, else cluster among themselves;
* *undated* claims (and years-wide ones) join the latest cluster that started by the
  day they became known, else the earliest cluster, else an undated cluster.

Claims with no side join the one sided cluster of their kind they overlap when exactly
one side's does, else cluster among themselves. Negated claims cluster with the
affirmed ones of the same proposition and are the event's contradicting claims.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from frontwatch.fuse._context import Fact
from frontwatch.fuse._time import Interval
from frontwatch.model import Event, PlaceRef

WIDE_DAYS = 14
SLACK_DAYS = 1


@dataclass(slots=True)
class Cluster:
    """A growing event: its kind, side, members and the days it spans (None: undated)."""

    kind: str
    side: str | None
    members: list[Fact] = field(default_factory=list)
    span: Interval | None = None
    #: the lead, worked out once after the last ``add`` (links and events ask for it often)
    _lead: Fact | None = field(default=None, repr=False, compare=False)

    @property
    def affirmed(self) -> list[Fact]:
        return [f for f in self.members if f.claim.polarity != "negated"]

    @property
    def negated(self) -> list[Fact]:
        return [f for f in self.members if f.claim.polarity == "negated"]

    def lead(self) -> Fact:
        """The earliest-known affirmed member (else the earliest member)."""
        if self._lead is None:
            pool = self.affirmed or self.members
            self._lead = min(pool, key=Fact.order)
        return self._lead

    def add(self, fact: Fact, *, stretch: bool) -> None:
        self._lead = None
        self.members.append(fact)
        if stretch and fact.interval is not None:
            self.span = fact.interval if self.span is None else _union(self.span, fact.interval)


def _union(a: Interval, b: Interval) -> Interval:
    return Interval(min(a.start, b.start), max(a.end, b.end))


def cluster(facts: Iterable[Fact]) -> list[Cluster]:
    """Cluster one place's facts into events (module docstring)."""
    blocks: dict[tuple[str, str | None], list[Fact]] = {}
    for fact in facts:
        blocks.setdefault((fact.claim.kind, fact.claim.side), []).append(fact)
    out: list[Cluster] = []
    by_kind: dict[str, list[Cluster]] = {}
    for (kind, side), block in sorted(blocks.items(), key=lambda kv: (kv[0][0], kv[0][1] or "~")):
        if side is None:
            continue
        clusters = _cluster_block(kind, side, block)
        by_kind.setdefault(kind, []).extend(clusters)
        out.extend(clusters)
    for (kind, side), block in blocks.items():
        if side is None:
            out.extend(_place_sideless(kind, block, by_kind.get(kind, [])))
    return out


def _cluster_block(kind: str, side: str | None, block: list[Fact]) -> list[Cluster]:
    narrow = sorted(
        (f for f in block if f.interval is not None and f.interval.days <= WIDE_DAYS),
        key=lambda f: (f.interval.start if f.interval else date.min, f.order()),
    )
    clusters = _sweep(kind, side, narrow)
    index = _Index(clusters)
    wide = [f for f in block if f.interval is not None and f.interval.days > WIDE_DAYS]
    leftovers = [f for f in wide if not _join_overlapping(f, index)]
    clusters.extend(_sweep(kind, side, sorted(leftovers, key=_start_key)))
    clusters.sort(key=span_start)
    undated = [f for f in block if f.interval is None]
    clusters.extend(_join_undated(kind, side, undated, clusters))
    return clusters


def _start_key(fact: Fact) -> tuple[date, tuple[str, str]]:
    return (fact.interval.start if fact.interval else date.min, fact.order())


def span_start(c: Cluster) -> date:
    return c.span.start if c.span else date.max


def _sweep(kind: str, side: str | None, ordered: Sequence[Fact]) -> list[Cluster]:
    clusters: list[Cluster] = []
    current: Cluster | None = None
    for fact in ordered:
        assert fact.interval is not None
        if (
            current is None
            or current.span is None
            or not current.span.overlaps(fact.interval, SLACK_DAYS)
        ):
            current = Cluster(kind, side)
            clusters.append(current)
        current.add(fact, stretch=True)
    return clusters


class _Index:
    """Dated clusters of one sweep (sorted, disjoint) for overlap look-ups by bisection."""

    def __init__(self, clusters: Iterable[Cluster]) -> None:
        self.clusters = sorted((c for c in clusters if c.span is not None), key=span_start)
        self.ends = [c.span.end for c in self.clusters if c.span is not None]

    def overlapping(self, interval: Interval) -> list[Cluster]:
        found: list[Cluster] = []
        for c in self.clusters[bisect_left(self.ends, interval.start) :]:
            if c.span is None or c.span.start > interval.end:
                break
            found.append(c)
        return found


def _join_overlapping(fact: Fact, index: _Index) -> bool:
    assert fact.interval is not None
    found = index.overlapping(fact.interval)
    if not found:
        return False
    max(found, key=lambda c: len(c.members)).add(fact, stretch=False)
    return True


def _join_undated(
    kind: str, side: str | None, undated: Sequence[Fact], dated: Sequence[Cluster]
) -> list[Cluster]:
    """Attach undated facts to dated clusters; returns the undated cluster if one is needed."""
    if not undated:
        return []
    if not dated:
        alone = Cluster(kind, side)
        for fact in undated:
            alone.add(fact, stretch=False)
        return [alone]
    starts = [span_start(c) for c in dated]
    for fact in undated:
        day = fact.known_day or date.max
        index = max(bisect_right(starts, day) - 1, 0)
        dated[index].add(fact, stretch=False)
    return []


def _place_sideless(kind: str, block: list[Fact], sided: Sequence[Cluster]) -> list[Cluster]:
    by_side: dict[str | None, list[Cluster]] = {}
    for c in sided:
        by_side.setdefault(c.side, []).append(c)
    indexes = [_Index(cs) for cs in by_side.values()]
    rest: list[Fact] = []
    for fact in block:
        target = _sole_side_match(fact, indexes)
        if target is None:
            rest.append(fact)
        else:
            target.add(fact, stretch=False)
    return _cluster_block(kind, None, rest) if rest else []


def _sole_side_match(fact: Fact, indexes: Sequence[_Index]) -> Cluster | None:
    if fact.interval is None:
        return None
    found = [c for index in indexes for c in index.overlapping(fact.interval)]
    if len({c.side for c in found}) != 1:
        return None
    return max(found, key=lambda c: len(c.members))


def event_id(key: str, c: Cluster) -> str:
    """A stable id from the place, kind, side and lead claim."""
    text = f"{key}|{c.kind}|{c.side}|{c.lead().id}"
    return "ev-" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def to_event(key: str, c: Cluster, contradicting: Iterable[str] = ()) -> Event:
    """The stored record of a cluster; ``contradicting`` adds claims of conflicting events."""
    affirmed = sorted(c.affirmed, key=Fact.order)
    against = [f.id for f in sorted(c.negated, key=Fact.order)]
    against.extend(i for i in contradicting if i not in against)
    return Event(
        id=event_id(key, c),
        kind=c.kind,
        side=c.side,
        place=_place(c),
        start=c.span.start.isoformat() if c.span else None,
        end=c.span.end.isoformat() if c.span else None,
        supporting=tuple(f.id for f in affirmed),
        contradicting=tuple(against),
        origins=len({f.origin for f in affirmed}),
    )


def _place(c: Cluster) -> PlaceRef | None:
    refs = [f.claim.place for f in c.members if f.claim.place is not None]
    return min(refs, key=lambda p: p.precision) if refs else None
