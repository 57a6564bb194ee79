"""RSS and Atom feeds through feedparser: one Draft per entry.

The text is the entry's full content (HTML turned into plain text) where the feed carries
it. Where it carries only a summary that is short or visibly truncated, and a fetcher is
given with ``follow_links`` on, the entry's link is fetched and read like any web page;
if that fails the summary is kept. ``extra["text_source"]`` says which it was:
``content``, ``link``, ``summary``, or ``summary (link failed)`` with the reason in
``extra["link_error"]``.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser

from frontwatch.errors import FetchError, InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.encoding import media_type, sniff_prefix, suffix
from frontwatch.ingest.fetch import Fetcher, HttpFetchError
from frontwatch.ingest.html import read_html
from frontwatch.ingest.jsonl import normalise_published

__all__ = ["FEED_SUFFIXES", "FeedReader", "html_to_text", "looks_like_feed"]

FEED_SUFFIXES = frozenset({".rss", ".atom", ".rdf"})
FEED_MEDIA_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
SHORT_SUMMARY = 600  # characters: a summary shorter than this is a teaser, not the article
_SNIFF = re.compile(
    r"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(rss|feed|rdf:RDF)\b", re.S
)
_TRUNCATED = re.compile(
    r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\b(?:read more|continue reading|more)\W*)\s*$", re.I
)
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "aside", "li", "ul", "ol", "dl"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "pre", "table", "tr"}
    | {"figure", "figcaption", "hr"}
)
_SKIPPED = frozenset({"script", "style", "noscript", "template"})
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})(?:-?(\d{2}))?(?!\d)")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start like an RSS, Atom or RDF feed."""
    return _SNIFF.match(sniff_prefix(data, 2048).lstrip("\ufeff")) is not None


