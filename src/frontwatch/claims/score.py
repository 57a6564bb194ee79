"""Score claims against gold claims, as ``spec/claims-v1.md`` describes.

A system claim matches a gold claim when ``doc``, ``kind``, ``side`` and ``polarity`` agree,
the places are the same (same ``geonameid``, or within 15 km, or both null) and the evidence
spans overlap; each claim matches at most once (pairs with the larger overlap first).
Precision and recall count matches; on the matched pairs ``modality``, ``claimant``,
``channel`` and ``event_time.start`` (within one day) are scored.

The spec leaves two equalities open; we read them as: a claimant agrees when both are null
or their names agree after lower-casing, straightening apostrophes and dropping a leading
article, one name being the other or ending with it word for word ("Gromov" and "Oleksiy
Gromov"); a channel agrees likewise (without the suffix rule). A missing ``event_time`` and
one with a null ``start`` are the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from frontwatch.model import KINDS, Claim, Document, PlaceRef
from frontwatch.places.geo import distance_km
from frontwatch.read import find_dateline
from frontwatch.read.headline import headline_span

__all__ = [
    "ATTRIBUTES",
    "FURNITURE",
    "MAX_KM",
    "KindScore",
    "Score",
    "agrees",
    "corpus_documents",
    "furniture_errors",
    "load_claims",
    "places_match",
    "score",
]

MAX_KM = 15.0
MAX_DAYS = 1
ATTRIBUTES = ("modality", "claimant", "channel", "event_time")
_ARTICLES = ("the ", "a ", "an ")


@dataclass(slots=True)
class KindScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Score:
    """Overall and per-kind counts, attribute agreement, and what did not match."""

    overall: KindScore = field(default_factory=KindScore)
    kinds: dict[str, KindScore] = field(default_factory=dict)
    agree: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    pairs: list[tuple[Claim, Claim]] = field(default_factory=list)
    missed: list[Claim] = field(default_factory=list)
    spurious: list[Claim] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return self.overall.f1

    @property
    def attribute_accuracy(self) -> float:
        total = len(self.pairs) * len(ATTRIBUTES)
        return sum(self.agree.values()) / total if total else 0.0

    def attribute(self, name: str) -> float:
        return self.agree[name] / len(self.pairs) if self.pairs else 0.0


def load_claims(path: Path) -> list[Claim]:
    """Claims from a claims-v1 JSONL file, or from every ``*.jsonl`` file of a folder."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    claims: list[Claim] = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                claims.append(Claim.from_json(json.loads(line)))
    return claims


def score(
    system: Sequence[Claim], gold: Sequence[Claim], docs: Iterable[str] | None = None
) -> Score:
    """Match ``system`` to ``gold`` (only documents in ``docs`` where given) and count."""
    wanted = set(docs) if docs is not None else None
    sys_claims = [c for c in system if wanted is None or c.doc in wanted]
    gold_claims = [c for c in gold if wanted is None or c.doc in wanted]
    result = Score(kinds={k: KindScore() for k in KINDS})
    pairs = _match(sys_claims, gold_claims)
    matched_sys = {id(s) for s, _ in pairs}
    matched_gold = {id(g) for _, g in pairs}
    for s, g in pairs:
        result.pairs.append((s, g))
        _count(result, g.kind, "tp")
        for name in ATTRIBUTES:
            result.agree[name] += agrees(name, s, g)
    result.spurious = [c for c in sys_claims if id(c) not in matched_sys]
    result.missed = [c for c in gold_claims if id(c) not in matched_gold]
    for c in result.spurious:
        _count(result, c.kind, "fp")
    for c in result.missed:
        _count(result, c.kind, "fn")
    return result


def _count(result: Score, kind: str, what: str) -> None:
    ks = result.kinds.setdefault(kind, KindScore())
    setattr(ks, what, getattr(ks, what) + 1)
    setattr(result.overall, what, getattr(result.overall, what) + 1)


