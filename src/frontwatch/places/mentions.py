"""Place mentions of a parsed report: every place named or referred to, resolved in context.

Spans come from :mod:`frontwatch.places._detect` (alias table, the model's place entities,
typo candidates). Each is resolved twice: first on its own, then with what the whole document
says (the other places it names, an oblast named right after it, and stated
distances such as "35 kilometers from Kupiansk"), so "Shevchenkove" in a report about
Kupiansk is the Kharkiv-oblast village. Words around a name set its precision ("near X": 2,
"the X direction": 3) and :mod:`frontwatch.places._refer` adds "the town", "the area",
"the region" and "it". A metropolis in the possessive ("Moscow's forces") is kept with method
"metonym": it names a government, not where something happened. Offsets of every mention
index the stored document text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from frontwatch.model import Candidate, Mention, Place
from frontwatch.places._context import (
    Distance,
    county_word,
    distances,
    precision_hint,
    tie_words,
)
from frontwatch.places._detect import PLACE_LABELS, Found, common_word, detect
from frontwatch.places._refer import METROPOLIS, Named, Reference, references, sentence_index
from frontwatch.places._text import key
from frontwatch.places.gazetteer import NEIGHBOURS
from frontwatch.places.geo import distance_km
from frontwatch.places.resolver import (
    UNSURE_KM,
    DistanceConstraint,
    PlaceResolver,
    Resolution,
    ResolveContext,
)

if TYPE_CHECKING:
    from frontwatch.read import Parsed

EXTRACTOR = "frontwatch.places@1"
#: A first-pass answer at least this probable may inform the resolution of the others.
MIN_CONTEXT_SCORE = 0.5
#: A settlement outside the document's country (and its neighbours), named without the parser
#: calling it a place, is kept only from this population up ("Most", "Police", "Austin").
FAR_POPULATION = 100_000
#: Kinds of place that a name tied to them by words ("east of X") is read near.
_POINT_KINDS = frozenset({"settlement", "admin2"})
#: What joins the names of a list ("Y1, Y2 and Y3").
_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")
#: Units whose admin1 is a hint for the text's other names (a county's is its state).
_AREA_KINDS = frozenset({"region", "admin1", "admin2"})
#: An oblast named within this many characters after a settlement qualifies it.
ATTACHED_CHARS = 30
#: A typo match farther than this from every other place the text names is dropped.
FUZZY_KM = 150.0
_DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese", "ish", "ic")


@dataclass(frozen=True, slots=True)
class _Resolved:
    found: Found
    resolution: Resolution
    place: Place
    sentence: int


def find_mentions(
    resolver: PlaceResolver,
    parsed: Parsed,
    *,
    country: str | None = "UA",
    demonyms: bool = False,
) -> list[Mention]:
    """Every place mention of ``parsed``, in text order.

    ``country`` is the country the report is about (ISO code; None: inferred from the
    places it names, for text from anywhere). Given, a small place abroad, or one whose name is
    a common English word, is kept only where the parser calls it a place and the text names
    its country or another place near it. ``demonyms``: also take words of nationality
    ("Russian", "European") as mentions of their country or continent (precision 3).
    """
    doc = parsed.doc
    tokens = list(doc)
    sentence_of = sentence_index(tokens)
    found = detect(resolver.gazetteer, tokens, demonyms=demonyms)
    first = _first_pass(resolver, found, sentence_of, country)
    home = country or _dominant_country(first)
    kept = [r for r in first if _plausible(r, home, first, strict=country is not None)]
    final = _second_pass(resolver, parsed.view.text, kept, home)
    final = _second_pass(resolver, parsed.view.text, final, home)  # now with read context
    mentions = [_name_mention(parsed, r) for r in final]
    named = [Named(r.found.start, r.found.end, r.sentence, r.place, r.resolution.score,
                   r.found.text) for r in final]  # fmt: skip
    refs = references(tokens, named, resolver.gazetteer, home, sentence_of)
    mentions += [_reference_mention(parsed, ref) for ref in refs]
    return sorted(mentions, key=lambda m: (m.start, m.end))


# ---------------------------------------------------------------- first pass


def _first_pass(
    resolver: PlaceResolver,
    found: list[Found],
    sentence_of: Callable[[int], int],
    country: str | None,
) -> list[_Resolved]:
    cache: dict[str, Resolution] = {}
    out = []
    for f in found:
        if f.text not in cache:
            cache[f.text] = resolver.resolve(f.text, country=country)
        res = cache[f.text]
        # a place named inside the span ("Washington Square" of New Orleans) is not its place
        if res.place is not None and res.match != "part":
            out.append(_Resolved(f, res, res.place, sentence_of(f.start)))
    return out


def _dominant_country(first: list[_Resolved]) -> str | None:
    """The country the document's names most probably lie in (None when it names none).

    Each name votes with the probability of each of its candidates, so ten small towns that
    are probably American outvote one famous namesake abroad.
    """
    votes: dict[str, float] = {}
    for r in first:
        if r.found.method == "fuzzy" or r.resolution.match == "fuzzy":
            continue
        for cand in r.resolution.candidates:
            if cand.place.country:
                votes[cand.place.country] = votes.get(cand.place.country, 0.0) + cand.score
    return max(votes, key=lambda c: votes[c]) if votes else None


def _plausible(r: _Resolved, home: str | None, first: list[_Resolved], *, strict: bool) -> bool:
    place, method = r.place, r.found.method
    near_home = home is None or place.country == home or (home == "UA" and _neighbour(place))
    if r.resolution.match == "fuzzy":
        confident = r.resolution.score >= MIN_CONTEXT_SCORE and not _demonym(r.found.text)
        return near_home and confident and place.kind == "settlement" and method != "alias"
    if place.kind != "settlement":
        return True
    if r.found.label == "PERSON" and place.country != "UA":
        return place.population >= FAR_POPULATION
    return near_home or _plausible_abroad(r, first, strict=strict)


def _plausible_abroad(r: _Resolved, first: list[_Resolved], *, strict: bool) -> bool:
    """A settlement outside the document's country. In a report about a country (``strict``),
    a small one or one named by a common English word ("Supreme", Louisiana) is a namesake,
    unless the parser calls it a place and the text names its country or a place near it."""
    place, label = r.place, r.found.label
    if strict and (place.population < FAR_POPULATION or common_word(r.found.text)):
        return label in PLACE_LABELS and _supported(r, first)
    if label in PLACE_LABELS:
        return True  # the parser calls it a place: kept, however uncertain its resolution
    return r.resolution.score >= MIN_CONTEXT_SCORE and place.population >= FAR_POPULATION


def _supported(r: _Resolved, first: list[_Resolved]) -> bool:
    """True when another name of the text lies in the country of ``r``'s place, or near it."""
    own, here = key(r.found.text), (r.place.lat, r.place.lon)
    for other in first:
        p = other.place
        if key(other.found.text) == own or p.country != r.place.country:
            continue
        if p.kind not in _POINT_KINDS or distance_km(here, (p.lat, p.lon)) <= UNSURE_KM:
            return True
    return False


