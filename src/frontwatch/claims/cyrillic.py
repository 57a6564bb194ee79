"""Claims from Ukrainian and Russian reports: the same claims-v1 records as the English stage.

No Ukrainian or Russian parsing model installs offline (the spaCy names on PyPI are
placeholders), so a report is read by rules over words and their pymorphy3 lemmas, sentence
by sentence and clause by clause, with the vocabulary of ``triggers_<lang>.toml``:

- **kind** from a trigger phrase's lemmas («звільнили», «взяли під контроль», «отошли»),
  the longest phrase first; an attempt or aim in the clause («намагався», «целью») makes it an
  attack; a full participle («окуповані території») only with an agent after it;
- **side** from the side word nearest the trigger in its clause (before a verb, its
  subject, over one after it), else its sentence
  («окупанти», «ВС РФ», «наші захисники»: the speaker's side), else the report's last side;
  a repelled attack is the other side's attack and their advance negated; a liberation
  «від окупантів» is the other side's; a killing («ліквідували 30 окупантів») is the loss
  of the side killed; a loss in words at a place («тисячі солдатів під X») has no figure;
- **places** from the places stage and :class:`~frontwatch.claims.cyrillic_places.CyrillicPlaces`:
  every place of the clause, and of the names listed after it («A, B, C»), a settlement over
  its oblast, none named as a river's («березі Дніпра»); else «місто», «область», «там»
  point back; else an earlier clause's place;
- **polarity** from «не»/«ні» before the trigger or its modal («не зуміли взяти»);
  **modality** predicted where the clause says «можливий»; **time** from
  :mod:`frontwatch.claims.cyrillic_time`, else the last time the report gave;
- **claimant** the report's speaker («Іван Федоров повідомив», «Звернення ...»),
  romanized; its side from the address the report came from.

Evidence is the sentence in the stored text.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from translitua import translit

from frontwatch.claims.cyrillic_lexicon import (
    CYRILLIC,
    CyrillicLexicon,
    Trigger,
    Word,
    analyse,
    load_cyrillic,
)
from frontwatch.claims.cyrillic_places import CyrillicPlaces
from frontwatch.claims.cyrillic_time import CyrillicTimes, TimeFound
from frontwatch.claims.lexicon import load_lexicon
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
from frontwatch.places import GazetteerPlaces, PlaceFinder, PlaceMentions
from frontwatch.read import (
    Component,
    Source,
    attach_source,
    carried,
    carry,
    find_quotes,
    make_view,
    source_of,
)
from frontwatch.read.language import fold_lookalikes
from frontwatch.read.view import TextView

__all__ = ["CYRILLIC", "CyrillicClaims", "CyrillicExtractor", "CyrillicRead", "CyrillicReader"]

#: Why a document that names no known place gives nothing (a post of hashtags or emoji).
NO_PLACES = "no known place named"

EXTRACTOR = "frontwatch.claims.cyrillic@1"
#: How many words may stand between the words of a trigger phrase.
GAP = 2
#: How many words after a figure may name what it counts (adjectives, then the noun).
COUNTED_WORDS = 3
_CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")"})
_MODALITY_WEIGHT = {"asserted": 0.7, "predicted": 0.45}
#: A year said in words' company, not the year of a numeric date («12.09.2023», a dateline).
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.]\d)")
_KM2 = re.compile(r"(\d[\d\s]*)\s*(?:км²|км2|кв\.?\s*км)", re.IGNORECASE)
_AREA_KINDS = frozenset({"region", "admin1", "admin2"})
_SKIPPED_KINDS = frozenset({"country", "continent", "river"})


def _opposite(side: str | None) -> str | None:
    return {"UA": "RU", "RU": "UA"}.get(side or "")


@dataclass(frozen=True, slots=True)
class _Match:
    trigger: Trigger
    tokens: tuple[int, ...]

    @property
    def head(self) -> int:
        return self.tokens[0]


@dataclass(slots=True)
class _State:
    """One report as it is read: its tokens' words and mentions, and what earlier sentences
    tell later ones. Token indices are the ``Doc``'s throughout."""

    source: Source
    words: list[Word]
    by_token: dict[int, Mention]
    speaker: Claimant | None
    #: The side the report speaks for: its speaker's, else its address's (``.gov.ua``).
    speaker_side: str | None = None
    year: int | None = None
    last_side: str | None = None
    last_time: EventTime | None = None
    last_places: list[PlaceRef] = field(default_factory=list)
    last_settlement: PlaceRef | None = None
    last_region: PlaceRef | None = None

    @property
    def document(self) -> Document:
        return self.source.document

    @property
    def published(self) -> date | None:
        return self.source.document.published_date()


