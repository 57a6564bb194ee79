"""JSON and JSON Lines reports: fields, ids, every layout, and bad items named by line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.jsonl import JsonReader, normalise_published

FULL: dict[str, Any] = {
    "id": "fw-2022-0911-01",
    "url": "https://wire.example/2022/09/11/kupiansk",
    "outlet": "Frontline Wire",
    "published": "2022-09-11T09:30:00+03:00",
    "published_note": "updated at noon",
    "title": "Ukrainian forces enter Kupiansk",
    "language": "en",
    "license": "CC-BY-4.0",
    "forwarded_from": "Kharkiv Regional Administration",
    "text": "Ukrainian forces entered Kupiansk on Saturday, the governor said.\n\nFighting on.",
}


def _one(obj: dict[str, Any]) -> dict[str, Any]:
    return {"id": "r1", "text": "Shelling of Izium was reported overnight.", **obj}


def _read(text: str, name: str = "reports.jsonl") -> list[ReadResult]:
    return list(JsonReader().read(Source(name, text.encode("utf-8"))))


def _lines(*values: object) -> str:
    return "".join(json.dumps(v, ensure_ascii=False) + "\n" for v in values)


def test_every_field_is_read_and_the_input_id_kept() -> None:
    (draft,) = _read(_lines(FULL))
    assert isinstance(draft, Draft)
    assert draft.id == FULL["id"]
    assert draft.text == FULL["text"]
    for name in ("url", "outlet", "published", "published_note", "title", "language", "license"):
        assert getattr(draft, name) == FULL[name]
    assert draft.forwarded_from == FULL["forwarded_from"]
    assert (draft.origin, draft.extra) == ("reports.jsonl:1", {})


def test_unknown_fields_go_to_extra_as_strings() -> None:
    obj = _one({"author": "K. Ivanenko", "tags": ["Kharkiv", "shelling"], "words": 7, "x": None})
    (draft,) = _read(_lines(obj))
    assert isinstance(draft, Draft)
    assert draft.extra == {"author": "K. Ivanenko", "tags": '["Kharkiv", "shelling"]', "words": "7"}


@pytest.mark.parametrize(("given", "kept"), [(17, "17"), ("0017", "0017"), (None, None)])
def test_ids_are_kept_as_strings(given: object, kept: str | None) -> None:
    (draft,) = _read(_lines(_one({"id": given})))
    assert isinstance(draft, Draft)
    assert draft.id == kept


A = _one({"id": "a", "text": "Izium was retaken on Saturday."})
B = _one({"id": "b", "text": "Лиман оточено, заявили в ЗСУ."})
LAYOUTS = {
    "jsonl": (_lines(A, B), [1, 2]),
    "jsonl-blank-lines-crlf": (
        "\r\n" + _lines(A).replace("\n", "\r\n") + "\r\n\r\n" + _lines(B),
        [2, 5],
    ),
    "one-object": (json.dumps(A, indent=2), [1]),
    "array": (json.dumps([A, B], indent=2, ensure_ascii=False), [2, 6]),
    "pretty-objects-in-a-row": (json.dumps(A, indent=2) + "\n" + json.dumps(B, indent=2), [1, 5]),
    "empty-array": ("[ ]\n", []),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layouts_give_each_object_with_its_starting_line(layout: str) -> None:
    text, lines = LAYOUTS[layout]
    drafts = [r for r in _read(text) if isinstance(r, Draft)]
    assert len(drafts) == len(_read(text))
    assert [r.origin for r in drafts] == [f"reports.jsonl:{n}" for n in lines]
    assert [r.id for r in drafts] == ["a", "b"][: len(lines)]


GOOD = _lines(A)
BAD_LINES = [
    ("[1, 2]", "not a JSON object (a array)"),
    ('"a string on its own"', "not a JSON object (a string)"),
    ("42", "not a JSON object (a number)"),
    ("null", "not a JSON object (a null)"),
    ('{"id": "x"}', "missing field 'text'"),
    ('{"id": "x", "text": "   "}', "field 'text' is empty"),
    ('{"id": "x", "text": ["Izium"]}', "field 'text' must be a string, not a array"),
    ('{"id": true, "text": "Izium"}', "field 'id' must be a string or an integer, not a boolean"),
    ('{"id": "", "text": "Izium"}', "field 'id' is empty"),
    ('{"id": "x", "text": "Izium", "outlet": 5}', "field 'outlet' must be a string or null"),
    ('{"id": "x", "text": "Izium", "published": "last Tuesday"}', "not an ISO 8601 date"),
    ("{'id': 'x', 'text': 'single quotes'}", "invalid JSON: Expecting property name"),
    ('{"id": "x", "text": "Izium",}', "invalid JSON"),
    ('{"id": "x", "text": "cut off here', "invalid JSON: the line ends inside a string"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES)
def test_a_bad_line_is_named_and_the_rest_is_read(bad: str, reason: str) -> None:
    results = _read(GOOD + bad + "\n" + _lines(B))
    assert [type(r) for r in results] == [Draft, InputError, Draft]
    error = results[1]
    assert isinstance(error, InputError)
    assert (error.source, error.line) == ("reports.jsonl", 2)
    assert reason in error.reason
    assert str(error).startswith("[E101] reports.jsonl:2: ")
    origins = [r.origin for r in results if isinstance(r, Draft)]
    assert origins == ["reports.jsonl:1", "reports.jsonl:3"]


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        ('{"id": "c", "text": "Shelling near Kup', "truncated JSON: a string is not closed"),
        ('{"id": "c", "text": "Shelling near Kupiansk."', "truncated JSON: the text ends early"),
        ('{"id": "c", "text":', "truncated JSON: the text ends early (expecting value)"),
    ],
)
def test_a_truncated_last_record_is_an_error_on_its_line(tail: str, reason: str) -> None:
    results = _read(_lines(A, B) + tail)
    assert [type(r) for r in results] == [Draft, Draft, InputError]
    error = results[2]
    assert isinstance(error, InputError)
    assert error.line == 3
    assert error.reason.startswith(reason)


def test_a_truncated_array_keeps_its_complete_elements() -> None:
    text = json.dumps([A, B], indent=2)
    results = _read(text[: text.rindex("}")], "dump.json")
    assert [type(r) for r in results] == [Draft, InputError]
    error = results[1]
    assert isinstance(error, InputError)
    assert error.source == "dump.json"
    assert error.reason.startswith("truncated JSON")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (f"[{json.dumps(A)}] trailing", "unexpected data after the closing ]"),
        (f"[{json.dumps(A)} {json.dumps(B)}]", "invalid JSON: expected ',' or ']' but found '{'"),
        (f"[{json.dumps(A)},", "truncated JSON: the array is not closed with ]"),
    ],
)
def test_broken_arrays_are_named(text: str, reason: str) -> None:
    results = _read(text)
    assert isinstance(results[0], Draft)
    assert isinstance(results[-1], InputError)
    assert results[-1].reason == reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"\n \n", "empty file"), (b"\x00\x01\x02\x03" * 40, "binary file")],
)
def test_unreadable_files_give_one_error(data: bytes, reason: str) -> None:
    (error,) = JsonReader().read(Source("x.jsonl", data))
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == ("x.jsonl", reason)


def test_cp1251_json_is_decoded() -> None:
    data = _lines(B).encode("cp1251")
    (draft,) = JsonReader().read(Source("legacy.jsonl", data))
    assert isinstance(draft, Draft)
    assert draft.text == B["text"]


def test_deeply_nested_json_is_an_error_not_a_crash() -> None:
    results = _read('{"id": "x", "text": "t", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert len(results) == 1
    assert isinstance(results[0], InputError)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2022-09-08", "2022-09-08"),
        ("2022-09-08T10:00:00Z", "2022-09-08T10:00:00Z"),
        ("2022-09-08 10:00+03:00", "2022-09-08 10:00+03:00"),
        (" 2022-09-08T10:00:00.250+02:00 ", "2022-09-08T10:00:00.250+02:00"),
        ("20220908", "2022-09-08"),
        ("Thu, 08 Sep 2022 10:00:00 +0300", "2022-09-08T10:00:00+03:00"),
        ("Thu, 08 Sep 2022 07:00:00 GMT", "2022-09-08T07:00:00+00:00"),
    ],
)
def test_published_is_kept_or_rewritten_as_extended_iso(given: str, stored: str) -> None:
    assert normalise_published(given) == stored


@pytest.mark.parametrize("given", ["8 September 2022", "2022-13-45", "yesterday", "2022-09-31"])
def test_published_that_is_no_date_is_refused(given: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        normalise_published(given)


def test_blank_published_is_no_date() -> None:
    (draft,) = _read(_lines(_one({"published": "  "})))
    assert isinstance(draft, Draft)
    assert draft.published is None


@pytest.mark.parametrize(
    ("name", "data", "content_type", "accepted"),
    [
        ("a.json", b"", None, True),
        ("a.NDJSON", b"", None, True),
        ("a.jsonl", b"", None, True),
        ("export", b'  \n{"id": 1}', None, True),
        ("export", b"[{}]", None, True),
        ("https://api.example/reports", b"", "application/json; charset=utf-8", True),
        ("https://api.example/reports", b"", "application/x-ndjson", True),
        ("notes.txt", b"plain words", None, False),
        ("export", b"plain words { later", None, False),
    ],
)
def test_accepts(name: str, data: bytes, content_type: str | None, accepted: bool) -> None:
    assert JsonReader().accepts(Source(name, data, content_type=content_type)) is accepted


def test_an_integer_too_long_to_convert_is_an_error_for_its_record_only() -> None:
    """Regression: a 5,000-digit integer raised ValueError out of the reader, ending the batch."""
    long_number = "9" * 5000
    text = (
        _lines(A)
        + f'{{"id": "big", "text": "Izium.", "views": {long_number}}}\n'
        + f'{{"id": {long_number}, "text": "Lyman."}}\n'
        + _lines(B)
    )
    first, views, ident, last = _read(text)
    assert isinstance(first, Draft)
    assert isinstance(last, Draft)
    assert (first.id, last.id, last.origin) == ("a", "b", "reports.jsonl:4")
    for error, line in ((views, 2), (ident, 3)):
        assert isinstance(error, InputError)
        assert (error.source, error.line) == ("reports.jsonl", line)
        assert error.reason == (
            "unreadable JSON: a number has 5,000 digits, more than the 4,300 that can be read"
            " (write long numbers as strings)"
        )


def test_an_rfc2822_date_in_year_0_is_no_date() -> None:
    """Regression: email.utils reads year 0000 as 2000."""
    with pytest.raises(ValueError, match="not an ISO 8601 date"):
        normalise_published("Mon, 01 Jan 0000 00:00:00 GMT")


def test_an_array_goes_on_past_an_element_with_an_integer_too_long_to_convert() -> None:
    text = json.dumps([A, {"id": "big", "text": "x", "views": 1}, B]).replace(
        '"views": 1', f'"views": {"9" * 5000}'
    )
    first, error, last = _read(text.replace("}, {", "},\n{"), "reports.json")
    assert isinstance(first, Draft)
    assert isinstance(last, Draft)
    assert isinstance(error, InputError)
    assert (last.id, last.origin, error.line) == ("b", "reports.json:3", 2)


def test_a_record_with_a_long_integer_and_broken_json_is_one_error() -> None:
    text = f'{{"id": "x", "views": {"9" * 5000}, "text": "cut\n' + _lines(B)
    error, last = _read(text)
    assert isinstance(error, InputError)
    assert isinstance(last, Draft)
    assert (error.line, last.id) == (1, "b")
