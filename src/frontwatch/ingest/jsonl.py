"""Reports as JSON: one object, an array of objects, JSON Lines, or objects one after another.

Each object is one report with the fields of ``corpus/dev/*.json``: ``id, url, outlet,
published, published_note, title, language, license, text`` (and ``forwarded_from``).
Other fields are kept in ``extra`` as strings (JSON for non-strings). Every error names
the file and the line where the bad item starts; a bad item never stops the others.

``published`` policy: an ISO 8601 date or date-time in extended form
(``2022-09-08``, ``2022-09-08T10:00:00Z``, ``2022-09-08 10:00+03:00``) is kept exactly as
given; other ISO forms Python reads (``20220908``) and RFC 2822 dates
(``Thu, 08 Sep 2022 10:00:00 +0300``, as in RSS) are rewritten in extended ISO form,
keeping their offset; anything else is an error for that item, naming the value.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.encoding import decode_source, media_type, sniff_prefix, suffix

__all__ = [
    "JSON_DECODER",
    "JSON_SUFFIXES",
    "JsonReader",
    "NumberTooLongError",
    "normalise_published",
]

JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
_OPTIONAL_FIELDS = (
    "url",
    "outlet",
    "published_note",
    "title",
    "language",
    "license",
    "forwarded_from",
)
_KNOWN = frozenset({"id", "text", "published", *_OPTIONAL_FIELDS})
# Fields _draft reads by name; _KNOWN keeps them out of ``extra``.
_WS = re.compile(r"[ \t\r\n]*")
_FOUR_DIGITS = re.compile(r"(?<![\d:])\d{4}(?![\d:])")
_EXTENDED_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


class NumberTooLongError(ValueError):
    """A JSON integer with more digits than Python converts (``sys.get_int_max_str_digits``,
    4,300 by default: longer ones cost quadratic time, so Python refuses them)."""

    def __init__(self, digits: int) -> None:
        limit = sys.get_int_max_str_digits()
        super().__init__(
            f"a number has {digits:,} digits, more than the {limit:,} that can be read"
            " (write long numbers as strings)"
        )
        self.digits = digits


def _parse_int(literal: str) -> int:
    try:
        return int(literal)
    except ValueError:
        raise NumberTooLongError(len(literal.lstrip("-"))) from None


JSON_DECODER = json.JSONDecoder(parse_int=_parse_int)
"""json's decoder, raising NumberTooLongError (a ValueError) for an over-long integer."""
_SKIMMER = json.JSONDecoder(parse_int=float)


class JsonReader:
    """JSON / JSON Lines reports; the input's ``id`` is kept (as a string)."""

    name = "jsonl"

    def accepts(self, source: Source) -> bool:
        if suffix(source) in JSON_SUFFIXES or media_type(source).endswith("json"):
            return True
        return sniff_prefix(source.data).lstrip("\ufeff \t\r\n")[:1] in {"{", "["}

    def read(self, source: Source) -> Iterator[ReadResult]:
        try:
            text = decode_source(source)
        except InputError as err:
            yield err
            return
        for item in _items(text):
            if isinstance(item, _Bad):
                yield InputError(source.name, item.reason, item.line)
            else:
                yield _draft(item.value, source.name, item.line)


@dataclass(frozen=True, slots=True)
class _Item:
    value: dict[str, Any]
    line: int


@dataclass(frozen=True, slots=True)
class _Bad:
    reason: str
    line: int


def _items(text: str) -> Iterator[_Item | _Bad]:
    """Every top-level value (array elements where the whole file is one array), with the line
    it starts on; a later line holding an array is one bad item, not the rest of the file."""
    pos = _skip(text, 0)
    lines = _Lines(text)
    if text.startswith("[", pos):
        yield from _array(text, pos, lines)
        return
    while pos < len(text):
        item, end = _value(text, pos, lines)
        yield item
        pos = _resume(text, pos) if end is None else _skip(text, end)


def _value(text: str, pos: int, lines: _Lines) -> tuple[_Item | _Bad, int | None]:
    """The value at ``pos`` and where it ends (None where it is not valid JSON)."""
    line = lines.at(pos)
    try:
        value, end = JSON_DECODER.raw_decode(text, pos)
    except json.JSONDecodeError as err:
        return _Bad(_json_reason(text, err), _line(text, err.pos)), None
    except NumberTooLongError as err:
        return _Bad(f"unreadable JSON: {err}", line), _end_of(text, pos)
    except RecursionError:
        return _Bad("invalid JSON: nested too deeply", line), None
    if not isinstance(value, dict):
        return _Bad(f"not a JSON object (a {_kind(value)})", line), end
    return _Item(value, line), end


def _end_of(text: str, pos: int) -> int | None:
    """Where the value at ``pos`` ends, read with integers as floats (no digit limit), so the
    records after one with an over-long integer are read too; None where it is broken."""
    try:
        return int(_SKIMMER.raw_decode(text, pos)[1])
    except (ValueError, RecursionError):
        return None


