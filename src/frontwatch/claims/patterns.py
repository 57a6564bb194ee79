"""Claim patterns over the dependency parse: triggers, the side that acts, the places meant.

A trigger is a word (or word sequence) of the trigger lexicon with an allowed part of
speech. Around it, in the parse:

- its *scope* is its own clause: a verb with its arguments (not the clauses hanging off
  it), a noun with its modifiers; a noun carried by a light verb ("launched a
  counter-offensive near X") shares that verb's clause;
- its *side* comes from the argument the lexicon names (subject or "by" agent, the owner
  of a noun, the object, the object of a preposition), read through actor words;
- its *places* are the place mentions in its scope, else in the clause above (or the noun
  a relative clause describes); "the town", "the area", "it" stand for the last place
  named before; a place named only as a reference point ("35 km from X") is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from frontwatch.claims.actors import furniture, opposite, phrase_tokens, side_of_tokens
from frontwatch.claims.lexicon import Lexicon, TriggerSpec

__all__ = [
    "Hit",
    "find_hits",
    "holds",
    "names_a_grouping",
    "names_a_vessel",
    "place_subject",
    "prep_side",
    "scope",
    "side_for",
]

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "parataxis", "relcl", "csubj", "acl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CONTROL_FRAME = frozenset(
    {
        "in",
        "into",
        "under",
        "take",
        "gain",
        "regain",
        "seize",
        "establish",
        "assume",
        "have",
        "retain",
        "keep",
        "restore",
        "maintain",
        "back",
        "wrest",
        "secure",
    }
)
_FLAG_VERBS = frozenset({"return", "raise", "hoist", "fly", "plant", "wave", "hang"})
_OWN_LOSS_OBJECTS = frozenset(
    {"loss", "losses", "casualty", "casualties", "life", "lives", "damage"}
)
MAX_CLIMB = 3
_NOMINAL_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "compound", "ROOT"}
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger in a sentence: its head token, its entry, the tokens of the phrase."""

    head: Token
    spec: TriggerSpec
    tokens: tuple[int, ...]


_Phrase = tuple[tuple[str, ...], TriggerSpec]


@dataclass(frozen=True, slots=True)
class _Index:
    singles: dict[str, tuple[TriggerSpec, ...]]
    first: dict[str, tuple[_Phrase, ...]]


@lru_cache(maxsize=4)
def _index(lex: Lexicon) -> _Index:
    singles: dict[str, list[TriggerSpec]] = {}
    phrases: list[tuple[tuple[str, ...], TriggerSpec]] = []
    for spec in lex.triggers:
        for lemma in spec.lemmas:
            words = tuple(lemma.split())
            if len(words) == 1:
                singles.setdefault(words[0], []).append(spec)
            else:
                phrases.append((words, spec))
    phrases.sort(key=lambda p: -len(p[0]))
    first: dict[str, list[_Phrase]] = {}
    for phrase in phrases:
        first.setdefault(phrase[0][0], []).append(phrase)
    return _Index(
        {k: tuple(v) for k, v in singles.items()}, {k: tuple(v) for k, v in first.items()}
    )


def find_hits(sent: Span, lex: Lexicon) -> list[Hit]:
    """Every trigger of ``sent``; a phrase hides the single words inside it."""
    index = _index(lex)
    hits = _phrase_hits(sent, index)
    covered = {i for h in hits for i in h.tokens}
    for tok in sent:
        if tok.i in covered:
            continue
        for spec in _specs_for(tok, index):
            hits.append(Hit(tok, spec, (tok.i,)))
    return sorted(hits, key=lambda h: h.head.i)


def _specs_for(tok: Token, index: _Index) -> list[TriggerSpec]:
    keys = {tok.lemma_.lower(), tok.lower_}
    specs = [s for k in keys for s in index.singles.get(k, ())]
    pos = "VERB" if tok.pos_ == "AUX" else ("NOUN" if nominal(tok) else tok.pos_)
    if (
        tok.dep_ == "amod"
    ):  # "the occupied areas": a descriptor, a claim only where the entry says so
        return [s for s in dict.fromkeys(specs) if s.attributive]
    return [s for s in dict.fromkeys(specs) if pos in s.pos]


