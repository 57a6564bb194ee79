"""The state of every place on a day, chosen from stored control periods.

Kept in the store (not in fusion) so that reading the state of the map costs no spaCy
import: the ``control`` command and the HTTP API's ``/control`` both ask it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from frontwatch.model import ControlPeriod
from frontwatch.store.codec import place_key


def control_on(periods: Iterable[ControlPeriod], day: date | None) -> list[ControlPeriod]:
    """Per place, the period covering ``day`` (none where no period does), or with no
    day its open period, else its latest; sorted by place name."""
    return ControlIndex(periods).on(day)


class ControlIndex:
    """Periods grouped by place and sorted by start once, to choose the state on many
    days: ``ControlIndex(periods).on(day)`` is ``control_on(periods, day)``."""

    __slots__ = ("_groups",)

    def __init__(self, periods: Iterable[ControlPeriod]) -> None:
        by_place: dict[str, list[ControlPeriod]] = {}
        for p in periods:
            by_place.setdefault(place_key(p.place) or p.place.name, []).append(p)
        for group in by_place.values():
            group.sort(key=lambda p: p.start or "")
        self._groups = tuple(tuple(group) for group in by_place.values())

    def on(self, day: date | None) -> list[ControlPeriod]:
        """Per place, the latest-starting period covering ``day`` (with no day: the
        latest-starting period), sorted by place name."""
        if day is None:
            chosen = [group[-1] for group in self._groups]
        else:
            iso = day.isoformat()
            chosen = [p for group in self._groups if (p := _covering(group, iso)) is not None]
        return sorted(chosen, key=lambda p: p.place.name)


def _covering(group: tuple[ControlPeriod, ...], iso: str) -> ControlPeriod | None:
    for p in reversed(group):
        if (p.start or "") <= iso and (p.end is None or iso <= p.end):
            return p
    return None
