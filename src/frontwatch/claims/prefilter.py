"""The cheap pre-filter: which sentence-like pieces are worth parsing at all.

A piece is kept when it holds a trigger word (by stem, plus the irregular forms the
lexicon lists) and something a claim can be about: a capitalised name that is not a side
word ("Izium", not "Russian"), a word standing for a place ("the town", "it"), or a
number (losses and areas need no place), or a demonstrative right before the trigger ("that
supply line was cut": the place was named before). Triggers that only count in a sighting ("troops"
in "footage showed troops") are found by the sighting words instead. A piece next to a
kept one is kept too when it holds a word of saying, so that '"...," Ganchev said' in the
following sentence still attributes the quote. Nothing here parses: it is regular
expressions over the view's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontwatch.claims.lexicon import Lexicon
from frontwatch.read.segment import split_sentences

__all__ = [
    "MAX_PARSED",
    "MAX_SENTENCE",
    "Limited",
    "has_subject",
    "keep_pieces",
    "limit_pieces",
    "trigger_pattern",
]

#: A kept piece longer than this is no sentence of prose (a run-on list, a dump): not parsed.
MAX_SENTENCE = 1_500
#: Characters of kept pieces one report may have parsed; the rest is left unread, with a note.
MAX_PARSED = 40_000

MIN_STEM = 4
_CLOSERS = "\"')]”’»"
#: Particles and prepositions of phrasal triggers ("move in", "cut off"): no use for finding them.
_PARTICLES = frozenset(
    {
        "in",
        "on",
        "off",
        "out",
        "up",
        "down",
        "back",
        "to",
        "of",
        "for",
        "over",
        "through",
        "behind",
        "by",
        "from",
        "with",
        "into",
    }
)
_SAYING_EXTRA = ("according", "said", "says", "told", "wrote", "per", "citing")


def _stem(word: str) -> str:
    word = word.lower()
    if len(word) > MIN_STEM and word.endswith("e"):
        return word[:-1]
    if len(word) >= MIN_STEM and word.endswith("y"):  # "deny" -> "denied", "deploy" -> "deployed"
        return word[:-1]
    return word


@lru_cache(maxsize=4)
def trigger_pattern(lex: Lexicon) -> re.Pattern[str]:
    """One regular expression that finds any trigger word (start of a word, any inflection)."""
    specs = [spec for spec in lex.triggers if spec.needs != "seen"]
    stems = {_lemma_regex(lemma) for spec in specs for lemma in spec.lemmas}
    sighting = {re.escape(_stem(w)) for w in lex.seen_verbs | lex.stationed_verbs | lex.media_nouns}
    losses = {re.escape(_stem(w)) for w in lex.losses["cues"] if len(w) > 4}
    words = sorted(
        stems | sighting | losses | {re.escape(w) for w in lex.irregular_forms},
        key=len,
        reverse=True,
    )
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.IGNORECASE)


def _lemma_regex(lemma: str) -> str:
    """A word by its stem; a phrase as its word stems in order, any endings between."""
    words = [w for w in lemma.split() if w not in _PARTICLES] or lemma.split()
    if len(words) == 1:
        return re.escape(_stem(words[0]))
    return r"\w*\s+".join(re.escape(_stem(w)) for w in words)


_NAME = re.compile(r"(?<=[\w,;:)\]’'\"] )([A-Z][\w’'-]+)")
_FIRST = re.compile(r"\W*([A-Z][\w’'-]+)")
#: Words that start sentences without naming anything: a capitalised first word is a name otherwise.
_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "after",
        "before",
        "but",
        "and",
        "or",
        "as",
        "while",
        "when",
        "if",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "they",
        "we",
        "he",
        "she",
        "his",
        "her",
        "our",
        "their",
        "some",
        "many",
        "most",
        "all",
        "one",
        "by",
        "for",
        "from",
        "with",
        "during",
        "since",
        "however",
        "meanwhile",
        "earlier",
        "later",
        "also",
        "yet",
        "still",
        "so",
        "then",
        "now",
        "first",
        "second",
        "last",
        "according",
    ]
)
_NUMBER = re.compile(
    r"\d|\b(?:hundred|thousand|million|dozen|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)


@lru_cache(maxsize=4)
def _anaphor_pattern(lex: Lexicon) -> re.Pattern[str]:
    words = sorted(lex.locative_anaphors, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _pointing_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A trigger right after a demonstrative ("that supply line", "this offensive"): it points
    back to a place named before, so the piece is worth parsing without naming one."""
    inner = trigger_pattern(lex).pattern.removeprefix(r"\b")
    return re.compile(r"\b(?:that|this|these|those)\s+(?:\w+\s+)?" + inner, re.IGNORECASE)


