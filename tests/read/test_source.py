"""A report travels on its Doc: through pickles and through spaCy's bytes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from frontwatch.model import Document
from frontwatch.read import Source, attach_source, carried, carry, make_view, parsed_of, source_of


def _doc(text: str) -> Doc:
    return Doc(Vocab(), words=text.split())


def test_source_survives_to_bytes() -> None:
    document = Document(id="d1", text="Izium  was retaken.", published="2022-09-10")
    view = make_view(document.text)
    doc = attach_source(_doc(view.text), Source(document, view, ((0, 5),)))
    back = Doc(Vocab()).from_bytes(doc.to_bytes())
    source = source_of(back)
    assert source.document == document
    assert source.view.to_stored(7, 10) == view.to_stored(7, 10)
    assert source.quotes == ((0, 5),)
    assert parsed_of(back).document.id == "d1"


@pytest.mark.parametrize("value", [[], [1, 2], {"a": (1, None)}, "text"])
def test_carry_keeps_any_value(value: object) -> None:
    assert carried(carry(_doc("a b"), "thing", value), "thing") == value


def test_nothing_carried_names_what_is_missing() -> None:
    with pytest.raises(LookupError, match="mentions"):
        carried(_doc("a b"), "mentions")


def test_source_of_refuses_another_value() -> None:
    with pytest.raises(TypeError, match="not a Source"):
        source_of(carry(_doc("a b"), "source", 3))
