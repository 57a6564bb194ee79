"""Polarity and modality of claims, from hand-written sentences."""

from __future__ import annotations

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.model import Claim, Document


def _claim(town_extractor: ClaimExtractor, text: str, kind: str) -> Claim:
    claims = [
        c
        for c in town_extractor.extract(Document(id="m", text=text, published="2022-09-08")).claims
        if c.kind == kind
    ]
    assert len(claims) == 1, [(c.kind, c.side, c.polarity, c.modality) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "kind", "polarity", "modality"),
    [
        ("Russian troops withdrew from Izium.", "withdrawal", "affirmed", "asserted"),
        ("Russian troops did not withdraw from Izium.", "withdrawal", "negated", "asserted"),
        ("Russian troops failed to encircle Lyman.", "encirclement", "negated", "asserted"),
        (
            "The ministry denied that Russian troops had withdrawn from Izium.",
            "withdrawal",
            "negated",
            "asserted",
        ),
        (
            "Russian troops have reportedly withdrawn from Izium.",
            "withdrawal",
            "affirmed",
            "reported",
        ),
        ("Russian troops appeared to withdraw from Izium.", "withdrawal", "affirmed", "reported"),
        (
            "Unconfirmed footage showed Russian troops withdrawing from Izium.",
            "withdrawal",
            "affirmed",
            "unconfirmed",
        ),
        (
            "Russian troops will soon withdraw from Izium, a blogger predicted.",
            "withdrawal",
            "affirmed",
            "predicted",
        ),
        (
            "Russian troops could withdraw from Izium within days.",
            "withdrawal",
            "affirmed",
            "predicted",
        ),
        (
            "A Ukrainian capture of Kupiansk would cut Russian supply lines.",
            "control",
            "affirmed",
            "conditional",
        ),
        (
            "If Ukrainian troops recapture Lyman, the front will shift.",
            "control",
            "affirmed",
            "conditional",
        ),
        (
            "Ukrainian troops are very likely to have recaptured Lyman.",
            "control",
            "affirmed",
            "reported",
        ),
        # a denied report is the denier's assertion that it did not happen
        (
            "Ukrainian officials denied reports that Lyman had been lost.",
            "control",
            "negated",
            "asserted",
        ),
        ("Ukraine denied the capture of Lyman.", "control", "negated", "asserted"),
        (
            "Kyiv rejected claims that Russian troops had captured Izium.",
            "control",
            "negated",
            "asserted",
        ),
    ],
)
def test_polarity_and_modality(
    town_extractor: ClaimExtractor, text: str, kind: str, polarity: str, modality: str
) -> None:
    claim = _claim(town_extractor, text, kind)
    assert (claim.polarity, claim.modality) == (polarity, modality)


@pytest.mark.parametrize(
    "text",
    [
        "In a bid to retake Lyman, Ukrainian troops shelled the roads.",
        "Ukrainian operations to recapture Izium began in the morning.",
        "The Ukrainian army planned to recapture Izium by winter.",
        # hopes and vows (the small model lemmatises "hopes" as "hop")
        "Russia hopes to capture Lyman by the end of the year.",
        "The president vowed to liberate Izium.",
    ],
)
def test_intentions_are_not_claims_of_what_happened(
    town_extractor: ClaimExtractor, text: str
) -> None:
    claims = town_extractor.extract(Document(id="m", text=text, published="2022-09-08")).claims
    assert [c for c in claims if c.kind == "control"] == []


def test_an_attempt_still_counts_for_encirclement(town_extractor: ClaimExtractor) -> None:
    claim = _claim(town_extractor, "Russian troops are trying to encircle Lyman.", "encirclement")
    assert (claim.side, claim.polarity) == ("RU", "affirmed")


def test_relative_clause_keeps_its_own_modality(town_extractor: ClaimExtractor) -> None:
    text = "The next target could be Kupiansk, which serves as a logistics hub for Russian forces."
    claim = _claim(town_extractor, text, "supply")
    assert claim.modality == "asserted"


@pytest.mark.parametrize(
    ("text", "side", "claimant"),
    [
        # a place lost is held by the other side; agentless, the speaker's side lost it
        (
            "Ukraine lost Lyman in May, Russia's defence ministry said.",
            "RU",
            "Russia's defence ministry",
        ),
        (
            "Ukrainian officials denied reports that Lyman had been lost.",
            "RU",
            "Ukrainian officials",
        ),
        # the denier, not the report denied, is the claimant
        (
            "The General Staff dismissed Russian reports that Russian troops had captured Izium.",
            "RU",
            "General Staff",
        ),
    ],
)
def test_a_place_lost_and_a_denied_report(
    town_extractor: ClaimExtractor, text: str, side: str, claimant: str
) -> None:
    claim = _claim(town_extractor, text, "control")
    assert claim.side == side
    assert claim.claimant is not None
    assert claim.claimant.name == claimant


def test_equipment_lost_is_no_place_lost(town_extractor: ClaimExtractor) -> None:
    claims = town_extractor.extract(
        Document(id="m", text="Russia lost 30 tanks near Lyman.", published="2022-09-08")
    ).claims
    assert [(c.kind, c.side) for c in claims] == [("loss", "RU")]
