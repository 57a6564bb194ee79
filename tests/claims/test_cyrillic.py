"""Ukrainian and Russian claims: each rule on sentences written for it (not from the gold)."""

from __future__ import annotations

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.cyrillic import CyrillicExtractor
from frontwatch.model import Claim, Document
from frontwatch.places import GazetteerPlaces, PlaceResolver


@pytest.fixture(scope="module")
def reader(resolver: PlaceResolver) -> CyrillicExtractor:
    return CyrillicExtractor(GazetteerPlaces(resolver))


def _read(
    reader: CyrillicExtractor,
    text: str,
    language: str = "uk",
    url: str | None = None,
    published: str | None = "2024-03-10",
) -> list[Claim]:
    document = Document(id="t", text=text, url=url, published=published, language=language)
    return reader.extract_many([(document, language)])[0]


def _facts(claims: list[Claim]) -> set[tuple[str, str | None, str | None, str]]:
    return {(c.kind, c.side, c.place.name if c.place else None, c.polarity) for c in claims}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Сили оборони звільнили Балаклію.", "uk", ("control", "UA", "Balakliia", "affirmed")),
        ("ЗСУ взяли під контроль Ізюм.", "uk", ("control", "UA", "Izium", "affirmed")),
        (
            "Російські війська відійшли з Херсона.",
            "uk",
            ("withdrawal", "RU", "Kherson", "affirmed"),
        ),
        ("Окупанти не змогли захопити Лиман.", "uk", ("control", "RU", "Lyman", "negated")),
        (
            "Подразделения ВСУ отошли от Авдеевки.",
            "ru",
            ("withdrawal", "UA", "Avdiivka", "affirmed"),
        ),
        ("Российские войска заняли Купянск.", "ru", ("control", "RU", "Kupiansk", "affirmed")),
        (
            "Противник обстрелял Херсон из артиллерии.",
            "ru",
            ("attack", "RU", "Kherson", "affirmed"),
        ),
        ("Тяжелые бои продолжаются за Часов Яр.", "ru", ("attack", None, "Chasiv Yar", "affirmed")),
    ],
)
def test_kind_side_and_polarity_come_from_trigger_and_side_words(
    reader: CyrillicExtractor, text: str, language: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in _facts(_read(reader, text, language))


def test_a_list_after_a_trigger_gives_one_attack_per_place(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Під вогнем ворога перебували Куп'янськ, Вовчанськ та Ізюм.")
    assert {c.place.name for c in claims if c.place} == {"Kupiansk", "Vovchansk", "Izium"}
    assert {(c.kind, c.side) for c in claims} == {("attack", "RU")}


def test_a_repelled_attack_is_the_enemys_attack_and_its_advance_negated(
    reader: CyrillicExtractor,
) -> None:
    claims = _read(reader, "Наші воїни відбили атаку ворога біля Бахмута.")
    assert _facts(claims) == {
        ("attack", "RU", "Bakhmut", "affirmed"),
        ("advance", "RU", "Bakhmut", "negated"),
    }
    assert all(c.place is not None and c.place.precision == 2 for c in claims)


def test_liberation_from_an_occupation_is_no_claim_of_occupation(
    reader: CyrillicExtractor,
) -> None:
    claims = _read(reader, "Восени Ізюм був звільнений від російської окупації.")
    assert _facts(claims) == {("control", "UA", "Izium", "affirmed")}


def test_an_attributive_participle_names_no_capture(reader: CyrillicExtractor) -> None:
    text = "Жители оккупированных территорий Запорожской области получили помощь."
    assert _read(reader, text, "ru") == []


def test_not_only_is_no_negation(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Ворог обстріляв не лише Херсон, а й Берислав.")
    assert ("attack", "RU", "Kherson", "affirmed") in _facts(claims)


def test_the_past_day_is_the_day_before_publication(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Минулої доби ворог обстріляв Херсон.")
    assert [c.event_time.start if c.event_time else None for c in claims] == ["2024-03-09"]
    assert claims[0].evidence.text == "Минулої доби ворог обстріляв Херсон."


def test_a_town_word_points_back_to_the_last_town(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Ворог обстріляв Ізюм. Місто залишилося без світла після удару.")
    assert {(c.kind, c.place.name if c.place else None) for c in claims} == {("attack", "Izium")}
    assert len({c.evidence.start for c in claims}) == 2


def test_a_direction_names_its_town_at_precision_three(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "На Покровському напрямку противник атакував наші позиції.")
    assert [(c.kind, c.side, c.place.name if c.place else None) for c in claims] == [
        ("attack", "RU", "Pokrovsk")
    ]
    assert claims[0].place is not None and claims[0].place.precision == 3


def test_an_oblast_in_a_case_form_is_found(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Ворог обстріляв населені пункти на Харківщині.")
    assert _facts(claims) == {("attack", "RU", "Kharkiv Oblast", "affirmed")}


def test_damage_without_an_actor_is_the_enemys_in_an_administrations_report(
    reader: CyrillicExtractor,
) -> None:
    text = "У Херсоні пошкоджено два приватні будинки."
    own = _read(reader, text, url="https://khoda.gov.ua/news/1")
    assert _facts(own) == {("attack", "RU", "Kherson", "affirmed")}
    assert _facts(_read(reader, text)) == {("attack", None, "Kherson", "affirmed")}


def test_the_speaker_named_in_the_headline_is_the_claimant(reader: CyrillicExtractor) -> None:
    text = "Іван Федоров повідомив про обстріл.\nВорог обстріляв Запоріжжя."
    claims = _read(reader, text, url="https://www.zoda.gov.ua/news/1")
    assert claims
    assert {c.claimant.name if c.claimant else None for c in claims} == {"Ivan Fedorov"}
    assert {c.claimant.side if c.claimant else None for c in claims} == {"UA"}


def test_a_possible_attack_is_predicted(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Эксперты ожидают возможное нападение российских сил на Харьков.", "ru")
    assert [(c.kind, c.side, c.modality) for c in claims] == [("attack", "RU", "predicted")]


def test_control_with_an_area_also_gives_territory(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "ВСУ освободили Купянск и вернули контроль над 500 км².", "ru")
    territory = [c for c in claims if c.kind == "territory"]
    assert territory and territory[0].quantity is not None
    assert territory[0].quantity.value == 500


@pytest.mark.parametrize(
    "text",
    [
        "#війна #україна #новини",
        "🇺🇦🔥💥🔥💥🔥💥🔥💥",
        "Вoрoг oбстріляв Хaрків тa Ізюм.",  # Latin letters inside Cyrillic words
        "Vrag obstrelyal Kharkov",
        "",
        "…",
    ],
)
def test_odd_posts_never_raise(reader: CyrillicExtractor, text: str) -> None:
    for claim in _read(reader, text):
        assert claim.evidence.text == text[claim.evidence.start : claim.evidence.end]


def test_the_extractor_routes_ukrainian_and_russian_and_skips_others(
    resolver: PlaceResolver,
) -> None:
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    documents = [
        Document(
            id="uk", text="Минулої доби ворог обстріляв Херсон та Берислав.", published="2024-03-10"
        ),
        Document(
            id="ru",
            text="Российские войска заняли Купянск после долгих боёв.",
            published="2024-03-10",
        ),
        Document(
            id="bg", text="Войските превзеха града след тежки боеве в продължение на седмица."
        ),
    ]
    uk, ru, bg = extractor.extract_many(documents)
    assert not uk.skipped and {c.place.name for c in uk.claims if c.place} == {
        "Kherson",
        "Beryslav",
    }
    assert not ru.skipped and ("control", "RU") in {(c.kind, c.side) for c in ru.claims}
    assert bg.skipped.startswith("not English (bg)")