def _array(text: str, start: int, lines: _Lines) -> Iterator[_Item | _Bad]:
    pos = _skip(text, start + 1)
    if text.startswith("]", pos):
        yield from _trailing(text, pos + 1)
        return
    while pos < len(text):
        item, end = _value(text, pos, lines)
        yield item
        if end is None:
            return
        pos = _skip(text, end)
        if text.startswith("]", pos):
            yield from _trailing(text, pos + 1)
            return
        if not text.startswith(",", pos):
            yield _bad_separator(text, pos)
            return
        pos = _skip(text, pos + 1)
    yield _Bad("truncated JSON: the array is not closed with ]", _line(text, len(text)))


def _trailing(text: str, pos: int) -> Iterator[_Bad]:
    if _skip(text, pos) < len(text):
        yield _Bad("unexpected data after the closing ]", _line(text, _skip(text, pos)))


def _bad_separator(text: str, pos: int) -> _Bad:
    if pos >= len(text):
        return _Bad("truncated JSON: the array is not closed with ]", _line(text, pos))
    return _Bad(f"invalid JSON: expected ',' or ']' but found {text[pos]!r}", _line(text, pos))


def _resume(text: str, pos: int) -> int:
    """After a bad value: the next line that starts with ``{`` (the next JSON Lines record)."""
    nxt = text.find("\n{", pos)
    return len(text) if nxt < 0 else nxt + 1


def _skip(text: str, pos: int) -> int:
    match = _WS.match(text, pos)
    return match.end() if match else pos


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class _Lines:
    """Line numbers of positions met in increasing order, counted once through the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1

    def at(self, pos: int) -> int:
        if pos < self.pos:
            return _line(self.text, pos)
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _json_reason(text: str, err: json.JSONDecodeError) -> str:
    """What is wrong, in words: json's messages end in a dangling "at" (the position)."""
    if err.msg.startswith("Unterminated string"):
        return f"truncated JSON: a string is not closed (it starts at column {err.colno})"
    if _skip(text, err.pos) >= len(text):
        return f"truncated JSON: the text ends early ({err.msg.lower()})"
    if err.msg.startswith("Invalid control character") and text[err.pos] in "\r\n":
        return f"invalid JSON: the line ends inside a string (column {err.colno}); cut off?"
    return f"invalid JSON: {err.msg.removesuffix(' at')} (column {err.colno})"


def _kind(value: Any) -> str:
    names = {list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _draft(obj: dict[str, Any], source: str, line: int) -> Draft | InputError:
    try:
        return Draft(
            text=_text(obj),
            origin=f"{source}:{line}",
            id=_id(obj),
            url=_optional_str(obj, "url"),
            outlet=_optional_str(obj, "outlet"),
            published=_published(obj),
            published_note=_optional_str(obj, "published_note"),
            title=_optional_str(obj, "title"),
            language=_optional_str(obj, "language"),
            license=_optional_str(obj, "license"),
            forwarded_from=_optional_str(obj, "forwarded_from"),
            extra=_extra(obj),
        )
    except (TypeError, ValueError) as err:
        return InputError(source, str(err), line)


def _text(obj: dict[str, Any]) -> str:
    text = obj.get("text")
    if text is None:
        raise ValueError("missing field 'text'")
    if not isinstance(text, str):
        raise TypeError(f"field 'text' must be a string, not a {_kind(text)}")
    if not text.strip():
        raise ValueError("field 'text' is empty")
    return text


def _id(obj: dict[str, Any]) -> str | None:
    value = obj.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"field 'id' must be a string or an integer, not a {_kind(value)}")
    if not str(value).strip():
        raise ValueError("field 'id' is empty")
    return str(value)


def _optional_str(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"field {name!r} must be a string or null, not a {_kind(value)}")


def _published(obj: dict[str, Any]) -> str | None:
    value = _optional_str(obj, "published")
    if value is None or not value.strip():
        return None
    return normalise_published(value)


def _extra(obj: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in obj.items():
        if key in _KNOWN or value is None:
            continue
        out[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return out


def normalise_published(value: str) -> str:
    """``value`` kept if extended ISO 8601, else rewritten as such; ValueError if not a date."""
    given = value.strip()
    if _EXTENDED_ISO.fullmatch(given) and _iso(given) is not None:
        return given
    parsed = _iso(given) or _rfc2822(given)
    if parsed is None:
        raise ValueError(
            f"field 'published' is not an ISO 8601 date: {value!r}"
            " (use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS±HH:MM; put free text in published_note)"
        )
    return parsed


def _iso(value: str) -> str | None:
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    return None


def _rfc2822(value: str) -> str | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # email.utils reads any year below 100 as two digits, so "Jan 0000" would be 2000.
    year = _FOUR_DIGITS.search(value)
    return None if year and int(year.group()) != parsed.year else parsed.isoformat()
