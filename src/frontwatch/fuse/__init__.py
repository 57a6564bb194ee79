"""Fusion: events, links between claims, independent origins, tiers and control timelines.

``Fuser(store).update(doc_ids)`` re-fuses the places those documents' claims touch;
``Fuser(store).rebuild()`` re-fuses everything; ``Fuser(store).timeline(place,
as_known_on=...)`` replays what the record said at a moment. The pure core
(``fuse_place`` over ``Fact`` records) needs no store.
"""

from __future__ import annotations

from frontwatch.fuse._context import Fact, document_facts, known_by, make_facts
from frontwatch.fuse._fuser import Fuser, FuseResult, PlaceFusion, fuse_place, group_by_place
from frontwatch.fuse._lexicon import Lexicons, lexicons
from frontwatch.fuse._time import parse_moment
from frontwatch.store.periods import control_on

__all__ = [
    "Fact",
    "FuseResult",
    "Fuser",
    "Lexicons",
    "PlaceFusion",
    "control_on",
    "document_facts",
    "fuse_place",
    "group_by_place",
    "known_by",
    "lexicons",
    "make_facts",
    "parse_moment",
]
