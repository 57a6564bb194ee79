"""Attribution: who makes a claim (claimant) and through whom it reached the text (channel).

Read over the dependency parse of one sentence, around one trigger:

- a cue verb above the trigger ("X said that ...", '"...," X said') gives the speaker: its
  subject, the person named in it where there is one, with the side its descriptors name
  ("the head of the Moscow-installed administration" -> RU);
- "according to X" / "per X" / "citing X" names a source: an outlet is the channel, any
  other source is the claimant where no speaker is named;
- an outlet as subject of a cue verb ("..., Reuters reported") is the channel;
- media that show something ("footage shared by X showed") make X the claimant; a platform
  named in the sentence ("on Telegram", "Russian Telegram channels") is the channel;
- pronouns and definite descriptions ("he said", "the official said") point back to the
  last matching speaker of the document (``Speakers``).

Cue words, outlets and platforms are data (``data/src/claims/attribution.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from frontwatch._words import word_list
from frontwatch.claims.actors import phrase_tokens, side_of_tokens
from frontwatch.claims.lexicon import Lexicon
from frontwatch.claims.modality import denying_verb
from frontwatch.claims.names import TITLES
from frontwatch.claims.patterns import speaker_apposition
from frontwatch.model import Claimant, Document

__all__ = [
    "Attribution",
    "Speakers",
    "attribute",
    "denier",
    "document_speaker",
    "named_speaker",
    "sentence_attribution",
    "transcript_speakers",
]

_NAME_DEPS = frozenset(
    {"compound", "amod", "poss", "nmod", "nummod", "case", "npadvmod", "quantmod"}
)
#: The longest "of ..." complement a claimant's name takes ("of the Armed Forces of Ukraine").
_MAX_COMPLEMENT = 7
_DROP_FIRST = frozenset({"a", "an", "the", "this", "that", "these", "those"})
_FIRST_PERSON = re.compile(r"(?:^|[\s(])(?:I|We|we|our|Our)(?=[\s,.'’])")
_ADDRESS = re.compile(
    r"(?:address|statement|speech|remarks|briefing)\s+(?:by|of)\s+"
    r"(?:president\s+|prime minister\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})",
    re.IGNORECASE,
)
_TITLE_SPEAKER = re.compile(r"^\s*(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s*:\s")
_ROLE_STATEMENT = re.compile(r"(?P<name>[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,3})\s+statement\b")
_COUNTRY_PREFIX = re.compile(r"^\s*(?P<c>UK|US|U\.S\.)\b")
MIN_FIRST_PERSON = 3
#: A speaker label opening a line of a transcript: "Defence Minister A. B:", "Vladimir Putin:".
_LABEL = re.compile(
    r"(?m)^[ \t]*(?P<label>[A-Z][\w.'’-]*(?:[ ](?:of|the|[A-Z][\w.'’-]*)){0,7}):[ \t]"
)
_LABEL_FILLERS = frozenset({"of", "the"})
_ENGLISH = word_list("words", "english_common.txt")


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who makes a claim and how it came; ``modality``/``polarity`` come from the cue."""

    claimant: Claimant | None = None
    channel: str | None = None
    modality: str | None = None
    polarity: str | None = None
    cue: int | None = None


@dataclass(slots=True)
class Speakers:
    """Speakers named so far in a document, for "he said" and "the official said"."""

    named: list[Claimant] = field(default_factory=list)
    default: Claimant | None = None

    def add(self, claimant: Claimant | None) -> None:
        if claimant is not None and claimant.name:
            self.named.append(claimant)

    def last(self) -> Claimant | None:
        return self.named[-1] if self.named else None

    def last_side(self) -> str | None:
        """The side of the latest speaker who has one ("a senior Ukrainian commander said")."""
        return next((c.side for c in reversed(self.named) if c.side in ("UA", "RU")), None)

    def by_noun(self, noun: str) -> Claimant | None:
        """The last speaker whose name holds ``noun`` ("official" -> "senior military official")."""
        for claimant in reversed(self.named):
            if noun in claimant.name.lower().split():
                return claimant
        return None

    def by_surname(self, word: str) -> Claimant | None:
        for claimant in reversed(self.named):
            if (
                claimant.name.split()[-1].lower() == word.lower()
                and claimant.name.lower() != word.lower()
            ):
                return claimant
        return None


