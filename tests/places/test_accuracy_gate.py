"""The accuracy gate: dev gold, seeds, GeoWebNews and LGL subsets stay above their floors.

The floors live in benchmarks/baselines/places.json (``python benchmarks/places_eval.py --pin``
writes them below what was measured, and never lowers one).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch.places import PlaceResolver, evaluate
from frontwatch.read import Parser

BASELINE = Path(__file__).resolve().parents[2] / "benchmarks" / "baselines" / "places.json"
FRONTLINE = BASELINE.with_name("frontline.json")


@pytest.mark.shared
@pytest.mark.slow
def test_scores_stay_above_the_pinned_floors(shared: Path) -> None:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    measured = evaluate.gate_figures(shared, Parser(), PlaceResolver.default())
    assert evaluate.drops(measured, floors) == []


def test_front_line_villages_resolve_near_kharkiv(
    resolver: PlaceResolver, load_script: Callable[[str], ModuleType]
) -> None:
    # benchmarks/frontline_eval.py: villages retaken in 2022, bare names with --near Kharkiv
    floor = json.loads(FRONTLINE.read_text(encoding="utf-8"))["frontline_kharkiv_within_5km"]
    _, summary = load_script("benchmarks/frontline_eval.py").evaluate(resolver, "Kharkiv")
    assert summary["not_found"] == 0
    assert summary["share"] >= floor, summary


def test_front_line_villages_resolve_in_report_sentences(
    resolver: PlaceResolver, parser: Parser, load_script: Callable[[str], ModuleType]
) -> None:
    # the same list read inside sentences of the forms reports use, through find_mentions
    floors = json.loads(FRONTLINE.read_text(encoding="utf-8"))
    found = load_script("benchmarks/frontline_eval.py").evaluate_in_context(resolver, parser)
    assert set(found) == {"oblast", "neighbour"}
    for form, (_, summary) in found.items():
        floor = floors[f"frontline_kharkiv_in_sentences_{form}_within_5km"]
        assert summary["share"] >= floor, (form, summary)


@pytest.mark.parametrize(
    ("measured", "old", "expected"),
    [
        ({"a": 0.974}, None, {"a": 0.96}),
        ({"a": 1.0}, None, {"a": 0.99}),
        ({"a": 0.5}, {"a": 0.6}, {"a": 0.6}),  # a re-pin never lowers a floor
        ({"a": 0.9}, {"b": 0.3}, {"a": 0.89, "b": 0.3}),
    ],
)
def test_pinned_floors_sit_below_the_measure(
    measured: dict[str, float], old: dict[str, float] | None, expected: dict[str, float]
) -> None:
    assert evaluate.pinned(measured, old) == expected


@pytest.mark.parametrize(
    ("measured", "floors", "dropped"),
    [
        ({"a": 0.9}, {"a": 0.8}, []),
        ({"a": 0.7}, {"a": 0.8}, ["a: 0.7 < 0.8"]),
        ({}, {"a": 0.8}, ["a: None < 0.8"]),
    ],
)
def test_drops_name_every_score_below_its_floor(
    measured: dict[str, float], floors: dict[str, float], dropped: list[str]
) -> None:
    assert evaluate.drops(measured, floors) == dropped
