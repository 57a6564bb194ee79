"""Extraction in worker processes: outcomes in the order sent, batches read lazily, a raising
document failed alone, a worker's death costs only the document that killed it."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

import pytest

from frontwatch._workers import DIED, ExtractionPool, Outcome, extract_batch
from frontwatch.claims import ClaimExtractor, Extraction
from frontwatch.model import Document


class _Stub(ClaimExtractor):
    """Reads nothing (no model is loaded); raises on one document, or dies on it the way a
    crash in native code kills a process."""

    def __init__(self, raises: str = "", dies: str = "") -> None:
        self.raises = raises
        self.dies = dies

    def extract_many(self, documents: Sequence[Document], n_process: int = 1) -> list[Extraction]:
        for doc in documents:
            if doc.id == self.dies:
                os._exit(3)
            if doc.id == self.raises:
                raise RuntimeError("parser crashed")
        return [Extraction(doc.id, skipped="stub") for doc in documents]


def _batches(count: int, size: int) -> list[list[Document]]:
    docs = [Document(id=f"d{i:03d}", text=f"report {i}") for i in range(count)]
    return [docs[i : i + size] for i in range(0, count, size)]


def _ids(outcomes: list[Outcome]) -> list[str]:
    return [o.document_id if isinstance(o, Extraction) else o for o in outcomes]


def test_outcomes_come_back_in_the_order_sent() -> None:
    batches = _batches(40, 3)
    with ExtractionPool(_Stub, 2) as pool:
        got = list(pool.run(batches))
    assert [b for b, _ in got] == batches
    assert [_ids(o) for _, o in got] == [[d.id for d in b] for b in batches]


def test_batches_are_read_only_as_the_window_needs_them() -> None:
    pulled: list[int] = []

    def lazily() -> Iterator[list[Document]]:
        for n, batch in enumerate(_batches(60, 2)):
            pulled.append(n)
            yield batch

    with ExtractionPool(_Stub, 2) as pool:
        results = pool.run(lazily())
        next(results)
        assert len(pulled) == 4  # 2 x workers in flight, not the 30 batches
        assert len(list(results)) == 29


def test_a_raising_document_fails_alone_with_its_reason() -> None:
    batches = _batches(6, 3)
    with ExtractionPool(lambda: _Stub(raises="d001"), 2) as pool:
        got = [o for _, outcomes in pool.run(batches) for o in outcomes]
    assert got[1] == "RuntimeError: parser crashed"
    assert all(isinstance(o, Extraction) for i, o in enumerate(got) if i != 1)


@pytest.mark.parametrize("victim", ["d000", "d004", "d013"])
def test_a_document_that_kills_its_worker_fails_and_every_other_is_read(victim: str) -> None:
    batches = _batches(15, 2)
    with ExtractionPool(lambda: _Stub(dies=victim), 2) as pool:
        runs = list(pool.run(batches))
    got = [(d.id, o) for b, outcomes in runs for d, o in zip(b, outcomes, strict=True)]
    assert [doc_id for doc_id, _ in got] == [f"d{i:03d}" for i in range(15)]
    assert dict(got)[victim] == DIED
    assert all(isinstance(o, Extraction) for doc_id, o in got if doc_id != victim)


def test_extract_batch_in_this_process_fails_only_the_raising_document() -> None:
    (batch,) = _batches(3, 3)
    outcomes = extract_batch(_Stub(raises="d002"), batch)
    assert _ids(outcomes) == ["d000", "d001", "RuntimeError: parser crashed"]


class _Made(_Stub):
    """Says in every outcome which process made it."""

    def __init__(self) -> None:
        super().__init__()
        self.made_in = os.getpid()

    def extract_many(self, documents: Sequence[Document], n_process: int = 1) -> list[Extraction]:
        return [Extraction(doc.id, skipped=f"{self.made_in}:{os.getpid()}") for doc in documents]


def test_workers_share_the_extractor_made_once_before_they_fork() -> None:
    made: list[int] = []

    def make() -> _Made:
        made.append(os.getpid())
        return _Made()

    with ExtractionPool(make, 2) as pool:
        got = [o for _, outcomes in pool.run(_batches(12, 2)) for o in outcomes]
    said = [o.skipped.split(":") for o in got if isinstance(o, Extraction)]
    assert made == [os.getpid()]  # the factory ran once, here
    assert {maker for maker, _ in said} == {str(os.getpid())}
    assert all(worker != maker for maker, worker in said)  # read in the workers
