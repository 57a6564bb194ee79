"""HttpFetcher over httpx (through MockTransport, never the network) and canonical URLs."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from frontwatch.errors import FetchError
from frontwatch.ingest.fetch import (
    USER_AGENT,
    FetchOptions,
    HttpFetcher,
    HttpFetchError,
    canonical_url,
    sizes,
    tracking_params,
)

PAGE = b"<html><body><article><p>Izium was retaken.</p></article></body></html>"
Handler = Callable[[httpx.Request], httpx.Response]


def _public(host: str, port: int) -> list[str]:
    """A resolver that gives every name a public address (MockTransport never connects)."""
    return ["93.184.215.14"]


def _fetcher(handler: Handler, **options: int) -> HttpFetcher:
    client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    return HttpFetcher(client, FetchOptions(**options), resolver=_public)


def _page(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=PAGE, headers={"content-type": "text/html; charset=utf-8"})


def test_fetch_returns_body_content_type_and_url() -> None:
    source = _fetcher(_page).fetch("https://wire.example/izium")
    assert (source.name, source.data) == ("https://wire.example/izium", PAGE)
    assert source.content_type == "text/html; charset=utf-8"
    assert source.path is None


def test_redirects_are_followed_and_the_final_url_names_the_source() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/short/1":
            return httpx.Response(301, headers={"location": "https://wire.example/2022/izium"})
        return _page(request)

    source = _fetcher(handler).fetch("https://wire.example/short/1")
    assert source.name == "https://wire.example/2022/izium"


def test_own_client_sends_the_user_agent() -> None:
    fetcher = HttpFetcher()
    try:
        assert fetcher._client.headers["user-agent"] == USER_AGENT
        assert fetcher._client.follow_redirects
    finally:
        fetcher.close()
    assert fetcher._client.is_closed


def test_a_client_passed_in_is_left_open() -> None:
    client = httpx.Client(transport=httpx.MockTransport(_page))
    with HttpFetcher(client, resolver=_public) as fetcher:
        fetcher.fetch("https://wire.example/a")
    assert not client.is_closed
    client.close()


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error"), (451, "HTTP 451")],
)
def test_non_success_status_is_a_fetch_error(status: int, reason: str) -> None:
    fetcher = _fetcher(lambda request: httpx.Response(status, content=b"gone"))
    with pytest.raises(HttpFetchError) as info:
        fetcher.fetch("https://wire.example/missing")
    assert info.value.status == status
    assert info.value.reason.startswith(reason)
    assert info.value.url == "https://wire.example/missing"
    assert "https://wire.example/missing" in str(info.value)


def _raise(error: Exception) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    return handler


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (httpx.ReadTimeout("read timed out"), "timed out"),
        (httpx.ConnectTimeout("connect timed out"), "timed out"),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "ConnectError: [Errno -2]"),
        (httpx.RemoteProtocolError(""), "RemoteProtocolError"),
    ],
)
def test_transport_failures_are_fetch_errors(error: Exception, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        _fetcher(_raise(error)).fetch("https://wire.example/a")
    assert isinstance(info.value, HttpFetchError)
    assert info.value.reason.startswith(reason)
    assert info.value.status is None


def test_redirect_loops_are_named() -> None:
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": str(request.url)})

    with pytest.raises(HttpFetchError) as info:
        _fetcher(loop).fetch("https://wire.example/loop")
    assert info.value.reason == "too many redirects"


@pytest.mark.parametrize(
    "url", ["ftp://wire.example/a.txt", "file:///etc/passwd", "wire.example/a", "javascript:1"]
)
def test_only_http_urls_are_fetched(url: str) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return _page(request)

    with pytest.raises(HttpFetchError) as info:
        _fetcher(handler).fetch(url)
    assert info.value.reason == "only http and https URLs can be fetched"
    assert calls == []


def test_a_declared_length_above_the_limit_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 4096)

    with pytest.raises(HttpFetchError) as info:
        _fetcher(handler, max_bytes=1024).fetch("https://wire.example/big")
    assert info.value.reason == "response is 4 KB, above the 1 KB limit; raise it with --max-mb"


def test_a_stream_without_length_is_cut_at_the_limit() -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b"x" * 1024

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())

    with pytest.raises(HttpFetchError) as info:
        _fetcher(handler, max_bytes=10 * 1024).fetch("https://wire.example/stream")
    assert info.value.reason == (
        "response is more than 11 KB, above the 10 KB limit; raise it with --max-mb"
    )
    assert len(sent) < 100  # reading stopped, the rest was never pulled


def test_a_body_at_the_limit_is_read() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"y" * 2048)

    assert len(_fetcher(handler, max_bytes=2048).fetch("https://wire.example/ok").data) == 2048


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://Wire.Example:443/2022/09/izium?b=2&a=1&utm_source=tg#comments",
            "https://wire.example/2022/09/izium?a=1&b=2",
        ),
        ("http://wire.example", "http://wire.example/"),
        ("http://wire.example:8080/?", "http://wire.example:8080/"),
        ("https://wire.example./a?fbclid=IwAR0x", "https://wire.example/a"),
        ("https://wire.example/a?UTM_Medium=x&id=5&gclid=1&yclid=2", "https://wire.example/a?id=5"),
        ("https://wire.example/a?utm%5Fcampaign=x", "https://wire.example/a"),
        (
            "https://wire.example/a?q=Kharkiv%20oblast&Q=1",
            "https://wire.example/a?Q=1&q=Kharkiv%20oblast",
        ),
        ("http://[::1]:80/x", "http://[::1]/x"),
        ("https://wire.example:99999/a", "https://wire.example:99999/a"),
        ("  https://wire.example/a  ", "https://wire.example/a"),
        ("https://wire.example/Izium", "https://wire.example/Izium"),  # paths keep their case
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical


def test_two_links_to_one_page_meet() -> None:
    shared = "https://wire.example/2022/09/11/kupiansk?id=7"
    from_telegram = "https://WIRE.example/2022/09/11/kupiansk?utm_source=telegram&id=7"
    from_facebook = "https://wire.example:443/2022/09/11/kupiansk?id=7&fbclid=abc#top"
    assert canonical_url(from_telegram) == canonical_url(from_facebook) == shared


def test_tracking_params_table() -> None:
    exact, prefixes = tracking_params()
    assert {"fbclid", "gclid", "yclid"} <= exact
    assert "utm_" in prefixes
    assert all(name == name.lower() and name.strip() == name for name in exact)
    assert not any(name.startswith("#") or name.endswith("*") for name in exact)


@pytest.mark.parametrize(
    ("size", "limit", "shown"),
    [
        (3 * 2**20, 2**20, ("3.0 MB", "1.0 MB")),
        (300 * 1024, 100 * 1024, ("300 KB", "100 KB")),
        (900, 100, ("900 bytes", "100 bytes")),
        (50 * 2**20 + 1, 50 * 2**20, ("52,428,801 bytes", "52,428,800 bytes")),  # tell apart
    ],
)
def test_sizes_in_messages(size: int, limit: int, shown: tuple[str, str]) -> None:
    assert sizes(size, limit) == shown


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://[broken/x", "invalid URL: Invalid IPv6 URL"),
        ("https://wire.example/a\x00b", "invalid URL: Invalid non-printable ASCII character"),
    ],
)
def test_malformed_urls_are_fetch_errors_not_crashes(url: str, reason: str) -> None:
    with pytest.raises(HttpFetchError) as info:
        _fetcher(_page).fetch(url)
    assert info.value.reason.startswith(reason)


@pytest.mark.parametrize("url", ["http://[broken/x", " http://[::1/a "])
def test_canonical_url_keeps_what_it_cannot_parse(url: str) -> None:
    assert canonical_url(url) == url.strip()
