"""Origins and knowledge time: near-duplicates, wire credits, claimants, floods of copies."""

from __future__ import annotations

from dataclasses import replace

import pytest

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


REPORT = (
    "Ukraine retakes the town\n\n"
    "Ukrainian forces retook the town on Saturday, the General Staff said. " + STORY
)
HEADLINE = "Ukraine retakes the town"
KYIV = ("Ukrainian General Staff", "UA")


def _report_facts(
    body_claimant: tuple[str, str | None] | None, doc: Document | None = None, **headline: str
) -> dict[str, tuple[str, str | None]]:
    doc = doc or document("r", "2022-09-11", REPORT)
    claims = [
        claim("head", doc=doc.id, text=HEADLINE, start=doc.text.index(HEADLINE), **headline),
        claim("body", doc=doc.id, start=doc.text.index("Ukrainian"), claimant=body_claimant),
    ]
    return {f.id: (f.origin, f.speaker) for f in facts(claims, [doc])}


@pytest.mark.parametrize(
    ("body_claimant", "origin", "speaker"),
    [
        (KYIV, "claimant:ukrainian general staff", "UA"),
        (("officials", None), "doc:r", None),  # a claimant that names no source
        (None, "doc:r", None),
    ],
    ids=["named-claimant", "generic-claimant", "own-voice"],
)
def test_a_headline_restated_in_the_body_is_one_origin_with_it(
    body_claimant: tuple[str, str | None] | None, origin: str, speaker: str | None
) -> None:
    got = _report_facts(body_claimant)
    assert got == {"head": (origin, speaker), "body": (origin, speaker)}


def test_a_title_found_in_the_text_is_its_headline() -> None:
    page = document("r", "2022-09-11", "Menu. Search. Sign in.\n" + REPORT)
    assert _report_facts(KYIV, page)["head"][0] == "doc:r"  # a first line ending a sentence
    # another text: a text's headline is worked out once, whatever title a copy carries
    titled = replace(document("r", "2022-09-11", "Menu. Search.\n" + REPORT), title=HEADLINE)
    assert _report_facts(KYIV, titled)["head"][0] == "claimant:ukrainian general staff"


@pytest.mark.parametrize(
    "headline",
    [{"side": "RU"}, {"kind": "attack"}, {"polarity": "negated"}, {"at": "Kupiansk"}],
    ids=["other-side", "other-kind", "negated", "other-place"],
)
def test_a_headline_the_body_does_not_restate_keeps_the_documents_voice(
    headline: dict[str, str],
) -> None:
    assert _report_facts(KYIV, **headline)["head"] == ("doc:r", None)


def test_a_body_claim_in_the_documents_voice_is_not_a_headline() -> None:
    doc = document("r", "2022-09-11", STORY + "\n\nMore words follow here.")
    claims = [
        claim("lead", doc="r", start=0),
        claim("said", doc="r", start=60, claimant=KYIV),
    ]
    got = {f.id: f.origin for f in facts(claims, [doc])}
    assert got == {"lead": "doc:r", "said": "claimant:ukrainian general staff"}
