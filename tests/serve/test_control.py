"""``/control``'s kept answers: entity tags and 304s, a write (through ``POST /ingest`` or
from another process) shows in the next answer, one build serves concurrent requests,
and the kept bytes stay under their bound."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from frontwatch.model import ControlPeriod, PlaceRef
from frontwatch.serve import API, ServeOptions, create_app
from frontwatch.serve._control import ControlAnswers, DayIndex
from frontwatch.store import ControlIndex, Store, open_store
from tests.serve.serve_helpers import build_store
from tests.serve.test_api import IZIUM, _rendered_as_before

TOKEN = "a-token-for-the-tests-only"
BEARER = {"authorization": f"Bearer {TOKEN}"}
LYMAN = {
    "id": "posted-lyman",
    "outlet": "Test Wire",
    "published": "2022-10-02",
    "language": "en",
    "title": "Lyman retaken",
    "text": "Ukrainian forces retook Lyman on Saturday, the General Staff said.",
}


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    built = build_store(open_store(f"sqlite:///{tmp_path / 'serve.db'}"))
    yield built
    built.close()


def _sides(body: dict[str, object]) -> dict[str, str]:
    items = body["items"]
    assert isinstance(items, list)
    return {i["place"]["name"]: i["side"] for i in items}


def _latest_izium(store: Store) -> ControlPeriod:
    """Izium's period from 2022-09-10 on (UA in the hand-built store)."""
    return max((p for p in store.control_periods() if p.place.geonameid == 707292), key=_start)


def _start(period: ControlPeriod) -> str:
    return period.start or ""


# entity tags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["", "?on=2022-09-11", "?as_known_on=2022-09-10", "?place=Izyum&on=2022-09-11"]
)
def test_an_answer_names_its_tag_and_the_tag_answers_304(store: Store, query: str) -> None:
    with TestClient(create_app(ServeOptions(), store)) as c:
        first = c.get(f"{API}/control{query}")
        tag = first.headers["etag"]
        again = c.get(f"{API}/control{query}", headers={"if-none-match": tag})
        weak = c.get(f"{API}/control{query}", headers={"if-none-match": f'"x", W/{tag}'})
        other = c.get(f"{API}/control{query}", headers={"if-none-match": '"not-it"'})
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-cache"
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", tag)
    assert weak.status_code == 304
    assert (other.status_code, other.content) == (200, first.content)


def test_days_with_different_answers_have_different_tags(store: Store) -> None:
    with TestClient(create_app(ServeOptions(), store)) as c:
        tags = {day: c.get(f"{API}/control?on={day}").headers["etag"] for day in DAYS}
    assert len(set(tags.values())) == len(DAYS)


# a write shows in the next answer ----------------------------------------------------


def test_a_report_posted_to_ingest_shows_in_the_next_answer(store: Store) -> None:
    """The kept answer, its tag and the kept place names all give way to the write."""
    options = ServeOptions(token=TOKEN)
    with TestClient(create_app(options, store)) as c:
        before = c.get(f"{API}/control?on=2022-10-05")
        missing = c.get(f"{API}/claims?place=Lyman")
        posted = c.post(f"{API}/ingest", json=LYMAN, headers=BEARER)
        assert posted.status_code == 200, posted.text
        tag = before.headers["etag"]
        after = c.get(f"{API}/control?on=2022-10-05", headers={"if-none-match": tag})
        claims = c.get(f"{API}/claims?place=Lyman")
    assert "Lyman" not in _sides(before.json())
    assert missing.status_code == 404
    assert after.status_code == 200
    assert _sides(after.json())["Lyman"] == "UA"
    assert after.content == _rendered_as_before(store, "2022-10-05")
    assert [i["doc"] for i in claims.json()["items"]] == ["posted-lyman"]


def test_a_write_from_another_process_shows_in_the_next_answer_and_tag(store: Store) -> None:
    other = open_store(str(store.engine.url))  # stands for `frontwatch fuse` meanwhile
    try:
        with TestClient(create_app(ServeOptions(), store)) as c:
            before = c.get(f"{API}/control?on=2022-09-11")
            izium = _latest_izium(other)
            other.replace_control([replace(izium, side="RU")], place_keys={IZIUM})
            tag = before.headers["etag"]
            after = c.get(f"{API}/control?on=2022-09-11", headers={"if-none-match": tag})
    finally:
        other.close()
    assert (_sides(before.json())["Izium"], _sides(after.json())["Izium"]) == ("UA", "RU")
    assert after.headers["etag"] != tag


# choosing a day's periods -------------------------------------------------------------

