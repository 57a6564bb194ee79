"""Headlines: the title line a report's text opens with, before its body.

A headline restates what the body reports (and drops the attribution), so later stages
need to know which characters are the headline: :func:`headline_span` gives them as
offsets into the text it was given. Only the first lines are looked at, so any input is
cheap.
"""

from __future__ import annotations

import re

from frontwatch.read.dateline import LINE_LIMIT, find_dateline

__all__ = ["headline_span"]

#: How long a headline may be (a longer first line is a paragraph of the body).
HEADLINE_LIMIT = 200
#: Characters a headline does not end with: a line that ends so is a sentence of the body
#: or runs on into the next line. A question mark may end a headline.
_NOT_LAST = ".!,;:"
_BLANK_LINE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\f\v]*(?:\n|$)")


def headline_span(text: str, title: str | None = None) -> tuple[int, int] | None:
    """Where the headline of ``text`` is: ``title`` where the text opens with it (within
    its first lines), else a short first line that ends no sentence and is followed by a
    blank line or a dateline; None where the text opens with its body."""
    if title and title.strip():
        found = text.find(title.strip(), 0, len(title) + 2 * LINE_LIMIT)
        if found >= 0:
            return found, found + len(title.strip())
    return _first_line_headline(text)


def _first_line_headline(text: str) -> tuple[int, int] | None:
    opening = text[:LINE_LIMIT]
    if not opening.strip():
        return None
    start = len(opening) - len(opening.lstrip())
    newline = text.find("\n", start, start + HEADLINE_LIMIT + 1)
    if newline < 0:
        return None
    line = text[start:newline].rstrip()
    end = start + len(line)
    if not line or line[-1] in _NOT_LAST or not any(c.isalpha() for c in line):
        return None
    if find_dateline(line) is not None:
        return None  # "KYIV (AP) — …" opens the body
    rest = text[newline : newline + LINE_LIMIT + 2]
    if _BLANK_LINE.match(rest) or _opens_with_dateline(rest):
        return start, end
    return None


def _opens_with_dateline(rest: str) -> bool:
    found = find_dateline(rest.lstrip("\r\n"))
    return found is not None and found.start == 0
