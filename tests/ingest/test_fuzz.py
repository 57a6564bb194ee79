"""Fuzzing the readers: whatever the input, they yield Drafts, Skips or InputErrors, never raise."""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwatch.errors import InputError, TooLargeError
from frontwatch.ingest.base import Draft, Reader, ReadResult, Skip, Source
from frontwatch.ingest.encoding import decode
from frontwatch.ingest.feeds import FeedReader
from frontwatch.ingest.fetch import canonical_url
from frontwatch.ingest.html import HtmlReader
from frontwatch.ingest.jsonl import JsonReader
from frontwatch.ingest.sources import IngestOptions, iter_drafts
from frontwatch.ingest.telegram import TelegramReader
from frontwatch.ingest.text import TextReader

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
READERS: tuple[tuple[str, Reader], ...] = (
    ("in/report.txt", TextReader()),
    ("in/reports.jsonl", JsonReader()),
    ("in/result.json", TelegramReader()),
    ("in/wire.rss", FeedReader()),
    ("in/page.html", HtmlReader()),
)
KEYS = st.sampled_from(
    [
        *("id", "text", "url", "outlet", "published", "title", "language", "messages", "type"),
        *("date", "date_unixtime", "name", "chats", "list", "photo", "media_type", "action"),
        *("forwarded_from", "text_entities", "href"),
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["2022-09-10", "Sat, 10 Sep 2022 18:00:00 +0300", "message", "service"])
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.text(max_size=6), inner, max_size=6)
    ),
    max_leaves=25,
)
PIECES = [
    '<?xml version="1.0" encoding="utf-8"?>',
    "<rss version='2.0'>",
    "<channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<description>",
    "</description>",
    "<link>http://[broken</link>",
    "<link>https://wire.example/a</link>",
    "<pubDate>",
    "</pubDate>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<entry>",
    "</entry>",
    "<content type='html'>",
    "</content>",
    "<!DOCTYPE html><html>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<meta charset='",
    "<link rel='canonical' href='",
    "'>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "<!--",
    "-->",
    "<script>",
    "<br>",
    "Київ",
    "Izium was retaken.",
]
MARKUP = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1251", "latin-1", "koi8_u"])


def _check(results: list[ReadResult], name: str) -> None:
    for result in results:
        assert isinstance(result, Draft | Skip | InputError), result
        if isinstance(result, Draft):
            assert result.text.strip()
            assert result.origin.startswith(name)
        elif isinstance(result, Skip):
            assert result.origin.startswith(name)
            assert result.reason
        else:
            assert result.source.startswith((name, "http"))
            assert result.reason


def _read_all(data: bytes) -> None:
    for name, reader in READERS:
        source = Source(name, data, path=Path(name))
        assert isinstance(reader.accepts(source), bool)
        _check(list(reader.read(source)), name)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _read_all(data)


@FUZZ
@given(st.text(max_size=500), ENCODINGS)
def test_arbitrary_text_in_any_encoding(text: str, encoding: str) -> None:
    _read_all(text.encode(encoding, errors="replace"))


@FUZZ
@given(JSONISH)
def test_json_ish_values_in_every_reader(value: Any) -> None:
    _read_all(json.dumps(value).encode())
    _read_all(json.dumps({"name": "Wire", "messages": [value, value]}).encode())
    _read_all(json.dumps({"chats": {"list": [{"messages": value}]}}).encode())


@FUZZ
@given(MARKUP, ENCODINGS)
def test_markup_like_input(markup: str, encoding: str) -> None:
    _read_all(markup.encode(encoding, errors="replace"))


@FUZZ
@given(st.lists(JSONISH, min_size=1, max_size=8))
def test_json_lines_give_one_result_per_line(values: list[Any]) -> None:
    """Each line is one result, named by its line; a file-wide array is read differently."""
    lines = [json.dumps(v) for v in values]
    if lines[0].startswith("["):
        lines[0] = "{}"
    results = list(JsonReader().read(Source("r.jsonl", "\n".join(lines).encode())))
    assert len(results) == len(lines)
    for number, result in enumerate(results, start=1):
        if isinstance(result, Draft):
            assert result.origin == f"r.jsonl:{number}"
        else:
            assert isinstance(result, InputError)
            assert result.line == number