def document_speaker(document: Document, lex: Lexicon) -> Claimant | None:
    """The speaker of a first-person document (an address), from its title or outlet; else
    the institution of a party that publishes it (a defence ministry's daily statement)."""
    if len(_FIRST_PERSON.findall(_unquoted(document.text))) < MIN_FIRST_PERSON:
        return _institution(document.outlet or "", lex)
    name = _speaker_name(document.title or "", document.outlet or "")
    holder = _office_holder(name, document, lex)
    if holder is not None:
        return holder
    if not name:
        # "I held a meeting" in a statement its title names no one for: the institution
        # that publishes it speaks
        return _institution(document.outlet or "", lex)
    words = name.lower().replace(".", ". ").split()
    side = next((lex.sides[w] for w in words if w in lex.sides), None)
    return Claimant(name=name, side=side)


def _institution(outlet: str, lex: Lexicon) -> Claimant | None:
    """The outlet as a claimant where it is an institution of one party (UA or RU)."""
    name = outlet.split("(", maxsplit=1)[0].strip(" -–")
    words = re.findall(r"[\w.'’-]+", name.lower())
    if not any(w in lex.institution_words for w in words):
        return None
    sides = {lex.sides.get(w) for w in words} & {"UA", "RU"}
    return Claimant(name=name, side=sides.pop()) if len(sides) == 1 else None


def _office_holder(name: str | None, document: Document, lex: Lexicon) -> Claimant | None:
    """The person an office names on the day of the document ("address by the President of
    Ukraine" -> the president then), by the conflict profile; a bare office ("the
    President") is read with the outlet's ("President of Ukraine (president.gov.ua)").
    Spelled as the document spells them, else by the profile's name."""
    day = document.published_date()
    outlet = document.outlet or ""  # its parenthetical goes where offices are compared
    for title in (name, outlet if not name or len(name.split()) <= 2 else None):
        official = lex.office_holder(title, day) if title else None
        if official is not None:
            text = f"{document.title or ''}\n{document.text}"
            spelled = [a for a in (official.name, *official.aliases) if len(a.split()) > 1]
            shown = next(
                (a for a in spelled if re.search(rf"\b{re.escape(a)}\b", text)), official.name
            )
            return Claimant(name=shown, side=official.party)
    return None


def transcript_speakers(text: str, lex: Lexicon) -> list[tuple[int, Claimant]]:
    """The speakers a transcript labels, with the offset where each starts to speak.

    A label opens a line and ends in a colon ("Defence Minister Sergei Shoigu: ..."). One
    counts where the text has two labels or more (speakers take turns) or where it starts
    with a title ("Minister ..."); a headline such as "Front: we advanced" does not. The
    claimant is the label's trailing name without titles and side words ("President of
    Russia Vladimir Putin" -> "Vladimir Putin"); its side is the label's side word, if any.
    """
    found: list[tuple[int, Claimant]] = []
    labels = list(_LABEL.finditer(text))
    for match in labels:
        words = match.group("label").split()
        if len(labels) < 2 and words[0].lower().rstrip(".") not in TITLES:
            continue
        name: list[str] = []
        for word in reversed(words):
            low = word.lower().rstrip(".")
            if low in _LABEL_FILLERS and all(w.lower() in lex.sides for w in name):
                name = []  # "Ivan Petrenko of Ukraine": the country is not the name
                continue
            if not _name_word(word) or (low in lex.sides and len(name) > 1):
                break
            name.insert(0, word)
        if not name and len(labels) >= 2 and _role_label(words, lex):
            # "PENTAGON PRESS SECRETARY:" in a briefing transcript: the role is the speaker
            name = [w.capitalize() for w in words]
        if not name or (len(labels) < 2 and len(name) < 2):
            continue
        side = next((lex.sides[w.lower()] for w in words if w.lower() in lex.sides), None)
        found.append((match.start("label"), Claimant(name=" ".join(name), side=side)))
    return found


