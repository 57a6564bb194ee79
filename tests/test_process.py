"""The stages after ingest wired together: claims stored per document, one failure never
stops the batch, text in a language no reader reads skipped with its reason; each document's
stage stored, so that an ingest killed anywhere and resumed ends as an uninterrupted one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch import process
from frontwatch.claims import ClaimExtractor, Extraction
from frontwatch.ingest import ingest
from frontwatch.model import Document
from frontwatch.process import (
    ProcessOptions,
    pending_documents,
    process_documents,
    process_pending,
)
from frontwatch.store import Store, open_store


def _doc(doc_id: str, text: str, published: str) -> Document:
    return Document(
        id=doc_id, text=text, published=published, outlet="Test Wire", content_hash=f"h-{doc_id}"
    )


ENGLISH = _doc(
    "en-1",
    "Ukrainian forces recaptured Balakliia on Thursday, the General Staff said.",
    "2022-09-09",
)
RUSSIAN = _doc(
    "ru-1",
    "Российские войска отошли от Балаклеи в четверг, сообщили в министерстве обороны.",
    "2022-09-09",
)
BULGARIAN = _doc(
    "bg-1",
    "Руските войски се оттеглиха от Балаклия в четвъртък, съобщиха от министерството.",
    "2022-09-09",
)
BROKEN = _doc("broken-1", "Russian troops withdrew from Izium on Saturday.", "2022-09-10")


@pytest.fixture()
def store(db_url: str) -> Store:
    s = open_store(db_url)
    for doc in (ENGLISH, RUSSIAN, BULGARIAN, BROKEN):
        s.add_document(doc, f"{doc.id}.json")
    return s


class _FailsOn(ClaimExtractor):
    """The real extractor, except that it raises on one document (as a parser bug would)."""

    bad_id = BROKEN.id

    def extract(self, doc: Document) -> Extraction:
        if doc.id == self.bad_id:
            raise RuntimeError("parser crashed")
        return super().extract(doc)

    def extract_many(self, docs: Sequence[Document]) -> list[Extraction]:
        if any(d.id == self.bad_id for d in docs):
            raise RuntimeError("parser crashed")
        return super().extract_many(docs)


def test_claims_are_stored_and_an_unread_language_is_skipped_with_a_reason(store: Store) -> None:
    ids = [ENGLISH.id, RUSSIAN.id, BULGARIAN.id]
    stats = process_documents(store, ids, ProcessOptions(fuse=False))
    assert stats.failed == {}
    assert stats.documents == 3
    assert stats.skipped.get(BULGARIAN.id)
    assert not stats.skipped.get(RUSSIAN.id)
    claims = store.claims(doc=ENGLISH.id)
    assert any(c.kind == "control" and c.side == "UA" for c in claims)
    russian = store.claims(doc=RUSSIAN.id)
    assert [(c.kind, c.side) for c in russian] == [("withdrawal", "RU")]
    assert store.claims(doc=BULGARIAN.id) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_one_failing_document_is_recorded_and_the_batch_goes_on(
    workers: int, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process, "ClaimExtractor", _FailsOn)
    options = ProcessOptions(fuse=False, workers=workers)
    stats = process_documents(store, [ENGLISH.id, BROKEN.id], options)
    assert list(stats.failed) == [BROKEN.id]
    assert "parser crashed" in stats.failed[BROKEN.id]
    assert store.claims(doc=ENGLISH.id)
    assert stats.documents == 1


@pytest.mark.parametrize("doc", [ENGLISH, RUSSIAN], ids=["english", "russian"])
def test_place_mentions_are_stored_whatever_the_language(store: Store, doc: Document) -> None:
    # regression: a Russian or Ukrainian document's claims were stored, its mentions not
    stats = process_documents(store, [doc.id], ProcessOptions(fuse=False))
    mentions = store.mentions(doc.id)
    assert stats.mentions == len(mentions) > 0
    assert "Balakliia" in {m.place.name for m in mentions if m.place}
    assert all(m.text == doc.text[m.start : m.end] for m in mentions)


def test_processing_again_replaces_rather_than_adds(store: Store) -> None:
    process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False))
    first = {c.id for c in store.claims(doc=ENGLISH.id)}
    process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False))
    assert {c.id for c in store.claims(doc=ENGLISH.id)} == first


def test_a_document_already_extracted_is_not_extracted_again_unless_forced(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False))
    monkeypatch.setattr(process, "ClaimExtractor", _FailsOn)
    monkeypatch.setattr(_FailsOn, "bad_id", ENGLISH.id)
    assert process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False)).failed == {}
    forced = process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False, force=True))
    assert list(forced.failed) == [ENGLISH.id]
    assert store.stages()[ENGLISH.id].stage == "failed"
    assert store.claims(doc=ENGLISH.id)  # a failure keeps what an earlier run stored


def test_processing_marks_documents_fused_and_nothing_stays_pending(store: Store) -> None:
    ids = [BULGARIAN.id, ENGLISH.id, RUSSIAN.id, BROKEN.id]
    assert pending_documents(store) == ids
    stats = process_pending(store)
    assert stats.documents == 4
    assert stats.fused_places > 0
    assert {s.stage for s in store.stages(ids).values()} == {"fused"}
    assert pending_documents(store) == []
    assert process_pending(store).summary()["documents"] == 0


def test_an_extractor_upgrade_extracts_every_document_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    process_pending(store)
    monkeypatch.setattr(process, "EXTRACTOR", "frontwatch.claims@999")
    assert pending_documents(store) == [BULGARIAN.id, ENGLISH.id, RUSSIAN.id, BROKEN.id]
    assert process_pending(store).documents == 4
    assert {s.extractor for s in store.stages().values()} == {"frontwatch.claims@999"}


def test_the_places_index_being_built_is_told(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(process.PlaceResolver, "index_cached", staticmethod(lambda: False))
    process_documents(store, [ENGLISH.id], ProcessOptions(fuse=False, notice=told.append))
    assert told == ["building the places index (first run only; it is cached afterwards)"]


def test_workers_store_what_one_process_stores(kill_bench: ModuleType, tmp_path: Path) -> None:
    source = kill_bench.write_reports(tmp_path / "reports.jsonl")
    stored = []
    for workers in (1, 2):
        s = open_store(str(tmp_path / f"w{workers}.db"))
        ingest([str(source)], s)
        stats = process_pending(s, ProcessOptions(workers=workers, batch_size=3))
        assert stats.failed == {}
        contents = kill_bench.contents(s)
        contents["mentions"] = [repr(m) for i in sorted(s.stages()) for m in s.mentions(i)]
        stored.append(contents)
        s.close()
    assert all(stored[0].values())
    assert stored[0] == stored[1]


@pytest.fixture(scope="module")
def kill_bench(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("benchmarks/resume_kills.py")


@pytest.fixture(scope="module")
def uninterrupted(
    kill_bench: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, list[str]]]:
    """The benchmark's reports, and what one uninterrupted ingest of them stores."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    source = kill_bench.write_reports(folder / "reports.jsonl", copies=2)
    db = str(folder / "full.db")
    _frontwatch(kill_bench, "ingest", str(source), "--db", db)
    store = open_store(db)
    expected: dict[str, list[str]] = kill_bench.contents(store)
    store.close()
    assert all(expected.values()), "the reports must give every kind of record"
    return source, expected


