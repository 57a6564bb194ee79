"""Store: documents and everything read from them, in SQLite (default) or PostgreSQL."""

from frontwatch.store.codec import event_to_json, place_key
from frontwatch.store.engine import DEFAULT_URL, resolve_url
from frontwatch.store.periods import ControlIndex, control_on
from frontwatch.store.repository import Added, Link, Store, TextFacts, open_store
from frontwatch.store.stages import Stage, StageState

__all__ = [
    "DEFAULT_URL",
    "Added",
    "ControlIndex",
    "Link",
    "Stage",
    "StageState",
    "Store",
    "TextFacts",
    "control_on",
    "event_to_json",
    "open_store",
    "place_key",
    "resolve_url",
]
