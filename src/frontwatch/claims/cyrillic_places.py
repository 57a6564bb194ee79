"""Place names of a Ukrainian or Russian report the places stage left out, found by morphology.

The places stage (:func:`frontwatch.places.find_mentions`) finds Cyrillic names through its
alias table, which holds case forms of the larger places. What it leaves, this finder adds,
reading each capitalised word not yet covered through its pymorphy3 normal forms: a case form
the alias table lacks («на Харківщині» -> «Харківщина»), and a direction's adjective («на
Покровському напрямку» -> «Покровськ», precision 3). A name whose normal form the index does
not hold in Cyrillic is tried once more in Ukrainian-government romanization. Person names,
acronyms and district adjectives («Ізюмського району») are left out, and a word opening a
sentence counts only where pymorphy3 calls it a toponym or does not know it as a common word.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice, product
from typing import Any

from spacy.tokens import Token
from translitua import translit

from frontwatch.claims.cyrillic_lexicon import (
    CyrillicLexicon,
    Word,
    analyse,
    inflections,
    plurals,
)
from frontwatch.model import Mention, Place
from frontwatch.places import PlaceFinder, ResolveContext
from frontwatch.read import Parsed

__all__ = ["CyrillicPlaces"]

EXTRACTOR = "frontwatch.claims.cyrillic_places@1"
#: A resolution below this score is a guess; a guess from a bare normal form is dropped.
MIN_SCORE = 0.8
#: How near (in degrees of latitude; longitude 1.5 times that) a sentence-opening common word
#: must lie to another place of the report to be read as a place.
NEAR_DEGREES = 1.0
#: Adjective endings of a direction named for a town, and the town's endings to try.
_ADJECTIVE_STEMS: tuple[tuple[str, str], ...] = (
    ("ського", "ськ"),
    ("ському", "ськ"),
    ("ський", "ськ"),
    ("ском", "ск"),
    ("ского", "ск"),
    ("ский", "ск"),
    ("івському", "івка"),
    ("івського", "івка"),
    # «Авдіївському», «Авдеевском»: a town in «-ївка» / «-евка»
    ("ївському", "ївка"),
    ("ївського", "ївка"),
    ("овском", "овка"),
    ("евском", "евка"),
    ("евского", "евка"),
    ("цькому", "цьк"),
    ("цком", "цк"),
    # «Харківському», «Бахмутському», «Лиманском»: the town's name without «-ськ»
    ("ському", ""),
    ("ського", ""),
    ("ський", ""),
    ("ском", ""),
    ("ского", ""),
    ("ский", ""),
)


class CyrillicPlaces:
    """A :class:`PlaceFinder`: ``base``'s mentions and the ones morphology adds."""

    def __init__(self, base: PlaceFinder, lexicon: CyrillicLexicon) -> None:
        self.base = base
        self.lexicon = lexicon
        #: The first words of the trigger phrases (lemmas).
        self.trigger_words = frozenset(p[0] for t in lexicon.triggers for p in t.phrases)

    def is_place(self, text: str) -> bool:
        return self.base.is_place(text)

    def mentions(self, parsed: Parsed) -> list[Mention]:
        kept = (self._kept(parsed, m) for m in self.base.mentions(parsed))
        found = [m for m in kept if m is not None]
        resolver = getattr(self.base, "resolver", None)
        if getattr(resolver, "gazetteer", None) is None:
            return found
        covered = [(m.start, m.end) for m in found]
        context = ResolveContext(
            places=tuple(m.place for m in found if m.place is not None),
            doc_admin1=tuple({m.place.admin1 for m in found if m.place and m.place.admin1}),
        )
        for pair in self._pairs(resolver, parsed, context):
            found = [m for m in found if m.end <= pair.start or pair.end <= m.start]
            found.append(pair)
        covered = [(m.start, m.end) for m in found]
        for tok in parsed.doc:
            start, end = parsed.view.to_stored(tok.idx, tok.idx + len(tok))
            if any(s < end and start < e for s, e in covered):
                continue
            mention = self._mention(resolver, parsed, tok, (start, end), context)
            if mention is not None:
                found.append(mention)
        text = parsed.document.text
        placed = sorted(
            (m for m in found if not self._formation(text, m.start)), key=lambda m: m.start
        )
        return self._in_named_oblasts(resolver, parsed, placed, text)

    def _in_named_oblasts(
        self, resolver: Any, parsed: Parsed, found: list[Mention], text: str
    ) -> list[Mention]:
        """Settlements followed by the oblast they lie in («Первомайское Донецкой Народной
        Республики», «біля Макіївки та Невського Луганської області») or by their district
        («с. Іванівка Чугуївського району»: the oblast of the district's town) are their
        namesakes in that oblast, where there are: a name alone may have read as one
        elsewhere."""
        anchors: list[tuple[int, str, Place | None]] = [
            (m.start, m.place.name, None)
            for m in found
            if m.place is not None and m.place.kind in _OBLAST_KINDS
        ]
        anchors += self._districts(resolver, parsed)
        out = list(found)
        lang = self.lexicon.language
        for start, oblast, centre in anchors:
            for j in _listed_before(found, start, text):
                mention = found[j]
                town = mention.place
                if town is None or town.kind != "settlement" or town.admin1 == oblast:
                    continue
                word = analyse(lang, mention.text)
                neuter, feminine = (inflections(lang, mention.text, g) for g in ("neut", "femn"))
                # the name as written first (its lemma may be another gender's: «Первомайское»)
                names = (word.lower, *neuter, *feminine, *word.lemmas[:2])
                spelled = (self._spelled((name,)) for name in dict.fromkeys(names))
                place = next(
                    (p for s in spelled if (p := _settlement_in(resolver, s, oblast, centre))),
                    None,
                )
                if place is not None:
                    out[j] = replace(mention, place=place)
        return out

    def _districts(self, resolver: Any, parsed: Parsed) -> list[tuple[int, str, Place | None]]:
        """Where a district is named for its town («Чугуївського району»), the stored start of
        its name, the oblast the town lies in and the town."""
        lang, doc = self.lexicon.language, parsed.doc
        out: list[tuple[int, str, Place | None]] = []
        for tok in doc[:-1]:
            word = analyse(lang, tok.text)
            if not (_may_name(tok) and word.adjective):
                continue
            if not self.lexicon.has("district_words", analyse(lang, doc[tok.i + 1].text)):
                continue
            town = _direction_town(resolver, self._spelled(_direction_names(word)))
            if town is not None and town.admin1:
                start = parsed.view.to_stored(tok.idx, tok.idx + len(tok))[0]
                out.append((start, town.admin1, town))
        return out

    def _pairs(self, resolver: Any, parsed: Parsed, context: ResolveContext) -> list[Mention]:
        """Names of two words in a case form, an adjective before a noun («Часового Яру»,
        «Великую Новоселку»), and oblasts named as republics («Донецкой Народной
        Республики»), read back to the nominative; they replace what their words gave alone."""
        lang, doc = self.lexicon.language, parsed.doc
        out: list[Mention] = []
        i = 0
        while i + 1 < len(doc):
            first, second = doc[i], doc[i + 1]
            oblast = self.lexicon.has("oblast_words", analyse(lang, second.text))
            if not (_may_name(first) and (oblast or _may_name(second))):
                i += 1
                continue
            republic = self.lexicon.has("republic_words", analyse(lang, second.text))
            if oblast:
                names = tuple(f"{a} область" for a in inflections(lang, first.text, "femn"))
                last = i + 1
            elif republic:
                names = tuple(f"{a} область" for a in inflections(lang, first.text, "femn"))
                last = min(i + 2, len(doc) - 1)
            else:
                nouns = (second.text.lower(), *analyse(lang, second.text).lemmas[:2])
                gender = _gender(lang, second.text)
                adjectives = (*inflections(lang, first.text, gender), *_possessive(first.text))
                names = tuple(f"{a} {n}" for a in adjectives for n in nouns)
                # «Малих Щербаках»: a name that has only a plural
                many = product(plurals(lang, first.text), plurals(lang, second.text))
                names += tuple(f"{a} {n}" for a, n in many)
                last = i + 1
            place = _resolve(resolver, self._spelled(names), context) if names else None
            if place is None:
                i += 1
                continue
            start = parsed.view.to_stored(first.idx, first.idx + len(first))[0]
            end = parsed.view.to_stored(doc[last].idx, doc[last].idx + len(doc[last]))[1]
            out.append(
                Mention(
                    doc_id=parsed.document.id,
                    start=start,
                    end=end,
                    text=parsed.document.text[start:end],
                    place=place,
                    precision=3 if place.kind != "settlement" else 1,
                    method="morphology",
                    reason="normal form of a Cyrillic name of two words",
                    extractor=EXTRACTOR,
                )
            )
            i = last + 1
        return out

    def _trigger_word(self, word: Word) -> bool:
        firsts = self.trigger_words
        return word.lower in firsts or any(lemma in firsts for lemma in word.lemmas)

    def _formation(self, text: str, start: int) -> bool:
        """Whether the name at ``start`` is in quotes after a formation's word: «угруповання
        «Хортиця»», «группировки войск «Восток»» name troops, not places."""
        before = text[max(0, start - 60) : start].rstrip()
        if not before.endswith(_OPENING_QUOTES):
            return False
        words = _LETTERS.findall(before)[-2:]
        lang = self.lexicon.language
        return any(self.lexicon.has("unit_words", analyse(lang, w)) for w in words)

    def _spelled(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """``names`` and, for a Russian report, their Ukrainian spellings."""
        rules = [r.split(">", 1) for r in self.lexicon.words.get("ukrainian_spelling", ())]
        if not rules:
            return names
        out = list(names)
        for name in names:
            out.extend(_ukrainian_spellings(name, [(a, b) for a, b in rules]))
        return tuple(dict.fromkeys(out))

    def _kept(self, parsed: Parsed, mention: Mention) -> Mention | None:
        """A base mention, or None where it names no place: a first name before a surname
        («Віталія Кіма»), a district's adjective («Чугуївського району»). A
        direction's adjective («Покровському напрямку») is the town the direction is named
        for, not a village whose case form it shares."""
        words = parsed.document.text[mention.start : mention.end].split()
        if len(words) != 1:
            return mention
        lang = self.lexicon.language
        word = analyse(lang, words[0])
        after = parsed.document.text[mention.end : mention.end + 40].split()[:1]
        following = analyse(lang, after[0].strip(".,;:")) if after else None
        if following is None:
            return mention
        if word.person and after[0][:1].isupper() and following.person:
            return None
        if word.adjective and self.lexicon.has("district_words", following):
            return None
        if self.lexicon.has("direction_words", following):
            resolver = getattr(self.base, "resolver", None)
            place = _direction_town(resolver, _direction_names(word)) if resolver else None
            if place is not None:
                return replace(mention, place=place, precision=3, method="direction")
        return mention

    def _mention(
        self,
        resolver: Any,
        parsed: Parsed,
        tok: Token,
        span: tuple[int, int],
        context: ResolveContext,
    ) -> Mention | None:
        if not _may_name(tok):
            return None
        word = analyse(self.lexicon.language, tok.text)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        following = analyse(self.lexicon.language, nxt.text) if nxt is not None else None
        if word.person:
            return None
        # «Ізюм. ...» opening a sentence may be a common word (raisins): kept only near the
        # other places the report names
        ambiguous = tok.is_sent_start and word.known and not word.toponym
        # «Ізюм звільнено»: a claim's verb right after it makes the word a place
        ambiguous = ambiguous and not (following is not None and self._trigger_word(following))
        direction = following is not None and self.lexicon.has("direction_words", following)
        district = following is not None and self.lexicon.has("district_words", following)
        if word.adjective and district:
            return None  # «Ізюмського району»: a district, named for its town
        # an adjective-shaped name («Гірське», «Покровське») is looked up as written
        lang = self.lexicon.language
        # «Невельского», «Гірського»: an adjective-shaped name is a village's (neuter) or a
        # town's (feminine) as often as a masculine one
        shapes = (*inflections(lang, tok.text, "neut"), *inflections(lang, tok.text, "femn"))
        shapes += plurals(lang, tok.text)  # «у районі Кринок»: Кринки
        names = _direction_names(word) if direction else (word.lower, *word.lemmas[:2], *shapes)
        names = self._spelled(names)
        place = (
            _direction_town(resolver, names) if direction else _resolve(resolver, names, context)
        )
        if place is None or (ambiguous and not _near_any(place, context.places)):
            return None
        return Mention(
            doc_id=parsed.document.id,
            start=span[0],
            end=span[1],
            text=parsed.document.text[span[0] : span[1]],
            place=place,
            precision=3 if direction else 1,
            method="direction" if direction else "morphology",
            reason="normal form of a Cyrillic case form",
            extractor=EXTRACTOR,
        )


def _may_name(tok: Token) -> bool:
    text = tok.text
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3 or not text[:1].isupper():
        return False
    if text.isupper() and not (len(letters) >= MIN_SHOUTED and _shouted(tok)):
        return False  # an acronym («ЗСУ», «ППО»), unless the whole line is in capitals
    return all("\u0400" <= ch <= "\u04ff" for ch in letters)


def _shouted(tok: Token) -> bool:
    """Whether ``tok``'s sentence is written in capitals («СИЛИ ОБОРОНИ ЗВІЛЬНИЛИ ІЗЮМ»)."""
    letters = [ch for ch in tok.sent.text if ch.isalpha()]
    return len(letters) >= 2 * MIN_SHOUTED and sum(ch.isupper() for ch in letters) > 0.8 * len(
        letters
    )


def _direction_names(word: Word) -> tuple[str, ...]:
    out = []
    for lemma in (word.lower, *word.lemmas):
        for ending, town in _ADJECTIVE_STEMS:
            if lemma.endswith(ending):
                out.append(lemma[: -len(ending)] + town)
    return tuple(dict.fromkeys(out))


#: «Часового Яру» -> «Часів»: a possessive adjective's case ending, and its nominative.
_POSSESSIVE = re.compile(r"^(\w+)ов(?:ого|ому|им|ім)$")
#: What may stand between the names of a list («A, B та C», «А, Б и В»).
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:та|і|й|и|а також))\s*$")
#: Kinds of place an oblast's name gives.
_OBLAST_KINDS = frozenset({"region", "admin1"})
_OPENING_QUOTES = ("«", '"', "„", "“")
_LETTERS = re.compile(r"[^\W\d_]+")
#: A word in capitals this long or longer may be a name where its whole sentence is.
MIN_SHOUTED = 4
#: How many spellings of one name are tried at most.
MAX_SPELLINGS = 24


