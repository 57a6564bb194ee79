"""The detected language kept per document (migration 0006) and the listings that filter on it."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from frontwatch.ingest import Draft, IngestOptions, iter_drafts, to_document
from frontwatch.model import Document
from frontwatch.store import engine, open_store

_EXPORT = {
    "name": "Mixed channel",
    "type": "public_channel",
    "id": 91,
    "messages": [
        {"id": 1, "type": "message", "date": "2024-03-10T08:00:00",
         "text": "Минулої доби ворог обстріляв Херсон та Берислав."},
        {"id": 2, "type": "message", "date": "2024-03-10T09:00:00",
         "text": "Российские войска заняли Купянск после тяжёлых боёв."},
        {"id": 3, "type": "message", "date": "2024-03-10T10:00:00",
         "text": "Russian forces withdrew from Izium, the governor said on Sunday."},
    ],
}  # fmt: skip


def _channel_documents(tmp_path: Path) -> list[Document]:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_EXPORT, ensure_ascii=False), encoding="utf-8")
    drafts = [r for r in iter_drafts([str(path)], IngestOptions()) if isinstance(r, Draft)]
    return [to_document(d)[0] for d in drafts]


def test_each_telegram_message_is_stored_with_its_own_language(
    store_url: str, tmp_path: Path
) -> None:
    store = open_store(store_url)
    try:
        for doc in _channel_documents(tmp_path):
            store.add_document(doc, "test")
        stored = {d.text[:10]: d.detected_language for d in store.documents()}
        by_language = {
            lang: [d.text[:10] for d in store.documents(language=lang)]
            for lang in ("uk", "ru", "en")
        }
    finally:
        store.close()
    assert sorted(stored.values()) == ["en", "ru", "uk"]
    assert by_language == {
        "uk": ["Минулої до"],
        "ru": ["Российские"],
        "en": ["Russian fo"],
    }


def test_documents_stored_before_detection_fall_back_to_their_declared_language(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = Config()
    config.set_main_option("script_location", str(Path(engine.__file__).with_name("migrations")))
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        conn.execute(
            sa.text(
                "INSERT INTO documents (id, text, language, content_hash, ingested_at, stage)"
                " VALUES ('old', 'Бои за Бахмут.', 'ru', 'h', '2024-01-01', 'read')"
            )
        )
    eng.dispose()
    store = open_store(url)  # migrates to the head: the column is added, the row kept
    try:
        (old,) = store.documents()
        assert old.detected_language is None
        assert [d.id for d in store.documents(language="ru")] == ["old"]
        assert store.documents(language="uk") == []
    finally:
        store.close()
