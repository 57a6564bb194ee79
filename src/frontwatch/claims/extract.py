"""The claims stage: from a document to claims-v1 records (and the place mentions read).

``ClaimExtractor(model=...)`` holds one spaCy model and the place resolver;
``extract(document)`` gives an ``Extraction`` with the mentions, the claims and, where
the document was not read, the reason (``skipped``). Per document:

1. language check (English only) and the cheap pre-filter: only sentences with a trigger
   word (and their attributing neighbours) are parsed;
2. the kept sentences are parsed as one view whose offsets map to the stored text (by
   default without the model's entity recogniser, the slowest component: people, places,
   organisations and dates are marked by :mod:`frontwatch.claims.names`, which reads the
   dev reports as accurately; ``ExtractOptions(ner=True)`` runs the model's instead), and
   place mentions are found through ``frontwatch.places.mentions.find_mentions``;
3. per sentence, every trigger gives claims: kind, side, places (patterns), attribution,
   polarity and modality, event time and quantity; evidence is the sentence in the stored
   text; duplicates within a sentence are merged.
"""

from __future__ import annotations

import hashlib
import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontwatch._words import word_list
from frontwatch.claims.actors import FURNITURE_END, opposite, phrase_tokens, side_of_tokens
from frontwatch.claims.attribution import (
    Attribution,
    Speakers,
    attribute,
    denier,
    document_speaker,
    named_speaker,
    sentence_attribution,
    transcript_speakers,
)
from frontwatch.claims.cyrillic import CYRILLIC, CyrillicExtractor
from frontwatch.claims.lexicon import Lexicon, TriggerSpec, load_lexicon
from frontwatch.claims.losses import LossTotal, loss_totals
from frontwatch.claims.modality import Reading, read_modality
from frontwatch.claims.names import NameMarker
from frontwatch.claims.patterns import (
    Hit,
    find_hits,
    holds,
    names_a_grouping,
    names_a_vessel,
    nominal,
    passive_without_agent,
    place_subject,
    prep_side,
    scope,
    side_for,
)
from frontwatch.claims.prefilter import keep_pieces, limit_pieces
from frontwatch.claims.quantity import find_quantities
from frontwatch.claims.timex import TimeMention, find_times
from frontwatch.claims.tuning import apply_thresholds, load_thresholds
from frontwatch.model import (
    Claim,
    Claimant,
    Document,
    EventTime,
    Evidence,
    Mention,
    PlaceRef,
    Quantity,
)
from frontwatch.places import GazetteerPlaces, MentionFinder, PlaceFinder, PlaceMentions
from frontwatch.read import (
    DEFAULT_MODEL,
    Component,
    Source,
    TextView,
    attach_source,
    build_nlp,
    carried,
    carry,
    find_dateline,
    find_quotes,
    make_view,
    select_view,
    sentence_case,
    source_of,
)
from frontwatch.read.language import detect_language

__all__ = [
    "EXTRACTOR",
    "ClaimExtractor",
    "ClaimReader",
    "ClaimsComponent",
    "ExtractOptions",
    "Extraction",
    "MentionFinder",
    "NameMarker",
]

EXTRACTOR = "frontwatch.claims@1"
_C = TypeVar("_C")

