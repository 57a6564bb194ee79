"""Scoring place mentions against gold: the dev claims, GeoWebNews and LGL.

One module for ``benchmarks/places_eval.py`` and the accuracy gate test, so both score the
same way. Gold dev claims (``gold/dev/*.jsonl``): a claim's place counts as found when some
mention overlapping the claim's evidence span resolves within the radius of the gold point.
GeoWebNews and LGL: toponyms with a GeoNames id; detection is scored on exact spans (a found
span that matches an annotated toponym without an id, such as a street, counts neither way),
resolution on the gold spans themselves (each resolved in its document's context), by exact
GeoNames id and within 161 km (100 miles), as the geoparsing literature reports it.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from frontwatch.model import Document, Mention, Place
from frontwatch.places._context import county_word
from frontwatch.places._text import key
from frontwatch.places.geo import distance_km
from frontwatch.places.mentions import ATTACHED_CHARS, find_mentions, nearby_cells
from frontwatch.places.resolver import PlaceResolver, ResolveContext
from frontwatch.read import Parser

SEED_KM = 5.0
GOLD_KM = 15.0
GEOPARSING_KM = 161.0
_WIDE = frozenset({"country", "continent"})
#: Units whose admin1 (a county's: its state) hints at where the article's other names lie.
_UNIT_KINDS = frozenset({"admin1", "admin2", "region"})
_SENTENCE_END = re.compile(r"(?<!\.)[.!?][\"”’]?\s+|\n\s*\n")


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """A place a gold record names: where, and the span of text that carries it."""

    doc: str
    name: str
    lat: float
    lon: float
    start: int
    end: int
    geonameid: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """A gold place and the nearest mention offered for it (None: no mention there)."""

    gold: GoldPlace
    place: Place | None
    km: float | None

    def within(self, km: float) -> bool:
        return self.km is not None and self.km <= km


# ---------------------------------------------------------------- dev gold


def load_gold(folder: Path, pattern: str = "*.jsonl") -> list[GoldPlace]:
    """Every claim place of the gold files matching ``pattern`` (claims with no place skipped)."""
    out: list[GoldPlace] = []
    for path in sorted(folder.glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.extend(_gold_claim_place(json.loads(line)))
    return out


def _gold_claim_place(obj: dict[str, object]) -> Iterator[GoldPlace]:
    place, evidence = obj.get("place"), obj.get("evidence")
    if not isinstance(place, dict) or not isinstance(evidence, dict):
        return
    yield GoldPlace(
        doc=str(obj["doc"]), name=str(place["name"]), lat=float(place["lat"]),
        lon=float(place["lon"]), start=int(evidence["start"]), end=int(evidence["end"]),
        geonameid=place.get("geonameid"), text=str(evidence.get("text", "")),
    )  # fmt: skip


def load_corpus(folder: Path, ids: Iterable[str] | None = None) -> dict[str, Document]:
    """Dev reports (``corpus/dev/<id>.json``) as documents."""
    wanted = set(ids) if ids is not None else None
    out = {}
    for path in sorted(folder.glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        if wanted is None or obj["id"] in wanted:
            out[str(obj["id"])] = document_of(obj)
    return out


def document_of(obj: dict[str, object]) -> Document:
    """A document from a dev-corpus JSON object."""
    return Document(id=str(obj["id"]), text=str(obj["text"]), language=_opt(obj.get("language")),
                    published=_opt(obj.get("published")))  # fmt: skip


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def find_all(
    parser: Parser, resolver: PlaceResolver, documents: Iterable[Document], country: str | None
) -> dict[str, list[Mention]]:
    """The mentions of every document, by id."""
    docs = list(documents)
    return {p.document.id: find_mentions(resolver, p, country=country)
            for p in parser.parse_many(docs)}  # fmt: skip


def score_gold(
    gold: list[GoldPlace], mentions: dict[str, list[Mention]], texts: dict[str, str]
) -> list[Hit]:
    """For each gold place, the offered mention nearest to it (see :func:`offered`)."""
    return [_nearest(g, offered(g, mentions.get(g.doc, []), texts.get(g.doc, ""))) for g in gold]


def offered(gold: GoldPlace, mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions a claim on ``gold``'s evidence could take its place from.

    Those overlapping the evidence span, countries, continents and metonyms aside; where there
    is none, the places in focus: those of the last sentence before the span that names one.
    """
    usable = [m for m in mentions if m.place is not None and m.place.kind not in _WIDE
              and m.method != "metonym"]  # fmt: skip
    inside = [m for m in usable if m.end > gold.start and m.start < gold.end]
    if inside:
        return inside
    before = [m for m in usable if m.end <= gold.start]
    if not before:
        return []
    since = _sentence_start(text, before[-1].start)
    return [m for m in before if m.start >= since]


