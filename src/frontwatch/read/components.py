"""The read stage's spaCy component, and the base every frontwatch component shares.

``frontwatch_paragraphs`` runs first, straight after the tokenizer: one token for a
hyphenated word ("counter-offensive", "pro-Kremlin": the lexicon's words) and a sentence
start after every paragraph break, which the parser then respects.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod

from spacy.language import Language
from spacy.tokens import Doc, Span

__all__ = ["Component", "Paragraphs"]


class Component(ABC):
    """A pipeline component that counts the seconds it spends (``seconds``, summed)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, doc: Doc) -> Doc:
        started = time.perf_counter()
        try:
            return self.process(doc)
        finally:
            self.seconds += time.perf_counter() - started

    @abstractmethod
    def process(self, doc: Doc) -> Doc:
        """Annotate ``doc`` and return it."""


class Paragraphs(Component):
    """Hyphenated words joined, and a sentence start after every paragraph break."""

    def process(self, doc: Doc) -> Doc:
        doc = _join_hyphens(doc)
        after_break = False
        for tok in doc:
            if after_break and not tok.is_space:
                tok.is_sent_start = True
                after_break = False
            if "\n\n" in tok.text or "\n\n" in tok.whitespace_:
                after_break = True
        return doc


@Language.factory("frontwatch_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> Paragraphs:
    return Paragraphs()


def _join_hyphens(doc: Doc) -> Doc:
    spans = []
    for tok in doc[1:-1]:
        left, right = doc[tok.i - 1], doc[tok.i + 1]
        if (
            tok.text == "-"
            and not left.whitespace_
            and not tok.whitespace_
            and left.is_alpha
            and right.is_alpha
        ):
            spans.append(doc[left.i : right.i + 1])
    with doc.retokenize() as retokenizer:
        for span in _disjoint(spans):
            retokenizer.merge(span)
    return doc


def _disjoint(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            out[-1] = out[-1].doc[out[-1].start : span.end]
        else:
            out.append(span)
    return out