def _phrase_hits(sent: Span, index: _Index) -> list[Hit]:
    tokens = list(sent)
    forms = [(t.lemma_.lower(), t.lower_) for t in tokens]
    hits: list[Hit] = []
    taken: set[int] = set()
    for i, (lemma, lower) in enumerate(forms):
        for words, spec in index.first.get(lemma, ()) + (
            index.first.get(lower, ()) if lower != lemma else ()
        ):
            n = len(words)
            if i + n > len(forms) or any(j in taken for j in range(i, i + n)):
                continue
            if all(words[k] in forms[i + k] for k in range(1, n)):
                toks = tokens[i : i + n]
                hits.append(Hit(_phrase_head(toks), spec, tuple(t.i for t in toks)))
                taken.update(range(i, i + n))
    return hits


def _phrase_head(tokens: list[Token]) -> Token:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])


# ---------------------------------------------------------------- constraints


def holds(hit: Hit, lex: Lexicon, has_place: bool) -> bool:
    """Whether the trigger's constraint (``needs``) holds in its context."""
    need, head = hit.spec.needs, hit.head
    if hit.spec.kind == "attack" and _by_a_hazard(head, lex):
        return False  # "floods hit the region", "the storm battered the coast"
    if hit.spec.kind == "advance" and _an_amount_moves(head, lex):
        return False  # "losses have reached 31,000"
    if need == "object_place":
        return has_place and not _takes_people(head, lex)
    if need == "place_here":
        return has_place
    check = _CHECKS.get(need)
    return check(head, lex) if check is not None else True


def _takes_people(head: Token, lex: Lexicon) -> bool:
    """What is captured or held is people ("captured dozens of Russian soldiers near X"):
    prisoners taken, not ground."""
    if nominal(head) or any(
        c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out") for c in head.children
    ):
        return False  # "expelled Russian troops from X": the place is what they lost
    objects = [c for c in head.children if c.dep_ == "dobj"]
    objects += [pobj for obj in objects for pobj in _of_phrase(obj)]
    words = lex.force_nouns | _CAPTIVES
    return any(o.lemma_.lower() in words or o.lower_ in words for o in objects)


#: People taken, whom "captured" or "held" makes prisoners.
_CAPTIVES = frozenset({"prisoner", "prisoners", "pow", "pows", "captive", "captives"})


def _an_amount_moves(head: Token, lex: Lexicon) -> bool:
    if nominal(head):
        return False
    subject = _subject_of(head)
    return subject is not None and subject.lemma_.lower() in lex.measure_nouns


def _by_a_hazard(head: Token, lex: Lexicon) -> bool:
    if nominal(head):  # "a storm" is weather; "the storming of X" an attack
        return head.lemma_.lower() in lex.hazards
    subject = _subject_of(head) or (head.head if head.dep_ == "acl" else None)
    return subject is not None and subject.lemma_.lower() in lex.hazards


def _flag_return(head: Token, lex: Lexicon) -> bool:
    """A flag raised, flying or returned over a place; "our flag is back in X" too. Not
    one a video shows being planted: footage of flags is a presence."""
    verb = head.head
    if any(a.lemma_.lower() in lex.seen_verbs for a in list(verb.ancestors)[:2]):
        return False
    if verb.lemma_.lower() in _FLAG_VERBS:
        return True
    return (
        head.dep_ == "nsubj"
        and verb.lemma_.lower() == "be"
        and any(c.dep_ == "advmod" and c.lower_ == "back" for c in verb.children)
    )


def _own_loss(head: Token, lex: Lexicon) -> bool:
    objects = [c for c in head.children if c.dep_ in ("dobj", "attr")]
    objects += _misparsed_objects(head)
    # "lost dozens of tanks", "suffered hundreds of casualties": the amount's "of" phrase
    objects += [pobj for obj in objects for pobj in _of_phrase(obj)]
    return any(_is_loss_object(c, lex) for c in objects)


