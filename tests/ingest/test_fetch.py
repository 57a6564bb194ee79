"""HttpFetcher over httpx (MockTransport, or a server on loopback; never the network),
its address filter and deadline, and canonical URLs."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import httpx
import pytest

from frontwatch.errors import FetchError
from frontwatch.ingest.fetch import (
    USER_AGENT,
    FetchOptions,
    HttpFetcher,
    HttpFetchError,
    Resolver,
    address_refusal,
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


# Addresses: only public ones are fetched unless private ones are allowed ------------


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        ("93.184.215.14", None),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", None),
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("10.1.2.3", "a private address"),
        ("192.168.0.10", "a private address"),
        ("fd00::1", "a private address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("240.0.0.1", "a private address"),  # reserved; ipaddress counts it private too
        ("100.64.0.1", "not a public address"),  # carrier-grade NAT
        ("::ffff:127.0.0.1", "a loopback address"),
        ("::ffff:169.254.169.254", "a link-local address"),
    ],
)
def test_address_refusal(address: str, refusal: str | None) -> None:
    assert address_refusal(address) == refusal


def _recording(calls: list[str]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return _page(request)

    return handler


def _resolving(table: dict[str, list[str]]) -> Resolver:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


def _mocked(handler: Handler, resolver: Resolver, **options: Any) -> HttpFetcher:
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return HttpFetcher(client, FetchOptions(**options), resolver=resolver)


NAMES = {
    "wire.example": ["93.184.215.14"],
    "intranet.example": ["10.0.0.7"],
    "mixed.example": ["93.184.215.14", "127.0.0.1"],
}


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8080/admin", "refused: 127.0.0.1 is a loopback address"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refused: 169.254.169.254 is a link-local address",
        ),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("https://intranet.example/", "refused: intranet.example (10.0.0.7) is a private address"),
        ("https://mixed.example/", "refused: mixed.example (127.0.0.1) is a loopback address"),
    ],
)
def test_non_public_addresses_are_refused_before_any_request(url: str, reason: str) -> None:
    calls: list[str] = []
    with pytest.raises(HttpFetchError) as info:
        _mocked(_recording(calls), _resolving(NAMES)).fetch(url)
    assert info.value.reason == f"{reason}; pass --allow-private-urls to allow it"
    assert calls == []


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "https://intranet.example/x"]
)
def test_a_redirect_to_a_private_address_is_refused(target: str) -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(302, headers={"location": target})

    with pytest.raises(HttpFetchError) as info:
        _mocked(handler, _resolving(NAMES)).fetch("https://wire.example/short")
    assert info.value.url == "https://wire.example/short"
    assert info.value.reason.startswith("refused: ")
    assert calls == ["https://wire.example/short"]  # the private address was never asked


def test_a_redirect_to_another_scheme_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "ftp://files.example/a.txt"})

    with pytest.raises(HttpFetchError) as info:
        _mocked(handler, _resolving(NAMES)).fetch("https://wire.example/a")
    assert info.value.reason == (
        "only http and https URLs can be fetched (redirected to ftp://files.example/a.txt)"
    )


def test_private_addresses_are_fetched_when_allowed() -> None:
    calls: list[str] = []
    fetcher = _mocked(_recording(calls), _resolving({}), allow_private=True)
    assert fetcher.fetch("http://127.0.0.1:8080/a").data == PAGE
    assert fetcher.fetch("http://unresolvable.example/b").data == PAGE  # nothing resolved
    assert calls == ["http://127.0.0.1:8080/a", "http://unresolvable.example/b"]


def test_a_host_that_does_not_resolve_is_a_fetch_error() -> None:
    with pytest.raises(HttpFetchError) as info:
        _mocked(_page, _resolving({})).fetch("https://nowhere.example/a")
    assert info.value.reason == "cannot resolve host 'nowhere.example': Name or service not known"


# The deadline of a whole fetch ------------------------------------------------------


class _Clock:
    """A clock the test moves: no test waits on real time."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_body_that_trickles_in_is_cut_at_the_deadline() -> None:
    clock = _Clock()
    sent: list[int] = []

    def trickle() -> Iterator[bytes]:
        for _ in range(1000):
            clock.now += 1.0  # one byte a second
            sent.append(1)
            yield b"x"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=trickle())

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetcher = HttpFetcher(client, FetchOptions(deadline=60), resolver=_public, clock=clock)
    with pytest.raises(HttpFetchError) as info:
        fetcher.fetch("https://wire.example/slow")
    assert info.value.reason == (
        "took more than the 60 s deadline for a fetch; raise it with --fetch-deadline"
    )
    assert len(sent) == 60


def test_the_deadline_covers_every_redirect() -> None:
    clock = _Clock()

    def handler(request: httpx.Request) -> httpx.Response:
        clock.now += 7.0
        hop = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"https://wire.example/{hop + 1}"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    options = FetchOptions(deadline=20, max_redirects=50)
    fetcher = HttpFetcher(client, options, resolver=_public, clock=clock)
    with pytest.raises(HttpFetchError, match="took more than the 20 s deadline"):
        fetcher.fetch("https://wire.example/")
    assert clock.now == 21.0  # three hops, then no fourth


# A real server on loopback ---------------------------------------------------------


class _Served(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the request list, not a log."""


@pytest.fixture()
def loopback_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """An HTTP server on 127.0.0.1 (a free port) for the length of one test; no proxy."""
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    _Served.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Served)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_a_loopback_server_is_refused_unless_allowed(loopback_server: int) -> None:
    url = f"http://127.0.0.1:{loopback_server}/report"
    options = FetchOptions(timeout=10, deadline=10)
    with HttpFetcher(options=options) as fetcher, pytest.raises(HttpFetchError) as info:
        fetcher.fetch(url)
    assert info.value.reason.startswith("refused: 127.0.0.1 is a loopback address")
    assert _Served.requests == []
    allowed = FetchOptions(timeout=10, deadline=10, allow_private=True)
    with HttpFetcher(options=allowed) as fetcher:
        assert fetcher.fetch(url).data == PAGE
    assert _Served.requests == ["/report"]


def test_a_name_that_connects_to_loopback_after_a_public_answer_is_refused(
    loopback_server: int,
) -> None:
    """DNS rebinding: the check's lookup said public, the connection's lookup gave loopback."""
    options = FetchOptions(timeout=10, deadline=10)
    with (
        HttpFetcher(options=options, resolver=_public) as fetcher,
        pytest.raises(HttpFetchError) as info,
    ):
        fetcher.fetch(f"http://localhost:{loopback_server}/rebound")
    assert info.value.reason.startswith("refused: localhost connected to ")
    assert "a loopback address; pass --allow-private-urls to allow it" in info.value.reason