def _role_label(words: list[str], lex: Lexicon) -> bool:
    """A label in capitals that names a role, not a person ("PENTAGON PRESS SECRETARY")."""
    return all(w.isupper() for w in words) and words[-1].lower() in lex.speaker_nouns


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised, not all capitals, not a title or English word."""
    low = word.lower().rstrip(".")
    return (
        word[:1].isupper()
        and not word.isupper()
        and low not in _ENGLISH
        and low not in TITLES
        and low not in _LABEL_FILLERS
    )


def _speaker_name(title: str, outlet: str) -> str | None:
    for pattern in (_ADDRESS, _TITLE_SPEAKER):
        found = pattern.search(title)
        if found:
            return found.group("name").strip()
    role = _ROLE_STATEMENT.search(outlet)
    if not role:
        return None
    country = _COUNTRY_PREFIX.search(outlet)
    return f"{country.group('c')} {role.group('name')}" if country else role.group("name")


def _unquoted(text: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]", " ", text)


def sentence_attribution(
    sent: Span, lex: Lexicon, speakers: Speakers, *, anywhere: bool = False, set_off: bool = True
) -> Attribution:
    """The attribution a sentence makes outside any trigger: its top cue verb, its sources.

    With ``anywhere`` (a sentence that closes a quote) any cue verb with a subject will do;
    without ``set_off``, a cue set off by commas inside the sentence does not count.
    """
    cue = next((t for t in sent if t.dep_ == "ROOT" and _is_cue_verb(t, lex)), None)
    if cue is None:
        cue = _trailing_cue(sent, lex, set_off=set_off)
    if cue is None and anywhere:
        cue = next((t for t in sent if _is_cue_verb(t, lex) and _subject(t) is not None), None)
    return _resolve(cue, sent, lex, speakers)


def named_speaker(sent: Span, lex: Lexicon, outside: Callable[[Token], bool]) -> Attribution | None:
    """'"...," NAME, a DESCRIPTOR, posted on X.': the person named outside a quote, by a cue verb.

    For sentences the parser reads with no subject on the cue verb.
    """
    if not any(_is_cue_verb(t, lex) and outside(t) for t in sent):
        return None
    for ent in sent.ents:
        if ent.label_ == "PERSON" and outside(ent.root):
            side = side_of_tokens(phrase_tokens(ent.root), lex)
            return Attribution(Claimant(ent.text, side), _platform(sent, lex))
    return None


def attribute(trigger: Token, sent: Span, lex: Lexicon, speakers: Speakers) -> Attribution:
    """The attribution of a trigger's claim: the nearest cue above it, else the sentence's."""
    cue = cue_above(trigger, lex)
    if cue is None:
        # a relative clause describing a noun ("X, a town that serves as a hub") is the
        # narrator's background, not the content of a cue set off by commas elsewhere
        described = any(a.dep_ == "relcl" for a in (trigger, *trigger.ancestors))
        return sentence_attribution(sent, lex, speakers, set_off=not described)
    att = _resolve(cue, sent, lex, speakers)
    # a cue noun found as a verb's subject ("footage indicated"): climb from its verb
    above = cue.head if cue.pos_ == "NOUN" and cue.dep_ == "nsubj" else cue
    outer = cue_above(above, lex) if att.claimant is None else None
    if outer is None:
        return att
    # "ISW said footage indicated that ...": what the nearest cue's subject is (footage,
    # images, reports) names no one; the cue above it names who makes the claim
    up = _resolve(outer, sent, lex, speakers)
    if up.claimant is None:
        return att
    negated = (att.polarity == "negated") != (up.polarity == "negated")
    return Attribution(
        up.claimant,
        att.channel or up.channel,
        att.modality if att.modality not in (None, "asserted") else up.modality,
        "negated" if negated else att.polarity or up.polarity,
        att.cue,
    )


def _trailing_cue(sent: Span, lex: Lexicon, *, set_off: bool = True) -> Token | None:
    """ "..., the ministry said (on Friday)." that the parser hung below a noun: a cue verb
    with its own subject, after a comma, that ends the sentence; or one set off by commas
    inside it ("..., a regional official said, as the offensive entered its second week")."""
    for tok in sent:
        if not _is_cue_verb(tok, lex) or tok.dep_ not in (
            "relcl",
            "acl",
            "conj",
            "advcl",
            "parataxis",
        ):
            continue
        if not any(c.dep_ == "nsubj" for c in tok.children) or any(
            t.tag_ in ("WDT", "WP") or t.dep_ == "ccomp" for t in tok.subtree
        ):  # "which the ministry said was ...": a clause of its own
            continue
        words = [t for t in tok.subtree if not t.is_punct]
        left, right = words[0].i, words[-1].i
        after = [t for t in sent if t.i > tok.i and not t.is_punct]
        ends = all(tok in t.ancestors for t in after)
        inside = (
            set_off
            and tok.dep_ == "parataxis"
            and right + 1 < sent.end
            and sent.doc[right + 1].text == ","
        )
        if left > sent.start and sent.doc[left - 1].text == "," and (ends or inside):
            return tok
    return None


def cue_above(trigger: Token, lex: Lexicon) -> Token | None:
    """The nearest ancestor of ``trigger`` that is a cue verb or noun of saying."""
    child = trigger
    for tok in trigger.ancestors:
        if child.dep_ == "relcl":
            return None
        if _is_cue_verb(tok, lex) or (_is_cue_noun(tok, lex) and child.dep_ in ("acl", "ccomp")):
            return tok
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if tok.pos_ == "VERB" and subject is not None and _is_cue_noun(subject, lex):
            return subject
        child = tok
    return None


def _is_cue_verb(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.cue_verbs


def _is_cue_noun(tok: Token, lex: Lexicon) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.cue_nouns


def _resolve(cue: Token | None, sent: Span, lex: Lexicon, speakers: Speakers) -> Attribution:
    sources = _sources(sent, lex, speakers)
    speaker, channel, modality, polarity = None, None, None, None
    if cue is not None:
        speaker, channel = _cue_speaker(cue, lex, speakers)
        info = (
            lex.cue_verbs.get(cue.lemma_.lower())
            if cue.pos_ != "NOUN"
            else lex.cue_nouns.get(cue.lemma_.lower())
        )
        if info is not None:
            modality, polarity = info.modality, info.polarity
            channel = channel or info.channel
    speaker, channel = _merge_sources(speaker, channel, sources)
    if speaker is None:
        speaker = _media_source(sent, lex, speakers)
    channel = channel or _platform(sent, lex)
    speakers.add(speaker)
    return Attribution(speaker, channel, modality, polarity, cue.i if cue is not None else None)


def _merge_sources(
    speaker: Claimant | None, channel: str | None, sources: list[tuple[Claimant, str | None]]
) -> tuple[Claimant | None, str | None]:
    for source, outlet in sources:
        if outlet and channel is None:
            channel = outlet
        if speaker is None:
            speaker = source
    return speaker, channel


def _cue_speaker(
    cue: Token, lex: Lexicon, speakers: Speakers
) -> tuple[Claimant | None, str | None]:
    """The speaker a cue names, and the channel it implies (an outlet as speaker or as listener)."""
    head = _subject(cue) if cue.pos_ != "NOUN" else _noun_cue_owner(cue, lex)
    channel = _listener_outlet(cue, lex)
    if head is None:
        return None, channel
    outlet = _outlet_of(phrase_tokens(head), lex)
    claimant = _claimant(head, lex, speakers)
    if outlet is not None and claimant is not None:
        claimant = Claimant(
            name=outlet, side=claimant.side or lex.sides.get(outlet.lower()) or "other"
        )
        return claimant, channel or outlet
    return claimant, channel


def _misparsed_object(subject: Token) -> Token:
    """ "captured Soledar, the ministry said": the parser may make the place the subject of
    "said" and the speaker its apposition; the apposition is the one who speaks."""
    appos = speaker_apposition(subject)
    return appos if appos is not None and appos.ent_type_ not in ("GPE", "LOC") else subject


# Verbs whose passive subject is the speaker ("he was quoted as saying").
_QUOTED = frozenset({"quote", "cite"})


#: Objects that stand for the claim a sentence has just made: "but Ukraine denied this".
_CLAIM_PRONOUNS = frozenset({"this", "it", "that", "which"})


def denier(sent: Span, lex: Lexicon, speakers: Speakers) -> Claimant | None:
    """Who denies, in a tail of the sentence, what the sentence has just said:
    "X had captured Y, a claim Ukraine denied", "..., which Kyiv disputed", "..., but
    Ukraine denied this". A denial whose object is stated ("denied that ...", "denied
    reports of ...") is read where the trigger is; here only the tail that points back."""
    denying = lex.words("negation", "object_verbs")
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in denying:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or verb.dep_ not in ("relcl", "conj"):
            continue
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        points_back = any(
            o.lower_ in _CLAIM_PRONOUNS or o.lemma_.lower() in lex.cue_nouns for o in objects
        ) or (verb.dep_ == "relcl" and verb.head.lemma_.lower() in lex.cue_nouns)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if not points_back or subject is None or subject.pos_ == "PRON":
            continue
        claimant = _claimant(subject, lex, speakers)
        if claimant is not None:
            return claimant
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the verb it is coordinated with or completes."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj") or (
                child.dep_ == "nsubjpass" and tok.lemma_.lower() in _QUOTED
            ):  # "clashes were reported": what is reported, not who reports it
                return _misparsed_object(child)
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        tok = (
            tok.head
            if tok.dep_ in ("conj", "xcomp", "acl", "advcl") and tok.head.i != tok.i
            else None
        )
    return stranded_speaker(verb)


