"""The state on a day (``control_on``, ``ControlIndex``) and the kept control periods."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

import pytest

from frontwatch.model import ControlPeriod, PlaceRef
from frontwatch.store import ControlIndex, Store, control_on, open_store, place_key

IZIUM = PlaceRef("Izium", 707292, 49.207, 37.2768, "Kharkiv Oblast")
LYMAN = PlaceRef("Lyman", 704204, 48.9901, 37.8084, "Donetsk Oblast")
KUPIANSK = PlaceRef("Kupiansk", 703656, 49.71, 37.6158, "Kharkiv Oblast")
NAMELESS = PlaceRef("Ruske", None, 45.0, 34.7, "Crimea")  # keyed by its name


def _period(place: PlaceRef, side: str, start: str | None, end: str | None) -> ControlPeriod:
    return ControlPeriod(place, side, start, end, "reported", 0.6, (f"c-{side}-{start}",))


PERIODS = [
    _period(IZIUM, "RU", "2022-04-01", "2022-09-09"),
    _period(IZIUM, "UA", "2022-09-10", None),
    _period(IZIUM, "contested", "2022-09-08", "2022-09-10"),  # overlaps both
    _period(LYMAN, "RU", None, "2022-05-26"),  # undated start
    _period(LYMAN, "UA", "2022-10-01", "2022-10-05"),
    _period(KUPIANSK, "UA", "2022-09-10", None),
    _period(NAMELESS, "RU", "2024-06-17", None),
]
DAYS = [None, *(date.fromisoformat(d) for d in ("2022-01-01", "2022-05-26", "2022-09-09",
        "2022-09-10", "2022-09-11", "2022-10-03", "2022-12-31", "2024-06-17"))]  # fmt: skip


def _reference(periods: Iterable[ControlPeriod], day: date | None) -> list[ControlPeriod]:
    """The rule written out plainly: per place, the latest-starting period covering the day
    (with no day: the latest-starting one), sorted by place name."""
    keys = {place_key(p.place) for p in periods}
    chosen = []
    for key in keys:
        group = sorted(
            (p for p in periods if place_key(p.place) == key), key=lambda p: p.start or ""
        )
        if day is not None:
            iso = day.isoformat()
            group = [p for p in group if (p.start or "") <= iso and (p.end is None or iso <= p.end)]
        chosen.extend(group[-1:])
    return sorted(chosen, key=lambda p: p.place.name)


@pytest.mark.parametrize("day", DAYS)
def test_the_index_chooses_as_control_on_and_the_rule_do(day: date | None) -> None:
    index = ControlIndex(PERIODS)
    assert index.on(day) == control_on(PERIODS, day) == _reference(PERIODS, day)
    assert control_on(reversed(PERIODS), day) == _reference(PERIODS, day)


def test_the_state_on_a_day_names_each_place_once() -> None:
    sides = {p.place.name: p.side for p in ControlIndex(PERIODS).on(date(2022, 9, 10))}
    assert sides == {"Izium": "UA", "Kupiansk": "UA"}


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def test_every_write_of_the_periods_moves_the_counter(store: Store) -> None:
    first = store.control_counter()
    store.replace_control(PERIODS[:2])
    store.replace_control([], place_keys={"707292"})
    store.replace_fused({"703656"}, [], [], PERIODS[5:6])
    assert first is not None
    assert store.control_counter() == first + 3


def test_kept_periods_are_read_again_after_a_write_from_another_store(store_url: str) -> None:
    reader, writer = open_store(store_url), open_store(store_url)  # as two processes
    try:
        writer.replace_control(PERIODS[:2])
        assert reader.control_periods() == writer.control_periods()
        kept = reader.control_periods()
        assert reader.control_periods() == kept  # from what it keeps: equal, and a copy
        assert reader.control_periods() is not kept
        retaken = replace(PERIODS[1], side="RU")
        writer.replace_control([retaken], place_keys={"707292"})
        assert [p.side for p in reader.control_periods()] == ["RU"]
        writer.replace_fused({"703656"}, [], [], PERIODS[5:6])
        assert {p.place.name for p in reader.control_periods()} == {"Izium", "Kupiansk"}
    finally:
        reader.close()
        writer.close()