def _sentence_start(text: str, offset: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, offset)]
    return ends[-1] if ends else 0


def _nearest(gold: GoldPlace, mentions: list[Mention]) -> Hit:
    best: Hit = Hit(gold, None, None)
    for m in mentions:
        if m.place is None:
            continue
        km = distance_km((gold.lat, gold.lon), (m.place.lat, m.place.lon))
        if best.km is None or km < best.km:
            best = Hit(gold, m.place, km)
    return best


def share_within(hits: list[Hit], km: float) -> float:
    """The share of gold places found within ``km`` (1.0 for no gold)."""
    return sum(h.within(km) for h in hits) / len(hits) if hits else 1.0


def distinct_places(hits: list[Hit], km: float) -> dict[tuple[str, str], bool]:
    """Per (document, gold place name): found within ``km`` in every claim that names it."""
    out: dict[tuple[str, str], bool] = {}
    for h in hits:
        k = (h.gold.doc, h.gold.name)
        out[k] = out.get(k, True) and h.within(km)
    return out


@dataclass(frozen=True, slots=True)
class DevScores:
    """The dev-gold figures the benchmark prints and the gate pins."""

    gold: list[Hit]
    seeds: list[Hit]

    @property
    def gold_within_15km(self) -> float:
        return share_within(self.gold, GOLD_KM)

    @property
    def seed_within_5km(self) -> float:
        return share_within(self.seeds, SEED_KM)

    @property
    def seed_places(self) -> dict[tuple[str, str], bool]:
        return distinct_places(self.seeds, SEED_KM)


def score_dev(shared: Path, parser: Parser, resolver: PlaceResolver) -> DevScores:
    """Find mentions in every dev report; score every gold claim place (``shared``: ../shared)."""
    gold = load_gold(shared / "gold" / "dev")
    docs = load_corpus(shared / "corpus" / "dev", {g.doc for g in gold})
    mentions = find_all(parser, resolver, docs.values(), "UA")
    hits = score_gold(gold, mentions, {i: d.text for i, d in docs.items()})
    return DevScores(gold=hits, seeds=[h for h in hits if h.gold.doc.startswith("seed-")])


# ---------------------------------------------------------------- geoparsing corpora


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    phrase: str
    geonameid: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Article:
    """``toponyms``: those with a GeoNames id (scored); ``unscored``: the spans of the others
    (a street, "the church"), which a found mention may match without counting as wrong."""

    id: str
    text: str
    toponyms: tuple[Toponym, ...]
    unscored: frozenset[tuple[int, int]] = frozenset()


def load_gwn(path: Path, limit: int | None = None) -> list[Article]:
    """GeoWebNews (``GWN.xml``): toponyms that carry a GeoNames id."""
    return _load_articles(path, "gwn", "file", _gwn_toponym, limit)


