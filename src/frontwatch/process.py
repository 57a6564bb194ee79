"""After ingest: read, place, extract claims, and fuse, for the documents that changed.

The one place where the stages are wired together; each stage is reached only through
its public interface.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from frontwatch.claims import ClaimExtractor, Extraction
from frontwatch.fuse import Fuser
from frontwatch.model import Document
from frontwatch.read import DEFAULT_MODEL
from frontwatch.store import Store

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class ProcessOptions:
    """Which stages run after ingest, and with which spaCy model."""

    claims: bool = True
    fuse: bool = True
    model: str = DEFAULT_MODEL
    batch_size: int = 64


@dataclass(slots=True)
class ProcessStats:
    """What processing did; ``vacated``: places that superseded claims named, to fuse again."""

    documents: int = 0
    claims: int = 0
    mentions: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    fused_places: int = 0
    vacated: set[str] = field(default_factory=set)

    def summary(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "claims": self.claims,
            "mentions": self.mentions,
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "places_fused": self.fused_places,
        }


def process_documents(
    store: Store,
    doc_ids: Sequence[str],
    options: ProcessOptions | None = None,
    progress: Progress | None = None,
) -> ProcessStats:
    """Extract claims from ``doc_ids`` and fuse the places they touch."""
    opts = options or ProcessOptions()
    stats = ProcessStats()
    if opts.claims and doc_ids:
        extractor = ClaimExtractor(model=opts.model)
        for batch in _batches(store.documents(ids=doc_ids), opts.batch_size):
            _extract_batch(extractor, batch, store, stats, progress)
    if opts.fuse and doc_ids:
        stats.fused_places = Fuser(store).update(list(doc_ids), places=stats.vacated).places
    return stats


def _extract_batch(
    extractor: ClaimExtractor,
    batch: list[Document],
    store: Store,
    stats: ProcessStats,
    progress: Progress | None,
) -> None:
    results: list[Extraction | None]
    try:
        results = list(extractor.extract_many(batch))
    except Exception:  # one bad document must not stop a batch: retry one by one
        results = [_extract_one(extractor, doc, stats) for doc in batch]
    for result in results:
        if result is None:
            continue
        _store_extraction(result, store, stats)
        if progress is not None:
            progress(result.document_id)


def _extract_one(
    extractor: ClaimExtractor, doc: Document, stats: ProcessStats
) -> Extraction | None:
    try:
        return extractor.extract(doc)
    except Exception as exc:
        stats.failed[doc.id] = f"{type(exc).__name__}: {exc}"
        return None


def _store_extraction(result: Extraction, store: Store, stats: ProcessStats) -> None:
    store.replace_mentions(result.document_id, result.mentions)
    stats.vacated |= store.replace_claims(result.document_id, result.claims)
    stats.documents += 1
    stats.claims += len(result.claims)
    stats.mentions += len(result.mentions)
    if result.skipped:
        stats.skipped[result.document_id] = result.skipped


def _batches(documents: list[Document], size: int) -> list[list[Document]]:
    return [documents[i : i + size] for i in range(0, len(documents), size)]
