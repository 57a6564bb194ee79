"""Links: support, contradiction, reversal, implication, supply relations."""

from __future__ import annotations

from frontwatch.fuse import lexicons
from frontwatch.fuse.events import cluster
from frontwatch.fuse.links import relate, supply_links
from frontwatch.model import Claim
from frontwatch.store import Link
from tests.fuse.fuse_helpers import claim, docs_for, facts


def relations(
    claims: list[Claim], published: dict[str, str | None] | None = None
) -> set[tuple[str, str, str]]:
    fs = facts(claims, docs_for(claims, published))
    return {(lk.source, lk.target, lk.relation) for lk in relate(cluster(fs), lexicons()).links}


def test_restatements_support_the_lead_claim_one_link_each() -> None:
    assert relations([claim("a"), claim("b"), claim("c")]) == {
        ("b", "a", "supports"),
        ("c", "a", "supports"),
    }


def test_failed_to_encircle_contradicts_an_encirclement() -> None:
    got = relations(
        [
            claim("enc", kind="encirclement"),
            claim("failed", kind="encirclement", polarity="negated"),
        ]
    )
    assert got == {("failed", "enc", "contradicts")}


def test_a_later_denial_reverses_a_premature_liberation() -> None:
    got = relations(
        [claim("freed", doc="d1"), claim("not-yet", polarity="negated", doc="d2")],
        {"d1": "2022-09-10", "d2": "2022-09-12"},
    )
    assert got == {("not-yet", "freed", "reverses")}


def test_ua_and_ru_holding_one_town_on_one_day_contradict() -> None:
    got = relations([claim("ua"), claim("ru", side="RU")])
    assert got == {("ua", "ru", "contradicts")}


def test_a_state_ending_on_the_day_of_a_change_is_no_contradiction() -> None:
    got = relations([claim("occ", side="RU", day="2022-03-08", end="2022-09-10"), claim("ua")])
    assert got == set()


def test_a_withdrawal_implies_the_other_sides_control() -> None:
    got = relations([claim("ctl"), claim("left", kind="withdrawal", side="RU")])
    assert got == {("left", "ctl", "implies")}


def test_holding_after_withdrawing_is_a_contradiction() -> None:
    got = relations(
        [
            claim("left", kind="withdrawal", side="RU"),
            claim("still", side="RU", claimant=("Ganchev", "RU")),
        ]
    )
    assert ("still", "left", "contradicts") in got


def test_contradiction_links_are_linear_in_copies() -> None:
    claims = [claim(f"ua{i}") for i in range(300)] + [
        claim(f"ru{i}", side="RU") for i in range(300)
    ]
    fs = facts(claims)
    rel = relate(cluster(fs), lexicons())
    assert len(rel.links) == 599
    assert sorted(len(v) for v in rel.against.values()) == [300, 300]


def test_a_supply_claim_links_to_the_place_it_names() -> None:
    hub = claim(
        "hub",
        kind="supply",
        side="RU",
        at="Kupiansk",
        day=None,
        doc="d",
        text="the railway station supplying Izium formations",
        start=100,
    )
    served = claim("base", kind="supply", side="RU", at="Izium", day=None, doc="d", start=400)
    other = claim("ctl", side="RU", at="Izium", doc="d", start=10)
    fs = facts([hub])
    links = supply_links(fs, {"d": [hub, served, other]}, {})
    assert links == [Link("hub", "base", "supplies", "supply (RU): Kupiansk - Izium", "703656")]


def test_a_supply_claim_links_through_a_mention_or_an_overlapping_claim() -> None:
    hub = claim(
        "hub",
        kind="supply",
        side="RU",
        at="Izium",
        day=None,
        doc="d",
        text="supply lines to troops around the town",
        start=50,
    )
    there = claim("seize", side="UA", at="Kupiansk", doc="d", start=0, text="x" * 60)
    assert [lk.target for lk in supply_links(facts([hub]), {"d": [hub, there]}, {})] == ["seize"]
    far = claim("far", side="UA", at="Balakliia", doc="d", start=900)
    spans = {"d": [(60, 70, "712926")]}
    assert [lk.target for lk in supply_links(facts([hub]), {"d": [hub, far]}, spans)] == ["far"]
    assert supply_links(facts([hub]), {"d": [hub, far]}, {}) == []
