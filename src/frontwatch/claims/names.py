"""Names without the NER model: people and places marked from the tagger and the gazetteer.

The statistical entity recogniser is the slowest part of the pipeline (it runs its own
token-to-vector network), and the claims stage needs only two things from it: which
capitalised words are a person ("Oleksiy Gromov", "Gen. Lee") and which are a place.
This rule reads runs of capitalised proper nouns: leading titles and side words are left
out ("Ukrainian Brigadier General Oleksiy Gromov" names "Oleksiy Gromov"), the longest
pieces the gazetteer knows become GPE entities, and what remains is a PERSON when it has
two words or follows a title. Everything else stays without an entity, as the model
leaves most words.

In a pipeline this is the ``frontwatch_names`` component (:class:`NameMarker`), which runs
after the parser where the model's ``ner`` is not loaded.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontwatch._words import word_list
from frontwatch.claims.lexicon import load_lexicon
from frontwatch.places import GazetteerPlaces
from frontwatch.read import Component

__all__ = ["MAX_PLACE_TOKENS", "TITLES", "NameMarker", "mark_names"]

MAX_PLACE_TOKENS = 4
#: Words before a name that make it a person's, and that are not part of the name.
TITLES = word_list("words", "titles.txt")

#: Last words that make a run of names an organisation ("Defence Ministry", "General Staff").
ORG_WORDS = word_list("words", "organisation_words.txt")
#: Names of months and days: dates, never places ("August" is a village somewhere).
DATE_WORDS = word_list("words", "date_words.txt")

IsPlace = Callable[[str], bool]


class NameMarker(Component):
    """Marks names as :func:`mark_names` does; ``is_place`` may be replaced (default: the
    offline gazetteer), and the lexicon's side words are never part of a name."""

    def __init__(self, is_place: IsPlace | None = None) -> None:
        super().__init__()
        self.is_place: IsPlace = is_place or GazetteerPlaces().is_place
        self.skip = frozenset(load_lexicon().sides)

    def process(self, doc: Doc) -> Doc:
        return mark_names(doc, self.is_place, self.skip)


@Language.factory("frontwatch_names")
def make_name_marker(nlp: Language, name: str) -> NameMarker:
    return NameMarker()


def mark_names(doc: Doc, is_place: IsPlace, skip: frozenset[str] = frozenset()) -> Doc:
    """Set ``doc.ents`` from capitalised proper-noun runs and return ``doc``.

    ``is_place``: whether a text is a gazetteer name (the caller caches it); ``skip``: words
    never part of a name (side words such as "Ukrainian").
    """
    spans: list[Span] = []
    for start, end in _runs(doc):
        spans.extend(_run_entities(doc, start, end, is_place, skip))
    doc.set_ents(spans, default="outside")
    return doc


def _name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.is_punct


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """[start, end) token spans of consecutive capitalised proper nouns in one sentence."""
    runs: list[tuple[int, int]] = []
    start = -1
    for tok in doc:
        if start >= 0 and (tok.is_sent_start or not _name_word(tok)):
            runs.append((start, tok.i))
            start = -1
        if start < 0 and _name_word(tok):
            start = tok.i
    if start >= 0:
        runs.append((start, len(doc)))
    return runs


def _run_entities(
    doc: Doc, start: int, end: int, is_place: IsPlace, skip: frozenset[str]
) -> list[Span]:
    """Dates, then an organisation, places at the start ("Kharkiv Governor Oleh Synehubov"),
    then a person."""
    out = [Span(doc, i, i + 1, label="DATE") for i in range(start, end) if _is_date(doc[i])]
    if out:
        cuts = [start, *(s.start for s in out), *(s.end for s in out), end]
        pieces = sorted(zip(cuts[::2], cuts[1::2], strict=False))
        for a, b in pieces:
            if a < b and not _is_date(doc[a]):
                out.extend(_run_entities(doc, a, b, is_place, skip))
        return out
    if doc[end - 1].lower_ in ORG_WORDS and end - start >= 2:
        return [Span(doc, start, end, label="ORG")]
    titled = start > 0 and _is_title(doc[start - 1])
    while start < end:
        while start < end and (_is_title(doc[start]) or doc[start].lower_ in skip):
            titled = titled or _is_title(doc[start])
            start += 1
        stop = _place_end(doc, start, end, is_place) if start < end else None
        if stop is None or not _ends_place(doc, stop, end, is_place):
            break
        out.append(Span(doc, start, stop, label="GPE"))
        start = stop
    if end - start >= 2 or (end - start == 1 and titled):
        out.append(Span(doc, start, end, label="PERSON"))
    return out


def _ends_place(doc: Doc, stop: int, end: int, is_place: IsPlace) -> bool:
    """A place prefix stands when nothing follows it, or a title or another place does:
    "Natalia Humeniuk", "Al Jazeera" and "Volodymyr Zelensky" stay whole names."""
    if stop >= end:
        return True
    return _is_title(doc[stop]) or _place_end(doc, stop, end, is_place) is not None


def _is_date(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in DATE_WORDS


def _place_end(doc: Doc, i: int, end: int, is_place: IsPlace) -> int | None:
    for stop in range(min(end, i + MAX_PLACE_TOKENS), i, -1):
        if is_place(doc[i:stop].text):
            return stop
    return None


def _is_title(tok: Token) -> bool:
    return tok.lower_ in TITLES