class CyrillicReader:
    """Reads the claims of one Ukrainian or Russian report, sentence by sentence.

    Places are held to the English stage's rules: kinds it skips (countries) and places too
    wide to anchor a claim (Donbas) name none (``actors.toml``).
    """

    def __init__(self, lexicon: CyrillicLexicon) -> None:
        self.lexicon = lexicon
        self.times = CyrillicTimes(lexicon.table)
        english = load_lexicon()
        self.skip_kinds = english.skip_place_kinds | _SKIPPED_KINDS
        self.unanchored = english.unanchored_places
        #: Every trigger phrase in table order, and the positions of those a lemma opens.
        self.phrases = [(t, p) for t in lexicon.triggers for p in t.phrases]
        self.opened_by: dict[str, list[int]] = {}
        for k, (_, phrase) in enumerate(self.phrases):
            self.opened_by.setdefault(phrase[0], []).append(k)

    def read(self, doc: Doc, source: Source, mentions: list[Mention]) -> list[Claim]:
        lang = self.lexicon.language
        speaker = self._speaker(source.document)
        state = _State(
            source,
            [analyse(lang, t.text) for t in doc],
            _token_mentions(doc, source, mentions),
            speaker,
            (speaker.side if speaker else self._domain_side(source.document.url or ""))
            or self.lexicon.language_side
            or None,
        )
        claims: list[Claim] = []
        for sent in doc.sents:
            claims.extend(self._sentence(sent, state))
        return claims

    # ------------------------------------------------------------ the speaker

    def _speaker(self, document: Document) -> Claimant | None:
        """The person a report quotes or addresses from, named in its headline."""
        side = self._domain_side(document.url or "")
        lines = [document.title or "", *document.text.splitlines()[:2]]
        for line in lines:
            name = self._speaker_name(line)
            if name:
                return Claimant(name=name, side=side)
        return None

    def _domain_side(self, url: str) -> str | None:
        host = (urlsplit(url).hostname or "").lower()
        for side, domains in self.lexicon.speaker_domains.items():
            if host and any(host.endswith(d.lstrip(".")) for d in domains):
                return side
        return None

    def _speaker_name(self, line: str) -> str:
        words = re.findall(r"[^\W\d_][\w'’-]*", line)
        lang = self.lexicon.language
        for i, text in enumerate(words):
            if not self.lexicon.has("speech_verbs", analyse(lang, text)):
                continue
            for pair in (words[max(0, i - 2) : i], words[i + 1 : i + 3]):
                if len(pair) == 2 and all(w[:1].isupper() for w in pair):
                    people = [analyse(lang, w) for w in pair]
                    if all(p.name_like for p in people):
                        return " ".join(_romanized(lang, p.lemmas[0]) for p in people)
        return ""

    # ------------------------------------------------------------ per sentence

    def _sentence(self, sent: Span, state: _State) -> list[Claim]:
        times = self.times.find(sent.text, state.published, state.year)
        found: dict[tuple[str, str | None, str, str], Claim] = {}
        earlier: list[PlaceRef] = []
        for clause in self._split(self._clauses(sent, state), state):
            named = [c.place for c in found.values() if c.place is not None]
            places = self._clause_places(clause, state, named)
            if not places and not self._names_a_place(clause, state):
                places = earlier  # «..., не занятим військами РФ»: the clause before it
            for match in self._matches(clause, state.words):
                for claim in self._claims(match, sent, clause, places, times, state):
                    place = claim.place.name if claim.place else ""
                    found.setdefault((claim.kind, claim.side, place, claim.polarity), claim)
            earlier = places
            self._remember_places(clause, state)  # «Вибухи в Одесі: ворог атакував місто»
        claims = _without_enclosing(list(found.values()))
        self._remember(sent, times, claims, state)
        return claims

    def _remember(
        self, sent: Span, times: list[TimeFound], claims: list[Claim], state: _State
    ) -> None:
        placed = [c.place for c in claims if c.place is not None]
        if placed:
            state.last_places = list(dict.fromkeys(placed))
        sides = [c.side for c in claims if c.side in ("UA", "RU")]
        if sides:
            state.last_side = sides[-1]
        dated = [t.time for t in times if t.time.start is not None]
        if dated:
            state.last_time = dated[-1]
        years = _YEAR.findall(sent.text)
        if years:
            state.year = int(years[-1])

    def _split(self, clauses: list[list[int]], state: _State) -> Iterator[list[int]]:
        """Each clause, cut before each of its triggers after the first where every part
        names a place of its own: «продвинулись к A и заняли часть B» advanced to A and took
        B, not both at both."""
        for clause in clauses:
            heads = [m.head for m in self._matches(clause, state.words)][1:]
            parts: list[list[int]] = [[]]
            for i in clause:
                if heads and i == heads[0]:
                    heads.pop(0)
                    parts.append([])
                parts[-1].append(i)
            placed = all(any(i in state.by_token for i in part) for part in parts)
            yield from (parts if len(parts) > 1 and placed else [clause])

    def _remember_places(self, clause: list[int], state: _State) -> None:
        """The last settlement and oblast named, for «місто» and «область» after them."""
        for i in clause:
            mention = state.by_token.get(i)
            if mention is None or mention.place is None:
                continue
            ref = mention.place.ref(mention.precision)
            if mention.place.kind in _AREA_KINDS:
                state.last_region = ref
            elif mention.place.kind not in _SKIPPED_KINDS:
                state.last_settlement = ref

    def _clauses(self, sent: Span, state: _State) -> list[list[int]]:
        """Token indices per clause; names listed after a clause («, B, C») join it."""
        clauses: list[list[int]] = [[]]
        for tok in sent:
            opens = tok.text in _CLAUSE_PUNCT or (
                tok.i > sent.start and self.lexicon.has("clause_words", state.words[tok.i])
            )
            if opens and clauses[-1]:
                clauses.append([])
            if tok.text not in _CLAUSE_PUNCT and not tok.is_space:
                clauses[-1].append(tok.i)
        merged: list[list[int]] = []
        for clause in clauses:
            if not clause:
                continue
            named = clause[0] in state.by_token or (
                len(clause) <= 3 and sent.doc[clause[0]].text[:1].isupper()
            )
            listed = named and not self._matches(clause, state.words)
            if merged and listed:
                merged[-1].extend(clause)
            else:
                merged.append(clause)
        return merged

    def _matches(self, clause: list[int], words: list[Word]) -> list[_Match]:
        """The trigger phrases of a clause, longest first, none sharing a word."""
        found: list[_Match] = []
        opened = {
            k
            for i in clause
            for key in (words[i].lower, *words[i].lemmas)
            for k in self.opened_by.get(key, ())
        }
        for k in sorted(opened):  # table order, as ties are broken by it
            trigger, phrase = self.phrases[k]
            found.extend(_phrase_at(trigger, phrase, words, clause))
        # «знищено 500 окупантів»: a loss word with a figure after it is the loss, not the
        # strike its lemma also names («знищено склад» stays a strike)
        found.sort(key=lambda m: (-len(m.tokens), m.head, not _counted(m, words, clause)))
        taken: set[int] = set()
        out = []
        for match in found:
            if taken.isdisjoint(match.tokens):
                out.append(match)
                taken.update(match.tokens)
        return sorted(out, key=lambda m: m.head)

    # ------------------------------------------------------------ one trigger

    def _claims(
        self,
        match: _Match,
        sent: Span,
        clause: list[int],
        places: list[PlaceRef],
        times: list[TimeFound],
        state: _State,
    ) -> Iterator[Claim]:
        trigger, lex, words = match.trigger, self.lexicon, state.words
        if self._attributive(match, words) or self._ended(match, words):
            return
        count = self._count(match, sent, words) if trigger.needs_number else None
        if trigger.needs_number and count is None:
            # «втратили під Авдіївкою тисячі солдатів»: a loss at a place, its amount unsaid
            if places and any(lex.has("vague_amounts", words[i]) for i in clause):
                side = self._side(match, sent, clause, state)
                when = _time_in(sent, clause, times) or state.last_time
                polarity = "negated" if self._negated(match, words) else "affirmed"
                for spot in places:
                    yield self._claim(
                        sent, state, trigger.kind, side, spot, polarity, "asserted", when, None
                    )
            return
        kind = trigger.kind
        if trigger.side != "opposite" and any(lex.has("attempt", words[i]) for i in clause):
            kind = "attack"
        if not places and count is None:
            return
        side = self._side(match, sent, clause, state)
        denied = any(lex.has("denial", words[i]) for i in range(sent.start, sent.end))
        polarity = "negated" if denied or self._negated(match, words) else "affirmed"
        predicted = any(lex.has("predicted", words[i]) for i in clause)
        modality = "predicted" if predicted else "asserted"
        when = _time_in(sent, clause, times) or _time_in(sent, None, times) or state.last_time
        area = _area(sent.doc, list(range(match.head, sent.end)))
        if count is not None:  # a loss counts a side's dead or equipment, placed or not
            spots: list[PlaceRef | None] = [*places] or [None]
            for place in spots:
                yield self._claim(sent, state, kind, side, place, polarity, modality, when, count)
            return
        # «евакуювали 500 людей»: an evacuation counts people
        moved = self._count(match, sent, words) if kind == "evacuation" else None
        people = moved if moved is not None and moved.unit == "people" else None
        for place in places:
            yield self._claim(sent, state, kind, side, place, polarity, modality, when, people)
            if trigger.also_negated and polarity == "affirmed":
                also = trigger.also_negated
                yield self._claim(sent, state, also, side, place, "negated", modality, when, None)
            if kind == "control" and area is not None:
                yield self._claim(
                    sent, state, "territory", side, place, polarity, modality, when, area
                )

    def _count(self, match: _Match, sent: Span, words: list[Word]) -> Quantity | None:
        """The figure a loss gives, after its trigger in the sentence («втрати ворога склали
        близько 1 200 осіб»): people where a word for people follows it, else items."""
        doc = sent.doc
        i = match.tokens[-1] + 1
        while i < sent.end:
            value = _number(doc, i)
            if value is not None:
                number, after = value
                # «1 200 осіб», «80 украинских военнослужащих» (the noun after its adjectives),
                # or «особового складу – близько 1 200»
                named = [*words[match.tokens[-1] + 1 : i], *_counted_noun(words, after, sent.end)]
                person = any(self.lexicon.has("people_words", w) for w in named)
                return Quantity(number, "people" if person else "items")
            i += 1
        return None

    def _attributive(self, match: _Match, words: list[Word]) -> bool:
        """ "окуповані території": a full participle, with no side word after it, names none."""
        head = words[match.head]
        if not head.participles or len(match.tokens) > 1:
            return False
        if not any(p[0] in head.participles or p[0] in head.lemmas for p in match.trigger.phrases):
            return False
        if match.head > 0 and self.lexicon.has("copula", words[match.head - 1]):
            return False  # «був звільнений»: a predicate
        after = words[match.head + 1 : match.head + 4]
        return not any(self._party(w, None) for w in after)

    def _ended(self, match: _Match, words: list[Word]) -> bool:
        """«від окупації»: the state a liberation ended names no claim of its own."""
        before = words[max(0, match.head - 2) : match.head]
        return any(self.lexicon.has("from_words", w) for w in before)

    def _negated(self, match: _Match, words: list[Word]) -> bool:
        lex = self.lexicon
        i = match.head - 1
        if i >= 0 and lex.has("modal", words[i]):
            i -= 1
        if i < 0 or not lex.has("negation", words[i]):
            return False
        after = words[match.head] if i + 1 >= len(words) else words[i + 1]
        return not lex.has("not_negation", after)

    # ------------------------------------------------------------ sides

    def _side(self, match: _Match, sent: Span, clause: list[int], state: _State) -> str | None:
        trigger = match.trigger
        if trigger.side == "none":
            return None
        speaker = state.speaker_side
        if trigger.side == "victim":
            return self._victim(match, sent, clause, state)
        actor = self._nearest_side(match, clause, state, speaker)
        if actor is None:
            actor = self._nearest_side(match, list(range(sent.start, sent.end)), state, speaker)
        before = state.words[max(sent.start, match.head - 2) : match.head]
        trapped = any(self.lexicon.has("trapped_words", w) for w in before)
        if trigger.kind == "encirclement" and actor is not None and trapped:
            return _opposite(actor)  # «ВСУ находятся в полуокружении»: encircled by the other
        if trigger.side == "opposite":
            agent = self._attacker_after(match, clause, state)
            if agent is not None:  # «відбили три атаки окупантів»: the attack was theirs
                return agent
        if actor is None and trigger.fallback == "enemy" and speaker is not None:
            actor = _opposite(speaker)
        if actor is None and trigger.fallback == "own" and speaker is not None:
            actor = speaker
        if actor is None and trigger.kind != "attack":
            actor = state.last_side
        if trigger.side == "opposite":
            return _opposite(actor) if actor else _opposite(speaker)
        return actor

    def _victim(self, match: _Match, sent: Span, clause: list[int], state: _State) -> str | None:
        """Whose dead a killing counts: the side word after the verb («ліквідували 30
        окупантів», «уничтожено до 80 украинских военнослужащих»), else the other side of the
        one before it («Сили оборони знищили 12 танків»), else the speaker's enemy."""
        speaker = state.speaker_side
        after = [i for i in clause if i > match.tokens[-1] and i not in match.tokens]
        for i in after:
            party = self._party_at(state.words, i, speaker)
            if party is not None:
                return party
        for i in reversed(range(sent.start, match.head)):
            party = self._party_at(state.words, i, speaker)
            if party is not None:
                return _opposite(party)
        return _opposite(speaker) if speaker else self.lexicon.enemy_default

    def _attacker_after(self, match: _Match, clause: list[int], state: _State) -> str | None:
        """The side word after a repelled attack's noun, its attacker («атаки окупантів»,
        «контратаки штурмовых групп ВСУ»); None where the clause has none."""
        words, lex = state.words, self.lexicon
        seen_noun = any(lex.has("attack_nouns", words[i]) for i in match.tokens)
        for i in clause:
            if i <= match.head or i in match.tokens:
                continue
            if lex.has("attack_nouns", words[i]):
                seen_noun = True
                continue
            party = self._party_at(words, i, state.speaker_side)
            if party is not None:
                return party if seen_noun else None
        return None

    def _nearest_side(
        self, match: _Match, indices: list[int], state: _State, speaker: str | None
    ) -> str | None:
        words = state.words
        best: tuple[int, str] | None = None
        # a side word before an actor's verb is its subject, and wins over one after it
        subject = (
            match.trigger.side == "actor"
            and words[match.head].verb
            and any(
                self._party_at(words, i, speaker) is not None
                for i in indices
                if i < match.head and i not in match.tokens
            )
        )
        for i in indices:
            if i in match.tokens:
                continue
            party = self._party_at(words, i, speaker)
            if party is None:
                continue
            freed = any(self.lexicon.has("from_words", w) for w in words[max(0, i - 2) : i])
            # «звільнили від окупантів»: freed from RU; «уразили позиції ворога»: the struck
            if (match.trigger.regain and freed) or self._target(match, i, words):
                party = _opposite(party) or party
            distance = 2 * abs(i - match.head) + (0 if i < match.head else 1)
            if i > match.head and subject:
                distance += len(words)  # «Наші війська відтіснили противника»: the object
            if best is None or distance < best[0]:
                best = (distance, party)
        return best[1] if best else None

    def _target(self, match: _Match, i: int, words: list[Word]) -> bool:
        """Whether the side word at ``i``, after a verb, names what was struck: a target word
        («по», «позиції», «живій силі», «оборону») stands between the verb and it."""
        trigger, end = match.trigger, match.tokens[-1]
        if trigger.side != "actor" or i <= end:
            return False
        if not words[match.head].verb:
            return False  # «обстріл ворога»: after a noun, the attacker
        return any(self.lexicon.has("target_words", w) for w in words[match.head + 1 : i])

    def _party_at(self, words: list[Word], i: int, speaker: str | None) -> str | None:
        pair = words[i : i + 2]
        if len(pair) == 2:
            for key in (tuple(w.lower for w in pair), tuple(w.lemmas[0] for w in pair)):
                if key in self.lexicon.sides:
                    return self.lexicon.sides[key]
        return self._party(words[i], speaker)

    def _party(self, word: Word, speaker: str | None) -> str | None:
        lex = self.lexicon
        for key in (word.lower, *word.lemmas):
            if (key,) in lex.sides:
                return lex.sides[(key,)]
        if lex.has("enemy", word):
            return _opposite(speaker) if speaker else lex.enemy_default
        if lex.has("own", word):
            return speaker or lex.own_default
        return None

    # ------------------------------------------------------------ places

    def _clause_places(
        self, clause: list[int], state: _State, named: list[PlaceRef]
    ) -> list[PlaceRef]:
        """The clause's places, a settlement over its oblast; else what it points back to."""
        out: dict[str, PlaceRef] = {}
        directions: set[str] = set()
        for i in clause:
            mention = state.by_token.get(i)
            if mention is None or mention.place is None:
                continue
            before = state.words[max(0, i - 2) : i]
            if (
                mention.place.kind in self.skip_kinds
                or mention.place.name.lower() in self.unanchored
                or self._in_side_phrase(i, state.words)
                or any(self.lexicon.has("river_words", w) for w in before)  # «березі Дніпра»
            ):
                continue
            near = any(self.lexicon.has("near_words", w) for w in before)
            ref = mention.place.ref(max(mention.precision, 2 if near else 1))
            out.setdefault(ref.name, ref)
            if mention.method == "direction":
                directions.add(ref.name)
            else:  # «на Торецькому напрямку … в районі Торецька»: the town itself, named
                directions.discard(ref.name)
                out[ref.name] = ref
        if len(out) > len(directions):  # «на Покровському напрямку … біля A, B»: A and B
            out = {name: ref for name, ref in out.items() if name not in directions}
        found = _settlements_over_regions(list(out.values()))
        return found or self._pointed(clause, state, named)

    def _in_side_phrase(self, i: int, words: list[Word]) -> bool:
        """Whether the word at ``i`` is a side word or part of a side's name of two words
        («Сили оборони»: no village Syla; «Украинская армия»: no town Ukrainsk)."""
        if self._party(words[i], None) is not None:
            return True
        for start in (i - 1, i):
            pair = words[max(0, start) : start + 2]
            if start < 0 or len(pair) < 2:
                continue
            for key in (tuple(w.lower for w in pair), tuple(w.lemmas[0] for w in pair)):
                if key in self.lexicon.sides:
                    return True
        return False

    def _names_a_place(self, clause: list[int], state: _State) -> bool:
        """Whether the clause names a place, even one no claim is placed at («Донбас»)."""
        return any(state.by_token.get(i) is not None for i in clause)

    def _pointed(self, clause: list[int], state: _State, named: list[PlaceRef]) -> list[PlaceRef]:
        """Places a back reference in the clause stands for: «місто» the last settlement
        («міста», plural, and «область» the last oblast), «там» the places of the claims just
        made (in this sentence, else the last one's)."""
        lex = self.lexicon
        for i in clause:
            word = state.words[i]
            region = lex.has("region_anaphors", word)
            if lex.has("settlement_anaphors", word) and word.plural:
                region = True
            elif lex.has("settlement_anaphors", word) and state.last_settlement is not None:
                return [state.last_settlement]
            if region and state.last_region is not None:
                return [state.last_region]
            if lex.has("list_anaphors", word) and (named or state.last_places):
                return list(dict.fromkeys(named)) or list(state.last_places)
        return []

    # ------------------------------------------------------------ the record

    def _claim(
        self,
        sent: Span,
        state: _State,
        kind: str,
        side: str | None,
        place: PlaceRef | None,
        polarity: str,
        modality: str,
        when: EventTime | None,
        quantity: Quantity | None,
    ) -> Claim:
        start, end = _stored(state.source, sent)
        doc_id = state.document.id
        raw = f"{doc_id}|{start}|{end}|{kind}|{place.name if place else ''}|{side}|{polarity}"
        published = state.published
        return Claim(
            id="c" + hashlib.sha1(raw.encode("utf-8"), usedforsecurity=False).hexdigest()[:15],
            doc=doc_id,
            kind=kind,
            side=side,
            place=place,
            polarity=polarity,
            modality=modality,
            claimant=state.speaker,
            channel=None,
            event_time=when,
            quantity=quantity,
            evidence=Evidence(text=state.document.text[start:end], start=start, end=end),
            extractor=EXTRACTOR,
            confidence=_MODALITY_WEIGHT[modality],
            claim_time=published.isoformat() if published else None,
        )


