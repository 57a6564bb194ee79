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
from typing import TYPE_CHECKING

from frontwatch._words import word_list
from frontwatch.places._text import key
from frontwatch.places.gazetteer import DATA, NEIGHBOURS, Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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
TITLES = word_list("words", "titles.txt")
#: Words never a place on their own, whatever the parser says: compass points ("the West") and
#: the generic part of street, building and feature names ("Royal Street", "Lake Vermont").
NEVER_ALONE = word_list("words", "never_alone.txt")
#: Words of an organisation that sits in the place leading its name ("Dublin City Council").
SEAT_INSTITUTIONS = word_list("words", "seat_institutions.txt")
#: Common English words, lower case (SCOWL size 35; see scripts/build_english_words.py).
ENGLISH_WORDS = word_list("words", "english_common.txt")
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


def common_word(text: str) -> bool:
    """True when ``text`` is a common English word, however capitalised ("Supreme", "the
    village"): every word of it, less a leading article, is in :data:`ENGLISH_WORDS`."""
    words = text.casefold().split()
    if words[:1] in (["the"], ["a"], ["an"]):
        words = words[1:]
    return bool(words) and all(w in ENGLISH_WORDS for w in words)


@lru_cache(maxsize=65_536)
def token_key(text: str) -> str:
    """:func:`key`, remembered: the same words recur in every report."""
    return key(text)


def detect(gazetteer: Gazetteer, tokens: list[Token], *, demonyms: bool = False) -> list[Found]:
    """Every candidate span of a document (``tokens``: all of its tokens), in text order.

    ``demonyms``: keep words of nationality ("Russian") as mentions of their country.
    """
    if not tokens:
        return []
    ents = _entities(tokens)
    labels = _token_labels(ents, len(tokens))
    people = _people_words(ents)
    seen = [False] * len(tokens)
    found = [
        f
        for f in _alias_spans(gazetteer, tokens, labels, people, seen)
        if demonyms or not _only_demonym(gazetteer, f.text)
    ]
    found += _entity_spans(ents, seen)
    found += _fuzzy_tokens(tokens, labels, people, seen)
    return sorted(found, key=lambda f: (f.start, -f.end))


@dataclass(frozen=True, slots=True)
class _Ent:
    """A named entity as token positions (cheaper than the Doc's own spans, read from IOB tags)."""

    start: int
    end: int
    label_: str
    tokens: tuple[Token, ...]

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __getitem__(self, i: int) -> Token:
        return self.tokens[i]


def _entities(tokens: list[Token]) -> list[_Ent]:
    """The entities of the document, from each token's IOB tag (3: begins, 1: inside)."""
    out: list[_Ent] = []
    start = -1
    for i, token in enumerate([*tokens, None]):
        iob = token.ent_iob if token is not None else 2
        if start >= 0 and iob != 1:
            if not _opens_with_a_preposition(tokens[start]):
                out.append(_Ent(start, i, tokens[start].ent_type_, tuple(tokens[start:i])))
            start = -1
        if iob == 3:
            start = i
    return out


#: Prepositions that open a sentence before a place ("Near Izium, ..."), which the small model
#: now and then takes into a PERSON or ORG entity with the name.
_OPENING_PREPOSITIONS = frozenset(
    {"near", "in", "around", "outside", "inside", "at", "from", "towards", "toward", "beyond"}
    | {"behind", "across", "along", "north", "south", "east", "west", "into", "within"}
)


def _opens_with_a_preposition(first: Token) -> bool:
    """An entity the model opened with the preposition that starts the sentence: its label
    says nothing of the name after it."""
    return bool(first.is_sent_start) and first.lower_ in _OPENING_PREPOSITIONS


def _token_labels(ents: list[_Ent], size: int) -> list[_Ent | None]:
    """The entity each token sits in (or None)."""
    out: list[_Ent | None] = [None] * size
    for ent in ents:
        for i in range(ent.start, ent.end):
            out[i] = ent
    return out


def _people_words(ents: list[_Ent]) -> frozenset[str]:
    """Words of multi-word PERSON entities ("Rob Lee" gives "lee"): never a place alone."""
    words: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.lower_ for t in ent if t.is_alpha)
    return frozenset(words)


