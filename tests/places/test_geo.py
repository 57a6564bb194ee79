"""Distances, bearings and compass words."""

from __future__ import annotations

import pytest

from frontwatch.places.geo import angle_between, bearing_deg, compass_word, distance_km

KUPIANSK = (49.7100, 37.6158)
BALAKLIIA = (49.4627, 36.8586)
KHARKIV = (49.9818, 36.2548)


def test_distance_between_known_towns() -> None:
    assert distance_km(BALAKLIIA, KUPIANSK) == pytest.approx(60.0, abs=5.0)
    assert distance_km(KHARKIV, KHARKIV) == 0.0


def test_bearing_from_balakliia_to_kupiansk_is_northeast() -> None:
    assert compass_word(bearing_deg(BALAKLIIA, KUPIANSK)) == "northeast"


@pytest.mark.parametrize(("a", "b", "angle"), [(10, 350, 20), (0, 180, 180), (90, 90, 0)])
def test_angle_between(a: float, b: float, angle: float) -> None:
    assert angle_between(a, b) == angle


@pytest.mark.parametrize(("bearing", "word"), [(0, "north"), (359, "north"), (200, "south")])
def test_compass_word(bearing: float, word: str) -> None:
    assert compass_word(bearing) == word
