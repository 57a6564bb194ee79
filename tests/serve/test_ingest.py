"""``POST /api/v1/ingest``: refused without the server's token, and with it the
``frontwatch ingest`` pipeline on a posted report (stored, read, extracted, fused)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from frontwatch.serve import API, ServeOptions, create_app
from frontwatch.store import Store, open_store

TOKEN = "a-token-for-the-tests-only"
BEARER = {"authorization": f"Bearer {TOKEN}"}
REPORT = {
    "id": "posted-1",
    "outlet": "Test Wire",
    "published": "2022-09-11",
    "language": "en",
    "title": "Izium retaken",
    "text": "Ukrainian forces retook Izium on Saturday, the General Staff said.",
}


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def client_for(store: Store, token: str | None = TOKEN) -> TestClient:
    return TestClient(create_app(ServeOptions(token=token), store))


@pytest.mark.parametrize(
    ("token", "headers", "status", "code"),
    [
        (None, BEARER, 403, "ingest_disabled"),
        (TOKEN, {}, 401, "unauthorized"),
        (TOKEN, {"authorization": "Bearer wrong-token-of-some-length"}, 401, "unauthorized"),
        (TOKEN, {"authorization": f"Basic {TOKEN}"}, 401, "unauthorized"),
        (TOKEN, {"authorization": TOKEN}, 401, "unauthorized"),
    ],
)
def test_ingest_is_refused_without_the_token(
    store: Store, token: str | None, headers: dict[str, str], status: int, code: str
) -> None:
    with client_for(store, token) as c:
        response = c.post(f"{API}/ingest", json=REPORT, headers=headers)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert store.count_documents() == 0


def test_a_posted_report_goes_through_the_pipeline(store: Store) -> None:
    with client_for(store) as c:
        response = c.post(f"{API}/ingest", json=REPORT, headers=BEARER)
        assert response.status_code == 200, response.text
        body = response.json()
        claims = c.get(f"{API}/claims?place=Izyum").json()
        control = c.get(f"{API}/control?on=2022-09-11").json()
        timeline = c.get(f"{API}/timeline/Izyum").json()
    assert body["documents"] == ["posted-1"]
    assert body["summary"]["ingested"] == 1
    assert body["processed"]["claims"] >= 1
    assert store.get_document("posted-1") is not None
    assert {(i["doc"], i["side"]) for i in claims["items"]} == {("posted-1", "UA")}
    assert [(i["place"]["name"], i["side"]) for i in control["items"]] == [("Izium", "UA")]
    assert timeline["periods"][0]["evidence"][0]["doc"] == "posted-1"


def test_posting_the_same_report_again_changes_nothing(store: Store) -> None:
    with client_for(store) as c:
        c.post(f"{API}/ingest", json=REPORT, headers=BEARER)
        again = c.post(f"{API}/ingest", json=REPORT, headers=BEARER).json()
    assert again["documents"] == []
    assert again["summary"]["unchanged"] + again["summary"]["duplicates"] == 1


@pytest.mark.parametrize(
    ("body", "params", "status", "code"),
    [
        (b"", "", 400, "bad_request"),
        (b'{"text": "x"}', "?url=https://news.example/a", 400, "bad_request"),
        (b"{not json", "", 422, "invalid_report"),
        (b'{"id": "no-text"}', "", 422, "invalid_report"),
        # the fetcher refuses loopback before connecting: no private URL unless allowed
        (b"", "?url=http://127.0.0.1:9/report", 422, "invalid_report"),
    ],
)
def test_a_bad_post_is_a_json_error(
    store: Store, body: bytes, params: str, status: int, code: str
) -> None:
    headers = {**BEARER, "content-type": "application/json"}
    with client_for(store) as c:
        response = c.post(f"{API}/ingest{params}", content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
    assert response.json()["message"]
    assert store.count_documents() == 0
