"""Serve: the HTTP API (``/api/v1``) and the web map over the store.

``create_app(ServeOptions(db=...))`` is the ASGI app; ``frontwatch serve`` runs it on
uvicorn, bound to 127.0.0.1 unless told otherwise.
"""

from frontwatch.serve._app import API, create_app
from frontwatch.serve._options import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    TOKEN_VAR,
    WEB_DIR,
    ServeOptions,
)

__all__ = [
    "API",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "TOKEN_VAR",
    "WEB_DIR",
    "ServeOptions",
    "create_app",
]
