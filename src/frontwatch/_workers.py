"""Claims extracted in worker processes, a bounded number of batches at a time.

:class:`ExtractionPool` sends batches of documents to forked processes, each holding the
:class:`~frontwatch.claims.ClaimExtractor` its factory made before they forked, and yields the
outcomes in the order the batches were sent. At most ``2 × workers`` batches are in flight, so
memory stays flat however many documents wait; the caller reads and stores the rest.

One bad document never loses a batch: a raised error is caught in the worker, which reads the
batch again one document at a time (:func:`extract_batch`), so only that document fails, with
its reason. A worker that dies outright (a crash in native code, the kernel's OOM killer) breaks
the pool: the batches then in flight are sent again one document a task to a fresh pool, and a
document that kills its worker again is reported failed. A worker exits when its parent is gone
(killed with SIGKILL, say), so no orphan holds a model in memory.

Memory: the extractor (its spaCy model, lexicon and the places index it reads) is made once, in
the parent, before the workers fork, so its pages are shared copy-on-write rather than loaded
once per worker; objects then alive are frozen out of the cyclic collector (``gc.freeze``) so
that its passes in a worker do not write to, and so copy, the shared pages, and the parent's
freed heap is handed back to the system before forking (``malloc_trim``). A worker hands its
freed heap back after every batch, so a large document's peak does not stay resident.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from frontwatch.claims import ClaimExtractor, Extraction
from frontwatch.model import Document

#: What became of one document: its extraction, or why it failed.
Outcome = Extraction | str
MakeExtractor = Callable[[], ClaimExtractor]
DIED = "the extracting worker process died (a crash in native code or out of memory)"

_extractor: ClaimExtractor | None = None  # this worker's, made by _start


def extract_batch(extractor: ClaimExtractor, batch: Sequence[Document]) -> list[Outcome]:
    """Every document's outcome; on an error, the batch is read again one by one."""
    try:
        return list(extractor.extract_many(batch))
    except Exception:  # one bad document must not stop a batch: retry one by one
        return [_extract_one(extractor, doc) for doc in batch]


def _extract_one(extractor: ClaimExtractor, doc: Document) -> Outcome:
    try:
        return extractor.extract(doc)
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


class ExtractionPool:
    """``workers`` forked processes extracting batches; use as a context manager."""

    def __init__(self, make: MakeExtractor, workers: int) -> None:
        self.make = make
        self.workers = workers
        self._extractor: ClaimExtractor | None = make()  # shared by every fork of this pool
        self._pool = self._new_pool()

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._extractor = None
        gc.unfreeze()  # the parent's own objects are collectable again

    def run(
        self, batches: Iterable[list[Document]]
    ) -> Iterator[tuple[list[Document], list[Outcome]]]:
        """Each batch with its outcomes, in the order given; reads ``batches`` lazily."""
        window: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
        for batch in batches:
            window.append((batch, self._pool.submit(_run, batch)))
            if len(window) >= 2 * self.workers:
                yield self._next(window)
        while window:
            yield self._next(window)

    def _next(
        self, window: deque[tuple[list[Document], Future[list[Outcome]]]]
    ) -> tuple[list[Document], list[Outcome]]:
        batch, future = window.popleft()
        try:
            return batch, future.result()
        except BrokenProcessPool:
            pass
        # every batch in flight is lost with the pool: read them again, one document a task
        lost = [batch, *(b for b, _ in window)]
        window.clear()
        self._restart()
        redone = [(b, [self._alone(doc) for doc in b]) for b in lost]
        window.extend((b, _done(outcomes)) for b, outcomes in redone[1:])
        return redone[0]

    def _alone(self, doc: Document) -> Outcome:
        try:
            return self._pool.submit(_run, [doc]).result()[0]
        except BrokenProcessPool:
            self._restart()
            return DIED

    def _restart(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # fork: workers inherit the extractor, places index and modules (nothing pickled)
        release_free_memory()
        gc.freeze()
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start,
            initargs=(self._extractor, os.getpid()),
        )


def _done(outcomes: list[Outcome]) -> Future[list[Outcome]]:
    future: Future[list[Outcome]] = Future()
    future.set_result(outcomes)
    return future


def release_free_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc's ``malloc_trim``; a no-op on
    other C libraries): Python frees memory to ``malloc``, which keeps it resident."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


_LIBC = _libc()


def _start(extractor: ClaimExtractor | None, parent: int) -> None:
    """In a worker: keep the extractor the parent made, and exit once the parent is gone."""
    global _extractor  # noqa: PLW0603 - one extractor per worker process, inherited at fork
    _extractor = extractor
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _run(batch: list[Document]) -> list[Outcome]:
    if _extractor is None:
        raise RuntimeError("worker started without its extractor")
    try:
        return extract_batch(_extractor, batch)
    finally:
        release_free_memory()
