"""Places: every place name of a report resolved to a gazetteer entry, offline.

resolver = PlaceResolver.default()
resolver.resolve("Izuim").place            # Izium, Kharkiv Oblast
find_mentions(resolver, parsed)            # Mention records, offsets into the stored text

Importing it registers the ``frontwatch_places`` spaCy component.
"""

from frontwatch.places.component import GazetteerPlaces, MentionFinder, PlaceFinder, PlaceMentions
from frontwatch.places.gazetteer import Gazetteer
from frontwatch.places.mentions import find_mentions
from frontwatch.places.resolver import PlaceResolver, Resolution, ResolveContext

__all__ = [
    "Gazetteer",
    "GazetteerPlaces",
    "MentionFinder",
    "PlaceFinder",
    "PlaceMentions",
    "PlaceResolver",
    "Resolution",
    "ResolveContext",
    "find_mentions",
]
