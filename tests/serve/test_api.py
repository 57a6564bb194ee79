"""The HTTP API over a hand-built store: every endpoint, filter and error, the OpenAPI
description, the security headers and the body cap."""

from __future__ import annotations

import csv
import io
import json
import re
import struct
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from frontwatch import __version__
from frontwatch.model import KINDS, Claim
from frontwatch.serve import API, WEB_DIR, ServeOptions, create_app
from frontwatch.serve._views import period_json
from frontwatch.store import Store, control_on, open_store
from tests.serve.serve_helpers import HOSTILE, build_store

IZIUM, BALAKLIIA, KUPIANSK = "707292", "712926", "703656"
TOKEN = "a-token-for-the-tests-only"
BEARER = {"authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'serve.db'}"
    built = build_store(open_store(url))
    yield built
    built.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(ServeOptions(max_body=4096), store)) as c:
        yield c


def get(client: TestClient, path: str, status: int = 200) -> Any:
    response = client.get(API + path)
    assert response.status_code == status, response.text
    return response.json()


def ids(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["items"]]


# documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["mod-0402", "bal-0909", "deny-0910", "gs-0911", "wire-0911", "hostile"]),
        ("?outlet=kyiv", ["bal-0909", "gs-0911"]),
        ("?since=2022-09-10", ["deny-0910", "gs-0911", "wire-0911", "hostile"]),
        ("?until=2022-09-09", ["mod-0402", "bal-0909"]),
        ("?since=2022-09-10&until=2022-09-11", ["deny-0910", "gs-0911", "wire-0911"]),
        ("?language=ru", ["deny-0910"]),
        ("?limit=2", ["mod-0402", "bal-0909"]),
        ("?limit=2&offset=4", ["wire-0911", "hostile"]),
        ("?offset=10", []),
    ],
)
def test_documents_filter_and_page(client: TestClient, query: str, expected: list[str]) -> None:
    body = get(client, "/documents" + query)
    assert ids(body) == expected


def test_documents_report_the_total_before_paging(client: TestClient) -> None:
    body = get(client, "/documents?limit=1&offset=1")
    assert (body["total"], body["limit"], body["offset"]) == (6, 1, 1)


def test_a_document_has_text_origins_and_revisions(client: TestClient) -> None:
    body = get(client, "/documents/hostile")
    assert body["text"].startswith("Ukrainian forces hold Kupiansk <img")
    assert body["origins"] == ["hand:hostile"]
    assert body["revisions"] == []


# claims ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?place=Izium", {"c-ru-izium", "c-ua-izium-1", "c-ua-izium-2"}),
        ("?place=Izyum", {"c-ru-izium", "c-ua-izium-1", "c-ua-izium-2"}),
        ("?place=Ізюм", {"c-ru-izium", "c-ua-izium-1", "c-ua-izium-2"}),
        (f"?place={IZIUM}", {"c-ru-izium", "c-ua-izium-1", "c-ua-izium-2"}),
        ("?place=Izium&side=RU", {"c-ru-izium"}),
        ("?side=RU", {"c-ru-izium"}),
        ("?modality=reported", {"c-ua-izium-2"}),
        ("?kind=control&document=bal-0909", {"c-ua-bal"}),
        ("?since=2022-09-10", {"c-ua-izium-1", "c-ua-izium-2", "c-deny-bal", "c-ua-kup"}),
        ("?until=2022-09-08", {"c-ru-izium", "c-ua-bal"}),
        ("?kind=attack", set()),
    ],
)
def test_claims_filter(client: TestClient, query: str, expected: set[str]) -> None:
    assert set(ids(get(client, "/claims" + query))) == expected


def test_claims_page(client: TestClient) -> None:
    first = get(client, "/claims?limit=4")
    rest = get(client, "/claims?limit=4&offset=4")
    assert first["total"] == rest["total"] == 6
    assert len(first["items"]) == 4
    assert len(rest["items"]) == 2
    assert not set(ids(first)) & set(ids(rest))


