"""The Ukrainian and Russian trigger tables, and the morphology that matches them.

Tables come from the built lexicon (``data/claims/lexicon.json``, ``cyrillic`` -> language;
sources ``data/src/claims/triggers_<lang>.toml``). Words are matched by their pymorphy3 normal
forms: every reading of a word counts (pymorphy3 may put the right one second), and a reading
as a passive participle is remembered, since "окуповані території" names no capture.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import pymorphy3

from frontwatch.errors import ConfigError

__all__ = [
    "CYRILLIC",
    "CyrillicLexicon",
    "Trigger",
    "Word",
    "analyse",
    "inflections",
    "load_cyrillic",
]

#: The languages with a trigger table.
CYRILLIC = frozenset({"uk", "ru"})
#: Full (attributive) participles; a short one («освобождены») is a predicate and counts.
_PARTICIPLE = frozenset({"PRTF"})
_PERSON = frozenset({"Name", "Surn", "Patr"})
_VERBAL = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger entry: lemma phrases that make a claim of ``kind``; see the TOML's notes."""

    kind: str
    side: str
    phrases: tuple[tuple[str, ...], ...]
    regain: bool = False
    fallback: str = ""
    also_negated: str = ""
    needs_number: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class CyrillicLexicon:
    """One language's table; compared by identity."""

    language: str
    triggers: tuple[Trigger, ...]
    words: dict[str, frozenset[str]]
    sides: dict[tuple[str, ...], str]
    enemy_default: str
    own_default: str
    #: The side a report in this language speaks for where nothing else says ("" none).
    language_side: str
    speaker_domains: dict[str, tuple[str, ...]]
    table: dict[str, Any]

    def has(self, name: str, word: Word) -> bool:
        """Whether ``word`` (its text or any lemma) is in the word list ``name``."""
        found = self.words[name]
        return word.lower in found or any(lemma in found for lemma in word.lemmas)


@dataclass(frozen=True, slots=True)
class Word:
    """What pymorphy3 says of one word: its lemmas (best first) and which are participles."""

    lower: str
    lemmas: tuple[str, ...]
    participles: frozenset[str]
    person: bool
    toponym: bool
    known: bool
    adjective: bool
    plural: bool = False
    #: Some reading of it is a first name, surname or patronymic (the best may be another).
    name_like: bool = False
    #: Some reading of it is a verb (finite, infinitive, participle or gerund).
    verb: bool = False


def load_cyrillic(language: str) -> CyrillicLexicon:
    """The table of ``language`` (``uk`` or ``ru``); ConfigError for another."""
    if language not in CYRILLIC:
        raise ConfigError(f"no Cyrillic trigger table for language {language!r}")
    return _load(language)


@cache
def _load(language: str) -> CyrillicLexicon:
    path = resources.files("frontwatch") / "data" / "claims" / "lexicon.json"
    try:
        table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["cyrillic"][language]
    except (OSError, KeyError, ValueError) as exc:
        raise ConfigError(f"{path}: no usable 'cyrillic' table for {language!r}: {exc}") from exc
    lists = {k: frozenset(v) for k, v in table.items() if isinstance(v, list) and k != "triggers"}
    return CyrillicLexicon(
        language=language,
        triggers=tuple(_trigger(t) for t in table["triggers"]),
        words=lists,
        sides={
            tuple(word.split()): party for party, words in table["sides"].items() for word in words
        },
        enemy_default=str(table["enemy_default"]),
        own_default=str(table["own_default"]),
        language_side=str(table.get("language_side", "")),
        speaker_domains={k: tuple(v) for k, v in table["speaker_domains"].items()},
        table=table,
    )


def _trigger(entry: dict[str, Any]) -> Trigger:
    return Trigger(
        kind=str(entry["kind"]),
        side=str(entry["side"]),
        phrases=tuple(tuple(p.split()) for p in entry["lemmas"]),
        regain=bool(entry["regain"]),
        fallback=str(entry["fallback"]),
        also_negated=str(entry["also_negated"]),
        needs_number=bool(entry["needs_number"]),
    )


@cache
def _analyzer(language: str) -> Any:
    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=65_536)
def analyse(language: str, text: str) -> Word:
    """The readings of one word (apostrophes straightened, so «Куп’янськ» reads as typed)."""
    lower = text.lower().replace("’", "'").replace("ʼ", "'")
    if not any(ch.isalpha() for ch in lower):
        return Word(lower, (lower,), frozenset(), False, False, False, False)
    parses = _analyzer(language).parse(lower)
    lemmas: list[str] = []
    participles: set[str] = set()
    for parse in parses:
        lemma = str(parse.normal_form).replace("’", "'")
        if lemma not in lemmas:
            lemmas.append(lemma)
        tag = parse.tag
        if tag.POS in _PARTICIPLE or ("pssv" in tag and tag.POS == "ADJF"):
            participles.add(lemma)
            participles.update(_verb_of(parse))
    best = parses[0].tag if parses else None
    return Word(
        lower=lower,
        lemmas=tuple(lemmas) or (lower,),
        participles=frozenset(participles),
        person=best is not None and bool(_PERSON & set(best.grammemes)),
        toponym=any("Geox" in p.tag.grammemes for p in parses),
        known=any(p.is_known for p in parses),
        adjective=best is not None and best.POS == "ADJF",
        plural=best is not None and "plur" in best.grammemes,
        name_like=any(_PERSON & set(p.tag.grammemes) for p in parses),
        verb=best is not None and best.POS in _VERBAL,
    )


def _verb_of(parse: Any) -> list[str]:
    """The verb a participle comes from (pymorphy3's infinitive of it), where it has one."""
    try:
        verb = parse.inflect({"INFN"})
    except (ValueError, KeyError):
        return []
    return [str(verb.word)] if verb is not None else []


@lru_cache(maxsize=16_384)
def inflections(language: str, text: str, gender: str, noun: bool = False) -> tuple[str, ...]:
    """``text`` in the nominative singular of ``gender``, one form a reading: its adjective
    readings (``noun``: its noun readings of that gender, as they are)."""
    out: list[str] = []
    for parse in _analyzer(language).parse(text.lower()):
        tag = parse.tag
        if noun:
            if tag.POS == "NOUN" and tag.gender == gender:
                out.append(str(parse.normal_form))
            continue
        if tag.POS not in ("ADJF", "PRTF"):
            continue
        form = parse.inflect({"nomn", "sing", gender})
        if form is not None:
            out.append(str(form.word))
    return tuple(dict.fromkeys(out))


def plurals(language: str, text: str) -> tuple[str, ...]:
    """``text`` in the nominative plural, one form a plural noun or adjective reading: the
    name of a place that has only a plural («Кринок», «Кринках» -> «кринки»; «Малих
    Щербаках» -> «малі щербаки»)."""
    out: list[str] = []
    for parse in _analyzer(language).parse(text.lower()):
        tag = parse.tag
        if tag.POS not in ("NOUN", "ADJF") or "plur" not in tag:
            continue
        form = parse.inflect({"nomn", "plur"})
        if form is not None:
            out.append(str(form.word))
    return tuple(dict.fromkeys(out))
