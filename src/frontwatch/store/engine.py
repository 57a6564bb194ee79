"""Opening a store: the URL, the engine (SQLite in WAL mode or PostgreSQL), migrations,
and the locks that let several processes write one store.

Several writers: migrations run under a lock (PostgreSQL: a transaction advisory lock;
SQLite: ``BEGIN EXCLUSIVE``), so the processes that open a fresh store at once migrate it
once. On SQLite a store transaction that writes begins ``IMMEDIATE`` (it takes the write
lock before its first read, so what it read cannot go stale under it, and a busy store is
waited for rather than failing). Fusion, which reads a place's claims and replaces what
is fused from them, runs under :func:`fusion_lock`, one process at a time.
"""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from frontwatch.errors import StoreError

DEFAULT_URL = "sqlite:///frontwatch.db"
ENV_VAR = "FRONTWATCH_DB"
_MIGRATIONS = Path(__file__).with_name("migrations")
#: Execution option naming how a SQLite transaction begins: DEFERRED, IMMEDIATE, EXCLUSIVE.
SQLITE_BEGIN = "frontwatch_sqlite_begin"
# PostgreSQL advisory lock keys (any two 64-bit numbers of our own).
_MIGRATE_LOCK = 0x66776D6967726174  # "fwmigrat"
_FUSE_LOCK = 0x667766757365  # "fwfuse"


def resolve_url(url: str | None) -> str:
    """The store URL: the one given, else $FRONTWATCH_DB, else ./frontwatch.db.

    A bare file path is taken as a SQLite file; ``postgres://`` is read as PostgreSQL
    through psycopg 3.
    """
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in chosen:
        return f"sqlite:///{chosen}"
    for prefix in ("postgres://", "postgresql://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix) :]
    return chosen


def create(url: str) -> sa.Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout."""
    try:
        engine = sa.create_engine(url, future=True)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot open store {_without_password(url)!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _check_sqlite_folder(url)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _without_password(url: str) -> str:
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:  # not even a URL: nothing in it reads as a password
        return url


def writer(engine: sa.Engine) -> sa.Engine:
    """``engine`` for transactions that write: on SQLite they begin IMMEDIATE."""
    return engine.execution_options(**{SQLITE_BEGIN: "IMMEDIATE"})


def migrate(engine: sa.Engine) -> bool:
    """Bring the schema to the newest migration; whether the database held no store before.
    A store already there is read, not locked, and Alembic (a tenth of a second to import)
    is loaded only when there is work."""
    before = _revision(engine)
    if before == head_revision():
        return False
    from alembic import command  # noqa: PLC0415 - only when a store needs migrating
    from alembic.config import Config  # noqa: PLC0415 - same

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    try:
        with engine.execution_options(**{SQLITE_BEGIN: "EXCLUSIVE"}).begin() as conn:
            if conn.dialect.name == "postgresql":  # held until this transaction ends
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATE_LOCK)))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot prepare store {engine.url!r}: {exc}") from exc
    return before is None


def stored_revision(engine: sa.Engine) -> str | None:
    """The store's migration revision; None where the database holds no frontwatch store
    (a new SQLite file, a PostgreSQL database of something else). StoreError, naming the
    URL, where the database cannot be reached: a wrong host, port or database name. A
    missing SQLite file is no store, and asking does not make one."""
    database = engine.url.database
    in_file = engine.dialect.name == "sqlite" and database and database != ":memory:"
    if in_file and not Path(str(database)).expanduser().exists():
        return None
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return None
            found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot open store {engine.url!r}: {_first_line(exc)}") from exc
    return None if found is None else str(found)


def _first_line(exc: Exception) -> str:
    """A driver error's message without SQLAlchemy's statement and background link."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def head_revision() -> str:
    """The newest migration's revision, read from the migration files' ``revision`` and
    ``down_revision`` lines (the one no other migration names as its parent)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (_MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revisions.update(_REVISION.findall(text))
        parents.update(_DOWN_REVISION.findall(text))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"the migrations in {_MIGRATIONS} have {len(heads)} heads, not one")
    return heads.pop()


_REVISION = re.compile(r'^revision = "([^"]+)"', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision = "([^"]+)"', re.MULTILINE)


def _revision(engine: sa.Engine) -> str | None:
    """The store's migration revision; None for a fresh store (or one that cannot be read
    yet: the locked path then says why)."""
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    except sa.exc.SQLAlchemyError:
        return None


@contextmanager
def fusion_lock(engine: sa.Engine) -> Iterator[None]:
    """Hold the store's fusion lock: a PostgreSQL advisory lock held by a transaction of its
    own; on SQLite an exclusive lock on the file ``<store>.fuse-lock`` beside the store (an
    in-memory store has one process and needs none). Waits for the holder to finish."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn, conn.begin():
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_FUSE_LOCK)))
            yield
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with Path(f"{database}.fuse-lock").open("a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # the driver begins nothing: _sqlite_begin does
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    mode = conn.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _check_sqlite_folder(url: str) -> None:
    database = sa.engine.make_url(url).database
    if database and database != ":memory:":
        folder = Path(database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StoreError(f"cannot open store {url!r}: folder {folder} does not exist")
