"""Event clustering: kind, side, place, time; negations; wide, undated and sideless claims."""

from __future__ import annotations

from frontwatch.fuse.events import cluster, to_event
from frontwatch.model import Claim, Event
from tests.fuse.fuse_helpers import claim, facts


def events(claims: list[Claim]) -> list[Event]:
    return sorted(
        (to_event("k", c) for c in cluster(facts(claims))),
        key=lambda e: (e.kind, e.side or "", e.start or ""),
    )


def test_restatements_of_one_happening_are_one_event() -> None:
    (event,) = events([claim("a"), claim("b", day="2022-09-11"), claim("c")])
    assert set(event.supporting) == {"a", "b", "c"}
    assert (event.start, event.end, event.origins) == ("2022-09-10", "2022-09-11", 3)


def test_kind_side_and_time_split_events() -> None:
    result = events(
        [
            claim("a"),
            claim("b", side="RU"),
            claim("c", kind="attack"),
            claim("d", day="2022-09-20"),
        ]
    )
    assert [(e.kind, e.side, e.supporting) for e in result] == [
        ("attack", "UA", ("c",)),
        ("control", "RU", ("b",)),
        ("control", "UA", ("a",)),
        ("control", "UA", ("d",)),
    ]


def test_a_negated_claim_is_the_events_contradiction() -> None:
    ganchev = claim("no", kind="encirclement", polarity="negated", claimant=("Ganchev", "RU"))
    (event,) = events([claim("yes", kind="encirclement"), ganchev])
    assert (event.supporting, event.contradicting) == (("yes",), ("no",))


def test_a_wide_range_joins_without_stretching_the_event() -> None:
    (event,) = events(
        [claim("day", side="RU"), claim("range", side="RU", day="2022-03-01", end="2022-09-30")]
    )
    assert set(event.supporting) == {"day", "range"}
    assert (event.start, event.end) == ("2022-09-10", "2022-09-10")


def test_undated_claims_join_the_latest_event_begun_when_they_were_known() -> None:
    result = events(
        [
            claim("apr", side="RU", day="2022-04-01"),
            claim("later", side="RU", day="2022-08-01"),
            claim("undated", side="RU", day=None),
        ]
    )
    assert [set(e.supporting) for e in result] == [{"apr"}, {"later", "undated"}]


def test_only_undated_claims_make_an_undated_event() -> None:
    (event,) = events([claim("a", kind="supply", side="RU", day=None)])
    assert (event.start, event.end, event.supporting) == (None, None, ("a",))


def test_a_sideless_claim_joins_the_one_side_it_overlaps() -> None:
    (event,) = events(
        [claim("shelled", kind="attack", side="RU"), claim("fighting", kind="attack", side=None)]
    )
    assert set(event.supporting) == {"shelled", "fighting"}


def test_a_sideless_claim_between_two_sides_stays_apart() -> None:
    result = events(
        [
            claim("a", kind="attack", side="RU"),
            claim("b", kind="attack", side="UA"),
            claim("c", kind="attack", side=None),
        ]
    )
    assert len(result) == 3


def test_claims_without_place_are_not_fused() -> None:
    assert facts([claim("nowhere", at=None)]) == []


def test_event_ids_are_stable() -> None:
    claims = [claim("a"), claim("b")]
    assert events(claims)[0].id == events(list(reversed(claims)))[0].id
