"""The model's rule lemmatizer, remembered: the same lemmas, set by number, not by string.

spaCy's rule lemmatizer already caches its answer per (word, part of speech, morphology),
but still goes through Python string setters for every token. This component keeps the
same cache key and sets each token's lemma by its string id, computing a lemma only the
first time a key is seen (through the model's own lemmatizer).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

__all__ = ["COMPONENT", "LEMMATIZER", "RememberedLemmas", "remember_lemmas"]

LEMMATIZER = "lemmatizer"
COMPONENT = "frontwatch_remembered_lemmas"
MAX_KEYS = 500_000


class RememberedLemmas:
    """A pipeline component equal in effect to ``lemmatizer`` (not overwriting lemmas)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        known = self.known
        for tok in doc:
            if tok.lemma != 0 and not self.lemmatizer.overwrite:
                continue
            key = (tok.orth, tok.pos, tok.morph.key)  # type: ignore[attr-defined]
            lemma = known.get(key)
            if lemma is None:
                lemma = self.strings.add(self.lemmatizer.lemmatize(tok)[0])
                if len(known) < MAX_KEYS:
                    known[key] = lemma
            tok.lemma = lemma
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


@Language.factory(COMPONENT)
def _make_remembered(nlp: Language, name: str) -> RememberedLemmas:
    lemmatizer = nlp.get_pipe(LEMMATIZER)
    if not isinstance(lemmatizer, Lemmatizer):
        raise TypeError(f"{LEMMATIZER!r} of this pipeline is a {type(lemmatizer).__name__}")
    return RememberedLemmas(lemmatizer)


def remember_lemmas(nlp: Language) -> Language:
    """Replace ``nlp``'s rule lemmatizer (where it has one) by its remembered form."""
    pipe = nlp.get_pipe(LEMMATIZER) if LEMMATIZER in nlp.pipe_names else None
    if isinstance(pipe, Lemmatizer) and pipe.mode == "rule":
        nlp.add_pipe(COMPONENT, after=LEMMATIZER)
        nlp.remove_pipe(LEMMATIZER)
    return nlp
