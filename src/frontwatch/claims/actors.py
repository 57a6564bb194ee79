"""Sides of actors: which party a noun phrase names ("Kyiv's forces" -> UA, "the enemy").

A phrase takes the side of the first actor word it holds (single words or word sequences:
the names of a conflict's parties from its profile in ``data/src/conflicts/``, the generic
words from ``data/src/claims/actors.toml``); at one word, the longest sequence wins, so "the
Russian Volunteer Corps" is the unit's side, not the adjective's. "we"/"our" stand for the
speaker's side and "the enemy" for the side opposite the speaker's, so both need the
speaker's side to resolve.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from frontwatch.claims.lexicon import Lexicon, load_lexicon

__all__ = [
    "FURNITURE_END",
    "MAX_PHRASE",
    "furniture",
    "opposite",
    "phrase_tokens",
    "side_of_tokens",
]

MAX_PHRASE = 4
#: ``doc.user_data`` key of the index of the first token past a report's furniture (its
#: dateline, "KYIV, Ukraine (AP) —"): the tokens before it name where the report was filed,
#: never an actor, though the parser may hang them on a verb as its subject.
FURNITURE_END = "frontwatch:furniture_end"
_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis"})


def opposite(side: str | None) -> str | None:
    """The other party of the war in the default conflict's profile, or None for a side that
    has none (with a lexicon at hand, ``lex.opposite`` reads the lexicon's own conflict)."""
    return load_lexicon().opposite(side)


def furniture(tok: Token) -> bool:
    """Whether ``tok`` is part of the report's furniture (see :data:`FURNITURE_END`)."""
    end: int = tok.doc.user_data.get(FURNITURE_END, 0)
    return tok.i < end


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``, without its clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _SKIP_DEPS and not furniture(c))
    return sorted(out, key=lambda t: t.i)


def side_of_tokens(tokens: Sequence[Token], lex: Lexicon, speaker: str | None = None) -> str | None:
    """The side of the first actor word in ``tokens`` (``UA``, ``RU``, ``other``), or None."""
    words = [t.lower_ for t in tokens]
    for i, tok in enumerate(tokens):
        if furniture(tok):
            continue
        side = _side_at(words, i, tok, lex, speaker)
        if side is not None:
            return side
    return None


def _side_at(words: list[str], i: int, tok: Token, lex: Lexicon, speaker: str | None) -> str | None:
    for size in range(min(MAX_PHRASE, len(words) - i), 1, -1):
        side = lex.sides.get(" ".join(words[i : i + size]))
        if side is not None:
            return side
    word = words[i]
    if word.removesuffix("'s") in lex.capitals and _names_an_area(tok, lex):
        return None  # "drones over the Kyiv region": the city's land, not its government
    if word in lex.speaker_side:
        return speaker if lex.opposite(speaker) is not None else None
    if word in lex.opposite_side or tok.lemma_.lower() in lex.opposite_side:
        return lex.opposite(speaker)
    return lex.sides.get(word) or lex.sides.get(word.removesuffix("'s"))


def _names_an_area(tok: Token, lex: Lexicon) -> bool:
    """A capital's name as a place: it modifies an area noun ("the Kyiv region", "Moscow's
    suburbs", "the Kyiv, Zhytomyr and Vinnytsia regions")."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ in ("compound", "nmod", "poss", "amod") and head.head.i != head.i:
        return head.head.lemma_.lower() in lex.area_nouns
    return False
