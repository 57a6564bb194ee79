"""Words that point back at a place named earlier: "the town", "the area", "the region", "it".

A definite noun phrase or pronoun takes the most recent fitting place named before it, within
a few sentences: "the town/city/village" a settlement (precision 1), "the area/vicinity" a
settlement (precision 2), "the region/oblast" the oblast the last place lies in (precision 3),
and "it" a settlement named earlier in the same or the two sentences before (precision 1), when
"it" is the subject or object of a verb that takes a place (``PLACE_VERBS``) or of "is
under/in ...". "in the east" and the like in
a text about Ukraine give the curated macro-regions (precision 3).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontwatch.model import Place
from frontwatch.places.gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Token

TOWN_WORDS = frozenset({"town", "city", "village", "settlement", "hamlet", "locality"})
#: The largest place each word may refer back to: "the village" is never Moscow. Ukraine's
#: villages (selo) rarely pass 10,000 people, its urban-type settlements 50,000; a "town" of
#: more than half a million people is a city.
LARGEST = {"village": 20_000, "hamlet": 20_000, "settlement": 60_000, "locality": 60_000,
           "town": 500_000}  # fmt: skip
AREA_WORDS = frozenset({"area", "vicinity", "surroundings", "outskirts", "environs"})
REGION_WORDS = frozenset({"region", "oblast", "province"})
FACILITY_WORDS = frozenset({"plant", "station", "facility"})
COMPASS_REGIONS = {
    "east": "Eastern Ukraine",
    "south": "Southern Ukraine",
    "north": "Northern Ukraine",
    "northeast": "Eastern Ukraine",
    "southeast": "Southern Ukraine",
}
_COMPASS_PREPOSITIONS = frozenset({"in", "across", "throughout", "into", "of"})
#: Verbs whose subject or object "it" may be a place ("retook it", "it fell", "it was shelled").
PLACE_VERBS = frozenset(
    {"abandon", "attack", "besiege", "bomb", "blockade", "capture", "control", "cut", "defend"}
    | {"encircle", "enter", "evacuate", "fall", "free", "hit", "hold", "isolate", "leave"}
    | {"liberate", "lose", "occupy", "overrun", "reach", "recapture", "regain", "retake", "seize"}
    | {"shell", "storm", "strike", "surround", "take", "target"}
)
_IT_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
SENTENCE_WINDOW = 3
#: "it" is not taken to mean a city this large ("Moscow ... it" is usually the government).
METROPOLIS = 2_000_000
_TRIGGERS = TOWN_WORDS | AREA_WORDS | REGION_WORDS | FACILITY_WORDS | set(COMPASS_REGIONS) | {"it"}


@dataclass(frozen=True, slots=True)
class Named:
    """A resolved place name of the document: view offsets, sentence, place and its score."""

    start: int
    end: int
    sentence: int
    place: Place
    score: float
    text: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A span that refers to a place without naming it."""

    start: int
    end: int
    place: Place
    precision: int
    score: float
    reason: str
    method: str = "anaphora"


@dataclass(frozen=True, slots=True)
class _Scope:
    named: list[Named]
    gazetteer: Gazetteer
    country: str | None
    sentence_of: Callable[[int], int]


def references(
    tokens: list[Token],
    named: list[Named],
    gazetteer: Gazetteer,
    country: str | None,
    sentence_of: Callable[[int], int],
) -> list[Reference]:
    """Every referring span of a document (``tokens``) with the place it points at."""
    scope = _Scope(named, gazetteer, country, sentence_of)
    taken = [(n.start, n.end) for n in named]
    out = []
    for token in tokens:
        if token.lower_ not in _TRIGGERS or any(s <= token.idx < e for s, e in taken):
            continue
        ref = _refer(token, scope)
        if ref is not None:
            out.append(ref)
    return out


def _refer(token: Token, scope: _Scope) -> Reference | None:
    word = token.lower_
    if word == "it":
        return _pronoun(token, scope)
    if token.i == 0 or token.nbor(-1).lower_ != "the" or _followed_by_of(token):
        return None
    if word in COMPASS_REGIONS:
        return _compass(token, scope.gazetteer) if scope.country == "UA" else None
    if word in AREA_WORDS:
        return _back(token, scope, 2, "is the area of")
    return _singular(token, scope) if token.tag_ == "NN" else None


