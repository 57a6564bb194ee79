"""The ``/control`` answers on any day, kept as the bytes sent, per value of the store's
control counter.

The map asks for the state of every settlement on each move of its day slider, and at
1,000,000 claims that is 20,000 settlements. Each period is encoded to JSON once per
counter value, and the periods laid out in arrays (:class:`DayIndex`) that choose a
day's periods in a few vectorised steps; a day's answer is the chosen bytes joined, built
once and kept (up to ``max_bytes`` of answers, the oldest let go first), so a request for
a kept day is a look-up, and many clients asking for a day nobody asked before wait for
one build of it.
Any write of the periods, from any process, moves the counter and the next request
builds them again: an answer is never served for an older counter than the one read
when the request came.
"""

from __future__ import annotations

import asyncio
import bisect
import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from anyio import CapacityLimiter, to_thread

from frontwatch.model import ControlPeriod
from frontwatch.serve._views import period_json
from frontwatch.store import Store, place_key

#: Bytes of day answers kept: at 1,000,000 claims (21,718 settlements) an answer is about
#: 8 MB, so this keeps some 30 days; a day not kept is built again in a few milliseconds.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


def encode_json(value: Any) -> bytes:
    """``value`` as Starlette's ``JSONResponse`` encodes it (compact, UTF-8, no NaN)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def etag_of(body: bytes) -> str:
    """A strong validator for ``body``: equal bodies, equal tags, whatever the counter."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


@dataclass(frozen=True, slots=True)
class ControlAnswer:
    """The body of a ``/control`` answer and its entity tag."""

    body: bytes
    etag: str


class DayIndex:
    """The periods laid out for choosing the state on a day: ``DayIndex(periods).on(day)``
    gives the positions (in ``periods``) of ``ControlIndex(periods).on(day)``, in order.

    Periods are ordered by place (places by name, in the order they come where names are
    equal), then by start, then as they come: a day's periods are those covering it, the
    last of each place. Starts and ends are compared as the strings they are (as
    ``ControlIndex`` does), through their ranks among every start and end. Where a place's
    periods do not all have one name, the chosen periods are sorted by their own names."""

    __slots__ = ("_bounds", "_ends", "_order", "_places", "_sort_keys", "_starts")

    def __init__(self, periods: Sequence[ControlPeriod]) -> None:
        groups: dict[str, list[int]] = {}
        for n, p in enumerate(periods):
            groups.setdefault(place_key(p.place) or p.place.name, []).append(n)
        names = [{periods[n].place.name for n in group} for group in groups.values()]
        ranked = sorted(range(len(groups)), key=lambda g: min(names[g]))
        group_lists = list(groups.values())
        #: (name, place) of each period, where the order of places is not that of names
        self._sort_keys: list[tuple[str, int]] | None = None
        if any(len(n) > 1 for n in names):
            self._sort_keys = [(p.place.name, 0) for p in periods]
            for g, group in enumerate(group_lists):
                for n in group:
                    self._sort_keys[n] = (periods[n].place.name, g)
        order = [
            n for g in ranked for n in sorted(group_lists[g], key=lambda n: periods[n].start or "")
        ]
        self._order = np.array(order, dtype=np.int64)
        place_of = np.empty(len(periods), dtype=np.int64)
        for rank, g in enumerate(ranked):
            place_of[group_lists[g]] = rank
        self._places = place_of[self._order]
        self._bounds = sorted({d for p in periods for d in (p.start, p.end) if d is not None})
        rank_of = {d: n for n, d in enumerate(self._bounds)}
        self._starts = np.array(
            [rank_of[s] if (s := periods[n].start) else -1 for n in order],
            dtype=np.int64,
        )
        after_all = len(self._bounds)
        self._ends = np.array(
            [rank_of[e] if (e := periods[n].end) is not None else after_all for n in order],
            dtype=np.int64,
        )

    def on(self, day: date | None) -> npt.NDArray[np.int64]:
        """The positions of the chosen periods, ordered by place."""
        if day is None:
            chosen = np.arange(len(self._order))
        else:
            iso = day.isoformat()
            # start <= iso: its rank is below the first rank after iso; iso <= end: its
            # rank is at or above the first rank not before iso
            started = self._starts < bisect.bisect_right(self._bounds, iso)
            going = self._ends >= bisect.bisect_left(self._bounds, iso)
            chosen = np.flatnonzero(started & going)
        places = self._places[chosen]
        last = np.ones(len(chosen), dtype=bool)
        last[:-1] = places[1:] != places[:-1]
        picked: npt.NDArray[np.int64] = self._order[chosen[last]]
        if self._sort_keys is not None:
            keys = [self._sort_keys[n] for n in picked.tolist()]
            picked = picked[sorted(range(len(keys)), key=keys.__getitem__)]
        return picked


@dataclass(frozen=True, slots=True)
class _Built:
    counter: int | None
    periods: list[ControlPeriod]
    index: DayIndex
    #: each period's JSON, in the order of ``periods``
    encoded: list[bytes]
    #: a digest of each period's JSON, 16 bytes each in the order of ``periods``
    digests: npt.NDArray[np.uint8]
    #: the name of each place key the periods have
    names: dict[str, str]


