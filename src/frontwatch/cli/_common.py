"""What every command shares: the --db option, opening the store, exit codes, JSON lines,
and ``shown``, which every command uses to print text that came from input.

The command modules import the stages (the store, spaCy, the places index) inside the
commands that use them, so that ``frontwatch --help`` starts without loading any of them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from frontwatch._visible import json_text, visible
from frontwatch.errors import FrontwatchError

if TYPE_CHECKING:
    from frontwatch.store import Store

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
def opened(db: str | None, *, create: bool = False) -> Iterator[Store]:
    """Open the store for one command; a store failure exits with EXIT_ERROR and a message.

    Only a command that stores (``create``) may start a new store, and it says so: for the
    others a missing SQLite file or a database without a store is a typo in ``--db``, not
    an empty store.
    """
    from frontwatch.store import open_store

    if not create:
        _must_exist(db)
    try:
        store = open_store(db, create=create)
    except FrontwatchError as exc:
        err.print(f"[red]error:[/red] {shown(str(exc))}")
        raise typer.Exit(EXIT_ERROR) from exc
    if store.created:
        err.print(f"created a new store at {shown(store.url)}", highlight=False)
    try:
        yield store
    finally:
        store.close()


def _must_exist(db: str | None) -> None:
    import sqlalchemy as sa

    from frontwatch.store import resolve_url

    url = sa.engine.make_url(resolve_url(db))
    database = url.database
    if url.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return
    if not Path(str(database)).expanduser().exists():
        raise fail(f"no store at {database} (check --db or $FRONTWATCH_DB)", EXIT_ERROR)


def shown(text: str) -> str:
    """Input text as Rich markup that prints it as it is: controls and bidi characters
    visible as escapes (``frontwatch._visible``), square brackets never read as markup."""
    return escape(visible(text))


def fail(message: str, code: int) -> typer.Exit:
    err.print(f"[red]error:[/red] {shown(message)}")
    return typer.Exit(code)


def print_json_line(obj: dict[str, Any]) -> None:
    sys.stdout.write(json_text(obj) + "\n")


def place_keys(store: Store, query: str) -> tuple[str, ...]:
    """The stored place keys ``query`` means; exits with EXIT_NOT_FOUND and "did you mean"."""
    from frontwatch.lookup import find_place

    lookup = find_place(store, query)
    if not lookup.found:
        raise fail(lookup.message(), EXIT_NOT_FOUND)
    return lookup.keys