def _match(system: Sequence[Claim], gold: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    candidates: list[tuple[int, int, int]] = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = _overlap(s, g)
            if overlap > 0 and _same_claim(s, g):
                candidates.append((overlap, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[Claim, Claim]] = []
    for _, i, j in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


def _overlap(a: Claim, b: Claim) -> int:
    return min(a.evidence.end, b.evidence.end) - max(a.evidence.start, b.evidence.start)


def _same_claim(s: Claim, g: Claim) -> bool:
    if (s.doc, s.kind, s.side, s.polarity) != (g.doc, g.kind, g.side, g.polarity):
        return False
    return places_match(s.place, g.place)


def places_match(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    """Same geonameid, or within MAX_KM of each other, or both null."""
    if a is None or b is None:
        return a is None and b is None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return distance_km((a.lat, a.lon), (b.lat, b.lon)) <= MAX_KM


def agrees(name: str, s: Claim, g: Claim) -> bool:
    """Whether system claim ``s`` agrees with gold claim ``g`` on one attribute."""
    if name == "modality":
        return s.modality == g.modality
    if name == "claimant":
        return _names_agree(
            s.claimant.name if s.claimant else None, g.claimant.name if g.claimant else None
        )
    if name == "channel":
        return _norm(s.channel) == _norm(g.channel)
    return _days_agree(
        s.event_time.start if s.event_time else None, g.event_time.start if g.event_time else None
    )


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    low = " ".join(name.lower().replace("’", "'").split())
    for article in _ARTICLES:
        low = low.removeprefix(article)
    return low


def _names_agree(a: str | None, b: str | None) -> bool:
    na, nb = _norm(a), _norm(b)
    if na is None or nb is None:
        return na is None and nb is None
    wa, wb = na.split(), nb.split()
    short, long_ = sorted((wa, wb), key=len)
    return bool(short) and long_[len(long_) - len(short) :] == short


def _days_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= MAX_DAYS
    except ValueError:
        return False


def corpus_documents(folder: Path) -> list[Document]:
    """The reports of a corpus folder (``*.json``, one report each) as documents."""
    documents: list[Document] = []
    for path in sorted(folder.glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        documents.append(
            Document(
                id=str(obj["id"]),
                text=str(obj.get("text") or ""),
                url=obj.get("url"),
                outlet=obj.get("outlet"),
                published=obj.get("published"),
                published_note=obj.get("published_note"),
                title=obj.get("title"),
                language=obj.get("language"),
            )
        )
    return documents


#: Where a false claim can come from that is no statement of the report: its dateline, its
#: headline, and a place named only as a landmark ("east of X", "near X").
FURNITURE = ("dateline", "headline", "reference")
_LANDMARK = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:north|south|east|west))?(?:ern)?\s+of|near|"
    r"outside|not far from|from)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)


def furniture_errors(
    spurious: Sequence[Claim], documents: Sequence[Document]
) -> dict[str, list[Claim]]:
    """The false claims that came from a dateline, a headline or a landmark, by source.

    A claim whose evidence overlaps the dateline is a dateline error; one inside the
    headline is a headline error; one whose place is named in its evidence only right after
    a landmark phrase ("captured Pishchane, east of Kupiansk" claimed at Kupiansk) is a
    reference error.
    """
    wanted = {c.doc for c in spurious}
    furniture = {  # read once a report, not once a claim
        d.id: (find_dateline(d.text, d.published_date()), headline_span(d.text, d.title))
        for d in documents
        if d.id in wanted
    }
    found: dict[str, list[Claim]] = {name: [] for name in FURNITURE}
    for claim in spurious:
        if claim.doc not in furniture:
            continue
        dateline, headline = furniture[claim.doc]
        start, end = claim.evidence.start, claim.evidence.end
        if dateline is not None and start < dateline.end and dateline.start < end:
            found["dateline"].append(claim)
        elif headline is not None and headline[0] <= start and end <= headline[1] + 1:
            found["headline"].append(claim)
        elif claim.place is not None and _only_as_landmark(claim.evidence.text, claim.place.name):
            found["reference"].append(claim)
    return found


def _only_as_landmark(evidence: str, name: str) -> bool:
    spots = [m.start() for m in re.finditer(re.escape(name), evidence)]
    return bool(spots) and all(_LANDMARK.search(evidence[:at]) for at in spots)