# ---------------------------------------------------------------- alias table


def _alias_spans(
    gazetteer: Gazetteer,
    tokens: list[Token],
    labels: list[_Ent | None],
    people: frozenset[str],
    seen: list[bool],
) -> Iterator[Found]:
    i = 0
    while i < len(tokens):
        stop = _longest_alias(gazetteer, tokens, i)
        if stop is None:
            i += 1
            continue
        span = tokens[i].doc[i:stop]
        for j in range(i, stop):
            seen[j] = True
        if _acceptable(gazetteer, span, labels, people):
            yield Found(span.start_char, span.end_char, span.text, "alias", _label(span, labels))
        i = span.end


def _only_demonym(gazetteer: Gazetteer, text: str) -> bool:
    return all(hit.how == "demonym" for hit in gazetteer.lookup(text))


def _longest_alias(gazetteer: Gazetteer, tokens: list[Token], i: int) -> int | None:
    """The end (token index) of the longest alias that starts at token ``i``, if any."""
    first = tokens[i]
    if not _may_start(first):
        return None
    k = token_key(first.text)
    if k not in gazetteer.heads:
        return i + 1 if gazetteer.has_key(k) else None
    for stop in range(_run_end(tokens, i), i, -1):
        last = tokens[stop - 1]
        if last.text in _JOINERS:
            continue
        if gazetteer.has_key(token_key(_between(tokens, i, stop))):
            return stop
    return None


def _between(tokens: list[Token], start: int, stop: int) -> str:
    """The text of tokens[start:stop] (what ``doc[start:stop].text`` gives, without a Span)."""
    parts = [t.text_with_ws for t in tokens[start : stop - 1]]
    return "".join(parts) + tokens[stop - 1].text


def _may_start(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() or (text[:1].isalpha() and text.lower() in PHRASE_STARTS)


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
    gazetteer: Gazetteer, span: Span, labels: list[_Ent | None], people: frozenset[str]
) -> bool:
    kinds = {gazetteer.kind(hit.row) for hit in gazetteer.lookup(span.text)}
    if not span[0].text[:1].isupper() and not kinds <= _AREA_KINDS:
        return False
    if "admin1" in kinds and not any(ch.isupper() for ch in span.text):
        return False  # "the west bank of the Dnipro": a state's name is written capitalised
    if _after_title(span) or (len(span) == 1 and span[0].lower_ in NEVER_ALONE):
        return False
    if _label(span, labels) in PLACE_LABELS:
        return not _inside_longer(span, labels, ("PERSON",))
    in_org = _inside_longer(span, labels, tuple(NOT_PLACE_LABELS))
    in_org = in_org and not _place_list(gazetteer, labels[span.start])
    checks = (
        _is_acronym(span.text) and not kinds & {"country", "continent", "admin1"},
        _all_stopwords(span),
        len(span) == 1 and span[0].lower_ in people,
        in_org and not _leads_an_office(span, labels),
        # a capitalised common word opening a sentence ("Supreme", "Mark"); a Latin-script
        # name that is no English word ("Bakhmut was captured") stays, whatever the tagger
        # calls it (Cyrillic has no such list here: "Ізюм" is also a word)
        len(span) == 1
        and span[0].is_sent_start
        and span[0].pos_ != "PROPN"
        and (span[0].lower_ in ENGLISH_WORDS or not span[0].text.isascii()),
    )
    return not any(checks)


def _all_stopwords(span: Span) -> bool:
    """Every word of the span is on the stoplist; a word with a hyphen or an apostrophe
    ("Ivano-Frankivsk", one token where the pipeline merges hyphenated words) is a word."""
    words = [t for t in span if any(ch.isalpha() for ch in t.text)]
    return bool(words) and all(token_key(t.text) in stoplist() for t in words)


def _after_title(span: Span) -> bool:
    """ "Secretary Austin", "Gen. Lee": a title before a single name makes it a person."""
    if len(span) > 1 or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.text == "." and span.start > 1:
        before = span.doc[span.start - 2]
    return before.lower_ in TITLES


def _label(span: Span, labels: list[_Ent | None]) -> str:
    ent = labels[span.start]
    if ent is None or ent.start > span.start or ent.end < span.end:
        return ""
    return str(ent.label_)