def _load_articles(
    path: Path,
    prefix: str,
    id_attr: str,
    toponym: Callable[[ET.Element], Toponym | None],
    limit: int | None,
) -> list[Article]:
    """The ``<article>`` elements of a geoparsing corpus, with the toponyms ``toponym`` reads."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):  # noqa: S314 - a local research file
        read = [(x, toponym(x)) for x in art.iter("toponym")]
        tops = tuple(t for _, t in read if t is not None)
        rest = frozenset(_span_of(x) for x, t in read if t is None)
        out.append(Article(f"{prefix}-{art.get(id_attr)}", art.findtext("text") or "", tops, rest))
        if limit is not None and len(out) >= limit:
            break
    return out


def _span_of(node: ET.Element) -> tuple[int, int]:
    return int(node.findtext("start") or 0), int(node.findtext("end") or 0)


def _gwn_toponym(node: ET.Element) -> Toponym | None:
    gid = (node.findtext("geonamesID") or "").strip()
    lat, lon = node.findtext("latitude"), node.findtext("longitude")
    if not gid or not lat or not lon:
        return None
    start, end = int(node.findtext("start") or 0), int(node.findtext("end") or 0)
    name = node.findtext("extractedName") or ""
    return Toponym(start, end, name, int(gid), float(lat), float(lon))


def load_lgl(path: Path, limit: int | None = None) -> list[Article]:
    """LGL (``lgl.xml``): toponyms with a gazetteer tag."""
    return _load_articles(path, "lgl", "docid", _lgl_toponym, limit)


def _lgl_toponym(node: ET.Element) -> Toponym | None:
    tag = node.find("gaztag")
    if tag is None or not tag.get("geonameid"):
        return None
    return Toponym(int(node.findtext("start") or 0), int(node.findtext("end") or 0),
                   node.findtext("phrase") or "", int(tag.get("geonameid") or 0),
                   float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0))  # fmt: skip


@dataclass(frozen=True, slots=True)
class GeoparseScore:
    """Detection P/R/F1 on exact spans; resolution of gold spans: exact id and within 161 km."""

    articles: int
    gold: int
    found: int
    matched: int
    exact: int
    near: int
    indexed: int = 0

    @property
    def indexed_share(self) -> float:
        """The ceiling of exact resolution: the share of gold places the index holds at all."""
        return self.indexed / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    @property
    def near_share(self) -> float:
        return self.near / self.gold if self.gold else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "articles": self.articles, "gold": self.gold, "found": self.found,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "exact": round(self.exact_share, 4),
            "within_161km": round(self.near_share, 4),
            "gold_in_index": round(self.indexed_share, 4),
        }  # fmt: skip


def score_geoparsing(
    parser: Parser, resolver: PlaceResolver, articles: list[Article], *, demonyms: bool = True
) -> GeoparseScore:
    """Detect and resolve toponyms of ``articles`` with no country assumed.

    ``demonyms``: count words of nationality as toponyms (GeoWebNews and LGL both annotate them).
    """
    totals = [0, 0, 0, 0, 0]
    docs = [Document(id=a.id, text=a.text) for a in articles]
    for article, parsed in zip(articles, parser.parse_many(docs), strict=True):
        found = find_mentions(resolver, parsed, country=None, demonyms=demonyms)
        mentions = [m for m in found if m.method != "anaphora"]
        for i, value in enumerate(_article_counts(resolver, article, mentions)):
            totals[i] += value
    ids = resolver.gazetteer.geonameids()
    indexed = sum(t.geonameid in ids for a in articles for t in a.toponyms)
    gold, spans, matched, exact, near = totals
    return GeoparseScore(len(articles), gold, spans, matched, exact, near, indexed=indexed)


def _article_counts(
    resolver: PlaceResolver, article: Article, mentions: list[Mention]
) -> tuple[int, int, int, int, int]:
    spans = {(m.start, m.end) for m in mentions}
    matched = sum(1 for t in article.toponyms if (t.start, t.end) in spans)
    found = len(spans - article.unscored)
    home = _home(mentions)
    by_span = {(m.start, m.end): m.place for m in mentions}
    exact = near = 0
    for t in article.toponyms:
        place = by_span.get((t.start, t.end)) or _resolve_span(resolver, article, t, mentions, home)
        if place is not None:
            same = place.geonameid == t.geonameid
            exact += same
            near += same or distance_km((place.lat, place.lon), (t.lat, t.lon)) <= GEOPARSING_KM
    return len(article.toponyms), found, matched, exact, near


def _resolve_span(
    resolver: PlaceResolver, article: Article, t: Toponym, mentions: list[Mention], home: str | None
) -> Place | None:
    """A gold span mention finding missed, resolved with what the article's mentions tell."""
    phrase = article.text[t.start : t.end]
    ctx = _context_for(resolver, phrase, mentions, home, t.end, article.text[t.end :])
    return resolver.resolve(phrase, country=None, context=ctx).place