def _demonym(text: str) -> bool:
    """ "Ukrainian", "Russians", "Polish": adjectives of a country, never a misspelt village."""
    return key(text).endswith(_DEMONYM_ENDINGS)


def _neighbour(place: Place) -> bool:
    return place.country in NEIGHBOURS


# ---------------------------------------------------------------- second pass


def _second_pass(
    resolver: PlaceResolver, text: str, kept: list[_Resolved], home: str | None
) -> list[_Resolved]:
    constraints = _constraints(text, kept)
    anchors = _anchors(text, kept)
    hints = _admin_hints(kept)
    context = _context_places(kept)
    named_units = _named_units(kept) if home != "UA" else ()
    nearby = _nearby(resolver, kept)
    cache: dict[tuple[str, ResolveContext], Resolution] = {}
    out = []
    for i, r in enumerate(kept):
        ctx = ResolveContext(
            places=context[key(r.found.text)],
            admin1=hints.get(i, ()),
            constraints=constraints.get(i, ()),
            country=home,
            doc_admin1=named_units,
            nearby=nearby[key(r.found.text)],
            county=county_word(text[r.found.end :]),
            anchors=anchors.get(i, ()),
        )
        res = cache.get((r.found.text, ctx))
        if res is None:
            res = resolver.resolve(r.found.text, country=home, context=ctx)
            cache[(r.found.text, ctx)] = res
        res = _after_article(text[max(0, r.found.start - 4) : r.found.start], res)
        if res.place is not None and _near_enough(res, ctx.places):
            out.append(_Resolved(r.found, res, res.place, r.sentence))
    return out


