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
    by_place: dict[str, list[ControlPeriod]] = {}
    for p in periods:
        by_place.setdefault(place_key(p.place) or p.place.name, []).append(p)
    chosen: list[ControlPeriod] = []
    for group in by_place.values():
        group.sort(key=lambda p: p.start or "")
        found = [p for p in group if _covers(p, day)] if day else group[-1:]
        chosen.extend(found[-1:])
    return sorted(chosen, key=lambda p: p.place.name)


def _covers(p: ControlPeriod, day: date) -> bool:
    iso = day.isoformat()
    return (p.start or "") <= iso and (p.end is None or iso <= p.end)