def _singular(token: Token, scope: _Scope) -> Reference | None:
    """ "the town", "the plant", "the region" (singular nouns only: "the towns" is not one)."""
    word = token.lower_
    if word in TOWN_WORDS:
        largest = LARGEST.get(word)
        if largest is None:
            return _back(token, scope, 1, "refers back to")
        return _back(token, scope, 1, "refers back to", lambda p: _small_settlement(p, largest))
    if word in FACILITY_WORDS:
        return _back(token, scope, 1, "refers back to", _is_facility)
    return _region(token, scope)


def _followed_by_of(token: Token) -> bool:
    """ "the city of X", "the town's" is fine, "the city Izium" names it: not a reference."""
    if token.i + 1 >= len(token.doc):
        return False
    nxt = token.nbor(1)
    return nxt.lower_ == "of" or nxt.pos_ == "PROPN"


def _is_settlement(place: Place) -> bool:
    return place.kind == "settlement"


def _small_settlement(place: Place, largest: int) -> bool:
    return place.kind == "settlement" and place.population <= largest


def _is_facility(place: Place) -> bool:
    return place.kind == "facility"


def _not_a_capital(place: Place) -> bool:
    """A settlement "it" may mean: not a metropolis, usually named for its government."""
    return place.kind == "settlement" and place.population < METROPOLIS


def _in_ukraine(place: Place) -> bool:
    return place.country == "UA" and bool(place.admin1)


def _antecedent(start: int, sentence: int, named: list[Named], fits: Callable[[Place], bool],
                window: int = SENTENCE_WINDOW) -> Named | None:  # fmt: skip
    for candidate in reversed(named):
        if candidate.end > start or sentence - candidate.sentence > window:
            continue
        if fits(candidate.place):
            return candidate
    return None


def _back(
    token: Token,
    scope: _Scope,
    precision: int,
    how: str,
    fits: Callable[[Place], bool] | None = None,
) -> Reference | None:
    det = token.nbor(-1)
    here = scope.sentence_of(token.idx)
    found = _antecedent(det.idx, here, scope.named, fits or _is_settlement)
    if found is None:
        return None
    return Reference(
        start=det.idx, end=token.idx + len(token.text), place=found.place, precision=precision,
        score=found.score, reason=f"'the {token.text}' {how} {found.text!r} (offset {found.start})",
    )  # fmt: skip


def _region(token: Token, scope: _Scope) -> Reference | None:
    det = token.nbor(-1)
    here = scope.sentence_of(token.idx)
    found = _antecedent(det.idx, here, scope.named, _in_ukraine)
    if found is None or found.place.admin1 is None:
        return None
    row = scope.gazetteer.region_of_admin1.get(found.place.admin1)
    if row is None:
        return None
    region = scope.gazetteer.place(row)
    return Reference(
        start=det.idx, end=token.idx + len(token.text), place=region, precision=3,
        score=found.score,
        reason=f"'the {token.text}' is the oblast of {found.text!r} (offset {found.start})",
    )  # fmt: skip


def _compass(token: Token, gazetteer: Gazetteer) -> Reference | None:
    det = token.nbor(-1)
    if det.i == 0 or det.nbor(-1).lower_ not in _COMPASS_PREPOSITIONS:
        return None
    hits = gazetteer.lookup(COMPASS_REGIONS[token.lower_])
    if not hits:
        return None
    region = gazetteer.place(hits[0].row)
    return Reference(
        start=det.idx, end=token.idx + len(token.text), place=region, precision=3, score=0.5,
        reason=f"'the {token.text}' of a text about Ukraine: {region.name}", method="region",
    )  # fmt: skip


def _pronoun(token: Token, scope: _Scope) -> Reference | None:
    if token.dep_ not in _IT_ROLES or not _place_verb(token):
        return None
    here = scope.sentence_of(token.idx)
    found = _antecedent(token.idx, here, scope.named, _not_a_capital, window=2)
    if found is None:
        return None
    return Reference(
        start=token.idx, end=token.idx + len(token.text), place=found.place, precision=1,
        score=round(found.score * 0.6, 4),
        reason=f"'{token.text}' refers back to {found.text!r} (offset {found.start})",
    )  # fmt: skip


def _place_verb(token: Token) -> bool:
    """The verb "it" hangs on can take a place, and "it" is not an expletive ("it is likely")."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    if verb.lemma_ == "be" and token.dep_ == "nsubj":
        deps = {child.dep_ for child in verb.children}
        return "prep" in deps and not deps & {"ccomp", "xcomp", "acomp", "attr"}
    return verb.lemma_ in PLACE_VERBS


def sentence_index(tokens: list[Token]) -> Callable[[int], int]:
    """A function from a view offset to its sentence number."""
    starts = [t.idx for t in tokens if t.is_sent_start]
    return lambda offset: max(0, bisect_right(starts, offset) - 1)