# ---------------------------------------------------------------- helpers


def _phrase_at(
    trigger: Trigger, phrase: tuple[str, ...], words: list[Word], clause: list[int]
) -> Iterator[_Match]:
    """Where ``phrase``'s lemmas stand in order in the clause, at most GAP words apart."""
    for pos, i in enumerate(clause):
        if not _is(words[i], phrase[0]):
            continue
        tokens = [i]
        at = pos
        for lemma in phrase[1:]:
            nxt = next(
                (
                    k
                    for k in range(at + 1, min(len(clause), at + GAP + 2))
                    if _is(words[clause[k]], lemma)
                ),
                None,
            )
            if nxt is None:
                break
            tokens.append(clause[nxt])
            at = nxt
        if len(tokens) == len(phrase):
            yield _Match(trigger, tuple(tokens))


def _counted(match: _Match, words: list[Word], clause: list[int]) -> bool:
    """Whether ``match`` needs a figure and a figure follows it in the clause."""
    if not match.trigger.needs_number:
        return False
    after = (i for i in clause if i > match.tokens[-1])
    return any(any(ch.isdigit() for ch in words[i].lower) for i in after)


def _counted_noun(words: list[Word], at: int, end: int) -> list[Word]:
    """The words a figure counts: its adjectives and the noun after them («80 украинских
    военнослужащих»), at most ``COUNTED_WORDS`` words from ``at``."""
    out: list[Word] = []
    for word in words[at : min(end, at + COUNTED_WORDS)]:
        out.append(word)
        if not word.adjective:
            break
    return out


