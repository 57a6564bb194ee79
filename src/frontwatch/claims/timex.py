"""Event times in claims: time expressions resolved against the report's publication date.

``find_times(sentence, published)`` finds every time expression in a sentence (longest
match first, non-overlapping) and resolves it to an interval with a granularity;
``resolve_time(expression, published)`` resolves one expression given on its own.

    >>> from datetime import date
    >>> [(m.time.text, m.time.start, m.time.end, m.kind)
    ...  for m in find_times("Kyiv said on Thursday night it had advanced", date(2022, 9, 8))]
    [('on Thursday night', '2022-09-08', '2022-09-08', 'point')]

Rules (the gold README's "Event time" conventions):

- weekdays ("late Thursday", "earlier on Thursday") are the latest such day on or before
  publication; "last Thursday" the one before that when publication is a Thursday;
- day and month without a year take the publication year when that date is not after
  publication, or falls in the publication month (a deadline later this month is this
  month's, not last year's); otherwise the year before;
- "early/mid/late August" are days 1-10, 11-20, 21-end; "this week" is the ISO week;
- durations that end at the report ("in the past 24 hours", "six months of occupation")
  are ranges ending at publication; "to date", "so far" start at the full-scale invasion
  (``reference.war_start`` in the data file, 2022-02-24);
- expressions that say no date ("soon", "early in the war", "after six months of war") are
  kept as undated mentions, start/end/granularity null.

With no publication date only expressions that carry a year resolve; the others become
undated mentions in ``find_times`` and ``None`` from ``resolve_time`` (never a guess).
Words and phrases come from ``data/timex.json`` (sources ``data/src/timex/``, built by
``scripts/build_timex.py``); dateparser reads the absolute dates this grammar does not
(other formats, Ukrainian and Russian month names).
"""

from __future__ import annotations

import calendar
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

import dateparser
from dateutil.relativedelta import relativedelta

from frontwatch.claims.quantity import number_regex, parse_number
from frontwatch.model import EventTime

__all__ = ["EXTRACTOR", "TimeMention", "find_times", "resolve_time"]

EXTRACTOR = "frontwatch.timex@1"

MentionKind = Literal["point", "duration", "range", "undated"]

