"""``POST /api/v1/ingest``: refused without the server's token, and with it the
``frontwatch ingest`` pipeline on a posted report (stored, read, extracted, fused)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from frontwatch.serve import API, ServeOptions, create_app
from frontwatch.serve._ingest import safe_name
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


SENTENCE = "Ukrainian forces retook Izium on Saturday, the General Staff said."
TELEGRAM = {
    "name": "Test Wire",
    "type": "public_channel",
    "id": 1500000009,
    "messages": [
        {"id": 1, "type": "service", "date": "2022-09-10T09:00:00", "text": ""},
        {
            "id": 2,
            "type": "message",
            "date": "2022-09-11T18:05:00",
            "from": "Test Wire",
            "text": [
                "Ukrainian forces retook ",
                {"type": "bold", "text": "Izium"},
                " on Saturday.",
            ],
        },
    ],
}
RSS = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
    "<language>en</language><item><title>Izium retaken</title>"
    "<pubDate>Sun, 11 Sep 2022 10:00:00 GMT</pubDate>"
    f"<description>{SENTENCE}</description></item></channel></rss>"
)
HTML = (
    "<!DOCTYPE html><html lang='en'><head><title>Izium retaken</title></head><body><article>"
    f"<h1>Izium retaken</h1><p>{SENTENCE}</p><p>{SENTENCE}</p></article></body></html>"
)
UPLOADS = {
    "text": ("report.txt", SENTENCE.encode()),
    "html": ("report.html", HTML.encode()),
    "rss": ("wire.rss", RSS.encode()),
    "json": ("report.json", json.dumps(REPORT).encode()),
    "jsonl": ("reports.jsonl", (json.dumps(REPORT) + "\n").encode()),
    "telegram": ("result.json", json.dumps(TELEGRAM).encode()),
    "no extension, read by content": ("report", json.dumps(REPORT).encode()),
}


def upload(
    c: TestClient, *files: tuple[str, bytes], headers: dict[str, str] = BEARER
) -> httpx.Response:
    parts = [("file", (name, data, "application/octet-stream")) for name, data in files]
    response: httpx.Response = c.post(f"{API}/ingest", files=parts, headers=headers)
    return response


@pytest.mark.parametrize("fmt", list(UPLOADS))
def test_an_uploaded_file_is_read_like_a_file_given_to_the_cli(store: Store, fmt: str) -> None:
    with client_for(store) as c:
        response = upload(c, UPLOADS[fmt])
        claims = c.get(f"{API}/claims?place=Izyum").json()
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"]["ingested"] == 1
    assert len(body["documents"]) == 1
    assert store.count_documents() == 1
    assert body["processed"]["claims"] >= 1
    assert {i["side"] for i in claims["items"]} == {"UA"}


def test_several_files_of_one_name_are_all_read(store: Store) -> None:
    other = json.dumps({**REPORT, "id": "posted-2", "text": "Shelling of Izium overnight."})
    with client_for(store) as c:
        response = upload(c, UPLOADS["json"], ("report.json", other.encode()))
    assert response.status_code == 200, response.text
    assert sorted(response.json()["documents"]) == ["posted-1", "posted-2"]


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("broken.json", b'{"text": "x", ', "upload:broken.json:1"),
        ("no-text.jsonl", b'{"id": "a"}\n', "upload:no-text.jsonl:1"),
        ("feed.rss", b"<rss><channel><item></item>", "upload:feed.rss#entry-1"),
        ("empty.json", b"[]", "upload:empty.json"),
        # a path in the name never reaches the file system: only its last part is kept
        ("../../etc/bad.json", b"{not json", "upload:../../etc/bad.json:1"),
    ],
)
def test_a_bad_upload_is_a_json_error_naming_the_file(
    store: Store, name: str, data: bytes, says: str
) -> None:
    with client_for(store) as c:
        response = upload(c, (name, data))
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["code"] == "invalid_report"
    assert body["message"].startswith(f"{says}: ")
    assert "frontwatch-upload-" not in response.text  # never the temporary path
    assert store.count_documents() == 0


@pytest.mark.parametrize(
    ("fmt", "origin"),
    [
        ("text", "upload:report.txt"),
        ("jsonl", "upload:reports.jsonl:1"),
        ("telegram", "upload:result.json#message-2"),
    ],
)
def test_an_upload_is_stored_under_the_name_the_client_gave(
    store: Store, fmt: str, origin: str
) -> None:
    with client_for(store) as c:
        (doc_id,) = upload(c, UPLOADS[fmt]).json()["documents"]
        shown = c.get(f"{API}/documents/{doc_id}").json()
    stored = store.get_document(doc_id)
    assert stored is not None
    assert list(stored.origins) == [origin]
    assert shown["origins"] == [origin]
    assert "frontwatch-upload-" not in json.dumps(shown)


def test_a_posted_report_is_stored_under_the_time_it_came(store: Store) -> None:
    with client_for(store) as c:
        c.post(f"{API}/ingest", json=REPORT, headers=BEARER)
    stored = store.get_document("posted-1")
    assert stored is not None
    (origin,) = stored.origins
    assert re.fullmatch(r"post:\d{8}T\d{12}Z:1", origin), origin


def test_one_bad_upload_does_not_stop_the_others(store: Store) -> None:
    with client_for(store) as c:
        response = upload(c, ("broken.json", b"{"), UPLOADS["text"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["summary"]["ingested"] == 1
    assert [f["source"] for f in body["failed"]] == ["upload:broken.json"]


@pytest.mark.parametrize(
    ("token", "headers", "status", "code"),
    [
        (None, BEARER, 403, "ingest_disabled"),
        (TOKEN, {}, 401, "unauthorized"),
        (TOKEN, {"authorization": "Bearer wrong-token-of-some-length"}, 401, "unauthorized"),
    ],
)
def test_an_upload_is_refused_without_the_token(
    store: Store, token: str | None, headers: dict[str, str], status: int, code: str
) -> None:
    with client_for(store, token) as c:
        response = upload(c, UPLOADS["text"], headers=headers)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert store.count_documents() == 0


def test_an_upload_over_the_cap_is_refused_413(store: Store) -> None:
    app = create_app(ServeOptions(token=TOKEN, max_body=4096), store)
    with TestClient(app) as c:
        response = upload(c, ("long.txt", SENTENCE.encode() * 100))
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert store.count_documents() == 0


@pytest.mark.parametrize(
    ("form", "params"),
    [
        # a text field named 'file', and a file under another name
        ({"data": {"file": SENTENCE}, "files": [("other", ("a.txt", b"x", "text/plain"))]}, ""),
        ({"files": [("other", ("report.txt", b"x", "text/plain"))]}, ""),
        ({"files": [("file", ("report.txt", b"x", "text/plain"))]}, "?url=https://n.example/a"),
    ],
)
def test_a_form_without_a_file_is_a_bad_request(
    store: Store, form: dict[str, Any], params: str
) -> None:
    with client_for(store) as c:
        response = c.post(f"{API}/ingest{params}", headers=BEARER, **form)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "bad_request"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\report.html", "report.html"),
        (".hidden.json", "hidden.json"),
        ("звіт 1.txt", "звіт_1.txt"),
        ("..", "upload"),
        ("", "upload"),
    ],
)
def test_an_upload_name_becomes_a_plain_file_name(given: str, kept: str) -> None:
    assert safe_name(given) == kept
