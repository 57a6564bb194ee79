"""The ``/control`` answers on any day, kept as the bytes sent, per value of the store's
control counter.

The map asks for the state of every settlement on each move of its day slider, and at
1,000,000 claims that is 20,000 settlements. Each period is encoded to JSON once per
counter value; a day's answer is those bytes joined, built once and kept (up to
``max_bytes`` of answers, the oldest let go first), so a request for a kept day is a
look-up, and many clients asking for a day nobody asked before wait for one build of it.
Any write of the periods, from any process, moves the counter and the next request
builds them again: an answer is never served for an older counter than the one read
when the request came.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontwatch.serve._views import period_json
from frontwatch.store import ControlIndex, Store, place_key

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


@dataclass(frozen=True, slots=True)
class _Built:
    counter: int | None
    index: ControlIndex
    #: each period's JSON, by the period's ``id()`` (the index keeps the periods alive)
    encoded: dict[int, bytes]
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
        #: answers built (not found kept): what the tests count to see that one build served
        #: many requests
        self.builds = 0

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
        parts = (
            head[:-1],
            b',"total":%d,"items":[' % len(chosen),
            b",".join([built.encoded[id(p)] for p in chosen]),
            b"]}",
        )
        body = b"".join(parts)
        return ControlAnswer(body, etag_of(body))

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
            encoded = {id(p): encode_json(period_json(p)) for p in periods}
            names = {place_key(p.place) or p.place.name: p.place.name for p in periods}
            built = _Built(counter, ControlIndex(periods), encoded, names)
            if counter is not None:
                self._built = built
            return built