def _context_for(
    resolver: PlaceResolver,
    phrase: str,
    mentions: list[Mention],
    home: str | None,
    end: int | None = None,
    after: str = "",
) -> ResolveContext:
    """What the article tells about ``phrase``: its other places (not this name's own), and
    a unit named right after it (``end``: where the phrase ends; "Springfield, Ohio")."""
    own = key(phrase)
    others = tuple(m.place for m in mentions if m.place is not None and key(m.text) != own)
    units = tuple(sorted({p.admin1 for p in others if p.kind in _UNIT_KINDS and p.admin1}))
    attached = () if end is None else tuple(sorted({
        m.place.admin1 for m in mentions
        if m.place is not None and m.place.admin1 and m.place.kind in _UNIT_KINDS
        and 0 < m.start - end <= ATTACHED_CHARS
    }))  # fmt: skip
    nearby = nearby_cells(resolver, [m.text for m in mentions], own)
    return ResolveContext(places=others, admin1=attached, country=home, doc_admin1=units,
                          nearby=nearby, county=county_word(after))  # fmt: skip


def _home(mentions: list[Mention]) -> str | None:
    counts: dict[str, int] = {}
    for m in mentions:
        if m.place is not None and m.place.country:
            counts[m.place.country] = counts.get(m.place.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def floor_to(value: float, step: float = 0.01) -> float:
    """``value`` rounded down to ``step`` (how a baseline is pinned below what was measured)."""
    return math.floor(value / step + 1e-9) * step


# ---------------------------------------------------------------- the accuracy gate

#: Articles of GeoWebNews the gate scores (the first ones, in file order).
GATE_GWN_ARTICLES = 20
#: Articles of LGL the gate scores (the first ones, in file order).
GATE_LGL_ARTICLES = 40


def gate_figures(
    shared: Path, parser: Parser, resolver: PlaceResolver, gwn_articles: int = GATE_GWN_ARTICLES
) -> dict[str, float]:
    """The scores the pinned baseline holds floors for."""
    dev = score_dev(shared, parser, resolver)
    figures = {
        "gold_dev_within_15km": dev.gold_within_15km,
        "seed_within_5km": dev.seed_within_5km,
    }
    folder = shared / "datasets" / "geowebnews_and_geoparsing_corpora"
    if (folder / "GWN.xml").is_file():
        score = score_geoparsing(parser, resolver, load_gwn(folder / "GWN.xml", gwn_articles))
        figures |= {"gwn_subset_exact": score.exact_share, "gwn_subset_f1": score.f1}
    if (folder / "lgl.xml").is_file():
        score = score_geoparsing(parser, resolver, load_lgl(folder / "lgl.xml", GATE_LGL_ARTICLES))
        figures |= {"lgl_subset_exact": score.exact_share, "lgl_subset_f1": score.f1}
    return figures


def pinned(measured: dict[str, float], old: dict[str, float] | None = None) -> dict[str, float]:
    """Floors for ``measured``: half a point below, rounded down; never below an old floor."""
    floors = {k: round(floor_to(max(0.0, v - 0.005)), 2) for k, v in measured.items()}
    for k, v in (old or {}).items():
        floors[k] = max(v, floors.get(k, v))
    return dict(sorted(floors.items()))


def drops(measured: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Every score below its floor (a floor with no score is a drop too)."""
    out = []
    for name, floor in sorted(floors.items()):
        value = measured.get(name)
        if value is None or value < floor:
            out.append(f"{name}: {value} < {floor}")
    return out
