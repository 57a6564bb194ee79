"""``POST /api/v1/ingest``: a report as JSON, uploaded files, or a URL, through the
``frontwatch ingest`` pipeline (``frontwatch.ingest.ingest``, then
``frontwatch.process.process_documents``).

Refused unless the server was started with a token (403 ``ingest_disabled``) and the
request carries it as ``Authorization: Bearer TOKEN`` (401 ``unauthorized``). A posted
report, or each file uploaded as ``multipart/form-data`` under the field ``file``, is
written to a fresh temporary folder and given to the same readers as a file named to the
CLI (text, HTML, RSS/Atom, JSON/JSONL, Telegram export: chosen by the upload's extension,
else by its content), so it meets every check such a file meets; a URL meets the fetcher's
(private, loopback and link-local addresses refused unless the server allows them). The
stored origins and every error name an upload by the file name the client gave
(``upload:report.txt``, ``upload:report.jsonl:2``) and a posted report by the time it came
(``post:20220911T180500000000Z``), never by the temporary path.
"""

from __future__ import annotations

import hmac
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from frontwatch.errors import InputError
from frontwatch.ingest import (
    IngestOptions,
    IngestReport,
    ReadResult,
    ingest,
    iter_drafts,
    store_results,
)
from frontwatch.ingest.fetch import FetchOptions, HttpFetcher
from frontwatch.process import ProcessStats, pending_documents, process_documents
from frontwatch.serve._errors import ApiError
from frontwatch.serve._options import ServeOptions
from frontwatch.store import Store

router = APIRouter()
_one_at_a_time = threading.Lock()  # spaCy and the fusion lock: one ingest at a time is plenty

UPLOAD_FIELD = "file"
#: How stored origins and answers name an uploaded file (``upload:report.txt``) and a report
#: posted as JSON (``post:`` and the time it came): never by the server's temporary path.
UPLOAD_PREFIX = "upload:"
POSTED_PREFIX = "post:"
MAX_UPLOADS = 20  # files in one request; the body cap bounds their bytes
_UNSAFE = re.compile(r"[^\w.\-]+")

_REPORT_BODY = {
    "description": "One report as JSON (the fields of the JSON reader: id, url, outlet,"
    " published, title, language, license, text) or an array of them; or files uploaded as"
    " multipart/form-data under the field ``file``, in any format ``frontwatch ingest``"
    " reads; empty when ``url`` is given.",
    "required": False,
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    {"type": "object", "required": ["text"]},
                    {"type": "array", "items": {"type": "object", "required": ["text"]}},
                ]
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": [UPLOAD_FIELD],
                "properties": {
                    UPLOAD_FIELD: {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                    }
                },
            }
        },
    },
}


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file: the name the client gave (shown in answers) and its bytes."""

    name: str
    data: bytes


Reading = Callable[[Store, ServeOptions], IngestReport]


@router.post("/ingest", tags=["ingest"], openapi_extra={"requestBody": _REPORT_BODY})
async def post_ingest(
    request: Request,
    url: Annotated[str | None, Query(description="Fetch and read this URL instead.")] = None,
) -> dict[str, Any]:
    """Store a posted report, uploaded files (or the page at ``url``), extract their claims
    and fuse them."""
    options: ServeOptions = request.app.state.options
    _authorise(options.token, request.headers.get("authorization"))
    reading = await _reading(request, url)
    store: Store = request.app.state.store
    report, stats = await run_in_threadpool(_run, store, options, reading)
    if _nothing_stored(report):
        problems = [*(f"{_where(f)}: {f.reason}" for f in report.failed)]
        problems += [f"{s.origin}: {s.reason}" for s in report.skipped]
        raise ApiError(422, "invalid_report", "; ".join(problems), **_details(report))
    return _summary(report, stats)


async def _reading(request: Request, url: str | None) -> Reading:
    """What to read: uploads, a posted body or a URL (exactly one of them)."""
    if _is_multipart(request.headers.get("content-type")):
        if url is not None:
            raise ApiError(400, "bad_request", "upload files, or give ?url= (not both)")
        uploads = await _uploads(request)
        return lambda store, options: _ingest_uploads(store, options, uploads)
    body = await request.body()
    if (url is None) == (not body.strip()):
        raise ApiError(400, "bad_request", "post a report as JSON, or give ?url= (not both)")
    if url is not None:
        return lambda store, options: _ingest_url(store, options, url)
    return lambda store, options: _ingest_posted(store, options, body)


def _is_multipart(content_type: str | None) -> bool:
    return (content_type or "").partition(";")[0].strip().lower() == "multipart/form-data"


async def _uploads(request: Request) -> list[Upload]:
    async with request.form(max_files=MAX_UPLOADS) as form:
        parts = form.getlist(UPLOAD_FIELD)
        files = [p for p in parts if isinstance(p, UploadFile)]
        if not files or len(files) != len(parts):
            message = f"upload one or more files under the form field {UPLOAD_FIELD!r}"
            raise ApiError(400, "bad_request", message)
        return [Upload(f.filename or "upload", await f.read()) for f in files]


def _authorise(token: str | None, header: str | None) -> None:
    if not token:
        raise ApiError(
            403, "ingest_disabled", "this server takes no reports (start it with a token)"
        )
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "unauthorized", "POST /ingest needs 'Authorization: Bearer TOKEN'")


def _run(
    store: Store, options: ServeOptions, reading: Reading
) -> tuple[IngestReport, ProcessStats | None]:
    with _one_at_a_time:
        report = reading(store, options)
        todo = [*report.changed, *(i for i in pending_documents(store) if i not in report.changed)]
        return report, process_documents(store, todo) if todo else None


def _ingest_posted(store: Store, options: ServeOptions, body: bytes) -> IngestReport:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    with tempfile.TemporaryDirectory(prefix="frontwatch-post-") as folder:
        path = Path(folder) / f"posted-{stamp}.json"
        path.write_bytes(body)
        return _ingest_named(store, options, {str(path): f"{POSTED_PREFIX}{stamp}"})


def _ingest_uploads(store: Store, options: ServeOptions, uploads: Sequence[Upload]) -> IngestReport:
    """Each upload written under its own sub-folder (two may share a name) with a name the
    file system takes, keeping its extension, which picks the reader as on the command line."""
    with tempfile.TemporaryDirectory(prefix="frontwatch-upload-") as folder:
        named: dict[str, str] = {}
        for n, upload in enumerate(uploads):
            path = Path(folder) / str(n) / safe_name(upload.name)
            path.parent.mkdir()
            path.write_bytes(upload.data)
            named[str(path)] = f"{UPLOAD_PREFIX}{upload.name}"
        return _ingest_named(store, options, named)


def _ingest_named(store: Store, options: ServeOptions, named: dict[str, str]) -> IngestReport:
    """Read the temporary files ``named`` maps to their public names and store what they
    hold under those names: the stored origins, failures, skips and warnings never carry
    the server's temporary paths."""
    results = iter_drafts(list(named), IngestOptions(max_bytes=options.max_body))
    return store_results((_renamed(result, named) for result in results), store)


