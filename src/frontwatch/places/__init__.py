"""Places: every place name of a report resolved to a gazetteer entry, offline.

resolver = PlaceResolver.default()
resolver.resolve("Izuim").place            # Izium, Kharkiv Oblast
find_mentions(resolver, parsed)            # Mention records, offsets into the stored text
"""

from frontwatch.places.gazetteer import Gazetteer
from frontwatch.places.mentions import find_mentions
from frontwatch.places.resolver import PlaceResolver, Resolution, ResolveContext

__all__ = ["Gazetteer", "PlaceResolver", "Resolution", "ResolveContext", "find_mentions"]