_UNITS = {"advance": ("km",), "territory": ("km2",), "loss": ("items", "people")}
_PLACELESS = frozenset({"loss", "territory"})
#: Kinds a claim may have with no side (fire with no side named, an evacuation by the UN).
_SIDELESS = frozenset({"attack", "evacuation"})
_MODALITY_WEIGHT = {
    "asserted": 1.0,
    "reported": 0.8,
    "unconfirmed": 0.7,
    "predicted": 0.6,
    "conditional": 0.6,
}
#: Kinds of claims about a happening (dated); supply and presence are standing conditions.
_DATED_KINDS = frozenset(
    {"control", "withdrawal", "advance", "attack", "encirclement", "deployment"}
)
_NEAR_WORDS = frozenset(
    {"near", "around", "outskirts", "outskirt", "vicinity", "outside", "area", "close"}
)
_DEMONSTRATIVES = frozenset({"that", "this", "those", "these"})
_DESTINATION_PREPS = frozenset({"to", "toward", "towards", "into", "onto", "across", "behind"})
#: Kinds whose place is where the action is aimed, not where it starts from.
_TOWARD_KINDS = frozenset({"attack", "advance"})
#: How far up from a place name its preposition may sit ("from the outskirts of the city of X").
_PREP_CLIMB = 4
#: A claim on a place the places stage is unsure of (``Mention.unsure``: perhaps a far
#: namesake) keeps this share of its confidence, so fusion weighs it little and the kind's
#: acceptance threshold usually drops it.
UNSURE_PLACE_WEIGHT = 0.4
#: ... and its place the precision of "only a region" (claims-v1): the settlement may be a
#: namesake, so fusion builds no control period on it (every kind's ``max_precision`` is below).
UNSURE_PLACE_PRECISION = 3
#: Trigger words read per sentence: a real sentence has a handful; a run-on list is bounded.
MAX_HITS = 16
#: spaCy's default ``max_length``: longer texts are refused with a reason, not parsed.
MAX_TEXT = 1_000_000
#: Below this length a text with few English function words is still read ("Izium retaken.").
SHORT_TEXT = 300
NO_CANDIDATES = "no places: no sentence holds a trigger word with a place, a place word or a number"


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the claims stage read from one document; ``skipped`` is "" when it was read."""

    document_id: str
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    skipped: str = ""
    #: What was read only in part, and why ("" when everything was).
    note: str = ""


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """``find_mentions`` replaces the places stage's finder (tests pass a real, smaller one).

    ``ner``: run the model's entity recogniser; by default (False) it is not loaded and
    people and places are marked by :func:`frontwatch.claims.names.mark_names` instead,
    which is much cheaper and reads the dev reports as accurately.

    ``thresholds``: keep only claims whose confidence reaches their kind's threshold
    learned from the gold (:mod:`frontwatch.claims.tuning`); off to fit them anew.
    """

    find_mentions: MentionFinder | None = None
    resolver: Any = None
    batch_size: int = 32
    ner: bool = False
    thresholds: bool = True


@dataclass(frozen=True, slots=True)
class _Placed:
    ref: PlaceRef | None
    key: str
    #: The preposition the place's name hangs from in its sentence ("from", "to"), if any.
    prep: str = ""
    #: The places stage doubts the reading: a namesake far from the story may be meant.
    unsure: bool = False
    #: The gazetteer's kind of place ("settlement", "facility", ...), where known.
    kind: str = ""


@dataclass(slots=True)
class _DocState:
    """What earlier sentences of a document tell later ones."""

    document: Document
    published: date | None
    view: TextView
    mentions: list[Mention]
    token_mention: dict[int, Mention]
    quotes: list[tuple[int, int]]
    speakers: Speakers
    holders: dict[str, str] = field(default_factory=dict)
    last_side: str | None = None
    quote_speakers: dict[int, Attribution | None] = field(default_factory=dict)
    times: dict[int, list[TimeMention]] = field(default_factory=dict)
    anchor: date | None = None
    dated: dict[tuple[str, str, str], EventTime] = field(default_factory=dict)
    last_place: _Placed | None = None
    #: The quote (index into ``quotes``) the last claim with a place was read in, if any.
    last_place_quote: int | None = None
    #: Transcript speakers by the stored offset where each starts to speak.
    labels: list[tuple[int, Claimant]] = field(default_factory=list)
    #: The stored offset where the dateline ends (0 when there is none): the words before it
    #: name where the report was filed, not who did what.
    dateline_end: int = 0
    #: The stretch of time the report covers, as its opening says ("over the past day",
    #: "since June 19", "over the past week"), ending on the day of the report: a
    #: daily or weekly report's undated happenings fall within it.
    frame: EventTime | None = None

    def labelled_speaker(self, at: int) -> Claimant | None:
        """The transcript speaker whose turn holds stored offset ``at``."""
        i = bisect_right([start for start, _ in self.labels], at)
        return self.labels[i - 1][1] if i else None


class ClaimExtractor:
    """Extracts claims-v1 records from documents with one spaCy pipeline.

    The pipeline (``nlp``) is the model's components between frontwatch's own, in the order
    :attr:`stages` shows: ``frontwatch_paragraphs`` first, then the model's tagger and
    parser, ``frontwatch_names`` (where the model's ``ner`` is not loaded),
    ``frontwatch_places`` and ``frontwatch_claims``. Each document travels through it as a
    ``Doc`` carrying its report (:class:`frontwatch.read.Source`), so ``extract_many(...,
    n_process=2)`` reads documents in two processes with the same result.
    """

    def __init__(self, model: str = DEFAULT_MODEL, options: ExtractOptions | None = None) -> None:
        self.model = model
        self.options = options or ExtractOptions()
        self.lexicon = load_lexicon()
        self.places: PlaceFinder = GazetteerPlaces(
            self.options.resolver, self.options.find_mentions
        )
        self._nlp: Language | None = None
        #: Seconds spent per stage (prefilter, parse, names, mentions, claims), summed over
        #: calls in this process (``n_process`` > 1: the workers' stages count as "parse").
        self.seconds: dict[str, float] = {}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            nlp = build_nlp(self.model, () if self.options.ner else ("ner",))
            nlp.add_pipe("frontwatch_paragraphs", first=True)
            if not self.options.ner:
                _added(nlp, "frontwatch_names", NameMarker).is_place = self.places.is_place
            _added(nlp, "frontwatch_places", PlaceMentions).finder = self.places
            nlp.add_pipe("frontwatch_claims", config={"thresholds": self.options.thresholds})
            self._nlp = nlp
        return self._nlp

    @property
    def stages(self) -> list[str]:
        """The pipeline's components, in the order they run."""
        return list(self.nlp.pipe_names)

    @property
    def resolver(self) -> Any:
        return getattr(self.places, "resolver", None)

    def extract(self, document: Document) -> Extraction:
        return self.extract_many([document])[0]

    def extract_many(self, documents: Sequence[Document], n_process: int = 1) -> list[Extraction]:
        """Extract every document; one that cannot be read gets its reason, the rest go on.

        ``n_process``: worker processes for the pipeline (spaCy's ``nlp.pipe``).
        """
        nlp = self.nlp
        results: dict[int, Extraction] = {}
        todo: list[tuple[int, Doc]] = []
        notes: dict[int, str] = {}
        cyrillic: list[tuple[int, Document, str]] = []
        with self._timed("prefilter"):
            for i, document in enumerate(documents):
                reason, language = self._skip_reason(document)
                if reason:
                    results[i] = Extraction(document.id, skipped=reason)
                    continue
                if language in CYRILLIC:
                    cyrillic.append((i, document, language))
                    continue
                full = make_view(document.text)
                limited = limit_pieces(keep_pieces(full.text, self.lexicon))
                if limited.too_long and not limited.pieces:
                    results[i] = Extraction(document.id, skipped=limited.note())
                    continue
                notes[i] = limited.note()
                view = sentence_case(
                    select_view(full, limited.pieces), _COMMON_WORDS, frozenset(self.lexicon.sides)
                )
                quotes = find_quotes(full, document.text)
                source = Source(
                    document, view, tuple(full.to_stored(q.start, q.end) for q in quotes)
                )
                todo.append((i, attach_source(nlp.make_doc(view.text), source)))
        before = self._component_seconds()
        started = time.perf_counter()
        docs = nlp.pipe(
            (doc for _, doc in todo), batch_size=self.options.batch_size, n_process=n_process
        )
        for (i, _), doc in zip(todo, docs, strict=True):
            results[i] = replace(carried(doc, "extraction"), note=notes[i])
        self._count_pipeline(time.perf_counter() - started, before)
        if cyrillic:
            with self._timed("cyrillic"):
                read = self.cyrillic.read_many([(d, lang) for _, d, lang in cyrillic], n_process)
            for (i, document, _), got in zip(cyrillic, read, strict=True):
                results[i] = Extraction(document.id, got.mentions, got.claims, got.skipped)
        return [results[i] for i in range(len(documents))]

    @cached_property
    def cyrillic(self) -> CyrillicExtractor:
        """Ukrainian and Russian documents' reader, over the same places finder."""
        return CyrillicExtractor(self.places)

    def _component_seconds(self) -> dict[str, float]:
        return {
            _STAGE_NAMES.get(name, name): getattr(pipe, "seconds", 0.0)
            for name, pipe in self.nlp.pipeline
            if name in _STAGE_NAMES
        }

    def _count_pipeline(self, elapsed: float, before: dict[str, float]) -> None:
        spent = 0.0
        for stage, seconds in self._component_seconds().items():
            delta = seconds - before.get(stage, 0.0)
            spent += delta
            self.seconds[stage] = self.seconds.get(stage, 0.0) + delta
        self.seconds["parse"] = self.seconds.get("parse", 0.0) + max(0.0, elapsed - spent)

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started

    def _skip_reason(self, document: Document) -> tuple[str, str]:
        """Why ``document`` is not read ("" when it is) and the language it was read as."""
        text = document.text
        if not text or not text.strip():
            return "empty text", ""
        if len(text) > MAX_TEXT:
            return f"text of {len(text)} characters is over the limit of {MAX_TEXT}", ""
        guess = detect_language(text, document.language)
        if guess.code in CYRILLIC:
            return "", guess.code
        if guess.code.endswith("-Latn"):  # Russian or Ukrainian in Latin letters
            return f"{guess.reason}; transliterated text is not read", guess.code
        if guess.code != "en" and not (guess.code == "und" and len(text) < SHORT_TEXT):
            return f"not English ({guess.code}): {guess.reason}", guess.code
        return "", guess.code


def _added(nlp: Language, name: str, kind: type[_C]) -> _C:
    """Add the component ``name`` to ``nlp`` and return it, checked to be a ``kind``."""
    pipe = nlp.add_pipe(name)
    if not isinstance(pipe, kind):
        raise TypeError(f"component {name!r} is a {type(pipe).__name__}, not a {kind.__name__}")
    return pipe


#: Timed components by the stage name ``ClaimExtractor.seconds`` reports them under.
_STAGE_NAMES = {
    "frontwatch_paragraphs": "parse",
    "frontwatch_names": "names",
    "frontwatch_places": "mentions",
    "frontwatch_claims": "claims",
}


class ClaimsComponent(Component):
    """``frontwatch_claims``: the claims of the report a ``Doc`` carries, from its parse and
    the mentions ``frontwatch_places`` left (``carried(doc, "extraction")``)."""

    def __init__(self, reader: ClaimReader) -> None:
        super().__init__()
        self.reader = reader

    def process(self, doc: Doc) -> Doc:
        source = source_of(doc)
        extraction = self.reader.read(doc, source, carried(doc, "mentions"))
        return carry(doc, "extraction", extraction)


@Language.factory("frontwatch_claims", default_config={"thresholds": True})
def make_claims(nlp: Language, name: str, thresholds: bool) -> ClaimsComponent:
    return ClaimsComponent(ClaimReader(load_lexicon(), thresholds=thresholds))


class ClaimReader:
    """Reads the claims of one parsed report, sentence by sentence; owns its lexicon.

    What earlier sentences tell later ones (who holds a place, the last side and place,
    the dated anchor, quote speakers) is a :class:`_DocState` made per report.
    """

    def __init__(self, lexicon: Lexicon, *, thresholds: bool = True) -> None:
        self.lexicon = lexicon
        self.thresholds = thresholds

    def read(self, doc: Doc, source: Source, mentions: list[Mention]) -> Extraction:
        document = source.document
        if not source.view.text:
            return Extraction(document.id, skipped=NO_CANDIDATES)
        state = self._state(doc, source, mentions)
        claims: list[Claim] = []
        state.frame = _report_frame(doc, state)
        for sent in doc.sents:
            read = _past_dateline(sent, state)
            if read is not None and not _question(read):
                claims.extend(self._sentence_claims(read, state))
        if self.thresholds:
            claims = apply_thresholds(claims, load_thresholds())
        if not claims and not any(m.place is not None for m in mentions):
            return Extraction(
                document.id, mentions=mentions, skipped="no places named in trigger sentences"
            )
        return Extraction(document.id, mentions=mentions, claims=claims)

    # ------------------------------------------------------------ per document

    def _state(self, doc: Doc, source: Source, mentions: list[Mention]) -> _DocState:
        document = source.document
        speakers = Speakers(default=document_speaker(document, self.lexicon))
        published = document.published_date()
        dateline = find_dateline(document.text, published)
        # a dateline ("KHARKIV, March 3 (Reuters) -") says where the report was filed: its
        # place is never the place of a claim
        claimable = [
            m for m in mentions if dateline is None or not dateline.start <= m.start < dateline.end
        ]
        return _DocState(
            document=document,
            published=published,
            view=source.view,
            mentions=claimable,
            token_mention=_token_mentions(doc, source.view, claimable),
            quotes=list(source.quotes),
            labels=transcript_speakers(document.text, self.lexicon),
            speakers=speakers,
            dateline_end=dateline.end if dateline is not None else 0,
        )

    def _quote_speaker(self, doc: Doc, state: _DocState, quote: int) -> Attribution | None:
        """The attribution of the sentence that closes or opens a quote (cue outside the quote)."""
        if quote in state.quote_speakers:
            return state.quote_speakers[quote]
        qs, qe = state.quotes[quote]
        inside, before = [], []
        for sent in doc.sents:
            start, end = _stored(state.view, sent.start_char, sent.end_char)
            if start < qe + 3 and qs < end:
                inside.append(sent)
            elif qs - 3 <= end <= qs:
                before.append(sent)
        found = None
        for sent in inside + before[-1:]:
            speakers = Speakers(list(state.speakers.named))
            att = sentence_attribution(sent, self.lexicon, speakers, anywhere=True)
            if att.claimant is not None and not _cue_inside(doc, att.cue, state.view, qs, qe):
                found = att
                break
            named = named_speaker(sent, self.lexicon, _outside(doc, state.view, qs, qe))
            if named is not None:
                found = named
                break
        state.quote_speakers[quote] = found
        return found

    # ------------------------------------------------------------ per sentence

    def _sentence_claims(self, sent: Span, state: _DocState) -> list[Claim]:
        hits = find_hits(sent, self.lexicon)[:MAX_HITS]
        losses = self._loss_claims(sent, state)
        if not hits and not losses:
            sentence_attribution(sent, self.lexicon, state.speakers)
            self._remember(sent, state, [])
            return []
        best: dict[tuple[str, str | None, str, str], Claim] = {}
        for hit in hits:
            for claim in self._hit_claims(hit, sent, state):
                _note_holder(state, claim)  # "fell to X in April and was retaken": X held it
                key = _claim_key(claim)
                if key not in best or claim.confidence > best[key].confidence:
                    best[key] = claim
        for claim in losses:  # a total replaces the same loss read without its figure
            key = _claim_key(claim)
            if key in best and best[key].quantity is None:
                del best[key]
            held = best.get(key)
            if claim.quantity is None and held is not None and _counts_items(held):
                best[key] = claim  # "lost 12 tanks, 20 guns": a list, not its first figure
                continue
            if held is not None and held.quantity == claim.quantity:
                continue
            best.setdefault((*key[:3], f"{key[3]}:{claim.quantity}"), claim)
        claims = _regions_under_settlements(list(best.values()))
        claims += self._denials(sent, state, claims)
        self._remember(sent, state, claims)
        return claims

    def _denials(self, sent: Span, state: _DocState, claims: list[Claim]) -> list[Claim]:
        """The other side's version in the sentence's tail ("X captured Y, a claim Kyiv
        denied"): each claim said before it, negated, with the denier as its claimant."""
        who = denier(sent, self.lexicon, state.speakers) if claims else None
        if who is None:
            return []
        start, end = _stored(state.view, sent.start_char, sent.end_char)
        doc_id = state.document.id
        out = []
        for claim in claims:
            if claim.polarity != "affirmed" or claim.place is None:
                continue
            if claim.claimant is not None and claim.claimant.name == who.name:
                continue
            out.append(
                replace(
                    claim,
                    id=_claim_id(
                        doc_id, start, end, claim.kind, claim.place.name, claim.side, "negated"
                    ),
                    polarity="negated",
                    modality="asserted",
                    claimant=who,
                    channel=None,
                )
            )
        return out

    def _remember(self, sent: Span, state: _DocState, claims: list[Claim]) -> None:
        for claim in claims:
            if not (claim.side and claim.place and claim.polarity == "affirmed"):
                continue
            state.last_place = _Placed(claim.place, claim.place.name)
            state.last_place_quote = _quote_of(sent.root, state)
            if claim.kind == "control":
                state.holders[claim.place.name] = claim.side
            elif claim.kind == "withdrawal" and opposite(claim.side):
                state.holders[claim.place.name] = str(opposite(claim.side))
        self._remember_time(sent, state)
        sides = [c.side for c in claims if c.side]
        subjects = [
            side_for_np(t, self.lexicon)
            for t in sent
            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
        ]
        sides.extend(s for s in subjects if s in ("UA", "RU"))
        if sides:
            state.last_side = sides[-1]

    def _remember_time(self, sent: Span, state: _DocState) -> None:
        """The last dated time of a sentence anchors "the next day" in the sentences after it."""
        times = state.times.get(sent.start)
        if times is None:
            times = find_times(sent.text, state.published, anchor=state.anchor)
        dated = [m.time.start for m in times if m.time.start is not None]
        if dated:
            state.anchor = date.fromisoformat(str(dated[-1])[:10])

    def _loss_claims(self, sent: Span, state: _DocState) -> list[Claim]:
        """Loss totals said without a trigger frame (:mod:`frontwatch.claims.losses`)."""
        if not any(t.like_num for t in sent):
            return []
        spec = self._loss_spec
        att = self._attribution(Hit(sent.root, spec, (sent.root.i,)), sent, state)
        speaker = att.claimant.side if att.claimant else None
        out: list[Claim] = []
        totals = loss_totals(sent, self.lexicon, speaker)
        found = self._level_places(list(sent), state, anaphors=False) if totals else []
        placed = found[0] if found else _Placed(None, "")
        for total in totals:
            hit = Hit(total.cue, spec, (total.cue.i,))
            reading = read_modality(
                total.cue, sent, self.lexicon, att.cue, att.modality, att.polarity
            )
            if reading.intent or (total.quantity is None and placed.ref is None):
                continue  # a list of equipment with no total and no place says too little
            time = _time(sent, [list(sent)], att, state)
            if (time is None or time.start is None) and self._running_total(sent, total):
                time = self._running(state) or time
            out.append(
                self._claim(
                    hit,
                    sent,
                    state,
                    "loss",
                    total.side,
                    placed,
                    reading,
                    att,
                    time,
                    total.quantity,
                )
            )
        return out

    def _kind_weight(self, kind: str) -> float:
        """The weight most of a kind's verb triggers carry (its median)."""
        weights = sorted(
            t.weight for t in self.lexicon.triggers if t.kind == kind and "VERB" in t.pos
        )
        return weights[len(weights) // 2] if weights else 0.5

    def _running_total(self, sent: Span, total: LossTotal) -> bool:
        lex = self.lexicon
        if total.quantity is not None and total.quantity.value >= lex.running_min:
            return True
        return any(t.lower_ in lex.losses["running_words"] for t in sent)

    def _running(self, state: _DocState) -> EventTime | None:
        """A running total's time: from the start of the war to the day of the report."""
        if state.published is None:
            return None
        start = self.lexicon.running_from
        return EventTime(start, state.published.isoformat(), "range", "to date")

    @cached_property
    def _loss_spec(self) -> TriggerSpec:
        return next(t for t in self.lexicon.triggers if t.kind == "loss")

    def _hit_claims(self, hit: Hit, sent: Span, state: _DocState) -> list[Claim]:
        lex = self.lexicon
        att = self._attribution(hit, sent, state)
        reading = read_modality(hit.head, sent, lex, att.cue, att.modality, att.polarity)
        if _only_intended(hit, reading):
            return []
        levels = scope(hit, lex)
        held = _held_for(hit, sent, state)
        if held is not None:  # "the city's six months of Russian occupation": whose months
            levels = [levels[0] + _possessors(held[1]), *levels[1:]]
        places, own = self._hit_places(hit, levels, state)
        if not own and _purpose_of_another(hit, lex):
            return []  # "withdrew from X to regroup": X is where it left, not where it regroups
        area = hit.spec.kind in lex.territory_from and (
            _quantity(sent, hit, levels, "territory") is not None
        )  # "took 1,000 square kilometres": an area is what was taken
        if not holds(hit, lex, own or area):
            return []
        speaker_side = att.claimant.side if att.claimant else None
        perspective = speaker_side or _subject_side(hit.head, lex)  # whose "enemy"
        if perspective is None and att.claimant is not None and _in_any_quote(hit, state):
            # "'Our units entered X,' Colonel N told reporters" after "a senior Ukrainian
            # commander said": a quoted speaker of no known side speaks for the last side
            perspective = state.speakers.last_side()
        side = side_for(hit, lex, perspective, self._antecedent(hit, sent, att, state))
        if side is None and hit.spec.sideless and hit.spec.kind == "attack":
            side = _sole_side(sent, lex, state.token_mention, hit.head, _speaker_tokens(sent, att))
        quantity = _quantity(sent, hit, levels, hit.spec.kind)
        kind, reading = _attempted(_kind(hit, sent, levels, lex), reading, hit.spec)
        if kind != hit.spec.kind:
            quantity = _quantity(sent, hit, levels, kind)
        time = _time(sent, levels, att, state)
        if held is not None:
            time = _held_until(held, sent, att, state) or time
        if time is None and kind != "supply":  # a supply line is a standing condition
            time = _present_tense_day(hit.head, state)
        claims = []
        paired = _paired_times(sent, places, state)
        for placed in _departures(kind, places) or [_Placed(None, "")]:
            holder = state.holders.get(placed.ref.name) if placed.ref else None
            if side is None:
                side = _unnamed_side(hit, lex, speaker_side, holder)
            if not _complete(hit.spec, kind, side, placed, quantity):
                continue
            when = _restated_time(
                paired.get(placed.key, time),
                _happening(kind, side, placed),
                reading.modality,
                state,
            )
            claims.append(
                self._claim(hit, sent, state, kind, side, placed, reading, att, when, quantity)
            )
        return claims

    def _hit_places(
        self, hit: Hit, levels: list[list[Token]], state: _DocState
    ) -> tuple[list[_Placed], bool]:
        """The trigger's places (and whether in its own clause); with none named, the place
        a demonstrative points back to, or the one the quote it sits in just named."""
        places, own = self._places(levels, state)
        if places:
            return places, own
        if _demonstrative(hit):
            carried = self._previous_place(hit.head, state)
            return ([carried], True) if carried is not None else ([], False)
        if _same_quote_goes_on(hit, state) and state.last_place is not None:
            # '"Our units entered X this morning. The enemy fled, leaving behind two tanks"'
            return [state.last_place], True
        return [], False

    def _attribution(self, hit: Hit, sent: Span, state: _DocState) -> Attribution:
        att = attribute(hit.head, sent, self.lexicon, state.speakers)
        at = _stored(state.view, hit.head.idx, hit.head.idx + len(hit.head))[0]
        quote = next((qi for qi, (qs, qe) in enumerate(state.quotes) if qs <= at < qe), None)
        cue_in_quote = (
            att.cue is not None and quote is not None and _in_quote(sent.doc[att.cue], state, quote)
        )
        if quote is not None and (att.claimant is None or cue_in_quote or _first_person(att)):
            outer = self._quote_speaker(sent.doc, state, quote)
            if outer is not None:
                return Attribution(
                    outer.claimant,
                    att.channel or outer.channel,
                    att.modality,
                    att.polarity,
                    att.cue,
                )
        speaker = state.labelled_speaker(at) or state.speakers.default
        if att.claimant is None and speaker is not None:
            return Attribution(speaker, att.channel, att.modality, att.polarity, att.cue)
        return att

    def _antecedent(self, hit: Hit, sent: Span, att: Attribution, state: _DocState) -> str | None:
        """The side a pronoun subject stands for: an earlier subject, else the speaker's."""
        for tok in sent:
            if tok.i >= hit.head.i:
                break
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ != "PRON":
                side = side_for_np(tok, self.lexicon)
                if side in ("UA", "RU"):
                    return side
        if att.claimant is not None and att.claimant.side in ("UA", "RU"):
            return att.claimant.side
        return state.last_side

    def _places(self, levels: list[list[Token]], state: _DocState) -> tuple[list[_Placed], bool]:
        """The places of the first scope level that names one, and whether it is the own one."""
        for depth, tokens in enumerate(levels):
            found = self._level_places(tokens, state)
            if found:
                return found, depth == 0
        return [], False

    def _level_places(
        self, tokens: list[Token], state: _DocState, *, anaphors: bool = True
    ) -> list[_Placed]:
        out: dict[str, _Placed] = {}
        landmarks: dict[str, _Placed] = {}
        zones: set[str] = set()
        for tok in tokens:
            mention = state.token_mention.get(tok.i)
            if (
                mention is None
                or _is_reference_point(tok, self.lexicon)
                or _is_actor(tok, self.lexicon)
                or names_a_vessel(tok, self.lexicon)
                or names_a_grouping(tok)
            ):
                continue
            placed = self._placed(mention, tok)
            if placed is None:
                continue
            if _landmark(tok, self.lexicon, state.token_mention):
                landmarks.setdefault(placed.key, placed)
            else:
                out.setdefault(placed.key, placed)
                if _names_a_zone(tok, self.lexicon):
                    zones.add(placed.key)
        for key in out.keys() & landmarks.keys():
            del landmarks[key]
        if zones and out.keys() - zones:  # "in the X direction, ... liberated Y": at Y
            out = {k: p for k, p in out.items() if k not in zones}
        out = _settlements_over_facilities(_settlements_over_regions(out))
        if not out and landmarks:  # "advanced east of X": X is where, not far from
            return [_around(p) for p in landmarks.values()]
        if not out:
            out = {p.key: p for p in self._listed_places(tokens, state)}
        if not out and anaphors:
            anaphor = self._anaphor_place(tokens, state)
            if anaphor is not None:
                out[anaphor.key] = anaphor
        return list(out.values())

    def _listed_places(self, tokens: list[Token], state: _DocState) -> list[_Placed]:
        """The places a relative clause lists for a plural place word ("25 localities, the
        largest of which are X and Y")."""
        lex = self.lexicon
        found: list[_Placed] = []
        for tok in tokens:
            if tok.tag_ != "NNS" or tok.lemma_.lower() not in lex.locative_anaphors:
                continue
            # the parser hangs "..., the largest of which are X" on the noun or on its verb
            clauses = [c for c in tok.children if c.dep_ == "relcl"] + [
                c
                for c in tok.head.children
                if c.dep_ in ("advcl", "relcl") and tok.dep_ in ("nsubj", "nsubjpass", "dobj")
            ]
            for clause in clauses:
                if not any(t.tag_ == "WDT" for t in clause.subtree):
                    continue
                for t in clause.subtree:
                    mention = state.token_mention.get(t.i)
                    placed = self._placed(mention, t) if mention is not None else None
                    if placed is not None and t.dep_ in _LISTED_DEPS:
                        found.append(placed)
        return found

    def _placed(self, mention: Mention, tok: Token) -> _Placed | None:
        place = mention.place
        lex = self.lexicon
        if (
            place is None
            or place.kind in lex.skip_place_kinds
            or place.name.lower() in lex.unanchored_places
        ):
            return None
        precision = max(mention.precision, 2 if _near(tok) else 1)
        if mention.unsure:
            precision = UNSURE_PLACE_PRECISION
        if place.admin1 and _names_a_region_of_a_list(tok):
            # "the Sumy, Donetsk and Odesa regions": each name is an oblast (at its namesake
            # city's point, precision 3, as a named region is)
            region = self._region_named(place.name, place.admin1)
            ref = PlaceRef(region, None, place.lat, place.lon, region, 3)
            return _Placed(ref, region, _governing_prep(tok), mention.unsure)
        key = str(place.geonameid) if place.geonameid is not None else place.name
        return _Placed(place.ref(precision), key, _governing_prep(tok), mention.unsure, place.kind)

    def _region_named(self, name: str, admin1: str) -> str:
        """The first-level unit a city's name stands for in "the X region": its own, unless the
        city is a capital, a unit of its own ("Kyiv City") beside its namesake oblast."""
        if name.lower() in self.lexicon.capitals and admin1 in (name, f"{name} City"):
            return f"{name} Oblast"
        return admin1

    def _anaphor_place(self, tokens: list[Token], state: _DocState) -> _Placed | None:
        for tok in tokens:
            if tok.i in state.token_mention or not _is_anaphor(tok, self.lexicon):
                continue
            return self._previous_place(tok, state)
        return None

    def _previous_place(self, tok: Token, state: _DocState) -> _Placed | None:
        """The place a back reference at ``tok`` stands for: the last claim's, else the last
        settlement named before it."""
        if state.last_place is not None:
            return state.last_place
        at = _stored(state.view, tok.idx, tok.idx + len(tok))[0]
        before = [
            m
            for m in state.mentions
            if m.end <= at and m.place is not None and m.text.lower() not in self.lexicon.sides
        ]  # a capital named as a side ("Moscow's forces") is no place to point back to
        for mention in reversed(before):
            placed = self._placed(mention, tok)
            if placed is not None and mention.place is not None and mention.place.kind != "region":
                return placed
        return None

    def _claim(
        self,
        hit: Hit,
        sent: Span,
        state: _DocState,
        kind: str,
        side: str | None,
        placed: _Placed,
        reading: Reading,
        att: Attribution,
        time: EventTime | None,
        quantity: Quantity | None,
    ) -> Claim:
        start, end = _stored(state.view, sent.start_char, sent.end_char)
        text = state.document.text[start:end]
        doc_id = state.document.id
        doubt = UNSURE_PLACE_WEIGHT if placed.unsure else 1.0
        # an attempt read as an attack ("attempted to advance near X") is as sure as the
        # commonest pattern of an attack, not the weaker one of the movement it tried
        weight = hit.spec.weight if kind == hit.spec.kind else self._kind_weight(kind)
        confidence = round(
            max(0.05, min(0.99, weight * _MODALITY_WEIGHT[reading.modality] * doubt)), 3
        )
        return Claim(
            id=_claim_id(
                doc_id, start, end, kind, _id_place(kind, placed, quantity), side, reading.polarity
            ),
            doc=doc_id,
            kind=kind,
            side=side,
            place=placed.ref,
            polarity=reading.polarity,
            modality=reading.modality,
            claimant=att.claimant,
            channel=att.channel,
            event_time=time,
            quantity=quantity if kind in _UNITS else None,
            evidence=Evidence(text=text, start=start, end=end),
            extractor=EXTRACTOR,
            confidence=confidence,
            claim_time=state.published.isoformat() if state.published else None,
        )


# ---------------------------------------------------------------- helpers


def side_for_np(tok: Token, lex: Lexicon) -> str | None:
    """The side the noun phrase headed by ``tok`` names."""
    return side_of_tokens(phrase_tokens(tok), lex)


def _cue_inside(doc: Doc, cue: int | None, view: TextView, qs: int, qe: int) -> bool:
    if cue is None:
        return False
    at = _stored(view, doc[cue].idx, doc[cue].idx + 1)[0]
    return qs <= at < qe


def _outside(doc: Doc, view: TextView, qs: int, qe: int) -> Callable[[Token], bool]:
    """A test: does a token lie outside the quote [qs, qe) of the stored text?"""
    return lambda tok: not _cue_inside(doc, tok.i, view, qs, qe)


def _happening(kind: str, side: str | None, placed: _Placed) -> tuple[str, str, str] | None:
    """Which happening a claim is about, so that its restatements share a date: a side's
    withdrawal from a place is the other side's taking it; standing conditions have none."""
    if kind not in _DATED_KINDS or side is None or placed.ref is None:
        return None
    if kind == "withdrawal":
        return ("control", str(opposite(side)), placed.key)
    return (kind, side, placed.key)


def _restated_time(
    time: EventTime | None, happening: tuple[str, str, str] | None, modality: str, state: _DocState
) -> EventTime | None:
    """The clause's own time, else the date the document gave the same happening before,
    else the stretch the report covers."""
    if happening is None or modality in ("predicted", "conditional"):
        return time
    if time is not None and time.start is not None:
        state.dated.setdefault(happening, time)
        return time
    restated = state.dated.get(happening, time)
    if restated is None and state.frame is not None and happening[0] not in _STANDING_KINDS:
        return state.frame
    return restated


#: Kinds that state a standing condition rather than a happening: no report's frame dates them.
_STANDING_KINDS = frozenset({"supply", "presence"})
#: How many sentences of a report's opening may set its frame.
_FRAME_SENTENCES = 3


def _report_frame(doc: Doc, state: _DocState) -> EventTime | None:
    """The stretch of time the report's opening says it covers: the first dated time of its
    first sentences, where that is a stretch ending on the day of the report."""
    if state.published is None:
        return None
    for i, sent in enumerate(doc.sents):
        if i >= _FRAME_SENTENCES:
            return None
        times = state.times.get(sent.start)
        if times is None:
            times = find_times(sent.text, state.published)
            state.times[sent.start] = times
        dated = [m for m in times if m.time.start is not None]
        if dated:
            first = dated[0]
            ends_now = first.time.end == state.published.isoformat()
            stretch = first.kind in ("range", "duration") and first.time.start != first.time.end
            return first.time if ends_now and stretch else None
    return None


def _first_person(att: Attribution) -> bool:
    return att.claimant is None or att.claimant.name.lower() in ("we", "i", "us")


def _names_a_region_of_a_list(tok: Token) -> bool:
    """A name in a list before a plural region word ("the Sumy, Donetsk and Odesa regions")."""
    node = tok
    for _ in range(8):
        if node.dep_ not in ("conj", "compound", "nmod", "amod") or node.head.i == node.i:
            break
        node = node.head
        if node.tag_ == "NNS" and node.lemma_.lower() in _REGION_WORDS:
            return True
    return _listed_before_regions(tok)


def _listed_before_regions(tok: Token) -> bool:
    """The same read off the words where the parser broke the list ("the Lviv, Ivano-Frankivsk
    and Khmelnytskyi regions" with "Lviv" made the object of "in"): capitalised names joined
    by commas and "and"/"or" up to a plural region word."""
    doc, i, joined = tok.doc, tok.i + 1, False
    while i < len(doc) and i - tok.i <= _LIST_SPAN:
        word = doc[i]
        if word.text == "," or word.lower_ in ("and", "or"):
            joined = True
        elif not word.text[:1].isupper():
            return joined and word.tag_ == "NNS" and word.lemma_.lower() in _REGION_WORDS
        i += 1
    return False


#: How many tokens a list of names before "regions" may run.
_LIST_SPAN = 16


#: Words for a first-level unit, as a plural after a list of names.
_REGION_WORDS = frozenset({"region", "oblast", "province"})


def _in_any_quote(hit: Hit, state: _DocState) -> bool:
    return _quote_of(hit.head, state) is not None


def _quote_of(tok: Token, state: _DocState) -> int | None:
    """The index of the quote that holds ``tok``, if one does."""
    at = _stored(state.view, tok.idx, tok.idx + len(tok))[0]
    return next((i for i, (qs, qe) in enumerate(state.quotes) if qs <= at < qe), None)


def _same_quote_goes_on(hit: Hit, state: _DocState) -> bool:
    """The trigger sits in the quote whose last claim named a place."""
    quote = _quote_of(hit.head, state)
    return quote is not None and quote == state.last_place_quote


def _in_quote(tok: Token, state: _DocState, quote: int) -> bool:
    qs, qe = state.quotes[quote]
    at = _stored(state.view, tok.idx, tok.idx + 1)[0]
    return qs <= at < qe


def _subject_side(trigger: Token, lex: Lexicon) -> str | None:
    """The side of the subject of the verb a trigger noun is the object of: "Ukrainian
    defenders repelled enemy attacks" -> UA, the side "enemy" is said from."""
    node = trigger
    for _ in range(_PREP_CLIMB):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        if node.dep_ in ("nsubj", "nsubjpass"):
            return None
        node = node.head
    if node.i == trigger.i or node.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
    side = side_for_np(subject, lex) if subject is not None else None
    return side if lex.opposite(side) is not None else None


def _note_holder(state: _DocState, claim: Claim) -> None:
    if claim.kind == "control" and claim.side and claim.place and claim.polarity == "affirmed":
        state.holders[claim.place.name] = claim.side


def _departures(kind: str, places: list[_Placed]) -> list[_Placed]:
    """A withdrawal "from X to Y" is at X: where it left, not only where it went; an attack
    or advance "toward Y from X" is at Y: X is where it set out from."""
    if kind == "withdrawal" and any(p.prep == "from" for p in places):
        return [p for p in places if p.prep not in _DESTINATION_PREPS]
    if kind in _TOWARD_KINDS and any(p.prep == "from" for p in places):
        return [p for p in places if p.prep != "from"] or places
    return places


def _governing_prep(tok: Token) -> str:
    """The preposition a place name hangs from, outermost below the verb: "from" in "from
    the outskirts of X", "to" in "to the east bank of X"."""
    found = ""
    for i, up in enumerate((tok, *tok.ancestors)):
        if i > _PREP_CLIMB or up.pos_ in ("VERB", "AUX"):
            break
        if i > 1 and up.pos_ == "PROPN" and up.dep_ == "pobj":
            break  # "toward Y from X": X hangs on another name; its own preposition counts
        if up.dep_ == "pobj" and up.head.dep_ in ("prep", "dative"):
            found = up.head.lower_
    return found


def _settlements_over_facilities(out: dict[str, _Placed]) -> dict[str, _Placed]:
    """A plant or other facility named with the settlement it lies in ("the Azovstal steel
    plant in Mariupol"): the settlement, as the gold reads it; a facility named alone stays."""
    towns = {p.ref.admin1 for p in out.values() if p.ref and p.kind == "settlement"}
    return {
        k: p
        for k, p in out.items()
        if not (p.kind == "facility" and p.ref is not None and p.ref.admin1 in towns)
    }


def _names_a_zone(tok: Token, lex: Lexicon) -> bool:
    """The name qualifies a direction or sector a clause is set in ("in the Kupiansk
    direction", "on the Bakhmut axis"): a frame for the fighting, not one settlement. A
    direction listed beside towns ("the X and Y directions, A and B: we hold") is no frame."""
    head = tok
    while head.dep_ in ("compound", "conj") and head.head.i != head.i:
        head = head.head
    return (
        head.i != tok.i
        and head.lemma_.lower() in lex.words("frame", "zone_nouns")
        and head.dep_ == "pobj"
        and head.head.lower_ in ("in", "on", "along")
    )


def _regions_under_settlements(claims: list[Claim]) -> list[Claim]:
    """A sentence's claim on a region where another of the same kind, side and polarity
    names a settlement in it ("the hub at X to resupply troops in the Y region"): only the
    settlement, as within one clause."""
    inner = {
        (c.kind, c.side, c.polarity, c.place.admin1)
        for c in claims
        if c.place is not None and c.place.admin1 and c.place.name != c.place.admin1
    }
    return [
        c
        for c in claims
        if c.place is None
        or c.place.name != c.place.admin1
        or (c.kind, c.side, c.polarity, c.place.admin1) not in inner
    ]


def _settlements_over_regions(out: dict[str, _Placed]) -> dict[str, _Placed]:
    """Where one clause names a region and settlements in it, only the settlements."""
    inner = {p.ref.admin1 for p in out.values() if p.ref and p.ref.name != p.ref.admin1}
    return {
        k: p
        for k, p in out.items()
        if p.ref is None or p.ref.name != p.ref.admin1 or p.ref.name not in inner
    }


def _only_intended(hit: Hit, reading: Reading) -> bool:
    """Under a head of intention, nothing happened ("plans to recapture X"), unless the kind
    counts attempts or the head is an attempt; not even then for what the attempt is made
    against ("tried to break through Russian defences": no defence claim, no attack)."""
    if not reading.intent or hit.spec.attempts:
        return False
    return not reading.attempt or (nominal(hit.head) and hit.head.dep_ == "pobj")


def _attempted(kind: str, reading: Reading, spec: TriggerSpec) -> tuple[str, Reading]:
    """An attempt beaten back did not happen ("repelled attempts to push": negated); one
    not beaten back happened as an attack ("tried to take X": an attack on X)."""
    if reading.attempt and reading.repelled:
        return kind, replace(reading, polarity="negated")
    if reading.attempt and not spec.attempts:
        return "attack", reading
    return kind, reading


def _unnamed_side(hit: Hit, lex: Lexicon, speaker: str | None, holder: str | None) -> str | None:
    """The side of a claim whose clause names none, where the trigger's kind implies one."""
    spec, head = hit.spec, hit.head
    agentless = passive_without_agent(head) or nominal(head)
    if spec.regain and agentless:
        return _regained_side(speaker, holder)
    if spec.kind == "control" and spec.side == "agent" and passive_without_agent(head):
        # "X has been cleared of Ukrainian units": the side it was cleared of lost it;
        # "the town has been taken under control", a party's official said: its own side
        return opposite(prep_side(head, "of", lex, None)) or speaker
    if spec.side == "opposite_agent" and agentless:
        # "X had been lost", "the loss of X": the speaker's side lost it
        return opposite(speaker) or opposite(holder)
    if spec.lost and not nominal(head) and place_subject(head, lex):
        # "X has fallen", "denied that X had fallen": with no one named taking it, the place
        # was lost by the speaker's side, or by the side last known to hold it
        return opposite(speaker) or opposite(holder)
    if spec.side.startswith("prep:") and nominal(head):
        return holder
    return _announcer_side(hit, lex, speaker) if nominal(head) else None


def _announcer_side(hit: Hit, lex: Lexicon, speaker: str | None) -> str | None:
    """ "Russia claimed the capture of X", "Ukraine announced the start of the X
    counteroffensive": who announces a taking or an operation carried it out; "Ukraine denied
    the capture of X" denies the other side took it."""
    announced = _announced(hit.head, lex)
    if announced == "affirmed" and hit.spec.kind in _ANNOUNCED_KINDS:
        return speaker
    if announced == "negated" and hit.spec.kind == "control":
        return opposite(speaker)
    return None


#: How a place sits in a clause that lists places ("the largest of which are X, Y and Z").
_LISTED_DEPS = frozenset({"attr", "acomp", "conj", "appos", "pobj"})

#: Common English words: in a headline in title case, these are written in lower case for
#: the parser (see ``frontwatch.read.sentence_case``).
_COMMON_WORDS = word_list("words", "english_common.txt")

#: Kinds whose announcement, with no side named, is the announcer's own doing.
_ANNOUNCED_KINDS = frozenset({"control", "attack", "advance"})


def _announced(noun: Token, lex: Lexicon) -> str | None:
    """The polarity of the verb of saying whose object the noun is ("announced the capture
    of X": affirmed; "denied the capture of X": negated), else None."""
    for _ in range(2):  # "announced the start of the counteroffensive"
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and nominal(noun.head.head):
            noun = noun.head.head
    verb = noun.head
    cue = lex.cue_verbs.get(verb.lemma_.lower())
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or cue is None:
        return None
    return cue.polarity or "affirmed"


def _regained_side(speaker: str | None, holder: str | None) -> str | None:
    if holder in ("UA", "RU"):
        return opposite(holder)
    return speaker if speaker in ("UA", "RU") else None


def _complete(
    spec: TriggerSpec, kind: str, side: str | None, placed: _Placed, quantity: Quantity | None
) -> bool:
    if side is None and not (spec.sideless and kind in _SIDELESS and placed.ref is not None):
        return False
    if placed.ref is None and kind not in _PLACELESS:
        return False
    return not (placed.ref is None and kind == "loss" and quantity is None)


def _speaker_tokens(sent: Span, att: Attribution) -> set[int]:
    """The words that name who says it ("the Ukrainian military said"): the cue's subject."""
    if att.cue is None:
        return set()
    cue = sent.doc[att.cue]
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    return {t.i for t in subject.subtree} if subject is not None else set()


def _sole_side(
    sent: Span,
    lex: Lexicon,
    places: dict[int, Mention],
    trigger: Token | None = None,
    speaker: set[int] | frozenset[int] = frozenset(),
) -> str | None:
    """The side a sentence names, where it names only one ("Kherson, Russian aerial bombs");
    a place ("Kharkiv, Ukraine's second city") names none, nor does the target of the
    trigger ("a strike on a headquarters used by Wagner": Wagner is struck, not striking),
    nor who says it ("fighting near X, the Ukrainian military said": no side fights)."""
    target = _target_tokens(trigger) if trigger is not None else set()
    target |= speaker
    sides = {
        _defended(t, lex.sides.get(t.lower_), lex)
        for t in sent
        if t.i not in places and t.i not in target
    } - {None, "other"}
    return next(iter(sides)) if len(sides) == 1 else None


def _defended(tok: Token, side: str | None, lex: Lexicon) -> str | None:
    """The side that fights where ``tok`` names ``side``: its opponent where the words it
    qualifies defend ("where Ukrainian defenders hold out": the fighting is Russia's)."""
    if side not in ("UA", "RU"):
        return side
    noun = tok.head if tok.dep_ in ("amod", "compound", "poss") else tok
    verb = noun.head if noun.dep_ == "nsubj" else None
    if noun.lemma_.lower() in lex.words("defence", "nouns") or (
        verb is not None and verb.lemma_.lower() in lex.words("defence", "verbs")
    ):
        return opposite(side)
    return side


def _target_tokens(trigger: Token) -> set[int]:
    """The tokens of what a trigger strikes: its object, its "on"/"against"/"at" phrase."""
    out: set[int] = set()
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass") or (
            child.dep_ == "prep" and child.lower_ in ("on", "against", "at")
        ):
            out.update(t.i for t in child.subtree)
    return out


def _kind(hit: Hit, sent: Span, levels: list[list[Token]], lex: Lexicon) -> str:
    if (
        hit.spec.kind in lex.territory_from
        and _quantity(sent, hit, levels, "territory") is not None
    ):
        return "territory"
    return hit.spec.kind


def _question(sent: Span) -> bool:
    """A question asserts nothing ("Can you say whether Ukrainian forces still hold X?")."""
    return sent.text.rstrip().rstrip("\"'”’»)").endswith("?")


def _past_dateline(sent: Span, state: _DocState) -> Span | None:
    """``sent`` without the dateline it opens with ("KYIV, Ukraine (AP) —"), whose country
    would otherwise read as the side of the sentence's claims; None when nothing is left."""
    if not state.dateline_end:
        return sent
    i = sent.start
    while i < sent.end and _stored(state.view, sent.doc[i].idx, sent.doc[i].idx + 1)[0] < (
        state.dateline_end
    ):
        i += 1
    if i == sent.start:
        return sent
    while i < sent.end and sent.doc[i].is_punct:
        i += 1
    sent.doc.user_data[FURNITURE_END] = i
    return sent.doc[i : sent.end] if i < sent.end else None


def _stored(view: TextView, start: int, end: int) -> tuple[int, int]:
    end = min(end, len(view.text))
    while end > start and view.text[end - 1].isspace():
        end -= 1
    return view.to_stored(start, end)


def _token_mentions(doc: Doc, view: TextView, mentions: list[Mention]) -> dict[int, Mention]:
    """Each token's first overlapping mention in ``mentions``' order (tokens found by bisection:
    their stored spans run in text order)."""
    out: dict[int, Mention] = {}
    if not mentions:
        return out
    spans = [view.to_stored(tok.idx, tok.idx + len(tok)) for tok in doc]
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    for mention in mentions:
        lo = bisect_right(ends, mention.start)
        hi = bisect_left(starts, mention.end)
        for i in range(lo, hi):
            if not doc[i].is_space:  # a break the view put between pieces names nothing
                out.setdefault(i, mention)
    return out


def _is_reference_point(tok: Token, lex: Lexicon) -> bool:
    """ "76 kilometers northeast of X", "35 km from X": X only locates something else."""
    prep = tok.head
    referenced = tok.dep_ == "pobj" and prep.lower_ in lex.reference_preps
    units_here = lex.distance_units | lex.travel_time_units if referenced else lex.distance_units
    if referenced and prep.i >= 1:
        before = [prep.doc[i] for i in range(max(0, prep.i - 2), prep.i)]
        units = [t for t in before if t.lemma_.lower() in units_here]
        if (
            units
            and prep.head.i == units[0].head.i
            and _movement_word(prep.head, lex)
            and all(
                c.lemma_.lower() in lex.force_nouns for c in prep.head.children if c.dep_ == "dobj"
            )
        ):
            # "pushed Russian forces back 5 km from X": measured from X, where it moved; not
            # "entered a village 20 km from X", where the distance places the village
            return False
        if units:
            return not _moved_by(units[0], lex)
    up = tok
    for _ in range(4):
        up = up.head
        if up.lemma_.lower() in units_here:
            return not _moved_by(up, lex)
        if up.pos_ in ("VERB", "AUX") or up.i == up.head.i:
            return False
    return False


_MEASURE_DEPS = frozenset({"npadvmod", "dobj", "advmod", "pobj"})


def _moved_by(distance: Token, lex: Lexicon) -> bool:
    """ "advanced up to 3 km west of X": a distance that measures a movement says how far it
    went near X, where "a village 10 km west of X" only locates the village."""
    mover = distance.head
    if mover.lemma_.lower() in lex.compass and mover.dep_ == "advmod":
        mover = mover.head  # "advanced [3 km west] of X"
    elif mover.dep_ == "prep" and mover.lower_ in ("of", "by", "within"):
        # "gains of up to 2 km near X", "pushed the line back by 2 km", "advanced to within
        # 10 km of X"
        mover = mover.head
    if mover.pos_ not in ("VERB", "NOUN") or distance.dep_ not in _MEASURE_DEPS:
        return False
    if any(c.dep_ == "dobj" and c.i != distance.i for c in mover.children):
        return False  # "entered a village 20 km from X": the distance places the village
    return _movement_word(mover, lex)


def _movement_word(tok: Token, lex: Lexicon) -> bool:
    """A word of an advance or a withdrawal ("advanced", "pushed", "gains")."""
    lemma = tok.lemma_.lower()
    return any(
        lemma in spec.lemmas for spec in lex.triggers if spec.kind in ("advance", "withdrawal")
    )


def _is_actor(tok: Token, lex: Lexicon) -> bool:
    """ "Kyiv's forces", "Moscow has deployed": a capital named as the side that acts."""
    if tok.lower_ not in lex.sides:
        return False
    if tok.dep_ == "nsubjpass" or (tok.dep_ == "nsubj" and _undergoes(tok.head)):
        return False  # "Kyiv was shelled", "Kyiv came under attack": the place struck
    return tok.dep_ in ("poss", "nsubj", "compound", "amod") or tok.head.lower_ == "by"


def _undergoes(verb: Token) -> bool:
    """ "came under fire", "is under attack": the subject suffers what follows."""
    return any(c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)


def _around(placed: _Placed) -> _Placed:
    if placed.ref is None:
        return placed
    return replace(placed, ref=replace(placed.ref, precision=max(2, placed.ref.precision)))


def _landmark(tok: Token, lex: Lexicon, places: dict[int, Mention]) -> bool:
    """A place named only to locate another: "the village of X, east of Y", "X near Y"."""
    prep = tok.head
    if tok.dep_ != "pobj":
        return False
    if prep.lower_ in ("of", "from") and prep.head.lower_ in lex.compass:
        return True
    if prep.lower_ not in ("near", "outside", "around"):
        return False
    # "X near Y"; "villages around Y, including A and B": Y locates the places meant
    owner = prep.head
    if owner.i in places:
        # "northeast of Y near A and B": Y is itself only a landmark, so A and B are where
        return not _landmark(owner, lex, places)
    nouns = [owner, *(c for c in owner.children if c.dep_ == "dobj")]  # or the verb's object
    return prep.lower_ != "outside" and any(
        n.tag_ == "NNS" and n.lemma_.lower() in lex.locative_anaphors for n in nouns
    )


def _near(tok: Token) -> bool:
    up = tok
    for _ in range(3):
        up = up.head
        if up.lower_ in _NEAR_WORDS:
            return True
    return False


def _is_anaphor(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower_
    if low not in lex.locative_anaphors:
        return False
    if low == "it":
        return tok.dep_ in ("dobj", "pobj")
    if low == "there":  # "suffering heavy losses there"; not "there were clashes"
        return tok.dep_ == "advmod"
    if tok.pos_ != "NOUN" or any(
        c.dep_ == "prep" and c.lower_ == "of" and _names_place(c) for c in tok.children
    ):
        return False
    if any(c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" for c in tok.children):
        return False
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    return det is not None and det.lower_ in ("the", "this", "that")


def _demonstrative(hit: Hit) -> bool:
    """ "that supply line was cut", "this offensive": a trigger noun that points back (the
    parser may take the "that" right before it for a complementiser)."""
    head = hit.head
    if head.pos_ != "NOUN":
        return False
    first = min(hit.tokens, default=head.i)
    before = head.doc[first - 1] if first > 0 else None
    return any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in head.children) or (
        before is not None and before.lower_ in _DEMONSTRATIVES and before.dep_ in ("det", "mark")
    )


def _names_place(prep: Token) -> bool:
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.pos_ == "PROPN" for t in prep.subtree)


def _quantity(sent: Span, hit: Hit, levels: list[list[Token]], kind: str) -> Quantity | None:
    units = _UNITS.get(kind)
    if not units:
        return None
    indices = {t.i for level in levels for t in level}
    base = sent.start_char
    best: tuple[int, Quantity] | None = None
    for found in find_quantities(sent.text):
        if found.quantity.unit not in units:
            continue
        if found.quantity.unit == "km" and _WITHIN.search(sent.text, 0, found.start):
            continue  # "to within 10 km of X": how far is left, not how far it went
        tok = sent.doc.char_span(base + found.start, base + found.end, alignment_mode="expand")
        if tok is None or not any(t.i in indices for t in tok):
            continue
        distance = abs(tok.start - hit.head.i)
        if best is None or distance < best[0]:
            best = (distance, found.quantity)
    return best[1] if best else None


#: "within" right before a distance.
_WITHIN = re.compile(r"\bwithin\s+(?:about\s+|some\s+)?\Z", re.IGNORECASE)
_NOT_DURATION = frozenset({"point", "range", "undated"})
_ANY_KIND = frozenset({"point", "range", "undated", "duration"})


def _time(
    sent: Span, levels: list[list[Token]], att: Attribution, state: _DocState
) -> EventTime | None:
    if sent.start not in state.times:
        state.times[sent.start] = find_times(sent.text, state.published, anchor=state.anchor)
    mentions = state.times[sent.start]
    groups = [{t.i for t in level} for level in levels]
    if att.cue is not None:
        cue = sent.doc[att.cue]
        groups.append(
            {
                t.i
                for c in cue.children
                if c.dep_ in ("npadvmod", "prep", "advmod")
                for t in c.subtree
            }
        )
    base = sent.start_char
    # a day or range said anywhere in the claim's clauses before a stretch of time in them:
    # "retaken on Thursday after six months of occupation" happened on Thursday
    for kinds in (_NOT_DURATION, _ANY_KIND):
        for indices in groups:
            for found in mentions:
                if found.kind not in kinds:
                    continue
                span = sent.doc.char_span(
                    base + found.start, base + found.end, alignment_mode="expand"
                )
                if span is not None and any(t.i in indices for t in span):
                    return found.time
    present = _present(levels, state)
    dated = [m.time for m in mentions if m.time.start is not None]
    return present or (dated[0] if dated else None)


def _purpose_of_another(hit: Hit, lex: Lexicon) -> bool:
    """The trigger is the purpose infinitive of another trigger's verb ("retreated ... to
    regroup"), so the places of that verb's clause are not its own."""
    head = hit.head
    if head.dep_ not in ("advcl", "xcomp") or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in head.children
    ):
        return False
    verb = head.head
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and any(
        spec.kind != hit.spec.kind and "VERB" in spec.pos and lemma in spec.lemmas
        for spec in lex.triggers
    )