def test_a_claim_is_claims_v1_with_its_document(client: TestClient, store: Store) -> None:
    body = get(client, "/claims?document=gs-0911")["items"][0]
    stored = store.claims(ids=["c-ua-izium-1"])[0]
    assert Claim.from_json(body) == stored
    assert body["document"]["url"] == "https://news.example/gs-0911"


def test_a_claim_has_its_sentence_in_context_with_the_place_marked(client: TestClient) -> None:
    body = get(client, "/claims/c-ru-izium")
    ctx = body["context"]
    start, end = ctx["place_span"]
    assert body["evidence"]["text"][start:end] == "Izium"
    assert ctx["before"] == ""
    assert ctx["after"] == " Shelling went on south of the town."


def test_a_claim_lists_its_links(client: TestClient) -> None:
    body = get(client, "/claims/c-ua-izium-1")
    assert [(lk["relation"], lk["other"]) for lk in body["links"]] == [("supports", "c-ua-izium-2")]


def test_report_text_comes_back_as_it_was_stored(client: TestClient) -> None:
    body = get(client, "/claims/c-ua-kup")
    assert HOSTILE in body["evidence"]["text"]


# events, control, timeline -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "count"),
    [("", 5), ("?place=Izyum", 2), ("?place=Balakliia&limit=1", 1), ("?kind=attack", 0)],
)
def test_events(client: TestClient, query: str, count: int) -> None:
    assert len(get(client, "/events" + query)["items"]) == count


def test_an_event_names_its_supporting_claims(client: TestClient) -> None:
    items = get(client, "/events?place=Izium")["items"]
    assert {tuple(e["supporting"]) for e in items} == {
        ("c-ru-izium",),
        ("c-ua-izium-1", "c-ua-izium-2"),
    }


def _sides(body: dict[str, Any]) -> dict[str, str]:
    return {item["place"]["name"]: item["side"] for item in body["items"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?on=2022-09-01", {"Izium": "RU"}),
        ("?on=2022-09-11", {"Izium": "UA", "Balakliia": "UA", "Kupiansk": "UA"}),
        ("", {"Izium": "UA", "Balakliia": "UA", "Kupiansk": "UA"}),
        ("?on=2022-09-11&place=Izyum", {"Izium": "UA"}),
        # what the record said on 10 September: Balakliia taken, Izium not yet reported lost
        ("?as_known_on=2022-09-10", {"Izium": "RU", "Balakliia": "UA"}),
        ("?on=2022-09-11&as_known_on=2022-09-10T12:00:00Z", {"Izium": "RU", "Balakliia": "UA"}),
    ],
)
def test_control_on_a_day_as_known_on_a_moment(
    client: TestClient, query: str, expected: dict[str, str]
) -> None:
    assert _sides(get(client, "/control" + query)) == expected


def _rendered_as_before(store: Store, day: str | None) -> bytes:
    """The /control body as the route made it before it kept anything: every period read,
    chosen by ``control_on``, each rendered by ``period_json``, encoded by FastAPI."""
    chosen = control_on(store.control_periods(), date.fromisoformat(day) if day else None)
    body = {"on": day, "as_known_on": None, "total": len(chosen)}
    return JSONResponse(jsonable_encoder({**body, "items": [period_json(p) for p in chosen]})).body


@pytest.mark.parametrize("day", [None, "2022-04-01", "2022-09-01", "2022-09-10", "2022-09-11"])
def test_control_answers_are_byte_for_byte_as_before(
    client: TestClient, store: Store, day: str | None
) -> None:
    for _ in range(2):  # built, then kept
        response = client.get(f"{API}/control" + (f"?on={day}" if day else ""))
        assert response.content == _rendered_as_before(store, day)


