"""What fusion knows about each claim beyond the claim itself.

A :class:`Fact` is one claim with its place key, its event-time interval (None when
undated or years-wide), its knowledge time, its origin (see ``_origins``), the side of
whoever makes it and whether its evidence cites verified physical evidence.

Documents share an origin when they are near-duplicates (``_dedupe``) or a report and
its translation (``_translations``).

A headline restates its report's body without the attribution ("Ukraine retakes town"
over "…, the General Staff said"): a claim in the document's own voice whose evidence
starts in the headline, restated in the body by a claim of the same kind, side, polarity
and place, takes that claim's origin and speaker. One report is one origin for it, not
an independent voice beside its source.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache

import numpy as np

from frontwatch.fuse._dedupe import (
    BANDS,
    MINHASH,
    ROWS,
    NearDuplicates,
    Signature,
    raw_band_keys,
    signature,
)
from frontwatch.fuse._lexicon import Lexicons
from frontwatch.fuse._origins import claim_origin, credited_wires, group_origin, speaker_side
from frontwatch.fuse._time import (
    Interval,
    claim_interval,
    document_time,
    is_vague,
    iso,
    parse_moment,
)
from frontwatch.fuse._translations import ClaimSource, Edition, outlet_families, translations
from frontwatch.model import Claim, Document
from frontwatch.read.headline import headline_span
from frontwatch.read.language import detect_language
from frontwatch.store import TextFacts
from frontwatch.store.codec import place_key

#: Modalities that say nothing happened yet: kept in events, never in a timeline.
SPECULATIVE = frozenset({"predicted", "conditional"})
#: The language of a text is told from its opening this long (enough for the detector).
LANGUAGE_SAMPLE = 2000


@dataclass(frozen=True, slots=True)
class Fact:
    """One claim as fusion sees it."""

    claim: Claim
    key: str
    interval: Interval | None
    known: datetime | None
    origin: str
    speaker: str | None
    physical: bool
    _order: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_order", (iso(self.known) or "~", self.claim.id))

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def known_day(self) -> date | None:
        return self.known.date() if self.known else None

    @property
    def known_iso(self) -> str | None:
        return iso(self.known)

    def order(self) -> tuple[str, str]:
        """Sort key: knowledge time (unknown last), then claim id (worked out once)."""
        return self._order


@dataclass(frozen=True, slots=True)
class DocFacts:
    """Per-document facts shared by its claims: knowledge time, the origin of its voice,
    and where its headline ends (0: the text opens with its body)."""

    known: datetime | None
    origin: str
    headline_end: int = 0


def facts_version(lex: Lexicons) -> str:
    """The version of kept text facts (``text_facts``): what they are computed with, the
    MinHash settings, the language sample and the wire lexicon; a change makes them again."""
    made_with = {
        "minhash": MINHASH,
        "language_sample": LANGUAGE_SAMPLE,
        "credits": [p.pattern for p in lex.credit_patterns],
        "wires": sorted(lex.wires.items()),
    }
    digest = hashlib.sha1(json.dumps(made_with).encode("utf-8"), usedforsecurity=False)
    return "text-facts.v1:" + digest.hexdigest()[:16]


def text_facts(doc: Document, lex: Lexicons) -> TextFacts:
    """What fusion reads from one document's text: its MinHash signature, where its
    headline ends, its language for the translation test, the wire agencies it credits."""
    sig = signature(doc.text)
    code = _detected(doc.text)
    return TextFacts(
        content_hash=doc.content_hash,
        signature=None if sig is None else sig.tobytes(),
        headline_end=_headline_end(doc),
        language=None if code == "und" else code,
        wires=tuple(sorted(credited_wires(doc.text, lex))),
    )


def _detected(text: str) -> str:
    """The language of a mostly Cyrillic text (Ukrainian and Russian told apart), "latin"
    for any other with letters (claims are read in one Latin-script language, English, so
    no finer name is needed to tell a translation), "und" for a text with none."""
    sample = text[:LANGUAGE_SAMPLE]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "und"
    if sum("\u0400" <= ch <= "\u04ff" for ch in letters) * 2 <= len(letters):
        return "latin"
    return detect_language(sample).code


def _headline_end(doc: Document) -> int:
    span = headline_span(doc.text, doc.title)
    return span[1] if span else 0


class _Bands:
    """Signatures and band keys decoded from kept signature bytes, by those bytes (a bytes
    object keeps its hash, so the same kept facts met again cost one look-up); oldest
    dropped past ``size`` (about 2.5 KB each)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._decoded: dict[bytes, tuple[Signature, list[tuple[int, bytes]]]] = {}

    def get(self, raw: bytes) -> tuple[Signature, list[tuple[int, bytes]]]:
        hit = self._decoded.get(raw)
        if hit is None:
            if len(self._decoded) >= self.size:
                del self._decoded[next(iter(self._decoded))]
            hit = self._decoded[raw] = (np.frombuffer(raw, dtype=np.uint64), raw_band_keys(raw))
        return hit


