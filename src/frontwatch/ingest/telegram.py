"""Telegram Desktop exports (``result.json``): one Draft per channel post.

A single-chat export is ``{"name", "type", "id", "messages": [...]}``; a full-account
export holds such chats under ``chats.list`` (and ``left_chats.list``); both are read.
A post's text is its entities flattened to plain text (links and formatting give their
visible text). Service messages (pins, joins, title changes) and posts with media but no
text are Skips with the reason; a message that is not an object is an InputError.

Ids are ``tg-<chat id>-<message id>`` (the chat id from the export, else a slug of its
name); the URL ``https://t.me/<username>/<id>`` is given only where the export names the
channel's username, since a channel's title cannot be turned into one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from anyascii import anyascii

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Skip, Source
from frontwatch.ingest.encoding import decode_source, sniff_prefix, suffix
from frontwatch.ingest.jsonl import JSON_DECODER, NumberTooLongError

__all__ = ["TelegramReader", "flatten_text", "looks_like_telegram"]

_SNIFF = re.compile(r'^\s*\{.*?(?<!\\)"(?:messages|chats)"\s*:\s*[\[{]', re.S)
_USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")
_MEDIA_KEYS = (  # media_type first: "video_file" says more than "file"
    "media_type",
    "photo",
    "file",
    "sticker_emoji",
    "poll",
    "location_information",
    "contact_information",
)


def looks_like_telegram(data: bytes) -> bool:
    """Whether the bytes start like a Telegram Desktop JSON export."""
    return _SNIFF.match(sniff_prefix(data, 65536).lstrip("\ufeff")) is not None


class TelegramReader:
    """Telegram Desktop JSON exports, recognised by content (a ``messages`` list), not name."""

    name = "telegram"

    def accepts(self, source: Source) -> bool:
        return suffix(source) in {".json", ""} and looks_like_telegram(source.data)

    def read(self, source: Source) -> Iterator[ReadResult]:
        try:
            text = decode_source(source)
            export = JSON_DECODER.decode(text)
        except InputError as err:
            yield err
            return
        except json.JSONDecodeError as err:
            yield _invalid_json(source.name, err)
            return
        except NumberTooLongError as err:
            line = _line_of_number(text, err.digits)
            yield InputError(source.name, f"Telegram export is unreadable JSON: {err}", line)
            return
        except RecursionError:
            yield InputError(source.name, "invalid Telegram export: JSON nested too deeply")
            return
        chats = _chats(export)
        if not chats:
            yield InputError(source.name, "not a Telegram export: no 'messages' list")
            return
        for chat in chats:
            yield from _chat(source.name, chat)


def _invalid_json(source: str, err: json.JSONDecodeError) -> InputError:
    """The error for an export that is not valid JSON, at the line where it breaks."""
    cut_off = err.pos >= len(err.doc.rstrip()) or err.msg.startswith("Unterminated string")
    what = "truncated JSON" if cut_off else "invalid JSON"
    problem = err.msg.removesuffix(" at").removesuffix(" starting").lower()
    reason = f"Telegram export is {what}: {problem} (column {err.colno})"
    return InputError(source, reason, err.lineno)


def _line_of_number(text: str, digits: int) -> int | None:
    """The line of the first value that is an integer of ``digits`` digits (json says not
    where), or None where no such value is found."""
    value = re.compile(rf"[:,\[]\s*(-?\d{{{digits}}})\s*[,\]}}]")
    found = value.search(text)
    return text.count("\n", 0, found.start(1)) + 1 if found else None


def _chats(export: object) -> list[Mapping[str, Any]]:
    if not isinstance(export, Mapping):
        return []
    if isinstance(export.get("messages"), list):
        return [export]
    found: list[Mapping[str, Any]] = []
    for key in ("chats", "left_chats"):
        group = export.get(key)
        listed = group.get("list") if isinstance(group, Mapping) else None
        for chat in listed if isinstance(listed, list) else []:
            if isinstance(chat, Mapping) and isinstance(chat.get("messages"), list):
                found.append(chat)
    return found


def _chat(source: str, chat: Mapping[str, Any]) -> Iterator[ReadResult]:
    info = _ChatInfo(chat)
    for index, message in enumerate(chat["messages"]):
        yield _message(source, info, message, index)


class _ChatInfo:
    """What every post of one chat shares: its name, id for ids, and username for links."""

    __slots__ = ("key", "name", "username")

    def __init__(self, chat: Mapping[str, Any]) -> None:
        name = chat.get("name")
        self.name = name.strip() or None if isinstance(name, str) else None
        chat_id = chat.get("id")
        has_id = isinstance(chat_id, int | str) and not isinstance(chat_id, bool) and str(chat_id)
        self.key = str(chat_id) if has_id else _slug(self.name or "channel")
        self.username = _username(chat)


def _message(source: str, chat: _ChatInfo, message: object, index: int) -> ReadResult:
    if not isinstance(message, Mapping):
        return InputError(source, f"message {index + 1} is not an object")
    msg_id = message.get("id")
    if isinstance(msg_id, bool) or not isinstance(msg_id, int | str) or not str(msg_id):
        return InputError(source, f"message {index + 1} has no id")
    origin = f"{source}#message-{msg_id}"
    if message.get("type", "message") != "message":
        action = message.get("action")
        return Skip(origin, f"service message ({action})" if action else "service message")
    text = flatten_text(message.get("text"))
    if not text.strip():
        text = flatten_text(message.get("text_entities"))
    if not text.strip():
        media = _media(message)
        return Skip(origin, f"media-only post ({media})" if media else "post without text")
    return _draft(origin, chat, message, str(msg_id), text)


def _draft(
    origin: str, chat: _ChatInfo, message: Mapping[str, Any], msg_id: str, text: str
) -> Draft:
    url = f"https://t.me/{chat.username}/{msg_id}" if chat.username else None
    return Draft(
        text=text,
        origin=origin,
        id=f"tg-{chat.key}-{msg_id}",
        url=url,
        outlet=chat.name,
        published=_published(message),
        forwarded_from=_str(message.get("forwarded_from")),
        extra=_extra(message),
    )


def flatten_text(value: object) -> str:
    """The visible text of a message's ``text`` (a string, or strings and entity objects)."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, Mapping) and isinstance(part.get("text"), str):
            parts.append(part["text"])
    return "".join(parts)


