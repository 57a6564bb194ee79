"""The cheap pre-filter: which sentence-like pieces are worth parsing at all.

A piece is kept when it holds a trigger word (by stem, plus the irregular forms the
lexicon lists); a piece next to a kept one is kept too when it holds a word of saying,
so that '"...," Ganchev said' in the following sentence still attributes the quote.
Nothing here parses: it is regular expressions over the view's text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from frontwatch.claims.lexicon import Lexicon
from frontwatch.read.segment import split_sentences

__all__ = ["keep_pieces", "trigger_pattern"]

MIN_STEM = 4
_SAYING_EXTRA = ("according", "said", "says", "told", "wrote", "per", "citing")


def _stem(word: str) -> str:
    word = word.lower()
    if len(word) > MIN_STEM and word.endswith("e"):
        return word[:-1]
    if len(word) > MIN_STEM and word.endswith("y"):
        return word[:-1]
    return word


@lru_cache(maxsize=4)
def trigger_pattern(lex: Lexicon) -> re.Pattern[str]:
    """One regular expression that finds any trigger word (start of a word, any inflection)."""
    stems = {_stem(w) for spec in lex.triggers for lemma in spec.lemmas for w in lemma.split()}
    words = sorted(stems | set(lex.irregular_forms), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)


@lru_cache(maxsize=4)
def _saying_pattern(lex: Lexicon) -> re.Pattern[str]:
    stems = {_stem(w) for w in lex.cue_verbs} | set(_SAYING_EXTRA)
    words = sorted(stems, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)


def keep_pieces(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of ``text`` worth parsing, in order: trigger pieces and their attributing neighbours."""
    pieces = split_sentences(text)
    triggers = trigger_pattern(lex)
    saying = _saying_pattern(lex)
    hot = [bool(triggers.search(text, s, e)) for s, e in pieces]
    kept: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(pieces):
        near = (i > 0 and hot[i - 1]) or (i + 1 < len(hot) and hot[i + 1])
        if hot[i] or (near and saying.search(text, start, end)):
            kept.append((start, end))
    return kept
