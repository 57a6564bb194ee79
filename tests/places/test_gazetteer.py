"""The cached gazetteer index: lookups, regions, the cache file, and name keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.places import Gazetteer, PlaceResolver
from frontwatch.places import gazetteer as gz
from frontwatch.places._build import HOW_RANK
from frontwatch.places._text import clean, key, script


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return PlaceResolver.default().gazetteer


def test_lookup_reports_how_a_name_matched(gazetteer: Gazetteer) -> None:
    hows = {gazetteer.place(h.row).geonameid: h.how for h in gazetteer.lookup("Kupyansk")}
    assert 703656 in hows
    assert hows[703656] in gz.HOW


def test_every_oblast_has_a_region_row(gazetteer: Gazetteer) -> None:
    row = gazetteer.region_of_admin1["Kharkiv Oblast"]
    place = gazetteer.place(row)
    assert (place.kind, place.geonameid, place.country) == ("region", None, "UA")
    assert abs(place.lat - 49.98) < 0.1  # the namesake city's point


@pytest.mark.parametrize(
    ("geonameid", "admin1"), [(486816, "Kursk Oblast"), (495112, "Belgorod Oblast")]
)
def test_a_border_oblasts_settlement_carries_the_regions_english_name(
    gazetteer: Gazetteer, geonameid: int, admin1: str
) -> None:
    row = gazetteer.row_of(geonameid)
    assert row is not None
    assert gazetteer.place(row).admin1 == admin1  # not GeoNames' "Kurskaya oblast'"


def test_heads_are_first_words_of_multi_word_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.has_key("nova kakhovka")
    assert "nova" in gazetteer.heads
    assert "izium" not in gazetteer.heads


def test_row_of_finds_a_geonames_id(gazetteer: Gazetteer) -> None:
    row = gazetteer.row_of(707292)
    assert row is not None
    assert gazetteer.place(row).name == "Izium"
    assert gazetteer.row_of(-5) is None


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_unreadable_cache_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "places-index-x.pickle"
    path.write_bytes(content)
    assert gz._read(path) is None


def test_cache_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FRONTWATCH_CACHE", str(tmp_path))
    assert gz.cache_folder() == tmp_path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Куп’янськ", "КУП'ЯНСЬК"),
        ("Şalālah", "Salalah"),
        ("Kyiv  City", "kyiv city"),
        ("Орёл", "Орел"),
    ],
)
def test_spellings_share_a_key(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Kupiansk", "latin"), ("Купянськ", "cyrillic"), ("Kупянськ", "mixed"), ("123", "other")],
)
def test_script(text: str, kind: str) -> None:
    assert script(text) == kind


def test_clean_drops_control_characters() -> None:
    assert clean("\x00Izium\u200b\n  city") == "Izium city"


@pytest.mark.parametrize(
    ("geonameid", "kind", "country"),
    [(1255053, "admin1", "IN"), (4338356, "admin2", "US"), (5128638, "admin1", "US")],
)
def test_subdivisions_abroad_are_indexed_with_a_point(
    gazetteer: Gazetteer, geonameid: int, kind: str, country: str
) -> None:
    row = gazetteer.row_of(geonameid)
    assert row is not None
    place = gazetteer.place(row)
    assert (place.kind, place.country) == (kind, country)
    assert place.population > 0 and (place.lat, place.lon) != (0.0, 0.0)


def test_ukraine_keeps_only_its_curated_oblasts(gazetteer: Gazetteer) -> None:
    kinds = {gazetteer.kind(h.row) for h in gazetteer.lookup("Kharkiv Oblast")}
    assert kinds == {"region"}


@pytest.mark.parametrize(
    ("geonameid", "capital"), [(2643743, True), (703448, True), (706483, False)]
)
def test_capitals_are_marked(gazetteer: Gazetteer, geonameid: int, capital: bool) -> None:
    row = gazetteer.row_of(geonameid)
    assert row is not None and gazetteer.is_capital(row) is capital


@pytest.mark.parametrize(
    ("name", "expected"), [("Kherson City", "Kherson"), ("Izium city", "Izium")]
)
def test_a_city_named_with_the_word_city_is_the_settlement(name: str, expected: str) -> None:
    gazetteer = PlaceResolver.default().gazetteer
    names = {gazetteer.place(h.row).name for h in gazetteer.lookup(name)}
    assert expected in names
    assert all(gazetteer.place(h.row).kind == "settlement" for h in gazetteer.lookup(name))


def test_city_alone_is_no_place() -> None:
    assert PlaceResolver.default().gazetteer.lookup(" City") == []


def test_the_index_knows_every_way_the_generator_makes_a_name() -> None:
    assert tuple(sorted(HOW_RANK, key=HOW_RANK.__getitem__)) == gz.HOW
    assert len(gz.HOW) <= 16  # a key's rows pack the way in four bits


def test_a_derived_russian_form_is_an_alias_of_the_village(gazetteer: Gazetteer) -> None:
    hits = gazetteer.lookup("Kleshcheyevka")
    assert {gazetteer.place_name(h.row) for h in hits} == {"Klishchiivka"}
    assert {h.how for h in hits} == {"derived-ru"}
