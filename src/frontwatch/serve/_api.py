"""The read API under ``/api/v1``: documents, claims, events, control, timelines, places
and exports. Every query goes through the store's and the stages' public functions, the
same the CLI calls; this module only filters, pages and shapes JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from frontwatch.export import EXPORTS, ExportFormat
from frontwatch.fuse import Fuser, control_on, parse_moment
from frontwatch.lookup import PlaceNames, find_place
from frontwatch.model import Claim, ControlPeriod, Kind, Modality, Side
from frontwatch.places import PlaceResolver
from frontwatch.serve._control import ControlAnswers, encode_json, etag_of
from frontwatch.serve._errors import ApiError, place_not_found
from frontwatch.serve._places import KeptPlaceNames
from frontwatch.serve._views import (
    ClaimViews,
    claim_day,
    document_detail,
    document_summary,
    link_json,
    page,
    period_json,
    place_json,
)
from frontwatch.store import Store, event_to_json

router = APIRouter()

MAX_LIMIT = 1000
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
Since = Annotated[date | None, Query(description="On or after this day (ISO date).")]
Until = Annotated[date | None, Query(description="On or before this day (ISO date).")]
PlaceQuery = Annotated[
    str | None,
    Query(description="GeoNames id or a place name in any spelling, script or alias."),
]
AsKnownOn = Annotated[
    str | None,
    Query(description="Replay what had been published by this moment (ISO date or datetime)."),
]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]


def _keys(request: Request, store: Store, query: str) -> tuple[str, ...]:
    """The stored place keys ``query`` means. A key of a place with control periods (their
    names are kept with the periods) is answered as ``find_place`` answers it (a key is
    matched first) without the index of every stored name, whose first read after a write
    scans every claim (6 s at 1,000,000 claims)."""
    if query.strip() in _period_names(request, store):
        return (query.strip(),)
    lookup = find_place(store, query, names=_place_names(request, store))
    if not lookup.found:
        raise place_not_found(lookup)
    return lookup.keys


def _period_names(request: Request, store: Store) -> dict[str, str]:
    answers: ControlAnswers = request.app.state.control_answers
    return answers.place_names(store)


def _place_names(request: Request, store: Store) -> PlaceNames:
    kept: KeptPlaceNames = request.app.state.place_names
    return kept.get(store)


def answer_json(request: Request, body: bytes, etag: str | None = None) -> Response:
    """``body`` (JSON) with its entity tag, or 304 with no body where the request's
    ``If-None-Match`` names the tag. ``no-cache``: a client may keep the answer but must
    ask whether it still holds, as any write of the store may change it."""
    tag = etag or etag_of(body)
    headers = {"etag": tag, "cache-control": "no-cache"}
    if _matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def _matches(if_none_match: str | None, tag: str) -> bool:
    """Whether an ``If-None-Match`` value names ``tag`` (weak comparison, RFC 9110)."""
    if not if_none_match:
        return False
    given = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in given or tag.removeprefix("W/") in given


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    moment = parse_moment(value, end_of_day=True)
    if moment is None:
        raise ApiError(
            422, "invalid_parameter", f"as_known_on takes an ISO date or datetime, not {value!r}"
        )
    return moment


def _in_range(day: str | None, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    if day is None:
        return False
    return (since is None or since.isoformat() <= day) and (
        until is None or day <= until.isoformat()
    )


@router.get("/stats", tags=["control"])
def stats(store: StoreDep) -> dict[str, Any]:
    """What the store holds: documents, places with a control timeline, and the first and
    last day of those timelines (the map's date slider runs between them)."""
    periods = store.control_periods()
    days = sorted({d[:10] for p in periods for d in (p.start, p.end) if d})
    return {
        "documents": store.count_documents(),
        "places": len(control_on(periods, None)),
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
    }


@router.get("/documents", tags=["documents"])
def list_documents(
    store: StoreDep,
    outlet: Annotated[str | None, Query(description="Outlet name contains this.")] = None,
    since: Since = None,
    until: Until = None,
    language: Annotated[
        str | None, Query(description="Detected language, e.g. en, uk, ru.")
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored documents, oldest first (undated last)."""
    docs = store.documents(
        outlet=outlet,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        language=language,
    )
    items, paging = page(docs, limit, offset)
    return {**paging, "items": [document_summary(d) for d in items]}


@router.get("/documents/{doc_id}", tags=["documents"])
def get_document(store: StoreDep, doc_id: Annotated[str, Path()]) -> dict[str, Any]:
    """One document: text, metadata, origins and earlier revisions."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise ApiError(404, "document_not_found", f"no document {doc_id!r} in the store")
    return document_detail(doc, store.revisions(doc_id))


@router.get("/claims", tags=["claims"])
def list_claims(
    request: Request,
    store: StoreDep,
    place: PlaceQuery = None,
    kind: Kind | None = None,
    side: Side | None = None,
    modality: Modality | None = None,
    since: Since = None,
    until: Until = None,
    document: Annotated[str | None, Query(description="Only this document's claims.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored claims: who says what happened where and when. ``since``/``until`` compare
    the day a claim is about (its event time, else the day it was made)."""
    keys = _keys(request, store, place) if place else None
    claims = store.claims(doc=document, kind=kind, place_keys=keys)
    wanted = [
        c
        for c in claims
        if (side is None or c.side == side)
        and (modality is None or c.modality == modality)
        and _in_range(claim_day(c), since, until)
    ]
    items, paging = page(wanted, limit, offset)
    views = ClaimViews(store, items)
    return {**paging, "items": [views.view(c) for c in items]}


@router.get("/claims/{claim_id}", tags=["claims"])
def get_claim(store: StoreDep, claim_id: Annotated[str, Path()]) -> dict[str, Any]:
    """One claim with its evidence sentence in context and the links it takes part in."""
    found = store.claims(ids=[claim_id])
    if not found:
        raise ApiError(404, "claim_not_found", f"no claim {claim_id!r} in the store")
    claim = found[0]
    links = [link_json(lk, claim_id) for lk in store.links([claim_id])]
    return {**ClaimViews(store, found).view(claim), "links": links}


@router.get("/events", tags=["events"])
def list_events(
    request: Request,
    store: StoreDep,
    place: PlaceQuery = None,
    kind: Kind | None = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events: claims fused into happenings, with support, contradiction and origins."""
    keys = _keys(request, store, place) if place else None
    events = [e for k in keys for e in store.events(k)] if keys else store.events()
    if kind:
        events = [e for e in events if e.kind == kind]
    items, paging = page(events, limit, offset)
    return {**paging, "items": [event_to_json(e) for e in items]}


@router.get("/control", tags=["control"], response_model=dict[str, Any])
async def control(
    request: Request,
    on: Annotated[
        date | None, Query(description="The state on this day (default: the latest).")
    ] = None,
    as_known_on: AsKnownOn = None,
    place: PlaceQuery = None,
) -> Response:
    """The state of every settlement: per place, the control period covering ``on``;
    with ``as_known_on``, as the record stood at that moment. Answers carry an ``ETag``;
    ``If-None-Match`` with it answers 304 while the store has not changed."""
    moment = _moment(as_known_on)
    store = store_of(request)
    if place is None and moment is None:
        # The map's request on each move of its slider: kept bytes, the store asked in
        # threads of its own so that it never waits behind the slower queries (and never
        # on the event loop).
        answers: ControlAnswers = request.app.state.control_answers
        limiter = request.app.state.control_limiter
        answer = await answers.answer_async(store, on, limiter)
        return answer_json(request, answer.body, answer.etag)
    body = await run_in_threadpool(_control_body, request, store, on, moment, place)
    return answer_json(request, body)


def _control_body(
    request: Request, store: Store, on: date | None, moment: datetime | None, place: str | None
) -> bytes:
    keys = _keys(request, store, place) if place else None
    day = on or (moment.date() if moment else None)
    items = [period_json(p) for p in control_on(_periods(store, keys, moment), day)]
    # Plain JSON values already: encoded as FastAPI would, without its walk over every
    # value (at 10,000 places that walk took longer than reading the store).
    return encode_json(
        {
            "on": day.isoformat() if day else None,
            "as_known_on": moment.isoformat() if moment else None,
            "total": len(items),
            "items": items,
        }
    )


def _periods(
    store: Store, keys: Sequence[str] | None, moment: datetime | None
) -> list[ControlPeriod]:
    if moment is not None:
        return Fuser(store).timeline(as_known_on=moment, place_keys=keys)
    return store.control_periods(place_keys=keys)


@router.get("/timeline/{place}", tags=["control"])
def timeline(
    request: Request,
    store: StoreDep,
    place: Annotated[str, Path(description="GeoNames id or a place name in any spelling.")],
    as_known_on: AsKnownOn = None,
) -> dict[str, Any]:
    """A place's control periods, oldest first, each with its evidence and the claims that
    contradict it."""
    known = _period_names(request, store)
    keys = _keys(request, store, place)
    periods = sorted(_periods(store, keys, _moment(as_known_on)), key=lambda p: p.start or "")
    ids = {i for p in periods for i in (*p.claims, *p.contradicted_by)}
    claims = {c.id: c for c in store.claims(ids=ids)} if ids else {}
    views = ClaimViews(store, claims.values())
    names = known if all(k in known for k in keys) else _place_names(request, store).names
    return {
        "query": place,
        "places": [{"key": k, "name": names.get(k, k)} for k in keys],
        "periods": [_period_with_evidence(p, claims, views) for p in periods],
    }


def _period_with_evidence(
    p: ControlPeriod, claims: dict[str, Claim], views: ClaimViews
) -> dict[str, Any]:
    return {
        **period_json(p),
        "evidence": [views.view(claims[i]) for i in p.claims if i in claims],
        "contradictions": [views.view(claims[i]) for i in p.contradicted_by if i in claims],
    }


@router.get("/places/resolve", tags=["places"])
def resolve_place(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="A place name.")],
) -> dict[str, Any]:
    """The stored places a name means, in any spelling, script or alias, and the gazetteer's
    reading of it with its alternatives; 404 with "did you mean" when nothing stored."""
    resolver = PlaceResolver.default()
    names = _place_names(request, store)
    lookup = find_place(store, q, resolver, names)
    if not lookup.found:
        raise place_not_found(lookup)
    resolution = resolver.resolve(q)
    return {
        "query": q,
        "how": lookup.how,
        "places": [{"key": k, "name": names.names.get(k, k)} for k in lookup.keys],
        "resolved": place_json(resolution.place),
        "alternatives": [place_json(c.place) for c in resolution.candidates[1:]],
    }


def _export_route(export: ExportFormat) -> Callable[[Store], Response]:
    def route(store: StoreDep) -> Response:
        disposition = f'attachment; filename="{export.filename}"'
        return Response(
            export.render(store),
            media_type=export.media_type,
            headers={"content-disposition": disposition},
        )

    route.__name__ = f"export_{export.what}_{export.fmt}"
    command = f"frontwatch export {export.what} --format {export.fmt}"
    route.__doc__ = f"{export.summary} The same file as ``{command}``."
    return route


for _export in EXPORTS:
    router.add_api_route(
        f"/export/{_export.filename}",
        _export_route(_export),
        methods=["GET"],
        tags=["export"],
        response_class=Response,
        responses={200: {"content": {_export.media_type: {}}}},
    )