_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_SPAN_DASH = r"(?:\s*[-–—]\s*|\s+(?:to|and|until|till|through)\s+)"
_EDGE_PUNCT = " \t\n\"'“”‘’.,;:()[]"
_RELATIVE_WORDS = re.compile(
    r"\b(?:hours?|days?|weeks?|months?|years?|ago|last|next|this|past|later|earlier)\b", re.I
)
_DATEPARSER_LANGUAGES = ["en", "uk", "ru"]


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression in a text: ``time.text == text[start:end]``.

    ``kind`` is ``point`` (a day, week, month or year), ``duration`` (a stretch ending at
    the report), ``range`` (from one day to another) or ``undated`` (no date can be given).
    """

    start: int
    end: int
    time: EventTime
    kind: str


@dataclass(frozen=True, slots=True)
class _Value:
    """A resolution: the interval, its granularity and the mention kind."""

    start: date | None
    end: date | None
    granularity: str | None
    kind: MentionKind


UNDATED: Final = _Value(None, None, None, "undated")


@dataclass(frozen=True, slots=True)
class _Context:
    published: date | None
    anchor: date | None
    lex: _Lexicon


Resolver = Callable[[re.Match[str], _Context], _Value | None]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    value: _Value | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    war_start: date
    months: dict[str, int]
    weekdays: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    units: dict[str, tuple[str, int]]
    undated_heads: frozenset[str]
    one_words: frozenset[str]
    vague_counts: frozenset[str]
    phrases: dict[str, dict[str, Any]]
    rules: tuple[_Rule, ...]
    bare_duration: re.Pattern[str]


# ---------------------------------------------------------------- public API


def find_times(
    text: str, published: date | None, *, anchor: date | None = None
) -> list[TimeMention]:
    """Every time expression in ``text``, in text order, non-overlapping, longest first.

    ``anchor`` is the date of the happening the text is about, where the caller knows it
    from elsewhere; "the next day" and "two days later" resolve against it.
    """
    ctx = _Context(published, anchor, _lexicon())
    return [_to_mention(text, cand) for cand in _select(_candidates(text, ctx), text, ctx)]


def resolve_time(
    expression: str, published: date | None, *, anchor: date | None = None
) -> EventTime | None:
    """The event time one expression gives, or None where it cannot be given.

    An expression that is a time but says no date ("soon") gives an EventTime with
    start, end and granularity null. One that needs the publication date (or anchor) when
    none is known gives None.
    """
    phrase = expression.strip(_EDGE_PUNCT)
    if not phrase:
        return None
    ctx = _Context(published, anchor, _lexicon())
    chosen = _select(_candidates(phrase, ctx), phrase, ctx)
    whole = [c for c in chosen if c.start == 0 and c.end == len(phrase)]
    if not whole and (bare := ctx.lex.bare_duration.fullmatch(phrase)):
        return _event_time_or_none(_past_value(bare, ctx), expression.strip())
    value = whole[0].value if whole else _dateparser_value(phrase, published)
    if value is None and not whole:
        value = _best_inner(chosen)
    return _event_time_or_none(value, expression.strip())


def _event_time_or_none(value: _Value | None, words: str) -> EventTime | None:
    return _event_time(value, words) if value is not None else None


# ---------------------------------------------------------------- scanning


def _candidates(text: str, ctx: _Context) -> list[_Candidate]:
    found = []
    for rule in ctx.lex.rules:
        for match in rule.pattern.finditer(text):
            found.append(_Candidate(match.start(), match.end(), rule.resolve(match, ctx)))
    return found


def _select(found: Sequence[_Candidate], text: str, ctx: _Context) -> list[_Candidate]:
    """Longest first, then leftmost; overlapping shorter candidates are dropped."""
    chosen: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return _join_ranges(sorted(chosen, key=lambda c: c.start), text, ctx)


_JOIN = re.compile(r"\s*(?:[-–—]|to|until|till|through|and)\s*$", re.I)
_JOIN_LEAD = re.compile(r"(?:from|between)\s+$", re.I)


def _join_ranges(chosen: list[_Candidate], text: str, ctx: _Context) -> list[_Candidate]:
    """ "from Monday to Wednesday", "from 30 August to 2 September": one range."""
    out: list[_Candidate] = []
    for cand in chosen:
        prev = out[-1] if out else None
        joined = _joined(prev, cand, text) if prev is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(cand)
    return out


def _joined(prev: _Candidate, cur: _Candidate, text: str) -> _Candidate | None:
    gap = text[prev.end : cur.start]
    lead = _JOIN_LEAD.search(text, 0, prev.start)
    if not _JOIN.match(gap) or (gap.strip().lower() == "and" and lead is None):
        return None
    first, last = prev.value, cur.value
    if first is None or last is None or first.kind != "point" or last.kind != "point":
        return None
    if first.start is None or last.end is None or first.start > last.end:
        return None
    start = lead.start() if lead is not None else prev.start
    return _Candidate(start, cur.end, _Value(first.start, last.end, "range", "range"))


def _to_mention(text: str, cand: _Candidate) -> TimeMention:
    value = cand.value if cand.value is not None else UNDATED
    time = _event_time(value, text[cand.start : cand.end])
    return TimeMention(cand.start, cand.end, time, value.kind)


def _event_time(value: _Value, words: str) -> EventTime:
    return EventTime(
        start=value.start.isoformat() if value.start else None,
        end=value.end.isoformat() if value.end else None,
        granularity=value.granularity,
        text=words,
    )


def _best_inner(chosen: Sequence[_Candidate]) -> _Value | None:
    """For an expression with words around its time: its first dated part, else undated."""
    values = [c.value for c in chosen]
    dated = [v for v in values if v is not None and v.start is not None]
    if dated:
        return dated[0]
    return UNDATED if any(v is not None for v in values) else None


# ---------------------------------------------------------------- calendar arithmetic


def _day(day: date) -> _Value:
    return _Value(day, day, "day", "point")


def _week(day: date) -> _Value:
    monday = day - timedelta(days=day.weekday())
    return _Value(monday, monday + timedelta(days=6), "week", "point")


def _month(year: int, month: int) -> _Value:
    last = calendar.monthrange(year, month)[1]
    return _Value(date(year, month, 1), date(year, month, last), "month", "point")


def _year(year: int) -> _Value:
    return _Value(date(year, 1, 1), date(year, 12, 31), "year", "point")


def _range(start: date, end: date, kind: MentionKind = "range") -> _Value:
    return _Value(start, end, "range", kind)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int | None, published: date) -> int:
    """The year of a day-and-month (or a month) written without one."""
    if month == published.month:
        return published.year
    if month < published.month or (day is not None and (month, day) <= _md(published)):
        return published.year
    return published.year - 1


def _md(day: date) -> tuple[int, int]:
    return day.month, day.day


def _last_weekday(weekday: int, published: date, strictly_before: bool = False) -> date:
    back = (published.weekday() - weekday) % 7
    if strictly_before and back == 0:
        back = 7
    return published - timedelta(days=back)


def _since(value: _Value | None, ctx: _Context) -> _Value | None:
    """ "since X": from the start of X to publication (open-ended where that is unknown)."""
    if value is None or value.start is None:
        return value
    if ctx.published is None:
        return _Value(value.start, None, "range", "range")
    if value.start > ctx.published:
        return value
    return _range(value.start, ctx.published)


def _with_prep(match: re.Match[str], value: _Value | None, ctx: _Context) -> _Value | None:
    prep = (match.groupdict().get("prep") or "").lower()
    return _since(value, ctx) if prep == "since" else value


# ---------------------------------------------------------------- resolvers


def _date_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    month = ctx.lex.months[_key(match.group("month"))]
    day = int(re.sub(r"\D", "", match.group("day")))
    year = _explicit_year(match, ctx, month, day)
    if year is None:
        return None
    found = _safe_date(year, month, day)
    return _with_prep(match, _day(found), ctx) if found else UNDATED


def _explicit_year(match: re.Match[str], ctx: _Context, month: int, day: int | None) -> int | None:
    """The written year; else the one the publication date implies; else, in an undated
    text, the year that puts the date nearest the happening the text last dated."""
    written = match.groupdict().get("year")
    if written:
        return int(written)
    if ctx.published:
        return _year_for(month, day, ctx.published)
    return _nearest_year(month, day or 1, ctx.anchor) if ctx.anchor else None


def _nearest_year(month: int, day: int, anchor: date) -> int | None:
    options = [
        (abs((found - anchor).days), found.year)
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (found := _safe_date(year, month, day)) is not None
    ]
    return min(options)[1] if options else None


def _day_range_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    month = ctx.lex.months[_key(match.group("month"))]
    first, last = (int(re.sub(r"\D", "", match.group(g))) for g in ("d1", "d2"))
    year = _explicit_year(match, ctx, month, first)
    if year is None:
        return None
    start, end = _safe_date(year, month, first), _safe_date(year, month, last)
    if start is None or end is None or start > end:
        return UNDATED
    return _range(start, end)


def _slashed_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """9/10/2022 only where one number cannot be a month; 3/4/2022 stays undated."""
    year, first, second = (int(match.group(g)) for g in ("year", "a", "b"))
    if first > 12:
        found = _safe_date(year, second, first)
    elif second > 12:
        found = _safe_date(year, first, second)
    else:
        return UNDATED  # 03/04/2022: March 4 or 3 April; the text does not say
    return _with_prep(match, _day(found), ctx) if found else UNDATED


def _month_part_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    month = ctx.lex.months[_key(match.group("month"))]
    first, last = ctx.lex.month_parts[_key(match.group("part"))]
    year = _explicit_year(match, ctx, month, None)
    if year is None:
        return None
    last = min(last, calendar.monthrange(year, month)[1])
    return _with_prep(match, _range(date(year, month, first), date(year, month, last)), ctx)


def _month_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    month = ctx.lex.months[_key(match.group("month"))]
    year = _explicit_year(match, ctx, month, None)
    if year is None:
        return None
    return _with_prep(match, _month(year, month), ctx)


def _part_of_near_month_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "late last month", "early this month": that part of the month of publication or
    of the one before."""
    if ctx.published is None:
        return None
    year, month = ctx.published.year, ctx.published.month
    if _key(match.group("rel")) == "last":
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    first, last = ctx.lex.month_parts[_key(match.group("part"))]
    last = min(last, calendar.monthrange(year, month)[1])
    return _with_prep(match, _range(date(year, month, first), date(year, month, last)), ctx)


