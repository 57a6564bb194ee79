"""``POST /api/v1/ingest``: a report as JSON, or a URL, through the ``frontwatch ingest``
pipeline (``frontwatch.ingest.ingest``, then ``frontwatch.process.process_documents``).

Refused unless the server was started with a token (403 ``ingest_disabled``) and the
request carries it as ``Authorization: Bearer TOKEN`` (401 ``unauthorized``). A posted
report is written to a file in a fresh temporary folder and read by the JSON reader, so
it meets every check a file given to the CLI meets; a URL meets the fetcher's (private,
loopback and link-local addresses refused unless the server allows them).
"""

from __future__ import annotations

import hmac
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from frontwatch.ingest import IngestOptions, IngestReport, ingest
from frontwatch.ingest.fetch import FetchOptions, HttpFetcher
from frontwatch.process import ProcessStats, pending_documents, process_documents
from frontwatch.serve._errors import ApiError
from frontwatch.serve._options import ServeOptions
from frontwatch.store import Store

router = APIRouter()
_one_at_a_time = threading.Lock()  # spaCy and the fusion lock: one ingest at a time is plenty

_REPORT_BODY = {
    "description": "One report (the fields of the JSON reader: id, url, outlet, published,"
    " title, language, license, text) or an array of them; empty when ``url`` is given.",
    "required": False,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"type": "object", "required": ["text"]},
                    {"type": "array", "items": {"type": "object", "required": ["text"]}},
                ]
            }
        }
    },
}


@router.post("/ingest", tags=["ingest"], openapi_extra={"requestBody": _REPORT_BODY})
async def post_ingest(
    request: Request,
    url: Annotated[str | None, Query(description="Fetch and read this URL instead.")] = None,
) -> dict[str, Any]:
    """Store a posted report (or the page at ``url``), extract its claims and fuse them."""
    options: ServeOptions = request.app.state.options
    _authorise(options.token, request.headers.get("authorization"))
    body = await request.body()
    if (url is None) == (not body.strip()):
        raise ApiError(400, "bad_request", "post a report as JSON, or give ?url= (not both)")
    store: Store = request.app.state.store
    report, stats = await run_in_threadpool(_run, store, options, body, url)
    if not report.changed and report.failed and not (report.duplicates or report.unchanged):
        reasons = "; ".join(f.reason for f in report.failed)
        raise ApiError(422, "invalid_report", reasons)
    return _summary(report, stats)


def _authorise(token: str | None, header: str | None) -> None:
    if not token:
        raise ApiError(
            403, "ingest_disabled", "this server takes no reports (start it with a token)"
        )
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "unauthorized", "POST /ingest needs 'Authorization: Bearer TOKEN'")


def _run(
    store: Store, options: ServeOptions, body: bytes, url: str | None
) -> tuple[IngestReport, ProcessStats | None]:
    with _one_at_a_time:
        if url is not None:
            report = _ingest_url(store, options, url)
        else:
            report = _ingest_posted(store, options, body)
        todo = [*report.changed, *(i for i in pending_documents(store) if i not in report.changed)]
        return report, process_documents(store, todo) if todo else None


def _ingest_posted(store: Store, options: ServeOptions, body: bytes) -> IngestReport:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    with tempfile.TemporaryDirectory(prefix="frontwatch-post-") as folder:
        path = Path(folder) / f"posted-{stamp}.json"
        path.write_bytes(body)
        return ingest([str(path)], store, IngestOptions(max_bytes=options.max_body))


def _ingest_url(store: Store, options: ServeOptions, url: str) -> IngestReport:
    fetch = FetchOptions(max_bytes=options.max_body, allow_private=options.allow_private_urls)
    with HttpFetcher(options=fetch) as fetcher:
        return ingest([url], store, IngestOptions(max_bytes=options.max_body, fetcher=fetcher))


def _summary(report: IngestReport, stats: ProcessStats | None) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "documents": list(report.changed),
        "failed": [{"source": f.source, "line": f.line, "reason": f.reason} for f in report.failed],
        "skipped": [{"origin": s.origin, "reason": s.reason} for s in report.skipped],
        "processed": stats.summary() if stats else None,
        "processing_failed": stats.failed if stats else {},
    }
