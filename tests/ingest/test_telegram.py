"""Telegram Desktop exports (result.json): a document per post; service and media posts skipped."""

from __future__ import annotations

import json
from typing import Any

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Skip, Source
from frontwatch.ingest.telegram import TelegramReader, flatten_text, looks_like_telegram


def _post(msg_id: int, text: object, **more: object) -> dict[str, Any]:
    return {
        "id": msg_id,
        "type": "message",
        "date": "2022-09-10T18:05:00",
        "date_unixtime": "1662822300",
        "from": "Frontline Wire",
        "from_id": "channel1500000001",
        "text": text,
        **more,
    }


MESSAGES: list[object] = [
    {
        "id": 1,
        "type": "service",
        "date": "2022-09-01T09:00:00",
        "actor": "Frontline Wire",
        "action": "create_channel",
        "title": "Frontline Wire",
        "text": "",
    },
    _post(
        2,
        [
            "Ukrainian forces entered ",
            {"type": "bold", "text": "Kupiansk"},
            " on Saturday, the governor said. ",
            {"type": "text_link", "text": "Video", "href": "https://wire.example/v/2"},
            "\n",
            {"type": "hashtag", "text": "#Kharkiv"},
        ],
        text_entities=[{"type": "plain", "text": "ignored when text is there"}],
    ),
    _post(3, "", photo="photos/photo_3@10-09-2022_18-10-00.jpg", width=1280, height=960),
    _post(
        4,
        "Shelling of Chuhuiv overnight, two civilians injured.",
        forwarded_from="Kharkiv Regional Administration",
    ),
    _post(5, [], file="video_files/clip.mp4", media_type="video_file", mime_type="video/mp4"),
    _post(6, "", file="stickers/sticker.webp", media_type="sticker", sticker_emoji="🔥"),
    {
        "id": 7,
        "type": "service",
        "date": "2022-09-10T19:00:00",
        "action": "pin_message",
        "message_id": 2,
        "text": "",
    },
    _post(8, "Izium: the city is under Ukrainian control.", photo="photos/photo_8.jpg"),
    _post(9, "Лиман оточено.", edited="2022-10-01T12:30:00", reply_to_message_id=4),
]
CHANNEL: dict[str, Any] = {
    "name": "Frontline Wire",
    "type": "public_channel",
    "id": 1500000001,
    "messages": MESSAGES,
}


def _read(export: object, name: str = "export/result.json") -> list[ReadResult]:
    data = json.dumps(export, ensure_ascii=False, indent=1).encode("utf-8")
    return list(TelegramReader().read(Source(name, data)))


def _by_id(results: list[ReadResult]) -> dict[str, ReadResult]:
    return {str(getattr(r, "origin", "")).rsplit("-", 1)[-1]: r for r in results}


def test_each_post_is_a_document_or_a_skip_with_a_reason() -> None:
    results = _by_id(_read(CHANNEL))
    kinds = {k: type(v).__name__ for k, v in results.items()}
    assert kinds == {
        "1": "Skip",
        "2": "Draft",
        "3": "Skip",
        "4": "Draft",
        "5": "Skip",
        "6": "Skip",
        "7": "Skip",
        "8": "Draft",
        "9": "Draft",
    }
    reasons = {k: v.reason for k, v in results.items() if isinstance(v, Skip)}
    assert reasons == {
        "1": "service message (create_channel)",
        "3": "media-only post (photo)",
        "5": "media-only post (video_file)",
        "6": "media-only post (sticker)",
        "7": "service message (pin_message)",
    }


def test_formatted_text_is_flattened_and_metadata_kept() -> None:
    draft = _by_id(_read(CHANNEL))["2"]
    assert isinstance(draft, Draft)
    assert draft.text == (
        "Ukrainian forces entered Kupiansk on Saturday, the governor said. Video\n#Kharkiv"
    )
    assert draft.id == "tg-1500000001-2"
    assert draft.outlet == "Frontline Wire"
    assert draft.published == "2022-09-10T18:05:00"
    assert draft.origin == "export/result.json#message-2"
    assert draft.forwarded_from is None
    assert draft.url is None  # the export names no username, and a title is no link
    assert draft.extra == {
        "reader": "telegram",
        "from": "Frontline Wire",
        "from_id": "channel1500000001",
        "date_unixtime": "1662822300",
    }


