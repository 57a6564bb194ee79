"""Fetching URLs, behind one narrow interface, and the canonical form of a URL.

``Fetcher.fetch(url) -> Source`` is the whole interface; ``HttpFetcher`` is the real one
on httpx. Tests pass ``httpx.Client(transport=httpx.MockTransport(handler))`` and a
resolver of their own, so no test touches the network.

Addresses: a URL given by the user, every redirect and every feed entry link may name
any host, so before each request the host is resolved and every address checked; one
that is not public (loopback, private, link-local such as the cloud metadata address
169.254.169.254, multicast, reserved, unspecified) refuses the fetch, unless
``FetchOptions.allow_private`` is set (``--allow-private-urls``). After connecting, the
peer address is checked again where the transport reports it and no proxy is set, so a
name that resolves differently the second time (DNS rebinding) is refused before its
body is read.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import TracebackType
from typing import Protocol
from urllib.parse import SplitResult, unquote_plus, urlsplit, urlunsplit

import httpx

from frontwatch import __version__
from frontwatch.errors import FetchError
from frontwatch.ingest.base import Source

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "FetchOptions",
    "Fetcher",
    "HttpFetchError",
    "HttpFetcher",
    "Resolver",
    "address_refusal",
    "canonical_url",
    "sizes",
    "system_resolver",
    "tracking_params",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_DEADLINE = 60.0  # seconds for a whole fetch: every redirect and the body
USER_AGENT = f"frontwatch/{__version__} (research crawler)"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_ALLOW_HINT = "pass --allow-private-urls to allow it"

Resolver = Callable[[str, int], Sequence[str]]
"""The addresses a host name resolves to, as strings (``"93.184.215.14"``, ``"::1"``)."""


class Fetcher(Protocol):
    """Gets the bytes at a URL. Raises FetchError (never anything else) when it cannot."""

    def fetch(self, url: str) -> Source: ...


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch: the size cap, the timeout of one connect or read, the deadline of a
    whole fetch (redirects and body together), the redirect limit, and whether private,
    loopback and link-local addresses may be reached (off: see the module docstring)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    deadline: float = DEFAULT_DEADLINE
    max_redirects: int = 20
    allow_private: bool = False


class HttpFetchError(FetchError):
    """A URL could not be fetched: ``url``, ``reason``, and ``status`` where the server answered."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for ``host`` (socket.getaddrinfo)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class HttpFetcher:
    """Fetches with httpx: redirects followed one hop at a time, each host checked, timeouts
    and an overall deadline, non-2xx refused, size capped."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        options: FetchOptions | None = None,
        *,
        resolver: Resolver = system_resolver,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options or FetchOptions()
        self._own_client = client is None
        self._client = client or httpx.Client(
            timeout=_timeout(self.options.timeout),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )
        self._resolver = resolver
        self._clock = clock

    @property
    def max_bytes(self) -> int:
        return self.options.max_bytes

    def fetch(self, url: str) -> Source:
        """The body at ``url`` as a Source named by the final URL (after redirects)."""
        try:
            return self._fetch(url, self._clock())
        except httpx.HTTPError as err:
            raise HttpFetchError(url, _describe(err)) from err
        except (httpx.InvalidURL, ValueError) as err:
            # httpx and urllib refuse malformed URLs (a NUL, a broken IPv6 host) this way.
            raise HttpFetchError(url, f"invalid URL: {err}") from err

    def _fetch(self, url: str, started: float) -> Source:
        current = url
        for _ in range(self.options.max_redirects + 1):
            _check_url(url, current)
            self._check_host(url, httpx.URL(current))
            timeout = _timeout(min(self.options.timeout, self._left(url, started)))
            with self._client.stream(
                "GET", current, follow_redirects=False, timeout=timeout
            ) as response:
                self._check_peer(url, response)
                if response.next_request is None:
                    return self._read(url, response, started)
                current = str(response.next_request.url)
        raise HttpFetchError(url, "too many redirects")

    def _left(self, url: str, started: float) -> float:
        """Seconds left before the deadline; raises HttpFetchError once it has passed."""
        left = self.options.deadline - (self._clock() - started)
        if left <= 0:
            reason = (
                f"took more than the {self.options.deadline:g} s deadline for a fetch;"
                " raise it with --fetch-deadline"
            )
            raise HttpFetchError(url, reason)
        return left

    def _check_host(self, url: str, target: httpx.URL) -> None:
        """Refuses a host any of whose addresses is not public (unless allowed)."""
        if self.options.allow_private:
            return
        host = target.raw_host.decode("ascii")
        port = target.port or _DEFAULT_PORTS.get(target.scheme, 80)
        try:
            addresses = [host] if _is_ip(host) else list(self._resolver(host, port))
        except (OSError, UnicodeError) as err:
            raise HttpFetchError(url, f"cannot resolve host {host!r}: {_os_text(err)}") from err
        if not addresses:
            raise HttpFetchError(url, f"cannot resolve host {host!r}: no addresses")
        for address in addresses:
            refusal = address_refusal(address)
            if refusal:
                shown = host if address == host else f"{host} ({address})"
                raise HttpFetchError(url, f"refused: {shown} is {refusal}; {_ALLOW_HINT}")

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """Refuses a connection whose peer is not public: the name resolved again (a
        rebinding DNS server) to another address. Skipped where a proxy is the peer or the
        transport has no socket (MockTransport)."""
        if self.options.allow_private or _proxied(response.request.url.scheme):
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            return
        refusal = address_refusal(str(peer[0]))
        if refusal:
            host = response.request.url.host
            reason = f"refused: {host} connected to {peer[0]}, {refusal}; {_ALLOW_HINT}"
            raise HttpFetchError(url, reason)

    def _read(self, url: str, response: httpx.Response, started: float) -> Source:
        if not response.is_success:
            status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
            raise HttpFetchError(url, status, response.status_code)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise HttpFetchError(url, _too_large(int(declared), self.max_bytes))
        data = b"".join(self._capped(url, response.iter_bytes(), started))
        content_type = response.headers.get("content-type")
        return Source(name=str(response.url), data=data, content_type=content_type)

    def _capped(self, url: str, chunks: Iterator[bytes], started: float) -> Iterator[bytes]:
        total = 0
        for chunk in chunks:
            total += len(chunk)
            if total > self.max_bytes:
                raise HttpFetchError(url, _too_large(total, self.max_bytes, at_least=True))
            self._left(url, started)  # a body that trickles in is cut at the deadline
            yield chunk

    def close(self) -> None:
        """Close the client if this fetcher made it (a client passed in is the caller's)."""
        if self._own_client:
            self._client.close()

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def address_refusal(address: str) -> str | None:
    """Why ``address`` may not be fetched from ("a loopback address"), or None if public."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    kinds = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    return next((kind for refused, kind in kinds if refused), None)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _proxied(scheme: str) -> bool:
    """Whether the environment names a proxy for ``scheme`` (the peer is then the proxy)."""
    proxies = urllib.request.getproxies()
    return bool(proxies.get(scheme) or proxies.get("all"))


def _timeout(seconds: float) -> httpx.Timeout:
    return httpx.Timeout(seconds, connect=min(seconds, 10.0))


def _os_text(err: OSError | UnicodeError) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__


def _check_url(url: str, current: str) -> None:
    """Raises HttpFetchError (for ``url``) where ``current`` is malformed or not http(s)."""
    try:
        scheme = urlsplit(current).scheme.lower()
    except ValueError as err:
        raise HttpFetchError(url, f"invalid URL: {err}") from None
    if scheme not in _DEFAULT_PORTS:
        where = "" if current == url else f" (redirected to {current})"
        raise HttpFetchError(url, f"only http and https URLs can be fetched{where}")


def _describe(err: httpx.HTTPError) -> str:
    if isinstance(err, httpx.TimeoutException):
        return "timed out"
    if isinstance(err, httpx.TooManyRedirects):
        return "too many redirects"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    prefix = "more than " if at_least else ""
    shown, cap = sizes(size, limit)
    return f"response is {prefix}{shown}, above the {cap} limit; raise it with --max-mb"


def sizes(size: int, limit: int) -> tuple[str, str]:
    """``size`` and ``limit`` for a message ("3.0 MB", "512 KB"), in bytes where they would
    otherwise read the same ("50.0 MB, above the 50.0 MB limit")."""
    shown, cap = _human(size), _human(limit)
    return (f"{size:,} bytes", f"{limit:,} bytes") if shown == cap else (shown, cap)


def _human(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 2**20:
        return f"{size / 1024:.0f} KB"
    return f"{size / 2**20:.1f} MB"


def canonical_url(url: str) -> str:
    """``url`` in one spelling per page, for finding the same page under two links.

    Lowercases scheme and host, drops the fragment, default ports, tracking parameters
    (``data/tracking_params.txt``) and an empty query, sorts the other parameters (their
    encoding untouched) and gives an empty http(s) path as ``/``.
    """
    once = _canonical_once(url)
    # A second pass settles what urllib splits differently once rebuilt ("https:////a",
    # whitespace that stood before a dropped fragment), so the result is its own canonical.
    return _canonical_once(once)


def _canonical_once(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()  # urllib cannot split it (a broken IPv6 host): kept as given
    scheme = parts.scheme.lower()
    path = parts.path or ("/" if scheme in _DEFAULT_PORTS and parts.netloc else "")
    query = "&".join(sorted(p for p in parts.query.split("&") if p and not _is_tracking(p)))
    return urlunsplit((scheme, _netloc(parts, scheme), path, query, "")).strip()


def _netloc(parts: SplitResult, scheme: str) -> str:
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        return parts.netloc.lower()
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    return f"{userinfo}@{host}" if userinfo else host


def _is_tracking(pair: str) -> bool:
    name = unquote_plus(pair.split("=", 1)[0]).lower()
    exact, prefixes = tracking_params()
    return name in exact or name.startswith(prefixes)


@lru_cache(maxsize=1)
def tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    """The tracking parameter names (exact) and prefixes (from ``name*`` lines)."""
    text = resources.files("frontwatch").joinpath("data/tracking_params.txt").read_text("utf-8")
    names = [line.split("#", 1)[0].strip().lower() for line in text.splitlines()]
    exact = frozenset(n for n in names if n and not n.endswith("*"))
    prefixes = tuple(sorted(n[:-1] for n in names if n.endswith("*")))
    return exact, prefixes