@pytest.mark.parametrize(
    ("kill_at", "resume"),
    [
        ("extracted:0", "ingest"),  # every document stored, none extracted
        ("extracted:7", "process --pending"),  # cut off within the claims stage
        ("extracted:7", "ingest"),
        ("fused", "process --pending"),  # fused, not yet marked fused
    ],
)
def test_a_killed_ingest_resumed_equals_an_uninterrupted_one(
    kill_at: str,
    resume: str,
    kill_bench: ModuleType,
    uninterrupted: tuple[Path, dict[str, list[str]]],
    tmp_path: Path,
) -> None:
    source, expected = uninterrupted
    db = str(tmp_path / "killed.db")
    killed = _frontwatch(kill_bench, "ingest", str(source), "--db", db, kill_at=kill_at)
    assert killed == -signal.SIGKILL
    store = open_store(db)
    assert kill_bench.contents(store) != expected
    target = [str(source)] if resume == "ingest" else []
    assert _frontwatch(kill_bench, *resume.split(), *target, "--db", db) == 0
    assert kill_bench.contents(store) == expected
    store.close()


def _frontwatch(bench: ModuleType, *args: str, kill_at: str | None = None) -> int:
    env = {k: v for k, v in os.environ.items() if k != process.KILL_AT_VAR}
    if kill_at is not None:
        env[process.KILL_AT_VAR] = kill_at
    done = subprocess.run(
        bench.frontwatch(*args, "--json"), env=env, capture_output=True, timeout=300, check=False
    )
    return done.returncode