def has_subject(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a piece names what a claim can be about: a place-like name or word, a number."""
    piece = text[start:end]
    if (
        _NUMBER.search(piece)
        or _anaphor_pattern(lex).search(piece)
        or _pointing_pattern(lex).search(piece)
    ):
        return True
    if any(_may_be_about(m.group(1), lex) for m in _NAME.finditer(piece)):
        return True
    first = _FIRST.match(piece)
    return (
        first is not None
        and first.group(1).lower() not in _STARTERS
        and _may_be_about(first.group(1), lex)
    )


def _may_be_about(name: str, lex: Lexicon) -> bool:
    """A name a claim can be about: not a side word, unless a capital ("Kyiv was shelled")."""
    low = name.lower()
    return low not in lex.sides or low in lex.capitals


@lru_cache(maxsize=4)
def _saying_pattern(lex: Lexicon) -> re.Pattern[str]:
    stems = {_stem(w) for w in lex.cue_verbs} | set(_SAYING_EXTRA)
    words = sorted(stems, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)


def keep_pieces(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of ``text`` worth parsing, in order: trigger pieces and attributing neighbours."""
    pieces = [(start, _past_closers(text, end)) for start, end in split_sentences(text)]
    triggers = trigger_pattern(lex)
    saying = _saying_pattern(lex)
    hot = [bool(triggers.search(text, s, e)) and has_subject(text, s, e, lex) for s, e in pieces]
    back = (_back_reference_pattern(lex), _pointing_pattern(lex))
    # a trigger piece that points back ("the city is in Russian hands", "that supply line
    # was cut") keeps the piece before it, where the place it points to was named
    named_before = [
        i + 1 < len(hot) and hot[i + 1] and any(p.search(text, *pieces[i + 1]) for p in back)
        for i in range(len(pieces))
    ]
    kept: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(pieces):
        near = (i > 0 and hot[i - 1]) or (i + 1 < len(hot) and hot[i + 1])
        if hot[i] or (near and saying.search(text, start, end)) or named_before[i]:
            kept.append((start, end))
    return kept


@lru_cache(maxsize=4)
def _back_reference_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Words that point back to a place named before: "the city", "the village", "there"."""
    nouns = sorted(w for w in lex.locative_anaphors if w not in ("it", "there", "place"))
    return re.compile(r"\b(?:the\s+(?:" + "|".join(nouns) + r")\b|there\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Limited:
    """The pieces to parse, and how many were left out as too long or over the budget."""

    pieces: list[tuple[int, int]]
    too_long: int = 0
    over_budget: int = 0

    def note(self) -> str:
        """Why some candidate sentences were not read ("" when all were)."""
        parts = []
        if self.too_long:
            parts.append(f"{self.too_long} longer than {MAX_SENTENCE} characters")
        if self.over_budget:
            parts.append(f"{self.over_budget} past the first {MAX_PARSED} characters")
        return f"candidate sentences not read: {'; '.join(parts)}" if parts else ""


def limit_pieces(pieces: list[tuple[int, int]]) -> Limited:
    """Bound what one report may cost to parse: no overlong piece, at most MAX_PARSED chars."""
    kept: list[tuple[int, int]] = []
    too_long = over_budget = used = 0
    for start, end in pieces:
        if end - start > MAX_SENTENCE:
            too_long += 1
        elif used + end - start > MAX_PARSED:
            over_budget += 1
        else:
            kept.append((start, end))
            used += end - start
    return Limited(kept, too_long, over_budget)


def _past_closers(text: str, end: int) -> int:
    """Extend a piece over the closing quotes and brackets right after it."""
    while end < len(text) and text[end] in _CLOSERS:
        end += 1
    return end