def test_forwarded_from_captions_and_edits_are_kept() -> None:
    results = _by_id(_read(CHANNEL))
    forwarded, captioned, edited = results["4"], results["8"], results["9"]
    assert isinstance(forwarded, Draft)
    assert forwarded.forwarded_from == "Kharkiv Regional Administration"
    assert isinstance(captioned, Draft)
    assert (captioned.text, captioned.extra["media"]) == (
        "Izium: the city is under Ukrainian control.",
        "photo",
    )
    assert isinstance(edited, Draft)
    assert edited.text == "Лиман оточено."
    assert (edited.extra["edited"], edited.extra["reply_to_message_id"]) == (
        "2022-10-01T12:30:00",
        "4",
    )


@pytest.mark.parametrize(
    ("chat", "url"),
    [
        ({"username": "frontline_wire"}, "https://t.me/frontline_wire/4"),
        ({"username": "@frontline_wire"}, "https://t.me/frontline_wire/4"),
        ({"link": "https://t.me/frontline_wire/"}, "https://t.me/frontline_wire/4"),
        ({"username": "no spaces allowed"}, None),
        ({}, None),
    ],
)
def test_post_links_need_the_channel_username(chat: dict[str, str], url: str | None) -> None:
    export = {**CHANNEL, **chat, "messages": [MESSAGES[3]]}
    (draft,) = _read(export)
    assert isinstance(draft, Draft)
    assert draft.url == url


@pytest.mark.parametrize(
    ("chat", "doc_id"),
    [
        ({"id": 1500000001}, "tg-1500000001-4"),
        ({"id": "c42"}, "tg-c42-4"),
        ({"id": None, "name": "Фронт Новини"}, "tg-front-novini-4"),
        ({"id": True, "name": "!!!"}, "tg-channel-4"),
    ],
)
def test_ids_use_the_chat_id_else_a_slug_of_its_name(chat: dict[str, object], doc_id: str) -> None:
    (draft,) = _read({**CHANNEL, **chat, "messages": [MESSAGES[3]]})
    assert isinstance(draft, Draft)
    assert draft.id == doc_id


def test_a_full_account_export_reads_every_channel() -> None:
    other = {
        "name": "Kharkiv Today",
        "id": 77,
        "type": "public_channel",
        "messages": [_post(1, "Air raid alert in Kharkiv.")],
    }
    export = {
        "about": "Here is the data you requested.",
        "chats": {"about": "chats", "list": [CHANNEL, {"name": "no messages"}, "junk"]},
        "left_chats": {"list": [other]},
    }
    drafts = [r for r in _read(export) if isinstance(r, Draft)]
    assert [(d.outlet, d.id) for d in drafts][-1] == ("Kharkiv Today", "tg-77-1")
    assert len(drafts) == 5


@pytest.mark.parametrize(
    ("message", "published"),
    [
        (_post(4, "t"), "2022-09-10T18:05:00"),
        ({**_post(4, "t"), "date": "not a date"}, "2022-09-10T15:05:00+00:00"),
        ({k: v for k, v in _post(4, "t").items() if k != "date"}, "2022-09-10T15:05:00+00:00"),
        ({**_post(4, "t"), "date": None, "date_unixtime": "soon"}, None),
        ({**_post(4, "t"), "date": 5, "date_unixtime": 10**20}, None),
    ],
)
def test_published_is_the_message_date(message: dict[str, object], published: str | None) -> None:
    (draft,) = _read({**CHANNEL, "messages": [message]})
    assert isinstance(draft, Draft)
    assert draft.published == published


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("a string", "message 2 is not an object"),
        (["a", "list"], "message 2 is not an object"),
        ({"type": "message", "text": "no id"}, "message 2 has no id"),
        ({"id": True, "type": "message", "text": "boolean id"}, "message 2 has no id"),
        ({"id": "", "type": "message", "text": "empty id"}, "message 2 has no id"),
    ],
)
def test_a_bad_message_is_an_error_and_the_rest_is_read(message: object, reason: str) -> None:
    results = _read({**CHANNEL, "messages": [MESSAGES[3], message, MESSAGES[8]]})
    assert [type(r) for r in results] == [Draft, InputError, Draft]
    error = results[1]
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == ("export/result.json", reason)


def test_a_post_without_text_or_media_is_skipped() -> None:
    (skip,) = _read({**CHANNEL, "messages": [_post(4, "   ")]})
    assert isinstance(skip, Skip)
    assert skip.reason == "post without text"


def test_text_entities_are_used_where_text_is_empty() -> None:
    entities = [{"type": "plain", "text": "Izium "}, {"type": "italic", "text": "retaken"}]
    (draft,) = _read({**CHANNEL, "messages": [_post(4, "", text_entities=entities)]})
    assert isinstance(draft, Draft)
    assert draft.text == "Izium retaken"