def _inside_longer(span: Span, labels: list[_Ent | None], kinds: tuple[str, ...]) -> bool:
    """True when the span sits in a longer entity of one of ``kinds`` ("Lloyd Austin")."""
    for i in range(span.start, span.end):
        ent = labels[i]
        if ent is not None and ent.label_ in kinds and len(ent) > len(span):
            return _content_length(ent) > len(span)
    return False


def _place_list(gazetteer: Gazetteer, ent: _Ent | None) -> bool:
    """True for an entity that is only capitalised names of places of the theatre (Ukraine and
    its neighbours) joined by "and", "or" and commas ("near Kamianka and Izium", which the
    tagger may call an ORG): a list, not a name. Elsewhere such an ORG is more often a firm or
    a body named after two places, so it stays one."""
    if ent is None:
        return False
    parts: list[list[Token]] = [[]]
    for token in ent:
        if token.lower_ in _LIST_JOINS:
            parts.append([])
        else:
            parts[-1].append(token)
    if len(parts) < 2 or any(not part for part in parts):
        return False
    return all(
        part[0].text[:1].isupper()
        and any(
            gazetteer.country(hit.row) in NEIGHBOURS
            for hit in gazetteer.lookup(_between(part, 0, len(part)))
        )
        for part in parts
    )


_LIST_JOINS = frozenset({"and", "or", ",", "&"})


def _leads_an_office(span: Span, labels: list[_Ent | None]) -> bool:
    """ "Mansfield Police Department", "the Ohio Supreme Court": a place name opening an
    organisation of :data:`SEAT_INSTITUTIONS` names where that organisation sits."""
    ent = labels[span.start]
    if ent is None or ent.label_ != "ORG":
        return False
    opening = ent.start + 1 if ent[0].lower_ == "the" else ent.start
    rest = ent.tokens[span.end - ent.start :]
    return span.start == opening and any(t.lower_ in SEAT_INSTITUTIONS for t in rest)


def _content_length(ent: _Ent) -> int:
    return sum(1 for t in ent if t.lower_ not in ("the", "'s", "'") and not t.is_punct)


def _is_acronym(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return 1 < len(letters) <= 5 and text.isupper()


# ---------------------------------------------------------------- entities and typos


def _entity_spans(ents: list[_Ent], seen: list[bool]) -> Iterator[Found]:
    """The model's place entities that the alias pass did not cover, less a leading "the"."""
    for ent in ents:
        if ent.label_ not in PLACE_LABELS or any(seen[ent.start : ent.end]):
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        span = ent[0].doc[start : ent.end]
        for i in range(ent.start, ent.end):
            seen[i] = True
        yield Found(span.start_char, span.end_char, span.text, "entity", str(ent.label_))


def _fuzzy_tokens(
    tokens: list[Token], labels: list[_Ent | None], people: frozenset[str], seen: list[bool]
) -> Iterator[Found]:
    """Capitalised proper nouns no alias matched: checked later against place names by spelling."""
    for token in tokens:
        if seen[token.i] or not _fuzzy_shaped(token, tokens, people):
            continue
        ent = labels[token.i]
        if ent is not None and ent.label_ in PEOPLE_LABELS:
            continue
        yield Found(token.idx, token.idx + len(token.text), token.text, "fuzzy")


def _fuzzy_shaped(token: Token, tokens: list[Token], people: frozenset[str]) -> bool:
    text = token.text
    return (
        len(text) >= MIN_FUZZY_LENGTH
        and text[0].isupper()
        and token.is_alpha
        and not text.isupper()
        and token.pos_ == "PROPN"
        and token_key(text) not in stoplist()
        and token.lower_ not in people
        and not _in_name_run(token, tokens)
    )


def _in_name_run(token: Token, tokens: list[Token]) -> bool:
    """True beside another capitalised proper noun ("Valerii Zaluzhnyi"): likely a person."""
    for i in (token.i - 1, token.i + 1):
        if 0 <= i < len(tokens) and tokens[i].pos_ == "PROPN" and tokens[i].text[:1].isupper():
            return True
    return token.i > 0 and tokens[token.i - 1].lower_ in TITLES