def _is(word: Word, lemma: str) -> bool:
    return word.lower == lemma or lemma in word.lemmas


def _romanized(language: str, lemma: str) -> str:
    """A name in Latin letters: Ukrainian-government romanization (for Russian names too,
    as the gold's conventions write them)."""
    return " ".join(part.capitalize() for part in translit(lemma).split())


def _without_enclosing(claims: list[Claim]) -> list[Claim]:
    """A claim at an oblast beside the same claim at a settlement in it, in one sentence, is
    that claim said twice («бої за X — бойові дії в Y області»): the settlement's only."""
    inner = {
        (c.kind, c.side, c.polarity, c.place.admin1)
        for c in claims
        if c.place and c.place.name != c.place.admin1
    }
    return [
        c
        for c in claims
        if c.place is None
        or c.place.name != c.place.admin1
        or (c.kind, c.side, c.polarity, c.place.name) not in inner
    ]


def _settlements_over_regions(places: list[PlaceRef]) -> list[PlaceRef]:
    """Where a clause names an oblast and settlements in it, only the settlements."""
    inner = {p.admin1 for p in places if p.name != p.admin1}
    return [p for p in places if not (p.name == p.admin1 and p.name in inner)]


def _time_in(sent: Span, clause: list[int] | None, times: list[TimeFound]) -> EventTime | None:
    """The first time expression inside the clause (anywhere in the sentence for None)."""
    for found in times:
        if clause is None:
            return found.time
        at = sent.start_char + found.start
        if any(sent.doc[i].idx <= at < sent.doc[i].idx + len(sent.doc[i]) for i in clause):
            return found.time
    return None


