"""The ``/control`` items on any day, from periods grouped and rendered once per value of
the store's control counter.

The map asks for the state of every settlement on each move of its day slider. Grouping
the periods by place and rendering each period's JSON once, then picking per day, keeps a
request to choosing and joining: it allocates almost nothing the garbage collector must
walk (at 10,000 places the rendering of every period on every request made collections
of the whole heap the slowest part of the answer). Any write of the periods, from any
process, moves the counter and the next request builds them again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontwatch.serve._views import period_json
from frontwatch.store import ControlIndex, Store, place_key


@dataclass(frozen=True, slots=True)
class _Built:
    counter: int | None
    index: ControlIndex
    #: each period's answer, by the period's ``id()`` (the index keeps the periods alive)
    rendered: dict[int, dict[str, Any]]
    #: the name of each place key the periods have
    names: dict[str, str]


class ControlAnswers:
    """``[period_json(p) for p in control_on(store.control_periods(), day)]``, kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._built: _Built | None = None

    def items(self, store: Store, day: date | None) -> list[dict[str, Any]]:
        built = self._current(store)
        return [built.rendered[id(p)] for p in built.index.on(day)]

    def place_names(self, store: Store) -> dict[str, str]:
        """The name of every place key that has control periods, kept with the periods;
        empty where the store has no control counter to tell when they change."""
        built = self._current(store)
        return built.names if built.counter is not None else {}

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
            rendered = {id(p): period_json(p) for p in periods}
            names = {place_key(p.place) or p.place.name: p.place.name for p in periods}
            built = _Built(counter, ControlIndex(periods), rendered, names)
            if counter is not None:
                self._built = built
            return built