def _media(message: Mapping[str, Any]) -> str | None:
    for key in _MEDIA_KEYS:
        value = message.get(key)
        if value:
            return value if key == "media_type" and isinstance(value, str) else key
    return None


def _published(message: Mapping[str, Any]) -> str | None:
    date = _str(message.get("date"))
    if date:
        try:
            datetime.fromisoformat(date)
        except ValueError:
            pass
        else:
            return date
    unix = message.get("date_unixtime")
    try:
        return datetime.fromtimestamp(int(unix), UTC).isoformat() if unix is not None else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _extra(message: Mapping[str, Any]) -> dict[str, str]:
    extra = {"reader": "telegram"}
    for key in ("from", "from_id", "date_unixtime", "edited", "reply_to_message_id", "via_bot"):
        value = message.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            extra[key] = str(value)
    media = _media(message)
    if media:
        extra["media"] = media
    return extra


def _username(chat: Mapping[str, Any]) -> str | None:
    for key in ("username", "link"):
        value = _str(chat.get(key))
        if value:
            value = value.removeprefix("https://t.me/").removeprefix("t.me/").strip("/")
            match = _USERNAME.fullmatch(value)
            if match:
                return match.group(1)
    return None


def _slug(name: str) -> str:
    """``name`` transliterated to lowercase ASCII words joined by ``-``."""
    ascii_name = str(anyascii(name))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "channel"


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
