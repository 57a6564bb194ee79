"""Names without the NER model: people, places, organisations and dates from the tagger."""

from __future__ import annotations

import pytest
from spacy.language import Language

from frontwatch.claims.names import mark_names
from frontwatch.read.pipeline import DEFAULT_MODEL, load_nlp

PLACES = frozenset({"kharkiv", "izium", "volodymyr", "natalia", "lyman", "kharkiv oblast"})
SIDES = frozenset({"ukrainian", "russian", "zelensky"})


def _is_place(text: str) -> bool:
    return text.lower() in PLACES


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(DEFAULT_MODEL, ("ner",))


def _ents(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = mark_names(nlp(text), _is_place, SIDES)
    return {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        (
            "Ukrainian Brigadier General Oleksiy Gromov said troops entered Izium.",
            {("Oleksiy Gromov", "PERSON"), ("Izium", "GPE")},
            set(),
        ),
        (
            "Volodymyr Zelensky said the army took Lyman.",
            {("Volodymyr Zelensky", "PERSON"), ("Lyman", "GPE")},
            {("Volodymyr", "GPE")},
        ),
        (
            "Natalia Humeniuk spoke on Tuesday.",
            {("Natalia Humeniuk", "PERSON")},
            {("Natalia", "GPE")},
        ),
        (
            "Kharkiv Governor Oleh Synehubov said the city was shelled in August.",
            {("Kharkiv", "GPE"), ("Oleh Synehubov", "PERSON"), ("August", "DATE")},
            set(),
        ),
        (
            "The Defence Ministry said Kharkiv Oblast was free.",
            {("Defence Ministry", "ORG"), ("Kharkiv Oblast", "GPE")},
            set(),
        ),
        ("Gen. Lee said so.", {("Lee", "PERSON")}, set()),
    ],
)
def test_names(
    nlp: Language, text: str, expected: set[tuple[str, str]], absent: set[tuple[str, str]]
) -> None:
    found = _ents(nlp, text)
    assert expected <= found
    assert not absent & found


@pytest.mark.parametrize("text", ["", "the town was quiet.", "Lee said so."])
def test_no_name_without_evidence(nlp: Language, text: str) -> None:
    assert _ents(nlp, text) == set()
