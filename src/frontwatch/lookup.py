"""Which stored places a user's query means, whatever its spelling, script or typo.

``find_place(store, "Ізюм").keys`` gives the place keys (as :func:`~frontwatch.store.place_key`
makes them) to filter claims, events and control periods by. The query is tried, cheapest
first, as a stored key, a stored name, a part of stored names, then through the places
stage's resolver (aliases, transliterations, Cyrillic, typos); the gazetteer is loaded
only for that last step. When nothing matches, ``message()`` says so with the nearest
stored names. The CLI's place arguments go through here, and so can any other front end.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from frontwatch.model import Place
from frontwatch.places import PlaceResolver, Resolution
from frontwatch.store import Store

__all__ = ["PlaceLookup", "find_place"]

SUGGESTIONS = 3
How = Literal["key", "name", "name part", "resolved", "none"]


@dataclass(frozen=True, slots=True)
class PlaceLookup:
    """The stored places a query means (``keys``, empty when none) and how they were found.

    ``how`` says which step matched ("none": no step); ``resolved`` is the
    gazetteer place the query was resolved to, when the resolver was asked;
    ``suggestions`` are the nearest stored names when nothing matched.
    """

    query: str
    keys: tuple[str, ...]
    how: How
    resolved: Place | None = None
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.keys)

    def message(self) -> str:
        """Why nothing matched, and the nearest stored names ("" when something matched)."""
        if self.found:
            return ""
        what = f"no place {self.query!r} in the store"
        if self.resolved is not None:
            p = self.resolved
            where = f" ({p.admin1})" if p.admin1 else ""
            what = f"{self.query!r} is {p.name}{where}, which has nothing in the store"
        if not self.suggestions:
            return f"{what}; the store has no places yet"
        return f"{what}; did you mean {', '.join(self.suggestions)}?"


def find_place(store: Store, query: str, resolver: PlaceResolver | None = None) -> PlaceLookup:
    """The stored places ``query`` means; ``resolver`` defaults to the process-wide one."""
    text = query.strip()
    names = store.place_names()
    found = _stored_match(text, names)
    if found is not None:
        return found
    resolution = (resolver or PlaceResolver.default()).resolve(text)
    keys = _resolved_keys(resolution, names)
    if keys:
        return PlaceLookup(text, keys, "resolved", resolution.place)
    hints = [text] + ([resolution.place.name] if resolution.place else [])
    return PlaceLookup(text, (), "none", resolution.place, _nearest_names(hints, names.values()))


def _stored_match(text: str, names: Mapping[str, str]) -> PlaceLookup | None:
    """A match found without the gazetteer: a key, a whole name, or a part of names."""
    if not text:
        return PlaceLookup(text, (), "none")
    if text in names:
        return PlaceLookup(text, (text,), "key")
    folded = text.casefold()
    whole = tuple(sorted(k for k, name in names.items() if name.casefold() == folded))
    if whole:
        return PlaceLookup(text, whole, "name")
    part = tuple(sorted(k for k, name in names.items() if folded in name.casefold()))
    return PlaceLookup(text, part, "name part") if part else None


def _resolved_keys(resolution: Resolution, names: Mapping[str, str]) -> tuple[str, ...]:
    """The stored keys among the resolver's choice, else among its other candidates."""
    if resolution.place is None:
        return ()
    chosen = _stored_key(resolution.place, names)
    if chosen is not None:
        return (chosen,)
    keys = (_stored_key(c.place, names) for c in resolution.candidates)
    return tuple(dict.fromkeys(k for k in keys if k is not None))


def _stored_key(place: Place, names: Mapping[str, str]) -> str | None:
    """The stored key of a gazetteer place: its GeoNames id, else (for places stored
    without one) its name."""
    if place.geonameid is not None and str(place.geonameid) in names:
        return str(place.geonameid)
    return place.name if names.get(place.name) == place.name else None


def _nearest_names(hints: Iterable[str], names: Iterable[str]) -> tuple[str, ...]:
    """The stored names most like any of ``hints`` (best first, by difflib's ratio)."""
    folded = [h.casefold() for h in hints if h]
    unique = sorted(set(names))

    def likeness(name: str) -> float:
        target = name.casefold()
        return max((difflib.SequenceMatcher(None, h, target).ratio() for h in folded), default=0)

    return tuple(sorted(unique, key=lambda n: (-likeness(n), n))[:SUGGESTIONS])