@FUZZ
@given(st.lists(JSONISH, max_size=8))
def test_telegram_messages_give_one_result_each(messages: list[Any]) -> None:
    data = json.dumps({"name": "Wire", "id": 7, "messages": messages}).encode()
    results = list(TelegramReader().read(Source("result.json", data)))
    if messages:
        assert len(results) == len(messages)
    _check(results, "result.json")


@FUZZ
@given(st.text(max_size=300).filter(lambda t: "\x00" not in t and not t.startswith("\ufeff")))
def test_text_files_keep_their_text_exactly(text: str) -> None:
    (result,) = TextReader().read(Source("t.txt", text.encode("utf-8")))
    if isinstance(result, Draft):
        assert result.text == text
    else:
        assert isinstance(result, InputError)
        assert result.reason in {"empty file", "binary file"}


@FUZZ
@given(st.binary(max_size=3000), st.none() | st.sampled_from(["utf-8", "cp1251", "bogus", ""]))
def test_decode_gives_text_or_input_error(data: bytes, declared: str | None) -> None:
    try:
        decoded = decode(data, "x.bin", declared)
    except InputError as err:
        assert err.source == "x.bin"
    else:
        assert decoded.text.strip()


@FUZZ
@given(st.text(max_size=80), st.sampled_from(["http://", "https://", "HTTPS://", ""]))
def test_canonical_url_never_raises_and_is_idempotent(rest: str, scheme: str) -> None:
    once = canonical_url(scheme + rest)
    assert canonical_url(once) == once


FILE_TYPES = st.sampled_from([".txt", ".jsonl", ".json", ".rss", ".html", ".xml", ".bin", ""])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILE_TYPES, st.binary(max_size=300)), max_size=6))
def test_a_folder_of_garbage_is_read_to_the_end(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for number, (ext, data) in enumerate(files):
            (Path(folder) / f"f{number}{ext}").write_bytes(data)
        results = list(iter_drafts([folder], IngestOptions(max_bytes=200)))
    _check(results, folder)
    skipped = {Path(r.origin).name for r in results if isinstance(r, Skip)}
    too_large = {Path(r.source).name for r in results if isinstance(r, TooLargeError)}
    for number, (ext, data) in enumerate(files):
        name = f"f{number}{ext}"
        if ext in {".bin", ""}:
            assert name in skipped
        elif len(data) > 200:
            assert name in too_large


def test_a_sample_of_the_fuzz_benchmark_through_the_cli_loses_nothing(
    load_script: Callable[[str], ModuleType],
) -> None:
    """A bounded sample of ``benchmarks/fuzz_ingest.py`` (three inputs of each class, each
    followed by a good report) through ``frontwatch ingest`` in a fresh process: no uncaught
    exception, and every good report stored. The benchmark runs 100,000 and times them."""
    fuzz = load_script("benchmarks/fuzz_ingest.py")
    kinds = len(fuzz.CLASSES) + len(fuzz.LINK_CLASSES)
    outcome = fuzz.run(3 * kinds, batch=3 * kinds, hang_s=math.inf, limit_s=600)
    assert set(outcome.inputs.values()) == {3}
    assert outcome.crashes == []
    assert (outcome.good_expected, outcome.good_missing) == (3 * kinds, [])


def test_the_fuzz_inputs_are_the_same_for_a_seed_and_differ_between_seeds(
    load_script: Callable[[str], ModuleType],
) -> None:
    fuzz = load_script("benchmarks/fuzz_ingest.py")
    assert list(fuzz.cases(3, 30)) == list(fuzz.cases(3, 30))
    assert list(fuzz.cases(3, 30)) != list(fuzz.cases(4, 30))
