"""The remembered attribute ruler sets what the model's own ruler sets, token for token."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from frontwatch.read.attributes import COMPONENT, RULER, remember_attributes
from frontwatch.read.pipeline import DEFAULT_MODEL, load_nlp

TEXTS = [
    "Russian forces withdrew from Izium on Saturday, the ministry said.",
    "I'd say it's over, but we can't be sure: nobody knows what they'd do.",
    "The town's defenders -- some 300 -- held on.\n\nThat was it.",
    "  Spaces   and\ttabs ,, odd punctuation !! 'quoted' \"words\"",
    "",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    return spacy.load(DEFAULT_MODEL, exclude=["ner"])


def _attributes(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_pipeline_uses_it() -> None:
    nlp = load_nlp(DEFAULT_MODEL, ("ner",))
    assert COMPONENT in nlp.pipe_names
    assert RULER not in nlp.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_as_the_model(plain: Language, text: str) -> None:
    remembered = load_nlp(DEFAULT_MODEL, ("ner",))
    assert _attributes(remembered(text)) == _attributes(plain(text))


def test_twice_gives_the_same(plain: Language) -> None:
    remembered = load_nlp(DEFAULT_MODEL, ("ner",))
    docs = list(remembered.pipe(TEXTS * 2))
    assert [_attributes(d) for d in docs[: len(TEXTS)]] == [
        _attributes(d) for d in docs[len(TEXTS) :]
    ]


def test_without_a_ruler_nothing_changes() -> None:
    nlp = spacy.blank("en")
    assert remember_attributes(nlp).pipe_names == []