class FeedReader:
    """RSS 0.9x/1.0/2.0 and Atom files or fetched feeds."""

    name = "feeds"

    def __init__(self, fetcher: Fetcher | None = None, *, follow_links: bool = True) -> None:
        self.fetcher = fetcher
        self.follow_links = follow_links

    def accepts(self, source: Source) -> bool:
        if suffix(source) in FEED_SUFFIXES or media_type(source) in FEED_MEDIA_TYPES:
            return True
        return looks_like_feed(source.data)

    def read(self, source: Source) -> Iterator[ReadResult]:
        parsed = _parse(source)
        if isinstance(parsed, InputError):
            yield parsed
            return
        feed: Mapping[str, Any] = parsed.get("feed", {})
        entries: list[Mapping[str, Any]] = parsed.get("entries", [])
        if not entries:
            yield _empty(source, parsed)
            return
        for number, entry in enumerate(entries, start=1):
            yield self._entry(source, feed, entry, number)

    def _entry(
        self, source: Source, feed: Mapping[str, Any], entry: Mapping[str, Any], number: int
    ) -> Draft | InputError:
        origin = f"{source.name}#entry-{number}"
        text, extra = self._text(entry)
        if not text.strip():
            return InputError(
                origin, "feed entry has no text (no content, summary or readable link)"
            )
        extra.update(_entry_extra(entry))
        published, note = _published(entry)
        return Draft(
            text=text,
            origin=origin,
            url=_str(entry.get("link")),
            outlet=_str(feed.get("title")),
            published=published,
            published_note=note,
            title=_str(entry.get("title")),
            language=_language(entry, feed),
            extra=extra,
            warnings=(f"date left unknown: {note}",) if note else (),
        )

    def _text(self, entry: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
        content = _content(entry)
        if content:
            return content, {"reader": self.name, "text_source": "content"}
        summary = _summary(entry)
        link = _str(entry.get("link"))
        if not (self.fetcher and self.follow_links and link and _is_teaser(summary)):
            return summary, {"reader": self.name, "text_source": "summary"}
        return self._follow(self.fetcher, link, summary)

    def _follow(self, fetcher: Fetcher, link: str, summary: str) -> tuple[str, dict[str, str]]:
        try:
            page = read_html(fetcher.fetch(link))
        except FetchError as err:
            page = InputError(link, err.reason if isinstance(err, HttpFetchError) else str(err))
        if isinstance(page, Draft):
            return page.text, {
                "reader": self.name,
                "text_source": "link",
                "extractor": page.extra.get("extractor", ""),
            }
        extra = {
            "reader": self.name,
            "text_source": "summary (link failed)",
            "link_error": page.reason,
        }
        return summary, extra


def _parse(source: Source) -> feedparser.FeedParserDict | InputError:
    headers = {"content-location": source.name} if "://" in source.name else {}
    if source.content_type:
        headers["content-type"] = source.content_type
    try:
        parsed = feedparser.parse(io.BytesIO(source.data), response_headers=headers)
    except Exception as err:
        # feedparser's sgmllib fallback raises assorted errors on hostile bytes.
        return InputError(source.name, f"not a readable RSS/Atom feed ({type(err).__name__})")
    return parsed


def _empty(source: Source, parsed: Mapping[str, Any]) -> InputError:
    """Why a parse gave no entries: not a feed at all, a broken feed, or an empty one."""
    version = parsed.get("version") or ""
    problem = _xml_problem(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not version:
        reason = "not an RSS/Atom feed"
        return InputError(source.name, f"{reason} ({problem})" if problem else reason)
    if problem:
        return InputError(source.name, f"the {version} feed is cut off or malformed ({problem})")
    return InputError(source.name, f"the {version} feed has no entries")


def _xml_problem(exc: object) -> str:
    """The parser's complaint without expat's position prefix (feedparser shifts its lines)."""
    get_message = getattr(exc, "getMessage", None)
    message = get_message() if callable(get_message) else str(exc)
    return f"XML error: {message}"


def _content(entry: Mapping[str, Any]) -> str:
    for part in entry.get("content") or []:
        text = _as_text(part)
        if text.strip():
            return text
    return ""


def _summary(entry: Mapping[str, Any]) -> str:
    detail = entry.get("summary_detail")
    if isinstance(detail, Mapping):
        return _as_text(detail)
    return html_to_text(_str(entry.get("summary")) or "")


def _as_text(part: Mapping[str, Any]) -> str:
    value = _str(part.get("value")) or ""
    if part.get("type") == "text/plain":
        return value.strip()
    return html_to_text(value)


def _is_teaser(summary: str) -> bool:
    return len(summary) < SHORT_SUMMARY or _TRUNCATED.search(summary) is not None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs apart by a blank line, ``<br>`` a newline."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return _tidy("".join(parser.pieces))


class _TextParser(HTMLParser):
    """Collects the visible text, marking block boundaries and line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._hidden += 1
        self.pieces.append("\n\n" if tag in _BLOCKS else "\n" if tag == "br" else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._hidden = max(self._hidden - 1, 0)
        self.pieces.append("\n\n" if tag in _BLOCKS else "")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.pieces.append(data)


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    joined = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", joined).strip()


def _published(entry: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The entry's date in ISO form and None, or None and a note quoting the first date the
    feed gives that is no calendar date (year 0, month 13, 30 February): kept, never fatal,
    and never moved to a real day."""
    unread: str | None = None
    for key in ("published", "updated", "created"):
        if key not in entry:  # not get(): feedparser aliases a missing "updated" to "published"
            continue
        raw = _str(entry.get(key))
        if raw:
            try:
                return normalise_published(raw), None
            except ValueError:
                unread = unread or raw
            if _impossible(raw):  # feedparser's struct would be a shifted day: 2022-03-02
                continue
        parsed = _struct_date(entry.get(f"{key}_parsed"))
        if parsed:
            return parsed, None
    return None, f"feed date not understood: {unread!r}" if unread else None


def _impossible(raw: str) -> bool:
    """Whether ``raw`` holds a numeric year-month(-day) that names no calendar day.

    feedparser normalises its W3C dates through ``mktime``, which carries an overflowing
    field into the next: 2022-02-30 becomes 2 March, month 13 January of the next year."""
    found = _NUMERIC_DATE.search(raw)
    if found is None:
        return False
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        date(year, month, day)
    except ValueError:
        return True
    return False


def _struct_date(parsed: object) -> str | None:
    """feedparser's parsed date in ISO form; None where it is none or out of range (year 0)."""
    if not isinstance(parsed, time.struct_time):
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (ValueError, OverflowError):
        return None


def _language(entry: Mapping[str, Any], feed: Mapping[str, Any]) -> str | None:
    for detail in (entry.get("content") or [{}])[0], entry.get("summary_detail") or {}:
        value = _str(detail.get("language")) if isinstance(detail, Mapping) else None
        if value:
            return value.split("-")[0].lower()
    value = _str(feed.get("language"))
    return value.split("-")[0].split("_")[0].lower() if value else None


def _entry_extra(entry: Mapping[str, Any]) -> dict[str, str]:
    extra: dict[str, str] = {}
    for key, name in (("id", "guid"), ("author", "author")):
        value = _str(entry.get(key))
        if value:
            extra[name] = value
    return extra


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