_BANDS = _Bands(50_000)


#: Odd multipliers that mix a band's rows into one number (``banded_together``).
_MIX = np.array([0x9E3779B97F4A7C15 + 2 * n for n in range(ROWS + 1)], dtype=np.uint64)


def banded_together(signatures: Sequence[tuple[str, bytes | None]]) -> set[str]:
    """The ids whose signature (kept bytes; None: no words) agrees with another one's on
    a whole band: the only documents of these that can be near-duplicates."""
    sigs = [(i, raw) for i, raw in signatures if raw is not None]
    if len(sigs) < 2:
        return set()
    rows = np.frombuffer(b"".join(raw for _, raw in sigs), dtype=np.uint64)
    bands = rows.reshape(len(sigs), BANDS, ROWS)
    # one number per band: its rows mixed with the band's place; numbers that two bands
    # share by chance only send a few more documents to the full test (never fewer)
    mixed = np.arange(1, BANDS + 1, dtype=np.uint64).reshape(1, BANDS) * _MIX[ROWS]
    for row in range(ROWS):
        mixed = (mixed ^ bands[:, :, row]) * _MIX[row]
    _, inverse, counts = np.unique(mixed.ravel(), return_inverse=True, return_counts=True)
    shared = (counts[inverse].reshape(len(sigs), BANDS) > 1).any(axis=1)
    return {sigs[n][0] for n in np.flatnonzero(shared)}


def document_facts(
    docs: Sequence[Document], lex: Lexicons, claims_of: ClaimSource | None = None
) -> dict[str, DocFacts]:
    """Knowledge time and group origin of each document, read from their texts (see
    ``group_facts``)."""
    return group_facts(docs, {d.id: text_facts(d, lex) for d in docs}, lex, claims_of)


def group_facts(
    docs: Sequence[Document],
    texts: Mapping[str, TextFacts],
    lex: Lexicons,
    claims_of: ClaimSource | None = None,
) -> dict[str, DocFacts]:
    """Knowledge time and group origin of each document, given its ``text_facts`` (its text
    is not read): near-duplicates share an origin, and so do a report and its translation
    (``_translations``), told by their claims: ``claims_of`` gives every claim of the
    documents it is asked about (None: no translation test)."""
    times = {d.id: document_time(d) for d in docs}
    dupes = NearDuplicates(order=lambda i: (iso(times.get(i)) or "~", i))
    # A document that shares no band with another one here is never compared with any:
    # it stays alone, and indexing the others without it groups them as with it.
    partnered = banded_together([(d.id, texts[d.id].signature) for d in docs])
    indexed = [d for d in docs if d.id in partnered]
    for doc in sorted(indexed, key=lambda d: (iso(times[d.id]) or "~", d.id)):
        raw = texts[doc.id].signature
        assert raw is not None  # a text with no words has no band
        dupes.add(doc.id, "", *_BANDS.get(raw))
    if claims_of is not None:
        languages = {d.id: texts[d.id].language for d in docs}
        if len(set(languages.values()) - {None}) > 1:  # else no pair can be a translation
            editions = [
                Edition(d.id, languages[d.id], outlet_families(d, lex), times[d.id]) for d in docs
            ]
            for a, b in translations(editions, claims_of, lex.translation):
                dupes.join(a, b)
    roots = {doc.id: dupes.root(doc.id) for doc in docs}
    wires: dict[str, set[str]] = {}
    for doc in docs:
        if texts[doc.id].wires:
            wires.setdefault(roots[doc.id], set()).update(texts[doc.id].wires)
    out: dict[str, DocFacts] = {}
    for doc in docs:
        root = roots[doc.id]
        origin = group_origin(root, frozenset(wires.get(root, ())), doc.forwarded_from)
        out[doc.id] = DocFacts(times[doc.id], origin, texts[doc.id].headline_end)
    return out


