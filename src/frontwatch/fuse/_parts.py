"""One place's fusion in parts, each worked out from its own facts only, and kept.

``fuse_place`` is a function of a place's facts, and it splits into parts that read only
some of them:

* the events of one claim kind, and the links among its claims, read only the facts of
  that kind (``events.cluster`` blocks by kind and side; claims with no side join the
  sided events of their own kind);
* except the kinds that say who holds the place (kind rule ``holds`` or ``other_from``:
  control, withdrawal), whose events are related across kinds (incompatible control,
  withdrawal implying control): they are one part;
* the control timeline reads only the facts of kinds that take a stance (kind rule
  ``holds``, ``other_from`` or ``attach``) and the place's reference (the most precise
  place of all its facts).

A new report about a place brings claims of one or two kinds: the other parts' facts are
the very ones they were last worked out from, so they are taken as they were. Each part
is kept with the facts it was made from and reused only where those are equal, so what
comes out is what working it out again gives: nothing is assumed about which facts a
change touches.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from frontwatch.fuse._context import Fact
from frontwatch.fuse._lexicon import Lexicons
from frontwatch.model import PlaceRef

#: The part of the kinds related across kinds (kind rules that say who holds a place).
HOLDING = "~holding"
#: The part for the control timeline.
TIMELINE = "~timeline"

T = TypeVar("T")


def part_of(kind: str, lex: Lexicons) -> str:
    """The events part a claim kind belongs to (module docstring)."""
    return HOLDING if lex.rule(kind).control in ("holds", "other_from") else kind


def takes_stance(kind: str, lex: Lexicons) -> bool:
    """Whether claims of ``kind`` can bear on the control timeline."""
    return lex.rule(kind).control is not None


def split(facts: Sequence[Fact], lex: Lexicons) -> tuple[dict[str, list[Fact]], list[Fact]]:
    """The facts of each events part, and those the timeline reads, each in given order."""
    parts: dict[str, list[Fact]] = {}
    stance: list[Fact] = []
    kinds: dict[str, tuple[str, bool]] = {}
    for fact in facts:
        kind = fact.claim.kind
        where = kinds.get(kind)
        if where is None:
            where = kinds[kind] = (part_of(kind, lex), takes_stance(kind, lex))
        parts.setdefault(where[0], []).append(fact)
        if where[1]:
            stance.append(fact)
    return parts, stance


class Parts(Generic[T]):
    """Parts kept by (place key, part name), each with the facts (and the lexicons and
    place reference) it was made from; least recently used dropped past ``size`` facts."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.held = 0
        self.hits = 0
        self.misses = 0
        self._kept: OrderedDict[
            tuple[str, str], tuple[tuple[Fact, ...], Lexicons, PlaceRef | None, T]
        ] = OrderedDict()

    def get(
        self,
        key: tuple[str, str],
        facts: Sequence[Fact],
        lex: Lexicons,
        ref: PlaceRef | None,
        make: Callable[[], T],
        keep: bool = True,
    ) -> T:
        """The part made from ``facts``: kept, or made by ``make`` (and kept, with ``keep``)."""
        made_from = tuple(facts)
        hit = self._kept.get(key)
        # tuple equality compares identical facts by identity first: a kept place costs
        # one pass over references
        if hit is not None and hit[1] is lex and hit[2] == ref and hit[0] == made_from:
            self._kept.move_to_end(key)
            self.hits += 1
            return hit[3]
        self.misses += 1
        value = make()
        if hit is not None:
            self.held -= len(hit[0])
            del self._kept[key]
        if keep and len(made_from) <= self.size:
            self._kept[key] = (made_from, lex, ref, value)
            self.held += len(made_from)
        while self.held > self.size:
            _, dropped = self._kept.popitem(last=False)
            self.held -= len(dropped[0])
        return value

    def clear(self) -> None:
        self._kept.clear()
        self.held = 0
