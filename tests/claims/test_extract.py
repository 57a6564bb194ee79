"""The claims extractor end to end, on hand-written reports with hand-built place mentions.

Mentions come from ``_gazetteer_finder``: a real, small mention finder that finds the names
of a fixed table in the stored text, so these tests do not depend on the places stage.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from frontwatch.claims import EXTRACTOR, ClaimExtractor, Extraction, ExtractOptions
from frontwatch.claims.extract import UNSURE_PLACE_PRECISION, UNSURE_PLACE_WEIGHT
from frontwatch.model import Claim, Document, Mention, Place
from frontwatch.read.pipeline import Parsed

PLACES = {
    "Balakliia": Place(712926, "Balakliia", 49.456, 36.8443, "Kharkiv Oblast"),
    "Izium": Place(707292, "Izium", 49.207, 37.2768, "Kharkiv Oblast"),
    "Kupiansk": Place(703656, "Kupiansk", 49.71, 37.6158, "Kharkiv Oblast"),
    "Lyman": Place(704204, "Lyman", 48.9901, 37.8084, "Donetsk Oblast"),
    "Kherson": Place(706448, "Kherson", 46.6558, 32.6178, "Kherson Oblast"),
    "Kyiv": Place(703448, "Kyiv", 50.4547, 30.5238, "Kyiv City"),
    "Ukraine": Place(690791, "Ukraine", 48.56, 31.53, None, kind="country"),
}


def _gazetteer_finder(resolver: Any, parsed: Parsed) -> list[Mention]:
    text = parsed.document.text
    found = []
    for name, place in PLACES.items():
        for m in re.finditer(rf"\b{name}\b", text):
            found.append(Mention(parsed.document.id, m.start(), m.end(), name, place, 1))
    return found


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor(
        options=ExtractOptions(find_mentions=_gazetteer_finder, resolver=object())
    )


def _doc(
    text: str, doc_id: str = "t1", published: str | None = "2022-09-08", **kw: Any
) -> Document:
    return Document(id=doc_id, text=text, published=published, **kw)


def _claims(extractor: ClaimExtractor, text: str, **kw: Any) -> list[Claim]:
    return extractor.extract(_doc(text, **kw)).claims


def _found(extractor: ClaimExtractor, text: str, **kw: Any) -> set[tuple[str, str | None, str]]:
    """(kind, side, place name or "") of every claim of ``text``."""
    return {
        (c.kind, c.side, c.place.name if c.place else "") for c in _claims(extractor, text, **kw)
    }


def _one(claims: list[Claim], kind: str) -> Claim:
    matching = [c for c in claims if c.kind == kind]
    assert len(matching) == 1, [(c.kind, c.side, c.place and c.place.name) for c in claims]
    return matching[0]


@pytest.mark.parametrize(
    ("text", "kind", "side", "place"),
    [
        ("Ukrainian troops recaptured the town of Izium on Saturday.", "control", "UA", "Izium"),
        ("Russian forces seized Kupiansk after a week of fighting.", "control", "RU", "Kupiansk"),
        ("Lyman had fallen to the Russians in the spring.", "control", "RU", "Lyman"),
        ("Russian units withdrew from Balakliia overnight.", "withdrawal", "RU", "Balakliia"),
        (
            "Ukrainian brigades advanced toward Kupiansk along the railway.",
            "advance",
            "UA",
            "Kupiansk",
        ),
        ("Russian troops tried to surround Lyman from the north.", "encirclement", "RU", "Lyman"),
        ("Russian artillery shelled Kherson for the third night.", "attack", "RU", "Kherson"),
        # who evacuates is often no side (the UN, the Red Cross): the side stays null
        ("Officials began evacuating families from Kupiansk.", "evacuation", None, "Kupiansk"),
        ("Kupiansk serves as a logistics hub for Russian forces.", "supply", "RU", "Kupiansk"),
        ("A video showed Ukrainian soldiers on the outskirts of Lyman.", "presence", "UA", "Lyman"),
        ("Moscow deployed extra paratroopers to Izium.", "deployment", "RU", "Izium"),
    ],
)
def test_each_kind_from_a_plain_sentence(
    extractor: ClaimExtractor, text: str, kind: str, side: str | None, place: str | None
) -> None:
    claims = [c for c in _claims(extractor, text) if c.kind == kind]
    assert [(c.side, c.place.name if c.place else None) for c in claims] == [(side, place)]


def test_territory_takes_the_area_as_quantity(extractor: ClaimExtractor) -> None:
    claim = _one(
        _claims(extractor, "Ukraine said its army had retaken 400 square kilometres."), "territory"
    )
    assert (claim.side, claim.place, claim.quantity and claim.quantity.to_json()) == (
        "UA",
        None,
        {"value": 400, "unit": "km2"},
    )


def test_loss_with_a_count_and_no_place(extractor: ClaimExtractor) -> None:
    claim = _one(
        _claims(extractor, "Russian forces lost 40 tanks on Tuesday, analysts said."), "loss"
    )
    assert claim.side == "RU" and claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.unit) == (40, "items")


def test_advance_depth_is_the_quantity(extractor: ClaimExtractor) -> None:
    claim = _one(
        _claims(extractor, "Ukrainian forces advanced 30 kilometres toward Kupiansk."), "advance"
    )
    assert claim.quantity is not None and (claim.quantity.value, claim.quantity.unit) == (30, "km")


def test_reference_point_is_not_the_place(extractor: ClaimExtractor) -> None:
    claims = _claims(extractor, "Ukrainian troops entered a village 20 kilometres from Izium.")
    assert all(c.place is None or c.place.name != "Izium" for c in claims)


def test_a_country_is_never_the_place(extractor: ClaimExtractor) -> None:
    claims = _claims(extractor, "Russian forces attacked Ukraine again.")
    assert claims == []


def test_evidence_offsets_index_the_stored_text(extractor: ClaimExtractor) -> None:
    text = "Intro line.\n\nRussian   forces\nwithdrew from   Izium on “Friday”.\n"
    claim = _one(_claims(extractor, text), "withdrawal")
    assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    assert "withdrew" in claim.evidence.text


def test_provenance_confidence_and_stable_id(extractor: ClaimExtractor) -> None:
    text = "Russian units withdrew from Balakliia overnight."
    first = _one(_claims(extractor, text), "withdrawal")
    again = _one(_claims(extractor, text), "withdrawal")
    assert first.extractor == EXTRACTOR == "frontwatch.claims@1"
    assert 0.0 < first.confidence <= 1.0
    assert first.id == again.id and first.id
    other = _one(_claims(extractor, text, doc_id="t2"), "withdrawal")
    assert other.id != first.id


def test_event_time_and_claim_time_are_kept_apart(extractor: ClaimExtractor) -> None:
    claim = _one(_claims(extractor, "Russian forces withdrew from Izium on Tuesday."), "withdrawal")
    assert claim.event_time is not None and claim.event_time.start == "2022-09-06"
    assert claim.claim_time == "2022-09-08"


def test_undated_report_gives_no_guessed_date(extractor: ClaimExtractor) -> None:
    claim = _one(
        _claims(extractor, "Russian forces withdrew from Izium on Tuesday.", published=None),
        "withdrawal",
    )
    assert claim.claim_time is None
    assert claim.event_time is None or claim.event_time.start is None


def test_extract_many_keeps_order_and_ids(extractor: ClaimExtractor) -> None:
    docs = [
        _doc("Russian units withdrew from Izium.", "a"),
        _doc("Котката седи на прозореца и гледа улицата през целия ден.", "b"),
        _doc("Ukrainian troops recaptured Lyman.", "c"),
    ]
    results = extractor.extract_many(docs)
    assert [r.document_id for r in results] == ["a", "b", "c"]
    assert [bool(r.skipped) for r in results] == [False, True, False]


def test_the_stage_order_is_the_pipeline(extractor: ClaimExtractor) -> None:
    stages = extractor.stages
    assert stages[0] == "frontwatch_paragraphs"
    assert stages[-3:] == ["frontwatch_names", "frontwatch_places", "frontwatch_claims"]
    assert stages.index("parser") < stages.index("frontwatch_names")


def test_two_processes_read_what_one_does(extractor: ClaimExtractor) -> None:
    docs = [
        _doc("Russian units withdrew from Izium on Friday, the General Staff said.", "a"),
        _doc("Котката седи на прозореца и гледа улицата през целия ден.", "b"),
        _doc("Ukrainian troops recaptured Lyman.\n\nKupiansk was shelled overnight.", "c"),
        _doc("Ukrainian forces say they have retaken Kupiansk.", "d"),
    ]
    one = extractor.extract_many(docs)
    two = extractor.extract_many(docs, n_process=2)
    assert two == one
    assert sum(len(r.claims) for r in one) >= 3


BAD_INPUTS = {
    "empty": "",
    "blank": "   \n\n  ",
    # Ukrainian and Russian are read (frontwatch.claims.cyrillic); Bulgarian is not
    "non_english": "Руските войски се оттеглиха от града след седмица боеве край реката.",
    "all_quotes": '"We will hold." "They are coming." "Nobody knows anything."',
    "endless": "and the column moved on " * 800,
    "table": "Place | Side | Date\nIzium | UA | 10.09\nLyman | RU | 01.10\n" * 20,
    "no_places": "Ukrainian forces advanced and Russian troops withdrew, the ministry said.",
    "symbols": "#### ---- !!!! ???? 1234 5678 ////",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_never_crashes_and_invents_nothing(extractor: ClaimExtractor, name: str) -> None:
    result = extractor.extract(_doc(BAD_INPUTS[name]))
    assert isinstance(result, Extraction)
    for claim in result.claims:  # whatever is claimed carries its own evidence
        assert claim.place is not None or claim.kind in ("loss", "territory")
        assert claim.evidence.text in BAD_INPUTS[name]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty", "empty"),
        ("blank", "empty"),
        ("non_english", "not English"),
        ("no_places", "no places"),
    ],
)
def test_skipped_documents_say_why(extractor: ClaimExtractor, name: str, reason: str) -> None:
    result = extractor.extract(_doc(BAD_INPUTS[name]))
    assert result.claims == []
    assert reason in result.skipped


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("VSU otoshli ot Kupyanska", "Russian"),
        ("Vooruzhennye sily zanyali gorod posle tyazhelykh boev v rayone vokzala", "Russian"),
        ("Okupanty vidijshly z Khersonu pislya boyiv", "Ukrainian"),
    ],
)
def test_transliterated_russian_or_ukrainian_is_skipped_as_such(
    extractor: ClaimExtractor, text: str, language: str
) -> None:
    result = extractor.extract(_doc(text))
    assert result.claims == []
    assert result.skipped.startswith(f"Latin-script {language} (transliterated)")
    assert result.skipped.endswith("transliterated text is not read")
    assert "not English" not in result.skipped


def test_table_claims_nothing_about_its_cells(extractor: ClaimExtractor) -> None:
    assert extractor.extract(_doc(BAD_INPUTS["table"])).claims == []


def test_hyphenated_trigger_is_one_word(extractor: ClaimExtractor) -> None:
    claim = _one(_claims(extractor, "Ukraine launched a counter-offensive near Kherson."), "attack")
    assert (claim.side, claim.place and claim.place.name) == ("UA", "Kherson")


def test_a_paragraph_break_ends_a_sentence(extractor: ClaimExtractor) -> None:
    text = 'The spokesman said "supplies are short"\n\nRussian units withdrew from Lyman.'
    claim = _one(_claims(extractor, text), "withdrawal")
    assert claim.evidence.text == "Russian units withdrew from Lyman."


def test_the_town_stands_for_the_last_place_claimed(extractor: ClaimExtractor) -> None:
    text = (
        "Ukrainian troops recaptured Izium on Friday. Russian troops had held the town since April."
    )
    held = [c for c in _claims(extractor, text) if c.side == "RU" and c.kind == "control"]
    assert [c.place.name if c.place else None for c in held] == ["Izium"]


def test_a_descriptor_is_not_a_claim(extractor: ClaimExtractor) -> None:
    text = "Officials of the occupied areas near Lyman met on Monday."
    assert [c for c in _claims(extractor, text) if c.kind == "control"] == []


def test_over_long_text_is_refused_with_a_reason(extractor: ClaimExtractor) -> None:
    result = extractor.extract(_doc("Russian units withdrew from Izium. " * 30_000))
    assert result.claims == [] and "over the limit" in result.skipped


def test_a_restatement_takes_the_date_given_before(extractor: ClaimExtractor) -> None:
    text = (
        "Ukrainian troops recaptured Izium on Tuesday. The recapture of Izium by Ukraine was swift."
    )
    dates = [
        c.event_time.start if c.event_time else None
        for c in _claims(extractor, text)
        if c.kind == "control" and c.side == "UA"
    ]
    assert dates == ["2022-09-06", "2022-09-06"]


@pytest.mark.parametrize(
    ("text", "kind", "side", "place"),
    [
        (
            "Ukraine retook Kupiansk on Saturday. That supply route of the Russian army was cut.",
            "supply",
            "RU",
            "Kupiansk",
        ),
        (
            "Russian forces shelled Izium on Monday. Russian troops resumed that offensive.",
            "attack",
            "RU",
            "Izium",
        ),
    ],
)
def test_a_demonstrative_trigger_takes_the_place_named_before(
    extractor: ClaimExtractor, text: str, kind: str, side: str, place: str
) -> None:
    second = text.index(". ") + 2
    later = [c for c in _claims(extractor, text) if c.kind == kind and c.evidence.start >= second]
    assert [(c.side, c.place and c.place.name) for c in later] == [(side, place)]


def test_without_a_place_before_a_demonstrative_trigger_gives_none(
    extractor: ClaimExtractor,
) -> None:
    text = "That supply route of the Russian army was cut."
    assert [c for c in _claims(extractor, text) if c.kind == "supply"] == []


def test_a_stretch_of_occupation_ends_where_its_clause_happened(extractor: ClaimExtractor) -> None:
    claims = _claims(
        extractor,
        "Kyiv said on Tuesday its troops had recaptured Kupiansk, "
        "ending the town's five months of Russian occupation.",
        published="2022-09-15",
    )
    held = [c for c in claims if c.kind == "control" and c.side == "RU"]
    assert len(held) == 1, [(c.kind, c.side) for c in claims]
    assert held[0].place is not None and held[0].place.name == "Kupiansk"
    assert held[0].event_time is not None
    assert (held[0].event_time.start, held[0].event_time.end) == ("2022-04-13", "2022-09-13")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops hold Kupiansk, the governor said.", "2022-09-15"),
        ("Russian troops have held Kupiansk for weeks, the governor said.", None),
    ],
)
def test_a_state_in_the_present_tense_holds_on_the_day_of_publication(
    extractor: ClaimExtractor, text: str, expected: str | None
) -> None:
    (claim,) = [c for c in _claims(extractor, text, published="2022-09-15") if c.kind == "control"]
    assert (claim.event_time.start if claim.event_time else None) == expected


def test_a_taking_after_a_stretch_of_occupation_is_dated_by_its_day(
    extractor: ClaimExtractor,
) -> None:
    claims = _claims(
        extractor,
        "Ukraine said on Thursday evening that its troops had retaken Kupiansk "
        "after six months of Russian occupation.",
        published="2022-09-09",
    )
    taken = [c for c in claims if c.kind == "control" and c.side == "UA"]
    assert len(taken) == 1, [(c.kind, c.side) for c in claims]
    assert taken[0].event_time is not None
    assert (taken[0].event_time.start, taken[0].event_time.end) == ("2022-09-08", "2022-09-08")


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Shelling continued near Izium overnight.", None),
        ("Izium was shelled overnight, and Russian drones were seen.", "RU"),
        ("Kupiansk, the key rail hub, was shelled overnight.", None),
        ("Russian forces shelled Izium overnight.", "RU"),
        # who says it names no side that fights
        ("Izium was shelled overnight, the Ukrainian military said.", None),
        ("Russian artillery pounded Izium for the third day.", "RU"),
    ],
)
def test_fire_with_no_side_in_its_clause_takes_the_sentences_one_side_or_none(
    town_extractor: ClaimExtractor, text: str, side: str | None
) -> None:
    attacks = [c for c in _claims(town_extractor, text) if c.kind == "attack"]
    assert [c.side for c in attacks] == [side]


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian troops launched an offensive near Izium.",
        "An offensive near Izium was launched on Monday.",
    ],
)
def test_an_operation_with_no_side_named_gives_no_claim_without_its_side(
    town_extractor: ClaimExtractor, text: str
) -> None:
    attacks = [c for c in _claims(town_extractor, text) if c.kind == "attack"]
    assert all(c.side is not None for c in attacks)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Ukrainian troops retook the village of Lyman, east of Izium, on Tuesday.", ["Lyman"]),
        ("Ukrainian forces advanced east of Kupiansk.", ["Kupiansk"]),
        # a relative clause that lists the places a plural place word stands for
        (
            "Russian forces have taken 25 localities, the largest of which are Lyman and Izium.",
            ["Izium", "Lyman"],
        ),
        # villages around a town, then named: the named ones
        ("Ukrainian forces retook several villages around Izium, including Lyman.", ["Lyman"]),
        ("Ukrainian forces retook several villages around Izium.", ["Izium"]),
    ],
)
def test_a_place_named_to_locate_another_is_no_claim_of_its_own(
    town_extractor: ClaimExtractor, text: str, places: list[str]
) -> None:
    claims = _claims(town_extractor, text)
    assert sorted({c.place.name for c in claims if c.place}) == places


@pytest.mark.parametrize(
    "text",
    [
        "IZIUM, March 3, 2024 (Borderland Post) - Russian forces shelled Lyman overnight.",
        "IZIUM, Ukraine (AP) — Russian forces shelled Lyman overnight, officials said.",
        "Shelling goes on\n\nIZIUM, 3 March 2024 — Russian forces shelled Lyman overnight.",
    ],
)
def test_a_datelines_place_is_never_the_place_of_a_claim(
    town_extractor: ClaimExtractor, text: str
) -> None:
    claims = _claims(town_extractor, text)
    assert {c.place.name for c in claims if c.place} == {"Lyman"}


@pytest.mark.parametrize(
    ("text", "kind", "side", "place"),
    [
        # a relative pronoun stands for its antecedent
        (
            "The town of Izium, which Russian forces captured in April, lies empty.",
            "control",
            "RU",
            "Izium",
        ),
        ("Balakliia, which Ukrainian troops retook, is quiet.", "control", "UA", "Balakliia"),
        # a force no side names is the speaker's own
        (
            "Units of the southern group liberated Lyman on Friday, Russia's ministry said.",
            "control",
            "RU",
            "Lyman",
        ),
        # "the liberation of X" without an agent: the speaker's side
        (
            "The operation ended with the liberation of Kupiansk, Ukraine's defence minister said.",
            "control",
            "UA",
            "Kupiansk",
        ),
        # a passive's "by" agent is the side, and a sentence may open with the place
        ("Izium was captured by Russian forces.", "control", "RU", "Izium"),
        ("Kherson was liberated by Ukrainian forces.", "control", "UA", "Kherson"),
        ("The town of Lyman is now controlled by Russian forces.", "control", "RU", "Lyman"),
        # a stationing verb with the force as its subject or object places it
        ("Russian troops are concentrating near Lyman.", "presence", "RU", "Lyman"),
        ("Russia has massed troops near Kupiansk.", "presence", "RU", "Kupiansk"),
        ("Russian forces are accumulating reserves near Lyman.", "presence", "RU", "Lyman"),
        (
            "Ukrainian forces conducted counteroffensive operations near Lyman.",
            "attack",
            "UA",
            "Lyman",
        ),
        # the side driven out loses the place: the other side holds it
        ("Ukrainian troops drove Russian forces out of Izium.", "control", "UA", "Izium"),
        (
            "Ukrainian forces were pushed out of Lyman, the Russian side said.",
            "control",
            "RU",
            "Lyman",
        ),
        ("Ukraine's army expelled Russian troops from Kupiansk.", "control", "UA", "Kupiansk"),
        # a place or a position left is a withdrawal
        ("Russian troops left Kherson on Friday.", "withdrawal", "RU", "Kherson"),
        ("Russian forces left their positions near Lyman.", "withdrawal", "RU", "Lyman"),
        # hands a place is in, or falls into
        ("Izium fell into Russian hands in April.", "control", "RU", "Izium"),
        ("The town of Lyman is in Ukrainian hands.", "control", "UA", "Lyman"),
        # who announces a taking took it; who denies it denies the other side did
        ("Russia claimed the capture of Lyman.", "control", "RU", "Lyman"),
        ("Ukraine denied the capture of Lyman.", "control", "RU", "Lyman"),
        ("Ukraine announced the start of the Kherson counteroffensive.", "attack", "UA", "Kherson"),
        # a town cleared of the enemy is held by who cleared it; not debris cleared in a town
        ("Ukrainian troops cleared the town of Izium of Russian forces.", "control", "UA", "Izium"),
        ("Russian occupiers departed Kherson on Friday.", "withdrawal", "RU", "Kherson"),
        (
            "Ukraine presses on near Lyman, the Ukrainian General Staff says.",
            "advance",
            "UA",
            "Lyman",
        ),
        # a foothold established carries its subject's side
        ("Russian forces secured a bridgehead near Lyman.", "advance", "RU", "Lyman"),
        # who fights a defensive action at a place holds it
        (
            "Our defensive operations near Lyman continue, the Ukrainian General Staff said.",
            "control",
            "UA",
            "Lyman",
        ),
        # the side surrounded with no one named surrounding it: its opponent encircles
        ("Russian troops in Lyman were encircled.", "encirclement", "UA", "Lyman"),
        ("Russian units near Kupiansk risk being cut off.", "encirclement", "UA", "Kupiansk"),
        ("Ukraine has closed the pocket around Lyman.", "encirclement", "UA", "Lyman"),
        # attacks repelled with no side named are the other side's
        ("Ukraine says it repelled attacks near Lyman.", "attack", "RU", "Lyman"),
        # a force pulled out of a place withdraws from it
        ("Russia pulled its troops out of Kherson.", "withdrawal", "RU", "Kherson"),
        # taken with no one named taking it: the side of the official who says so
        ("Izium was captured on Friday, Russia's defence ministry said.", "control", "RU", "Izium"),
        # a supply line cut by one side is the other side's
        ("Russian forces cut the main supply road into Lyman.", "supply", "UA", "Lyman"),
        ("The supply road to Kherson was cut by Ukrainian shelling.", "supply", "RU", "Kherson"),
        # an amount "of" equipment is what was lost
        ("Russia lost dozens of tanks near Lyman.", "loss", "RU", "Lyman"),
        ("Ukrainian forces destroyed a Russian command post in Lyman.", "loss", "RU", "Lyman"),
        # losses inflicted are suffered by whom they are inflicted on
        (
            "Russian forces inflicted heavy losses on Ukrainian units near Lyman.",
            "loss",
            "UA",
            "Lyman",
        ),
        # those hit in an attack, no one named attacking, were hit by their opponent
        ("Two Ukrainian soldiers were wounded in shelling near Lyman.", "attack", "RU", "Lyman"),
        (
            "Ninety Russian soldiers were killed in a missile strike in Izium.",
            "attack",
            "UA",
            "Izium",
        ),
        # what was struck, no one named striking it, was struck by its opponent
        ("Ukrainian positions near Lyman were shelled overnight.", "attack", "RU", "Lyman"),
        # what a side destroys, no side named, is its opponent's
        ("Russian troops destroyed 20 tanks near Lyman.", "loss", "UA", "Lyman"),
        # coordinated verbs share the object the last one takes
        (
            "Russian troops encircled and destroyed the groups near Lyman.",
            "encirclement",
            "RU",
            "Lyman",
        ),
    ],
)
def test_sides_and_places_from_structure(
    extractor: ClaimExtractor, text: str, kind: str, side: str, place: str
) -> None:
    claims = [c for c in _claims(extractor, text) if c.kind == kind]
    assert [(c.side, c.place.name if c.place else None) for c in claims] == [(side, place)]


@pytest.mark.parametrize(
    "text",
    [
        "The town of Izium, which the river crosses, lies empty.",  # no trigger in the clause
        "Units liberated Lyman.",  # no speaker, no side
        "Lyman was captured on Friday.",  # no one named taking it, no speaker
        "Ukrainian workers cleared debris in Lyman.",  # what is cleared is no place
        # what a blast leaves is no place left
        "The strike left two dead in Lyman, Russian officials said.",
        # a purpose is no happening
        "Russian forces launched an assault to dislodge the defenders of Kherson.",
    ],
)
def test_no_side_no_claim(extractor: ClaimExtractor, text: str) -> None:
    assert [c for c in _claims(extractor, text) if c.kind in ("control", "withdrawal")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Floods hit the Kherson region after the dam burst, officials said.",
        "A storm battered Lyman overnight.",
    ],
)
def test_what_nature_hits_is_no_attack(extractor: ClaimExtractor, text: str) -> None:
    assert [c for c in _claims(extractor, text, published="2023-06-08") if c.kind == "attack"] == []


def test_transcript_turns_name_the_claimant(extractor: ClaimExtractor) -> None:
    text = (
        "Defence Minister Ivan Petrenko of Ukraine: Good morning.\n"
        "Our troops retook Izium yesterday.\n"
        "Reporter Anna Koval: And Lyman?\n"
        "Defence Minister Ivan Petrenko of Ukraine: Yes.\nRussian forces withdrew from Lyman."
    )
    claims = _claims(extractor, text)
    assert [(c.kind, c.side, c.claimant and c.claimant.name) for c in claims] == [
        ("control", "UA", "Ivan Petrenko"),
        ("withdrawal", "RU", "Ivan Petrenko"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what was tried happened as an attack
        ("Russian forces tried to storm Izium on Saturday.", [("attack", "RU", "affirmed")]),
        ("Russian troops attempted to take Kupiansk.", [("attack", "RU", "affirmed")]),
        # an attempt beaten back did not happen
        (
            "Ukrainian units repelled Russian attempts to capture Lyman.",
            [("control", "RU", "negated")],
        ),
        (
            "They repelled attempts by Ukrainian forces to push toward Kherson.",
            [("advance", "UA", "negated")],
        ),
        # a plan is no attempt: nothing happened yet
        ("Russian troops plan to capture Kupiansk.", []),
        # "came under" carries the attack to its subject; a blaze is no attack
        ("Izium came under Russian attack overnight.", [("attack", "RU", "affirmed")]),
        ("Russian troops fired rockets at Kherson.", [("attack", "RU", "affirmed")]),
        ("A fire broke out in Kherson.", []),
    ],
)
def test_attempts_and_fire(
    extractor: ClaimExtractor, text: str, expected: list[tuple[str, str, str]]
) -> None:
    claims = _claims(extractor, text)
    assert [(c.kind, c.side, c.polarity) for c in claims] == expected


@pytest.mark.parametrize(
    ("text", "kind", "places"),
    [
        # where it left, not where it went
        (
            "Russian units withdrew from Kherson to the outskirts of Izium.",
            "withdrawal",
            ["Kherson"],
        ),
        ("Russian units withdrew toward Izium.", "withdrawal", ["Izium"]),
        # offensive operations are an attack at each place named
        (
            "Russian forces continued offensive operations near Lyman and Izium.",
            "attack",
            ["Lyman", "Izium"],
        ),
    ],
)
def test_places_of_a_clause(
    extractor: ClaimExtractor, text: str, kind: str, places: list[str]
) -> None:
    claims = [c for c in _claims(extractor, text) if c.kind == kind]
    assert [c.place.name for c in claims if c.place] == places


def test_a_region_named_with_a_settlement_in_it_is_not_a_claim_of_its_own() -> None:
    region = Place(None, "Kharkiv Oblast", 49.98, 36.25, "Kharkiv Oblast", kind="region")
    table = {**PLACES, "Kharkiv Oblast": region}

    def finder(resolver: Any, parsed: Parsed) -> list[Mention]:
        text = parsed.document.text
        return [
            Mention(
                parsed.document.id, m.start(), m.end(), name, place, 3 if place is region else 1
            )
            for name, place in table.items()
            for m in re.finditer(rf"\b{name}\b", text)
        ]

    own = ClaimExtractor(options=ExtractOptions(find_mentions=finder, resolver=object()))
    claims = own.extract(_doc("Ukrainian troops liberated Izium in Kharkiv Oblast.")).claims
    assert [c.place.name for c in claims if c.place] == ["Izium"]
    claims = own.extract(
        _doc("Ukrainian troops liberated Lyman and most of Kharkiv Oblast.")
    ).claims
    assert sorted(c.place.name for c in claims if c.place) == ["Kharkiv Oblast", "Lyman"]


@pytest.mark.parametrize(
    ("text", "side", "place"),
    [
        ("Kupiansk is a railway junction supplying Russian forces in the east.", "RU", "Kupiansk"),
        ("Russian forces were supplied through Izium.", "RU", "Izium"),
    ],
)
def test_supplying_takes_the_side_supplied(
    extractor: ClaimExtractor, text: str, side: str, place: str
) -> None:
    claim = _one(_claims(extractor, text), "supply")
    assert (claim.side, claim.place and claim.place.name, claim.event_time) == (side, place, None)


_RUN_ON = "Russian forces shelled Izium and "


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (_RUN_ON * 3_000, "longer than 1500"),  # one run-on sentence of 100,000 characters
        (((_RUN_ON * 40)[:1_400] + ". ") * 40, "past the first"),  # 56,000 characters
    ],
)
def test_hostile_reports_are_bounded_and_say_so(
    extractor: ClaimExtractor, text: str, why: str
) -> None:
    result = extractor.extract(_doc(text))
    assert why in (result.skipped or result.note)


def test_a_place_lost_and_retaken_in_one_sentence(extractor: ClaimExtractor) -> None:
    text = "Izium had fallen to the Russians in April, and has been recaptured since."
    claims = [(c.kind, c.side) for c in _claims(extractor, text)]
    assert claims == [("control", "RU"), ("control", "UA")]


def test_used_as_a_base_carries_the_place_and_side(extractor: ClaimExtractor) -> None:
    claim = _one(_claims(extractor, "Russia used Izium as a logistics base."), "supply")
    assert (claim.side, claim.place and claim.place.name) == ("RU", "Izium")


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Russian forces are shelling Kherson.", True),  # progressive present
        ("Russian forces continue to shell Kherson.", True),  # present through its head
        ("Russian forces shelled Kherson.", False),  # past, no time of its own
    ],
)
def test_a_present_state_holds_on_the_day_of_the_report(
    extractor: ClaimExtractor, text: str, dated: bool
) -> None:
    claim = _one(_claims(extractor, text, published="2022-09-08"), "attack")
    assert (claim.event_time.start if claim.event_time else None) == (
        "2022-09-08" if dated else None
    )


def test_resistance_put_up_in_a_place_is_its_defenders_control(extractor: ClaimExtractor) -> None:
    text = "Ukrainian troops are putting up stiff resistance in and around Lyman."
    claim = _one(_claims(extractor, text), "control")
    assert (claim.side, claim.place and claim.place.name) == ("UA", "Lyman")


def test_a_claim_on_an_unsure_place_weighs_little() -> None:
    def finder(resolver: Any, parsed: Parsed) -> list[Mention]:
        found = _gazetteer_finder(resolver, parsed)
        return [replace(m, unsure=m.text == "Izium") for m in found]

    own = ClaimExtractor(
        options=ExtractOptions(find_mentions=finder, resolver=object(), thresholds=False)
    )
    claims = own.extract(_doc("Ukrainian troops recaptured Izium and Lyman.")).claims
    weight = {c.place.name: c.confidence for c in claims if c.place}
    assert weight["Izium"] == pytest.approx(weight["Lyman"] * UNSURE_PLACE_WEIGHT, abs=0.01)
    precision = {c.place.name: c.place.precision for c in claims if c.place}
    assert precision == {"Izium": UNSURE_PLACE_PRECISION, "Lyman": 1}


@pytest.mark.parametrize(
    ("text", "kind", "side"),
    [
        # "enemy" said from the side of the subject when no speaker is named
        ("Ukrainian defenders repelled 40 enemy attacks near Lyman.", "attack", "RU"),
        ("Russian forces struck enemy positions near Kupiansk.", "attack", "RU"),
        # crossing a river or a border is an advance
        ("Ukrainian troops crossed the river near Kherson.", "advance", "UA"),
    ],
)
def test_sides_seen_from_the_subject_and_crossings(
    extractor: ClaimExtractor, text: str, kind: str, side: str
) -> None:
    claim = _one(_claims(extractor, text), kind)
    assert claim.side == side


@pytest.fixture(scope="module")
def gazetteer_extractor() -> ClaimExtractor:
    """The extractor over the shipped place index (names are marked as places by it)."""
    return ClaimExtractor()


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces liberated Krasnohorivka, the Russian Defence Ministry said.",
        "Units of the Southern group of forces liberated Krasnohorivka, "
        "the Russian Defence Ministry said.",
    ],
)
def test_a_place_the_parser_made_the_speakers_subject(
    gazetteer_extractor: ClaimExtractor, text: str
) -> None:
    claim = _one(gazetteer_extractor.extract(_doc(text)).claims, "control")
    assert (
        claim.side,
        claim.place and claim.place.name,
        claim.claimant and claim.claimant.name,
    ) == (
        "RU",
        "Krasnohorivka",
        "Russian Defence Ministry",
    )


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("A strike on a headquarters used by Russian forces in Lyman killed dozens.", None),
        ("Kherson came under fire from Russian artillery.", "RU"),
    ],
)
def test_the_target_of_fire_does_not_give_it_a_side(
    extractor: ClaimExtractor, text: str, side: str | None
) -> None:
    claim = _one(_claims(extractor, text), "attack")
    assert claim.side == side


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian troops have taken control of up to 1,000 square kilometers of land.",
        "Ukrainian troops have taken 1,000 square kilometers.",
    ],
)
def test_an_area_taken_is_territory(extractor: ClaimExtractor, text: str) -> None:
    claim = _one(_claims(extractor, text), "territory")
    assert (claim.side, claim.quantity and claim.quantity.value) == ("UA", 1000)


@pytest.mark.parametrize(
    "text",
    ["Kyiv came under attack overnight.", "Kyiv was shelled overnight, officials said."],
)
def test_a_capital_struck_is_the_place_not_a_side_that_strikes(
    extractor: ClaimExtractor, text: str
) -> None:
    attacks = [c for c in _claims(extractor, text) if c.kind == "attack"]
    assert [(c.side, c.place.name if c.place else None) for c in attacks] == [(None, "Kyiv")]


def test_a_quoted_speaker_of_no_known_side_speaks_for_the_last_side(
    extractor: ClaimExtractor,
) -> None:
    text = (
        "Ukrainian forces have recaptured Izium, a senior Ukrainian commander said. "
        '"Our units entered Lyman this morning," Colonel Ivan Petrenko told reporters.'
    )
    advances = [c for c in _claims(extractor, text) if c.kind == "advance"]
    assert [(c.side, c.place.name if c.place else None) for c in advances] == [("UA", "Lyman")]


def test_a_quote_that_goes_on_keeps_its_place(extractor: ClaimExtractor) -> None:
    text = (
        "Ukrainian forces have recaptured Izium, a senior Ukrainian commander said. "
        '"Our units entered Lyman this morning. The enemy fled, leaving behind two tanks," '
        "Colonel Ivan Petrenko told reporters."
    )
    claims = {(c.kind, c.side, c.place.name if c.place else None) for c in _claims(extractor, text)}
    assert {("withdrawal", "RU", "Lyman"), ("loss", "RU", "Lyman")} <= claims


def test_names_listed_before_regions_are_the_oblasts(extractor: ClaimExtractor) -> None:
    claims = _claims(extractor, "Russian shelling hit the Kherson and Zaporizhzhia regions.")
    assert [(c.place.name, c.place.precision) for c in claims if c.place] == [("Kherson Oblast", 3)]


def test_an_evacuation_ordered_is_an_evacuation(extractor: ClaimExtractor) -> None:
    claims = _claims(extractor, "Authorities ordered the evacuation of Kupiansk.")
    assert [(c.kind, c.place.name if c.place else None) for c in claims] == [
        ("evacuation", "Kupiansk")
    ]


def test_a_headline_in_title_case_gives_its_claims(extractor: ClaimExtractor) -> None:
    text = "Ukrainian Forces Enter Kherson as Russian Troops Withdraw\n\nThe report went on."
    claims = {(c.kind, c.side, c.place.name if c.place else None) for c in _claims(extractor, text)}
    assert claims == {("advance", "UA", "Kherson"), ("withdrawal", "RU", "Kherson")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lyman has fallen, Ukrainian officials said.", {("RU", "affirmed")}),
        ("Ukrainian officials denied that Lyman had fallen.", {("RU", "negated")}),
        ("Russian officials said on Friday that Lyman had fallen.", {("UA", "affirmed")}),
        ("The number of attacks near Lyman fell sharply, a Ukrainian spokesman said.", set()),
    ],
)
def test_a_place_that_fell_with_no_taker_named_was_lost_by_the_speakers_side(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str]]
) -> None:
    controls = [c for c in _claims(extractor, text) if c.kind == "control"]
    assert {(c.side, c.polarity) for c in controls} == expected


def test_a_capitals_name_before_region_is_the_oblast_not_the_government(
    extractor: ClaimExtractor,
) -> None:
    claims = _claims(extractor, "Russian drones attacked the Kyiv and Kherson regions overnight.")
    assert {(c.side, c.place.name if c.place else None) for c in claims} == {
        ("RU", "Kyiv Oblast"),
        ("RU", "Kherson Oblast"),
    }
    shot = _claims(extractor, "Air defence shot down 24 drones over the Kyiv and Kherson regions.")
    assert all(c.side != "UA" for c in shot if c.kind == "loss")


def test_an_operation_still_expected_is_predicted(extractor: ClaimExtractor) -> None:
    claims = _claims(
        extractor,
        "Officials evacuated civilians from Kherson ahead of an expected Russian offensive.",
    )
    attacks = [c for c in claims if c.kind == "attack"]
    assert all(c.modality == "predicted" for c in attacks)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russian forces have advanced up to 3 kilometres west of Izium.", "Izium"),
        ("Ukrainian forces have made gains of up to 2 km near Lyman.", "Lyman"),
        ("Ukrainian troops entered a village 20 kilometres from Izium.", None),
    ],
)
def test_a_distance_that_measures_a_movement_keeps_its_landmark(
    extractor: ClaimExtractor, text: str, place: str | None
) -> None:
    advances = [c for c in _claims(extractor, text) if c.kind == "advance"]
    assert [c.place.name if c.place else None for c in advances if c.place] == (
        [place] if place else []
    )


def test_a_list_of_equipment_lost_is_one_loss_with_no_total(extractor: ClaimExtractor) -> None:
    text = "Near Kupiansk, the enemy lost up to 215 troops, four armoured vehicles and two trucks."
    claims = _claims(extractor, text, outlet="General Staff of Ukraine")
    losses = {(c.side, c.quantity.value if c.quantity else 0.0) for c in claims if c.kind == "loss"}
    assert losses == {("RU", 215.0), ("RU", 0.0)}


def test_a_speaker_hung_on_a_list_gives_its_figures_no_side(extractor: ClaimExtractor) -> None:
    text = (
        "Over the past day, the enemy lost 1,130 personnel, 14 tanks and 20 artillery systems, "
        "the General Staff of the Armed Forces of Ukraine said."
    )
    losses = [c for c in _claims(extractor, text) if c.kind == "loss"]
    assert {(c.side, c.claimant.name if c.claimant else None) for c in losses} == {
        ("RU", "General Staff of the Armed Forces of Ukraine")
    }


@pytest.mark.parametrize("town", ["Pokrovsk", "Toretsk"])
def test_a_place_after_an_opening_preposition_is_found(resolver: object, town: str) -> None:
    # the model takes "Near Pokrovsk" for a person in the claims pipeline
    extraction = ClaimExtractor().extract(
        _doc(f"Near {town}, Russian forces lost 12 tanks on Tuesday.")
    )
    assert [m.place.name for m in extraction.mentions if m.place] == [town]
    assert [(c.kind, c.side, c.place.name if c.place else None) for c in extraction.claims] == [
        ("loss", "RU", town)
    ]


def test_the_country_of_a_dateline_is_no_side(extractor: ClaimExtractor) -> None:
    text = "KYIV, Ukraine (AP) — Russian forces pounded the town of Izium with guided bombs."
    claims = _claims(extractor, text)
    assert {(c.kind, c.side, c.place.name if c.place else None) for c in claims} == {
        ("attack", "RU", "Izium")
    }
    assert all(not c.evidence.text.startswith("KYIV") for c in claims)


def test_a_supply_line_one_side_tries_to_cut_is_the_others_supply(
    extractor: ClaimExtractor,
) -> None:
    claims = _claims(extractor, "Russian troops are trying to cut the supply routes to Kupiansk.")
    assert {(c.kind, c.side, c.place.name if c.place else None) for c in claims} == {
        ("supply", "UA", "Kupiansk")
    }


@pytest.mark.parametrize(
    ("text", "side"),
    [
        (
            "The strike destroyed a Russian ammunition depot near Izium, Ukrainian officials said.",
            "UA",
        ),
        ("A missile strike destroyed Ukrainian positions near Izium on Sunday.", "RU"),
    ],
)
def test_an_attack_that_names_only_its_targets_side_is_the_opponents(
    extractor: ClaimExtractor, text: str, side: str
) -> None:
    assert _one(_claims(extractor, text), "attack").side == side


@pytest.mark.parametrize(
    ("text", "places"),
    [
        (
            "Russian forces lost up to 350 soldiers in the past 24 hours in the Kupiansk "
            "direction, the Ukrainian military said.",
            {"Kupiansk"},
        ),
        ("Russian forces captured a village 30 minutes from Lyman.", set()),
    ],
)
def test_a_span_of_time_is_no_distance_unless_it_measures_one(
    extractor: ClaimExtractor, text: str, places: set[str]
) -> None:
    claims = _claims(extractor, text)
    assert {c.place.name for c in claims if c.place} == places


@pytest.mark.parametrize(
    "text",
    [
        "The Institute for the Study of War said geolocated footage indicated Russian forces "
        "had advanced in central Lyman.",
        "Geolocated footage indicated Russian forces had advanced in central Lyman, the "
        "Institute for the Study of War said.",
    ],
)
def test_a_source_above_what_footage_shows_is_the_claimant(
    extractor: ClaimExtractor, text: str
) -> None:
    claim = _one(_claims(extractor, text), "advance")
    assert claim.claimant is not None
    assert claim.claimant.name == "Institute for the Study of War"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces attacked Kupiansk from Izium.", {("attack", "Kupiansk")}),
        (
            "On Monday, Russian troops launched an offensive toward Kupiansk from Izium.",
            {("attack", "Kupiansk")},
        ),
        ("Ukrainian troops withdrew from Lyman to Izium.", {("withdrawal", "Lyman")}),
    ],
)
def test_where_an_attack_sets_out_from_is_not_its_place(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str]]
) -> None:
    claims = _claims(extractor, text)
    assert {(c.kind, c.place.name if c.place else "") for c in claims} == expected


def test_advances_the_parser_hung_on_a_compass_word_keep_side_and_place(
    extractor: ClaimExtractor,
) -> None:
    text = "Russian forces have continued to make incremental advances west of Izium."
    claims = _claims(extractor, text)
    assert {(c.kind, c.side, c.place.name if c.place else None) for c in claims} == {
        ("advance", "RU", "Izium")
    }


def test_drones_destroyed_out_of_those_launched_are_a_loss_of_the_part(
    extractor: ClaimExtractor,
) -> None:
    text = "Ukraine's Air Force said it destroyed 31 of the 38 drones launched by Russia overnight."
    loss = _one(_claims(extractor, text), "loss")
    assert (loss.side, loss.quantity and loss.quantity.value) == ("RU", 31.0)


def test_a_strike_on_one_sides_positions_by_unknown_we_is_the_others(
    extractor: ClaimExtractor,
) -> None:
    claims = _claims(extractor, "Today our warriors hit the occupiers' positions near Izium.")
    assert _one(claims, "attack").side == "UA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q: Can you say whether Ukrainian forces still hold Izium?", set()),
        ('"Have the Russians taken Lyman?" a reporter asked.', set()),
        ("Ukrainian forces still hold Izium.", {("control", "UA", "Izium")}),
    ],
)
def test_a_question_asserts_nothing(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _found(extractor, text) == expected


def test_hyphenated_names_and_a_list_the_parser_broke_are_oblasts(
    gazetteer_extractor: ClaimExtractor,
) -> None:
    text = (
        "Russian missiles and drones struck energy infrastructure in the Lviv, "
        "Ivano-Frankivsk and Khmelnytskyi regions overnight, officials said."
    )
    claims = _claims(gazetteer_extractor, text)
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("attack", "RU", "Lviv Oblast"),
        ("attack", "RU", "Ivano-Frankivsk Oblast"),
        ("attack", "RU", "Khmelnytskyi Oblast"),
    }


@pytest.mark.parametrize(
    ("text", "losses"),
    [
        ("Russian glide bombs hit Kharkiv on Sunday, killing six people.", set()),
        ("Residents were wounded when Russian shells hit Izium.", set()),
        ("The strike on Izium killed 12 Ukrainian soldiers.", {("UA", 12.0)}),
    ],
)
def test_civilian_dead_are_no_sides_losses(
    extractor: ClaimExtractor, text: str, losses: set[tuple[str, float]]
) -> None:
    claims = [c for c in _claims(extractor, text) if c.kind == "loss"]
    assert {(c.side, c.quantity.value if c.quantity else 0.0) for c in claims} == losses


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting raged around Izium.",
        "Fierce battles are under way for Izium.",
        "Fighting continues in Izium.",
        "Fighting continued near Izium.",
    ],
)
def test_fighting_at_a_place_is_an_attack_with_no_side(
    extractor: ClaimExtractor, text: str
) -> None:
    claims = _claims(extractor, text)
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("attack", None, "Izium")
    }


def test_places_listed_each_with_its_date_take_their_own(extractor: ClaimExtractor) -> None:
    text = "Ukraine recaptured Izium on 10 September and Lyman on 1 October."
    claims = _claims(extractor, text, published="2022-12-01")
    assert {
        (c.place.name if c.place else "", c.event_time.start if c.event_time else "")
        for c in claims
        if c.kind == "control"
    } == {("Izium", "2022-09-10"), ("Lyman", "2022-10-01")}


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Over the past week, our forces held their ground.", ("2022-09-01", "2022-09-08")),
        ("Ukraine's army reported progress.", None),
        ("Last year, our forces held their ground.", None),
    ],
)
def test_a_reports_opening_stretch_dates_its_undated_happenings(
    extractor: ClaimExtractor, opening: str, expected: tuple[str, str] | None
) -> None:
    text = f"{opening} Elsewhere, Russian troops shelled Izium."
    attack = _one(_claims(extractor, text, published="2022-09-08"), "attack")
    when = attack.event_time
    got = (when.start, when.end) if when is not None and when.start is not None else None
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "About 15,000 Russian soldiers remain in the Kherson area, a Ukrainian official said.",
            {("presence", "RU", "Kherson")},
        ),
        ("Wagner fighters are operating in Izium.", {("presence", "RU", "Izium")}),
        (
            "Ukrainian strikes have disrupted Russian logistics in occupied Kherson.",
            {("attack", "UA", "Kherson"), ("supply", "RU", "Kherson")},
        ),
    ],
)
def test_forces_that_remain_or_operate_somewhere_and_logistics(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _found(extractor, text) == expected


def test_a_settlement_beats_its_region_across_a_sentences_triggers(
    gazetteer_extractor: ClaimExtractor,
) -> None:
    text = (
        "Russian forces are using the railway hub at Svatove to resupply their troops in the "
        "north of the Luhansk region."
    )
    claims = _claims(gazetteer_extractor, text)
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("supply", "RU", "Svatove")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow's forces have been unable to take Lyman despite heavy losses.",
            {("control", "RU", "negated")},
        ),
        (
            "Ukrainian officials dismissed as false Russian claims that Kupiansk had been "
            "captured.",
            {("control", "RU", "negated")},
        ),
        ("Russian forces have not taken control of Izium.", {("control", "RU", "negated")}),
    ],
)
def test_what_a_negation_above_a_trigger_denies(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    claims = _claims(extractor, text)
    assert {(c.kind, c.side, c.polarity) for c in claims} == expected


def test_the_denier_of_claims_dismissed_as_false_is_the_claimant(
    extractor: ClaimExtractor,
) -> None:
    text = "Ukrainian officials dismissed as false Russian claims that Kupiansk had been captured."
    claim = _one(_claims(extractor, text), "control")
    assert claim.claimant is not None
    assert claim.claimant.name == "Ukrainian officials"


def test_a_negated_verb_does_not_negate_the_defences_it_acts_on(
    gazetteer_extractor: ClaimExtractor,
) -> None:
    text = "Russian troops did not succeed in breaking through Ukrainian defences near Vuhledar."
    got = {(c.kind, c.side, c.polarity) for c in _claims(gazetteer_extractor, text)}
    assert ("advance", "RU", "negated") in got
    assert ("control", "UA", "negated") not in got


def test_a_first_person_statement_no_title_names_speaks_for_its_institution(
    extractor: ClaimExtractor,
) -> None:
    text = (
        "Today I held a meeting with our commanders. Our soldiers are holding their positions "
        "near Izium. We have also moved forward near Lyman."
    )
    claims = _claims(extractor, text, outlet="General Staff of the Armed Forces of Ukraine")
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("control", "UA", "Izium"),
        ("advance", "UA", "Lyman"),
    }


def test_attempts_to_advance_are_attacks_as_sure_as_any(extractor: ClaimExtractor) -> None:
    text = "The enemy attempted to advance 34 times near Izium and Lyman."
    claims = _claims(extractor, text, outlet="General Staff of the Armed Forces of Ukraine")
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("attack", "RU", "Izium"),
        ("attack", "RU", "Lyman"),
    }


def test_the_by_phrase_of_attacks_repelled_names_the_attacker(
    extractor: ClaimExtractor,
) -> None:
    text = "Our units repelled four counterattacks by assault detachments of the AFU near Izium."
    claims = _claims(extractor, text, outlet="Ministry of Defence of the Russian Federation")
    assert _one(claims, "attack").side == "UA"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia has lost more than 600,000 soldiers killed or wounded, Ukraine's army said.",
            {("loss", "RU", "", 600000.0)},
        ),
        (
            "Ukraine's losses near Izium have reached 31,000 personnel, Russia claimed.",
            {("loss", "UA", "Izium", 31000.0)},
        ),
        (
            "A Russian Su-34 fighter-bomber was shot down near Izium, Ukraine's air force said.",
            {("loss", "RU", "Izium", 0.0)},
        ),
    ],
)
def test_losses_the_parser_splits_or_names_oddly(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str, float]]
) -> None:
    claims = _claims(extractor, text)
    assert {
        (
            c.kind,
            c.side,
            c.place.name if c.place else "",
            c.quantity.value if c.quantity else 0.0,
        )
        for c in claims
    } == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Black Sea Fleet lost the landing ship Kherson in a Ukrainian strike.",
        "Ukrainian drones hit the cruiser Kherson at sea.",
    ],
)
def test_a_vessel_named_after_a_town_is_no_place(extractor: ClaimExtractor, text: str) -> None:
    claims = _claims(extractor, text)
    assert all(c.place is None or c.place.name != "Kherson" for c in claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian troops shelled Izium. The occupiers are suffering heavy losses there.",
            {("attack", "RU", "Izium"), ("loss", "RU", "Izium")},
        ),
        ("There were clashes overnight.", set()),
    ],
)
def test_there_points_back_to_the_last_place(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _found(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces have advanced to within 10 km of Izium.", {("advance", "Izium", None)}),
        ("Russian forces advanced 3 km near Izium.", {("advance", "Izium", 3.0)}),
        ("A village within 10 km of Izium was shelled by Russian troops.", set()),
    ],
)
def test_an_advance_to_within_a_distance_of_a_place_is_there(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, float | None]]
) -> None:
    claims = _claims(extractor, text)
    assert {
        (c.kind, c.place.name if c.place else "", c.quantity.value if c.quantity else None)
        for c in claims
    } == expected


def test_a_purpose_infinitive_does_not_borrow_the_places_of_its_verb(
    extractor: ClaimExtractor,
) -> None:
    claims = _claims(extractor, "Russian troops withdrew from Izium and Kupiansk to regroup.")
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("withdrawal", "RU", "Izium"),
        ("withdrawal", "RU", "Kupiansk"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Units of the Kherson group of forces inflicted fire damage on enemy manpower near Izium.",
        "Units of Battlegroup Kherson inflicted fire damage on enemy manpower near Izium.",
    ],
)
def test_a_grouping_of_forces_named_after_a_place_is_no_place(
    extractor: ClaimExtractor, text: str
) -> None:
    claims = _claims(extractor, text, outlet="Ministry of Defence of the Russian Federation")
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("loss", "UA", "Izium")
    }


def test_places_near_a_landmark_that_only_locates_are_where_it_happened(
    extractor: ClaimExtractor,
) -> None:
    text = "Russian forces conducted ground attacks northeast of Kupiansk near Izium and Lyman."
    claims = _claims(extractor, text)
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == {
        ("attack", "RU", "Izium"),
        ("attack", "RU", "Lyman"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It is unlikely that Ukrainian forces have withdrawn from Izium.",
            ("withdrawal", "negated", "reported"),
        ),
        (
            "It is likely that Ukrainian forces have withdrawn from Izium.",
            ("withdrawal", "affirmed", "reported"),
        ),
        ("Russian forces are unlikely to capture Izium.", ("control", "negated", "reported")),
    ],
)
def test_likely_and_unlikely_hedge_and_unlikely_negates(
    extractor: ClaimExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    (claim,) = _claims(extractor, text)
    assert (claim.kind, claim.polarity, claim.modality) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian forces captured dozens of Russian soldiers during a raid near Izium.", set()),
        ("Ukrainian forces captured 40 prisoners near Izium.", set()),
        ("Ukrainian forces captured Izium.", {("control", "UA", "Izium")}),
    ],
)
def test_soldiers_captured_are_prisoners_not_ground(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    claims = [c for c in _claims(extractor, text) if c.kind == "control"]
    assert {(c.kind, c.side, c.place.name if c.place else "") for c in claims} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ukraine said it had pushed Russian forces back several kilometres from Izium.",
            {("advance", "UA", "Izium")},
        ),
        ("Ukrainian troops entered a village 20 km from Izium.", set()),
    ],
)
def test_a_distance_forces_were_pushed_back_from_a_place_keeps_it(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    claims = _claims(extractor, text)
    assert {(c.kind, c.side, c.place.name) for c in claims if c.place} == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Ukrainian troops are defending the Azovstal steel plant in Mariupol.", {"Mariupol"}),
        (
            "Russian troops are holding the Zaporizhzhia Nuclear Power Plant.",
            {"Zaporizhzhia Nuclear Power Plant"},
        ),
    ],
)
def test_a_facility_named_with_its_town_is_the_town(
    gazetteer_extractor: ClaimExtractor, text: str, places: set[str]
) -> None:
    claims = _claims(gazetteer_extractor, text)
    assert {c.place.name for c in claims if c.place} == places


def test_a_place_in_the_next_sentence_is_not_the_place_of_this_one(
    extractor: ClaimExtractor,
) -> None:
    # the reading view puts a break between sentences; the break is no token of a place
    text = "The enemy launched three missile strikes on Ukraine. Izium came under artillery fire."
    claims = _claims(extractor, text, outlet="General Staff of the Armed Forces of Ukraine")
    assert [(c.kind, c.place.name if c.place else None, c.evidence.text) for c in claims] == [
        ("attack", "Izium", "Izium came under artillery fire.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Today there is good news: our flag is back in Izium.",
        "Our soldiers raised the flag over the town of Izium.",
        "The Ukrainian flag is flying over Izium again.",
    ],
)
def test_a_flag_raised_or_back_over_a_place_is_control(
    extractor: ClaimExtractor, text: str
) -> None:
    claims = _claims(extractor, text, outlet="General Staff of the Armed Forces of Ukraine")
    assert {(c.kind, c.side, c.place.name if c.place else None) for c in claims} == {
        ("control", "UA", "Izium")
    }


def test_a_flag_shown_being_planted_is_presence_not_control(extractor: ClaimExtractor) -> None:
    text = "Videos on social media show Ukrainian soldiers planting flags in Kherson."
    assert {c.kind for c in _claims(extractor, text)} == {"presence"}


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Fighting continues in the streets of Lyman, where Ukrainian defenders hold out.", "RU"),
        ("Fighting continues in Lyman, where Russian troops are holding out.", "UA"),
        ("Fighting continues near Lyman as Russian troops push west.", "RU"),
    ],
)
def test_fighting_whose_one_named_side_defends_is_the_other_sides(
    extractor: ClaimExtractor, text: str, side: str
) -> None:
    assert _one(_claims(extractor, text), "attack").side == side


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin said Russian forces had captured Lyman, a claim Ukraine denied.",
        "Russia's defence ministry said its troops had taken Lyman, which Kyiv disputed.",
        "Russia said its forces had captured Lyman, but Ukraine denied this.",
        "Russia said its forces had captured Lyman, a claim that Kyiv rejected.",
    ],
)
def test_a_denial_in_the_tail_is_the_other_version_with_its_own_claimant(
    extractor: ClaimExtractor, text: str
) -> None:
    claims = _claims(extractor, text)
    assert sorted((c.kind, c.side, c.polarity) for c in claims) == [
        ("control", "RU", "affirmed"),
        ("control", "RU", "negated"),
    ]
    denied = next(c for c in claims if c.polarity == "negated")
    assert denied.claimant is not None and denied.claimant.name in ("Ukraine", "Kyiv")
    assert len({c.id for c in claims}) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Russia said its forces had captured Lyman, which Kyiv did not deny.",
        "Russia said its forces had captured Lyman, and it denied that it had lost Izium.",
    ],
)
def test_no_denial_copy_where_nothing_is_denied_back(extractor: ClaimExtractor, text: str) -> None:
    claims = [c for c in _claims(extractor, text) if c.place and c.place.name == "Lyman"]
    assert [(c.kind, c.polarity) for c in claims] == [("control", "affirmed")]


def test_a_cue_set_off_by_commas_mid_sentence_names_the_claimant(
    extractor: ClaimExtractor,
) -> None:
    text = (
        "Russian troops entered the outskirts of Izium on Friday, a regional official said,"
        " as the offensive entered its second week."
    )
    claim = _one(_claims(extractor, text), "advance")
    assert claim.claimant is not None and claim.claimant.name == "regional official"


def test_a_relative_clause_describing_a_place_is_not_the_set_off_cues_content(
    extractor: ClaimExtractor,
) -> None:
    text = (
        "The next objective, analysts predicted, could be Kupiansk, a town that serves as a"
        " logistics hub for Russian forces."
    )
    supply = _one(_claims(extractor, text), "supply")
    assert (supply.claimant, supply.modality) == (None, "asserted")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops are fighting on the outskirts of Lyman.", {("attack", "RU", "Lyman")}),
        # fighting with no place of its own takes none from the clause above it
        (
            "The liberation of Kherson is a testament to the Ukrainian people as they fight"
            " to defend their nation.",
            set(),
        ),
        # what an attempt is made against is no attack of its own
        (
            "Ukrainian troops have been trying for weeks to break through Russian defences"
            " near Lyman.",
            {("attack", "UA", "Lyman")},
        ),
    ],
)
def test_fighting_as_a_verb_and_what_an_attempt_is_against(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _found(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In the Kupiansk direction, Ukrainian units recaptured the village of Izium.",
            {("control", "UA", "Izium")},
        ),
        ("Ukrainian units advanced in the Kupiansk direction.", {("advance", "UA", "Kupiansk")}),
        (
            "In the Kupiansk and Lyman directions, Ukrainian units advanced.",
            {("advance", "UA", "Kupiansk"), ("advance", "UA", "Lyman")},
        ),
    ],
)
def test_a_direction_that_frames_a_clause_gives_way_to_the_settlement_it_names(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _found(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The settlements of Izium and Kupiansk have been completely cleared of Ukrainian"
            " nationalists.",
            {("control", "RU", "Izium"), ("control", "RU", "Kupiansk")},
        ),
        ("The town of Lyman has been cleared of Russian troops.", {("control", "UA", "Lyman")}),
        ("The town of Lyman has been cleared.", set()),
    ],
)
def test_a_place_cleared_of_one_side_is_the_others(
    extractor: ClaimExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _found(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Wagner mercenaries are still present in Lyman, the Ukrainian military said.",
        "Satellite images showed a large buildup of Russian armour near Lyman.",
    ],
)
def test_a_force_present_or_built_up_at_a_place_is_presence(
    extractor: ClaimExtractor, text: str
) -> None:
    claim = _one(_claims(extractor, text), "presence")
    assert (claim.side, claim.place.name if claim.place else None) == ("RU", "Lyman")


def test_a_force_present_names_no_presence_without_the_state_word(
    extractor: ClaimExtractor,
) -> None:
    text = "Wagner mercenaries are a problem in Lyman, the Ukrainian military said."
    assert [c for c in _claims(extractor, text) if c.kind == "presence"] == []


def test_the_city_points_back_to_a_place_named_in_a_sentence_without_a_trigger(
    extractor: ClaimExtractor,
) -> None:
    text = "Kherson is a port on the Dnipro. We believe the city is largely in Russian hands now."
    claim = _one(_claims(extractor, text), "control")
    assert (claim.side, claim.place.name if claim.place else None) == ("RU", "Kherson")