def _number(doc: Doc, i: int) -> tuple[float, int] | None:
    """The number that starts at token ``i`` («1 200», «1200», «1,5 тис.»), and the index of
    the token after it; None where none starts there."""
    if not doc[i].like_num or not any(ch.isdigit() for ch in doc[i].text):
        return None
    digits = doc[i].text.replace(",", ".")
    j = i + 1
    while j < len(doc) and doc[j].text.isdigit() and len(doc[j].text) == 3:
        digits += doc[j].text  # thousands written apart: «1 200»
        j += 1
    try:
        number = float(digits)
    except ValueError:
        return None
    if j < len(doc) and doc[j].lower_.rstrip(".").startswith(("тис", "тыс")):
        number *= 1000
        j += 2 if j + 1 < len(doc) and doc[j + 1].text == "." else 1
    return number, j


def _area(doc: Doc, clause: list[int]) -> Quantity | None:
    if not clause:
        return None
    text = doc[clause[0] : clause[-1] + 1].text
    m = _KM2.search(text)
    if m is None:
        return None
    return Quantity(float(m[1].replace(" ", "").replace("\u00a0", "")), "km2")


def _stored(source: Source, sent: Span) -> tuple[int, int]:
    text = sent.text.rstrip()
    return source.view.to_stored(sent.start_char, sent.start_char + len(text))