def _paired_times(sent: Span, places: list[_Placed], state: _DocState) -> dict[str, EventTime]:
    """Each of several places with the date said right after it, where every one has its own
    ("recaptured X on 10 September and Y on 1 October": Y on 1 October), else nothing."""
    if len(places) < 2:
        return {}
    keys = {p.key for p in places}
    at: dict[str, int] = {}
    for tok in sent:
        mention = state.token_mention.get(tok.i)
        place = mention.place if mention is not None else None
        if place is None:
            continue
        key = str(place.geonameid) if place.geonameid is not None else place.name
        if key in keys:
            at.setdefault(key, tok.idx - sent.start_char)
    if len(at) != len(keys):
        return {}
    dated = [m for m in state.times.get(sent.start, []) if m.time.start is not None]
    order = sorted(at, key=lambda k: at[k])
    out: dict[str, EventTime] = {}
    for i, key in enumerate(order):
        stop = at[order[i + 1]] if i + 1 < len(order) else len(sent.text)
        inside = [m for m in dated if at[key] < m.start < stop]
        if not inside:
            return {}
        out[key] = inside[0].time
    return out if len({t.start for t in out.values()}) > 1 else {}


def _held_for(hit: Hit, sent: Span, state: _DocState) -> tuple[TimeMention, Token] | None:
    """A trigger inside a stretch of time ("six months of Russian occupation"): the duration
    and the noun that counts it, where the trigger is that noun's "of" phrase."""
    prep = hit.head.head
    if prep.lower_ != "of" or prep.dep_ != "prep" or prep.head.i == prep.i:
        return None
    unit = prep.head
    if sent.start not in state.times:
        state.times[sent.start] = find_times(sent.text, state.published, anchor=state.anchor)
    at = unit.idx - sent.start_char
    for found in state.times[sent.start]:
        if found.kind == "duration" and found.start <= at < found.end:
            return found, unit
    return None


