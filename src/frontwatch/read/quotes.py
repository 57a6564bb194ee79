"""Quote structure: where direct quotes open and close in a view's text.

Works on the normalised view (every double quote is ``"``) and uses the stored text's
typographic marks, where there are any, to tell an opening mark from a closing one.
A quote left open at the end of a paragraph runs to the paragraph's end (the press
convention for quotes that go on in the next paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from frontwatch.read.view import TextView

_OPENING = frozenset("“„«")
_CLOSING = frozenset("”»")


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote: ``start``/``end`` include the marks (view offsets)."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, (self.end - 1 if self.closed else self.end)

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside the quote's marks."""
        return self.start < end and start < self.end and self.start <= start


def find_quotes(view: TextView, stored: str) -> list[Quote]:
    """Every direct quote in ``view``, paragraph by paragraph."""
    quotes: list[Quote] = []
    offset = 0
    for paragraph in view.text.split("\n\n"):
        quotes.extend(_paragraph_quotes(view, stored, offset, paragraph))
        offset += len(paragraph) + 2
    return quotes


def _paragraph_quotes(view: TextView, stored: str, offset: int, paragraph: str) -> list[Quote]:
    quotes: list[Quote] = []
    opened: int | None = None
    for i, ch in enumerate(paragraph):
        if ch != '"':
            continue
        at = offset + i
        mark = stored[view.origin[at]] if view.origin[at] < len(stored) else '"'
        if opened is None and mark not in _CLOSING:
            opened = at
        elif opened is not None and mark not in _OPENING:
            quotes.append(Quote(opened, at + 1))
            opened = None
        elif opened is not None:
            opened = at
    if opened is not None:
        quotes.append(Quote(opened, offset + len(paragraph), closed=False))
    return quotes


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote that holds the span [start, end) (wholly or by its start), if any."""
    for quote in quotes:
        if quote.start <= start < quote.end:
            return quote
    return None