def stranded_speaker(verb: Token) -> Token | None:
    """ "... near X, the General Staff of Ukraine said": a subjectless saying verb whose
    speaker the parser hung on the word before the comma as an apposition (or as the last
    item of a list before it: "lost 14 tanks and 20 guns, the General Staff said")."""
    if verb.i < 2 or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    for tok in (before, *before.ancestors):
        if tok.dep_ in ("appos", "conj"):
            first = min(t.i for t in tok.subtree)
            if (
                first > 0
                and verb.doc[first - 1].text == ","
                and max(t.i for t in tok.subtree) == verb.i - 1
            ):
                return tok
            if tok.head.dep_ == "appos":  # "X, its founder Yevgeny Prigozhin said"
                continue
            return None
        if tok.i > verb.i or tok.dep_ not in ("pobj", "prep", "compound"):
            return None
    return None


def _noun_cue_owner(noun: Token, lex: Lexicon) -> Token | None:
    """Who a cue noun belongs to: "media reports" -> itself, "footage shared by X" -> X;
    a report someone denies is that one's claim ("Kyiv denied Russian reports that ...")."""
    denying = denying_verb(noun, lex)
    if denying is not None:
        denier = _subject(denying)
        if denier is not None:
            return denier
    agent = _acl_agent(noun)
    if agent is not None:
        return agent
    if any(
        c.dep_ in ("compound", "poss") or side_of_tokens([c], lex)
        for c in noun.children
        if c.dep_ in ("compound", "amod", "poss")
    ):
        return noun
    if noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
        verb = noun.head if noun.head.pos_ == "VERB" else noun.head.head
        return _subject(verb)
    return None


