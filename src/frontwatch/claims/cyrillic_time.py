"""Ukrainian and Russian time expressions: dates, parts of months, seasons, "the past day".

Read with the month names and phrases of the language's trigger table
(``data/src/claims/triggers_<lang>.toml``, ``[months]`` and ``[time]``). A date without a
year takes the publication's year, else the last year the document named before it; one that
takes the publication's year is not after it (a later month is the year before's, as the
English stage reads it).
What is found, and the values given:

- «минулої доби», «за сутки»: the day before publication; «сьогодні», «сейчас»: that day;
- «цього тижня», «на прошлой неделе»: the ISO week of publication, or the one before;
- «8 лютого 2023 року», «у ніч на 8 лютого»: that day; «3-5 января»: that range;
- «в конце марта» 21st to the last day, «на початку червня» 1st-10th, «в середине» 11th-20th;
- «у травні», «в мае»: the month; «к апрелю»: its first day;
- «восени 2023 року», «летом»: March-May, June-August, September-November;
- «24.02.2022», «14.09.23»: that day;
- «з 24 лютого 2022 року»: from that day to publication; «с августа по май»: one range.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from frontwatch.model import EventTime

__all__ = ["CyrillicTimes", "TimeFound"]

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
_PARTS = {"start_words": (1, 10), "middle_words": (11, 20), "end_words": (21, 31)}
_SAID_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?![\d.]\d)")
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:{year_words}))?)?"


@dataclass(frozen=True, slots=True)
class TimeFound:
    """A time expression at ``start``..``end`` of the text read, with its value."""

    start: int
    end: int
    time: EventTime


class CyrillicTimes:
    """Finds the time expressions of one language (its ``[months]`` and ``[time]`` tables)."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.months: dict[str, int] = {
            form: int(month) for month, forms in table["months"].items() for form in forms
        }
        self.words: dict[str, list[str]] = table["time"]

    def find(self, text: str, published: date | None, year: int | None) -> list[TimeFound]:
        """Every expression of ``text`` in text order. A date without its year takes ``year``
        (the last the document named before), else the year of publication."""
        known = year or (published.year if published else None)
        found: list[TimeFound] = []
        taken: list[tuple[int, int]] = []
        readers = (self._numeric, self._parts, self._ranges, self._days, self._months)
        for reader in (*readers, self._seasons):
            for read in reader(text, known):
                if not any(read.start < e and s < read.end for s, e in taken):
                    item = _with_year_before(text, read, known)
                    if year is None and published is not None:
                        item = _not_after(text, item, published)
                    found.append(item)
                    taken.append((item.start, item.end))
        found += self._relative(text, published, taken)
        return self._spans(text, sorted(found, key=lambda f: f.start), published)

    def _spans(self, text: str, found: list[TimeFound], published: date | None) -> list[TimeFound]:
        """«з 24 лютого 2022 року по 14 вересня 2023 року», «с августа по май»: one range from
        the first to the second; «з 24.02.2022» alone: from that day to publication."""
        since = self._compile(rf"(?:{self._alt('since_words')})\s*$")
        until = re.compile(rf"^\s*(?:{self._alt('until_words')})\s*$", re.IGNORECASE)
        out: list[TimeFound] = []
        k = 0
        while k < len(found):
            item, t = found[k], found[k].time
            opened = since.search(text, max(0, item.start - 8), item.start)
            nxt = found[k + 1] if k + 1 < len(found) else None
            if opened is None or t.start is None:
                out.append(item)
                k += 1
                continue
            start = opened.start()
            if nxt is not None and nxt.time.end and until.match(text[item.end : nxt.start]):
                end, last = nxt.end, nxt.time.end
                k += 2
            elif published is not None and t.start <= published.isoformat():
                end, last = item.end, published.isoformat()
                k += 1
            else:
                out.append(item)
                k += 1
                continue
            out.append(TimeFound(start, end, EventTime(t.start, last, "range", text[start:end])))
        return out

    # ------------------------------------------------------------ patterns

    def _alt(self, name: str) -> str:
        words = sorted(self.words.get(name, []), key=len, reverse=True)
        return "|".join(re.escape(w) for w in words) or "(?!)"

    @cached_property
    def _month(self) -> str:
        return "|".join(re.escape(m) for m in sorted(self.months, key=len, reverse=True))

    @cached_property
    def _year(self) -> str:
        return _YEAR.format(year_words=self._alt("year_words"))

    def _compile(self, pattern: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)

    # ------------------------------------------------------------ readers

    def _numeric(self, text: str, year: int | None) -> list[TimeFound]:
        """«24.02.2022», «14.09.23»: a day in figures, the year in two or four."""
        pattern = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)?\d\d)(?![\d.]\d)")
        out = []
        for m in pattern.finditer(text):
            said = int(m[3])
            try:
                day = date(said if said > 100 else 2000 + said, int(m[2]), int(m[1]))
            except ValueError:
                continue
            out.append(_range(m, day, day, "day"))
        return out

    def _parts(self, text: str, year: int | None) -> list[TimeFound]:
        out = []
        for part, (first, last) in _PARTS.items():
            pattern = self._compile(
                rf"(?:{self._alt(part)})\s+(?P<month>{self._month}){self._year}"
            )
            for m in pattern.finditer(text):
                y = _year_of(m, year)
                if y is None:
                    continue
                month = self.months[m["month"].lower()]
                end = min(last, calendar.monthrange(y, month)[1])
                out.append(_range(m, date(y, month, first), date(y, month, end)))
        return out

    def _ranges(self, text: str, year: int | None) -> list[TimeFound]:
        pattern = self._compile(
            rf"(?P<a>\d{{1,2}})\s*[-–—]\s*(?P<b>\d{{1,2}})\s+(?P<month>{self._month}){self._year}"
        )
        out = []
        for m in pattern.finditer(text):
            y = _year_of(m, year)
            month = self.months[m["month"].lower()]
            first, last = _day(y, month, m["a"]), _day(y, month, m["b"])
            if first is not None and last is not None and first <= last:
                out.append(_range(m, first, last))
        return out

    def _days(self, text: str, year: int | None) -> list[TimeFound]:
        night = self._alt("night")
        pattern = self._compile(
            rf"(?:(?:{night})\s+)?(?P<a>\d{{1,2}})\s+(?P<month>{self._month}){self._year}"
        )
        out = []
        for m in pattern.finditer(text):
            day = _day(_year_of(m, year), self.months[m["month"].lower()], m["a"])
            if day is not None:
                out.append(_range(m, day, day, "day"))
        return out

    def _months(self, text: str, year: int | None) -> list[TimeFound]:
        by = self._alt("by_words")
        pattern = self._compile(rf"(?P<by>{by})?\s*(?P<month>{self._month}){self._year}")
        out = []
        for m in pattern.finditer(text):
            y = _year_of(m, year)
            if y is None or text[: m.start()].rstrip()[-1:].isdigit():
                continue  # «31 лютого»: a day that does not exist is no month either
            month = self.months[m["month"].lower()]
            first = date(y, month, 1)
            if m["by"]:  # «к апрелю»: by the start of the month
                out.append(_range(m, first, first, "day"))
                continue
            last = date(y, month, calendar.monthrange(y, month)[1])
            out.append(_range(m, first, last, "month"))
        return [f for f in out if f.time.text.strip()]

    def _seasons(self, text: str, year: int | None) -> list[TimeFound]:
        out = []
        for season, (first, last) in _SEASONS.items():
            pattern = self._compile(rf"(?:{self._alt(season)}){self._year}")
            for m in pattern.finditer(text):
                y = _year_of(m, year)
                if y is not None:
                    end = date(y, last, calendar.monthrange(y, last)[1])
                    out.append(_range(m, date(y, first, 1), end))
        return out

    def _relative(
        self, text: str, published: date | None, taken: list[tuple[int, int]]
    ) -> list[TimeFound]:
        if published is None:
            return []
        out = []
        for name, shift in (("yesterday", 1), ("today", 0)):
            day = (published - timedelta(days=shift)).isoformat()
            for m in self._compile(f"(?:{self._alt(name)})").finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    out.append(TimeFound(m.start(), m.end(), EventTime(day, day, "day", m[0])))
        # «цього тижня»: the ISO week (Monday to Sunday) of publication; «минулого тижня» the
        # one before it
        monday = published - timedelta(days=published.weekday())
        for name, weeks in (("this_week", 0), ("last_week", 1)):
            first = monday - timedelta(weeks=weeks)
            last = first + timedelta(days=6)
            for m in self._compile(f"(?:{self._alt(name)})").finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    value = EventTime(first.isoformat(), last.isoformat(), "range", m[0])
                    out.append(TimeFound(m.start(), m.end(), value))
        return out


