"""Cheap language identification: script counts plus English function-word density.

No model and no download: the claims stage only reads English for now, so the question
is "is this English prose?", answered with a reason a user can read. Cyrillic text is
told apart as Ukrainian or Russian by letters only one of the two alphabets has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwatch._words import word_list

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_EN_FUNCTION = word_list("read", "english_function_words.txt")
_UK_ONLY = frozenset("іїєґ")
_RU_ONLY = frozenset("ыэъё")
MIN_LETTERS = 20
MIN_EN_DENSITY = 0.12


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """``code`` is an ISO 639-1 code or ``und``; ``reason`` says how it was decided."""

    code: str
    confidence: float
    reason: str


def detect_language(text: str, declared: str | None = None) -> LanguageGuess:
    """Guess the language of ``text``; ``declared`` (the source's own tag) breaks ties."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return _too_short(declared, len(letters))
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") / len(letters)
    latin = sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f") / len(letters)
    if cyrillic > 0.5:
        return _cyrillic(text.lower(), cyrillic)
    if latin < 0.5:
        return LanguageGuess("und", 0.6, f"only {latin:.0%} of letters are Latin or Cyrillic")
    return _latin(text, latin)


def _too_short(declared: str | None, count: int) -> LanguageGuess:
    code = (declared or "und").lower()[:2] or "und"
    return LanguageGuess(code, 0.3, f"only {count} letters; kept the declared language {code!r}")


def _cyrillic(lowered: str, share: float) -> LanguageGuess:
    uk = sum(lowered.count(ch) for ch in _UK_ONLY)
    ru = sum(lowered.count(ch) for ch in _RU_ONLY)
    if uk > ru:
        return LanguageGuess("uk", share, f"{share:.0%} Cyrillic, {uk} letters only Ukrainian uses")
    if ru > uk:
        return LanguageGuess("ru", share, f"{share:.0%} Cyrillic, {ru} letters only Russian uses")
    return LanguageGuess("und", share / 2, f"{share:.0%} Cyrillic, Ukrainian or Russian unclear")


def _latin(text: str, share: float) -> LanguageGuess:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return LanguageGuess("und", 0.3, "no words")
    density = sum(1 for w in words if w in _EN_FUNCTION) / len(words)
    if density >= MIN_EN_DENSITY:
        return LanguageGuess("en", min(1.0, density * 3), f"English function words {density:.0%}")
    return LanguageGuess(
        "und", 0.5, f"Latin script but English function words only {density:.0%} of words"
    )
