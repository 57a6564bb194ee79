"""Resolve a place name to a gazetteer entry, with scored candidates and a readable reason.

Each candidate gets a score in log space from: how the name matched (exact, alternate,
transliteration, case form, typo), population, the country the document is about, the
administrative hints of the text, the other places of the document (nearby is likelier), a
point the caller names, and stated distances/bearings ("76 kilometers northeast of
Balakliya"). Scores become probabilities over the candidates, so a name that 61 villages
share with no context comes back with an honest low score and its alternatives.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from frontwatch.model import Candidate, Mention, Place
from frontwatch.places._detect import NEVER_ALONE, common_word, stoplist
from frontwatch.places._text import clean, key, script
from frontwatch.places.gazetteer import NEIGHBOURS, Gazetteer, Hit, cache_folder
from frontwatch.places.gazetteer import _fingerprint as index_fingerprint
from frontwatch.places.geo import angle_between, bearing_deg, compass_word, distance_km

if TYPE_CHECKING:
    from frontwatch.read import Parsed

MAX_NAME = 200
MAX_CANDIDATES = 8
#: A longer name is searched for the places inside it up to this many words.
MAX_PART_WORDS = 8
FUZZY_CUTOFF = 0.9
#: Outside Ukraine and its neighbours only big places carry alternate names in the index, so an
#: alternate-name hit there ("Salisbury" for Harare) must not outweigh a place of that very name.
FOREIGN_ALTERNATE = -2.0
#: The bonus of a national capital over other places of its name (London, Washington).
CAPITAL = 1.0
#: The penalty of an administrative unit for a settlement of its name inside it (Tunis).
NAMED_AFTER_CITY = -1.0
#: How far from a unit's centre a settlement of its name makes it "named after the city".
SEAT_KM = 60.0
#: An admin1 unit's prior: this plus a little for the population of its cities (see _prior).
ADMIN1_BASE = 5.0
#: An admin2 unit's (county, district) prior never exceeds this.
ADMIN2_CAP = 4.5
#: The bonus for lying in an administrative unit the text names somewhere else.
DOC_ADMIN1 = 2.0
#: The most a named place nearby adds (it fades with distance, see ``_proximity``).
PROXIMITY = 3.0
#: The bonus for each other name of the text with a candidate near this one ("Paris and Henry
#: County": Paris, Tennessee lies in a Henry County), counted up to ``SUPPORT_NAMES`` names.
SUPPORT = 1.0
SUPPORT_NAMES = 3
#: The bonus of a first-level unit for each other place of the text inside it ("Ohio" in a
#: report naming Cincinnati and Warren County is the state), up to ``SUPPORT_NAMES`` places.
HOLDS = 1.0
#: A point the caller names (``near``) or the text ties a name to ("east of Kupiansk"): the
#: bonus at the point itself, less one for every ``TIE_KM_PER_POINT`` km away, down to
#: ``TIE_FLOOR``. Linear, not fading: a village 150 km from the point must still beat a
#: namesake ten times its size 300 km away (one point of score is a factor of ten in
#: population), where a bonus fading to nothing would leave the two to population.
TIE = 3.0
TIE_KM_PER_POINT = 50.0
TIE_FLOOR = -6.0
#: A settlement or district farther than this from every other place of the text and from every
#: point the text or the caller ties it to is not picked silently: ``Resolution.unsure``.
UNSURE_KM = 100.0
#: The probability an unsure pick keeps at most (its alternatives are scaled alike): the rest is
#: left to a place of that name the gazetteer may lack or places only roughly (abroad it holds
#: the places of 500 people or more; in Ukraine every settlement, some at their hromada's centre).
UNSURE_SCORE = 0.3
#: Towns at least this big are what their bare name means wherever the text is: never unsure
#: (Kostiantynivka, a town of 67,000 with village namesakes, named in a report on Kyiv). The
#: namesakes a text mixes up are villages: the few hundred Ivanivkas and Mykolaivkas of Ukraine.
UNSURE_POPULATION = 20_000
#: The bonus of each candidate within ``UNSURE_KM`` of the text's places when the likeliest one
#: lies farther than that from all of them: a reading that stays inside the story beats a
#: bigger namesake elsewhere ("Bohdanivka, Ivanivske and Klishchiivka": the village beside
#: Klishchiivka, not the town of 5,000 near Pavlohrad). A town of ``UNSURE_POPULATION`` or more
#: yields only to a point the words tie the name to ("Makiivka near Kreminna"). The caller's
#: ``near`` is not such a point: it names a region, often more than ``UNSURE_KM`` across.
INSIDE_STORY = 3.0
#: The population a settlement of unknown population (0) is scored as: GeoNames cities500 lists
#: places of 500 people or more, and seats of administrative units whatever their size.
UNKNOWN_POPULATION = 500
#: The population a village of ``villages.tsv`` is scored as: the settlements cities500 lacks,
#: most of them under 500 people (a town of 5,000 near a story keeps its name against one).
VILLAGE_POPULATION = 30
#: Grid cells (degrees) in which candidates of two names count as near each other.
CELL_DEGREES = 1.0
#: The bonus of a county (second-level unit) when the words after the name say "counties".
COUNTY_WORD = 4.0
#: The bonus for lying in the unit named right after the name ("Springfield, Ohio").
ATTACHED_ADMIN1 = 5.0
#: The penalty of a settlement matched only by the first words of its name ("Mexico" of Mexico
#: City) when a country, or a first-level unit, bears exactly that name.
SHORTENED = -3.0
#: A city this big keeps its short name against a first-level unit ("New York").
SHORT_NAME_CITY = 1_000_000
#: The score of a name matched only by a Russian form derived from the Ukrainian one (see
#: ``_HOW_BONUS``): two points below the exact and transliterated names, a factor of 100 in
#: population, so an attested namesake wins without context and the oblast the text names
#: (``ATTACHED_ADMIN1``) or a point the name is tied to outweighs it.
DERIVED = -2.0
#: A name this long or longer may be a derived Russian form one vowel apart (``_vowel_apart``).
MIN_VOWEL_APART = 6
_VOWELS = "aeiouy"
_HOW_BONUS = {
    "name": 0.0,
    "katottg": 0.0,
    "uk": 0.0,
    "curated": 0.2,
    "region": 0.2,
    "geonames": -0.3,
    "translit-uk": -0.2,
    "translit-ru": -0.3,
    "apostrophe": -0.3,
    "case-uk": -0.6,
    "case-ru": -0.6,
    "demonym": -0.3,
    # an old name of a renamed place that other settlements bear today ("Andriivka" of what is
    # now Sukhanivka): the places that have the name now come first
    "former": -1.5,
    # a Russian form the generator derived from the Ukrainian name by regular correspondences
    # ("Kleshcheyevka" of Klishchiivka): no source attests it, so a place that bears the name in
    # GeoNames comes first unless the text (its oblast, its other places, a point) says otherwise
    "derived-ru": DERIVED,
}
_KIND_BONUS = {
    "country": 8.5,
    "continent": 8.5,
    "region": 5.0,
    "river": 3.5,
    "facility": 3.5,
}
#: What a candidate's reasons say of a settlement no source gives a point of its own.
_UNPLACED = {
    2: "its point is its hromada's centre (no source places it; precision 2)",
    3: "its point is its raion's centre (no source places it; precision 3)",
}
_ABBREVIATIONS = {"st": "Saint", "ste": "Sainte", "mt": "Mount", "ft": "Fort", "pt": "Port"}
_ABBREVIATION = re.compile(r"\b(st|ste|mt|ft|pt)\.?\s+(?=\w)", re.IGNORECASE)
_COUNTY = re.compile(r"\s+co\.?$", re.IGNORECASE)
_UNIT_WORD = re.compile(r"\s+(state|city)$", re.IGNORECASE)
_HOMOGLYPHS_TO_CYRILLIC = str.maketrans("AaBCcEeHiIKMOoPpTXxy", "АаВСсЕеНіІКМОоРрТХху")
_HOMOGLYPHS_TO_LATIN = str.maketrans("АаВСсЕеНіІКМОоРрТХху", "AaBCcEeHiIKMOoPpTXxy")


@dataclass(frozen=True, slots=True)
class DistanceConstraint:
    """A stated distance (and maybe bearing) of the place from an anchor: "76 km northeast of X"."""

    km: float
    anchor: Place
    bearing: float | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What the document tells about where its places are.

    ``places``: places already resolved in the document; ``admin1``: administrative units
    the text ties to this name ("Lyman, Donetsk Oblast"); ``doc_admin1``: units named anywhere
    in the text (a weaker hint); ``constraints``: stated distances from anchors; ``country``:
    the country the document is about (overrides ``resolve``'s ``country``); ``nearby``: for
    each other name of the text, the grid cells of all its candidates (see
    :meth:`PlaceResolver.cells`), so names that can lie together are read together;
    ``county``: the words after the name make it a county ("Barrow and Jackson counties");
    ``anchors``: places the words around the name tie it to ("east of Kupiansk", "near Lyman",
    "in the Lyman direction"), read like a ``near`` point.
    """

    places: tuple[Place, ...] = ()
    admin1: tuple[str, ...] = ()
    constraints: tuple[DistanceConstraint, ...] = ()
    country: str | None = None
    doc_admin1: tuple[str, ...] = ()
    nearby: tuple[frozenset[tuple[int, int]], ...] = ()
    county: bool = False
    anchors: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer for one name: the chosen place (or None), its probability, the alternatives.

    ``unsure``: the chosen settlement lies far (over ``UNSURE_KM``) from every other place of
    the text and every point it was tied to; its score is capped at ``UNSURE_SCORE`` and a
    consumer should not place anything there on this mention alone. ``share``: the pick's
    probability among the candidates before that cap (what the text's other names may lean on:
    a place far from the rest still tells where they may be).
    """

    query: str
    place: Place | None
    score: float
    precision: int
    candidates: tuple[Candidate, ...]
    reason: str
    match: str = "exact"
    unsure: bool = False
    share: float = 0.0


@dataclass(slots=True)
class _Scored:
    row: int
    how: str
    similarity: float
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


class PlaceResolver:
    """Resolves names against the cached gazetteer; ``mentions`` finds them in parsed text."""

    _default: PlaceResolver | None = None
    _lock = threading.Lock()

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._fuzzy_buckets = _buckets(gazetteer.fuzzy_keys)
        self._cells: dict[str, frozenset[tuple[int, int]]] = {}

    @staticmethod
    def index_cached() -> bool:
        """Whether :meth:`default` finds the index on disk (else it builds it: seconds);
        the path is :meth:`Gazetteer.load`'s."""
        return (cache_folder() / f"places-index-{index_fingerprint()[:20]}.pickle").is_file()

    @classmethod
    def default(cls) -> PlaceResolver:
        """The process-wide resolver over the cached on-disk index."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls(Gazetteer.load())
            return cls._default

    def resolve(
        self,
        name: str,
        *,
        near: tuple[float, float] | None = None,
        country: str | None = "UA",
        context: ResolveContext | None = None,
    ) -> Resolution:
        """Resolve one name; never raises for bad input (empty, huge, control or mixed letters)."""
        query = name if isinstance(name, str) else str(name)
        problem = _bad_name(query)
        if problem:
            return _not_found(query, problem)
        found, match = self._candidates(clean(query))
        if not found:
            return _not_found(query, f"no place in the gazetteer is called {clean(query)!r}")
        ctx = context or ResolveContext()
        resolution = self._choose(query, found, near, ctx.country or country, ctx)
        if match == "part" and resolution.place is not None:
            inside = f"no place is called {clean(query)!r}; {resolution.place.name} is named in it"
            resolution = replace(resolution, reason=f"{inside}: {resolution.reason}")
        return replace(resolution, match=match)

    def cells(self, name: str) -> frozenset[tuple[int, int]]:
        """The grid cells of every settlement or county ``name`` could be (for ``nearby``)."""
        text = clean(name) if isinstance(name, str) else ""
        if _bad_name(text):
            return frozenset()
        cached = self._cells.get(text)
        if cached is None:
            found, _ = self._candidates(text)
            g = self.gazetteer
            cached = frozenset(_cell(g.coords(c.row)) for c in found
                               if g.kind(c.row) in _POINT_KINDS)  # fmt: skip
            if len(self._cells) > 50_000:
                self._cells.clear()
            self._cells[text] = cached
        return cached

    def mentions(self, parsed: Parsed) -> list[Mention]:
        """Place mentions of a parsed document (see :mod:`frontwatch.places.mentions`)."""
        from frontwatch.places.mentions import find_mentions  # noqa: PLC0415 - import cycle

        return find_mentions(self, parsed)

    # ------------------------------------------------------------ candidates

    def _candidates(self, name: str) -> tuple[list[_Scored], str]:
        exact = self._exact(name)
        if exact:
            return exact, "exact"
        fuzzy = self._fuzzy(name) or self._vowel_apart(name)
        return (fuzzy, "fuzzy") if fuzzy else (self._parts(name), "part")

    def _exact(self, name: str) -> list[_Scored]:
        for variant in _variants(name):
            hits = self.gazetteer.lookup(variant)
            if hits:
                return _best_per_row(hits, 1.0)
        return []

    def _parts(self, name: str) -> list[_Scored]:
        """The places named inside a longer name no place bears: "Bank of Japan" -> Japan,
        "Colorado State University" -> Colorado, "Walker County Sheriff's Office" -> the county.

        The longest runs of capitalised words that name a place; words never a place on their
        own (the stoplist, and generic words: "Bank", "University", "Street") are not tried.
        """
        words = name.split()
        if not 2 <= len(words) <= MAX_PART_WORDS:
            return []
        stop = stoplist() | NEVER_ALONE
        for size in range(len(words) - 1, 0, -1):
            found: list[_Scored] = []
            for i in range(len(words) - size + 1):
                part = words[i : i + size]
                if not all(w[:1].isupper() for w in part) or (size == 1 and key(part[0]) in stop):
                    continue
                found += self._exact(" ".join(part))
            if found:
                return _dedupe(found)
        return []

    def _fuzzy(self, name: str) -> list[_Scored]:
        """Typo-tolerant lookup among keys that share the first letter (Izuim -> Izium)."""
        k = key(name)
        if len(k) < 4 or not k.isascii():
            return []
        matches = process.extract(
            k, self._fuzzy_buckets.get(k[0], ()), scorer=JaroWinkler.normalized_similarity,
            score_cutoff=FUZZY_CUTOFF, limit=5,
        )  # fmt: skip
        out: list[_Scored] = []
        for match, similarity, _ in matches:
            if DamerauLevenshtein.distance(k, match) <= _max_edits(k):
                out += _best_per_row(self.gazetteer.lookup(match), float(similarity))
        return _dedupe(out)

    def _vowel_apart(self, name: str) -> list[_Scored]:
        """Russian forms derived from Ukrainian names one vowel apart from ``name``: the vowels
        of the two languages' forms of a root differ where no regular rule says so (Ukrainian
        робота, Russian работа: "Rabotino" for the derived "Robotino" of Robotyne)."""
        k = key(name)
        if len(k) < MIN_VOWEL_APART or not k.isascii() or not k.isalpha():
            return []
        out: list[_Scored] = []
        for i, letter in enumerate(k):
            if letter not in _VOWELS:
                continue
            for other in _VOWELS.replace(letter, ""):
                hits = self.gazetteer.lookup(k[:i] + other + k[i + 1 :])
                derived = [h for h in hits if h.how == "derived-ru"]
                out += _best_per_row(derived, 1.0 - 1.0 / len(k))
        return _dedupe(out)

    # ------------------------------------------------------------ scoring

    def _choose(
        self,
        query: str,
        found: list[_Scored],
        near: tuple[float, float] | None,
        country: str | None,
        ctx: ResolveContext,
    ) -> Resolution:
        own = frozenset(_point(self.gazetteer.coords(c.row)) for c in found)
        for cand in found:
            self._score(query, cand, near, country, ctx, own)
        self._seats(found)
        self._shortened(query, found)
        self._inside_story(found, ctx, country)
        found.sort(key=lambda c: (-c.score, -self.gazetteer.population(c.row), c.row))
        probs = _softmax([c.score for c in found])
        candidates = tuple(
            Candidate(
                place=self.gazetteer.place(c.row), score=round(p, 4), reasons=tuple(c.reasons)
            )
            for c, p in zip(found[:MAX_CANDIDATES], probs, strict=False)
        )
        share = candidates[0].score
        guessed = found[0].how == "derived-ru"
        far = _far(candidates[0].place, len(found), near, ctx, country, guessed=guessed)
        if far is not None and all(c.how == "derived-ru" for c in found):
            why = _guess_far_from_text(candidates[0].place, len(found), ctx, country)
            if why:
                return _not_found(query, why)
        if far is not None:
            candidates = _unsure(candidates, far)
        best = candidates[0]
        return Resolution(
            query=query, place=best.place, score=best.score,
            precision=self.gazetteer.precision(found[0].row),
            candidates=candidates, reason=_reason(best, len(found)), unsure=far is not None,
            share=share,
        )  # fmt: skip

    def _score(
        self,
        query: str,
        cand: _Scored,
        near: tuple[float, float] | None,
        country: str | None,
        ctx: ResolveContext,
        own: frozenset[tuple[float, float]],
    ) -> None:
        g = self.gazetteer
        kind = g.kind(cand.row)
        self._add(cand, _HOW_BONUS.get(cand.how, 0.0), f"matched as {cand.how}")
        if (
            cand.how == "geonames"
            and g.country(cand.row) not in NEIGHBOURS
            and kind == "settlement"
            and not _shortening(query, g.place_name(cand.row))
        ):
            self._add(cand, FOREIGN_ALTERNATE, "an alternate name of a settlement abroad")
        if cand.similarity < 1.0:
            deficit = -12.0 * (1.0 - cand.similarity)
            self._add(cand, deficit, f"spelling {cand.similarity:.2f} similar")
        self._size(cand, kind)
        if g.is_capital(cand.row):
            self._add(cand, CAPITAL, "a national capital")
        self._country(cand, country)
        if ctx.admin1 and g.admin1(cand.row) in ctx.admin1:
            self._add(cand, ATTACHED_ADMIN1, f"in {g.admin1(cand.row)}, named with it")
        elif ctx.doc_admin1 and g.admin1(cand.row) in ctx.doc_admin1 and kind == "settlement":
            self._add(cand, DOC_ADMIN1, f"in {g.admin1(cand.row)}, named elsewhere in the text")
        if ctx.county and kind == "admin2":
            self._add(cand, COUNTY_WORD, "a county, as the words after the name say")
        self._proximity(cand, ctx.places, own)
        self._support(cand, kind, ctx.nearby)
        if kind == "admin1":
            self._holds(cand, ctx.places)
        for constraint in ctx.constraints:
            self._constraint(cand, constraint)
        if near is not None:
            d = distance_km(g.coords(cand.row), near)
            self._add(cand, _tie(d), f"{d:.0f} km from the given point")
        for anchor in ctx.anchors:
            d = distance_km(g.coords(cand.row), (anchor.lat, anchor.lon))
            self._add(cand, _tie(d), f"{d:.0f} km from {anchor.name}, which the text ties it to")

    def _inside_story(self, found: list[_Scored], ctx: ResolveContext, country: str | None) -> None:
        """``INSIDE_STORY`` for the candidates near the text's places when the likeliest lies
        over ``UNSURE_KM`` from all of them (and the text names no unit that holds it)."""
        g = self.gazetteer
        if len(found) < 2:
            return
        best = max(found, key=lambda c: (c.score, g.population(c.row), -c.row))
        if g.kind(best.row) not in _POINT_KINDS:
            return
        ties = [(a.lat, a.lon) for a in ctx.anchors]
        ties += [(c.anchor.lat, c.anchor.lon) for c in ctx.constraints]
        points = ties
        if g.population(best.row) < UNSURE_POPULATION:
            points = ties + [p[:2] for p in _settlement_points(ctx.places)]
        far = _gap(g.coords(best.row), points)
        if far is None or far <= UNSURE_KM or _in_named_unit(g.place(best.row), ctx, country):
            return
        for cand in found:
            if g.kind(cand.row) not in _POINT_KINDS:
                continue
            gap = _gap(g.coords(cand.row), points)
            if gap is not None and gap <= UNSURE_KM:
                self._add(cand, INSIDE_STORY, f"{gap:.0f} km from the text's places, where the "
                          f"likeliest namesake lies {far:.0f} km from them")  # fmt: skip

    def _size(self, cand: _Scored, kind: str) -> None:
        """The prior of the candidate's kind and size; a village cities500 lacks scores as
        ``VILLAGE_POPULATION``, and its reasons say when its point is only its unit's centre."""
        g = self.gazetteer
        if g.is_village(cand.row):
            self._add(cand, math.log10(VILLAGE_POPULATION), "a village GeoNames cities500 lacks")
            if g.precision(cand.row) > 1:
                cand.reasons.append(_UNPLACED[g.precision(cand.row)])
            return
        pop = g.population(cand.row)
        self._add(cand, _prior(kind, pop), f"{kind}, population {pop:,}")

    def _seats(self, found: list[_Scored]) -> None:
        """A unit sharing its name with a settlement inside it: the bare name means the city."""
        g = self.gazetteer
        towns = [c.row for c in found if g.kind(c.row) == "settlement"]
        for cand in found:
            if g.kind(cand.row) not in ("admin1", "admin2") or not towns:
                continue
            here, cc = g.coords(cand.row), g.country(cand.row)
            seat = next((t for t in towns if g.country(t) == cc
                         and distance_km(here, g.coords(t)) <= SEAT_KM), None)  # fmt: skip
            if seat is not None:
                self._add(cand, NAMED_AFTER_CITY, f"{g.place_name(seat)} lies inside it")

    @staticmethod
    def _add(cand: _Scored, value: float, reason: str) -> None:
        cand.score += value
        cand.reasons.append(f"{reason} ({value:+.2f})")

    def _country(self, cand: _Scored, country: str | None) -> None:
        if not country:
            return
        cc = self.gazetteer.country(cand.row)
        if cc == country:
            self._add(cand, 3.0, f"in {country}, the country of the document")
        elif country == "UA" and cc in NEIGHBOURS:
            self._add(cand, 1.0, f"in {cc}, a neighbour of {country}")

    def _shortened(self, query: str, found: list[_Scored]) -> None:
        """ "Mexico", "Oklahoma": a country or state of that very name, not the city it starts."""
        g = self.gazetteer
        units = [c for c in found if g.kind(c.row) in ("country", "admin1")
                 and key(g.place_name(c.row)) == key(query)]  # fmt: skip
        if not units:
            return
        countries = any(g.kind(c.row) == "country" for c in units)
        for cand in found:
            short = g.kind(cand.row) == "settlement" and _shortening(query, g.place_name(cand.row))
            if short and (countries or g.population(cand.row) < SHORT_NAME_CITY):
                self._add(cand, SHORTENED, f"{g.place_name(units[0].row)} bears the name")

    def _proximity(
        self, cand: _Scored, others: tuple[Place, ...], own: frozenset[tuple[float, float]]
    ) -> None:
        """A bonus fading with the distance to the nearest other place of the text; the name's
        own candidates are no evidence for themselves ("Springfield City" for "Springfield")."""
        points = [p for p in _settlement_points(others) if p[:2] not in own]
        if not points:
            return
        lat, lon = self.gazetteer.coords(cand.row)
        scale = math.cos(math.radians(lat)) ** 2
        nearest = min(points, key=lambda p: (p[0] - lat) ** 2 + scale * (p[1] - lon) ** 2)
        d, near_name = distance_km((lat, lon), nearest[:2]), nearest[2]
        self._add(cand, PROXIMITY * math.exp(-d / 120.0),
                  f"{d:.0f} km from {near_name}, named in the same text")  # fmt: skip

    def _support(
        self, cand: _Scored, kind: str, nearby: tuple[frozenset[tuple[int, int]], ...]
    ) -> None:
        if not nearby or kind not in _POINT_KINDS:
            return
        la, lo = _cell(self.gazetteer.coords(cand.row))
        around = [(la + i, lo + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]
        count = sum(1 for cells in nearby if any(c in cells for c in around))
        if count:
            n = min(count, SUPPORT_NAMES)
            self._add(cand, SUPPORT * n, f"{count} other names can lie near it")

    def _holds(self, cand: _Scored, others: tuple[Place, ...]) -> None:
        g = self.gazetteer
        unit, cc = g.admin1(cand.row), g.country(cand.row)
        inside = {p.name for p in others if p.kind in _POINT_KINDS
                  and p.admin1 == unit and p.country == cc}  # fmt: skip
        if inside:
            n = min(len(inside), SUPPORT_NAMES)
            self._add(cand, HOLDS * n, f"holds {len(inside)} other places of the text")

    def _constraint(self, cand: _Scored, c: DistanceConstraint) -> None:
        here = self.gazetteer.coords(cand.row)
        anchor = (c.anchor.lat, c.anchor.lon)
        d = distance_km(anchor, here)
        tolerance = max(10.0, 0.35 * c.km)
        said = f"text says {c.km:.0f} km{_bearing_text(c.bearing)} of {c.anchor.name}"
        if abs(d - c.km) > tolerance:
            self._add(cand, -2.0, f"{d:.0f} km from {c.anchor.name}; {said}: inconsistent")
            return
        self._add(cand, 2.0, f"{d:.0f} km from {c.anchor.name}; {said}: consistent")
        if c.bearing is not None and d > 1.0:
            actual = bearing_deg(anchor, here)
            ok = angle_between(actual, c.bearing) <= 50.0
            self._add(cand, 1.0 if ok else -1.0, f"lies {compass_word(actual)} of {c.anchor.name}")


def _tie(km: float) -> float:
    """The bonus of lying ``km`` from a point the name is tied to (see ``TIE``)."""
    return max(TIE_FLOOR, TIE - km / TIE_KM_PER_POINT)


def _far(
    place: Place,
    n: int,
    near: tuple[float, float] | None,
    ctx: ResolveContext,
    country: str | None,
    *,
    guessed: bool = False,
) -> float | None:
    """How far the pick lies from the nearest point of its context, when that is too far to
    trust it (None otherwise): a small settlement with namesakes, or abroad, or one only a
    derived Russian form names (``guessed``: the text may mean a place of Russia the index holds
    under another spelling, not the Ukrainian village whose Russian form is guessed so)."""
    if place.kind not in _POINT_KINDS or place.population >= UNSURE_POPULATION:
        return None
    if n == 1 and place.country == country and not guessed:
        return None  # the only place of that name: no namesake to have mixed it up with
    if _in_named_unit(place, ctx, country):
        return None
    points = _context_points(near, ctx, (place.lat, place.lon))
    if not points:
        return None
    d = min(distance_km((place.lat, place.lon), p) for p in points)
    return d if d > UNSURE_KM else None


def _guess_far_from_text(place: Place, n: int, ctx: ResolveContext, country: str | None) -> str:
    """Why a name only derived Russian forms match is no mention of their place: the pick lies
    over ``UNSURE_KM`` from every place of the text (a report on Russia's border oblasts names
    their villages in Russian, and a village of Ukraine guessed to bear that name is not one of
    them); "" when the text does not say so (a caller's ``near`` alone leaves it unsure)."""
    km = _far(place, n, None, ctx, country, guessed=True)
    if km is None:
        return ""
    return (
        f"only a Russian form guessed from the Ukrainian name of {place.name} "
        f"({place.admin1}) matches, {km:.0f} km from every other place of the text"
    )


def _gap(here: tuple[float, float], points: list[tuple[float, float]]) -> float | None:
    """The distance from ``here`` to the nearest of ``points`` (its own spot left out)."""
    own = _point(here)
    dists = [distance_km(here, p) for p in points if _point(p) != own]
    return min(dists) if dists else None


def _in_named_unit(place: Place, ctx: ResolveContext, country: str | None) -> bool:
    """True when the text names the unit ``place`` lies in: its oblast or state ("in the
    Donetsk region"), or its country when that is not the document's own ("Moremi, Botswana")."""
    if place.admin1 and place.admin1 in ctx.admin1:
        return True
    for unit in ctx.places:
        if unit.country != place.country:
            continue
        if unit.kind in ("admin1", "region") and unit.admin1 and unit.admin1 == place.admin1:
            return True
        if unit.kind == "country" and unit.country != country:
            return True
    return False


def _context_points(
    near: tuple[float, float] | None, ctx: ResolveContext, own: tuple[float, float]
) -> list[tuple[float, float]]:
    """The points a pick is checked against: the text's other settlements and districts, its
    anchors and stated-distance anchors, and the caller's point (the pick's own spot left out)."""
    points = [p[:2] for p in _settlement_points(ctx.places)]
    points += [(a.lat, a.lon) for a in ctx.anchors]
    points += [(c.anchor.lat, c.anchor.lon) for c in ctx.constraints]
    if near is not None:
        points.append(near)
    return [p for p in points if _point(p) != _point(own)]


def _unsure(candidates: tuple[Candidate, ...], km: float) -> tuple[Candidate, ...]:
    """The candidates scaled so the pick keeps at most ``UNSURE_SCORE``, in the same order: the
    mass taken off is the chance that the place meant is none of them (one the gazetteer
    lacks), and the pick's reasons say why."""
    factor = min(1.0, UNSURE_SCORE / candidates[0].score) if candidates[0].score else 1.0
    why = f"unsure: {km:.0f} km from every other place of the text (over {UNSURE_KM:.0f} km)"
    scaled = [replace(c, score=round(c.score * factor, 4)) for c in candidates]
    scaled[0] = replace(scaled[0], reasons=(*scaled[0].reasons, why))
    return tuple(scaled)


def _prior(kind: str, population: int) -> float:
    """How likely a bare name means this place before any context: kind, then population.

    Settlements by the log of their population; administrative units a little above a
    settlement of their cities' population (a state or county named alone is usually meant),
    countries, continents and curated features by kind.
    """
    size = math.log10(population + 10)
    if kind == "settlement" and population == 0:
        size = math.log10(UNKNOWN_POPULATION)
    if kind == "admin1":
        return ADMIN1_BASE + 0.15 * size
    if kind == "admin2":
        return min(ADMIN2_CAP, 0.8 * size)
    return _KIND_BONUS.get(kind, size)


def _shortening(query: str, name: str) -> bool:
    """True when ``query`` is the first words of ``name`` ("New York" of "New York City")."""
    q, n = key(query), key(name)
    return len(n) > len(q) and n.startswith(q) and not n[len(q)].isalnum()


#: Places small enough to pull the candidates of the text's other names toward them.
_POINT_KINDS = frozenset({"settlement", "admin2"})


@lru_cache(maxsize=256)
def _settlement_points(places: tuple[Place, ...]) -> tuple[tuple[float, float, str], ...]:
    return tuple((p.lat, p.lon, p.name) for p in places if p.kind in _POINT_KINDS)


def _cell(coords: tuple[float, float]) -> tuple[int, int]:
    return math.floor(coords[0] / CELL_DEGREES), math.floor(coords[1] / CELL_DEGREES)


def _point(coords: tuple[float, float]) -> tuple[float, float]:
    """Coordinates as a :class:`Place` carries them (rounded to five decimals)."""
    return round(coords[0], 5), round(coords[1], 5)


def _max_edits(k: str) -> int:
    """Typos allowed in a name: one up to eight letters ("Izuim"), two beyond."""
    return 1 if len(k) <= 8 else 2


def _buckets(keys: list[str]) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for k in keys:
        grouped.setdefault(k[0], []).append(k)
    return {first: tuple(group) for first, group in grouped.items()}


def _bearing_text(bearing: float | None) -> str:
    return "" if bearing is None else f" {compass_word(bearing)}"


def _bad_name(query: str) -> str:
    text = clean(query)
    if not text:
        return "empty name"
    if len(text) > MAX_NAME:
        return f"name of {len(text):,} characters is longer than any place name ({MAX_NAME})"
    if script(text) == "other" and not any(ch.isalpha() for ch in text):
        return "name has no letters"
    if text.islower() and common_word(text):
        return f"{text!r} is a common noun phrase, not a name"
    return ""


def _not_found(query: str, why: str) -> Resolution:
    return Resolution(
        query=query, place=None, score=0.0, precision=0, candidates=(), reason=f"not found: {why}"
    )


@lru_cache(maxsize=4096)
def _variants_cached(name: str) -> tuple[str, ...]:
    out = [name]
    lowered = name.casefold()
    for prefix in ("the ", "city of ", "town of ", "village of ", "м. ", "с. ", "смт "):
        if lowered.startswith(prefix):
            out.append(name[len(prefix) :])
    for suffix in ("'s", "'"):
        if lowered.endswith(suffix):
            out.append(name[: -len(suffix)])
    if "." in name[:-1] and name[-1:].isalpha() and len(name) <= 6:
        out.append(name + ".")  # "N.Y", "U.S": an abbreviation that lost its final point
    if script(name) == "mixed":
        out += [name.translate(_HOMOGLYPHS_TO_CYRILLIC), name.translate(_HOMOGLYPHS_TO_LATIN)]
    out += _spelled_out(name)
    return tuple(dict.fromkeys(out))


def _spelled_out(name: str) -> list[str]:
    """English abbreviations written out ("St. Cloud", "Mt. Pleasant", "Loudon Co."), and a
    trailing "State" or "City" dropped ("Sokoto State", "Birmingham City")."""
    out = []
    expanded = _ABBREVIATION.sub(lambda m: _ABBREVIATIONS[m.group(1).casefold()] + " ", name)
    expanded = _COUNTY.sub(" County", expanded)
    if expanded != name:
        out.append(expanded)
    for variant in (name, expanded):
        bare = _UNIT_WORD.sub("", variant)
        if bare != variant and bare:
            out.append(bare)
    return out


def _variants(name: str) -> tuple[str, ...]:
    return _variants_cached(name)


def _best_per_row(hits: list[Hit], similarity: float) -> list[_Scored]:
    best: dict[int, _Scored] = {}
    for hit in hits:
        if hit.row not in best:
            best[hit.row] = _Scored(row=hit.row, how=hit.how, similarity=similarity)
    return list(best.values())


def _dedupe(found: list[_Scored]) -> list[_Scored]:
    best: dict[int, _Scored] = {}
    for cand in found:
        if cand.row not in best or cand.similarity > best[cand.row].similarity:
            best[cand.row] = cand
    return list(best.values())


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _reason(best: Candidate, n: int) -> str:
    place = best.place
    where = ", ".join(x for x in (place.admin1, place.country) if x)
    why = "; ".join(best.reasons)
    if n == 1:
        return f"{place.name} ({where}): the only place of that name; {why}"
    certainty = "ambiguous: " if best.score < 0.5 else ""
    return f"{certainty}{place.name} ({where}) chosen of {n} candidates, p={best.score:.2f}; {why}"