@pytest.mark.parametrize(
    ("data", "line", "reason"),
    [
        (
            b'{"name": "Frontline Wire",\n "messages": [\n  {"id": 1, "text": "Shelling near Kup',
            3,
            "Telegram export is truncated JSON: unterminated string (column 21)",
        ),
        (
            b'{"name": "Frontline Wire",\n "messages": [\n  {"id": 1, "text": "x"},\n',
            4,
            "Telegram export is truncated JSON: expecting value (column 1)",
        ),
        (
            b'{"name": "Frontline Wire",\n "messages": [\n  {"id": 1 "text": "x"}]}',
            3,
            "Telegram export is invalid JSON: expecting ',' delimiter (column 12)",
        ),
    ],
    ids=["cut-in-string", "cut-between-messages", "missing-comma"],
)
def test_broken_json_is_named_with_its_line(data: bytes, line: int, reason: str) -> None:
    (error,) = TelegramReader().read(Source("result.json", data))
    assert isinstance(error, InputError)
    assert (error.source, error.line, error.reason) == ("result.json", line, reason)


@pytest.mark.parametrize(
    ("export", "reason"),
    [
        (
            {"name": "x", "messages": {"1": "not a list"}},
            "not a Telegram export: no 'messages' list",
        ),
        ([{"messages": []}], "not a Telegram export: no 'messages' list"),
        ({"chats": {"list": "nothing"}}, "not a Telegram export: no 'messages' list"),
    ],
)
def test_json_without_messages_is_refused(export: object, reason: str) -> None:
    (error,) = _read(export)
    assert isinstance(error, InputError)
    assert error.reason == reason


@pytest.mark.parametrize(
    ("data", "looks"),
    [
        (b'\n  {"name": "W", "type": "public_channel", "messages": [', True),
        (b'{"about": "x", "chats": {"about": "y", "list": [', True),
        (b'{"text": "\\"messages\\": ["}', False),
        (b'{"messages": "none"}', False),
        (b"messages: [", False),
    ],
)
def test_looks_like_telegram(data: bytes, looks: bool) -> None:
    assert looks_like_telegram(data) is looks


def test_binary_and_empty_exports_are_refused() -> None:
    (binary,) = TelegramReader().read(Source("result.json", b'{"messages": [' + bytes(64)))
    (empty,) = TelegramReader().read(Source("result.json", b"  "))
    assert isinstance(binary, InputError)
    assert isinstance(empty, InputError)
    assert (binary.reason, empty.reason) == ("binary file", "empty file")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    data = b'{"messages": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}"
    (error,) = TelegramReader().read(Source("result.json", data))
    assert isinstance(error, InputError)
    assert "nested too deeply" in error.reason


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain", "plain"),
        (["a", {"type": "bold", "text": "b"}, "c"], "abc"),
        ([{"type": "mention", "text": "@wire"}, " said"], "@wire said"),
        ([{"type": "custom_emoji", "text": "🔥", "document_id": "1"}, " hot"], "🔥 hot"),
        ([{"type": "link"}, 5, None, "kept"], "kept"),  # entities without text are dropped
        (None, ""),
        (42, ""),
    ],
)
def test_flatten_text(value: object, text: str) -> None:
    assert flatten_text(value) == text


@pytest.mark.parametrize(
    ("name", "data", "accepted"),
    [
        ("result.json", json.dumps(CHANNEL).encode(), True),
        ("result", json.dumps({"chats": {"list": []}}).encode(), True),
        ("result.json", json.dumps(CHANNEL).encode("utf-16"), True),
        ("reports.jsonl", json.dumps(CHANNEL).encode(), False),
        ("result.json", b'{"id": "r1", "text": "the word \\"messages\\": [ in a text"}', False),
        ("result.json", b'[{"messages": []}]', False),
        ("result.txt", json.dumps(CHANNEL).encode(), False),
    ],
)
def test_accepts_exports_by_content(name: str, data: bytes, accepted: bool) -> None:
    assert TelegramReader().accepts(Source(name, data)) is accepted


def test_an_integer_too_long_to_convert_is_an_error_naming_its_line() -> None:
    """Regression: a 5,000-digit integer raised ValueError out of the reader, ending the batch."""
    data = (
        '{"name": "Frontline Wire",\n "messages": [\n'
        f'  {{"id": 1, "type": "message", "text": "Izium.", "views": {"9" * 5000}}}\n]}}'
    ).encode()
    (error,) = TelegramReader().read(Source("result.json", data))
    assert isinstance(error, InputError)
    assert (error.source, error.line) == ("result.json", 3)
    assert error.reason == (
        "Telegram export is unreadable JSON: a number has 5,000 digits, more than the 4,300"
        " that can be read (write long numbers as strings)"
    )