@pytest.mark.parametrize(
    ("sizes", "batches"),
    [
        ([10] * 6, [[0, 1, 2, 3], [4, 5]]),  # 16 documents a read, 40 characters a batch
        ([50, 10, 10, 45, 5], [[0], [1, 2], [3], [4]]),  # a long one goes alone
        ([30, 10], [[0, 1]]),  # up to the limit, not past it
    ],
)
def test_batches_are_bounded_in_characters_as_well_as_documents(
    store: Store, sizes: list[int], batches: list[list[int]]
) -> None:
    """Regression: 16 documents of 1 MB went to one worker as one batch, parsed and held at
    once (over 2 GB a worker in benchmarks/ingest_memory.py)."""
    for number, size in enumerate(sizes):
        store.add_document(_doc(f"d{number}", chr(65 + number) * size, "2022-09-10"), "f")
    ids = [f"d{number}" for number in range(len(sizes))]
    got = list(process._read_batches(store, ids, size=4, max_chars=40))
    assert [[int(doc.id[1:]) for doc in batch] for batch in got] == batches


def _channel(path: Path, name: str, chat_id: int, posts: list[tuple[str, str | None]]) -> str:
    """A Telegram export of ``posts`` (text, the channel it was forwarded from or None)."""
    messages = [
        {"id": i, "type": "message", "date": f"2022-09-11T0{i}:00:00", "text": text}
        | ({"forwarded_from": origin} if origin else {})
        for i, (text, origin) in enumerate(posts, start=1)
    ]
    export = {"name": name, "type": "public_channel", "id": chat_id, "messages": messages}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_a_telegram_channel_in_ukrainian_ingests_extracts_and_fuses_with_forwards_kept(
    db_url: str, tmp_path: Path
) -> None:
    # two channels forward two different posts of one regional channel, one writes its own
    first = _channel(
        tmp_path / "a.json",
        "Новини Харківщини",
        101,
        [("Сили оборони звільнили Ізюм від російських окупантів.", "Харківська ОВА")],
    )
    second = _channel(
        tmp_path / "b.json",
        "Фронт онлайн",
        102,
        [
            (
                "Ізюм звільнено: над містом знову український прапор, повідомили ЗСУ.",
                "Харківська ОВА",
            ),
            ("Наші захисники звільнили Ізюм! Окупанти тікали, кидаючи техніку.", None),
        ],
    )
    store = open_store(db_url)
    try:
        ingest([first, second], store)
        ids = [d.id for d in store.documents()]
        process_documents(store, ids)
        documents = store.documents()
        (event,) = [
            e for e in store.events() if e.kind == "control" and e.place and e.place.name == "Izium"
        ]
        claims = store.claims()
    finally:
        store.close()
    assert sorted((d.detected_language, d.forwarded_from or "") for d in documents) == [
        ("uk", ""),
        ("uk", "Харківська ОВА"),
        ("uk", "Харківська ОВА"),
    ]
    control = {(c.doc, c.side) for c in claims if c.kind == "control"}
    assert control == {(d.id, "UA") for d in documents}
    # the two forwards are one origin (the regional channel), the channel's own post another
    assert (event.side, len(event.supporting), event.origins) == ("UA", 3, 2)


def test_a_ukrainian_report_and_its_english_translation_are_one_origin(db_url: str) -> None:
    edition = [
        Document(
            id="ukr-uk",
            text="Сили оборони звільнили Балаклію та Ізюм на Харківщині.",
            url="https://www.ukrinform.ua/rubric-ato/100.html",
            outlet="Укрінформ",
            published="2022-09-11T08:00:00+03:00",
            content_hash="h-ukr-uk",
        ),
        Document(
            id="ukr-en",
            text="Ukrainian forces liberated Balakliia and Izium in Kharkiv region.",
            url="https://www.ukrinform.net/rubric-ato/100.html",
            outlet="Ukrinform",
            published="2022-09-11T11:00:00+03:00",
            content_hash="h-ukr-en",
        ),
        Document(  # the same claims, another outlet: an origin of its own
            id="other-en",
            text="Ukrainian troops recaptured Balakliia and Izium in the Kharkiv region.",
            url="https://example.org/news/1",
            outlet="Example News",
            published="2022-09-11T12:00:00+03:00",
            content_hash="h-other-en",
        ),
    ]
    store = open_store(db_url)
    try:
        for doc in edition:
            store.add_document(doc, f"{doc.id}.json")
        process_documents(store, [d.id for d in edition])
        events = [e for e in store.events() if e.kind == "control" and e.place is not None]
        claims = store.claims()
    finally:
        store.close()
    assert {(c.doc, c.side, c.place.name if c.place else None) for c in claims} >= {
        (doc, "UA", town) for doc in ("ukr-uk", "ukr-en") for town in ("Balakliia", "Izium")
    }
    by_place = {e.place.name: e for e in events if e.place is not None}
    assert {name: (len(e.supporting), e.origins) for name, e in by_place.items()} == {
        "Balakliia": (3, 2),
        "Izium": (3, 2),
    }
