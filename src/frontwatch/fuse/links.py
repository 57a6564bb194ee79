"""Relations between claims, stored as links.

Relations (``Link.relation``):

* ``supports``: a claim restates its event's lead claim (the earliest-known affirmed
  one); one link a claim, so 10,000 copies cost 10,000 links, not 50 million;
* ``contradicts``: same proposition with the opposite polarity ("failed to encircle"
  against an encirclement), or incompatible control (UA and RU holding one place on one
  day, a withdrawal counted as the other side's holding);
* ``reverses``: a contradiction known on a later day than the claim it contradicts (a
  premature liberation walked back), kept as such;
* ``implies``: a side's withdrawal from a place implies the other side's control of it,
  linked to the control event it supports;
* ``supplies``: a supply claim names another place it serves ("Kupiansk … supplying
  Izium formations"): linked to a claim at that place in the same document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from frontwatch.fuse._context import Fact
from frontwatch.fuse._lexicon import Lexicons
from frontwatch.fuse._stance import SIDES, conflict, other
from frontwatch.fuse.events import Cluster, span_start
from frontwatch.model import Claim
from frontwatch.store import Link
from frontwatch.store.codec import place_key

#: Mentions of a document: (start, end, place key) of each resolved place name.
MentionSpans = Sequence[tuple[int, int, str]]


@dataclass(slots=True)
class Relations:
    """The links of one place and, per event lead, the claims that contradict the event."""

    links: list[Link] = field(default_factory=list)
    against: dict[str, list[str]] = field(default_factory=dict)

    def add(self, source: Fact, target: Fact, relation: str, reason: str) -> None:
        if source.id != target.id:
            self.links.append(Link(source.id, target.id, relation, reason, source.key))

    def contradict(self, source: Fact, target: Fact, reason: str) -> None:
        later = _later(source, target)
        self.add(source, target, "reverses" if later else "contradicts", reason)


def _later(a: Fact, b: Fact) -> bool:
    return a.known_day is not None and b.known_day is not None and a.known_day > b.known_day


def relate(clusters: Sequence[Cluster], lex: Lexicons) -> Relations:
    """Support, contradiction, reversal and implication links among one place's events."""
    out = Relations()
    for c in clusters:
        _within(c, out)
    held = [(c, s) for c in clusters if (s := _holds(c, lex)) is not None]
    _control_conflicts(held, out)
    _implications(held, out)
    return out


def _within(c: Cluster, out: Relations) -> None:
    lead = c.lead()
    for fact in c.members:
        if fact is lead:
            continue
        if fact.claim.polarity == "negated" and lead.claim.polarity != "negated":
            out.contradict(fact, lead, f"{c.kind}: same proposition, opposite polarity")
        elif fact.claim.polarity == lead.claim.polarity:
            out.add(fact, lead, "supports", f"{c.kind}: same event")


def _holds(c: Cluster, lex: Lexicons) -> str | None:
    """The side an event of affirmed control or withdrawal says holds the place."""
    rule = lex.rule(c.kind)
    if c.side not in SIDES or c.span is None or not c.affirmed:
        return None
    if rule.control == "holds":
        return c.side
    if rule.control == "other_from":
        return other(c.side)
    return None


def _control_conflicts(held: Sequence[tuple[Cluster, str]], out: Relations) -> None:
    ordered = sorted(held, key=lambda cs: span_start(cs[0]))
    active: list[tuple[Cluster, str]] = []
    for c, side in ordered:
        assert c.span is not None
        active = [(a, s) for a, s in active if a.span is not None and a.span.end >= c.span.start]
        for a, a_side in active:
            if a_side != side:
                _conflict_pair(a, c, out)
        active.append((c, side))


def _conflict_pair(a: Cluster, b: Cluster, out: Relations) -> None:
    """Link the first-known conflicting claims of two events; note each event's contradictors."""
    a_ids = _conflicting_members(a, b)
    b_ids = _conflicting_members(b, a)
    if not a_ids or not b_ids:
        return
    first, second = sorted((min(a_ids, key=Fact.order), min(b_ids, key=Fact.order)), key=Fact.order)
    out.contradict(second, first, f"incompatible control: {a.kind} {a.side} vs {b.kind} {b.side}")
    out.against.setdefault(a.lead().id, []).extend(f.id for f in b_ids)
    out.against.setdefault(b.lead().id, []).extend(f.id for f in a_ids)


def _conflicting_members(c: Cluster, other_c: Cluster) -> list[Fact]:
    span = other_c.span
    assert span is not None
    return [f for f in c.affirmed if f.interval is not None and conflict(f.interval, span)]


def _implications(held: Sequence[tuple[Cluster, str]], out: Relations) -> None:
    controls = [(c, s) for c, s in held if c.kind == "control"]
    for w, side in held:
        if w.kind != "withdrawal" or w.span is None:
            continue
        for c, c_side in controls:
            if c_side == side and c.span is not None and c.span.overlaps(w.span, 1):
                reason = f"{w.side} withdrawal implies {side} control"
                out.add(w.lead(), c.lead(), "implies", reason)


def supply_links(
    facts: Iterable[Fact],
    doc_claims: Mapping[str, Sequence[Claim]],
    mentions: Mapping[str, MentionSpans],
) -> list[Link]:
    """``supplies`` links from supply claims to a claim at a place they name (module doc)."""
    links: list[Link] = []
    for fact in facts:
        if fact.claim.kind != "supply" or fact.claim.polarity == "negated":
            continue
        for target in _served(fact, doc_claims.get(fact.claim.doc, ()), mentions):
            reason = _supply_reason(fact, target)
            links.append(Link(fact.id, target.id, "supplies", reason, fact.key))
    return links


def _supply_reason(fact: Fact, target: Claim) -> str:
    here = fact.claim.place.name if fact.claim.place else "?"
    there = target.place.name if target.place else "?"
    return f"supply ({fact.claim.side or 'side unknown'}): {here} - {there}"


def _served(
    fact: Fact, same_doc: Sequence[Claim], mentions: Mapping[str, MentionSpans]
) -> list[Claim]:
    """One claim per other place the supply claim's evidence names or overlaps."""
    ev = fact.claim.evidence
    text = ev.text.lower()
    named = {k for s, e, k in mentions.get(fact.claim.doc, ()) if s >= ev.start and e <= ev.end}
    best: dict[str, Claim] = {}
    for c in same_doc:
        key = place_key(c.place)
        if key is None or key == fact.key or c.id == fact.id or c.place is None:
            continue
        overlaps = c.evidence.start < ev.end and ev.start < c.evidence.end
        if key in named or overlaps or c.place.name.lower() in text:
            current = best.get(key)
            if current is None or _preference(c, fact) < _preference(current, fact):
                best[key] = c
    return [best[k] for k in sorted(best)]


def _preference(c: Claim, fact: Fact) -> tuple[int, int, int]:
    return (
        0 if c.kind == "supply" else 1,
        0 if c.side == fact.claim.side else 1,
        abs(c.evidence.start - fact.claim.evidence.start),
    )
