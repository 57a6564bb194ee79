"""frontwatch_paragraphs: hyphenated words are one token; a paragraph starts a sentence."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from frontwatch.read import Component, Paragraphs


def _blank_with_paragraphs() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("frontwatch_paragraphs")
    return nlp


def test_hyphenated_words_are_one_token() -> None:
    doc = _blank_with_paragraphs()("The counter-offensive reached pro-Kremlin lines - again.")
    texts = [t.text for t in doc]
    assert "counter-offensive" in texts
    assert "pro-Kremlin" in texts
    assert "-" in texts  # a dash between spaces stays a dash


def test_a_paragraph_break_starts_a_sentence() -> None:
    doc = _blank_with_paragraphs()("Troops entered the town\n\nresidents said")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "residents" in starts


def test_components_count_their_seconds() -> None:
    class Slow(Component):
        def process(self, doc: Doc) -> Doc:
            sum(range(10_000))
            return doc

    slow = Slow()
    slow(spacy.blank("en")("a b"))
    assert slow.seconds > 0.0
    assert Paragraphs().seconds == 0.0