def _possessive(text: str) -> tuple[str, ...]:
    m = _POSSESSIVE.match(text.lower())
    return (m[1] + "ів",) if m else ()


def _gender(language: str, text: str) -> str:
    """The grammatical gender of a noun's best reading (masculine where none says)."""
    for gender in ("masc", "femn", "neut"):
        if inflections(language, text, gender, noun=True):
            return gender
    return "masc"


def _ukrainian_spellings(name: str, rules: list[tuple[str, str]]) -> list[str]:
    """A Russian name in the Ukrainian spellings ``rules`` allow, word by word."""
    words = [_word_spellings(w, rules) for w in name.split()]
    return [" ".join(c) for c in islice(product(*words), MAX_SPELLINGS)]


def _word_spellings(word: str, rules: list[tuple[str, str]]) -> list[str]:
    endings = [(word[: -len(a)], b) for a, b in rules if word.endswith(a)] or [(word, "")]
    out: list[str] = []
    for stem, ending in endings:
        last = max(stem.rfind("о"), stem.rfind("е"), stem.rfind("ё"))
        stems = [stem] + ([stem[:last] + "і" + stem[last + 1 :]] if last > 0 else [])
        for base in stems:
            for variant in (base, base.replace("и", "і")):
                letters = variant.replace("ы", "и").replace("э", "е").replace("ё", "е")
                out.append(letters.replace("ъ", "'") + ending)
    return list(dict.fromkeys(out))


