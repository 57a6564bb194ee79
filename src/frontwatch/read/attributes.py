"""The model's attribute ruler, remembered per token shape: the same output, much cheaper.

spaCy's ``attribute_ruler`` maps fine tags to parts of speech and morphology with a
Matcher of some 180 patterns, run over every token of every text. Almost all of them look
at one token only (its tag, lower-case form, dependency label, whether it is space), so
what they set depends only on that shape: it is worked out once per shape and remembered.
The few patterns over two tokens still run through a Matcher. Rules apply in the ruler's
own order, so a later rule still wins over an earlier one.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["COMPONENT", "RULER", "RememberedAttributes", "remember_attributes"]

RULER = "attribute_ruler"
COMPONENT = "frontwatch_remembered_attributes"
MAX_SHAPES = 200_000

_Shape = tuple[str, str, str, bool]
_Rule = tuple[int, dict[Any, Any]]


class RememberedAttributes:
    """A pipeline component equal in effect to ``ruler`` (an AttributeRuler)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single = Matcher(ruler.vocab, validate=False)
        self.longer = Matcher(ruler.vocab, validate=False)
        self.indices: list[int] = list(ruler.indices)
        for i in range(len(ruler.attrs)):
            key = str(i)
            patterns: list[list[dict[str, Any]]] = ruler.matcher.get(key)[1]
            one = [p for p in patterns if len(p) == 1]
            more = [p for p in patterns if len(p) != 1]
            if one:
                self.single.add(key, one)
            if more:
                self.longer.add(key, more)
        self.shapes: dict[_Shape, tuple[_Rule, ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        extra = self._longer_rules(doc)
        for tok in doc:
            rules = self._shape_rules(tok)
            more = extra.get(tok.i)
            if more:
                rules = tuple(sorted((*rules, *more), key=lambda r: r[0]))
            for _, attrs in rules:
                set_token_attrs(tok, attrs)
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)

    def _shape_rules(self, tok: Token) -> tuple[_Rule, ...]:
        shape = (tok.tag_, tok.lower_, tok.dep_, tok.is_space)
        found = self.shapes.get(shape)
        if found is None:
            found = self._work_out(tok)
            if len(self.shapes) < MAX_SHAPES:
                self.shapes[shape] = found
        return found

    def _work_out(self, tok: Token) -> tuple[_Rule, ...]:
        """The single-token rules that match a token like ``tok``, in the ruler's order."""
        deps = [tok.dep_] if tok.dep_ else None
        one = Doc(self.vocab, words=[tok.text], spaces=[False], tags=[tok.tag_], deps=deps)
        ids = sorted(int(self.vocab.strings[m]) for m, _, _ in self.single(one, allow_missing=True))
        return tuple((i, self.ruler.attrs[i]) for i in ids)

    def _longer_rules(self, doc: Doc) -> dict[int, list[_Rule]]:
        out: dict[int, list[_Rule]] = {}
        for match_id, start, end in self.longer(doc, allow_missing=True):
            i = int(self.vocab.strings[match_id])
            at = doc[start:end][self.indices[i]].i
            out.setdefault(at, []).append((i, self.ruler.attrs[i]))
        return out


@Language.factory(COMPONENT)
def _make_remembered(nlp: Language, name: str) -> RememberedAttributes:
    ruler = nlp.get_pipe(RULER)
    if not isinstance(ruler, AttributeRuler):
        raise TypeError(f"{RULER!r} of this pipeline is a {type(ruler).__name__}")
    return RememberedAttributes(ruler)


def remember_attributes(nlp: Language) -> Language:
    """Replace ``nlp``'s attribute ruler (where it has one) by its remembered form."""
    if RULER in nlp.pipe_names and isinstance(nlp.get_pipe(RULER), AttributeRuler):
        nlp.add_pipe(COMPONENT, after=RULER)
        nlp.remove_pipe(RULER)
    return nlp