def make_fact(claim: Claim, doc: DocFacts | None, lex: Lexicons) -> Fact | None:
    """The fact for one claim, or None for a claim with no place (it cannot be fused)."""
    key = place_key(claim.place)
    if key is None:
        return None
    interval = claim_interval(claim)
    if interval is not None and is_vague(interval):
        interval = None
    known = parse_moment(claim.claim_time) or (doc.known if doc else None)
    doc_origin = doc.origin if doc else "doc:" + claim.doc
    return Fact(
        claim=claim,
        key=key,
        interval=interval,
        known=known,
        origin=claim_origin(claim, doc_origin, lex),
        speaker=speaker_side(claim, lex),
        physical=_physical(claim, lex),
    )


def _physical(claim: Claim, lex: Lexicons) -> bool:
    if claim.modality != "asserted":
        return False
    combined = _any_of(lex.physical_evidence)
    return combined is not None and combined.search(claim.evidence.text) is not None


@lru_cache(maxsize=8)
def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that matches where any of ``patterns`` does (each keeps its own
    i/m/s/x flags as a scoped group)."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?{_scoped(p.flags)}:{p.pattern})" for p in patterns))


def _scoped(flags: int) -> str:
    letters = zip("imsx", (re.IGNORECASE, re.MULTILINE, re.DOTALL, re.VERBOSE), strict=True)
    return "".join(c for c, flag in letters if flags & flag)


class _Made:
    """Facts already made, by (claim id, document facts), each with the claim object and
    lexicons it was made from: a hit must be made from those very objects (a store keeps
    the claims it decoded, so re-fusing a place meets the same ones); oldest dropped past
    ``size``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._facts: dict[tuple[str, DocFacts | None], tuple[Claim, Lexicons, Fact | None]] = {}

    def fact(self, claim: Claim, doc: DocFacts | None, lex: Lexicons) -> Fact | None:
        key = (claim.id, doc)
        hit = self._facts.get(key)
        if hit is not None and hit[0] is claim and hit[1] is lex:
            return hit[2]
        fact = make_fact(claim, doc, lex)
        if hit is None and len(self._facts) >= self.size:
            del self._facts[next(iter(self._facts))]
        self._facts[key] = (claim, lex, fact)
        return fact


_MADE = _Made(200_000)


def make_facts(claims: Iterable[Claim], docs: Mapping[str, DocFacts], lex: Lexicons) -> list[Fact]:
    """Facts for every claim that has a place, ordered by knowledge time."""
    facts = [f for c in claims if (f := _MADE.fact(c, docs.get(c.doc), lex)) is not None]
    facts = relay_headlines(facts, docs)
    facts.sort(key=Fact.order)
    return facts


Gist = tuple[str, str, str, str | None, str]


def _gist(fact: Fact) -> Gist:
    """What a claim says, whoever says it: its document, place, kind, side and polarity."""
    claim = fact.claim
    return claim.doc, fact.key, claim.kind, claim.side, claim.polarity


def _in_headline(fact: Fact, docs: Mapping[str, DocFacts]) -> bool:
    doc = docs.get(fact.claim.doc)
    return doc is not None and fact.claim.evidence.start < doc.headline_end


def relay_headlines(facts: Sequence[Fact], docs: Mapping[str, DocFacts]) -> list[Fact]:
    """Headline claims in the document's voice take the origin and speaker of the first
    body claim that restates them (module docstring)."""
    headline = [_in_headline(fact, docs) for fact in facts]
    if not any(headline):
        return list(facts)  # nothing to relay
    asked = {_gist(f) for f, top in zip(facts, headline, strict=True) if top}
    body: dict[Gist, list[Fact]] = {}
    for fact, top in zip(facts, headline, strict=True):
        if not top and (gist := _gist(fact)) in asked:
            body.setdefault(gist, []).append(fact)
    return [
        _relayed(f, body.get(_gist(f), []), docs) if top else f
        for f, top in zip(facts, headline, strict=True)
    ]


def _relayed(fact: Fact, restated: Sequence[Fact], docs: Mapping[str, DocFacts]) -> Fact:
    doc = docs.get(fact.claim.doc)
    if doc is None or not restated or fact.origin != doc.origin or not _in_headline(fact, docs):
        return fact
    if any(r.origin == doc.origin for r in restated):
        return fact  # the body says it in the document's own voice too
    source = min(restated, key=lambda r: (r.claim.evidence.start, r.id))
    return replace(fact, origin=source.origin, speaker=source.speaker)


def known_by(facts: Iterable[Fact], moment: datetime) -> list[Fact]:
    """The facts the record held at ``moment`` (a fact of unknown knowledge time never is)."""
    return [f for f in facts if f.known is not None and f.known <= moment]