def _nearby(
    resolver: PlaceResolver, kept: list[_Resolved]
) -> dict[str, tuple[frozenset[tuple[int, int]], ...]]:
    """For each name, the candidate cells of the document's other names (typos left out)."""
    names = [r.found.text for r in kept if r.resolution.match != "fuzzy"]
    return {own: nearby_cells(resolver, names, own) for own in {key(r.found.text) for r in kept}}


def nearby_cells(
    resolver: PlaceResolver, names: list[str], own: str
) -> tuple[frozenset[tuple[int, int]], ...]:
    """``ResolveContext.nearby`` for the name of key ``own``: the candidate cells of each other
    name of ``names`` (one entry per key, in key order; names with no candidate left out)."""
    texts = {key(n): n for n in names if key(n) != own}
    return tuple(c for c in (resolver.cells(t) for _, t in sorted(texts.items())) if c)


def _near_enough(res: Resolution, others: tuple[Place, ...]) -> bool:
    """A typo match must lie near the text's other places, if it names any ("Hrakove" is not
    the Hrabove 600 km away when the gazetteer lacks the Kharkiv-oblast village)."""
    settlements = [p for p in others if p.kind == "settlement"]
    if res.match != "fuzzy" or res.place is None or not settlements:
        return True
    here = (res.place.lat, res.place.lon)
    return min(distance_km(here, (p.lat, p.lon)) for p in settlements) <= FUZZY_KM


def _after_article(before: str, res: Resolution) -> Resolution:
    """ "the Oskil": a settlement's name takes no article; a river of that name does."""
    if res.place is None or res.place.kind != "settlement" or before.lower() != "the ":
        return res
    river = next((c for c in res.candidates if c.place.kind == "river"), None)
    if river is None:
        return res
    why = f"'the' before the name: the river, not the settlement; {res.reason}"
    others = tuple(c for c in res.candidates if c is not river)
    return replace(res, place=river.place, score=river.score, precision=3, reason=why,
                   candidates=(river, *others), unsure=False, share=river.score)  # fmt: skip


def _named_units(kept: list[_Resolved]) -> tuple[str, ...]:
    """States and other first-level units the text names (a weak hint for all of its names).

    Not used for reports on Ukraine: the oblasts a war report names are fronts, and the towns
    it names lie in the oblasts next to them as often as in them ("Lyman" of Donetsk Oblast in
    a report on the Kharkiv counter-offensive).
    """
    return tuple(
        sorted({r.place.admin1 for r in kept if r.place.kind in _AREA_KINDS and r.place.admin1})
    )


def _context_places(kept: list[_Resolved]) -> dict[str, tuple[Place, ...]]:
    """For each name of the document, the confident places of its other names (an unsure pick
    counts by its share before the cap: far from the rest, it still hints where they lie)."""
    confident = [
        (key(r.found.text), r.place) for r in kept if r.resolution.share >= MIN_CONTEXT_SCORE
    ]
    out = {}
    for own in {key(r.found.text) for r in kept}:
        places = {(p.lat, p.lon): p for k, p in confident if k != own}
        out[own] = tuple(places.values())
    return out


def _admin_hints(kept: list[_Resolved]) -> dict[int, tuple[str, ...]]:
    """Oblasts named right after a settlement ("Lyman, in the Donetsk oblast"), by its index."""
    out: dict[int, set[str]] = {}
    for j, region in enumerate(kept):
        if region.place.kind not in _AREA_KINDS or not region.place.admin1:
            continue
        i = _settlement_before(kept, j)
        if i is not None:
            out.setdefault(i, set()).add(region.place.admin1)
    return {i: tuple(sorted(h)) for i, h in out.items()}


def _settlement_before(kept: list[_Resolved], j: int) -> int | None:
    region = kept[j].found
    for i in range(j - 1, -1, -1):
        r = kept[i]
        if region.start - r.found.end > ATTACHED_CHARS:
            return None
        if r.place.kind == "settlement":
            return i
    return None


