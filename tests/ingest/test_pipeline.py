"""Ingest end to end into a real store: ids, idempotence, dedupe, bad input, a killed process."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontwatch.ingest import IngestOptions, ingest
from frontwatch.model import Document
from frontwatch.store import Store, open_store
from frontwatch.store.repository import Added


def _report(doc_id: str, text: str, **extra: str) -> dict[str, str]:
    return {"id": doc_id, "published": "2022-09-10", "outlet": "Test Wire", "text": text, **extra}


def _write_jsonl(path: Path, reports: list[dict[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports), encoding="utf-8"
    )
    return path


@pytest.fixture()
def store(store_url: str) -> Store:
    return open_store(store_url)


def test_dev_corpus_is_stored_byte_identical_and_idempotent(
    shared: Path, dev_corpus: dict[str, dict[str, object]], store: Store
) -> None:
    first = ingest([str(shared / "corpus" / "dev")], store)
    assert (first.ingested, first.failed) == (24, [])
    second = ingest([str(shared / "corpus" / "dev")], store)
    assert (second.ingested, second.unchanged, second.changed) == (0, 24, [])
    assert store.count_documents() == 24
    for doc_id, obj in dev_corpus.items():
        doc = store.get_document(doc_id)
        assert doc is not None
        assert doc.text == obj["text"]
        assert doc.published == obj["published"]


def test_exact_duplicates_from_two_files_are_stored_once(tmp_path: Path, store: Store) -> None:
    text = "Ukrainian troops entered Kupiansk on Saturday, officials said."
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_text(text + "\n", encoding="utf-8")
    report = ingest([str(tmp_path)], store)
    assert (report.ingested, report.duplicates) == (1, 1)
    (doc,) = store.documents()
    assert {Path(o).name for o in doc.origins} == {"one.txt", "two.txt"}
    assert doc.text == text  # the first copy's exact text


def test_a_text_file_is_stored_with_its_datelines_outlet_and_day(
    tmp_path: Path, store: Store
) -> None:
    text = "Port reopens\n\nIZMAIL, June 2, 2023 (Reuters) - Grain ships left the port."
    (tmp_path / "wire.txt").write_text(text, encoding="utf-8")
    report = ingest([str(tmp_path)], store)
    (doc,) = store.documents()
    assert report.ingested == 1
    assert (doc.text, doc.outlet, doc.published) == (text, "Reuters", "2023-06-02")


def test_bad_items_are_reported_and_the_rest_is_stored(tmp_path: Path, store: Store) -> None:
    good = _write_jsonl(tmp_path / "good.jsonl", [_report("g1", "Izium was retaken on Saturday.")])
    ingest([str(good)], store)
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        json.dumps(_report("m1", "Balakliia was retaken on Thursday."))
        + "\n"
        + "[1, 2]\n"
        + '{"id": "m3", "text": "truncated\n'
        + json.dumps(_report("m4", "Shelling near Kharkiv on Friday."))
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    report = ingest([str(bad), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt")], store)
    assert report.ingested == 2
    assert len(report.failed) == 4
    assert any(f.line == 2 for f in report.failed)
    assert all(str(tmp_path) in f.source or "missing" in f.source for f in report.failed)
    assert {d.id for d in store.documents()} == {"g1", "m1", "m4"}


def test_corrected_report_is_a_revision(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "r.jsonl"
    ingest([str(_write_jsonl(path, [_report("r1", "Russian forces hold Lyman.")]))], store)
    report = ingest(
        [str(_write_jsonl(path, [_report("r1", "Ukrainian forces hold Lyman.")]))], store
    )
    assert (report.revised, report.changed) == (1, ["r1"])
    assert store.revisions("r1") == [(1, "Russian forces hold Lyman.")]


def test_size_limit_refuses_with_a_clear_message(tmp_path: Path, store: Store) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(3 * 1024 * 1024)
    report = ingest([str(big)], store, IngestOptions(max_bytes=1024 * 1024))
    (failure,) = report.failed
    assert "big.txt" in str(failure)
    assert "limit" in failure.reason


@pytest.mark.slow
def test_killed_ingest_leaves_only_whole_documents(tmp_path: Path) -> None:
    texts = {
        f"k{i:05d}": f"Report {i}. " + ("Shelling was reported near Kharkiv. " * 200)
        for i in range(4000)
    }
    source = _write_jsonl(tmp_path / "many.jsonl", [_report(k, v) for k, v in texts.items()])
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "frontwatch.cli",
            "ingest",
            str(source),
            "--db",
            str(db),
            "--json",
            "--no-claims",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_some_documents(db, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = open_store(str(db))
    stored = store.documents()
    assert 0 < len(stored) < len(texts)
    assert all(doc.text == texts[doc.id] for doc in stored)
    report = ingest([str(source)], store)
    assert report.ingested == len(texts) - len(stored)
    assert store.count_documents() == len(texts)


def _wait_for_some_documents(db: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and db.stat().st_size + _wal_size(db) > 2_000_000:
            return
        time.sleep(0.05)
    pytest.fail("the ingest process ended or stored nothing before it could be killed")


def _wal_size(db: Path) -> int:
    wal = db.with_name(db.name + "-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_a_folder_of_hostile_inputs_stores_every_good_document_and_names_each_bad_one(
    hostile_folder: Path, store: Store
) -> None:
    """Each of these inputs once ended the whole batch with an uncaught exception."""
    postgres = store.engine.dialect.name == "postgresql"
    report = ingest([str(hostile_folder)], store)
    failed = {(Path(f.source).name, f.line): f.reason for f in report.failed}
    loop = "symbolic link loop (too many levels of symbolic links)"
    long_number = "a number has 5,000 digits, more than the 4,300 that can be read"
    assert failed.pop(("f-loop-a", None)) == loop
    assert failed.pop(("f-loop-b", None)) == loop
    assert long_number in failed.pop(("b-long-number.jsonl", 2))
    assert long_number in failed.pop(("c-telegram.json", 1))
    assert "field 'text' holds a lone surrogate (U+DCFF) at character 7" in failed.pop(
        ("i-surrogate.jsonl:1", None)
    )
    if postgres:
        assert "field 'text' holds a NUL character (U+0000)" in failed.pop(("h-nul.jsonl:1", None))
    assert failed == {}
    stored = {doc.id: doc for doc in store.documents()}
    names = {Path(origin).name for doc in stored.values() for origin in doc.origins}
    assert names == {
        "a-good.txt",
        "b-long-number.jsonl:1",
        "b-long-number.jsonl:3",
        "d-undefined-charset.html",
        "e-year-zero.atom#entry-1",
        "g-caf\\xe9.txt",
        "z-good.jsonl:1",
        *([] if postgres else ["h-nul.jsonl:1"]),
    }
    assert report.ingested == len(stored) == (7 if postgres else 8)
    if not postgres:
        assert stored["nul"].text == "before \x00 after"  # byte for byte


def test_an_unexpected_store_error_fails_one_document_and_the_batch_goes_on(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = store.add_document

    def add_document(doc: Document, origin: str, canonical_url: str | None = None) -> Added:
        if doc.id == "m2":
            raise RuntimeError("disk on fire")
        return real_add(doc, origin, canonical_url)

    monkeypatch.setattr(store, "add_document", add_document)
    reports = [_report(f"m{n}", f"Report {n} from Izium.") for n in (1, 2, 3)]
    report = ingest([str(_write_jsonl(tmp_path / "m.jsonl", reports))], store)
    (failure,) = report.failed
    assert (failure.source, failure.reason) == (
        f"{tmp_path / 'm.jsonl'}:2",
        "could not be stored: unexpected error (RuntimeError: disk on fire)",
    )
    assert {d.id for d in store.documents()} == {"m1", "m3"}