def _possessors(unit: Token) -> list[Token]:
    return [t for c in unit.children if c.dep_ == "poss" for t in c.subtree]


def _held_until(
    held: tuple[TimeMention, Token], sent: Span, att: Attribution, state: _DocState
) -> EventTime | None:
    """The stretch moved to end where the clause around it happened: "retaken on Thursday,
    ending six months of occupation" held from six months before Thursday to Thursday."""
    duration, unit = held
    inside = {t.i for t in unit.subtree}
    rest = [t for t in sent if t.i not in inside]
    event = _time(sent, [rest], att, state)
    start, end = duration.time.start, duration.time.end
    if event is None or event.end is None or start is None or end is None:
        return None
    shift = date.fromisoformat(event.end[:10]) - date.fromisoformat(end[:10])
    begins = date.fromisoformat(start[:10]) + shift
    return EventTime(begins.isoformat(), event.end[:10], "range", duration.time.text)


def _present_tense_day(head: Token, state: _DocState) -> EventTime | None:
    """A state said in the present tense with no time of its own ("the town is under our
    control") holds on the day it was published."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ == "VB" and verb.dep_ == "xcomp":  # "continue to attack", "try to hold"
        verb = verb.head
    if verb.tag_ == "VBG":  # "are holding", "is attacking": the progressive's auxiliary
        verb = next((c for c in verb.children if c.dep_ == "aux"), verb)
    if state.published is None or verb.tag_ not in ("VBZ", "VBP"):
        return None
    day = state.published.isoformat()
    return EventTime(start=day, end=day, granularity="day", text=verb.text)


def _present(levels: list[list[Token]], state: _DocState) -> EventTime | None:
    if state.published is None or not levels:
        return None
    for tok in levels[0]:
        if tok.lower_ in load_lexicon().present_markers:
            day = state.published.isoformat()
            return EventTime(start=day, end=day, granularity="day", text=tok.text)
    return None


def _id_place(kind: str, placed: _Placed, quantity: Quantity | None) -> str:
    """The place part of a claim id; two loss totals of one sentence differ by their figure."""
    if kind == "loss" and quantity is not None:
        return f"{placed.key}|{quantity.value:g} {quantity.unit}"
    return placed.key


def _counts_items(claim: Claim) -> bool:
    return claim.quantity is not None and claim.quantity.unit == "items"


def _claim_key(claim: Claim) -> tuple[str, str | None, str, str]:
    """What makes two claims of one sentence the same claim."""
    return (claim.kind, claim.side, claim.place.name if claim.place else "", claim.polarity)


def _claim_id(
    doc: str, start: int, end: int, kind: str, place: str, side: str | None, polarity: str
) -> str:
    raw = f"{doc}|{start}|{end}|{kind}|{place}|{side or ''}|{polarity}"
    return "c" + hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:15]
