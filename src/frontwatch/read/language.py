"""Language identification: which language a document (or one Telegram message) is in.

Script first, then a statistical detector on the script's own languages. English prose is
still recognised by its function-word density (cheap, and the claims stage's English
decisions stay what they were); text in another Latin-script language, and every Cyrillic
text, is named by ``lingua`` (lingua-language-detector, Apache-2.0), whose n-gram models ship
inside its wheel, so nothing is downloaded. It is restricted to the languages we route or
must tell apart from them: among Cyrillic texts Ukrainian, Russian, Belarusian, Bulgarian,
Macedonian and Serbian, so that a Ukrainian post is not read as Russian or the
reverse, and a Bulgarian one is neither. A Cyrillic line too short for that (a Telegram post
of a few words) is Ukrainian or Russian: by the letters only one of them writes, else by
the words only one of pymorphy3's two dictionaries holds, else by lingua between the two.
Latin-script text that spells Russian or Ukrainian words (transliteration, "VSU otoshli ot
Kupyanska") is named as such, ``ru-Latn`` or ``uk-Latn``, not as whichever Latin-script
language lingua finds nearest. Every answer carries a reason a user can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from frontwatch._words import word_list
from frontwatch.read._transliteration import is_word, transliterated

__all__ = [
    "CYRILLIC_LANGUAGES",
    "LATIN_LANGUAGES",
    "LanguageGuess",
    "detect_language",
    "fold_lookalikes",
]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_EN_FUNCTION = word_list("read", "english_function_words.txt")
MIN_LETTERS = 20
MIN_EN_DENSITY = 0.12
#: Below this confidence lingua's best guess is reported as ``und`` ("unclear").
MIN_CONFIDENCE = 0.5
#: Cyrillic-script languages told apart (ISO 639-1).
CYRILLIC_LANGUAGES = ("uk", "ru", "be", "bg", "mk", "sr")
#: Latin-script languages named when a text is not English prose.
LATIN_LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "pt", "nl", "cs", "ro", "tr", "sv")
_UK_RU = ("uk", "ru")
#: Letters one of the two writes and the other does not: a short line's surest sign.
_ONLY_UK = frozenset("іїєґ")
_ONLY_RU = frozenset("ыэъё")
#: Letters of the other Cyrillic languages that Ukrainian and Russian never write.
_OWN_LETTERS = {"mk": frozenset("ѓќѕљњџј"), "sr": frozenset("ђћљњџј"), "be": frozenset("ў")}
#: Below this, lingua's choice between Ukrainian and Russian on a short line yields to the
#: source's declared language.
SHORT_CLEAR = 0.7


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """``code`` is an ISO 639-1 code or ``und``; ``reason`` says how it was decided."""

    code: str
    confidence: float
    reason: str


def detect_language(text: str, declared: str | None = None) -> LanguageGuess:
    """Guess the language of ``text``; ``declared`` (the source's own tag) breaks ties.
    Latin look-alike letters inside Cyrillic words count as the Cyrillic ones."""
    text = fold_lookalikes(text)
    letters = [ch for ch in text if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") / max(1, len(letters))
    if len(letters) < MIN_LETTERS:
        if cyrillic > 0.5:
            return _short_cyrillic(text, letters, declared)
        return _transliteration(text) or _too_short(declared, len(letters))
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f") / len(letters)
    if cyrillic > 0.5:
        return _cyrillic(text, f"{cyrillic:.0%} Cyrillic")
    if latin < 0.5:
        return LanguageGuess("und", 0.6, f"only {latin:.0%} of letters are Latin or Cyrillic")
    return _latin(text)


def _cyrillic(text: str, why: str) -> LanguageGuess:
    """lingua among the Cyrillic languages; where it names one whose own letters the text
    never writes (Macedonian without «ѓ», «ј», «љ»...; lingua's n-grams drift on repetitive
    lists), Ukrainian or Russian between the two instead."""
    guess = _named(text, CYRILLIC_LANGUAGES, why)
    own = _OWN_LETTERS.get(guess.code)
    if own is None or own & set(text.lower()):
        return guess
    between = _named(text, _UK_RU, f"{why}; no letter of {guess.code!r} in it")
    return between if between.code in _UK_RU else guess


def _short_cyrillic(text: str, letters: list[str], declared: str | None) -> LanguageGuess:
    """A short Cyrillic text (a Telegram line, «Взяли Кліщіївку»): Ukrainian or Russian, by
    the letters only one of them writes, else by the words only one of their dictionaries
    holds, else by lingua between the two (the declared language where lingua is unsure).
    Too few letters to tell Belarusian, Bulgarian and the rest apart: those are not routed."""
    lower = {ch.lower() for ch in letters}
    only_uk, only_ru = sorted(lower & _ONLY_UK), sorted(lower & _ONLY_RU)
    count = f"only {len(letters)} letters, Cyrillic"
    if only_uk and not only_ru:
        return LanguageGuess(
            "uk", 0.9, f"{count}; letters only Ukrainian writes: {''.join(only_uk)}"
        )
    if only_ru and not only_uk:
        return LanguageGuess("ru", 0.9, f"{count}; letters only Russian writes: {''.join(only_ru)}")
    by_words = _by_dictionary(text)
    if by_words is not None:
        return LanguageGuess(by_words[0], 0.8, f"{count}; {by_words[1]}")
    values = _detector(_UK_RU).compute_language_confidence_values(text)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    name = best.language.name.lower()
    why = f"{count}; lingua between Ukrainian and Russian: {name} {best.value:.2f}"
    tag = (declared or "").lower()[:2]
    if best.value < SHORT_CLEAR and tag in _UK_RU and tag != code:
        return LanguageGuess(tag, best.value, f"{why}, unclear; kept the declared {tag!r}")
    return LanguageGuess(code, best.value, why)


def _by_dictionary(text: str) -> tuple[str, str] | None:
    """Ukrainian or Russian by the words only one of the two dictionaries holds ("наши" is
    Russian, "наші" Ukrainian), with the reason; None where they do not decide."""
    words = [w.lower() for w in _WORD.findall(text)]
    only = {
        lang: [w for w in words if is_word(w, lang) and not is_word(w, other)]
        for lang, other in (("uk", "ru"), ("ru", "uk"))
    }
    if len(only["uk"]) == len(only["ru"]):
        return None
    lang = "uk" if len(only["uk"]) > len(only["ru"]) else "ru"
    name = "Ukrainian" if lang == "uk" else "Russian"
    return lang, f"words only {name} has: {', '.join(only[lang])}"


def _too_short(declared: str | None, count: int) -> LanguageGuess:
    code = declared.lower()[:2] if declared and declared.lower() != "und" else "und"
    return LanguageGuess(code, 0.3, f"only {count} letters; kept the declared language {code!r}")


def _latin(text: str) -> LanguageGuess:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return LanguageGuess("und", 0.3, "no words")
    density = sum(1 for w in words if w in _EN_FUNCTION) / len(words)
    if density >= MIN_EN_DENSITY:
        return LanguageGuess("en", min(1.0, density * 3), f"English function words {density:.0%}")
    found = _transliteration(text)
    if found is not None:
        return found
    guess = _named(text, LATIN_LANGUAGES, f"English function words only {density:.0%}")
    if guess.code == "en":  # lingua's English without the function words: headline-like text
        return LanguageGuess("und", 0.5, guess.reason)
    return guess


def _transliteration(text: str) -> LanguageGuess | None:
    """``ru-Latn`` or ``uk-Latn`` where ``text`` is Russian or Ukrainian in Latin letters."""
    found = transliterated(text)
    if found is None:
        return None
    return LanguageGuess(f"{found.language}-Latn", found.share, found.describe())


def _named(text: str, codes: tuple[str, ...], why: str) -> LanguageGuess:
    """lingua's verdict among ``codes``, or ``und`` where its best is not sure enough."""
    values = _detector(codes).compute_language_confidence_values(text)
    if not values:
        return LanguageGuess("und", 0.0, f"{why}; no language model fits")
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    share = f"{why}; lingua: {best.language.name.lower()} {best.value:.2f}"
    if best.value < MIN_CONFIDENCE:
        return LanguageGuess("und", best.value, f"{share}, unclear")
    return LanguageGuess(code, best.value, share)


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    return LanguageDetectorBuilder.from_languages(*languages).build()


#: Latin letters that look like Cyrillic ones (Unicode confusables): text copied between
#: channels mixes them into Cyrillic words («Хaрків» with a Latin a), read as the Cyrillic
#: letter. One letter for one, so every offset stays where it was.
_LOOKALIKES = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
_WORD_RUN = re.compile(r"\w+")


def fold_lookalikes(text: str) -> str:
    """``text`` with the Latin look-alike letters of each word that mixes Latin and Cyrillic
    letters made Cyrillic; words in one script are left as they are (same length)."""
    return _WORD_RUN.sub(_fold_word, text)


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    if word.isascii() or not any(ch.isascii() and ch.isalpha() for ch in word):
        return word
    if not any("\u0400" <= ch <= "\u04ff" for ch in word):
        return word
    return word.translate(_LOOKALIKES)