def _listener_outlet(cue: Token, lex: Lexicon) -> str | None:
    """ "told the Guardian": an outlet spoken to is the channel."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative", "iobj"):
            outlet = _outlet_of(phrase_tokens(child), lex)
            if outlet:
                return outlet
    return None


def _claimant(head: Token, lex: Lexicon, speakers: Speakers) -> Claimant | None:
    low = head.lower_
    if head.pos_ == "PRON":
        return speakers.last() if low in lex.speaker_pronouns else speakers.default
    tokens = phrase_tokens(head)
    side = _speaker_side(tokens, lex) or _appointed_by(head, lex)
    name = _person(tokens) or _phrase_name(head)
    if _definite_reference(head, tokens, lex):
        known = speakers.by_noun(head.lemma_.lower())
        if known is not None:
            return known
    known = speakers.by_surname(name.split()[-1]) if name else None
    if known is not None and len(name.split()) <= 2:
        return known
    return Claimant(name=name, side=side) if name else None


def _appointed_by(head: Token, lex: Lexicon) -> str | None:
    """The side that appointed, installed or backs a speaker: "an official appointed by
    Moscow" speaks for Russia."""
    for clause in (c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        agent = next((c for c in clause.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if obj is not None:
            side = side_of_tokens(phrase_tokens(obj), lex)
            if lex.opposite(side) is not None:
                return side
    return None


def _speaker_side(tokens: list[Token], lex: Lexicon) -> str | None:
    side = side_of_tokens(tokens, lex)
    if side is None and any(t.lower_ in lex.platforms for t in tokens):
        return None
    return side


def _definite_reference(head: Token, tokens: list[Token], lex: Lexicon) -> bool:
    if head.lemma_.lower() not in lex.speaker_nouns:
        return False
    return bool(tokens) and tokens[0].lower_ in ("the", "that", "this") and not _person(tokens)


def _person(tokens: list[Token]) -> str | None:
    """The first person named among ``tokens`` (an entity, possibly spanning several tokens)."""
    for tok in tokens:
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B":
            ent = next(e for e in tok.doc.ents if e.start == tok.i)
            return ent.text.strip().removesuffix("'s").strip()
    return None


def _phrase_name(head: Token) -> str:
    """A noun phrase's name: its head with the modifiers before it, without the article."""
    left = [head]
    stack = [c for c in head.children if c.dep_ in _NAME_DEPS and c.i < head.i]
    while stack:
        tok = stack.pop()
        left.append(tok)
        stack.extend(c for c in tok.children if c.i < head.i and c.dep_ != "punct")
    doc = head.doc
    first = min(t.i for t in left)
    while first < head.i and doc[first].lower_ in _DROP_FIRST:
        first += 1
    names = _proper_run(doc[first : head.i + 1])
    if names is not None:
        return names.text.strip()
    return doc[first : _named_complement_end(head)].text.strip()


def _named_complement_end(head: Token) -> int:
    """Where a phrase's name ends: after an "of"/"for" complement that names something
    ("the Ministry of Defence", "the head of the Donetsk military administration",
    "the Institute for the Study of War"), else after its head."""
    prep = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
    if prep is None or prep.i != head.i + 1:
        return head.i + 1
    span = list(prep.subtree)
    if len(span) > _MAX_COMPLEMENT or not any(t.pos_ == "PROPN" for t in span):
        return head.i + 1
    return max(t.i for t in span) + 1


def _proper_run(span: Span) -> Span | None:
    """ "blogger Romanov Lite" -> "Romanov Lite": a name after a common-noun descriptor."""
    if not len(span) or span[-1].pos_ != "PROPN":
        return None
    start = len(span) - 1
    while start > 0 and span[start - 1].pos_ == "PROPN":
        start -= 1
    if start > 0 and len(span) - start >= 2 and span[start - 1].pos_ == "NOUN":
        return span[start:]
    return None


def _sources(sent: Span, lex: Lexicon, speakers: Speakers) -> list[tuple[Claimant, str | None]]:
    """Sources named by "according to X", "per X", "citing X": (claimant, outlet or None)."""
    found: list[tuple[Claimant, str | None]] = []
    for tok in sent:
        obj = _source_object(tok, lex)
        if obj is None:
            continue
        outlet = _outlet_of(phrase_tokens(obj), lex)
        claimant = _claimant(obj, lex, speakers)
        if outlet is not None:
            claimant = Claimant(name=outlet, side=lex.sides.get(outlet.lower(), "other"))
        if claimant is not None:
            found.append((claimant, outlet))
    return found


def _source_object(tok: Token, lex: Lexicon) -> Token | None:
    low = tok.lower_
    if low == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        to = to or (
            tok.nbor(1) if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to" else None
        )
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if low in ("per", "citing") or (tok.lemma_.lower() == "cite" and tok.pos_ == "VERB"):
        return next((c for c in tok.children if c.dep_ in ("pobj", "dobj")), None)
    return None


def _outlet_of(tokens: list[Token], lex: Lexicon) -> str | None:
    """The outlet a phrase names: a known outlet, or the proper name beside an outlet word."""
    words = [t.lower_ for t in tokens]
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            name = lex.outlets.get(" ".join(words[i : i + size]))
            if name:
                return name
    if any(w in lex.outlet_words for w in words) and not any(w in lex.platforms for w in words):
        proper = [t for t in tokens if t.pos_ == "PROPN"]
        if proper:
            return tokens[0].doc[proper[0].i : proper[-1].i + 1].text
    return None


def _media_source(sent: Span, lex: Lexicon, speakers: Speakers) -> Claimant | None:
    """ "footage shared by X", "a photograph posted by X": X shows what the media show."""
    for tok in sent:
        if tok.lemma_.lower() in lex.media_nouns:
            obj = _acl_agent(tok)
            if obj is not None:
                return _claimant(obj, lex, speakers)
    return None


def _acl_agent(noun: Token) -> Token | None:
    """The agent of a participle on ``noun``: "footage shared by X" -> X."""
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        agent = next((c for c in acl.children if c.dep_ == "agent"), None)
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if obj is not None:
            return obj
    return None


def _platform(sent: Span, lex: Lexicon) -> str | None:
    for tok in sent:
        name = lex.platforms.get(tok.lower_)
        if name:
            return name
    return None