def test_control_answers_follow_a_write_from_another_process(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    store = build_store(open_store(url))
    other = open_store(url)  # stands for `frontwatch ingest` writing the store meanwhile
    try:
        with TestClient(create_app(ServeOptions(), store)) as c:
            before = c.get(f"{API}/control").json()
            izium = next(p for p in other.control_periods() if p.place.geonameid == 707292)
            other.replace_control([replace(izium, side="RU")], place_keys={IZIUM})
            after = c.get(f"{API}/control")
        expected = _rendered_as_before(other, None)
    finally:
        other.close()
        store.close()
    assert _sides(before)["Izium"] == "UA"
    assert _sides(after.json())["Izium"] == "RU"
    assert after.content == expected


def test_control_items_carry_key_tier_and_contradiction(client: TestClient) -> None:
    items = {i["key"]: i for i in get(client, "/control?on=2022-09-11")["items"]}
    assert items[IZIUM]["tier"] == "corroborated"
    assert items[BALAKLIIA]["contested"] is True
    assert items[IZIUM]["contested"] is False


def test_a_timeline_has_periods_evidence_and_contradictions(client: TestClient) -> None:
    body = get(client, "/timeline/Balakliia")
    (period,) = body["periods"]
    assert [c["id"] for c in period["evidence"]] == ["c-ua-bal"]
    denial = period["contradictions"][0]
    assert (denial["claimant"]["name"], denial["polarity"]) == ("Petrov", "negated")


def test_a_timeline_by_alias_is_oldest_first(client: TestClient) -> None:
    body = get(client, "/timeline/Izyum")
    assert body["places"] == [{"key": IZIUM, "name": "Izium"}]
    assert [(p["side"], p["start"]) for p in body["periods"]] == [
        ("RU", "2022-04-01"),
        ("UA", "2022-09-10"),
    ]


def test_a_place_key_with_periods_is_answered_without_reading_every_place_name(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: at 1,000,000 claims every ``/claims?place=KEY`` read all stored place
    names (6 s) and ``/timeline/KEY`` twice; 200 clients got 503s."""
    by_alias = get(client, "/timeline/Izyum")
    claims_by_alias = get(client, "/claims?place=Izyum")

    def every_name() -> dict[str, str]:
        raise AssertionError("read every stored place name")

    monkeypatch.setattr(store, "place_names", every_name)
    assert get(client, f"/timeline/{IZIUM}") == {**by_alias, "query": IZIUM}
    assert get(client, f"/claims?place={IZIUM}") == claims_by_alias


def test_places_resolve_any_alias(client: TestClient) -> None:
    body = get(client, "/places/resolve?q=Izyum")
    assert body["places"] == [{"key": IZIUM, "name": "Izium"}]
    assert body["resolved"]["geonameid"] == int(IZIUM)


def test_stats(client: TestClient) -> None:
    assert get(client, "/stats") == {
        "documents": 6,
        "places": 3,
        "first_day": "2022-04-01",
        "last_day": "2022-09-10",
    }


# exports -----------------------------------------------------------------------------


def test_claims_export_is_claims_v1_lines(client: TestClient, store: Store) -> None:
    response = client.get(f"{API}/export/claims.jsonl")
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [Claim.from_json(obj) for obj in lines] == store.claims()


def test_control_export_is_control_v1_lines(client: TestClient, store: Store) -> None:
    response = client.get(f"{API}/export/control.jsonl")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == [p.to_json() for p in store.control_periods()]


def test_control_geojson_export(client: TestClient) -> None:
    response = client.get(f"{API}/export/control.geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert {f["id"] for f in body["features"]} == {IZIUM, BALAKLIIA, KUPIANSK}


def test_claims_and_events_geojson_exports(client: TestClient) -> None:
    claims = client.get(f"{API}/export/claims.geojson").json()
    events = client.get(f"{API}/export/events.geojson").json()
    assert len(claims["features"]) == 6
    assert {f["properties"]["kind"] for f in events["features"]} == {"control"}
    assert len(events["features"]) == 5


def test_events_csv_export(client: TestClient) -> None:
    response = client.get(f"{API}/export/events.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5
    izium = [r for r in rows if r["location"] == "Izium"]
    assert sorted(r["event_date"] for r in izium) == ["2022-04-01", "2022-09-10"]
    assert {r["source"] for r in izium} == {"Ministry Wire", "Kyiv Daily; Euro Wire"}


@pytest.mark.parametrize(
    ("name", "rows", "column"),
    [("claims", 6, "evidence_text"), ("events", 5, "supporting"), ("control", 3, "timeline")],
)
def test_geoparquet_exports(client: TestClient, name: str, rows: int, column: str) -> None:
    response = client.get(f"{API}/export/{name}.parquet")
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="{name}.parquet"'
    table = pq.read_table(io.BytesIO(response.content))
    features = client.get(f"{API}/export/{name}.geojson").json()["features"]
    assert table.num_rows == len(features) == rows
    x, y = features[0]["geometry"]["coordinates"]
    assert table.column("geometry")[0].as_py() == struct.pack("<BIdd", 1, 1, x, y)
    assert column in table.column_names
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["columns"]["geometry"]["crs"]["id"] == {"authority": "OGC", "code": "CRS84"}


def test_the_openapi_names_each_exports_media_type(openapi: dict[str, Any]) -> None:
    answer = openapi["paths"][f"{API}/export/events.parquet"]["get"]["responses"]["200"]
    assert "application/vnd.apache.parquet" in answer["content"]


# errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/documents/nope", 404, "document_not_found"),
        ("/claims/nope", 404, "claim_not_found"),
        ("/claims?place=Atlantis", 404, "place_not_found"),
        ("/timeline/Atlantis", 404, "place_not_found"),
        ("/events?place=Atlantis", 404, "place_not_found"),
        ("/control?place=Atlantis", 404, "place_not_found"),
        ("/places/resolve?q=Atlantis", 404, "place_not_found"),
        ("/places/resolve", 422, "invalid_parameter"),
        ("/claims?kind=parade", 422, "invalid_parameter"),
        ("/claims?side=NATO", 422, "invalid_parameter"),
        ("/claims?modality=rumoured", 422, "invalid_parameter"),
        ("/claims?since=yesterday", 422, "invalid_parameter"),
        ("/documents?limit=0", 422, "invalid_parameter"),
        ("/documents?limit=1001", 422, "invalid_parameter"),
        ("/documents?offset=-1", 422, "invalid_parameter"),
        ("/control?on=2022-13-01", 422, "invalid_parameter"),
        ("/control?as_known_on=soon", 422, "invalid_parameter"),
        ("/nothing-here", 404, "not_found"),
    ],
)
def test_errors_are_json_with_code_and_message(
    client: TestClient, path: str, status: int, code: str
) -> None:
    body = get(client, path, status)
    assert body["code"] == code
    assert body["message"]


@pytest.mark.parametrize("path", ["/timeline/Kupyansk-Vuzlovyi", "/claims?place=Kupyansk-Vuzlovyi"])
def test_an_unknown_place_answers_did_you_mean(client: TestClient, path: str) -> None:
    body = get(client, path, 404)
    assert body["suggestions"][0] == "Kupiansk"
    assert "did you mean Kupiansk" in body["message"]


@pytest.mark.parametrize(("typo", "key"), [("Kupiansc", KUPIANSK), ("Izuim", IZIUM)])
def test_a_typo_finds_the_place(client: TestClient, typo: str, key: str) -> None:
    assert get(client, f"/timeline/{typo}")["places"][0]["key"] == key


def test_a_wrong_method_is_json(client: TestClient) -> None:
    response = client.delete(f"{API}/claims")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


# safety ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", f"{API}/claims", f"{API}/nothing", "/static/map.js"])
def test_security_headers_on_every_answer(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_a_body_over_the_cap_is_refused(client: TestClient) -> None:
    response = client.post(f"{API}/ingest", content=b"x" * 5000)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_streamed_body_over_the_cap_is_refused(store: Store) -> None:
    """No Content-Length: the cap counts the chunks as the route reads them."""
    options = ServeOptions(max_body=4096, token=TOKEN)
    with TestClient(create_app(options, store)) as c:
        response = c.post(f"{API}/ingest", content=iter([b"x" * 3000, b"x" * 3000]), headers=BEARER)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


# OpenAPI -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def openapi(client: TestClient) -> dict[str, Any]:
    return dict(get(client, "/openapi.json"))


def test_openapi_lists_every_endpoint(openapi: dict[str, Any]) -> None:
    paths = {path: set(ops) for path, ops in openapi["paths"].items()}
    assert paths == {
        f"{API}/stats": {"get"},
        f"{API}/documents": {"get"},
        f"{API}/documents/{{doc_id}}": {"get"},
        f"{API}/claims": {"get"},
        f"{API}/claims/{{claim_id}}": {"get"},
        f"{API}/events": {"get"},
        f"{API}/control": {"get"},
        f"{API}/timeline/{{place}}": {"get"},
        f"{API}/places/resolve": {"get"},
        f"{API}/export/claims.jsonl": {"get"},
        f"{API}/export/control.jsonl": {"get"},
        f"{API}/export/control.geojson": {"get"},
        f"{API}/export/claims.geojson": {"get"},
        f"{API}/export/events.geojson": {"get"},
        f"{API}/export/events.csv": {"get"},
        f"{API}/export/claims.parquet": {"get"},
        f"{API}/export/control.parquet": {"get"},
        f"{API}/export/events.parquet": {"get"},
        f"{API}/ingest": {"post"},
    }


def test_openapi_describes_the_claims_filters(openapi: dict[str, Any]) -> None:
    params = {p["name"]: p for p in openapi["paths"][f"{API}/claims"]["get"]["parameters"]}
    assert set(params) == {
        "place", "kind", "side", "modality", "since", "until", "document", "limit", "offset",
    }  # fmt: skip
    kind = params["kind"]["schema"]["anyOf"][0]
    assert tuple(kind["enum"]) == KINDS
    assert params["limit"]["schema"]["maximum"] == 1000


def test_openapi_names_the_version_and_no_docs_page_is_served(
    openapi: dict[str, Any], client: TestClient
) -> None:
    assert openapi["info"]["version"] == __version__
    assert client.get("/docs").status_code == 404  # its page loads scripts from a CDN


# the map page -----------------------------------------------------------------------


def _web_copy(tmp_path: Path, with_library: bool) -> Path:
    web = tmp_path / "web"
    web.mkdir()
    for name in ("index.html", "map.js", "map.css"):
        (web / name).write_text((WEB_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    if with_library:
        (web / "vendor" / "leaflet").mkdir(parents=True)
        for name in ("leaflet.js", "leaflet.css"):
            (web / "vendor" / "leaflet" / name).write_text("/* stand-in */", encoding="utf-8")
    return web


@pytest.mark.parametrize(("with_library", "mark"), [(True, "present"), (False, "missing")])
def test_the_page_says_whether_the_map_library_is_there(
    store: Store, tmp_path: Path, with_library: bool, mark: str
) -> None:
    options = ServeOptions(web_dir=_web_copy(tmp_path, with_library))
    with TestClient(create_app(options, store)) as c:
        page = c.get("/")
        api = c.get(f"{API}/stats")
    assert page.status_code == 200
    assert f'data-map-library="{mark}"' in page.text
    assert api.status_code == 200


def test_the_page_has_no_inline_script(client: TestClient) -> None:
    page = client.get("/").text
    scripts = page.split("<script")[1:]
    assert scripts
    assert all(s.lstrip().startswith("src=") and "></script>" in s for s in scripts)
    assert not re.search(r"\son[a-z]+\s*=", page)  # no event handler attributes
    assert "javascript:" not in page


def test_the_script_writes_no_html(client: TestClient) -> None:
    """Report text reaches the page as text: the map script never parses HTML."""
    script = client.get("/static/map.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_a_request_past_its_time_limit_is_answered_503(store: Store) -> None:
    """A limit of 0 s runs out at the first wait; /ingest has its own, longer limit."""
    options = ServeOptions(time_limit=0, ingest_time_limit=600)
    with TestClient(create_app(options, store)) as c:
        late = c.get(f"{API}/stats")
        ingest = c.post(f"{API}/ingest", json={"text": "x"})
    assert late.status_code == 503
    assert late.json()["code"] == "timeout"
    assert ingest.json()["code"] == "ingest_disabled"