def safe_name(name: str) -> str:
    """An uploaded file's name as a plain file name: its last path part, with anything but
    letters, digits, ``.``, ``-`` and ``_`` replaced and no leading dot (no hidden file)."""
    last = re.split(r"[\\/]", name)[-1]
    cleaned = _UNSAFE.sub("_", last).lstrip(".")[-120:]
    return cleaned or "upload"


def public_origin(origin: str, named: dict[str, str]) -> str:
    """``origin`` (a temporary path, or one with a ``:line`` or ``#entry`` after it) with the
    path replaced by its public name; any other origin as it is."""
    for path, name in named.items():
        if origin == path or origin.startswith((f"{path}:", f"{path}#")):
            return name + origin[len(path) :]
    return origin


def _renamed(result: ReadResult, named: dict[str, str]) -> ReadResult:
    if isinstance(result, InputError):
        return type(result)(public_origin(result.source, named), result.reason, result.line)
    return replace(result, origin=public_origin(result.origin, named))


def _ingest_url(store: Store, options: ServeOptions, url: str) -> IngestReport:
    fetch = FetchOptions(max_bytes=options.max_body, allow_private=options.allow_private_urls)
    with HttpFetcher(options=fetch) as fetcher:
        return ingest([url], store, IngestOptions(max_bytes=options.max_body, fetcher=fetcher))


def _nothing_stored(report: IngestReport) -> bool:
    """Whether the request stored nothing and found something wrong: a failure, or only
    items that are no documents (an empty file)."""
    kept = report.changed or report.duplicates or report.unchanged
    return not kept and bool(report.failed or report.skipped)


def _where(error: InputError) -> str:
    return f"{error.source}:{error.line}" if error.line is not None else error.source


def _details(report: IngestReport) -> dict[str, Any]:
    return {
        "failed": [{"source": f.source, "line": f.line, "reason": f.reason} for f in report.failed],
        "skipped": [{"origin": s.origin, "reason": s.reason} for s in report.skipped],
    }


def _summary(report: IngestReport, stats: ProcessStats | None) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "documents": list(report.changed),
        **_details(report),
        "processed": stats.summary() if stats else None,
        "processing_failed": stats.failed if stats else {},
    }
