"""Loss totals: the figures of people and equipment a side lost, read from the parse.

A trigger frame ("destroyed N tanks") finds some losses; totals are mostly said without
one: "some 4,000 Ukrainian troops have died", "the enemy lost 520 personnel", "its
casualty count is put at 70,000", "the losses of the Russian army reached 9,300
personnel". ``loss_totals(sent, lex, speaker)``
gives, for every figure of people or items in a sentence whose clause holds a loss word
(``data/src/claims/losses.toml``), the side that lost it:

1. the counted phrase's own side ("4,000 Ukrainian troops");
2. else the subject of the clause where its verb states a loss of its own ("the enemy
   lost", "Russian losses amounted to") or the side opposite to the subject where the verb
   inflicts it ("Ukrainian forces destroyed 30 tanks");
3. else the side of the figure before it in the sentence, in the same unit ("4,000
   Ukrainian troops died and another 9,000 were wounded").

Civilians are never a side's losses; a figure with no side is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from frontwatch.claims.actors import opposite, phrase_tokens, side_of_tokens
from frontwatch.claims.attribution import stranded_speaker
from frontwatch.claims.lexicon import Lexicon
from frontwatch.claims.quantity import find_quantities, parse_number
from frontwatch.model import Quantity

__all__ = ["LossTotal", "loss_totals"]

#: How far up the parse a figure's clause is looked for.
_CLIMB = 4
_UNITS = frozenset({"people", "items"})
#: Verbs that only link a total to its owner: "losses amounted to", "figures stand at".
_LINKING = frozenset(
    {"be", "amount", "stand", "reach", "total", "exceed", "number", "top", "surpass", "put"}
)


@dataclass(frozen=True, slots=True)
class LossTotal:
    """A figure a side lost: the loss word (``cue``), the counted token, the amount, the side."""

    cue: Token
    counted: Token
    quantity: Quantity | None
    side: str


def loss_totals(sent: Span, lex: Lexicon, speaker: str | None) -> list[LossTotal]:
    """Every loss total of ``sent``, in text order."""
    out: list[LossTotal] = []
    for counted, quantity in _figures(sent, lex):
        if _civilian(counted, lex):
            continue
        cue = _cue(counted, lex)
        if cue is None or (out and _part_of_total(counted, lex)):
            continue
        side = _side(counted, lex, speaker)
        previous = out[-1].quantity if out else None
        if side is None and previous is not None and quantity.unit == previous.unit:
            side = out[-1].side  # "4,000 Ukrainian troops died and another 9,000 ..."
        if side in ("UA", "RU"):
            out.append(LossTotal(cue, counted, quantity, str(side)))
    return _equipment_lists(out)


def _equipment_lists(totals: list[LossTotal]) -> list[LossTotal]:
    """Figures of equipment listed together ("four infantry fighting vehicles and two pickup
    trucks") are one loss with no total, as the annotation guide counts a list with none."""
    out: list[LossTotal] = []
    for total in totals:
        last = out[-1] if out else None
        if (
            last is not None
            and _is_items(total)
            and (last.quantity is None or _is_items(last))
            and last.side == total.side
            and _listed_with(last.counted, total.counted)
        ):
            out[-1] = LossTotal(last.cue, last.counted, None, last.side)
            continue
        out.append(total)
    return out


def _is_items(total: LossTotal) -> bool:
    return total.quantity is not None and total.quantity.unit == "items"


def _listed_with(first: Token, later: Token) -> bool:
    """``later`` is a conjunct of ``first``'s list (directly or down a chain of conjuncts)."""
    tok = later
    for _ in range(8):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == first.i:
            return True
    return False


def _own_phrase(counted: Token) -> list[Token]:
    """The counted phrase without a speaker the parser hung on it ("20 guns, the General
    Staff of the Armed Forces of Ukraine said" names no side of the guns)."""
    tokens = phrase_tokens(counted)
    hung = stranded_speaker(counted.sent.root)
    if hung is None:
        return tokens
    cut = {t.i for t in hung.subtree}
    return [t for t in tokens if t.i not in cut]


def _part_of_total(counted: Token, lex: Lexicon) -> bool:
    """ "3,000 troops, including 1,200 killed": a figure under a word of inclusion."""
    parts = lex.losses.get("part_words", frozenset())
    near = [counted, *list(counted.ancestors)[:_CLIMB]]
    return any(tok.lower_ in parts or any(c.lower_ in parts for c in tok.children) for tok in near)


def _figures(sent: Span, lex: Lexicon) -> list[tuple[Token, Quantity]]:
    """(counted token, quantity) for each figure of people or items, and each bare figure
    that a casualty word counts ("a casualty count of 70,000")."""
    out: list[tuple[Token, Quantity]] = []
    covered: set[int] = set()
    base = sent.start_char
    for found in find_quantities(sent.text):
        span = sent.doc.char_span(base + found.start, base + found.end, alignment_mode="expand")
        if span is None:
            continue
        covered.update(t.i for t in span)
        if found.quantity.unit in _UNITS:
            out.append((span.root, found.quantity))
    for tok in sent:
        if tok.i in covered or not tok.like_num or _year_like(tok):
            continue
        counts = any(w.lemma_.lower() in lex.losses["bare_people"] for w in _clause_words(tok))
        subject = (
            tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in lex.losses["cues"]
        )
        if counts or subject:  # "a casualty count of 70,000"; "9,000 were wounded"
            value = parse_number(tok.text)
            if value is not None and value >= 1:
                out.append((tok, Quantity(value=value, unit="people")))
    return sorted(out, key=lambda pair: pair[0].i)


def _year_like(tok: Token) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and tok.text[:2] in ("19", "20")


def _ancestors(tok: Token) -> list[Token]:
    return list(tok.ancestors)[:_CLIMB]


def _clause_words(tok: Token) -> list[Token]:
    """The words above ``tok`` and their subjects and compounds: where a casualty word that
    counts a bare figure sits ("its casualty count is put at 70,000")."""
    out = _ancestors(tok)
    for up in list(out):
        for child in up.children:
            if child.dep_ in ("nsubj", "nsubjpass", "compound"):
                out.extend([child, *(c for c in child.children if c.dep_ == "compound")])
    return out


def _civilian(counted: Token, lex: Lexicon) -> bool:
    civilians = lex.losses["civilians"]
    words = {counted.lemma_.lower(), counted.lower_}
    words.update(c.lower_ for c in counted.children if c.dep_ in ("amod", "compound"))
    return bool(words & civilians)


def _cue(counted: Token, lex: Lexicon) -> Token | None:
    """The loss word of the figure's clause: the counted word itself, a word above it, or a
    word beside one of those."""
    cues = lex.losses["cues"]
    for tok in [counted, *_clause_words(counted)]:
        for cand in (tok, *tok.children):
            if cand.lemma_.lower() in cues or cand.lower_ in cues:
                return cand
    return None


def _side(counted: Token, lex: Lexicon, speaker: str | None) -> str | None:
    own = side_of_tokens(_own_phrase(counted), lex, speaker)
    if own is not None:
        return own
    verb = next((t for t in [counted, *_ancestors(counted)] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i == counted.i or counted.i in {t.i for t in subject.subtree}:
        return None
    side = side_of_tokens(phrase_tokens(subject), lex, speaker)
    lemma = verb.lemma_.lower()
    if lemma in lex.losses["own_loss_verbs"] or lemma in _LINKING:
        return side
    if subject.dep_ == "nsubj" and lemma in lex.losses["cues"]:
        return opposite(side)
    return None
