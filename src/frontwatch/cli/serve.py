"""``frontwatch serve``: the HTTP API and the web map over the store, on uvicorn.

FastAPI and uvicorn are imported when the command runs, not when the CLI starts, so
``frontwatch --help`` and the other commands do not pay for them.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from frontwatch.cli._common import EXIT_USAGE, DbOption, err, fail, opened

DEFAULT_HOST = "127.0.0.1"  # as frontwatch.serve.DEFAULT_HOST, without importing FastAPI
DEFAULT_PORT = 8000
DEFAULT_THREADS = 4  # as frontwatch.serve's
_LOOPBACK = ("127.0.0.1", "::1", "localhost")
# Seconds an idle connection is kept: past uvicorn's 5 s, a client under load that reuses a
# connection the server is closing gets a read error (5 of 5,750 requests at 200 clients).
KEEP_ALIVE = 75


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command("serve")(serve_command)


def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to bind (loopback unless you mean to share it).")
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = DEFAULT_PORT,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="FRONTWATCH_TOKEN",
            show_envvar=True,
            help="Accept POST /api/v1/ingest from requests bearing this token (default: refuse).",
        ),
    ] = None,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, max=1024, help="Largest request body, in MB.")
    ] = 2.0,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let POST /ingest?url= reach loopback, private and link-local addresses.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes, each with its own store connection and kept answers.",
        ),
    ] = 1,
    threads: Annotated[
        int,
        typer.Option(min=1, max=256, help="Requests each process queries the store for at once."),
    ] = DEFAULT_THREADS,
) -> None:
    """Serve the HTTP API (/api/v1) and the map (/) over the store until interrupted."""
    import uvicorn  # lazy: the CLI starts without the web stack

    from frontwatch.serve import ServeOptions, create_app

    if token is not None and len(token) < 16:
        raise fail("--token must be at least 16 characters", EXIT_USAGE)
    with opened(db) as store:
        options = ServeOptions(
            db=db,
            token=token,
            max_body=int(max_mb * 1024 * 1024),
            allow_private_urls=allow_private_urls,
            threads=threads,
        )
        if host not in _LOOPBACK:
            err.print(f"[yellow]warning:[/yellow] serving on {host}, not loopback only")
        err.print(f"map: http://{_url_host(host)}:{port}/  API: /api/v1/openapi.json")
        if workers > 1:  # uvicorn starts each worker from an import path
            options.to_environment()
            app: Any = "frontwatch.serve._app:app_from_environment"
        else:
            app = create_app(options, store)
        uvicorn.run(
            app,
            factory=workers > 1,
            workers=workers,
            host=host,
            port=port,
            log_level="warning",
            timeout_keep_alive=KEEP_ALIVE,
        )


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
