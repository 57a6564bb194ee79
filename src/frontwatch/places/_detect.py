"""Where a parsed text names a place: alias-table spans, the model's entities, typo candidates.

Detection only proposes spans; :mod:`frontwatch.places.mentions` resolves them and drops the
ones that do not hold up. The alias pass walks the tokens once and, at each token that may
start a name, tries the longest run of up to ``MAX_TOKENS`` tokens whose key is in the
gazetteer. Guards keep common words and people out: the stoplist, sentence-initial words
the tagger does not call proper nouns, words inside a longer PERSON or ORG entity, and the
surnames of people the text names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwatch.places._text import key
from frontwatch.places.gazetteer import DATA, Gazetteer

MAX_TOKENS = 6
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels under which a capitalised word is someone or something, not somewhere.
NOT_PLACE_LABELS = frozenset(
    {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "DATE", "TIME"}
)
#: Labels that rule out a misspelt place (the model's other labels on unknown words are noise).
PEOPLE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: Lower-case words that may open a multi-word alias ("eastern Ukraine", "річка Оскіл").
PHRASE_STARTS = frozenset(
    {"eastern", "southern", "northern", "western", "central", "east", "south", "north", "west"}
    | {"river", "річка", "река", "місто", "город", "село"}
)
#: Words before a name that make it a person's ("Secretary Austin", "Gen. Lee").
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "secretary",
        "president",
        "general",
        "gen",
        "minister",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "colonel",
        "col",
        "lieutenant",
        "lt",
        "sergeant",
        "sgt",
        "captain",
        "capt",
        "admiral",
        "adm",
        "chancellor",
        "spokesman",
        "commander",
        "major",
        "maj",
        "brigadier",
        "brig",
        "marshal",
        "prince",
        "king",
        "queen",
        "pope",
        "saint",
        "judge",
    }
)
_JOINERS = frozenset({"-", "'", "."})
_AREA_KINDS = frozenset({"country", "continent", "admin1", "region", "river", "facility"})
MIN_FUZZY_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Found:
    """A span that may name a place: view offsets, how it was found, the entity label on it."""

    start: int
    end: int
    text: str
    method: str
    label: str = ""


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Keys of words never taken as a place on their own (``data/places/stoplist.txt``)."""
    text = (DATA / "stoplist.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line)


@lru_cache(maxsize=65_536)
def token_key(text: str) -> str:
    """:func:`key`, remembered: the same words recur in every report."""
    return key(text)


def detect(gazetteer: Gazetteer, doc: Doc) -> list[Found]:
    """Every candidate span of ``doc``, alias matches first, in text order."""
    labels = _token_labels(doc)
    people = _people_words(doc)
    seen = [False] * len(doc)
    found = list(_alias_spans(gazetteer, doc, labels, people, seen))
    found += _entity_spans(doc, seen)
    found += _fuzzy_tokens(doc, labels, people, seen)
    return sorted(found, key=lambda f: (f.start, -f.end))


def _token_labels(doc: Doc) -> list[Span | None]:
    """The entity each token sits in (or None)."""
    out: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            out[i] = ent
    return out


def _people_words(doc: Doc) -> frozenset[str]:
    """Words of multi-word PERSON entities ("Rob Lee" gives "lee"): never a place alone."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.lower_ for t in ent if t.is_alpha)
    return frozenset(words)


# ---------------------------------------------------------------- alias table


def _alias_spans(
    gazetteer: Gazetteer,
    doc: Doc,
    labels: list[Span | None],
    people: frozenset[str],
    seen: list[bool],
) -> Iterator[Found]:
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        span = _longest_alias(gazetteer, tokens, i)
        if span is None:
            i += 1
            continue
        for j in range(span.start, span.end):
            seen[j] = True
        if _acceptable(gazetteer, span, labels, people):
            yield Found(span.start_char, span.end_char, span.text, "alias", _label(span, labels))
        i = span.end


def _longest_alias(gazetteer: Gazetteer, tokens: list[Token], i: int) -> Span | None:
    first = tokens[i]
    if not _may_start(first):
        return None
    doc = first.doc
    if token_key(first.text) not in gazetteer.heads:
        return doc[i : i + 1] if gazetteer.has_key(token_key(first.text)) else None
    for stop in range(_run_end(tokens, i), i, -1):
        if tokens[stop - 1].text in _JOINERS:
            continue
        if gazetteer.has_key(token_key(doc[i:stop].text)):
            return doc[i:stop]
    return None


def _may_start(token: Token) -> bool:
    first = token.text[:1]
    return first.isalpha() and (first.isupper() or token.lower_ in PHRASE_STARTS)


def _run_end(tokens: list[Token], i: int) -> int:
    """The end of the token run a name may span: no sentence break, no punctuation but joiners."""
    end = i + 1
    limit = min(len(tokens), i + MAX_TOKENS)
    while end < limit:
        token = tokens[end]
        if token.is_sent_start or token.is_space or (token.is_punct and token.text not in _JOINERS):
            break
        end += 1
    return end


def _acceptable(
    gazetteer: Gazetteer, span: Span, labels: list[Span | None], people: frozenset[str]
) -> bool:
    kinds = {gazetteer.kind(hit.row) for hit in gazetteer.lookup(span.text)}
    if not span[0].text[:1].isupper() and not kinds <= _AREA_KINDS:
        return False
    if _after_title(span):
        return False
    if _label(span, labels) in PLACE_LABELS:
        return not _inside_longer(span, labels, ("PERSON",))
    checks = (
        _is_acronym(span.text) and not kinds & {"country", "continent", "admin1"},
        all(token_key(t.text) in stoplist() for t in span if t.is_alpha),
        len(span) == 1 and span[0].lower_ in people,
        _inside_longer(span, labels, tuple(NOT_PLACE_LABELS)),
        len(span) == 1 and span[0].is_sent_start and span[0].pos_ != "PROPN",
    )
    return not any(checks)


def _after_title(span: Span) -> bool:
    """ "Secretary Austin", "Gen. Lee": a title before a single name makes it a person."""
    if len(span) > 1 or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.text == "." and span.start > 1:
        before = span.doc[span.start - 2]
    return before.lower_ in TITLES


def _label(span: Span, labels: list[Span | None]) -> str:
    ent = labels[span.start]
    if ent is None or ent.start > span.start or ent.end < span.end:
        return ""
    return str(ent.label_)


def _inside_longer(span: Span, labels: list[Span | None], kinds: tuple[str, ...]) -> bool:
    """True when the span sits in a longer entity of one of ``kinds`` ("Lloyd Austin")."""
    for i in range(span.start, span.end):
        ent = labels[i]
        if ent is not None and ent.label_ in kinds and len(ent) > len(span):
            return _content_length(ent) > len(span)
    return False


def _content_length(ent: Span) -> int:
    return sum(1 for t in ent if t.lower_ not in ("the", "'s", "'") and not t.is_punct)


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 1 < len(letters) <= 5 and text.isupper()


# ---------------------------------------------------------------- entities and typos


def _entity_spans(doc: Doc, seen: list[bool]) -> Iterator[Found]:
    """The model's place entities that the alias pass did not cover, less a leading "the"."""
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or any(seen[ent.start : ent.end]):
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        span = doc[start : ent.end]
        for i in range(ent.start, ent.end):
            seen[i] = True
        yield Found(span.start_char, span.end_char, span.text, "entity", str(ent.label_))


def _fuzzy_tokens(
    doc: Doc, labels: list[Span | None], people: frozenset[str], seen: list[bool]
) -> Iterator[Found]:
    """Capitalised proper nouns no alias matched: checked later against place names by spelling."""
    for token in doc:
        if seen[token.i] or not _fuzzy_shaped(token, people):
            continue
        ent = labels[token.i]
        if ent is not None and ent.label_ in PEOPLE_LABELS:
            continue
        yield Found(token.idx, token.idx + len(token.text), token.text, "fuzzy")


def _fuzzy_shaped(token: Token, people: frozenset[str]) -> bool:
    text = token.text
    return (
        len(text) >= MIN_FUZZY_LENGTH
        and text[0].isupper()
        and token.is_alpha
        and not text.isupper()
        and token.pos_ == "PROPN"
        and token_key(text) not in stoplist()
        and token.lower_ not in people
        and not _in_name_run(token)
    )


def _in_name_run(token: Token) -> bool:
    """True beside another capitalised proper noun ("Valerii Zaluzhnyi"): likely a person."""
    doc = token.doc
    for i in (token.i - 1, token.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            return True
    return token.i > 0 and doc[token.i - 1].lower_ in TITLES
