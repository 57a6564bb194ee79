"""Word lists shared by the stages, kept as data files under ``frontwatch/data``."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(*parts: str) -> frozenset[str]:
    """The words of ``data/<parts...>``, one a line; ``#`` starts a comment line."""
    text = resources.files("frontwatch").joinpath("data", *parts).read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
