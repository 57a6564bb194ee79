"""find_mentions on hand-written sentences: detection, guards, context, anaphora, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.model import Document, Mention
from frontwatch.places import PlaceResolver, evaluate, find_mentions
from frontwatch.places.geo import distance_km
from frontwatch.places.mentions import EXTRACTOR
from frontwatch.read import Parser

IZIUM, KUPIANSK, BALAKLIIA, KHARKIV = 707292, 703656, 712926, 706483


def mentions_of(parser: Parser, resolver: PlaceResolver, text: str) -> list[Mention]:
    return find_mentions(resolver, parser.parse(Document(id="t", text=text)))


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


def test_offsets_index_the_stored_text(parser: Parser, resolver: PlaceResolver) -> None:
    text = "Shelling hit   Kupiansk\n overnight, and “Izyum’s” bridge was damaged."
    found = mentions_of(parser, resolver, text)
    assert [m.text for m in found] == ["Kupiansk", "Izyum"]
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.doc_id == "t"
        assert m.extractor == EXTRACTOR
        assert m.candidates and m.reason


@pytest.mark.parametrize(
    ("text", "surface", "geonameid", "method"),
    [
        ("Ukrainian units entered Balakliya on Thursday.", "Balakliya", BALAKLIIA, "alias"),
        ("The army said it had pushed on towards Izuim overnight.", "Izuim", IZIUM, "fuzzy"),
        ("Fighting went on near Kupyansk and in Kharkov.", "Kharkov", KHARKIV, "alias"),
        ("Сили оборони звільнили Балаклію.", "Балаклію", BALAKLIIA, "alias"),
    ],
)
def test_names_resolve(
    parser: Parser, resolver: PlaceResolver, text: str, surface: str, geonameid: int, method: str
) -> None:
    m = by_text(mentions_of(parser, resolver, text))[surface]
    assert m.place is not None
    assert m.place.geonameid == geonameid
    assert m.method == method


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the small model tags these ADV and NOUN: no English word, so still a name
        ("Bakhmut was captured by Russian forces.", "Bakhmut"),
        ("Soledar is now controlled by Russian forces.", "Soledar"),
    ],
)
def test_a_name_opening_a_sentence_is_found_whatever_its_tag(
    parser: Parser, resolver: PlaceResolver, text: str, name: str
) -> None:
    m = by_text(mentions_of(parser, resolver, text))[name]
    assert m.place is not None
    assert m.place.name == name
    assert m.place.admin1 == "Donetsk Oblast"


@pytest.mark.parametrize(
    "text",
    [
        "Most analysts agree that the offensive has stalled.",
        "Police said nobody was hurt in the blast.",
        "Defense Secretary Lloyd Austin met his counterparts on Friday.",
        "The analyst Rob Lee said the claim was plausible. Lee added that losses were heavy.",
        "Secretary Austin spoke to reporters after the meeting.",
        "General Valerii Zaluzhnyi thanked the soldiers.",
        "Supreme courts rarely sit on Sundays.",  # a common word opening a sentence
    ],
)
def test_common_words_and_people_are_not_places(
    parser: Parser, resolver: PlaceResolver, text: str
) -> None:
    assert mentions_of(parser, resolver, text) == []


@pytest.mark.parametrize(
    ("text", "surface", "precision"),
    [
        ("Russian troops were massing near Izium on Monday.", "Izium", 2),
        ("Heavy fighting was reported on the outskirts of Balakliya.", "Balakliya", 2),
        ("Explosions were heard in the Kupiansk area late at night.", "Kupiansk", 2),
        ("The counteroffensive around Kharkiv gathered pace.", "Kharkiv", 3),
        ("Attacks in the Izium direction continued.", "Izium", 3),
        ("Ukrainian troops entered Izium on Saturday.", "Izium", 1),
        ("Shelling was reported across the Kharkiv region.", "Kharkiv region", 3),
        ("Shelling was reported across Kharkiv oblast.", "Kharkiv oblast", 3),
    ],
)
def test_words_around_a_name_set_its_precision(
    parser: Parser, resolver: PlaceResolver, text: str, surface: str, precision: int
) -> None:
    m = by_text(mentions_of(parser, resolver, text))[surface]
    assert m.precision == precision, m.reason


def test_the_town_and_it_refer_back(parser: Parser, resolver: PlaceResolver) -> None:
    text = (
        "Ukrainian forces reached Balakliya on Tuesday. The town had been occupied since March. "
        "Russian troops had held it for six months."
    )
    refs = [m for m in mentions_of(parser, resolver, text) if m.method == "anaphora"]
    assert [(m.text, m.precision) for m in refs] == [("The town", 1), ("it", 1)]
    assert all(m.place is not None and m.place.geonameid == BALAKLIIA for m in refs)
    assert "Balakliya" in refs[0].reason


def test_the_area_and_the_region_refer_back(parser: Parser, resolver: PlaceResolver) -> None:
    text = (
        "Ukrainian units retook Kupiansk. Fighting continued in the area for days, and "
        "officials said the region would be demined."
    )
    refs = by_text([m for m in mentions_of(parser, resolver, text) if m.method == "anaphora"])
    area, region = refs["the area"], refs["the region"]
    assert area.place is not None and area.place.geonameid == KUPIANSK
    assert area.precision == 2
    assert region.place is not None and region.place.name == "Kharkiv Oblast"
    assert region.precision == 3


def test_the_east_is_the_macro_region(parser: Parser, resolver: PlaceResolver) -> None:
    found = mentions_of(parser, resolver, "The heaviest fighting is in the east.")
    (m,) = found
    assert (m.text, m.precision, m.method) == ("the east", 3, "region")
    assert m.place is not None and m.place.name == "Eastern Ukraine"


def test_it_without_a_place_verb_is_not_a_reference(
    parser: Parser, resolver: PlaceResolver
) -> None:
    text = "Ukrainian forces advanced on Izium. It is unclear whether the offensive will go on."
    assert [m.text for m in mentions_of(parser, resolver, text)] == ["Izium"]


def test_stated_distance_picks_the_namesake(parser: Parser, resolver: PlaceResolver) -> None:
    text = "A soldier was filmed in the village of Shevchenkove, about 35 kilometers from Kupiansk."
    m = by_text(mentions_of(parser, resolver, text))["Shevchenkove"]
    assert m.place is not None
    assert m.place.geonameid == 694137
    assert any("35 km" in r for r in m.candidates[0].reasons)


def test_oblast_named_beside_a_name_informs_it(parser: Parser, resolver: PlaceResolver) -> None:
    text = "Russian forces withdrew from Lyman, in the Donetsk oblast, on Saturday."
    m = by_text(mentions_of(parser, resolver, text))["Lyman"]
    assert m.place is not None
    assert m.place.admin1 == "Donetsk Oblast"


def test_lyman_in_a_kharkiv_report_is_the_donetsk_town(
    parser: Parser, resolver: PlaceResolver
) -> None:
    text = (
        "After retaking Izium and Kupiansk in the Kharkiv region, Ukrainian forces turned "
        "south-east towards Lyman."
    )
    m = by_text(mentions_of(parser, resolver, text))["Lyman"]
    assert m.place is not None
    assert m.place.geonameid == 704204


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Troops dug in west of the Oskil.", "Oskil", "river"),
        # a river that shares its name with a city: the article tells them apart
        ("Russian forces left the west bank of the Dnipro.", "Dnipro", "river"),
        ("Ukrainian marines crossed the Dnipro near Kherson.", "Dnipro", "river"),
        ("A missile struck Dnipro on Monday.", "Dnipro", "settlement"),
    ],
)
def test_a_river_takes_the_article_a_settlement_does_not(
    parser: Parser, resolver: PlaceResolver, text: str, name: str, kind: str
) -> None:
    m = by_text(mentions_of(parser, resolver, text))[name]
    assert m.place is not None
    assert m.place.kind == kind
    assert m.precision == (3 if kind == "river" else 1)


def test_a_capital_in_the_possessive_is_a_metonym(parser: Parser, resolver: PlaceResolver) -> None:
    m = by_text(mentions_of(parser, resolver, "It was Moscow's main bastion in the east."))
    assert m["Moscow"].method == "metonym"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\x00\x01\x02", "Кup'янськ " * 3, "a" * 10_000, "Izium " * 400],
)
def test_odd_input_never_raises(parser: Parser, resolver: PlaceResolver, text: str) -> None:
    found = mentions_of(parser, resolver, text)
    for m in found:
        assert text[m.start : m.end] == m.text


def test_resolver_method_is_find_mentions(parser: Parser, resolver: PlaceResolver) -> None:
    parsed = parser.parse(Document(id="t", text="Shelling hit Kupiansk."))
    assert resolver.mentions(parsed) == find_mentions(resolver, parsed)


@pytest.mark.shared
def test_seed_gold_places_are_found_within_5_km(
    parser: Parser,
    resolver: PlaceResolver,
    shared: object,
    dev_corpus: dict[str, dict[str, object]],
) -> None:
    assert isinstance(shared, Path)
    gold = evaluate.load_gold(shared / "gold" / "dev", "seed-*.jsonl")
    docs = {i: evaluate.document_of(obj) for i, obj in dev_corpus.items() if i.startswith("seed")}
    mentions = evaluate.find_all(parser, resolver, docs.values(), "UA")
    hits = evaluate.score_gold(gold, mentions, {i: d.text for i, d in docs.items()})
    missed = [(h.gold.doc, h.gold.name, h.gold.text[:60]) for h in hits if not h.within(5.0)]
    assert missed == []


def test_a_typo_match_far_from_the_other_places_is_dropped(
    parser: Parser, resolver: PlaceResolver
) -> None:
    # No settlement is called "Hrabuve"; the Odesa-oblast "Hrabove" one letter away lies
    # 600 km from everything else the text names.
    text = "Ukrainian units moved from Balakliya through Hrabuve towards Kupiansk."
    assert "Hrabuve" not in by_text(mentions_of(parser, resolver, text))


def test_a_village_cities500_lacks_is_found_beside_its_neighbours(
    parser: Parser, resolver: PlaceResolver
) -> None:
    # Hrakove (Chuhuiv raion) has under 500 people: it came with the codifier's villages.
    text = "Ukrainian units moved from Balakliya through Hrakove towards Kupiansk."
    found = by_text(mentions_of(parser, resolver, text))["Hrakove"]
    assert found.place is not None and found.place.admin1 == "Kharkiv Oblast"
    assert distance_km((found.place.lat, found.place.lon), (49.718, 36.815)) < 5.0


def test_a_lower_case_bank_is_not_a_state_of_that_name(
    parser: Parser, resolver: PlaceResolver
) -> None:
    text = "Fighting went on around Kherson, on the west bank of the Dnipro river."
    assert "west bank" not in by_text(mentions_of(parser, resolver, text))


def test_a_county_tells_the_state_of_a_town_beside_it(
    parser: Parser, resolver: PlaceResolver
) -> None:
    text = "Deputies in Rapides Parish arrested a man from Alexandria on Friday."
    found = find_mentions(resolver, parser.parse(Document(id="t", text=text)), country=None)
    town = by_text(found)["Alexandria"].place
    assert town is not None and (town.country, town.admin1) == ("US", "Louisiana")


def test_names_of_a_county_list_are_counties(parser: Parser, resolver: PlaceResolver) -> None:
    text = "A flood warning covers Becker, Clay and Mahnomen counties in Minnesota until Friday."
    parsed = parser.parse(Document(id="t", text=text))
    found = by_text(find_mentions(resolver, parsed, country=None))
    for name in ("Clay", "Mahnomen"):
        place = found[name].place
        assert place is not None
        assert (place.kind, place.admin1) == ("admin2", "Minnesota"), (name, found[name].reason)


def test_a_place_inside_a_longer_name_is_not_a_mention(
    parser: Parser, resolver: PlaceResolver
) -> None:
    """ "Washington Square" names no place of the index; it is not a mention of Washington."""
    text = "The parade gathered in Jackson Square before noon."
    assert "Jackson Square" not in by_text(mentions_of(parser, resolver, text))


def test_places_the_tagger_joins_into_one_org_are_each_a_mention(
    parser: Parser, resolver: PlaceResolver
) -> None:
    # en_core_web_sm tags "Kamianka and Izium" as one ORG entity
    text = "Fighting went on near Kamianka and Izium, the General Staff said."
    parsed = parser.parse(Document(id="t", text=text))
    assert any(e.label_ == "ORG" and "Izium" in e.text for e in parsed.doc.ents)
    found = by_text(find_mentions(resolver, parsed))
    assert {"Kamianka", "Izium"} <= set(found)
    izium = found["Izium"].place
    assert izium is not None and izium.geonameid == IZIUM


def test_an_org_of_words_that_are_not_all_places_stays_an_org(
    parser: Parser, resolver: PlaceResolver
) -> None:
    text = "Procter and Gamble said its sales in Kharkiv fell."
    assert set(by_text(mentions_of(parser, resolver, text))) == {"Kharkiv"}


@pytest.mark.parametrize("word", ["Island", "Lake", "Valley", "Creek", "Hall"])
def test_a_generic_feature_word_alone_is_not_a_place(
    parser: Parser, resolver: PlaceResolver, word: str
) -> None:
    text = f"Residents of {word} gathered on Monday, the mayor said."
    parsed = parser.parse(Document(id="t", text=text))
    assert word not in by_text(find_mentions(resolver, parsed, country=None))


def test_a_name_the_parser_calls_a_place_is_kept_far_from_the_texts_country(
    parser: Parser, resolver: PlaceResolver
) -> None:
    """ "in Oxford" in a text whose other names are American is still a mention, unsure."""
    text = (
        "Police in Dallas, Houston and Austin met on Monday. "
        "A spate of vandalised cars was reported in Oxford last week."
    )
    parsed = parser.parse(Document(id="t", text=text))
    found = by_text(find_mentions(resolver, parsed, country=None))
    assert "Oxford" in found
    assert len(found["Oxford"].candidates) > 1


@pytest.mark.parametrize(
    ("text", "name", "present"),
    [
        ("The Texas Department of State Health Services said so.", "Texas", True),
        ("A judge asked the Ohio Supreme Court to rule.", "Ohio", True),
        ("He told the Kyiv Post that the talks had failed.", "Kyiv", False),  # a newspaper
    ],
)
def test_a_place_leading_an_office_is_where_it_sits(
    parser: Parser, resolver: PlaceResolver, text: str, name: str, present: bool
) -> None:
    parsed = parser.parse(Document(id="t", text=text))
    assert (name in by_text(find_mentions(resolver, parsed, country=None))) is present


@pytest.mark.parametrize(
    ("text", "surface", "oblast"),
    [
        # each text first names towns near another namesake of the village, then ties the
        # village to a town by words: the words win over the rest of the text
        ("Missiles hit Dnipro and Pavlohrad overnight. Ukrainian forces retook Petropavlivka, "
         "east of Kupiansk, on Sunday.", "Petropavlivka", "Kharkiv Oblast"),
        ("Missiles hit Kherson and Beryslav. Sappers cleared Ivanivka near Kramatorsk.",
         "Ivanivka", "Donetsk Oblast"),
        ("Missiles hit Kherson and Beryslav. Fighting continued around Ivanivka in the "
         "Kramatorsk direction.", "Ivanivka", "Donetsk Oblast"),
        ("Missiles hit Zhytomyr and Korosten overnight. Fighting continued around Stavky in the "
         "Lyman direction.", "Stavky", "Donetsk Oblast"),
        ("Missiles hit Rivne and Sarny overnight. Shelling hit Zarichne, a village outside "
         "Lyman, the governor said.", "Zarichne", "Donetsk Oblast"),
        ("Russian troops shelled Yampil near Lyman overnight.", "Yampil", "Donetsk Oblast"),
        # the words tie every name of the list before them
        ("Missiles hit Kherson and Beryslav. Sappers cleared Ivanivka and Stavky near "
         "Kramatorsk.", "Ivanivka", "Donetsk Oblast"),
    ],
)  # fmt: skip
def test_a_village_tied_to_a_town_is_the_namesake_near_it(
    parser: Parser, resolver: PlaceResolver, text: str, surface: str, oblast: str
) -> None:
    m = by_text(mentions_of(parser, resolver, text))[surface]
    assert m.place is not None
    assert m.place.admin1 == oblast, m.reason
    assert not m.unsure


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attacked the village of Pishchane, east of Kupiansk.",
        "Ukrainian troops entered Kupiansk on Saturday. Later they pushed into Pishchane.",
    ],
)
def test_a_village_beside_the_text_beats_its_namesakes(
    parser: Parser, resolver: PlaceResolver, text: str
) -> None:
    # Pishchane: 21 settlements of the codifier, four in Kharkiv oblast; the two of Kupiansk
    # raion lie within 15 km of the town (at their hromadas' centres)
    found = by_text(mentions_of(parser, resolver, text))
    m, kupiansk = found["Pishchane"], found["Kupiansk"].place
    assert m.place is not None and kupiansk is not None and not m.unsure
    assert distance_km((m.place.lat, m.place.lon), (kupiansk.lat, kupiansk.lon)) < 20.0


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attacked the village of Hrabovo, east of Kupiansk.",
        "Ukrainian troops entered Kupiansk on Saturday. Later they pushed into Hrabovo.",
    ],
)
def test_a_namesake_far_from_the_rest_of_the_text_is_flagged(
    parser: Parser, resolver: PlaceResolver, text: str
) -> None:
    # both Hrabovos (Lviv and Zakarpattia oblasts) lie 1,000 km from Kupiansk
    found = by_text(mentions_of(parser, resolver, text))
    m = found["Hrabovo"]
    assert m.unsure
    assert m.place is not None and m.candidates[0].score <= 0.3
    assert len(m.candidates) > 1
    assert not found["Kupiansk"].unsure


@pytest.mark.parametrize(
    ("text", "surface", "anchor"),
    [
        # the Bohdanivka of Chasiv Yar's hromada, 11 km from Klishchiivka, not the town of 5,000
        # near Pavlohrad (130 km away) that its size alone would pick
        (
            "Ukrainian forces repelled attacks near Bohdanivka, Ivanivske and Klishchiivka.",
            "Bohdanivka",
            "Klishchiivka",
        ),
        # a city of 340,000 yields to the village the words tie the name to
        ("Ukrainian troops liberated Makiivka near Kreminna.", "Makiivka", "Kreminna"),
    ],
)
def test_a_reading_inside_the_story_beats_a_bigger_namesake_elsewhere(
    parser: Parser, resolver: PlaceResolver, text: str, surface: str, anchor: str
) -> None:
    found = by_text(mentions_of(parser, resolver, text))
    m, near = found[surface], found[anchor].place
    assert m.place is not None and near is not None and not m.unsure
    assert distance_km((m.place.lat, m.place.lon), (near.lat, near.lon)) < 40.0, m.reason
    assert any(c.place.population > 4000 for c in m.candidates[1:])  # the bigger one is kept


def test_a_big_town_keeps_its_name_beside_places_it_is_not_tied_to(
    parser: Parser, resolver: PlaceResolver
) -> None:
    text = "Shelling hit Makiivka overnight. Separately, fighting went on near Kreminna."
    m = by_text(mentions_of(parser, resolver, text))["Makiivka"]
    assert m.place is not None and m.place.population > 300_000


def test_the_village_never_refers_back_to_a_city(parser: Parser, resolver: PlaceResolver) -> None:
    text = "Residents of Pisky near Mykolaiv were evacuated. The village had no power."
    ref = by_text(mentions_of(parser, resolver, text))["The village"]
    assert ref.place is not None and ref.place.name == "Pisky"
    text = "Officials said Moscow had lost. The village was quiet, the mayor of Kupiansk said."
    assert "The village" not in by_text(mentions_of(parser, resolver, text))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a village of Botswana named as a place, in a report naming no place near it: a namesake
        ("Volunteers from Moremi delivered aid to Kharkiv.", False),
        # the same village with its country: the text supports it
        ("A film festival in Moremi, Botswana, was cancelled, officials in Kyiv said.", True),
    ],
)
def test_a_small_place_abroad_needs_the_text_to_support_it(
    parser: Parser, resolver: PlaceResolver, text: str, kept: bool
) -> None:
    assert ("Moremi" in by_text(mentions_of(parser, resolver, text))) is kept


def test_a_russian_spelling_in_the_oblast_the_text_names(
    parser: Parser, resolver: PlaceResolver
) -> None:
    # "Sinkovka" is only the derived Russian form of Synkivka (Kharkiv oblast): the oblast in
    # parentheses, spelled from Russian too, confirms it
    found = by_text(
        mentions_of(parser, resolver, "Russian units liberated Sinkovka (Kharkov region).")
    )
    m = found["Sinkovka"]
    assert m.place is not None
    assert (m.place.name, m.place.admin1) == ("Synkivka", "Kharkiv Oblast")


def test_a_derived_namesake_in_the_named_oblast_beats_an_attested_one_far_away(
    parser: Parser, resolver: PlaceResolver
) -> None:
    # "Stepovoye" is GeoNames' name of a Stepove in Mykolaiv oblast only; the text names Donetsk
    text = "Russian forces took Stepovoye in the Donetsk region."
    m = by_text(mentions_of(parser, resolver, text))["Stepovoye"]
    assert m.place is not None and m.place.admin1 == "Donetsk Oblast", m.reason
    alone = by_text(mentions_of(parser, resolver, "The farmers of Stepovoye sold grain."))
    assert alone["Stepovoye"].place is not None
    assert alone["Stepovoye"].place.admin1 == "Mykolaiv Oblast"
