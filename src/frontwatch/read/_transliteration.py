"""Russian or Ukrainian written in Latin letters ("VSU otoshli ot Kupyanska").

A Latin word is written back in Cyrillic by every reading the transliteration table
(``data/read/transliteration.tsv``) allows, and pymorphy3's dictionary of the language says
whether one of them is a word. Most words of a transliterated text are then words of the
language; words of other Latin-script languages seldom are, since their letter sequences
("troupes", "haben", "withdraws") spell no Russian or Ukrainian word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pymorphy3

__all__ = ["Transliterated", "is_word", "transliterated"]

LANGUAGES = ("ru", "uk")
MIN_WORDS = 2  # fewer checked words say nothing
MIN_SHARE = 0.6  # of the checked words, the share that must be words of the language
MIN_LENGTH = 3  # shorter words ("to", "na", "ot") are words in too many languages
MAX_READINGS = 64  # per word: ambiguous letters multiply the readings
_WORD = re.compile(r"[A-Za-z]+")
_NAMES = {"ru": "Russian", "uk": "Ukrainian"}


@dataclass(frozen=True, slots=True)
class Transliterated:
    """``known`` of ``words`` checked words read as words of ``language`` in Cyrillic."""

    language: str
    known: int
    words: int

    @property
    def share(self) -> float:
        return self.known / self.words

    def describe(self) -> str:
        name = _NAMES[self.language]
        return (
            f"Latin-script {name} (transliterated): {self.known} of {self.words} words"
            f" are {name} words when written in Cyrillic"
        )


def transliterated(text: str) -> Transliterated | None:
    """The language ``text`` transliterates, or None where it does not read as Russian or
    Ukrainian in Latin letters."""
    words = [w.lower() for w in _WORD.findall(text) if len(w) >= MIN_LENGTH]
    if len(words) < MIN_WORDS:
        return None
    best = max(
        (Transliterated(lang, _known(words, lang), len(words)) for lang in LANGUAGES),
        key=lambda t: t.known,
    )
    return best if best.share >= MIN_SHARE else None


def is_word(word: str, language: str) -> bool:
    """Whether pymorphy3's dictionary of ``language`` (``ru`` or ``uk``) holds ``word``."""
    return bool(_analyzer(language).word_is_known(word.lower()))


def _known(words: list[str], language: str) -> int:
    analyzer = _analyzer(language)
    return sum(1 for w in words if any(map(analyzer.word_is_known, readings(w, language))))


def readings(word: str, language: str) -> list[str]:
    """``word`` (lower-case Latin) in Cyrillic, every way the table allows (at most
    ``MAX_READINGS``); none where a letter has no reading."""
    table = _table(language)
    longest = max(map(len, table))
    ends: dict[int, list[str]] = {len(word): [""]}
    for start in range(len(word) - 1, -1, -1):
        found: list[str] = []
        for size in range(longest, 0, -1):  # digraphs first: they survive the cap
            spelled = table.get(word[start : start + size], ())
            tails = ends.get(start + size, []) if spelled else []
            found += [head + tail for head in spelled for tail in tails]
        ends[start] = found[:MAX_READINGS]
    return ends[0]


@lru_cache(maxsize=2)
def _table(language: str) -> dict[str, tuple[str, ...]]:
    path = resources.files("frontwatch").joinpath("data", "read", "transliteration.tsv")
    table: dict[str, tuple[str, ...]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lang, latin, cyrillic = line.split("\t")
        if lang == language:
            table[latin] = tuple(cyrillic.split("|"))
    return table


@lru_cache(maxsize=2)
def _analyzer(language: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=language)
