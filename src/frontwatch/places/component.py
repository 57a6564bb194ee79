"""The places stage as a spaCy component: ``frontwatch_places`` finds a report's place mentions.

It reads the report the ``Doc`` carries (:func:`frontwatch.read.source_of`) and leaves its
mentions, in text order, for the components after it (``carried(doc, "mentions")``). What
it asks of the places stage is the :class:`PlaceFinder` protocol; by default
:class:`GazetteerPlaces`, the offline index through :class:`PlaceResolver`, loaded on use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.model import Mention
from frontwatch.places.mentions import find_mentions
from frontwatch.places.resolver import PlaceResolver
from frontwatch.read import Component, Parsed, carry, parsed_of

__all__ = ["GazetteerPlaces", "MentionFinder", "PlaceFinder", "PlaceMentions"]

#: A function that finds the mentions of a parsed report with a resolver.
MentionFinder = Callable[[Any, Parsed], list[Mention]]


class PlaceFinder(Protocol):
    """What the claims stage needs from the places stage."""

    def is_place(self, text: str) -> bool:
        """Whether ``text`` is a name the gazetteer knows."""
        ...

    def mentions(self, parsed: Parsed) -> list[Mention]:
        """Every place mention of ``parsed``, resolved."""
        ...


class GazetteerPlaces:
    """A :class:`PlaceFinder` over a resolver (default: the offline index, loaded on use).

    ``find`` replaces :func:`find_mentions` (tests pass a smaller one); ``resolver`` is
    handed to it as is, and a resolver without a ``gazetteer`` knows no names.
    """

    def __init__(self, resolver: Any = None, find: MentionFinder | None = None) -> None:
        self._resolver = resolver
        self._find: MentionFinder = find or find_mentions
        self.is_place = lru_cache(maxsize=65_536)(self._is_place)

    @property
    def resolver(self) -> Any:
        if self._resolver is None:
            self._resolver = PlaceResolver.default()
        return self._resolver

    def _is_place(self, text: str) -> bool:
        gazetteer = getattr(self.resolver, "gazetteer", None)
        return gazetteer is not None and bool(gazetteer.lookup(text))

    def mentions(self, parsed: Parsed) -> list[Mention]:
        return list(self._find(self.resolver, parsed))


class PlaceMentions(Component):
    """Finds the place mentions of the report a ``Doc`` carries; ``finder`` may be replaced."""

    def __init__(self, finder: PlaceFinder | None = None) -> None:
        super().__init__()
        self.finder: PlaceFinder = finder or GazetteerPlaces()

    def process(self, doc: Doc) -> Doc:
        mentions = sorted(self.finder.mentions(parsed_of(doc)), key=lambda m: m.start)
        return carry(doc, "mentions", mentions)


@Language.factory("frontwatch_places")
def make_place_mentions(nlp: Language, name: str) -> PlaceMentions:
    return PlaceMentions()
