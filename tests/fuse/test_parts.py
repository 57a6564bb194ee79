"""Fusing a place in parts (``_parts``) gives what fusing it whole gives, and a new claim
works out again only the parts its kind reads."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from frontwatch.fuse import Fact, Fuser, fuse_place, group_by_place, lexicons, make_facts
from frontwatch.fuse import _fuser as fuser
from frontwatch.fuse._context import banded_together, document_facts, text_facts
from frontwatch.fuse._dedupe import NearDuplicates
from frontwatch.fuse._time import document_time, iso
from frontwatch.fuse.events import cluster, to_event
from frontwatch.fuse.links import relate
from frontwatch.fuse.timeline import timeline
from frontwatch.model import Claim, Document
from frontwatch.store import Link, open_store
from tests.fuse.fuse_helpers import claim, document, facts
from tests.fuse.test_incremental import put, reports

Fused = tuple[list[str], list[tuple[str, str, str, str, str | None]], list[str]]


def whole(place_facts: Sequence[Fact]) -> Fused:
    """A place fused in one piece: every event, link and period from all its facts."""
    lex = lexicons()
    key = place_facts[0].key
    clusters = cluster(place_facts)
    rel = relate(clusters, lex)
    events = [to_event(key, c, rel.against.get(c.lead().id, ())) for c in clusters]
    return canonical(events, rel.links, timeline(place_facts, lex))


def canonical(events: Sequence[object], links: Sequence[Link], periods: Sequence[object]) -> Fused:
    return (
        sorted(repr(e) for e in events),
        sorted((lk.source, lk.target, lk.relation, lk.reason, lk.place_key) for lk in links),
        sorted(repr(p) for p in periods),
    )


def in_parts(place_facts: Sequence[Fact]) -> Fused:
    done = fuse_place(place_facts, lexicons())
    return canonical(done.events, done.links, done.periods)


@pytest.fixture(autouse=True)
def fresh_parts() -> Iterator[None]:
    """No part kept from another test (parts are kept by place key)."""
    fuser._EVENTS.clear()
    fuser._TIMELINES.clear()
    yield
    fuser._EVENTS.clear()
    fuser._TIMELINES.clear()


def _all_facts(items: Sequence[tuple[str, str, str, list[Claim]]]) -> list[Fact]:
    docs = [document(doc_id, published, text) for doc_id, text, published, _ in items]
    claims = [c for *_, cs in items for c in cs]
    lex = lexicons()
    return make_facts(claims, document_facts(docs, lex), lex)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_fusing_in_parts_equals_fusing_whole(seed: int) -> None:
    by_place = group_by_place(_all_facts(reports(seed, 80)))
    assert len(by_place) == 4
    for place_facts in by_place.values():
        expected = whole(place_facts)
        assert expected[0] and expected[2]  # events and periods to compare
        assert in_parts(place_facts) == expected
        assert in_parts(place_facts) == expected  # every part kept: taken as it was


def _kept_counts() -> tuple[int, int, int, int]:
    ev, tl = fuser._EVENTS, fuser._TIMELINES
    return ev.hits, ev.misses, tl.hits, tl.misses


def _holding_history() -> list[Claim]:
    """Izium: UA early September, RU from the 20th, with attacks and presence around."""
    out = [claim(f"ua{d}", side="UA", day=f"2022-09-{d:02d}") for d in (2, 3, 5, 6)]
    out += [claim(f"ru{d}", side="RU", day=f"2022-09-{d:02d}") for d in (20, 21, 23)]
    out += [claim(f"at{d}", kind="attack", side="RU", day=f"2022-09-{d:02d}") for d in (4, 19)]
    out.append(claim("pr1", kind="presence", side="UA", day="2022-09-05"))
    return out


def _step(claims: list[Claim]) -> tuple[Fused, tuple[int, int, int, int]]:
    before = _kept_counts()
    got = in_parts(facts(claims))
    after = _kept_counts()
    assert got == whole(facts(claims))
    return got, (
        after[0] - before[0],
        after[1] - before[1],
        after[2] - before[2],
        after[3] - before[3],
    )


def test_a_claim_of_a_kind_that_takes_no_stance_reworks_only_its_kind() -> None:
    claims = _holding_history()
    _step(claims)
    # parts: attack, holding (control), presence; and the timeline
    _, counts = _step([*claims, claim("at30", kind="attack", side="RU", day="2022-09-30")])
    assert counts == (2, 1, 1, 0)  # attack worked out again; holding, presence, timeline kept
    _, counts = _step(claims)  # the attack taken back: attack again, the rest kept
    assert counts == (2, 1, 1, 0)


def test_a_control_claim_arriving_out_of_time_order_reworks_the_holding_part() -> None:
    claims = _holding_history()
    first, _ = _step(claims)
    # known last, but dated before everything else: a UA holding in August
    late = claim("ua-aug", side="RU", day="2022-08-20", doc="late")
    got, counts = _step([*claims, late])
    assert counts == (2, 1, 0, 1)  # attack and presence kept; holding and timeline again
    assert got[2] != first[2]  # the timeline now opens in August with RU
    assert any("start='2022-08-20'" in p and "side='RU'" in p for p in got[2])


def test_a_retraction_spanning_periods_reworks_the_timeline_as_a_whole() -> None:
    claims = _holding_history()
    retraction = claim(
        "no-ru",
        side="RU",
        day="2022-09-01",
        end="2022-09-30",
        polarity="negated",
        claimant=("Ukrainian General Staff", "UA"),
    )
    before, _ = _step(claims)
    got, counts = _step([*claims, retraction])
    assert counts[3] == 1  # the timeline worked out again from all its facts
    assert got[2] != before[2]
    # a correction that drops the retraction brings back what was there before
    again, _ = _step(claims)
    assert again == before


def test_a_changed_origin_reworks_the_parts_of_its_claims() -> None:
    """A fact made again with another origin (a document found to be a reprint) is not the
    fact the part was made from: the part is worked out again."""
    claims = _holding_history()
    place_facts = facts(claims)
    _step(claims)
    moved = [replace(f, origin="doc:elsewhere") if f.id == "ua2" else f for f in place_facts]
    before = _kept_counts()
    assert in_parts(moved) == whole(moved)
    after = _kept_counts()
    assert after[1] - before[1] == 1 and after[3] - before[3] == 1


def test_parts_kept_are_bounded_by_their_facts() -> None:
    kept = fuser.Parts[int](size=10)
    some = facts([claim(f"c{i}", day=f"2022-09-{i + 1:02d}") for i in range(8)])
    lex = lexicons()
    assert kept.get(("a", "x"), some[:6], lex, None, lambda: 1) == 1
    assert kept.get(("b", "x"), some[:6], lex, None, lambda: 2) == 2  # "a" dropped
    assert kept.held == 6
    assert kept.get(("a", "x"), some[:6], lex, None, lambda: 3) == 3  # made again
    assert kept.get(("a", "x"), some[:6], lex, None, lambda: 4) == 3  # kept
    assert kept.get(("c", "x"), some, lex, None, lambda: 5) == 5
    assert kept.held <= 10


def _doc(doc_id: str, text: str, day: int) -> Document:
    return document(doc_id, f"2022-09-{day:02d}T10:00:00+00:00", text)


def grouped_all(docs: Sequence[Document]) -> dict[str, str]:
    """Each document's group root, every document indexed (in order of publication)."""
    times = {d.id: iso(document_time(d)) or "~" for d in docs}
    dupes = NearDuplicates(order=lambda i: (times[i], i))
    for doc in sorted(docs, key=lambda d: (times[d.id], d.id)):
        dupes.add(doc.id, doc.text)
    return {d.id: dupes.root(d.id) for d in docs}


