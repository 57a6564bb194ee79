"""Datelines: the "KYIV, Ukraine (AP) —" that opens a wire or newspaper report.

A dateline gives the report's place, often its day and the outlet that filed it; it is
never a claim. :func:`find_dateline` looks for one at the start of the text, or at the
start of the body after a title line or two, and returns its span as offsets into the
text it was given, so that later stages can read past it.

The forms (ending dashes, outlet marks, month names, words that are no place) are data:
``data/read/dateline.toml``. Matching is a handful of anchored regular expressions, each
bounded to the first :data:`LINE_LIMIT` characters of a line, so any input is cheap.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LINE_LIMIT", "MAX_LINES", "Dateline", "find_dateline"]

#: How far into a line a dateline may reach.
LINE_LIMIT = 300
#: How many non-blank lines (a title, a byline, then the body) may precede the dateline.
MAX_LINES = 3
#: A report is not datelined after it is published: a month and day without a year that
#: would fall more than this after publication (time zones) is of the year before.
_AHEAD = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Dateline:
    """One dateline: ``text[start:end]`` runs from the place to the dash (or colon, or
    outlet mark) that ends it. ``place`` is the name as written; ``day`` is None where the
    dateline has no date, or a month and day whose year nothing gives."""

    start: int
    end: int
    place: str
    day: date | None
    outlet: str | None


@dataclass(frozen=True, slots=True)
class _Form:
    pattern: re.Pattern[str]
    has_outlet: bool


def find_dateline(text: str, published: date | None = None) -> Dateline | None:
    """The dateline of ``text``, or None. ``published`` gives the year of a dateline
    that names a month and day only."""
    for start in _line_starts(text):
        found = _match_at(text, start, published)
        if found is not None:
            return found
    return None


def _line_starts(text: str) -> list[int]:
    """Where the first :data:`MAX_LINES` non-blank lines begin (after their indent); a
    line longer than :data:`LINE_LIMIT` is body text, so none after it is looked at."""
    starts: list[int] = []
    pos = 0
    while len(starts) < MAX_LINES and pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
            if pos > LINE_LIMIT * (MAX_LINES + 1):
                return starts
        if pos >= len(text):
            break
        starts.append(pos)
        newline = text.find("\n", pos, pos + LINE_LIMIT + 1)
        if newline < 0:
            break
        pos = newline + 1
    return starts


def _match_at(text: str, start: int, published: date | None) -> Dateline | None:
    end = min(len(text), start + LINE_LIMIT)
    for form in _forms():
        match = form.pattern.match(text, start, end)
        if match is None:
            continue
        found = _dateline(match, form, published)
        if found is not None:
            return found
    return None


def _dateline(match: re.Match[str], form: _Form, published: date | None) -> Dateline | None:
    place = match.group("place")
    if not _is_place(place):
        return None
    dated = match.group("month1") or match.group("month2")
    if not (place.isupper() or dated or form.has_outlet):
        return None  # "Front lines — ..." is a headline, not a dateline
    if match.group().endswith(":") and not (place.isupper() and (dated or form.has_outlet)):
        return None  # "Kyiv, 24 February 2022: a year on" is a headline, "MODERATOR:" a speaker
    outlet = match.group("outlet").strip() if form.has_outlet else None
    return Dateline(
        start=match.start(),
        end=match.end(),
        place=place,
        day=_day(match, published),
        outlet=outlet or None,
    )


def _is_place(place: str) -> bool:
    words = re.split(r"[\s\-]+", place.casefold())
    letters = sum(c.isalpha() for c in place)
    return letters >= 2 and not any(w.strip(".'’") in _data().not_places for w in words)


def _day(match: re.Match[str], published: date | None) -> date | None:
    month_name = match.group("month1") or match.group("month2")
    if not month_name:
        return None
    month = _data().months[month_name.casefold().rstrip(".")]
    day = int(match.group("day1") or match.group("day2"))
    year_text = match.group("year1") or match.group("year2")
    if year_text:
        return _safe_date(int(year_text), month, day)
    if published is None:
        return None
    guess = _safe_date(published.year, month, day)
    if guess is not None and guess - published > _AHEAD:
        return _safe_date(published.year - 1, month, day)
    return guess


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "February 30": a dateline still, with no day
        return None


@dataclass(frozen=True, slots=True)
class _Data:
    months: dict[str, int]
    not_places: frozenset[str]
    dashes: tuple[str, ...]
    colon: bool
    outlets: tuple[tuple[str, bool], ...]


@cache
def _data() -> _Data:
    raw = resources.files("frontwatch").joinpath("data", "read", "dateline.toml").read_text("utf-8")
    obj: dict[str, Any] = tomllib.loads(raw)
    return _Data(
        months={str(k): int(v) for k, v in obj["months"].items()},
        not_places=frozenset(str(w).casefold() for w in obj["not_place_words"]),
        dashes=tuple(str(d) for d in obj["dashes"]),
        colon=bool(obj.get("colon", False)),
        outlets=tuple((str(o["pattern"]), bool(o["ends"])) for o in obj["outlets"]),
    )


@cache
def _upper() -> str:
    """A character class of every upper-case letter (``re`` has no ``\\p{Lu}``)."""
    letters = "".join(chr(i) for i in range(sys.maxunicode + 1) if chr(i).isupper())
    return "[" + re.escape(letters) + "]"


@cache
def _forms() -> tuple[_Form, ...]:
    """One anchored pattern per outlet mark, then one with no outlet."""
    data = _data()
    word = _upper() + r"[\w'’.]*(?:-[\w'’.]+)*"
    name = rf"{word}(?:[ \t]+{word}){{0,3}}"
    month = "(?i:" + "|".join(sorted(map(re.escape, data.months), key=len, reverse=True)) + r")"
    dated = (
        rf"(?:(?P<month1>{month})\.?[ \t]+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?[ \t]+(?P<year1>\d{{4}}))?"
        rf"|(?P<day2>\d{{1,2}})[ \t]+(?P<month2>{month})\.?(?:,?[ \t]+(?P<year2>\d{{4}}))?)"
        r"(?!\w)"
    )
    head = rf"(?P<place>{name})(?:[ \t]*,[ \t]*{name}){{0,2}}(?:[ \t]*,[ \t]*{dated})?"
    dash = "|".join(
        re.escape(d) + (r"(?=\s)" if d.strip("-") == "" and len(d) == 1 else "")
        for d in sorted(data.dashes, key=len, reverse=True)
    )
    colon = r"|:(?=\s)" if data.colon else ""
    end = rf"[ \t]*(?:{dash}{colon})"
    forms = [
        _Form(re.compile(rf"{head}\.?[ \t]*{mark}" + ("" if ends else end)), True)
        for mark, ends in data.outlets
    ]
    forms.append(_Form(re.compile(head + end), False))
    return tuple(forms)
