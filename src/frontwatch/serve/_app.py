"""The ASGI app: the API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``), the map
at ``/``, security headers and a body cap on everything, errors as JSON."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import CapacityLimiter, to_thread
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from frontwatch import __version__
from frontwatch.serve import _api, _ingest, _web
from frontwatch.serve._control import ControlAnswers
from frontwatch.serve._errors import install_handlers
from frontwatch.serve._middleware import BodyLimit, SecurityHeaders, TimeLimit
from frontwatch.serve._options import ServeOptions
from frontwatch.serve._places import KeptPlaceNames
from frontwatch.store import Store, open_store

API = "/api/v1"


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``frontwatch serve --workers N``: the options from
    the environment (:meth:`ServeOptions.to_environment`), its own store opened from them."""
    return create_app(ServeOptions.from_environment())


def create_app(options: ServeOptions | None = None, store: Store | None = None) -> FastAPI:
    """The app over ``store`` (default: opened from ``options.db`` and closed on shutdown)."""
    options = options or ServeOptions()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store if store is not None else open_store(options.db)
        # Bounded threads: the routes that query the store run in the default pool,
        # /control's kept answers in a pool of their own (see _api.control).
        to_thread.current_default_thread_limiter().total_tokens = options.threads
        app.state.control_limiter = CapacityLimiter(options.threads)
        try:
            yield
        finally:
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="frontwatch",
        version=__version__,
        summary="Claims, events and the control timeline, with who says so.",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN: no request leaves
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.options = options
    app.state.control_answers = ControlAnswers()
    app.state.place_names = KeptPlaceNames()
    app.include_router(_api.router, prefix=API)
    app.include_router(_ingest.router, prefix=API)
    app.include_router(_web.router)
    app.mount("/static", StaticFiles(directory=options.web_dir), name="static")
    install_handlers(app)
    app.add_middleware(BodyLimit, max_body=options.max_body)
    app.add_middleware(
        TimeLimit,
        seconds=options.time_limit,
        slow_seconds=options.ingest_time_limit,
        slow_paths=(f"{API}/ingest",),
    )
    app.add_middleware(SecurityHeaders)
    return app