def test_grouping_only_documents_that_share_a_band_groups_as_all() -> None:
    rng = random.Random(5)
    words = [f"w{i}" for i in range(400)]
    stories = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(6)]
    docs = [_doc(f"s{i}", s, 10 + i) for i, s in enumerate(stories)]
    # reprints of three stories, some published before the story itself, one changed a bit
    docs += [_doc(f"r{i}", stories[i % 3] + f" Reprint {i}.", 5 + i) for i in range(7)]
    docs.append(_doc("edit", stories[4].replace(stories[4].split()[3], "changed") + " x", 20))
    docs.append(_doc("empty", "...", 12))
    got = document_facts(docs, lexicons())
    origins = {d: f.origin for d, f in got.items()}
    assert origins == {d: "doc:" + root for d, root in grouped_all(docs).items()}
    assert len(set(origins.values())) < len(docs)  # reprints share an origin
    assert origins["r0"] == origins["r3"] == origins["s0"] == "doc:r0"  # the earliest
    assert origins["edit"] == origins["s4"]
    assert origins["s5"] == "doc:s5" and origins["empty"] == "doc:empty"


def test_documents_banded_together_are_those_sharing_a_band() -> None:
    lex = lexicons()
    text = " ".join(f"word{i}" for i in range(80))
    docs = {
        "a": _doc("a", text, 1),
        "b": _doc("b", text + " more", 2),
        "c": _doc("c", " ".join(f"other{i}" for i in range(80)), 3),
        "d": _doc("d", "...", 4),
    }
    sigs = [(i, text_facts(d, lex).signature) for i, d in docs.items()]
    assert banded_together(sigs) == {"a", "b"}
    assert banded_together(sigs[2:]) == set()


def test_an_update_keeps_the_parts_it_made_and_a_rebuild_none(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'parts.db'}")
    items = reports(17, 20)
    for report in items:
        put(store, report)
    Fuser(store).rebuild()
    assert fuser._EVENTS.held == 0 and fuser._TIMELINES.held == 0
    Fuser(store).update([items[0][0]])
    assert fuser._EVENTS.held > 0 and fuser._TIMELINES.held > 0
    store.close()