def _token_mentions(doc: Doc, source: Source, mentions: list[Mention]) -> dict[int, Mention]:
    """Each token's first overlapping mention (tokens found by bisection on stored offsets)."""
    out: dict[int, Mention] = {}
    spans = [source.view.to_stored(tok.idx, tok.idx + len(tok)) for tok in doc]
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    for mention in mentions:
        for i in range(bisect_right(ends, mention.start), bisect_left(starts, mention.end)):
            out.setdefault(i, mention)
    return out


# ---------------------------------------------------------------- the pipeline


class CyrillicWords(Component):
    """``frontwatch_cyrillic_words``: lemmas from pymorphy3, and sentence starts.

    A blank Ukrainian or Russian pipeline has no lemmatizer of its own (spaCy's needs
    pymorphy dictionaries it looks up by another name) and no sentence boundaries: this sets
    each token's lemma and starts a sentence at every line break of the stored text (the view
    joins hard-wrapped lines; these reports put one statement, caption or list item a line)
    and after «.», «!», «?» followed by a capital letter or a digit, but not after an
    abbreviation («с.», «м.», «обл.»); signs that open a sentence (emoji, a flag, a bullet)
    are one of their own, so that the first word after them opens one as it would bare.
    """

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.abbreviations = load_cyrillic(language).words["abbreviations"]

    def process(self, doc: Doc) -> Doc:
        source = source_of(doc)
        text, view = source.document.text, source.view
        previous: Token | None = None
        signs_only = False  # only signs (emoji, a flag, a bullet) since the sentence began
        for tok in doc:
            tok.lemma_ = analyse(self.language, tok.text).lemmas[0]
            start = tok.i == 0
            if previous is not None and not tok.is_space:
                gap_start = view.to_stored(previous.idx, previous.idx + len(previous))[1]
                gap_end = view.to_stored(tok.idx, tok.idx + len(tok))[0]
                start = "\n" in text[gap_start:gap_end] or self._after_stop(doc, previous, tok)
            word = any(ch.isalnum() for ch in tok.text)
            # «🇺🇦 Сили оборони…»: the signs are a sentence of their own, the words open one
            start = start or (signs_only and word)
            tok.is_sent_start = start
            if not tok.is_space:
                signs_only = (start or signs_only) and not word
                previous = tok
        return doc

    def _after_stop(self, doc: Doc, previous: Token, tok: Token) -> bool:
        if previous.text not in (".", "!", "?", "…", "...") or tok.idx == previous.idx + 1:
            return False
        before = doc[previous.i - 1].lower_ if previous.i > 0 else ""
        if previous.text == "." and before in self.abbreviations:
            return False
        first = tok.text[:1]
        return first.isupper() or first.isdigit() or first in '«"'