def _of_phrase(noun: Token) -> list[Token]:
    """The objects of ``noun``'s "of" phrases: the counted thing of an amount ("dozens of
    tanks", "31 of the 38 drones")."""
    return [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _misparsed_objects(verb: Token) -> list[Token]:
    """ "lost 600,000 soldiers killed or wounded": the parser makes the object the subject of
    a clause of its own ("soldiers" subject of "killed")."""
    return [
        c
        for clause in verb.children
        if clause.dep_ in ("ccomp", "xcomp") and clause.i > verb.i
        for c in clause.children
        if c.dep_ == "nsubj" and c.i < clause.i
    ]


def _control_frame(head: Token, lex: Lexicon) -> bool:
    up = head.head
    if up.lemma_.lower() in _CONTROL_FRAME:
        return True
    return (up.dep_ == "prep" and up.lower_ in ("in", "under")) or (
        up.lower_ == "of" and up.head.lower_ == "control"
    )


def _seen(head: Token, lex: Lexicon) -> bool:
    if any(c.dep_ == "acl" and c.lemma_.lower() in lex.stationed_verbs for c in head.children):
        return True
    if _stationed_argument(head, lex):
        return True
    for i, up in enumerate(head.ancestors):
        if i >= MAX_CLIMB + 1:
            break
        if up.lemma_.lower() in lex.seen_verbs or up.lemma_.lower() in lex.media_nouns:
            return True
    return False


def _stationed_argument(head: Token, lex: Lexicon) -> bool:
    """The force is what a stationing verb places ("troops are concentrating near X", "massed
    troops near X"), unless that verb is a trigger of its own ("deployed troops": deployment)."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return False
    lemma = verb.lemma_.lower()
    if lemma == "be" and head.dep_ == "nsubj":
        # "Wagner mercenaries are still present in X": the state word is the verb's
        return any(c.dep_ == "acomp" and c.lower_ in lex.stationed_verbs for c in verb.children)
    if lemma not in lex.stationed_verbs:
        return False
    return not any(lemma in spec.lemmas for spec in lex.triggers if spec.kind != "presence")


def _military_object(head: Token, lex: Lexicon) -> bool:
    if _is_military(head, lex):
        return True
    if _kills_civilians(head, lex):
        return False
    near = [*head.children, head.head]
    if head.dep_ == "dobj":  # "inflicted losses on the enemy's manpower"
        near.extend(
            c for c in head.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
        )
    for tok in list(near):
        near.extend(c for c in tok.children if tok.dep_ == "prep")
        if tok.dep_ in ("dobj", "nsubjpass"):  # "destroyed 31 of the 38 drones"
            near.extend(_of_phrase(tok))
    return any(
        _is_military(t, lex)
        for t in near
        if t.dep_ in ("dobj", "nsubjpass", "compound", "pobj", "prep") or t.i == head.head.i
    )


def _kills_civilians(head: Token, lex: Lexicon) -> bool:
    """ "killing six people", "residents were wounded": who is killed or wounded is named by a
    word of non-combatants with no side to it; civilian dead are no side's losses."""
    victims = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    civilians = lex.losses["civilians"]
    return bool(victims) and all(
        (v.lemma_.lower() in civilians or v.lower_ in civilians)
        and side_of_tokens(phrase_tokens(v), lex) is None
        for v in victims
    )


def _is_military(tok: Token, lex: Lexicon) -> bool:
    # "fighter-bomber" kept as one token: its last part names the thing
    last = tok.lower_.rsplit("-", 1)[-1]
    return (
        tok.lemma_.lower() in lex.military_objects
        or tok.lower_ in lex.military_objects
        or last in lex.military_objects
    )


def _is_loss_object(tok: Token, lex: Lexicon) -> bool:
    words = {tok.lemma_.lower(), tok.lower_}
    return bool(words & _OWN_LOSS_OBJECTS) or bool(words & lex.military_objects)


def _out_of(head: Token, lex: Lexicon) -> bool:
    """ "out of" a place after the verb's object ("drove the Russians out of X")."""
    outs = [c for c in head.children if c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod")]
    return any(
        out.dep_ == "prep" or any(c.dep_ == "prep" and c.lower_ == "of" for c in out.children)
        for out in outs
    )


def _place_object(head: Token, lex: Lexicon) -> bool:
    """The object is a place ("lost Bakhmut", "the town had been lost", "the loss of X",
    "cleared the town"), not equipment or people."""
    if nominal(head):
        objects = _of_phrase(head)
    else:
        # the small model tags an unfamiliar name as an adverb now and then ("lost Bakhmut")
        objects = [
            c
            for c in head.children
            if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "advmod" and c.text[:1].isupper())
        ]
    return any(_placelike(o, lex) for o in objects)


def names_a_vessel(tok: Token, lex: Lexicon) -> bool:
    """ "the landing ship Novocherkassk", "the Moskva cruiser": a vessel named after a town."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (before is not None and before.lemma_.lower() in lex.vessel_nouns) or (
        after is not None and tok.dep_ == "compound" and after.lemma_.lower() in lex.vessel_nouns
    )


def names_a_grouping(tok: Token) -> bool:
    """ "the Dnepr group of forces", "Battlegroup Dnepr": a grouping of forces named after a
    river or a town is no place (a place's own group, "our Izyum group", still is)."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and before.lower_ in _GROUPING_WORDS:
        return True
    after = doc[tok.i + 1 : tok.i + 4]
    return (
        len(after) == 3
        and after[0].lemma_.lower() in ("group", "grouping")
        and after[1].lower_ == "of"
        and after[2].lower_ in ("forces", "troops")
    )


#: Words that open the name of a grouping of forces ("Battlegroup Dnepr").
_GROUPING_WORDS = frozenset({"battlegroup", "battle-group"})


def _placelike(tok: Token, lex: Lexicon) -> bool:
    return (
        (
            tok.ent_type_ in ("GPE", "LOC", "FAC")
            or tok.pos_ == "PROPN"
            or tok.text[:1].isupper()
            or tok.lemma_.lower() in lex.locative_anaphors
        )
        and not _is_loss_object(tok, lex)
        and not names_a_vessel(tok, lex)
        and tok.ent_type_ not in ("PERSON", "NORP", "ORG")
    )


def place_subject(head: Token, lex: Lexicon) -> bool:
    """The verb's subject is a place ("X has fallen", "the town fell"), not "the number of
    attacks near X fell"."""
    return any(c.dep_ in _SUBJECT_DEPS and _placelike(c, lex) for c in head.children)


def _left_place(head: Token, lex: Lexicon) -> bool:
    """ "Russian troops left Kherson / their positions", "the forces left on Tuesday": a place
    or position left, or a force that leaves; not "the strike left two dead"."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in head.children):
        return False  # "left two dead", "left them stranded"
    if objects:
        return any(
            o.ent_type_ in ("GPE", "LOC", "FAC")
            or o.pos_ == "PROPN"
            or o.lower_ in lex.locative_anaphors
            or _is_military(o, lex)  # "left their positions"
            for o in objects
        )
    subject = _subject_of(head)
    return subject is not None and (
        subject.lemma_.lower() in lex.force_nouns or subject.lower_ in lex.force_nouns
    )


_CHECKS: dict[str, Callable[[Token, Lexicon], bool]] = {
    "left_place": _left_place,
    "place_object": _place_object,
    "out_of": _out_of,
    "control_frame": _control_frame,
    "flag_return": _flag_return,
    "seen": _seen,
    "military_object": _military_object,
    "own_loss": _own_loss,
}


# ---------------------------------------------------------------- scope


def scope(hit: Hit, lex: Lexicon) -> list[list[Token]]:
    """The trigger's own clause first, then up to MAX_CLIMB clauses above it, as token lists."""
    head = hit.head
    levels = [_own_scope(head, lex)]
    node: Token | None = head
    for _ in range(MAX_CLIMB):
        assert node is not None
        cue = _cue_above_clause(node, lex)
        if cue is not None:
            levels.append(_fronted(cue))
            break
        node, tokens = _climb(node, lex)
        if node is None:
            break
        levels.append(tokens)
    return levels


def _cue_above_clause(node: Token, lex: Lexicon) -> Token | None:
    """The cue verb directly above ``node``'s clause, if the next step up would reach it."""
    up = node.head
    while up.i != node.i and up.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
        node, up = up, up.head
    return up if up.i != node.i and _is_cue(up, lex) else None


def _fronted(cue: Token) -> list[Token]:
    """Adjuncts before a cue verb ("Near X, we assess that ..."): the scene of the claim;
    and a place the parser made the cue's subject with the speaker as its apposition
    ("liberated X, the ministry said"): the object of the claim."""
    scene = [
        t
        for c in cue.children
        if c.i < cue.i and c.dep_ in ("prep", "advmod", "npadvmod")
        for t in c.subtree
    ]
    misparsed = [c for c in cue.children if c.dep_ == "nsubj" and speaker_apposition(c) is not None]
    return sorted(scene + misparsed, key=lambda t: t.i)


def speaker_apposition(subject: Token) -> Token | None:
    """The apposition after a place the parser made a subject ("liberated X, the ministry
    said": X subject of "said", "ministry" its apposition), else None."""
    if subject.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)


def nominal(tok: Token) -> bool:
    """A noun, or a word tagged otherwise where a noun stands ("a counter-offensive", a
    gerund with no object of its own as a subject: "Fighting continued near X")."""
    return (
        tok.pos_ in ("NOUN", "PROPN")
        or (tok.pos_ == "ADJ" and tok.dep_ in _NOMINAL_DEPS)
        or (
            tok.tag_ == "VBG"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and not any(c.dep_ in ("dobj", "nsubj", "aux") for c in tok.children)
        )
    )


def _own_scope(head: Token, lex: Lexicon) -> list[Token]:
    if nominal(head) or head.dep_ == "amod":
        base = head if head.dep_ != "amod" else head.head
        tokens = _subtree(base)
        carrier = _light_verb(base, lex)
        return tokens + (_clause(carrier, exclude=base) if carrier is not None else [])
    return _clause(head) + _antecedent_phrase(head) + _shared_object(head) + _object_phrase(head)


def _object_phrase(verb: Token) -> list[Token]:
    """The phrase of an object the parser made a clause's subject, where the verb has no
    object of its own ("lost [600,000 soldiers] killed or wounded")."""
    if any(c.dep_ in ("dobj", "attr") for c in verb.children):
        return []
    return [t for obj in _misparsed_objects(verb) for t in _subtree(obj)]


def _shared_object(verb: Token) -> list[Token]:
    """ "encircled and destroyed the groups in X": with no object of its own, a verb shares
    what the verb coordinated after it takes."""
    if any(c.dep_ in ("dobj", "attr") for c in verb.children):
        return []
    for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
        if any(c.dep_ == "dobj" for c in conj.children):
            return [t for t in _clause(conj, subject=False) if t.i != conj.i]
    return []


def _antecedent_phrase(verb: Token) -> list[Token]:
    """What a relative pronoun argument of ``verb`` stands for: "the town of X, which Russian
    forces took" -> "the town of X" (without the relative clause)."""
    if verb.dep_ != "relcl" or not any(
        c.tag_ in _RELATIVE_TAGS and c.dep_ in ("dobj", "nsubjpass", "pobj") for c in verb.subtree
    ):
        return []
    antecedent = verb.head
    phrase = [antecedent, *_without_relatives_below(antecedent, verb)]
    if antecedent.dep_ == "pobj" and antecedent.head.lower_ == "of":  # "the town of X, which"
        phrase.append(antecedent.head.head)
    return phrase


def _without_relatives_below(noun: Token, relative: Token) -> list[Token]:
    return [
        t
        for c in noun.children
        if c.i != relative.i and c.dep_ not in ("relcl", "appos", "conj", "cc", "punct")
        for t in c.subtree
        if not any(a.i == relative.i for a in t.ancestors)
    ]


def _compass_carrier(noun: Token, lex: Lexicon) -> Token | None:
    """The verb above a noun the parser made the subject of a compass word ("made advances
    west of X" read as "advances" subject of "west"), else None."""
    up = noun.head
    if noun.dep_ == "nsubj" and up.lemma_.lower() in lex.compass and up.head.i != up.i:
        return up.head
    return None


def _light_verb(noun: Token, lex: Lexicon) -> Token | None:
    up = _compass_carrier(noun, lex) or noun.head
    if noun.dep_ == "pobj" and up.dep_ == "prep":
        up = up.head
    if (
        noun.dep_ in ("dobj", "pobj", "nsubj", "attr", "nsubjpass")
        and up.lemma_.lower() in lex.light_verbs
    ):
        return up
    return None


def _climb(node: Token, lex: Lexicon) -> tuple[Token | None, list[Token]]:
    """The next clause up from ``node``: the verb above, or the noun a relative clause describes."""
    up = node.head
    while up.i != node.i and up.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
        node, up = up, up.head
    if up.i == node.i or _is_cue(up, lex):
        return None, []
    if node.dep_ in ("relcl", "acl") and up.pos_ in ("NOUN", "PROPN"):
        target = up.head if up.dep_ == "appos" else up
        return up, [target, up, *_subtree(up, skip={node.i})]
    if up.pos_ in ("VERB", "AUX"):
        shares = (
            node.dep_ in _SUBJECT_DEPS
            or node.dep_ == "conj"
            or up.lemma_.lower() in lex.light_verbs
        )
        return up, _clause(up, keep=node, subject=shares)
    return up, _subtree(up)


def _is_cue(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.cue_verbs and tok.pos_ in ("VERB", "AUX")


_RELATIVE_TAGS = frozenset({"WDT", "WP"})


def _clause(
    verb: Token, exclude: Token | None = None, keep: Token | None = None, subject: bool = True
) -> list[Token]:
    """A verb with its arguments, leaving out clauses below it, ``exclude`` and (unless
    ``subject``) its subject; ``keep`` always stays."""
    out = [verb]
    for child in verb.children:
        if exclude is not None and child.i == exclude.i:
            continue
        if keep is not None and child.i == keep.i:
            out.extend(child.subtree)
            continue
        if not subject and child.dep_ in _SUBJECT_DEPS:
            continue
        if child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
            continue
        out.extend(_without_relatives(child))
    return sorted(out, key=lambda t: t.i)


def _inside_phrase(child: Token, at_root: bool) -> bool:
    """Relative clauses never belong to a noun's phrase; other clauses only at its head."""
    if child.dep_ == "relcl" or (at_root and child.dep_ == "conj"):
        return False
    return at_root or child.dep_ not in ("acl", "advcl", "ccomp")


def _without_relatives(tok: Token) -> list[Token]:
    out: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(c for c in cur.children if c.dep_ != "relcl")
    return out


def _subtree(tok: Token, skip: Iterable[int] = ()) -> list[Token]:
    banned = set(skip)
    out: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        if cur.i in banned:
            continue
        out.append(cur)
        stack.extend(c for c in cur.children if _inside_phrase(c, cur.i == tok.i))
    return sorted(out, key=lambda t: t.i)


# ---------------------------------------------------------------- sides


def side_for(hit: Hit, lex: Lexicon, speaker: str | None, antecedent: str | None) -> str | None:
    """The side that acts (or holds, or suffers) in the claim a trigger makes; UA/RU or None."""
    role = hit.spec.side
    if role == "patient":
        side = _inflicted_on_side(hit.head, lex, speaker, antecedent)
        side = side or _patient_side(hit.head, lex, speaker, antecedent)
        if side is None and hit.spec.kind == "loss" and not nominal(hit.head):
            # "Russian troops destroyed the groups": what a side destroys is its opponent's
            side = opposite(_agent_side(hit.head, lex, speaker, antecedent))
    elif role == "opposite_patient":
        side = opposite(_patient_side(hit.head, lex, speaker, antecedent))
    elif role == "opposite_agent":
        side = opposite(_agent_side(hit.head, lex, speaker, antecedent))
    elif role.startswith("prep:"):
        side = prep_side(hit.head, role.removeprefix("prep:"), lex, speaker) or _agent_side(
            hit.head, lex, speaker, antecedent
        )
    else:
        side = _agent_side(hit.head, lex, speaker, antecedent)
        if side is None and hit.spec.kind == "supply":
            side = opposite(_interdicting_side(hit.head, lex, speaker, antecedent))
        if side is None and hit.spec.kind == "attack":
            side = opposite(
                _repelling_side(hit.head, lex, speaker, antecedent)
                or _struck_side(hit.head, lex, speaker, antecedent)
                or _victims_side(hit.head, lex)
            )
        if side is None and hit.spec.kind == "encirclement":
            side = opposite(_encircled_side(hit.head, lex, speaker, antecedent))
    return side if side in ("UA", "RU") else None


def _encircled_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    """The side surrounded where no one is named surrounding it ("Russian troops in X were
    encircled", "units near X risk being cut off"): its opponent encircles."""
    if nominal(head) or not _passive(head):
        return None
    subject = _subject_of(head)
    return _np_side(subject, lex, speaker, antecedent) if subject is not None else None


def _inflicted_on_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    """Losses inflicted are suffered by whom they are inflicted on ("inflicted losses on the
    AFU manpower": UA), else by the inflicter's opponent; None where no one inflicts them."""
    if not nominal(head):
        return None
    if head.dep_ == "dobj" and head.head.lemma_.lower() == "inflict":
        verb: Token | None = head.head
    else:  # "inflicted losses on X" parsed with "inflicted" as the noun's modifier
        verb = next((c for c in head.children if c.lemma_.lower() == "inflict"), None)
    if verb is None:
        return None
    for prep in (
        c
        for c in (*verb.children, *head.children)
        if c.dep_ == "prep" and c.lower_ in ("on", "upon")
    ):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            side = side_of_tokens(phrase_tokens(obj), lex, speaker)
            if side is not None:
                return side
    subject = _subject_of(verb) if verb.i == head.head.i else None
    return opposite(_np_side(subject, lex, speaker, antecedent)) if subject is not None else None


def _victims_side(head: Token, lex: Lexicon) -> str | None:
    """The side of those a passive verb says were hit in the attack ("90 Russian soldiers
    were killed in a missile strike"): the attack is their opponent's."""
    if head.dep_ not in ("pobj", "pcomp") or head.head.lower_ not in ("in", "by"):
        return None  # "killed in a strike", "wounded in shelling"
    verb = head.head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    return side_of_tokens(phrase_tokens(subject), lex, None)


def _struck_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    """The side of what was struck, where no one is named striking it ("a Ukrainian
    ammunition depot was hit", "Russian positions were shelled", "the strike destroyed a
    Russian depot"): its opponent struck."""
    if nominal(head):
        # the attack is the subject of what it did to its target
        subject = (
            next((c for c in head.head.children if c.dep_ == "dobj"), None)
            if head.dep_ == "nsubj"
            else None
        )
    elif passive_without_agent(head):
        subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    elif head.pos_ == "VERB":
        # "our warriors hit the occupiers' positions" with no speaker known: the target's
        # owner is the one side named
        subject = next((c for c in head.children if c.dep_ == "dobj"), None)
    else:
        return None
    if subject is None:
        return None
    # the words that make it someone's ("Ukrainian positions"); a place struck ("Kyiv was
    # shelled") names no side
    mods = [c for c in subject.children if c.dep_ in ("amod", "compound", "poss")]
    return side_of_tokens([t for m in mods for t in m.subtree], lex, None)


def _repelling_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    """The side that repels an attack named as the object ("Ukraine says it repelled
    attacks near X"); the attacks are the other side's."""
    verb = head.head
    if not nominal(head) or head.dep_ != "dobj":
        return None
    if verb.lemma_.lower() not in lex.words("intent", "repel_verbs"):
        return None
    subject = _subject_of(verb)
    return _np_side(subject, lex, speaker, antecedent) if subject is not None else None


def _interdicting_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    """The side that cuts or strikes a supply line named as the object ("Russian forces cut
    the supply road into X"); the line is the other side's."""
    noun = head.head if head.dep_ == "compound" else head
    if noun.dep_ not in ("dobj", "nsubjpass"):
        return None
    verb = noun.head
    if verb.lemma_.lower() not in lex.interdiction_verbs:
        return None
    subject = _subject_of(verb)
    if subject is None or subject.i == noun.i:
        return None
    return _np_side(subject, lex, speaker, antecedent)


def _agent_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    if nominal(head) or head.dep_ == "amod":
        return _noun_side(head if head.dep_ != "amod" else head.head, lex, speaker, antecedent)
    subject = _subject_of(head)
    if (
        subject is not None
        and subject.dep_ == "nsubjpass"
        and (subject.head.i == head.i or head.dep_ == "pcomp")
    ):  # "X was taken"; "soldiers were wounded in shelling": they did not shell
        subject = None
    if subject is None and head.dep_ == "acl" and nominal(head.head):
        # "Russian attempts to capture X", "attempts by Ukrainian forces to push": the
        # noun's own side acts
        return _noun_side(head.head, lex, speaker, antecedent)
    return _np_side(subject, lex, speaker, antecedent) if subject is not None else None


def _noun_side(
    noun: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    side = side_of_tokens([t for m in mods for t in m.subtree], lex, speaker)
    if side is None:
        for prep in (
            c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "of", "for")
        ):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and (not _is_placeish(obj) or obj.lower_ in lex.sides):
                side = side or side_of_tokens(phrase_tokens(obj), lex, speaker)
    if side is None and noun.dep_ == "dobj" and not _passive(noun.head):
        # "repelled four counterattacks by detachments of the AFU": the parser hangs the
        # noun's "by" phrase on the active verb
        for prep in (c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "by"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and not _is_placeish(obj):
                side = side or side_of_tokens(phrase_tokens(obj), lex, speaker)
    if side is None and noun.dep_ == "pobj" and nominal(noun.head.head):
        owner = [c for c in noun.head.head.children if c.dep_ in ("amod", "compound", "poss")]
        side = side_of_tokens([t for m in owner for t in m.subtree], lex, speaker)
    carrier = _compass_carrier(noun, lex)
    if side is None and (noun.dep_ in ("dobj", "pobj", "attr") or carrier is not None):
        verb = carrier or (noun.head.head if noun.dep_ == "pobj" else noun.head)
        # "launched an offensive", "massed troops": the verb's subject owns the noun; not
        # "came under attack", whose subject suffers it
        light = (
            verb.pos_ in ("VERB", "AUX")
            and (
                verb.lemma_.lower() in lex.light_verbs
                or verb.lemma_.lower() in lex.stationed_verbs
                or (noun.lemma_.lower() == "flag" and verb.lemma_.lower() in _FLAG_VERBS)
            )
            and not (noun.dep_ == "pobj" and noun.head.lower_ == "under")
        )
        subject = _subject_of(verb) if light else None
        if subject is not None and subject.i != noun.i:
            side = _np_side(subject, lex, speaker, antecedent)
    return side


def _is_placeish(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC")


def _patient_side(
    head: Token, lex: Lexicon, speaker: str | None, antecedent: str | None
) -> str | None:
    if head.dep_ == "amod" or (head.pos_ == "ADJ" and not nominal(head)):
        return side_of_tokens(phrase_tokens(head.head), lex, speaker)
    if nominal(head):
        return _noun_side(head, lex, speaker, antecedent)
    for child in head.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return _np_side(child, lex, speaker, antecedent)
    return None


def prep_side(head: Token, prep: str, lex: Lexicon, speaker: str | None) -> str | None:
    for child in head.children:
        if child.dep_ in ("prep", "dative") and (
            child.lower_ == prep or (prep == "to" and child.lower_ == "into")
        ):  # "fell to the Russians", "fell into Russian hands"
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return side_of_tokens(phrase_tokens(obj), lex, speaker)
    return None


def _subject_of(verb: Token) -> Token | None:
    tok = verb
    for _ in range(4):
        # a passive's "by" agent acts, not its subject ("X was captured by Russian forces")
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None and _passive(tok):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS and not furniture(child):
                return child
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            tok = tok.head.head
            continue
        if tok.dep_ not in ("conj", "xcomp", "advcl", "acomp") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _np_side(np: Token, lex: Lexicon, speaker: str | None, antecedent: str | None) -> str | None:
    if np.pos_ == "PRON" and np.lower_ not in lex.speaker_side:
        return antecedent
    tokens = phrase_tokens(np)
    side = side_of_tokens(tokens, lex, speaker)
    if side is None and any(t.dep_ == "poss" and t.lower_ in ("its", "their") for t in tokens):
        return antecedent
    if side is None and np.lower_ in lex.force_nouns and np.pos_ in ("NOUN", "PROPN"):
        # "units of the southern group liberated X", the ministry said: a force no side
        # names is the speaker's own
        return speaker
    return side


def _passive(verb: Token) -> bool:
    """A passive verb: its own passive auxiliary or subject, or a participle modifying a noun."""
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"nsubjpass", "auxpass"}) or (verb.tag_ == "VBN" and verb.dep_ == "acl")


def passive_without_agent(head: Token) -> bool:
    """A passive verb with no "by" agent ("Izium has been recaptured")."""
    if head.tag_ == "VBN" and head.dep_ == "acl":
        return True
    return _passive(head) and not any(c.dep_ == "agent" for c in head.children)
