"""Word lists of the read stage, kept as data files under ``frontwatch/data/read``."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def data_words(name: str) -> frozenset[str]:
    """The words of ``data/read/<name>``, one a line; ``#`` starts a comment line."""
    text = resources.files("frontwatch").joinpath("data", "read", name).read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
