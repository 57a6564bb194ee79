"""The migrations build exactly the schema that ``store/schema.py`` describes."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from frontwatch.store import Stage, StageState, engine, open_store, resolve_url
from frontwatch.store.schema import metadata


def test_migrated_schema_matches_the_declared_tables(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    store.close()
    assert diff == []


def test_migrating_twice_is_harmless(store_url: str) -> None:
    open_store(store_url).close()
    store = open_store(store_url)
    with store.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    store.close()
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert version == head


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert engine.head_revision() == head


def test_a_store_behind_the_head_is_migrated_on_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = _alembic_config()
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    eng.dispose()
    store = open_store(url)
    with store.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    store.close()
    assert version == engine.head_revision()


def test_sqlite_store_runs_in_wal_mode(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/wal.db")
    with store.engine.connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
    store.close()
    assert mode == "wal"


def test_resolve_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTWATCH_DB", raising=False)
    assert resolve_url(None) == "sqlite:///frontwatch.db"
    monkeypatch.setenv("FRONTWATCH_DB", "postgres://env@h/db")
    assert resolve_url(None) == "postgresql+psycopg://env@h/db"
    assert resolve_url("x.db") == "sqlite:///x.db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:///a.db") == "sqlite:///a.db"


@pytest.mark.parametrize(
    ("fused_rows", "stage_with_claims"), [(True, "fused"), (False, "extracted")]
)
def test_stages_of_a_store_made_before_them(
    store_url: str, fused_rows: bool, stage_with_claims: Stage
) -> None:
    old = engine.create(resolve_url(store_url))
    config = _alembic_config()
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        _old_rows(conn, fused_rows)
    old.dispose()
    store = open_store(store_url)
    stages = store.stages()
    store.close()
    assert stages == {
        "with-claims": StageState("with-claims", stage_with_claims, "frontwatch.claims@1"),
        "mentions-only": StageState("mentions-only", "read"),
        "bare": StageState("bare", "read"),
    }


def _old_rows(conn: sa.Connection, fused_rows: bool) -> None:
    """Rows as schema 0002 held them: documents with claims, with mentions only, bare."""
    for doc_id in ("with-claims", "mentions-only", "bare"):
        conn.execute(
            sa.text(
                "INSERT INTO documents (id, text, content_hash, revision, ingested_at)"
                " VALUES (:id, 'x', :id, 1, '2026-12-01')"
            ),
            {"id": doc_id},
        )
    conn.execute(
        sa.text(
            "INSERT INTO claims (id, doc_id, kind, place_key, record)"
            " VALUES ('c1', 'with-claims', 'control', '707292', '{}')"
        )
    )
    conn.execute(
        sa.text(
            'INSERT INTO mentions (doc_id, start, "end", record)'
            " VALUES ('mentions-only', 0, 1, '{}')"
        )
    )
    if fused_rows:
        conn.execute(
            sa.text(
                "INSERT INTO events (id, kind, place_key, record)"
                " VALUES ('e1', 'control', '707292', '{}')"
            )
        )


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(engine.__file__).with_name("migrations")))
    return config


def test_a_store_of_0004_gains_an_empty_document_facts_table(store_url: str) -> None:
    old = engine.create(resolve_url(store_url))
    config = _alembic_config()
    with old.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        _old_rows(conn, fused_rows=True)
    old.dispose()
    store = open_store(store_url)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT count(*) FROM document_facts")).scalar_one()
    kept = store.text_facts(["with-claims", "bare"], "any")
    store.close()
    assert (rows, kept) == (0, {})
