"""Origins and knowledge time: near-duplicates, wire credits, claimants, floods of copies."""

from __future__ import annotations

from dataclasses import replace

from frontwatch.fuse import document_facts, lexicons
from frontwatch.fuse._dedupe import NearDuplicates
from frontwatch.model import Claim, Document
from tests.fuse.fuse_helpers import claim, document, facts

STORY = (
    "Ukrainian forces pushed east on Saturday and entered the town after Russian units pulled"
    " back across the river, local officials said, as fighting continued in nearby villages."
)


def origins(docs: list[Document], claims: list[Claim]) -> dict[str, str]:
    return {f.id: f.origin for f in facts(claims, docs)}


def test_reprints_share_an_origin_and_distinct_stories_do_not() -> None:
    docs = [
        document("a", "2022-09-10", STORY),
        document("b", "2022-09-11", STORY + " Updated."),
        document("c", "2022-09-11", "A different report about other matters entirely, in words."),
    ]
    got = origins(docs, [claim("1", doc="a"), claim("2", doc="b"), claim("3", doc="c")])
    assert got["1"] == got["2"] == "doc:a"
    assert got["3"] == "doc:c"


def test_a_shared_wire_credit_is_one_origin() -> None:
    docs = [
        document("a", "2022-09-10", "One story in words of its own.\nAFP contributed reporting."),
        document("b", "2022-09-10", "Another story, other words.\nAFP contributed to this report."),
    ]
    got = origins(docs, [claim("1", doc="a"), claim("2", doc="b")])
    assert got == {"1": "wire:AFP", "2": "wire:AFP"}


def test_a_claimant_is_one_origin_across_documents_and_channels() -> None:
    docs = [document("a"), document("b")]
    claims = [
        claim("1", doc="a", claimant=("Igor Konashenkov", "RU"), channel="TASS"),
        claim("2", doc="b", claimant=("Russia's Defence Ministry", "RU"), channel="RIA Novosti"),
    ]
    got = origins(docs, claims)
    assert got["1"] == got["2"] == "claimant:russian defence ministry"


def test_knowledge_time_falls_back_to_the_publication_note() -> None:
    doc = replace(
        document("a", None), published_note="describes 10-11 Sep 2022, i.e. about 12 Sep 2022"
    )
    (fact,) = facts([claim("1", doc="a")], [doc])
    assert fact.known_iso == "2022-09-12T00:00:00+00:00"


def test_ten_thousand_copies_cost_a_bounded_number_of_comparisons() -> None:
    dupes = NearDuplicates(order=lambda i: ("", i))
    for i in range(10_000):
        dupes.add(f"c{i}", STORY + f" Copy {i}.")
    assert len({dupes.root(f"c{i}") for i in range(10_000)}) == 1
    assert dupes.comparisons < 10_000 * 16 * 3


def test_document_facts_put_the_earliest_copy_at_the_root() -> None:
    docs = [document("late", "2022-09-12", STORY), document("early", "2022-09-10", STORY + " x")]
    got = document_facts(docs, lexicons())
    assert got["late"].origin == got["early"].origin == "doc:early"
