"""A cheap sentence splitter for pre-filtering, before any parsing.

It only has to cut a view's text into pieces no larger than a sentence or two so that a
pre-filter can keep the pieces worth parsing; the parser then segments those properly.
Abbreviations such as "U.S." and "Gen." do not end a piece.
"""

from __future__ import annotations

import re

from frontwatch._words import word_list

_END = re.compile(r"""(?<=[.!?])["')\]]*\s+(?=["'(\[]?[A-Z0-9])|\n\n""")
_ABBREVIATIONS = word_list("read", "abbreviations.txt")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
MAX_PIECE = 2000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans [start, end) of sentence-like pieces of ``text``, covering every non-space
    character."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if _is_abbreviation(text[start : match.start()]):
            continue
        spans.extend(_pieces(text, start, match.start()))
        start = match.end()
    spans.extend(_pieces(text, start, len(text)))
    return spans


def _is_abbreviation(piece: str) -> bool:
    found = _LAST_WORD.search(piece.rstrip("\"')]"))
    if not found:
        return False
    word = found.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or len(word) == 1


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    return [(s, min(s + MAX_PIECE, end)) for s in range(start, end, MAX_PIECE)]