def _with_year_before(text: str, item: TimeFound, known: int | None) -> TimeFound:
    """A date that took ``known`` for its year takes instead a year said earlier in the same
    text («влітку 2023 року ..., а на початку жовтня ...»)."""
    said = _SAID_YEAR.findall(text, 0, item.start)
    t = item.time
    if not said or t.start is None or t.end is None or str(known) != t.start[:4]:
        return item
    if str(known) in item.time.text:
        return item
    year = said[-1]
    start, end = year + t.start[4:], year + t.end[4:]
    try:
        date.fromisoformat(start)
        date.fromisoformat(end)
    except ValueError:
        return item
    return TimeFound(item.start, item.end, EventTime(start, end, t.granularity, t.text))


def _not_after(text: str, item: TimeFound, published: date) -> TimeFound:
    """A date whose year came from the publication is not after it: a month after the
    publication's month is the year before («у жовтні» in a March report: last October), as
    the English stage reads it; the publication's own month keeps its year."""
    t = item.time
    if t.start is None or t.end is None or _SAID_YEAR.search(text, 0, item.end):
        return item
    first = date.fromisoformat(t.start)
    if first.year != published.year or first.month <= published.month:
        return item
    try:
        start, end = (
            date.fromisoformat(v).replace(year=published.year - 1) for v in (t.start, t.end)
        )
    except ValueError:  # 29 February
        return item
    return TimeFound(
        item.start, item.end, EventTime(start.isoformat(), end.isoformat(), t.granularity, t.text)
    )


def _year_of(match: re.Match[str], year: int | None) -> int | None:
    said = match.groupdict().get("year")
    return int(said) if said else year


def _day(year: int | None, month: int, day: str) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, int(day))
    except ValueError:
        return None


def _range(match: re.Match[str], first: date, last: date, granularity: str = "range") -> TimeFound:
    text = match[0].strip()
    start = match.start() + (len(match[0]) - len(match[0].lstrip()))
    return TimeFound(
        start, start + len(text), EventTime(first.isoformat(), last.isoformat(), granularity, text)
    )