def _direction_town(resolver: Any, names: tuple[str, ...]) -> Place | None:
    """The town a direction is named for: the most populous settlement any of ``names``
    names (a direction is named for a town, not a village namesake: «Лиманський напрямок»
    is Lyman's, whichever villages are also called Lyman; «Харківський» Kharkiv's, not
    Kharkivka's)."""
    gazetteer = resolver.gazetteer
    rows = [
        h.row
        for name in names
        for query in (name, translit(name.capitalize()))
        for h in gazetteer.lookup(query)
        if gazetteer.kind(h.row) == "settlement"
    ]
    if not rows:
        return None
    # a Ukrainian town before a larger foreign namesake (Pokrovsk, not Engels once so named)
    best = max(rows, key=lambda r: (gazetteer.country(r) == "UA", gazetteer.population(r)))
    return gazetteer.place(best)  # type: ignore[no-any-return]


def _listed_before(found: list[Mention], start: int, text: str) -> list[int]:
    """The indices of the mentions of the list that ends right before ``start`` («A, B та C»
    before «Луганської області»)."""
    out: list[int] = []
    end = start
    for j in range(len(found) - 1, -1, -1):
        if found[j].end > end:
            continue
        gap = text[found[j].end : end]
        if not (gap.strip() == "" if not out else _LIST_GAP.match(gap)):
            break
        place = found[j].place
        if place is None or place.kind != "settlement":
            break
        out.append(j)
        end = found[j].start
    return out


