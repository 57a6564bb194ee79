"""Polarity and modality of one trigger, read from the words above it in the parse.

From the trigger up to the cue of saying (or the sentence root):

- negation: a negating dependent ("not", "never") or a verb whose complement did not
  happen ("failed to encircle"); a cue of denial ("denied that ...") negates too;
- ``conditional``: "would", or an "if" clause ("If true, ...");
- ``predicted``: "will", "could", "may", a verb of expecting ("predicted that ...");
- ``unconfirmed``: the sentence says so ("unconfirmed footage", "could not be verified");
- ``reported``: a hedge adverb ("reportedly", "very likely"), a verb of seeming over a
  verbal trigger ("appeared to retreat"), or a cue that hedges ("claims that ...");
- intent: the trigger sits under a head of intention ("in a bid to retake", "operations to
  recapture"), so nothing happened yet; kinds that count attempts keep it.

Strongest wins: conditional > predicted > unconfirmed > reported > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwatch.claims.lexicon import Lexicon

__all__ = ["Reading", "denying_verb", "read_modality"]

_RANK = {"asserted": 0, "reported": 1, "unconfirmed": 2, "predicted": 3, "conditional": 4}
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "conj", "advcl", "acl", "relcl", "pcomp"})


@dataclass(frozen=True, slots=True)
class Reading:
    """``intent``: under a head of intention; ``attempt``: that head is an attempt ("tried
    to"); ``repelled``: a repelling verb governs the attempt ("repelled attempts to")."""

    polarity: str
    modality: str
    intent: bool
    attempt: bool = False
    repelled: bool = False


def read_modality(
    trigger: Token,
    sent: Span,
    lex: Lexicon,
    cue: int | None,
    cue_modality: str | None,
    cue_polarity: str | None,
) -> Reading:
    """Polarity, modality and intent of the claim ``trigger`` makes within ``sent``."""
    modality = cue_modality or "asserted"
    negated = cue_polarity == "negated"
    if cue is not None and _denied(trigger.doc[cue], lex):
        # "denied reports that X had been lost": the denier asserts it did not happen
        negated = not negated
        modality = "asserted"
    intent = any(
        c.dep_ in ("nsubj", "csubj") and c.lemma_.lower() in lex.words("intent", "heads")
        for c in trigger.children
    )
    verbal = trigger.pos_ in ("VERB", "AUX")
    attempt = repelled = False
    shielded = False
    for node, child in _path(trigger, cue):
        modality = _stronger(modality, _node_modality(node, child, verbal, lex))
        if not shielded:
            negated = negated != _negates(node, child, lex)
        # a noun that another trigger verb acts on ("did not succeed in breaking through
        # Ukrainian defences"): what is negated above is that verb's claim, not the noun's
        shielded = shielded or (child is not None and not verbal and _acts_on(node, trigger, lex))
        if not intent and child is not None and _is_intent(node, child, lex):
            intent = True
            attempt = node.lemma_.lower() in lex.words("intent", "attempt_heads")
            repelled = attempt and _repelled(node, lex)
        verbal = verbal and node.pos_ in ("VERB", "AUX")
    modality = _stronger(modality, _sentence_modality(sent, lex))
    return Reading("negated" if negated else "affirmed", modality, intent, attempt, repelled)


def _acts_on(node: Token, noun: Token, lex: Lexicon) -> bool:
    """``node`` is a verb of another trigger's kind, with ``noun`` below it."""
    if node.pos_ != "VERB" or node.i == noun.i:
        return False
    lemma = node.lemma_.lower()
    return any(
        "VERB" in spec.pos
        and spec.kind != "loss"
        and any(word == lemma or word.startswith(lemma + " ") for word in spec.lemmas)
        for spec in lex.triggers
    )


def _repelled(attempt: Token, lex: Lexicon) -> bool:
    """Whether a repelling verb takes the attempt as its object ("repelled attempts to")."""
    node = attempt
    if node.dep_ == "pobj":  # "beat off attempts": the particle's object
        node = node.head
    if node.dep_ not in ("dobj", "nsubjpass", "pobj", "prt"):
        return False
    return node.head.lemma_.lower() in lex.words("intent", "repel_verbs")


def _path(trigger: Token, cue: int | None) -> list[tuple[Token, Token | None]]:
    """(node, the child of node on the way up from trigger), from the trigger to below the cue."""
    path: list[tuple[Token, Token | None]] = [(trigger, None)]
    child = trigger
    for node in trigger.ancestors:
        if (cue is not None and node.i == cue) or _finite_relative(child):
            break
        path.append((node, child))
        child = node
    return path


def _finite_relative(clause: Token) -> bool:
    """A relative clause asserts on its own ("X, which Russian forces captured"); an infinitive
    the parser calls one states a purpose ("an assault to dislodge the defenders")."""
    return clause.dep_ == "relcl" and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def _node_modality(node: Token, child: Token | None, verbal: bool, lex: Lexicon) -> str:
    found = "asserted"
    for dep in node.children:
        low = dep.lower_
        if dep.dep_ == "aux" and low in lex.words("conditional", "auxiliaries"):
            found = _stronger(found, "conditional")
        elif dep.dep_ == "aux" and low in lex.words("predicted", "auxiliaries"):
            found = _stronger(found, "predicted")
        elif dep.dep_ == "mark" and low in lex.words("conditional", "marks"):
            found = _stronger(found, "conditional")
        elif dep.dep_ == "advmod" and low in lex.words("hedge", "adverbs"):
            found = _stronger(found, "reported")
        elif _predicts(dep, lex):
            found = _stronger(found, "predicted")
    lemma = node.lemma_.lower()
    if child is not None and verbal and lemma in lex.words("hedge", "verbs"):
        found = _stronger(found, "reported")
    if child is not None and node.pos_ == "ADJ" and lemma in lex.words("hedge", "adjectives"):
        found = _stronger(found, "reported")
    if _extraposed(node, child, lex, "hedge", "adjectives") is not None:
        found = _stronger(found, "reported")  # "It is likely that ..."
    if child is not None and lemma in lex.words("predicted", "verbs"):
        found = _stronger(found, "predicted")
    return found


def _predicts(dep: Token, lex: Lexicon) -> bool:
    """ "soon", or a modifier of an operation still to come ("an expected offensive")."""
    if dep.dep_ == "advmod":
        return dep.lower_ in lex.words("predicted", "adverbs")
    return dep.dep_ in ("amod", "compound") and dep.lower_ in lex.words("predicted", "adjectives")


def _denied(cue: Token, lex: Lexicon) -> bool:
    """A cue noun that a denying verb takes as its object ("denied reports", "rejected the
    claim")."""
    return cue.pos_ in ("NOUN", "PROPN") and denying_verb(cue, lex) is not None


def denying_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The verb that denies what ``noun`` says: "denied reports", "rejected the claim",
    "dismissed as false claims that ..." (the parser makes the claims the object of "as")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "as" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    return verb if verb.lemma_.lower() in lex.words("negation", "object_verbs") else None


def _extraposed(
    node: Token, child: Token | None, lex: Lexicon, table: str, key: str
) -> Token | None:
    """The adjective of "It is ADJ that <child>" when it is in ``lex.words(table, key)``."""
    if child is None or child.dep_ != "ccomp":
        return None
    words = lex.words(table, key)
    return next((c for c in node.children if c.dep_ == "acomp" and c.lemma_.lower() in words), None)


def _negates(node: Token, child: Token | None, lex: Lexicon) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in node.children):
        return True
    if _extraposed(node, child, lex, "negation", "verbs") is not None:
        return True  # "It is unlikely that ..."
    if child is not None and child.dep_ in ("xcomp", "ccomp"):
        return node.lemma_.lower() in lex.words("negation", "verbs") | lex.words(
            "negation", "object_verbs"
        )
    return False