def _anchors(text: str, kept: list[_Resolved]) -> dict[int, tuple[Place, ...]]:
    """Places that words tie a settlement to ("Y, east of X", "Y in the X direction"), by the
    settlement's index: X must be a settlement or district named right after those words. The
    words tie a list as well ("Y1, Y2 and Y3 near X")."""
    out: dict[int, tuple[Place, ...]] = {}
    for i, r in enumerate(kept[:-1]):
        anchor = kept[i + 1]
        if r.place.kind != "settlement" or anchor.place.kind not in _POINT_KINDS:
            continue
        if key(anchor.found.text) == key(r.found.text) or anchor.sentence != r.sentence:
            continue
        between = text[r.found.end : anchor.found.start]
        if tie_words(between, text[anchor.found.end :]) is not None:
            for j in _list_before(text, kept, i):
                out[j] = (anchor.place,)
    return out


def _list_before(text: str, kept: list[_Resolved], i: int) -> list[int]:
    """``i`` and the settlements listed right before it in its sentence ("Y1, Y2 and Y3")."""
    out = [i]
    while i > 0:
        r, nxt = kept[i - 1], kept[i]
        joined = _LIST_JOINER.fullmatch(text[r.found.end : nxt.found.start]) is not None
        if not joined or r.sentence != nxt.sentence or r.place.kind != "settlement":
            break
        i -= 1
        out.append(i)
    return out


def _constraints(text: str, kept: list[_Resolved]) -> dict[int, tuple[DistanceConstraint, ...]]:
    """Stated distances, keyed by the mention they constrain (the name before the phrase)."""
    out: dict[int, list[DistanceConstraint]] = {}
    for d in distances(text):
        anchor = next((r for r in kept if 0 <= r.found.start - d.end <= 2), None)
        target = _target(kept, d, anchor)
        if anchor is None or target is None:
            continue
        out.setdefault(target, []).append(
            DistanceConstraint(km=d.km, anchor=anchor.place, bearing=d.bearing, text=d.text)
        )
    return {i: tuple(c) for i, c in out.items()}


def _target(kept: list[_Resolved], d: Distance, anchor: _Resolved | None) -> int | None:
    if anchor is None:
        return None
    before = [
        i
        for i, r in enumerate(kept)
        if r.found.end <= d.start and r.sentence == anchor.sentence and r.place.kind == "settlement"
    ]
    return before[-1] if before else None


# ---------------------------------------------------------------- records


def _name_mention(parsed: Parsed, r: _Resolved) -> Mention:
    res, place = r.resolution, r.place
    precision, reason = _precision(parsed.view.text, r)
    method = r.found.method
    if _metonym(parsed.view.text, r):
        method, reason = "metonym", f"{reason}; '{r.found.text}'s' names its government, not a site"
    start, end = parsed.view.to_stored(r.found.start, r.found.end)
    return Mention(
        doc_id=parsed.document.id, start=start, end=end, text=parsed.document.text[start:end],
        place=place, precision=precision, candidates=res.candidates, method=method,
        reason=reason, extractor=EXTRACTOR, unsure=res.unsure,
    )  # fmt: skip


def _precision(text: str, r: _Resolved) -> tuple[int, str]:
    """The resolution's precision, made coarser by the words around a settlement's name."""
    res, place, start, end = r.resolution, r.place, r.found.start, r.found.end
    if place.kind not in ("settlement", "facility"):
        return res.precision, res.reason
    hint = precision_hint(text[max(0, start - 80) : start], text[end : end + 40], place.population)
    if hint is None or hint.precision <= res.precision:
        return res.precision, res.reason
    return hint.precision, f"{res.reason}; precision {hint.precision}: {hint.words}"


def _metonym(text: str, r: _Resolved) -> bool:
    """ "Moscow's main bastion", "Kyiv's forces": a capital in the possessive is its government."""
    big = r.place.kind == "settlement" and r.place.population >= METROPOLIS
    return big and text[r.found.end : r.found.end + 2] == "'s"


def _reference_mention(parsed: Parsed, ref: Reference) -> Mention:
    start, end = parsed.view.to_stored(ref.start, ref.end)
    return Mention(
        doc_id=parsed.document.id, start=start, end=end, text=parsed.document.text[start:end],
        place=ref.place, precision=ref.precision,
        candidates=(Candidate(place=ref.place, score=ref.score, reasons=(ref.reason,)),),
        method=ref.method, reason=ref.reason, extractor=EXTRACTOR,
    )  # fmt: skip
