"""Ingest: files, folders, URLs, feeds and Telegram exports into stored documents."""

from frontwatch.ingest.base import Draft, Reader, ReadResult, Skip, Source
from frontwatch.ingest.pipeline import IngestReport, ingest, store_results, to_document
from frontwatch.ingest.sources import IngestOptions, iter_drafts

__all__ = [
    "Draft",
    "IngestOptions",
    "IngestReport",
    "ReadResult",
    "Reader",
    "Skip",
    "Source",
    "ingest",
    "iter_drafts",
    "store_results",
    "to_document",
]