def _is_intent(node: Token, child: Token, lex: Lexicon) -> bool:
    """True when ``child`` completes a head of intention ("bid to", "plan to", "threat of")."""
    heads = lex.words("intent", "heads")
    if node.lemma_.lower() not in heads and node.lower_ not in heads:  # "hopes" -> "hop"
        return False
    if child.dep_ == "prep":
        return child.lower_ in ("of", "for")
    return child.dep_ in _CLAUSE_LINKS or child.dep_ in ("pobj", "dobj")


def _sentence_modality(sent: Span, lex: Lexicon) -> str:
    return _sentence_modality_cached(sent.doc, sent.start, sent.end, lex)


@lru_cache(maxsize=256)
def _sentence_modality_cached(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    sent = doc[start:end]
    text = sent.text.lower()
    if any(text.startswith(p) for p in lex.words("conditional", "phrases")):
        return "conditional"
    if any(t.lower_ in lex.words("unconfirmed", "words") for t in sent):
        return "unconfirmed"
    if _not_verified(sent, lex):
        return "unconfirmed"
    return "asserted"


def _not_verified(sent: Span, lex: Lexicon) -> bool:
    verbs = lex.words("unconfirmed", "verbs")
    return any(t.lemma_.lower() in verbs and any(c.dep_ == "neg" for c in t.children) for t in sent)


def _stronger(a: str, b: str) -> str:
    return a if _RANK.get(a, 0) >= _RANK.get(b, 0) else b
