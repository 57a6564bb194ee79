"""Fetching URLs, behind one narrow interface, and the canonical form of a URL.

``Fetcher.fetch(url) -> Source`` is the whole interface; ``HttpFetcher`` is the real one
on httpx. Tests pass ``httpx.Client(transport=httpx.MockTransport(handler))``, so no test
touches the network.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    "DEFAULT_MAX_BYTES",
    "Fetcher",
    "HttpFetchError",
    "HttpFetcher",
    "canonical_url",
    "sizes",
    "tracking_params",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = f"frontwatch/{__version__} (research crawler)"
_DEFAULT_PORTS = {"http": 80, "https": 443}


class Fetcher(Protocol):
    """Gets the bytes at a URL. Raises FetchError (never anything else) when it cannot."""

    def fetch(self, url: str) -> Source: ...


class HttpFetchError(FetchError):
    """A URL could not be fetched: ``url``, ``reason``, and ``status`` where the server answered."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class HttpFetcher:
    """Fetches with httpx: redirects followed, timeouts, non-2xx refused, size capped."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = 20.0,
    ) -> None:
        self._own_client = client is None
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )
        self.max_bytes = max_bytes

    def fetch(self, url: str) -> Source:
        """The body at ``url`` as a Source named by the final URL (after redirects)."""
        _check_url(url)
        try:
            with self._client.stream("GET", url, follow_redirects=True) as response:
                return self._read(url, response)
        except httpx.HTTPError as err:
            raise HttpFetchError(url, _describe(err)) from err
        except (httpx.InvalidURL, ValueError) as err:
            # httpx and urllib refuse malformed URLs (a NUL, a broken IPv6 host) this way.
            raise HttpFetchError(url, f"invalid URL: {err}") from err

    def _read(self, url: str, response: httpx.Response) -> Source:
        if not response.is_success:
            status = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
            raise HttpFetchError(url, status, response.status_code)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise HttpFetchError(url, _too_large(int(declared), self.max_bytes))
        data = b"".join(self._capped(url, response.iter_bytes()))
        content_type = response.headers.get("content-type")
        return Source(name=str(response.url), data=data, content_type=content_type)

    def _capped(self, url: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
        total = 0
        for chunk in chunks:
            total += len(chunk)
            if total > self.max_bytes:
                raise HttpFetchError(url, _too_large(total, self.max_bytes, at_least=True))
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


def _check_url(url: str) -> None:
    """Raises HttpFetchError for a URL that is malformed or not http(s)."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as err:
        raise HttpFetchError(url, f"invalid URL: {err}") from None
    if scheme not in _DEFAULT_PORTS:
        raise HttpFetchError(url, "only http and https URLs can be fetched")


def _describe(err: httpx.HTTPError) -> str:
    if isinstance(err, httpx.TimeoutException):
        return "timed out"
    if isinstance(err, httpx.TooManyRedirects):
        return "too many redirects"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    prefix = "more than " if at_least else ""
    shown, cap = sizes(size, limit)
    return f"response is {prefix}{shown}, above the {cap} limit; raise it with --max-bytes"


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