@Language.factory("frontwatch_cyrillic_words", default_config={"language": "uk"})
def make_cyrillic_words(nlp: Language, name: str, language: str) -> CyrillicWords:
    return CyrillicWords(language)


class CyrillicClaims(Component):
    """``frontwatch_claims_cyrillic``: the claims of the report a ``Doc`` carries, read by
    :class:`CyrillicReader` from the mentions ``frontwatch_places`` left; it leaves them as
    ``carried(doc, "claims")``."""

    def __init__(self, reader: CyrillicReader) -> None:
        super().__init__()
        self.reader = reader

    def process(self, doc: Doc) -> Doc:
        source = source_of(doc)
        return carry(doc, "claims", self.reader.read(doc, source, carried(doc, "mentions")))


@Language.factory("frontwatch_claims_cyrillic", default_config={"language": "uk"})
def make_cyrillic_claims(nlp: Language, name: str, language: str) -> CyrillicClaims:
    return CyrillicClaims(CyrillicReader(load_cyrillic(language)))


def build_cyrillic_nlp(language: str, places: PlaceFinder) -> Language:
    """The pipeline of one language: spaCy's blank tokenizer (offline, rule-based), then
    ``frontwatch_paragraphs``, ``frontwatch_cyrillic_words``, ``frontwatch_places`` (with the
    morphology finder over ``places``) and ``frontwatch_claims_cyrillic``."""
    lexicon = load_cyrillic(language)
    nlp = spacy.blank(language)
    nlp.add_pipe("frontwatch_paragraphs")
    nlp.add_pipe("frontwatch_cyrillic_words", config={"language": language})
    finder = nlp.add_pipe("frontwatch_places")
    if not isinstance(finder, PlaceMentions):
        raise TypeError(f"frontwatch_places is a {type(finder).__name__}, not PlaceMentions")
    finder.finder = CyrillicPlaces(places, lexicon)
    nlp.add_pipe("frontwatch_claims_cyrillic", config={"language": language})
    return nlp


