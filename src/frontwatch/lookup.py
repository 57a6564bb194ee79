"""Which stored places a user's query means, whatever its spelling, script or typo.

``find_place(store, "Ізюм").keys`` gives the place keys (as :func:`~frontwatch.store.place_key`
makes them) to filter claims, events and control periods by. The query is tried, cheapest
first, as a stored key, a stored name, a part of stored names, then through the places
stage's resolver (aliases, transliterations, Cyrillic, typos); the gazetteer is loaded
only for that last step. When nothing matches, ``message()`` says so with the nearest
stored names. The CLI's place arguments go through here, and so can any other front end.

Reading the stored names scans every claim (seconds at 1,000,000 claims); a server that
looks places up on every request keeps a :class:`PlaceNames` per value of
``store.place_names_version()`` and passes it in.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from frontwatch.model import Place
from frontwatch.places import PlaceResolver, Resolution
from frontwatch.store import Store

__all__ = ["PlaceLookup", "PlaceNames", "find_place"]

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


class PlaceNames:
    """The stored place names (``names``: name by key, as ``store.place_names()`` gives
    them) indexed for :func:`find_place`: whole names by their case-folded form, and every
    name folded once for the part matches."""

    __slots__ = ("_folded", "_whole", "names")

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = dict(names)
        by_key = sorted(self.names.items())
        self._folded = tuple((name.casefold(), key) for key, name in by_key)
        whole: dict[str, list[str]] = {}
        for folded, key in self._folded:
            whole.setdefault(folded, []).append(key)
        self._whole = {folded: tuple(keys) for folded, keys in whole.items()}

    def match(self, text: str) -> PlaceLookup | None:
        """A match found without the gazetteer: a key, a whole name, or a part of names
        (keys sorted); None when none of those matches."""
        if not text:
            return PlaceLookup(text, (), "none")
        if text in self.names:
            return PlaceLookup(text, (text,), "key")
        folded = text.casefold()
        whole = self._whole.get(folded)
        if whole:
            return PlaceLookup(text, whole, "name")
        part = tuple(key for name, key in self._folded if folded in name)
        return PlaceLookup(text, part, "name part") if part else None


def find_place(
    store: Store,
    query: str,
    resolver: PlaceResolver | None = None,
    names: PlaceNames | None = None,
) -> PlaceLookup:
    """The stored places ``query`` means; ``resolver`` defaults to the process-wide one,
    ``names`` to the store's names read now."""
    text = query.strip()
    index = names if names is not None else PlaceNames(store.place_names())
    found = index.match(text)
    if found is not None:
        return found
    resolution = (resolver or PlaceResolver.default()).resolve(text)
    keys = _resolved_keys(resolution, index.names)
    if keys:
        return PlaceLookup(text, keys, "resolved", resolution.place)
    hints = [text] + ([resolution.place.name] if resolution.place else [])
    return PlaceLookup(
        text, (), "none", resolution.place, _nearest_names(hints, index.names.values())
    )


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
