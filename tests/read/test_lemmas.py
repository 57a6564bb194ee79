"""The remembered lemmatizer gives the model's own lemmas, token for token."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from frontwatch.read.lemmas import COMPONENT, LEMMATIZER, remember_lemmas
from frontwatch.read.pipeline import DEFAULT_MODEL, load_nlp

TEXTS = [
    "Russian forces withdrew from Izium; the towns were retaken and troops were redeployed.",
    "I'd say it's over, but we can't be sure: nobody knows what they'd do.",
    "The better-armed units had been fighting, were fought off and fought back.\n\nThey left.",
    "",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    return spacy.load(DEFAULT_MODEL, exclude=["ner"])


def test_pipeline_uses_it() -> None:
    nlp = load_nlp(DEFAULT_MODEL, ("ner",))
    assert COMPONENT in nlp.pipe_names
    assert LEMMATIZER not in nlp.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_lemmas_as_the_model(plain: Language, text: str) -> None:
    remembered = load_nlp(DEFAULT_MODEL, ("ner",))
    for _ in range(2):  # the second time from what it remembered
        assert [t.lemma_ for t in remembered(text)] == [t.lemma_ for t in plain(text)]


def test_without_a_lemmatizer_nothing_changes() -> None:
    nlp = spacy.blank("en")
    assert remember_lemmas(nlp).pipe_names == []
