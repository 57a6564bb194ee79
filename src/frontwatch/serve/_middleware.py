"""ASGI middlewares: security headers on every answer, a cap on request bodies, a time
limit on answers.

Pure ASGI (not ``BaseHTTPMiddleware``) so a body is counted as it streams in: a request
that declares or sends more than the cap is answered 413 before the route reads it all.
"""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: No script, style, image or connection from anywhere but this server; no inline script;
#: never framed. Leaflet sets styles through the CSSOM, which 'self' allows.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*kept, *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class _TooLargeError(Exception):
    pass


class BodyLimit:
    """Answers 413 ``{"code": "too_large"}`` to a request body over ``max_body`` bytes."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > self.max_body:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLargeError
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLargeError:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await _send_json(send, 413, "too_large", f"request body over {self.max_body} bytes")


def _declared_length(scope: Scope) -> int:
    """The Content-Length a request declares (0 when none or unreadable)."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


class TimeLimit:
    """Answers 503 ``{"code": "timeout"}`` to a request not answered within its limit:
    ``seconds``, or ``slow_seconds`` for paths under one of ``slow_paths`` (ingest runs the
    pipeline). Work in a thread goes on to its end; the client is not kept waiting."""

    def __init__(
        self,
        app: ASGIApp,
        seconds: float,
        slow_seconds: float,
        slow_paths: tuple[str, ...] = (),
    ) -> None:
        self.app = app
        self.seconds = seconds
        self.slow_seconds = slow_seconds
        self.slow_paths = slow_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        slow = str(scope.get("path", "")).startswith(self.slow_paths)
        limit = self.slow_seconds if slow else self.seconds
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(limit):
                await self.app(scope, receive, tracked)
        except TimeoutError:
            if not started:
                await _send_json(send, 503, "timeout", f"no answer within {limit:g} s")


async def _send_json(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"code": code, "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