def _last_month_name_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "last November": the latest November before the month of publication."""
    if ctx.published is None:
        return None
    month = ctx.lex.months[_key(match.group("month"))]
    year = ctx.published.year if month < ctx.published.month else ctx.published.year - 1
    return _with_prep(match, _month(year, month), ctx)


def _year_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    return _with_prep(match, _year(int(match.group("year"))), ctx)


def _weekday_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.published is None:
        return None
    weekday = ctx.lex.weekdays[_key(match.group("wd"))]
    mod = _key(match.group("mod") or "")
    if mod == "next":
        ahead = (weekday - ctx.published.weekday()) % 7 or 7
        return _day(ctx.published + timedelta(days=ahead))
    found = _last_weekday(weekday, ctx.published, strictly_before=mod == "last")
    return _since(_day(found), ctx) if mod == "since" else _day(found)


def _day_of_month_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    day = int(re.sub(r"\D", "", match.group("day")))
    reference = ctx.published
    if reference is None:
        return _nearest_day_of_month(match, day, ctx.anchor, ctx) if ctx.anchor else None
    for back in range(12):
        first = date(reference.year, reference.month, 1) - relativedelta(months=back)
        found = _safe_date(first.year, first.month, day)
        if found is not None and found <= reference:
            return _with_prep(match, _day(found), ctx)
    return UNDATED


def _nearest_day_of_month(
    match: re.Match[str], day: int, anchor: date, ctx: _Context
) -> _Value | None:
    """ "On the 9th" in an undated text: that day of the month nearest the last dated one."""
    months = (date(anchor.year, anchor.month, 1) + relativedelta(months=n) for n in (-1, 0, 1))
    found = [d for m in months if (d := _safe_date(m.year, m.month, day)) is not None]
    if not found:
        return UNDATED
    return _with_prep(match, _day(min(found, key=lambda d: abs((d - anchor).days))), ctx)


def _delta(match: re.Match[str], ctx: _Context) -> relativedelta | None:
    """The length an expression counts ("two days", "24 hours", "a week"); None if vague."""
    count_words = _key(match.groupdict().get("n") or "")
    if count_words in ctx.lex.vague_counts:
        return None
    count = 1.0 if not count_words or count_words in ctx.lex.one_words else None
    count = count if count is not None else parse_number(count_words)
    if count is None or count <= 0:
        return None
    field, per = ctx.lex.units[_key(match.group("unit"))]
    if field == "hours":
        return relativedelta(days=math.ceil(count * per / 24))
    return _unit_delta(field, int(count * per))


def _unit_delta(field: str, count: int) -> relativedelta:
    if field == "weeks":
        return relativedelta(weeks=count)
    if field == "months":
        return relativedelta(months=count)
    if field == "years":
        return relativedelta(years=count)
    return relativedelta(days=count)


def _past_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "in the past 24 hours", "over the past two days": a stretch ending at publication."""
    delta = _delta(match, ctx)
    if delta is None:
        return UNDATED
    if ctx.published is None:
        return None
    return _range(ctx.published - delta, ctx.published, "duration")