# a few places, some named alike, one whose name changed between periods; days as
# fusion writes them and a month-precision end, compared as strings
_PLACES = [
    PlaceRef("Izium", 707292, 49.2, 37.3, None),
    PlaceRef("Andriivka", 1, 48.1, 37.1, None),
    PlaceRef("Andriivka", 2, 48.2, 37.2, None),
    PlaceRef("Artemivsk", 3, 48.6, 38.0, None),
    PlaceRef("Bakhmut", 3, 48.6, 38.0, None),
    PlaceRef("Bakhmut", 4, 48.6, 38.0, None),
    PlaceRef("Eastern front", None, 48.5, 37.5, None),
]
_DAYS = st.sampled_from([None, "2022-03-01", "2022-03-15", "2022-04", "2022-04-30", "2022-05-02"])
_PERIODS = st.lists(
    st.builds(
        ControlPeriod,
        place=st.sampled_from(_PLACES),
        side=st.sampled_from(["UA", "RU", "contested"]),
        start=_DAYS,
        end=_DAYS,
        tier=st.just("reported"),
        confidence=st.just(0.5),
    ),
    max_size=25,
)
_QUERIES = st.sampled_from(
    [None, date(2022, 3, 1), date(2022, 3, 20), date(2022, 4, 30), date(2022, 5, 2)]
)


@given(periods=_PERIODS, day=_QUERIES)
def test_the_day_index_chooses_as_the_control_index(
    periods: list[ControlPeriod], day: date | None
) -> None:
    positions = DayIndex(periods).on(day).tolist()
    expected = [id(p) for p in ControlIndex(periods).on(day)]
    assert [id(periods[n]) for n in positions] == expected


# kept bytes --------------------------------------------------------------------------

DAYS = ("2022-04-01", "2022-09-01", "2022-09-10", "2022-09-11")


def test_kept_answers_stay_under_their_bound_and_are_built_once_each(store: Store) -> None:
    one = len(ControlAnswers().answer(store, date(2022, 9, 11)).body)
    answers = ControlAnswers(max_bytes=2 * one + 10)
    for day in DAYS * 3:
        body = answers.answer(store, date.fromisoformat(day)).body
        assert body == _rendered_as_before(store, day)
    assert answers._kept_bytes <= answers.max_bytes
    assert 2 <= len(answers._answers) < len(DAYS)
    for _ in range(3):  # the last ones asked for are kept: no build
        answers.answer(store, date(2022, 9, 11))
    assert answers.builds == 3 * len(DAYS)


def test_a_write_lets_go_of_the_answers_kept_for_the_older_counter(store: Store) -> None:
    answers = ControlAnswers()
    for day in DAYS:
        answers.answer(store, date.fromisoformat(day))
    store.replace_control(store.control_periods())
    answers.answer(store, None)
    assert [day for _, day in answers._answers] == [None]


# concurrency -------------------------------------------------------------------------


@dataclass
class Served:
    base: str
    answers: ControlAnswers


@pytest.fixture()
def served(store: Store, serving: Callable[[Any], AbstractContextManager[str]]) -> Iterator[Served]:
    """The app on a free loopback port in a thread."""
    app = create_app(ServeOptions(), store)
    with serving(app) as base:
        yield Served(base, app.state.control_answers)


CLIENTS = 12
REQUESTS = 15  # each: the test's load is bounded in count, and each request in time


def test_concurrent_clients_get_whole_current_answers_across_a_write(
    served: Served, store: Store
) -> None:
    """Clients on loopback ask for every day while another process flips Izium: each
    answer is the whole answer of the periods before or after the write, never a mix; an
    answer asked for after the write has its periods; and one build serves each day and
    counter however many clients asked at once."""
    expected = {day: {_rendered_as_before(store, day)} for day in DAYS}
    other = open_store(str(store.engine.url))
    izium = _latest_izium(other)
    written = threading.Event()
    seen: list[tuple[str, float, int, bytes]] = []
    written_at: list[float] = []

    def client(n: int) -> None:
        with httpx.Client(base_url=served.base, timeout=30) as http:
            for i in range(REQUESTS):
                day = DAYS[(n + i) % len(DAYS)]
                asked = time.monotonic()
                response = http.get(f"{API}/control?on={day}")
                seen.append((day, asked, response.status_code, response.content))
                if n == 0 and i == REQUESTS // 2:
                    other.replace_control([replace(izium, side="RU")], place_keys={IZIUM})
                    written_at.append(time.monotonic())
                    written.set()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert written.is_set()
        for day in DAYS:
            expected[day].add(_rendered_as_before(other, day))
    finally:
        other.close()
    assert not any(t.is_alive() for t in threads)
    assert len(seen) == CLIENTS * REQUESTS
    assert {status for _, _, status, _ in seen} == {200}
    assert all(body in expected[day] for day, _, _, body in seen)
    after = [(day, body) for day, asked, _, body in seen if asked > written_at[0]]
    assert after
    assert all(body == _rendered_as_before(store, day) for day, body in after)
    answers = served.answers
    # a day and counter built once, but by the requests that read the counter just before
    # the write and reach the kept answers after it (one a client at most)
    assert answers.builds <= 2 * len(DAYS) + CLIENTS
