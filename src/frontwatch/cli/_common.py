"""What every command shares: the --db option, opening the store, exit codes, JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from frontwatch.errors import FrontwatchError
from frontwatch.lookup import find_place
from frontwatch.store import Store, open_store

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_ERROR = 4

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Store URL or SQLite path (default: $FRONTWATCH_DB or ./frontwatch.db)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout.")]
PLACE_HELP = "GeoNames id, or a place name in any spelling or script, or part of a stored name."

err = Console(stderr=True)


@contextmanager
def opened(db: str | None) -> Iterator[Store]:
    """Open the store for one command; a store failure exits with EXIT_ERROR and a message."""
    try:
        store = open_store(db)
    except FrontwatchError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_ERROR) from exc
    try:
        yield store
    finally:
        store.close()


def fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def print_json_line(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def place_keys(store: Store, query: str) -> tuple[str, ...]:
    """The stored place keys ``query`` means; exits with EXIT_NOT_FOUND and "did you mean"."""
    lookup = find_place(store, query)
    if not lookup.found:
        raise fail(lookup.message(), EXIT_NOT_FOUND)
    return lookup.keys