def _settlement_in(
    resolver: Any, names: tuple[str, ...], oblast: str, centre: Place | None = None
) -> Place | None:
    """The settlement in ``oblast`` any of ``names`` names nearest ``centre`` (a district's
    town), else the most populous; None where the oblast has none."""
    gazetteer = resolver.gazetteer
    places: list[Place] = [
        gazetteer.place(h.row)
        for name in names
        for query in (name, translit(name.capitalize()))
        for h in gazetteer.lookup(query)
        if gazetteer.kind(h.row) == "settlement"
    ]
    inside = [p for p in places if p.admin1 == oblast]
    if not inside:
        return None
    if centre is not None:
        return min(inside, key=lambda p: (p.lat - centre.lat) ** 2 + (p.lon - centre.lon) ** 2)
    return max(inside, key=lambda p: p.population)


def _near_any(place: Place, others: tuple[Place, ...]) -> bool:
    """Within about a degree (some 100 km) of another place of the report."""
    return any(
        o.geonameid != place.geonameid
        and abs(o.lat - place.lat) <= NEAR_DEGREES
        and abs(o.lon - place.lon) <= NEAR_DEGREES * 1.5
        for o in others
    )


def _resolve(resolver: Any, names: tuple[str, ...], context: ResolveContext) -> Place | None:
    gazetteer = resolver.gazetteer
    for name in names:
        for query in (name, translit(name.capitalize())):
            if not gazetteer.lookup(query):
                continue
            result = resolver.resolve(query, context=context)
            if result.place is not None and result.score >= MIN_SCORE:
                return result.place  # type: ignore[no-any-return]
    return None
