"""The stored place names, read and indexed once per ``store.place_names_version()``.

Every ``place=`` filter, ``/timeline/{place}`` and ``/places/resolve`` looks a name up
among the stored places; reading them scans every claim (seconds at 1,000,000 claims), so
the server keeps them, indexed, until a write of the claims or the control periods (from
any process) moves the version. Concurrent requests after a write wait for one read.
"""

from __future__ import annotations

import threading

from frontwatch.lookup import PlaceNames
from frontwatch.store import Store


class KeptPlaceNames:
    """``PlaceNames(store.place_names())``, kept while the store's version holds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: tuple[tuple[int, int], PlaceNames] | None = None
        #: how many times every name was read: what the tests count
        self.reads = 0

    def get(self, store: Store) -> PlaceNames:
        # The version is read before the names: names newer than it are kept under the
        # older version and read again on the next request, never served stale.
        version = store.place_names_version()
        kept = self._kept
        if version is not None and kept is not None and kept[0] == version:
            return kept[1]
        with self._lock:
            kept = self._kept
            if version is not None and kept is not None and kept[0] == version:
                return kept[1]
            self.reads += 1
            names = PlaceNames(store.place_names())
            if version is not None:
                self._kept = (version, names)
            return names