class CyrillicExtractor:
    """Claims of Ukrainian and Russian documents, one pipeline per language (built on use).

    ``places``: the places stage's finder (the English extractor's, so both read one index).
    """

    def __init__(self, places: PlaceFinder | None = None) -> None:
        self.places: PlaceFinder = places or GazetteerPlaces()
        self._nlp: dict[str, Language] = {}

    def nlp(self, language: str) -> Language:
        if language not in self._nlp:
            self._nlp[language] = build_cyrillic_nlp(language, self.places)
        return self._nlp[language]

    def extract_many(
        self, documents: Sequence[tuple[Document, str]], n_process: int = 1, batch_size: int = 32
    ) -> list[list[Claim]]:
        """The claims of each ``(document, language)``, in order."""
        return [read.claims for read in self.read_many(documents, n_process, batch_size)]

    def read_many(
        self, documents: Sequence[tuple[Document, str]], n_process: int = 1, batch_size: int = 32
    ) -> list[CyrillicRead]:
        """What was read of each ``(document, language)``, in order: the place mentions
        (stored like an English document's) and the claims."""
        out: dict[int, CyrillicRead] = {}
        for language in sorted({lang for _, lang in documents}):
            nlp = self.nlp(language)
            todo = [(i, d) for i, (d, lang) in enumerate(documents) if lang == language]
            docs = nlp.pipe(
                (_source_doc(nlp, d) for _, d in todo), batch_size=batch_size, n_process=n_process
            )
            for (i, _), doc in zip(todo, docs, strict=True):
                out[i] = _read(carried(doc, "mentions"), carried(doc, "claims"))
        return [out[i] for i in range(len(documents))]


@dataclass(frozen=True, slots=True)
class CyrillicRead:
    """What was read of one document; ``skipped`` says why nothing was ("" otherwise)."""

    mentions: list[Mention]
    claims: list[Claim]
    skipped: str = ""


def _read(mentions: list[Mention], claims: list[Claim]) -> CyrillicRead:
    if claims or any(m.place is not None for m in mentions):
        return CyrillicRead(mentions, claims)
    return CyrillicRead(mentions, claims, NO_PLACES)


def _source_doc(nlp: Language, document: Document) -> Doc:
    view = _visible(make_view(document.text))
    view = replace(view, text=fold_lookalikes(view.text))
    quotes = tuple(view.to_stored(q.start, q.end) for q in find_quotes(view, document.text))
    return attach_source(nlp.make_doc(view.text), Source(document, view, quotes))


def _visible(view: TextView) -> TextView:
    """``view`` without the invisible characters copied text hides inside words (soft
    hyphens, zero-width spaces and joiners, direction marks) and with combining marks put
    on their letter («й» typed as «и» and a breve) or dropped (stress marks: «Харкі́в»); each
    character kept keeps its stored offset."""
    chars: list[str] = []
    origin: list[int] = []
    for ch, at in zip(view.text, view.origin, strict=True):
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        if category == "Mn":
            if chars:
                joined = unicodedata.normalize("NFC", chars[-1] + ch)
                if len(joined) == 1:
                    chars[-1] = joined
            continue
        chars.append(ch)
        origin.append(at)
    if len(chars) == len(view.text):
        return view
    return TextView(text="".join(chars), origin=tuple(origin), stored_length=view.stored_length)
