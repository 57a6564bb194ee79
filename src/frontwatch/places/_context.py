"""What the words around a place name say: stated distances and bearings, and precision.

"some 20 kilometres from Izium" ties the name before it to an anchor, and so do words
without a distance ("Y, east of X", "Y near X", "Y in the X direction"); "near X",
"around X", "the outskirts of X", "the X area" make a mention approximate (precision 2);
"the X direction", or "around" a city of half a million, make it a zone (precision 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch.places.geo import COMPASS

MILE_KM = 1.609344
BIG_CITY = 500_000
_NUMBER = r"(?P<n>\d{1,4}(?:[.,]\d+)?)"
_UNIT = r"(?P<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)"
_BEARING = r"(?P<bearing>(?:north|south|east|west)(?:-?(?:north|south|east|west)){0,2})(?:ern)?"
DISTANCE = re.compile(
    rf"\b{_NUMBER}[\s-]*{_UNIT}\b(?:\s*\([^)]{{1,20}}\))?\s+"
    rf"(?:(?:to\s+the\s+)?{_BEARING}\s+)?(?:of|from)\s+(?:the\s+(?:city|town|village)\s+of\s+)?",
    re.IGNORECASE,
)
_TOWN_OF = r"(?:\s+the)?(?:\s+[\w'’-]+){0,2}?\s+(?:city|town|village|settlement|port)\s+of"
_NEAR = re.compile(
    r"\b(?P<prep>around|near|nearby|outside|close\s+to|(?:the\s+)?outskirts\s+of|"
    r"(?:the\s+)?(?:vicinity|area|areas|environs|surroundings|suburbs|approaches)\s+(?:of|to)|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of|(?:the\s+)?direction\s+of)"
    rf"(?:{_TOWN_OF}|\s+the)?\s+$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^(?:'s)?\s+(?P<noun>area|areas|district|outskirts|environs|surroundings|suburbs|"
    r"direction|axis|front|sector|salient)\b",
    re.IGNORECASE,
)
_ZONE_WORDS = frozenset({"direction", "axis", "front", "sector", "salient"})
_LIST_ITEM = r"(?:,\s*(?:and\s+)?|\s+(?:and|or|&)\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?"
_UNIT_AFTER = re.compile(
    rf"^(?:\s+(?i:county|parish)\b|(?:{_LIST_ITEM}){{0,12}}\s+(?i:counties|parishes)\b)"
)


@dataclass(frozen=True, slots=True)
class Distance:
    """A stated distance ending right before an anchor name (view offset ``end``)."""

    start: int
    end: int
    km: float
    bearing: float | None
    text: str


def distances(text: str) -> list[Distance]:
    """Every "<n> km [bearing] of|from" phrase of ``text``."""
    out = []
    for match in DISTANCE.finditer(text):
        value = float(match.group("n").replace(",", "."))
        km = value * MILE_KM if match.group("unit").lower().startswith("mi") else value
        bearing = _bearing(match.group("bearing"))
        out.append(Distance(match.start(), match.end(), km, bearing, match.group(0).strip()))
    return out


def _bearing(word: str | None) -> float | None:
    if not word:
        return None
    word = word.lower()
    return COMPASS.get(word, COMPASS.get(word.replace("-", "")))


#: Words between a name and a place that tie the name to it: "Y, east of X", "Y near X", "Y
#: on the outskirts of X", "Y, a village outside the town of X". "in/on/along the X" ties
#: only when a zone noun follows X ("in the X direction", "on the X axis": see ``_ZONE_AFTER``).
_TIE = re.compile(
    r"^\s*,?\s*(?:(?:which|that)\s+(?:is|lies)\s+|(?:an?|the)\s+(?:village|town|settlement)\s+)?"
    r"(?:(?P<near>near|nearby|outside|close\s+to|next\s+to|not\s+far\s+from|"
    r"(?:on\s+)?the\s+outskirts\s+of|(?:just\s+)?(?:north|south|east|west)(?:-?(?:east|west))?"
    r"(?:ern)?\s+of)|(?P<zone>(?:in|on|along|towards?)\s+the))"
    r"(?:\s+(?:the\s+)?(?:city|town|village|settlement)\s+of)?\s+$",
    re.IGNORECASE,
)
_ZONE_AFTER = re.compile(
    r"^\s+(?:direction|axis|front|sector|area|district|raion)\b", re.IGNORECASE
)
#: The most characters between a name and the place that words tie it to.
TIE_CHARS = 60


def tie_words(between: str, after: str) -> str | None:
    """The words that tie a name to the place named next (``between``: the text between the
    two; ``after``: the text after that place), or None when they do not tie the two."""
    if len(between) > TIE_CHARS:
        return None
    match = _TIE.match(between)
    if match is None or (match.group("zone") and not _ZONE_AFTER.match(after[:30])):
        return None
    return " ".join(between.strip(" ,").split())


@dataclass(frozen=True, slots=True)
class Hint:
    """How approximate a mention is, from its neighbouring words, and the words that said so."""

    precision: int
    words: str


def precision_hint(before: str, after: str, population: int) -> Hint | None:
    """Precision 2 or 3 when the words around a settlement's name make it approximate."""
    tail = _AFTER.match(after)
    if tail:
        noun = tail.group("noun").lower()
        return Hint(3 if noun in _ZONE_WORDS else 2, f"the name is followed by {noun!r}")
    head = _NEAR.search(before[-80:])
    if not head:
        return None
    prep = " ".join(head.group("prep").lower().split())
    zone = prep.endswith("direction of") or (
        prep in ("around", "the vicinity of", "vicinity of") and population >= BIG_CITY
    )
    return Hint(3 if zone else 2, f"{prep!r} before the name")


def county_word(after: str) -> bool:
    """True when the text after a name makes it a county: "Jackson County" or the list "Becker,
    Clay, Douglas and Grant counties" (each name of the list is one)."""
    return _UNIT_AFTER.match(after[:300]) is not None
