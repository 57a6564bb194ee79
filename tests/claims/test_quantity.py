"""Quantities: figures and number words with their unit, as a claim's ``quantity``."""

from __future__ import annotations

import pytest

from frontwatch.claims.quantity import find_quantities


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("more than a thousand square kilometers", 1000.0, "km2", "min"),
        ("1,000 square kilometers", 1000.0, "km2", "exact"),
        ("two thousand square kilometres", 2000.0, "km2", "exact"),
        ("over 20 km", 20.0, "km", "min"),
        ("a hundred tanks", 100.0, "items", "exact"),
        ("a million people", 1_000_000.0, "people", "exact"),
    ],
)
def test_figures_and_number_words(text: str, value: float, unit: str, bound: str) -> None:
    (found,) = find_quantities(text)
    assert (found.quantity.value, found.quantity.unit, found.bound) == (value, unit, bound)


@pytest.mark.parametrize(
    "text", ["a Russian soldier said", "thousands of troops", "several hundred"]
)
def test_no_figure_no_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value", "found_text"),
    [
        ("destroyed 31 of the 38 drones launched", 31.0, "31 of the 38 drones"),
        ("shot down 20 out of 24 missiles", 20.0, "20 out of 24 missiles"),
        ("in 2023 of 40 tanks", 40.0, "40 tanks"),
        ("destroyed 38 drones", 38.0, "38 drones"),
    ],
)
def test_a_part_of_a_whole_counts_the_part(text: str, value: float, found_text: str) -> None:
    (found,) = find_quantities(text)
    assert (found.quantity.value, found.text) == (value, found_text)
