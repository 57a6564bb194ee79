"""Event time and knowledge time, kept apart.

*Event time* is when a happening took place (a claim's ``event_time``); *knowledge time*
is when the record could first have said so (the claim's ``claim_time``, else its
document's publication). Undated documents get a knowledge time from their
``published_note`` where it names a date: the date after "about" / "i.e." when there is
one, else the latest date the note names, so a replay never shows a report before it
could have been published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from frontwatch.model import Claim, Document

#: Intervals wider than this are too vague to date a happening (kept, not placed in time).
MAX_SPAN_DAYS = 366

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_DMY = re.compile(
    r"\b(?P<d1>\d{1,2})(?:\s*[-–]\s*(?P<d2>\d{1,2}))?\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})\b"
)
_MDY = re.compile(
    r"\b(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:\s*[-–]\s*(?P<d2>\d{1,2}))?,\s*(?P<y>\d{4})\b"
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ABOUT = re.compile(r"\b(?:about|around|circa|i\.e\.)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Interval:
    """Closed interval of calendar days."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, other: Interval, slack: int = 0) -> bool:
        pad = timedelta(days=slack)
        return self.start <= other.end + pad and other.start <= self.end + pad


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_moment(value: str | None, *, end_of_day: bool = False) -> datetime | None:
    """An ISO date or datetime as an aware datetime (naive means UTC).

    A bare date is the start of that day, or its last second with ``end_of_day``.
    """
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) <= 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def claim_interval(claim: Claim) -> Interval | None:
    """The claim's event-time interval, or None when undated or unreadable."""
    et = claim.event_time
    if et is None:
        return None
    start = parse_day(et.start)
    end = parse_day(et.end) or start
    if start is None or end is None or end < start:
        return None
    return Interval(start, end)


def is_vague(interval: Interval) -> bool:
    return interval.days > MAX_SPAN_DAYS


def document_time(doc: Document) -> datetime | None:
    """When a document was published, else the date its ``published_note`` defends."""
    if doc.published:
        moment = parse_moment(doc.published)
        if moment is not None:
            return moment
    if doc.published_note:
        day = note_date(doc.published_note)
        if day is not None:
            return datetime.combine(day, time.min, tzinfo=UTC)
    return None


def note_date(note: str) -> date | None:
    """The date a free-text publication note points at (see the module docstring)."""
    found = _note_dates(note)
    if not found:
        return None
    for pos, day in found:
        if _ABOUT.search(note[:pos]):
            return day
    return max(day for _, day in found)


def _note_dates(note: str) -> list[tuple[int, date]]:
    out: list[tuple[int, date]] = []
    for pattern in (_DMY, _MDY):
        for m in pattern.finditer(note):
            month = _MONTHS.get(m.group("mon")[:3].lower())
            if month is None:
                continue
            day = int(m.group("d2") or m.group("d1"))
            try:
                out.append((m.start(), date(int(m.group("y")), month, day)))
            except ValueError:
                continue
    for m in _ISO.finditer(note):
        try:
            out.append((m.start(), date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        except ValueError:
            continue
    return out


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
