"""Ingest: read targets into drafts, give each an id, store it, and account for every item."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from frontwatch.errors import InputError, StoreError
from frontwatch.ingest.base import Draft, ReadResult, Skip
from frontwatch.ingest.fetch import canonical_url
from frontwatch.ingest.identity import content_hash, document_id
from frontwatch.ingest.sources import IngestOptions, iter_drafts, unexpected_reason
from frontwatch.model import Document
from frontwatch.read.language import detect_language
from frontwatch.store import Store

Progress = Callable[[str], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest did. ``changed`` lists ids whose stored text is new or revised;
    ``warnings`` the stored documents' fields left unknown, as (origin, reason)."""

    ingested: int = 0
    duplicates: int = 0
    unchanged: int = 0
    revised: int = 0
    changed: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> dict[str, int]:
        return {
            "ingested": self.ingested,
            "revised": self.revised,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "failed": len(self.failed),
        }


def to_document(draft: Draft) -> tuple[Document, str | None]:
    """The document a draft becomes, and its canonical URL."""
    canon = canonical_url(draft.url) if draft.url else None
    digest = content_hash(draft.text)
    doc = Document(
        id=document_id(draft.id, canon, digest),
        text=draft.text,
        url=draft.url,
        outlet=draft.outlet,
        published=draft.published,
        published_note=draft.published_note,
        title=draft.title,
        language=draft.language,
        license=draft.license,
        forwarded_from=draft.forwarded_from,
        content_hash=digest,
        detected_language=detected_language(draft.text, draft.language),
    )
    return doc, canon


#: How much of a text its language is detected from (the start says it: a longer text only
#: costs more).
LANGUAGE_SAMPLE = 4000


def detected_language(text: str, declared: str | None) -> str | None:
    """The language ``text`` is in (None for a text with no letters)."""
    if not any(ch.isalpha() for ch in text):
        return None
    return detect_language(text[:LANGUAGE_SAMPLE], declared).code


def ingest(
    targets: Iterable[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every target and store what it holds; bad items are reported, never fatal."""
    return store_results(iter_drafts(targets, options or IngestOptions()), store, progress)


def store_results(
    results: Iterable[ReadResult], store: Store, progress: Progress | None = None
) -> IngestReport:
    """Store the drafts among read results in their order, accounting for every result
    (:func:`ingest` reads them here; ``frontwatch.ingest.cluster`` on a Ray cluster; the
    server's uploads after renaming their origins)."""
    report = IngestReport()
    for result in results:
        if isinstance(result, Draft):
            _store_one(result, store, report)
        elif isinstance(result, Skip):
            report.skipped.append(result)
        else:
            report.failed.append(result)
        if progress is not None:
            progress(_origin_of(result))
    return report


def _store_one(draft: Draft, store: Store, report: IngestReport) -> None:
    try:
        doc, canon = to_document(draft)
        added = store.add_document(doc, draft.origin, canon)
    except StoreError as exc:
        report.failed.append(InputError(draft.origin, f"could not be stored: {exc}"))
        return
    except Exception as exc:  # one document's failure never ends the batch
        reason = f"could not be stored: {unexpected_reason(exc)}"
        report.failed.append(InputError(draft.origin, reason))
        return
    report.warnings.extend((draft.origin, warning) for warning in draft.warnings)
    if added.outcome == "new":
        report.ingested += 1
        report.changed.append(added.doc_id)
    elif added.outcome == "revised":
        report.revised += 1
        report.changed.append(added.doc_id)
    elif added.outcome == "duplicate" or added.new_origin:
        # the same text under the same id from another file is a copy, not a re-run
        report.duplicates += 1
    else:
        report.unchanged += 1


def _origin_of(result: Draft | Skip | InputError) -> str:
    return result.source if isinstance(result, InputError) else result.origin