class ControlAnswers:
    """``/control?on=DAY`` (no place, no moment) answered from kept bytes."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()  # one build of the periods at a time
        self._answer_lock = threading.Lock()  # one build of a day's answer at a time
        self._built: _Built | None = None
        self._answers: dict[tuple[int, str | None], ControlAnswer] = {}
        self._kept_bytes = 0
        self._counters = _SharedReads()
        #: answers built (not found kept): what the tests count to see that one build served
        #: many requests
        self.builds = 0

    async def answer_async(
        self, store: Store, day: date | None, limiter: CapacityLimiter
    ) -> ControlAnswer:
        """:meth:`answer` from the event loop, the store asked in ``limiter``'s threads.
        A kept answer is found without a thread of its own: the requests that come while
        the counter is being read share the next read (one that starts after they came,
        so that it sees every write committed before them)."""
        counter = await self._counters.read(store)
        built = self._built
        if counter is not None and built is not None and built.counter == counter:
            kept = self._answers.get((counter, day.isoformat() if day else None))
            if kept is not None:
                return kept
        return await to_thread.run_sync(self.answer, store, day, limiter=limiter)

    def answer(self, store: Store, day: date | None) -> ControlAnswer:
        """The answer for ``day`` (None: each place's latest period)."""
        built = self._current(store)
        if built.counter is None:
            return self._build(built, day)
        key = (built.counter, day.isoformat() if day else None)
        kept = self._answers.get(key)
        if kept is not None:
            return kept
        with self._answer_lock:
            kept = self._answers.get(key)
            if kept is None:
                kept = self._build(built, day)
                self._keep(key, kept)
            return kept

    def place_names(self, store: Store) -> dict[str, str]:
        """The name of every place key that has control periods, kept with the periods;
        empty where the store has no control counter to tell when they change."""
        built = self._current(store)
        return built.names if built.counter is not None else {}

    def _build(self, built: _Built, day: date | None) -> ControlAnswer:
        self.builds += 1
        chosen = built.index.on(day)
        head = encode_json({"on": day.isoformat() if day else None, "as_known_on": None})
        head = head[:-1] + b',"total":%d,"items":[' % len(chosen)
        # one copy of the 4 MB: the head and the tail joined to the first and last items
        items = list(map(built.encoded.__getitem__, chosen.tolist())) or [b""]
        items[0] = head + items[0]
        items[-1] += b"]}"
        # The tag is a digest of the body's parts: the head, and the digest of each item's
        # bytes, kept per period (hashing the whole body took longer than building it).
        tag = hashlib.blake2b(head, digest_size=16)
        tag.update(built.digests[chosen].tobytes())
        return ControlAnswer(b",".join(items), '"' + tag.hexdigest() + '"')

    def _keep(self, key: tuple[int, str | None], answer: ControlAnswer) -> None:
        """Keep ``answer`` (called under the answer lock), letting go of the answers of
        older counters, then of the oldest kept, to stay under ``max_bytes``; an answer
        of an older counter than one kept (a request that read the counter just before a
        write) is not kept."""
        newest = max([key[0], *(k[0] for k in self._answers)])
        if key[0] < newest or len(answer.body) > self.max_bytes:
            return
        answers = dict(self._answers)  # readers look without the lock: swap, never mutate
        for old in [k for k in answers if k[0] < newest]:
            self._kept_bytes -= len(answers.pop(old).body)
        while answers and self._kept_bytes + len(answer.body) > self.max_bytes:
            self._kept_bytes -= len(answers.pop(next(iter(answers))).body)
        answers[key] = answer
        self._kept_bytes += len(answer.body)
        self._answers = answers

    def _current(self, store: Store) -> _Built:
        # The counter is read before the periods: periods newer than it are kept under the
        # older value and built again on the next request, never served stale.
        counter = store.control_counter()
        built = self._built
        if counter is not None and built is not None and built.counter == counter:
            return built
        with self._lock:
            built = self._built
            if counter is not None and built is not None and built.counter == counter:
                return built
            periods = store.control_periods()
            encoded = [encode_json(period_json(p)) for p in periods]
            digests = b"".join(hashlib.blake2b(e, digest_size=16).digest() for e in encoded)
            names = {place_key(p.place) or p.place.name: p.place.name for p in periods}
            built = _Built(
                counter,
                periods,
                DayIndex(periods),
                encoded,
                np.frombuffer(digests, dtype=np.uint8).reshape(-1, 16),
                names,
            )
            if counter is not None:
                self._built = built
            return built


class _SharedReads:
    """Reads of the store's control counter shared by the requests waiting for one: a
    request waits for the next read to start, and those that come while a read is under
    way wait for the one after it (a read that started before a request came may have
    missed a write the request must see)."""

    def __init__(self) -> None:
        # a thread of its own: a read never waits behind a build of an answer
        self._limiter = CapacityLimiter(1)
        self._next: asyncio.Future[int | None] | None = None
        self._reading: asyncio.Task[None] | None = None  # kept: the loop holds tasks weakly

    async def read(self, store: Store) -> int | None:
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
        waiting = self._next
        if self._reading is None:
            self._reading = asyncio.get_running_loop().create_task(self._read(store))
        # shielded: a request given up (its time limit) must not cancel the others' read
        return await asyncio.shield(waiting)

    async def _read(self, store: Store) -> None:
        try:
            while self._next is not None:
                waiting, self._next = self._next, None
                try:
                    value = await to_thread.run_sync(store.control_counter, limiter=self._limiter)
                except Exception as exc:  # handed to every request waiting for this read
                    waiting.set_exception(exc)
                else:
                    waiting.set_result(value)
        finally:
            self._reading = None
