"""The cached gazetteer index: lookups, regions, the cache file, and name keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.places import Gazetteer, PlaceResolver
from frontwatch.places import gazetteer as gz
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
