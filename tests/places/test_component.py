"""frontwatch_places: the mentions of the report a Doc carries, in text order."""

from __future__ import annotations

import spacy

from frontwatch.model import Document, Mention, Place
from frontwatch.places import GazetteerPlaces, PlaceMentions
from frontwatch.read import Parsed, Source, attach_source, carried, make_view

_LYMAN = Place(704204, "Lyman", 48.9901, 37.8084, "Donetsk Oblast")


class _Finder:
    def is_place(self, text: str) -> bool:
        return text == "Lyman"

    def mentions(self, parsed: Parsed) -> list[Mention]:
        text = parsed.document.text
        found = [i for i in range(len(text)) if text.startswith("Lyman", i)]
        return [Mention(parsed.document.id, i, i + 5, "Lyman", _LYMAN, 1) for i in reversed(found)]


def test_mentions_are_carried_in_text_order() -> None:
    nlp = spacy.blank("en")
    component = nlp.add_pipe("frontwatch_places")
    assert isinstance(component, PlaceMentions)
    component.finder = _Finder()
    document = Document(id="d", text="Lyman fell. Lyman was retaken.")
    view = make_view(document.text)
    doc = nlp(attach_source(nlp.make_doc(view.text), Source(document, view)))
    assert [m.start for m in carried(doc, "mentions")] == [0, 12]


def test_a_resolver_without_gazetteer_knows_no_names() -> None:
    places = GazetteerPlaces(resolver=object(), find=lambda resolver, parsed: [])
    assert places.is_place("Lyman") is False
