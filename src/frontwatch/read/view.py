"""A normalised view of a stored text, with an exact map back to stored offsets.

Hard-wrapped lines are joined, runs of spaces collapsed and typographic quotes made
plain, so the parser sees prose; every character of the view remembers where it came
from, so every offset we export points into the stored text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "`": "'",
        "\u00a0": " ",
        "\t": " ",
    }
)
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True, slots=True)
class TextView:
    """``text`` is what NLP reads; ``origin[i]`` is the stored offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]
    stored_length: int

    def to_stored(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to the stored span that covers the same characters."""
        if start >= end:
            pos = self._at(start)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def _at(self, i: int) -> int:
        return self.origin[i] if i < len(self.origin) else self.stored_length


def select_view(view: TextView, spans: list[tuple[int, int]]) -> TextView:
    """A view holding only ``spans`` of ``view`` (in order), joined by paragraph breaks.

    Offsets of the result still map to the stored text, so a parser can read just the
    sentences a pre-filter kept and every offset it reports stays exact.
    """
    chars: list[str] = []
    origin: list[int] = []
    for start, end in spans:
        if chars:
            _emit(chars, origin, "\n\n", view.origin[start])
        chars.append(view.text[start:end])
        origin.extend(view.origin[start:end])
    return TextView(text="".join(chars), origin=tuple(origin), stored_length=view.stored_length)


_WORD = re.compile(r"[^\W\d_][\w'-]*")
#: A paragraph is in title case when this share of its words of four letters or more (and
#: at least this many of them) begin with a capital: a headline, not prose.
TITLE_SHARE = 0.8
TITLE_MIN_WORDS = 3


def sentence_case(view: TextView, common: frozenset[str], keep: frozenset[str]) -> TextView:
    """The view with headlines in title case ("Ukrainian Forces Enter Kherson as Russian
    Troops Withdraw") written in sentence case: every word but the first whose lower-case
    form is a ``common`` word (and not one to ``keep``, such as "Russian") is lower-cased,
    so the tagger reads "Forces Enter" as words and "Kherson" as the only name. Only case
    changes: lengths and the map to stored offsets stay as they are."""
    parts = view.text.split("\n\n")
    changed = [_sentence_case(part, common, keep) for part in parts]
    if changed == parts:
        return view
    return TextView("\n\n".join(changed), view.origin, view.stored_length)


def _sentence_case(part: str, common: frozenset[str], keep: frozenset[str]) -> str:
    words = list(_WORD.finditer(part))
    long = [m.group() for m in words if len(m.group()) >= 4]
    capital = sum(1 for w in long if w[:1].isupper())
    if capital < TITLE_MIN_WORDS or capital < TITLE_SHARE * len(long):
        return part
    chars = list(part)
    for m in words[1:]:
        word = m.group()
        low = word.lower()
        if word[:1].isupper() and not word.isupper() and low in common and low not in keep:
            chars[m.start()] = chars[m.start()].lower()
    return "".join(chars)


def make_view(stored: str) -> TextView:
    """Build the normalised view of ``stored``."""
    chars: list[str] = []
    origin: list[int] = []
    breaks = {m.start() for m in _PARAGRAPH.finditer(stored)}
    i, n = 0, len(stored)
    while i < n:
        if i in breaks:
            j = _skip_space(stored, i)
            _emit(chars, origin, "\n\n", i)
            i = j
            continue
        ch = stored[i].translate(_QUOTES)
        if ch in " \n\r":
            j = _skip_inline_space(stored, i, breaks)
            if chars and chars[-1] not in " \n":
                _emit(chars, origin, " ", i)
            i = j
            continue
        _emit(chars, origin, ch, i)
        i += 1
    return TextView(text="".join(chars), origin=tuple(origin), stored_length=n)


def _emit(chars: list[str], origin: list[int], piece: str, at: int) -> None:
    for ch in piece:
        chars.append(ch)
        origin.append(at)


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n\u00a0":
        i += 1
    return i


def _skip_inline_space(text: str, i: int, breaks: set[int]) -> int:
    while i < len(text) and text[i] in " \t\r\n\u00a0" and i not in breaks:
        i += 1
    return i
