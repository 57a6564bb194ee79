"""Finding the stored places a query means: keys, names, name parts, any spelling the
resolver knows, and the nearest stored names when nothing matches."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from frontwatch.lookup import PlaceLookup, find_place
from frontwatch.model import Claim, ControlPeriod, Document, EventTime, Evidence, PlaceRef
from frontwatch.places import PlaceResolver
from frontwatch.store import Store, open_store

IZIUM = PlaceRef("Izium", 707292, 49.2122, 37.2569, "Kharkiv Oblast")
KUPIANSK = PlaceRef("Kupiansk", 703656, 49.71, 37.6158, "Kharkiv Oblast")
LYMAN = PlaceRef("Lyman", 704204, 48.9901, 37.8084, "Donetsk Oblast")
BALAKLIIA = PlaceRef("Balakliia", 712926, 49.4560, 36.8443, "Kharkiv Oblast")


def _claim(cid: str, place: PlaceRef) -> Claim:
    return Claim(
        cid,
        "d1",
        "control",
        "UA",
        place,
        "affirmed",
        "asserted",
        None,
        None,
        EventTime("2022-09-10", "2022-09-10", "day", "on Saturday"),
        None,
        Evidence(f"troops entered {place.name}", 0, 15 + len(place.name)),
        "test@1",
        0.8,
    )


def _store(url: str, claims: list[Claim]) -> Store:
    store = open_store(url)
    store.add_document(Document("d1", "Troops entered the towns.", content_hash="h1"), "t:d1")
    store.replace_claims("d1", claims)
    return store


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    s = _store(db_url, [_claim("c1", IZIUM), _claim("c2", KUPIANSK), _claim("c3", BALAKLIIA)])
    # Lyman has a control period but (here) no claim: its name is stored all the same.
    s.replace_control([ControlPeriod(LYMAN, "UA", "2022-10-01", None, "reported", 0.6, ())])
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "keys", "how"),
    [
        ("707292", ("707292",), "key"),
        ("izium", ("707292",), "name"),
        ("  Lyman ", ("704204",), "name"),
        ("Kupi", ("703656",), "name part"),
        ("Izyum", ("707292",), "resolved"),
        ("Kupyansk", ("703656",), "resolved"),
        ("Ізюм", ("707292",), "resolved"),
        ("Купянск", ("703656",), "resolved"),
        ("Iziumm", ("707292",), "resolved"),
    ],
)
def test_query_means_the_stored_place(
    store: Store, resolver: PlaceResolver, query: str, keys: tuple[str, ...], how: str
) -> None:
    found = find_place(store, query, resolver)
    assert (found.keys, found.how, found.found) == (keys, how, True)
    assert found.message() == ""


def test_a_stored_name_never_loads_the_gazetteer(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_gazetteer() -> PlaceResolver:
        raise AssertionError("the gazetteer was loaded")

    monkeypatch.setattr(PlaceResolver, "default", no_gazetteer)
    assert find_place(store, "Izium").keys == ("707292",)
    assert find_place(store, "Kupi").keys == ("703656",)
    with pytest.raises(AssertionError, match="gazetteer"):
        find_place(store, "Izyum")


def test_an_unknown_word_gets_the_nearest_stored_names(
    store: Store, resolver: PlaceResolver
) -> None:
    found = find_place(store, "Kupianskk-Xyzzy", resolver)
    assert (found.keys, found.how, found.resolved) == ((), "none", None)
    assert len(found.suggestions) == 3
    assert found.message().startswith(
        "no place 'Kupianskk-Xyzzy' in the store; did you mean Kupiansk, "
    )


def test_a_real_place_with_nothing_stored_is_named_with_suggestions(
    store: Store, resolver: PlaceResolver
) -> None:
    found = find_place(store, "Харків", resolver)
    assert not found.found
    assert found.resolved is not None and found.resolved.name == "Kharkiv"
    assert found.message().startswith(
        "'Харків' is Kharkiv (Kharkiv Oblast), which has nothing in the store; did you mean "
    )


def test_a_place_stored_without_geonames_id_is_found_by_its_resolved_name(
    db_url: str, resolver: PlaceResolver
) -> None:
    unnumbered = PlaceRef("Izium", None, 49.2122, 37.2569, "Kharkiv Oblast")
    store = _store(db_url, [_claim("c1", unnumbered)])
    try:
        assert find_place(store, "Izyum", resolver).keys == ("Izium",)
    finally:
        store.close()


@pytest.mark.parametrize("query", ["", "   ", "Izium"])
def test_an_empty_store_says_so(db_url: str, resolver: PlaceResolver, query: str) -> None:
    store = _store(db_url, [])
    try:
        found = find_place(store, query, resolver)
    finally:
        store.close()
    assert isinstance(found, PlaceLookup) and not found.found
    assert found.message().endswith("the store has no places yet")
