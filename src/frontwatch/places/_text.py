"""Name normalisation shared by the alias builder, the index and the matcher.

A *key* is what two spellings of one name have in common: casefolded, NFKC,
apostrophes and dashes unified, Latin diacritics dropped, Russian ё read as е,
runs of spaces collapsed. "Куп’янськ", "Куп'янськ" and "КУП'ЯНСЬК" share a key.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`´‘′ʹ‛ʻʼ", "'"))
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
UKRAINIAN_ONLY = frozenset("ієїґІЄЇҐ")
RUSSIAN_ONLY = frozenset("ыэёъЫЭЁЪ")


def clean(text: str) -> str:
    """Drop control characters, unify apostrophes and dashes, collapse spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text).translate(_APOSTROPHES).translate(_DASHES)
    return _SPACE.sub(" ", text).strip()


def key(text: str) -> str:
    """The lookup key of a name (see the module docstring)."""
    text = clean(text).casefold().replace("ё", "е")
    if _LATIN.search(text):
        text = _strip_marks(text)
    return text


def _strip_marks(text: str) -> str:
    """Drop combining marks that sit on Latin letters (Şalālah -> Salalah), keep й, ї."""
    out: list[str] = []
    base_is_latin = False
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            if not base_is_latin:
                out.append(ch)
            continue
        base_is_latin = ch.isascii() or bool(_LATIN.match(ch))
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def script(text: str) -> str:
    """ "latin", "cyrillic", "mixed" or "other" for a name."""
    cyr = bool(_CYRILLIC.search(text))
    lat = bool(_LATIN.search(text))
    if cyr and lat:
        return "mixed"
    if cyr:
        return "cyrillic"
    return "latin" if lat else "other"


def is_ukrainian(text: str) -> bool:
    """True when a Cyrillic name has a letter only Ukrainian uses."""
    return any(ch in UKRAINIAN_ONLY for ch in text)


def is_russian(text: str) -> bool:
    """True when a Cyrillic name has a letter only Russian uses."""
    return any(ch in RUSSIAN_ONLY for ch in text)
