"""After ingest: read, place, extract claims, and fuse, for the documents that changed.

The one place where the stages are wired together; each stage is reached only through
its public interface. Every document's stage is stored (``frontwatch.store.stages``):
its mentions, claims and the stage ``extracted`` are written in one transaction, and it
is marked ``fused`` once the places it touches are fused, so a process killed anywhere
leaves work that :func:`process_pending` (``frontwatch ingest`` and ``frontwatch process
--pending``) finishes.

``FRONTWATCH_KILL_AT`` (tests and benchmarks only) makes the process kill itself with
SIGKILL at a point: ``extracted:N`` once N documents' extractions are stored (``extracted:0``:
before the first, when ingest has stored every document), ``fused`` after fusion is written
and before any document is marked fused.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from frontwatch._workers import ExtractionPool, Outcome, extract_batch
from frontwatch.claims import EXTRACTOR, ClaimExtractor, Extraction
from frontwatch.fuse import Fuser
from frontwatch.model import Document
from frontwatch.places import PlaceResolver
from frontwatch.read import DEFAULT_MODEL
from frontwatch.store import Store

Progress = Callable[[str], None]
KILL_AT_VAR = "FRONTWATCH_KILL_AT"
#: Characters of text one batch of documents may hold: a worker keeps a batch's parsed
#: documents at once, and 16 documents of 1 MB held it over 2 GB (benchmarks/ingest_memory.py).
BATCH_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """Which stages run after ingest, and with which spaCy model; ``force``: extract again
    documents that the running extractor has already read (or failed on); ``workers``:
    processes extracting, fed ``batch_size`` documents at a time."""

    claims: bool = True
    fuse: bool = True
    model: str = DEFAULT_MODEL
    batch_size: int = 16
    force: bool = False
    #: Processes extracting claims (1: in this process); see :mod:`frontwatch._workers`.
    workers: int = 1
    #: Told what is being done while no document advances (the places index being built).
    notice: Progress | None = None


@dataclass(slots=True)
class ProcessStats:
    """What processing did: documents extracted (``extracted`` their ids), their claims and
    mentions, the documents skipped (with the reason), read only in part (``partly``, with
    what was left unread) or failed (with the error), and the places fused."""

    documents: int = 0
    claims: int = 0
    mentions: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    partly: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    fused_places: int = 0
    extracted: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "claims": self.claims,
            "mentions": self.mentions,
            "skipped": len(self.skipped),
            "partly_read": len(self.partly),
            "failed": len(self.failed),
            "places_fused": self.fused_places,
        }


def process_documents(
    store: Store,
    doc_ids: Sequence[str],
    options: ProcessOptions | None = None,
    progress: Progress | None = None,
) -> ProcessStats:
    """Extract claims from those of ``doc_ids`` that the running extractor has yet to read
    (all of them with ``force``), then fuse the places touched by every one of them whose
    claims wait to be fused, and mark those fused."""
    opts = options or ProcessOptions()
    stats = ProcessStats()
    states = store.stages(doc_ids)
    if opts.claims:
        todo = [i for i in doc_ids if i in states]
        if not opts.force:
            todo = [i for i in todo if states[i].needs_extraction(EXTRACTOR)]
        _extract(store, todo, opts, stats, progress)
    if opts.fuse:
        stats.fused_places = _fuse(store, doc_ids, stats.extracted)
    return stats


def pending_documents(store: Store) -> list[str]:
    """Stored documents that are not done: never extracted (or cut off before their claims
    were stored), read by another extractor version, or not fused since."""
    return store.pending(EXTRACTOR)


def process_pending(
    store: Store, options: ProcessOptions | None = None, progress: Progress | None = None
) -> ProcessStats:
    """Finish every document :func:`pending_documents` names."""
    return process_documents(store, pending_documents(store), options, progress)


def _extract(
    store: Store,
    doc_ids: Sequence[str],
    opts: ProcessOptions,
    stats: ProcessStats,
    progress: Progress | None,
) -> None:
    _checkpoint("extracted", 0)
    if not doc_ids:
        return
    _load_places(opts.notice)
    # small enough that every worker has two batches, so none waits while another works
    size = max(1, min(opts.batch_size, -(-len(doc_ids) // (2 * max(opts.workers, 1)))))
    batches = _read_batches(store, doc_ids, size)
    if opts.workers <= 1:
        extractor = ClaimExtractor(model=opts.model)
        done: Iterable[tuple[list[Document], list[Outcome]]] = (
            (batch, extract_batch(extractor, batch)) for batch in batches
        )
        _store_batches(done, store, stats, progress)
        return
    model = opts.model
    with ExtractionPool(lambda: _loaded(model), opts.workers) as pool:
        _store_batches(pool.run(batches), store, stats, progress)


def _loaded(model: str) -> ClaimExtractor:
    """An extractor with its spaCy model loaded, for workers to inherit (not each load it)."""
    extractor = ClaimExtractor(model=model)
    extractor.nlp  # noqa: B018 - loads the model now, before the workers fork
    return extractor


def _load_places(notice: Progress | None) -> None:
    """Load the places index before any document is read (workers inherit it), saying so
    when it must be built first (the first run: seconds with no document done)."""
    if not PlaceResolver.index_cached():
        if notice is not None:
            notice("building the places index (first run only; it is cached afterwards)")
        _build_places_apart()
    PlaceResolver.default()


def _build_places_apart() -> None:
    """Build and cache the places index in a child process, so this one (and the workers it
    forks) loads the compact cached index instead of keeping the build's heap: 516 MB
    resident after a build, 238 MB after a load (benchmarks/ingest_memory.py --cold). Where
    the child fails, :meth:`PlaceResolver.default` builds it here."""
    child = multiprocessing.get_context("fork").Process(target=PlaceResolver.default)
    child.start()
    child.join()


def _read_batches(
    store: Store, doc_ids: Sequence[str], size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[Document]]:
    """The documents in the order of ``doc_ids``, read when wanted, ``size`` at a time and
    at most ``max_chars`` characters of text a batch (a longer document goes alone)."""
    for start in range(0, len(doc_ids), size):
        chunk = doc_ids[start : start + size]
        found = {d.id: d for d in store.documents(ids=chunk)}
        yield from _by_chars([found[i] for i in chunk if i in found], max_chars)


def _by_chars(documents: list[Document], max_chars: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    chars = 0
    for doc in documents:
        if batch and chars + len(doc.text) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += len(doc.text)
    if batch:
        yield batch


def _store_batches(
    done: Iterable[tuple[list[Document], list[Outcome]]],
    store: Store,
    stats: ProcessStats,
    progress: Progress | None,
) -> None:
    for batch, outcomes in done:
        for doc, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, str):
                stats.failed[doc.id] = outcome
                store.mark_failed(doc.id, EXTRACTOR)
            else:
                _store_extraction(doc, outcome, store, stats)
            if progress is not None:
                progress(doc.id)


def _fuse(store: Store, doc_ids: Sequence[str], extracted: Sequence[str]) -> int:
    """Fuse the documents of ``doc_ids`` whose claims wait, and those this run extracted
    (another process may have marked them fused meanwhile), then mark them fused."""
    states = store.stages(doc_ids)
    done = set(extracted)
    waiting = [
        i for i in doc_ids if i in done or (i in states and states[i].needs_fusion(EXTRACTOR))
    ]
    if not waiting:
        return 0
    fused = Fuser(store).update(waiting, places=store.vacated_places(waiting)).places
    _checkpoint("fused")
    store.mark_fused(waiting, EXTRACTOR)
    return fused


def _store_extraction(doc: Document, result: Extraction, store: Store, stats: ProcessStats) -> None:
    if not store.save_extraction(doc, result.mentions, result.claims, EXTRACTOR):
        return  # revised meanwhile: the new text waits at "read"
    stats.documents += 1
    stats.extracted.append(doc.id)
    stats.claims += len(result.claims)
    stats.mentions += len(result.mentions)
    if result.skipped:
        stats.skipped[doc.id] = result.skipped
    if result.note:
        stats.partly[doc.id] = result.note
    _checkpoint("extracted", stats.documents)


def _checkpoint(point: str, count: int | None = None) -> None:
    """Kill this process where ``FRONTWATCH_KILL_AT`` names this point (tests only)."""
    wanted = os.environ.get(KILL_AT_VAR)
    if wanted and wanted == (point if count is None else f"{point}:{count}"):
        os.kill(os.getpid(), signal.SIGKILL)
