"""Control timelines from hand-built claims: changes, tiers, contested days, replay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from frontwatch.fuse import known_by, lexicons
from frontwatch.fuse.timeline import timeline
from frontwatch.model import Claim, ControlPeriod
from tests.fuse.fuse_helpers import claim, docs_for, document, facts

RU_MOD = ("Russia's Defence Ministry", "RU")
KYIV = ("Ukrainian General Staff", "UA")


def periods(claims: list[Claim]) -> list[ControlPeriod]:
    return timeline(facts(claims), lexicons())


def sides(result: list[ControlPeriod]) -> list[tuple[str, str | None, str | None]]:
    return [(p.side, p.start, p.end) for p in result]


def test_a_capture_then_a_recapture_gives_two_periods() -> None:
    result = periods(
        [
            claim("a", side="RU", day="2022-04-01"),
            claim("b", side="UA", day="2022-09-10"),
        ]
    )
    assert sides(result) == [("RU", "2022-04-01", "2022-09-09"), ("UA", "2022-09-10", None)]


def test_an_occupation_range_ends_where_the_liberation_starts() -> None:
    result = periods(
        [
            claim("occ", side="RU", at="Balakliia", day="2022-03-08", end="2022-09-08"),
            claim("lib", side="UA", at="Balakliia", day="2022-09-08"),
        ]
    )
    assert sides(result) == [("RU", "2022-03-08", "2022-09-07"), ("UA", "2022-09-08", None)]
    assert result[1].contradicted_by == ()


def test_a_withdrawal_starts_the_other_sides_period() -> None:
    result = periods(
        [
            claim("hold", side="RU", day="2022-04-01"),
            claim("left", kind="withdrawal", side="RU", day="2022-09-10"),
        ]
    )
    assert sides(result) == [("RU", "2022-04-01", "2022-09-09"), ("UA", "2022-09-10", None)]
    assert result[1].claims == ("left",)


@pytest.mark.parametrize(
    ("later_day", "expected_start"),
    [("2022-09-10", "2022-09-10"), ("2022-09-12", "2022-09-08")],
)
def test_a_lone_early_date_yields_to_an_agreed_one_close_after(
    later_day: str, expected_start: str
) -> None:
    result = periods(
        [
            claim("cap", side="RU", day="2022-04-01"),
            claim("slip", side="UA", day="2022-09-08"),
            claim("a", side="UA", day=later_day),
            claim("b", side="UA", day=later_day),
        ]
    )
    assert [(p.side, p.start) for p in result] == [("RU", "2022-04-01"), ("UA", expected_start)]
    assert "slip" in result[1].claims


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ([], "claimed"),
        ([claim("press", side="UA")], "corroborated"),
        ([claim("mod", kind="withdrawal", side="RU", claimant=RU_MOD)], "confirmed"),
        (
            [claim("geo", side="UA", text="footage geolocated by analysts shows the flag")],
            "confirmed",
        ),
        ([claim("rumour", side="UA", modality="unconfirmed")], "claimed"),
    ],
)
def test_tiers(extra: list[Claim], expected: str) -> None:
    own = claim("own", side="UA", claimant=KYIV)
    (period,) = periods([own, *extra])
    assert period.tier == expected


def test_the_press_alone_is_reported() -> None:
    (period,) = periods([claim("p", side="UA")])
    assert (period.tier, period.confidence) == ("reported", 0.75)


def test_one_claimant_through_several_channels_is_one_origin() -> None:
    channels = [
        claim(f"c{i}", side="UA", claimant=KYIV, channel=ch)
        for i, ch in enumerate(["Telegram", "Ukrinform", "Facebook"])
    ]
    (period,) = periods(channels)
    assert period.tier == "claimed"
    assert period.extra["origins"] == 1
    (alone,) = periods(channels[:1])
    assert period.confidence == alone.confidence


def test_more_independent_origins_raise_confidence() -> None:
    one = periods([claim("a", side="UA")])[0].confidence
    two = periods([claim("a", side="UA"), claim("b", side="UA")])[0].confidence
    assert 0.5 < one < two < 1


def test_credible_claims_for_both_sides_on_one_day_are_contested() -> None:
    result = periods(
        [
            claim("ua1", side="UA", day="2022-09-10"),
            claim("ru1", side="RU", day="2022-09-10"),
        ]
    )
    assert [p.side for p in result] == ["contested"]
    assert set(result[0].claims) == {"ua1", "ru1"}


def test_a_lone_partisan_denial_is_a_contradiction_not_a_contest() -> None:
    result = periods(
        [
            claim("ua1", side="UA", at="Balakliia", day="2022-09-08"),
            claim("ua2", side="UA", at="Balakliia", day="2022-09-08", claimant=KYIV),
            claim(
                "ganchev",
                side="RU",
                at="Balakliia",
                day="2022-09-08",
                claimant=("Vitaliy Ganchev", "RU"),
                channel="RIA Novosti",
            ),
        ]
    )
    assert sides(result) == [("UA", "2022-09-08", None)]
    assert result[0].contradicted_by == ("ganchev",)
    assert (
        result[0].confidence
        < periods([claim("ua1", side="UA"), claim("ua2", side="UA", claimant=KYIV)])[0].confidence
    )


def test_contradictory_claims_from_one_claimant_cancel_out() -> None:
    says_both = [
        claim("say-ua", side="UA", claimant=KYIV),
        claim("say-ru", side="RU", claimant=KYIV),
    ]
    assert periods(says_both) == []
    (period,) = periods([*says_both, claim("press", side="UA")])
    assert (period.side, period.tier, period.confidence) == ("UA", "reported", 0.75)


@pytest.mark.parametrize(
    "bad",
    [
        claim("nodate", side="UA", day=None),
        claim("years", side="UA", day="2014-01-01", end="2022-12-31"),
        claim("predicted", side="UA", modality="predicted"),
        claim("conditional", side="UA", modality="conditional"),
        claim("region", side="UA", at="Kharkiv Oblast", precision=3),
        claim("noside", side=None),
        claim("advance", kind="advance", side="UA"),
    ],
)
def test_claims_that_cannot_date_a_holding_start_no_period(bad: Claim) -> None:
    assert periods([bad]) == []


def test_an_undated_claim_supports_the_period_of_its_side_then_known() -> None:
    result = periods(
        [
            claim("cap", side="RU", day="2022-04-01"),
            claim("back", side="UA", day="2022-09-10"),
            claim("bastion", side="RU", day=None),
        ]
    )
    assert set(result[0].claims) == {"cap", "bastion"}
    assert result[1].contradicted_by == ()


def test_an_undated_statement_is_listed_against_the_period_it_was_made_in() -> None:
    claims = [
        claim("freed", side="UA", doc="d1", day="2022-09-08"),
        claim("ours", side="RU", doc="d1", day=None, claimant=("Vitaliy Ganchev", "RU")),
        claim("bastion", side="RU", doc="d1", day=None),
    ]
    (period,) = timeline(facts(claims, docs_for(claims, {"d1": "2022-09-09"})), lexicons())
    assert (period.side, period.contradicted_by) == ("UA", ("ours",))
    (alone,) = periods([claims[0]])
    assert period.confidence == alone.confidence


def test_presence_supports_but_never_starts_a_period() -> None:
    seen = claim("flags", kind="presence", side="UA", day="2022-09-12")
    assert periods([seen]) == []
    result = periods([claim("took", side="UA"), seen])
    assert set(result[0].claims) == {"took", "flags"}


def test_a_denial_lowers_confidence_and_is_listed() -> None:
    denial = claim("no", side="UA", polarity="negated", claimant=RU_MOD)
    (period,) = periods([claim("yes", side="UA"), denial])
    assert period.contradicted_by == ("no",)
    assert period.confidence < 0.75


def test_known_at_is_when_the_record_first_dated_the_change() -> None:
    claims = [claim("early", side="UA", doc="d1"), claim("late", side="UA", doc="d2")]
    docs = docs_for(claims, {"d1": "2022-09-10T18:00:00+00:00", "d2": "2022-09-12"})
    (period,) = timeline(facts(claims, docs), lexicons())
    assert period.known_at == "2022-09-10T18:00:00+00:00"


def test_known_at_falls_back_to_any_dated_support() -> None:
    claims = [
        claim("undated-doc", side="UA", doc="d1"),
        claim("later", side="UA", doc="d2", day="2022-09-11"),
    ]
    docs = docs_for(claims, {"d1": None, "d2": "2022-09-12"})
    (period,) = timeline(facts(claims, docs), lexicons())
    assert (period.start, period.known_at) == ("2022-09-10", "2022-09-12T00:00:00+00:00")


def test_replay_as_known_on_uses_only_what_was_published_by_then() -> None:
    claims = [
        claim("cap", side="RU", day="2022-04-01", doc="april"),
        claim("premature", side="UA", day="2022-09-09", doc="sep9"),
        claim(
            "denied",
            side="UA",
            day="2022-09-09",
            polarity="negated",
            doc="sep10",
            claimant=("UK Ministry of Defence", None),
        ),
        claim("real", side="UA", day="2022-09-12", doc="sep13"),
    ]
    docs = [
        document("april", "2022-04-02"),
        document("sep9", "2022-09-09"),
        document("sep10", "2022-09-10"),
        document("sep13", "2022-09-13"),
    ]
    all_facts = facts(claims, docs)

    def replay(moment: str) -> list[tuple[str, str | None, str | None]]:
        when = datetime.fromisoformat(moment).replace(tzinfo=UTC)
        return sides(timeline(known_by(all_facts, when), lexicons()))

    assert replay("2022-04-05") == [("RU", "2022-04-01", None)]
    assert replay("2022-09-09T12:00") == [
        ("RU", "2022-04-01", "2022-09-08"),
        ("UA", "2022-09-09", None),
    ]
    assert replay("2022-09-11") == [("RU", "2022-04-01", None)]
    assert replay("2022-09-14") == [("RU", "2022-04-01", "2022-09-11"), ("UA", "2022-09-12", None)]


def test_ten_thousand_copies_of_one_claim_are_one_origin() -> None:
    text = "Ukrainian forces retook the town of Izium on Saturday, officials said in a statement."
    docs = [document(f"copy{i}", "2022-09-11", text + f" Copy {i}.") for i in range(10_000)]
    claims = [claim(f"c{i}", side="UA", doc=f"copy{i}") for i in range(10_000)]
    (period,) = timeline(facts(claims, docs), lexicons())
    assert period.extra["origins"] == 1
    assert period.tier == "reported"
    assert len(period.claims) == 10_000


@pytest.mark.parametrize(
    ("body_claimant", "expected"),
    [(KYIV, "claimed"), (("officials", None), "reported")],
    ids=["named-claimant", "generic-claimant"],
)
def test_one_reports_headline_does_not_corroborate_its_body(
    body_claimant: tuple[str, str | None], expected: str
) -> None:
    text = "Ukraine retakes Izium\n\nUkrainian forces retook Izium on Saturday, a source said."
    report = document("r", "2022-09-11", text)
    claims = [
        claim("head", doc="r", text="Ukraine retakes Izium", start=0),
        claim("body", doc="r", start=text.index("Ukrainian"), claimant=body_claimant),
    ]
    (period,) = timeline(facts(claims, [report]), lexicons())
    assert (period.tier, period.extra["origins"]) == (expected, 1)
    assert period.claims == ("body", "head")
    # the same two claims from two reports are two origins
    apart = [claim("head", text="Ukraine retakes Izium"), claim("body", claimant=body_claimant)]
    (two,) = periods(apart)
    assert (two.tier, two.extra["origins"]) == ("corroborated", 2)