def _of_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "six months of Russian occupation" ends at publication; "six months of war" is undated."""
    if _key(match.group("head")) in ctx.lex.undated_heads:
        return UNDATED
    return _past_value(match, ctx)


def _ago_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    delta = _delta(match, ctx)
    if delta is None:
        return UNDATED
    if ctx.published is None:
        return None
    return _at_granularity(ctx.published - delta, ctx.lex.units[_key(match.group("unit"))][0])


def _at_granularity(day: date, field: str) -> _Value:
    if field == "weeks":
        return _week(day)
    if field == "months":
        return _month(day.year, day.month)
    if field == "years":
        return _year(day.year)
    return _day(day)


def _later_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """ "two days later": from the anchor the caller gives; approximate counts stay undated."""
    delta = _delta(match, ctx)
    if delta is None or match.group("qual"):
        return UNDATED
    if ctx.anchor is None:
        return None
    field = ctx.lex.units[_key(match.group("unit"))][0]
    sign = -1 if _key(match.group("rel")) in {"earlier", "before"} else 1
    return _at_granularity(ctx.anchor + sign * delta, field)


def _phrase_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    entry = ctx.lex.phrases[_key(match.group(0))]
    rule = str(entry["rule"])
    if rule == "undated":
        return UNDATED
    if rule == "war_start":
        return _day(ctx.lex.war_start)
    if rule == "anchor":
        return _day(ctx.anchor + timedelta(days=int(entry["offset"]))) if ctx.anchor else None
    if ctx.published is None:
        return None
    return _PHRASE_RULES[rule](ctx.published, int(entry.get("offset", 0)), ctx.lex)


def _offset_day(p: date, n: int, lex: _Lexicon) -> _Value:
    return _day(p + timedelta(days=n))


def _offset_week(p: date, n: int, lex: _Lexicon) -> _Value:
    return _week(p + timedelta(weeks=n))


def _offset_month(p: date, n: int, lex: _Lexicon) -> _Value:
    moved = p + relativedelta(months=n)
    return _month(moved.year, moved.month)


def _offset_year(p: date, n: int, lex: _Lexicon) -> _Value:
    return _year(p.year + n)


def _week_to_date(p: date, n: int, lex: _Lexicon) -> _Value:
    return _range(p - timedelta(days=p.weekday()), p)


def _month_to_date(p: date, n: int, lex: _Lexicon) -> _Value:
    return _range(p.replace(day=1), p)


def _year_to_date(p: date, n: int, lex: _Lexicon) -> _Value:
    return _range(date(p.year, 1, 1), p)


def _war_to_date(p: date, n: int, lex: _Lexicon) -> _Value:
    return _range(lex.war_start, p) if lex.war_start <= p else UNDATED


def _weekend(p: date, n: int, lex: _Lexicon) -> _Value:
    saturday = _last_weekday(5, p)
    return _range(saturday, saturday + timedelta(days=1))


_PHRASE_RULES: dict[str, Callable[[date, int, _Lexicon], _Value]] = {
    "day": _offset_day,
    "week": _offset_week,
    "month": _offset_month,
    "year": _offset_year,
    "week_to_date": _week_to_date,
    "month_to_date": _month_to_date,
    "year_to_date": _year_to_date,
    "war_to_date": _war_to_date,
    "weekend": _weekend,
}


# ---------------------------------------------------------------- dateparser fallback


def _dateparser_value(phrase: str, published: date | None) -> _Value | None:
    """Absolute dates in forms this grammar does not know ("8 вересня 2022", "Sep 8th '22").

    Only phrases with a figure and no relative word go to dateparser: it reads "six
    months" as a date and resolves weekdays to the week before.
    """
    if not re.search(r"\d", phrase) or _RELATIVE_WORDS.search(phrase):
        return None
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    data = dateparser.date.DateDataParser(
        languages=_DATEPARSER_LANGUAGES, settings=settings
    ).get_date_data(phrase)
    found, parts = data["date_obj"], tuple(data["parts"] or ())
    if found is None or "month" not in parts:
        return None
    return _from_parts(found.date(), parts, published)


def _from_parts(found: date, parts: tuple[str, ...], published: date | None) -> _Value | None:
    year = found.year
    if "year" not in parts:
        if published is None:
            return None
        year = _year_for(found.month, found.day if "day" in parts else None, published)
    if "day" not in parts:
        return _month(year, found.month)
    day = _safe_date(year, found.month, found.day)
    return _day(day) if day else None


# ---------------------------------------------------------------- lexicon and rules


def _key(words: str) -> str:
    return " ".join(words.lower().replace("’", "'").rstrip(".").split())


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _cased(names: Iterable[str], abbreviations: Iterable[str]) -> str:
    """Full names in any case; abbreviations only as written (capitalised), dot optional."""
    return rf"(?:{_alt(names)}|(?-i:{_alt(abbreviations)})\.?)"


def _word(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _date_rules(raw: dict[str, Any]) -> list[_Rule]:
    month = rf"(?P<month>{_cased(raw['months']['names'], raw['months']['abbreviations'])})"
    weekday = _cased(raw["weekdays"]["names"], raw["weekdays"]["abbreviations"])
    day = rf"(?P<day>{_DAY}{_ORDINAL}?)(?!\d)"
    prep = r"(?:(?P<prep>since|on|by|until|till|as\s+of|in|during)\s+)?"
    lead = rf"{prep}(?:{weekday},?\s+)?"
    year = rf"(?:,?\s+{_YEAR})?"
    d1, d2 = (rf"(?P<{g}>{_DAY}{_ORDINAL}?)(?!\d)" for g in ("d1", "d2"))
    span = r"(?:(?:between|from)\s+)?"
    return [
        _Rule("date_dmy", _word(rf"{lead}(?:the\s+)?{day}(?:\s+of)?\s+{month}{year}"), _date_value),
        _Rule("date_mdy", _word(rf"{lead}{month}\s+(?:the\s+)?{day}{year}"), _date_value),
        _Rule(
            "days_dmy",
            _word(rf"{span}{d1}{_SPAN_DASH}{d2}\s+(?:of\s+)?{month}{year}"),
            _day_range_value,
        ),
        _Rule("days_mdy", _word(rf"{span}{month}\s+{d1}{_SPAN_DASH}{d2}{year}"), _day_range_value),
    ]


def _numeric_rules() -> list[_Rule]:
    prep = r"(?:(?P<prep>since|on|by|until|till|as\s+of)\s+)?"
    iso = rf"{prep}{_YEAR}-(?P<a>0[1-9]|1[0-2])-(?P<b>[0-3]\d)"
    dotted = rf"{prep}(?P<a>[0-3]?\d)\.(?P<b>[01]?\d)\.{_YEAR}"
    slashed = rf"{prep}(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}"
    return [
        _Rule("iso", _word(iso), _iso_value),
        _Rule("dotted", _word(dotted), _dotted_value),
        _Rule("slashed", _word(slashed), _slashed_value),
    ]


def _iso_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    found = _safe_date(int(match.group("year")), int(match.group("a")), int(match.group("b")))
    return _with_prep(match, _day(found), ctx) if found else UNDATED


def _dotted_value(match: re.Match[str], ctx: _Context) -> _Value | None:
    """24.02.2022 is day.month.year wherever dots are written."""
    found = _safe_date(int(match.group("year")), int(match.group("b")), int(match.group("a")))
    return _with_prep(match, _day(found), ctx) if found else UNDATED


def _month_rules(raw: dict[str, Any]) -> list[_Rule]:
    month = rf"(?P<month>{_cased(raw['months']['names'], raw['months']['abbreviations'])})"
    parts = _alt(raw["month_parts"])
    prep = r"(?:(?P<prep>since|in|by|until|till|during|throughout)\s+)"
    year = rf"(?:,?\s+{_YEAR})?"
    return [
        _Rule(
            "month_part",
            _word(rf"{prep}?(?P<part>{parts})(?:-|\s+)(?:of\s+)?{month}{year}"),
            _month_part_value,
        ),
        _Rule("month_year", _word(rf"{prep}?{month},?\s+{_YEAR}"), _month_value),
        _Rule(
            "part_of_near_month",
            _word(rf"{prep}?(?P<part>{parts})(?:-|\s+)(?:of\s+)?(?P<rel>last|this)\s+month"),
            _part_of_near_month_value,
        ),
        _Rule(
            "last_month_name",
            _word(rf"{prep}?(?:last|this\s+past)\s+{month}(?![\s,]*\d)"),
            _last_month_name_value,
        ),
        _Rule("month", _word(rf"{prep}{month}(?!\s*\d)"), _month_value),
        _Rule("year", _word(rf"{prep}{_YEAR}"), _year_value),
    ]


def _weekday_rules(raw: dict[str, Any]) -> list[_Rule]:
    weekday = rf"(?P<wd>{_cased(raw['weekdays']['names'], raw['weekdays']['abbreviations'])})"
    before = _alt(raw["parts_of_day"]["before_weekday"])
    mods = _alt(["last", "this", "next", "since", *raw["day_modifiers"]])
    parts = _alt(raw["parts_of_day"]["words"])
    body = (
        rf"(?:(?:{before})\s+)?(?:(?P<mod>{mods})(?:\s+on)?\s+)?{weekday}(?:['’]s)?"
        rf"(?:\s+(?:{parts}))?"
    )
    day_of_month = rf"(?P<prep>on|by|until|till|since)\s+the\s+(?P<day>{_DAY}{_ORDINAL})"
    return [
        _Rule("weekday", _word(body), _weekday_value),
        _Rule("day_of_month", _word(rf"{day_of_month}(?!\s+(?:of|century))"), _day_of_month_value),
    ]


def _duration_rules(raw: dict[str, Any]) -> list[_Rule]:
    units = _alt(raw["duration_units"])
    counts = _alt([*raw["duration_counts"]["one"], *raw["duration_counts"]["vague"]])
    num = rf"(?P<n>{number_regex()}|{counts})"
    qual = r"(?:(?P<qual>less\s+than|more\s+than|under|over|nearly|almost|about|some|just)\s+)"
    heads = _alt([*raw["duration_heads"]["words"], *raw["duration_heads"]["undated"]])
    past = (
        rf"(?:(?:in|over|during|within|for|throughout)\s+)?the\s+(?:past|last|previous|"
        rf"preceding)\s+{qual}?(?:{num}\s+)?(?P<unit>{units})"
    )
    within = rf"(?:in|within)\s+{qual}?{num}\s+(?P<unit>{units})"
    of_head = (
        rf"(?:(?:after|for|during|over|following)\s+)?{qual}?{num}\s+(?P<unit>{units})\s+of\s+"
        rf"(?:[\w-]+\s+){{0,3}}?(?P<head>{heads})"
    )
    return [
        _Rule("past", _word(past), _past_value),
        _Rule("within", _word(within), _past_value),
        _Rule("of_head", _word(of_head), _of_value),
        _Rule("ago", _word(rf"{num}\s+(?P<unit>{units})\s+ago"), _ago_value),
        _Rule(
            "later",
            _word(rf"{qual}?{num}\s+(?P<unit>{units})\s+(?P<rel>later|earlier|after|before)"),
            _later_value,
        ),
    ]


def _bare_duration(raw: dict[str, Any]) -> re.Pattern[str]:
    """A length alone ("six months"), read only by resolve_time: a stretch ending at the report.

    find_times does not scan for it: in running text "for six months" is as often ahead
    as behind.
    """
    units = _alt(raw["duration_units"])
    one = _alt(raw["duration_counts"]["one"])
    return re.compile(
        rf"(?:for\s+|over\s+)?(?P<n>{number_regex()}|{one})\s+(?P<unit>{units})", re.I
    )


def _phrase_rule(raw: dict[str, Any]) -> _Rule:
    # "overnight into Wednesday": the day it ran into dates it, not the phrase
    return _Rule("phrase", _word(rf"(?:{_alt(raw['phrases'])})(?!\s+into\s)"), _phrase_value)


def _build(raw: dict[str, Any]) -> _Lexicon:
    months = {
        **raw["months"]["names"],
        **{_key(k): v for k, v in raw["months"]["abbreviations"].items()},
    }
    days = {
        **raw["weekdays"]["names"],
        **{_key(k): v for k, v in raw["weekdays"]["abbreviations"].items()},
    }
    rules = (
        *_date_rules(raw),
        *_numeric_rules(),
        *_month_rules(raw),
        *_weekday_rules(raw),
        *_duration_rules(raw),
        _phrase_rule(raw),
    )
    return _Lexicon(
        war_start=date.fromisoformat(raw["reference"]["war_start"]),
        months={str(k): int(v) for k, v in months.items()},
        weekdays={str(k): int(v) for k, v in days.items()},
        month_parts={_key(k): (int(a), int(b)) for k, (a, b) in raw["month_parts"].items()},
        units={str(k): (str(f), int(n)) for k, (f, n) in raw["duration_units"].items()},
        undated_heads=frozenset(_key(w) for w in raw["duration_heads"]["undated"]),
        one_words=frozenset(raw["duration_counts"]["one"]),
        vague_counts=frozenset(raw["duration_counts"]["vague"]),
        phrases={_key(k): v for k, v in raw["phrases"].items()},
        rules=rules,
        bare_duration=_bare_duration(raw),
    )


@cache
def _lexicon() -> _Lexicon:
    source = resources.files("frontwatch").joinpath("data", "timex.json")
    return _build(json.loads(source.read_text(encoding="utf-8")))
