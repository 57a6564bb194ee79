"""Ukrainian and Russian claims: each rule on sentences written for it (not from the gold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.cyrillic import CyrillicExtractor
from frontwatch.ingest import Draft, IngestOptions, iter_drafts, to_document
from frontwatch.model import Claim, Document, Place
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


def _places_read(reader: CyrillicExtractor, text: str, language: str) -> dict[str, Place]:
    """Each place mention of ``text`` as written, with the place it was read as."""
    document = Document(id="t", text=text, published="2024-03-10", language=language)
    (read,) = reader.read_many([(document, language)])
    return {text[m.start : m.end]: m.place for m in read.mentions if m.place}


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
    claims = _read(reader, "Ударів ворога зазнали Херсон, Берислав, Нікополь.")
    assert {c.place.name for c in claims if c.place} == {"Kherson", "Beryslav", "Nikopol"}
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


def test_damage_without_an_actor_is_the_enemys_in_an_administrations_or_ukrainian_report(
    reader: CyrillicExtractor,
) -> None:
    text = "У Херсоні пошкоджено два приватні будинки."
    own = _read(reader, text, url="https://khoda.gov.ua/news/1")
    assert _facts(own) == {("attack", "RU", "Kherson", "affirmed")}
    # with no address, a Ukrainian report speaks for Ukraine; Russian is written by both sides
    assert _facts(_read(reader, text)) == {("attack", "RU", "Kherson", "affirmed")}
    russian = "В Херсоне повреждены два частных дома."
    assert _facts(_read(reader, russian, "ru")) == {("attack", None, "Kherson", "affirmed")}


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


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Взяли Кліщіївку", "Klishchiivka"),  # Ukrainian, by its letters
        ("Наши взяли Бахмут", "Bakhmut"),  # Russian, by «наши»
    ],
)
def test_a_short_telegram_line_is_routed_and_read(
    resolver: PlaceResolver, text: str, place: str
) -> None:
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    (got,) = extractor.extract_many([Document(id="t", text=text, published="2023-09-17")])
    assert not got.skipped, got.skipped
    assert ("control", place) in {(c.kind, c.place and c.place.name) for c in got.claims}
    assert all(text[c.evidence.start : c.evidence.end] == c.evidence.text for c in got.claims)


@pytest.mark.parametrize(
    ("text", "language", "quantity"),
    [
        ("Втрати ворога за минулу добу склали 1 200 осіб.", "uk", (1200, "people")),
        ("Ворог втратив 12 танків під Бахмутом.", "uk", (12, "items")),
        ("Потери противника составили до 150 военнослужащих.", "ru", (150, "people")),
    ],
)
def test_a_loss_carries_its_figure(
    reader: CyrillicExtractor, text: str, language: str, quantity: tuple[int, str]
) -> None:
    claims = _read(reader, text, language)
    assert [(c.kind, c.side) for c in claims] == [("loss", "RU")]
    assert claims[0].quantity is not None
    assert (claims[0].quantity.value, claims[0].quantity.unit) == quantity


def test_a_loss_word_without_a_figure_claims_nothing(reader: CyrillicExtractor) -> None:
    assert _read(reader, "Ворог зазнав втрат під Бахмутом.") == []


def test_a_sentence_opening_name_that_is_also_a_word_needs_a_place_nearby(
    reader: CyrillicExtractor,
) -> None:
    near = _read(reader, "Ворог обстріляв Харків. Ізюм також зазнав удару окупантів.")
    assert {c.place.name for c in near if c.place} == {"Kharkiv", "Izium"}
    alone = _read(reader, "Ізюм також зазнав удару окупантів.")
    assert alone == []
    # unless a claim's verb follows it at once
    claimed = _read(reader, "Ізюм звільнено від окупантів.")
    assert _facts(claimed) == {("control", "UA", "Izium", "affirmed")}


def test_a_telegram_channel_mixing_languages_is_routed_per_message(
    resolver: PlaceResolver, tmp_path: Path
) -> None:
    export = {
        "name": "Test channel",
        "type": "public_channel",
        "id": 77,
        "messages": [
            {
                "id": 1,
                "type": "message",
                "date": "2024-03-10T08:00:00",
                "text": "Минулої доби ворог обстріляв Херсон.",
            },
            {
                "id": 2,
                "type": "message",
                "date": "2024-03-10T09:00:00",
                "text": "Российские войска заняли Купянск.",
            },
            {
                "id": 3,
                "type": "message",
                "date": "2024-03-10T10:00:00",
                "text": "Russian forces withdrew from Izium.",
            },
            {
                "id": 4,
                "type": "message",
                "date": "2024-03-10T11:00:00",
                "text": "#війна #новини 🔥🔥",
            },
        ],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    drafts = [r for r in iter_drafts([str(path)], IngestOptions()) if isinstance(r, Draft)]
    documents = [to_document(d)[0] for d in drafts]
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    found = [
        {(c.kind, c.side, c.place.name if c.place else None) for c in e.claims}
        for e in extractor.extract_many(documents)
    ]
    assert ("attack", "RU", "Kherson") in found[0]
    assert ("control", "RU", "Kupiansk") in found[1]
    assert ("withdrawal", "RU", "Izium") in found[2]
    assert found[3] == set()


def test_under_enemy_fire_lists_each_place(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Учора під вогнем противника перебували Нікополь та Марганець.")
    assert _facts(claims) == {
        ("attack", "RU", "Nikopol", "affirmed"),
        ("attack", "RU", "Marhanets", "affirmed"),
    }


def test_place_mentions_are_read_like_an_english_documents(resolver: PlaceResolver) -> None:
    # regression: a Ukrainian or Russian document's mentions were dropped (none stored)
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    text = "Окупанти обстріляли Куп'янськ. Сили оборони звільнили Балаклію на Харківщині."
    (got,) = extractor.extract_many([Document(id="uk", text=text, published="2024-03-10")])
    assert {m.place.name for m in got.mentions if m.place} == {
        "Kupiansk",
        "Balakliia",
        "Kharkiv Oblast",
    }
    assert all(m.text == text[m.start : m.end] and m.doc_id == "uk" for m in got.mentions)


def _claimed(resolver: PlaceResolver, text: str) -> set[tuple[str, str | None, str | None]]:
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    (got,) = extractor.extract_many([Document(id="p", text=text, published="2024-03-10")])
    assert all(c.evidence.text == text[c.evidence.start : c.evidence.end] for c in got.claims)
    return {(c.kind, c.side, c.place.name if c.place else None) for c in got.claims}


@pytest.mark.parametrize(
    "text",
    [
        "Вoрoг oбстріляв Хaрків тa Ізюм.",
        "Сили оборони звiльнили Iзюм.",
        "ВСУ oтoшли oт Купянска пoсле тяжёлых бoёв.",
        "Xерсон і Kупʼянськ пiд обстрілами ворога.",
    ],
)
def test_latin_lookalikes_inside_cyrillic_words_read_as_cyrillic(
    resolver: PlaceResolver, text: str
) -> None:
    # as copied channel text has them: «Хaрків» with a Latin a
    clean = text.translate(str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ"))
    assert clean != text
    want = _claimed(resolver, clean)
    assert want and _claimed(resolver, text) == want


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # emoji around a statement: the capitalised word after a flag opens the sentence
        ("🇺🇦 Сили оборони звільнили Ізюм! 💪🔥", {("control", "UA", "Izium")}),
        ("🔥🔥 Ворог обстріляв Херсон 💥", {("attack", "RU", "Kherson")}),
        # hashtags: places named, nothing claimed
        ("#Ізюм #Харків #ЗСУ #перемога", set()),
        # invisible characters inside words: a soft hyphen, a zero-width space, a stress mark
        ("Сили обо\u00adрони звільнили Із\u200bюм.", {("control", "UA", "Izium")}),
        ("Сили оборони звільнили Харкі\u0301в.", {("control", "UA", "Kharkiv")}),
        # «й» typed as «и» and a combining breve
        ("Ворог обстріляв Гуляи\u0306поле.", {("attack", "RU", "Huliaipole")}),
        # a line in capitals: its names are names, acronyms stay acronyms
        ("СИЛИ ОБОРОНИ ЗВІЛЬНИЛИ ІЗЮМ!", {("control", "UA", "Izium")}),
        # every word mixing scripts: routed as Cyrillic, not read as English
        ("Вoрoг oбcтрiляв Xерcoн", {("attack", "RU", "Kherson")}),
        # names glued to emoji, and hashtags inside a sentence
        (
            "Ворог обстріляв Херсон🔥Берислав💥",
            {("attack", "RU", "Kherson"), ("attack", "RU", "Beryslav")},
        ),
        (
            "Ворог обстріляв #Херсон та #Берислав.",
            {("attack", "RU", "Kherson"), ("attack", "RU", "Beryslav")},
        ),
    ],
)
def test_odd_posts_read_correctly(
    resolver: PlaceResolver, text: str, expected: set[object]
) -> None:
    assert _claimed(resolver, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "#війна #україна #новини",
        "#новини",
        "🇺🇦🔥💥🔥💥🔥💥🔥💥",
        "Vrag obstrelyal Kharkov i Izyum, soobshchili v minoborony.",  # transliterated Russian
        "Rossiyskie voyska otoshli ot Balaklei v chetverg, soobshchili v ministerstve oborony.",
        "#",
        "😀",
        "#Ізюм_звільнено #ЗСУ",
        "12345 67890",
        "В\u0301орог",
        "\u200b\u00ad\u200d",
    ],
)
def test_posts_with_nothing_to_read_are_skipped_with_a_reason(
    resolver: PlaceResolver, text: str
) -> None:
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    (got,) = extractor.extract_many([Document(id="p", text=text, published="2024-03-10")])
    assert got.claims == []
    assert got.skipped


def test_a_short_slogan_is_read_as_ukrainian_and_claims_nothing(resolver: PlaceResolver) -> None:
    # short Cyrillic lines are routed by script, so a slogan is read, not skipped as English
    extractor = ClaimExtractor()
    extractor.places = GazetteerPlaces(resolver)
    text = "🇺🇦 Слава Україні! 🇺🇦"
    (got,) = extractor.extract_many([Document(id="p", text=text, published="2024-03-10")])
    assert got.claims == []
    assert [text[m.start : m.end] for m in got.mentions] == ["Україні"]


# Sentences written in the manner of the General Staff's daily report, the Russian defence
# ministry's briefing, oblast administrations' posts and wire copy (none from the gold).
@pytest.mark.parametrize(
    ("text", "language", "url", "expected"),
    [
        (  # the attacker before the verb, the defenders after «оборону»: the attack is RU's
            "На Харківському напрямку ворог двічі намагався прорвати оборону наших підрозділів"
            " в районі Вовчанська.",
            "uk",
            None,
            {("attack", "RU", "Vovchansk", "affirmed")},
        ),
        (  # «Сили оборони» names a side, not a village Syla; the direction yields to its villages
            "На Куп'янському напрямку Сили оборони відбили дев'ять атак окупантів поблизу"
            " Синьківки.",
            "uk",
            None,
            {
                ("attack", "RU", "Synkivka", "affirmed"),
                ("advance", "RU", "Synkivka", "negated"),
            },
        ),
        (
            "На Покровському напрямку агресор здійснив 26 штурмових дій у районі Мирнограда.",
            "uk",
            None,
            {("attack", "RU", "Myrnohrad", "affirmed")},
        ),
        (  # an official speaker's unsided liberation is its own side's; the republic an oblast
            "Подразделения группировки войск «Центр» освободили населенный пункт Гродовка"
            " Донецкой Народной Республики.",
            "ru",
            "https://mil.ru/news",
            {("control", "RU", "Hrodivka", "affirmed")},
        ),
        (  # the side word after a repelled counter-attack is its attacker
            "За сутки отражены три контратаки штурмовых групп ВСУ в районе населенного пункта"
            " Невельское.",
            "ru",
            "https://mil.ru/news",
            {("attack", "UA", "Nevelske", "affirmed"), ("advance", "UA", "Nevelske", "negated")},
        ),
        (  # the side word after «живой силе и технике» is what was struck
            "Подразделения группировки «Север» нанесли поражение живой силе и технике ВСУ в"
            " районе Волчанска.",
            "ru",
            "https://mil.ru/news",
            {("attack", "RU", "Vovchansk", "affirmed")},
        ),
        (  # an administration's damage line with no actor: the enemy's
            "Під ударом перебували Гуляйполе та Оріхів.",
            "uk",
            None,
            {("attack", "RU", "Huliaipole", "affirmed"), ("attack", "RU", "Orikhiv", "affirmed")},
        ),
        (  # «місто» after a colon is the city named before it in the sentence
            "Вибухи в Одесі: ворог атакував місто балістикою.",
            "uk",
            None,
            {("attack", "RU", "Odesa", "affirmed")},
        ),
        (
            "Российские военные заявили об установлении контроля над Угледаром.",
            "ru",
            None,
            {("control", "RU", "Vuhledar", "affirmed")},
        ),
        (  # a denial negates; a seizure with no side word is the enemy's
            "Інформація про захоплення Часового Яру не відповідає дійсності.",
            "uk",
            None,
            {("control", "RU", "Chasiv Yar", "negated")},
        ),
        (
            "Минобороны опровергло сообщения об отходе российских войск из Великой Новоселки.",
            "ru",
            None,
            {("withdrawal", "RU", "Velyka Novosilka", "negated")},
        ),
        (  # each trigger keeps the place after it: advanced to one town, took the other
            "В начале августа российские войска продвинулись к Нью-Йорку и заняли часть Торецка.",
            "ru",
            None,
            {("advance", "RU", "Niu-York", "affirmed"), ("control", "RU", "Toretsk", "affirmed")},
        ),
        (  # a side's adjective is no town (Ukrainsk); an adjective before «область» an oblast
            "Украинская армия вторглась в Курскую область и захватила Суджу.",
            "ru",
            None,
            {
                ("advance", "UA", "Kursk Oblast", "affirmed"),
                ("control", "UA", "Sudzha", "affirmed"),
            },
        ),
        (  # a formation's name in quotes is no place («Хортиця»): «міста» is the town before
            "Сили оборони відійшли з Вугледара, повідомили в угрупованні «Хортиця». Росіяни"
            " зайшли на околиці міста.",
            "uk",
            None,
            {
                ("withdrawal", "UA", "Vuhledar", "affirmed"),
                ("advance", "RU", "Vuhledar", "affirmed"),
            },
        ),
        (
            "Подразделения группировки войск «Восток» освободили населенный пункт Золотая Нива.",
            "ru",
            "https://mil.ru/news",
            {("control", "RU", "Zolota Nyva", "affirmed")},
        ),
        (  # the direction's town named again in the clause is a place of its own
            "На Торецькому напрямку ворог проводив наступальні дії в районі Торецька.",
            "uk",
            None,
            {("attack", "RU", "Toretsk", "affirmed")},
        ),
        (  # a strike on a target: the striker's side, the target's place
            "Сили оборони уразили пункт управління ворога в районі Токмака.",
            "uk",
            None,
            {("attack", "UA", "Tokmak", "affirmed")},
        ),
        (
            "Російська армія вдарила по житлових кварталах Херсона.",
            "uk",
            None,
            {("attack", "RU", "Kherson", "affirmed")},
        ),
        (
            "Українські війська вийшли з Авдіївки, заявив головнокомандувач.",
            "uk",
            None,
            {("withdrawal", "UA", "Avdiivka", "affirmed")},
        ),
        (
            "В середине февраля украинские подразделения начали отходить из Авдеевки.",
            "ru",
            None,
            {("withdrawal", "UA", "Avdiivka", "affirmed")},
        ),
    ],
)
def test_report_styles_give_their_claims(
    reader: CyrillicExtractor,
    text: str,
    language: str,
    url: str | None,
    expected: set[tuple[str, str | None, str | None, str]],
) -> None:
    assert _facts(_read(reader, text, language, url=url)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ворог готується до наступу на Покровськ.",
        "Окупанти можуть прорватися до Покровська найближчими днями.",
    ],
)
def test_preparing_or_being_able_to_advance_is_predicted(
    reader: CyrillicExtractor, text: str
) -> None:
    (claim,) = _read(reader, text)
    assert (claim.kind, claim.side, claim.modality) == ("advance", "RU", "predicted")


def test_a_loss_in_thousands_of_personnel_counts_people(reader: CyrillicExtractor) -> None:
    text = "Загальні бойові втрати противника склали: особового складу – близько 660 тисяч."
    (claim,) = _read(reader, text)
    assert claim.quantity is not None
    assert (claim.kind, claim.side) == ("loss", "RU")
    assert (claim.quantity.value, claim.quantity.unit) == (660_000, "people")


@pytest.mark.parametrize(
    ("text", "language", "name", "place"),
    [
        ("Бої точаться біля Часового Яру.", "uk", "Часового Яру", "Chasiv Yar"),
        ("Обстреляли Великую Новоселку.", "ru", "Великую Новоселку", "Velyka Novosilka"),
        ("Отражены атаки в районе Невельского.", "ru", "Невельского", "Nevelske"),
        ("Бои в Луганской Народной Республике.", "ru", "Луганской Народной Республике",
         "Luhansk Oblast"),
        ("На Харківському напрямку тихо.", "uk", "Харківському", "Kharkiv"),
        # a direction is its town's, not a village namesake's
        ("На Лиманському напрямку тихо.", "uk", "Лиманському", "Lyman"),
    ],
)  # fmt: skip
def test_case_forms_of_names_of_two_words_and_russian_spellings(
    reader: CyrillicExtractor, text: str, language: str, name: str, place: str
) -> None:
    found = {name: p.name for name, p in _places_read(reader, text, language).items()}
    assert found.get(name) == place


@pytest.mark.parametrize(
    ("text", "language", "url", "expected"),
    [
        (  # a figure after «знищено» makes it the loss, not the strike its lemma also names
            "За минулу добу знищено 500 окупантів.",
            "uk",
            None,
            ("loss", "RU", 500, "people"),
        ),
        (  # the noun the figure counts stands after its adjectives
            "За сутки на этом направлении уничтожено до 80 украинских военнослужащих.",
            "ru",
            "https://mil.ru/news",
            ("loss", "UA", 80, "people"),
        ),
        (
            "Ворог втратив 14 танків.",
            "uk",
            None,
            ("loss", "RU", 14, "items"),
        ),
    ],
)
def test_a_destroyed_figure_is_a_loss_of_people_or_items(
    reader: CyrillicExtractor,
    text: str,
    language: str,
    url: str | None,
    expected: tuple[str, str, float, str],
) -> None:
    (claim,) = _read(reader, text, language, url=url)
    assert claim.quantity is not None
    assert (claim.kind, claim.side, claim.quantity.value, claim.quantity.unit) == expected


def test_a_destroyed_target_without_a_figure_stays_a_strike(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "У Херсоні знищено склад боєприпасів окупантів.")
    assert _facts(claims) == {("attack", "UA", "Kherson", "affirmed")}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Російські війська вийшли до околиць Покровська.",
            "uk",
            ("advance", "RU", "Pokrovsk", "affirmed"),
        ),
        (
            "Российские войска вышли к окраинам Покровска.",
            "ru",
            ("advance", "RU", "Pokrovsk", "affirmed"),
        ),
        (
            "Наприкінці травня Бахмут перейшов під контроль російських військ.",
            "uk",
            ("control", "RU", "Bakhmut", "affirmed"),
        ),
        (
            "В конце мая Бахмут перешёл под контроль российских войск.",
            "ru",
            ("control", "RU", "Bakhmut", "affirmed"),
        ),
        ("Наші воїни мали успіх в районі Роботиного.", "uk", ("advance", "UA", "Robotyne",
                                                             "affirmed")),
        ("Ворог скинув керовані авіабомби на Вовчанськ.", "uk", ("attack", "RU", "Vovchansk",
                                                                "affirmed")),
        ("Российская авиация нанесла авиаудар по Купянску.", "ru", ("attack", "RU", "Kupiansk",
                                                                    "affirmed")),
    ],
)  # fmt: skip
def test_reaching_passing_under_control_gains_and_air_strikes(
    reader: CyrillicExtractor, text: str, language: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in _facts(_read(reader, text, language))


@pytest.mark.parametrize(
    ("text", "language", "name", "oblast"),
    [
        ("Бои у Ивановки Харьковской области.", "ru", "Ивановки", "Kharkiv Oblast"),
        ("Обстрелу подверглась Ивановка Херсонской области.", "ru", "Ивановка", "Kherson Oblast"),
        ("Освобождена Андреевка Донецкой Народной Республики.", "ru", "Андреевка",
         "Donetsk Oblast"),
        ("Ворог обстріляв Іванівку Херсонської області.", "uk", "Іванівку", "Kherson Oblast"),
    ],
)  # fmt: skip
def test_a_settlement_followed_by_its_oblast_is_the_namesake_there(
    reader: CyrillicExtractor, text: str, language: str, name: str, oblast: str
) -> None:
    found = {name: p.admin1 for name, p in _places_read(reader, text, language).items()}
    assert found.get(name) == oblast


@pytest.mark.parametrize(
    ("text", "language", "url", "expected"),
    [
        (  # a killing counts the dead of the side named after it, not of the killers
            "Сили оборони ліквідували 30 окупантів у районі Кринок.",
            "uk",
            None,
            ("loss", "RU", "Krynky", 30, "people"),
        ),
        (  # no side word after it: the other side than the one before it
            "Сили оборони знищили 12 танків.",
            "uk",
            None,
            ("loss", "RU", None, 12, "items"),
        ),
        (  # neither: the speaker's enemy
            "Уничтожены 3 танка и 5 боевых машин.",
            "ru",
            "https://mil.ru/news",
            ("loss", "UA", None, 3, "items"),
        ),
    ],
)
def test_a_killing_is_the_loss_of_the_side_killed(
    reader: CyrillicExtractor,
    text: str,
    language: str,
    url: str | None,
    expected: tuple[str, str, str | None, float, str],
) -> None:
    (claim,) = _read(reader, text, language, url=url)
    assert claim.quantity is not None
    place = claim.place.name if claim.place else None
    got = (claim.kind, claim.side, place, claim.quantity.value, claim.quantity.unit)
    assert got == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Окупанти втратили під Авдіївкою тисячі своїх солдатів.", "uk", "Avdiivka"),
        ("Сотні окупантів були втрачені під Бахмутом.", "uk", "Bakhmut"),
        ("Российская армия потеряла сотни военнослужащих под Угледаром.", "ru", "Vuhledar"),
    ],
)
def test_a_loss_in_words_at_a_place_has_no_figure(
    reader: CyrillicExtractor, text: str, language: str, expected: str
) -> None:
    (claim,) = _read(reader, text, language)
    assert (claim.kind, claim.side, claim.place.name if claim.place else None) == (
        "loss",
        "RU",
        expected,
    )
    assert claim.quantity is None


@pytest.mark.parametrize(
    ("text", "language", "name", "place"),
    [
        ("Бої точаться у районі Кринок.", "uk", "Кринок", "Krynky"),
        ("Ворог завдав удару по Малих Щербаках.", "uk", "Малих Щербаках", "Mali Shcherbaky"),
        ("Бои идут у Малых Щербаков.", "ru", "Малых Щербаков", "Mali Shcherbaky"),
    ],
)
def test_a_name_that_has_only_a_plural_is_found_in_its_case_forms(
    reader: CyrillicExtractor, text: str, language: str, name: str, place: str
) -> None:
    found = {name: p.name for name, p in _places_read(reader, text, language).items()}
    assert found.get(name) == place


@pytest.mark.parametrize(
    ("text", "language", "url", "expected"),
    [
        (  # a river's bank names the river, not the city of its name
            "Українські воїни утримують позиції в Кринках на лівому березі Дніпра.",
            "uk",
            None,
            {("control", "UA", "Krynky", "affirmed")},
        ),
        (
            "Ми повернули Україні Кліщіївку та Андріївку.",
            "uk",
            "https://www.president.gov.ua/news/x",
            {
                ("control", "UA", "Klishchiivka", "affirmed"),
                ("control", "UA", "Andriivka", "affirmed"),
            },
        ),
        ("Бахмут тримається.", "uk", "https://www.president.gov.ua/news/x",
         {("control", "UA", "Bakhmut", "affirmed")}),
        (  # the subject before the verb is the side, not the object after it
            "Наші війська відтіснили противника від Роботиного.",
            "uk",
            None,
            {("advance", "UA", "Robotyne", "affirmed")},
        ),
        (
            "Российские войска потеснили ВСУ у Синьковки.",
            "ru",
            None,
            {("advance", "RU", "Synkivka", "affirmed")},
        ),
        (  # a direction named for a town in «-ївка» is that town's
            "Ворог продовжує штурмові дії на Авдіївському напрямку.",
            "uk",
            None,
            {("attack", "RU", "Avdiivka", "affirmed")},
        ),
        (
            "Противник атаковал на Авдеевском направлении.",
            "ru",
            None,
            {("attack", "RU", "Avdiivka", "affirmed")},
        ),
    ],
)  # fmt: skip
def test_river_banks_holding_out_pushing_back_and_directions(
    reader: CyrillicExtractor,
    text: str,
    language: str,
    url: str | None,
    expected: set[tuple[str, str | None, str | None, str]],
) -> None:
    assert _facts(_read(reader, text, language, url=url)) == expected


def test_an_oblast_after_a_list_places_every_settlement_of_it(reader: CyrillicExtractor) -> None:
    text = "Наші захисники відбили 7 атак ворога біля Макіївки та Торського Луганської області."
    document = Document(id="t", text=text, published="2024-03-10", language="uk")
    (read,) = reader.read_many([(document, "uk")])
    found = {text[m.start : m.end]: m.place.admin1 for m in read.mentions if m.place}
    assert found.get("Макіївки") == "Luhansk Oblast"


@pytest.mark.parametrize(
    ("text", "language", "name", "oblast"),
    [
        ("Внаслідок удару дрона по с. Іванівка Чугуївського району пошкоджено будинок.", "uk",
         "Іванівка", "Kharkiv Oblast"),
        ("Ворог атакував с. Олександрівка Богодухівського району.", "uk", "Олександрівка",
         "Kharkiv Oblast"),
        ("Обстріляли Іванівку та Петропавлівку Куп'янського району.", "uk", "Іванівку",
         "Kharkiv Oblast"),
    ],
)  # fmt: skip
def test_a_settlement_followed_by_its_district_lies_in_the_districts_oblast(
    reader: CyrillicExtractor, text: str, language: str, name: str, oblast: str
) -> None:
    found = {name: p.admin1 for name, p in _places_read(reader, text, language).items()}
    assert found.get(name) == oblast


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Оголошено обов'язкову евакуацію з Куп'янська.", "uk",
         ("evacuation", "UA", "Kupiansk", None)),
        ("З Покровська евакуювали 500 людей.", "uk", ("evacuation", "UA", "Pokrovsk", 500)),
        ("Ворог перекинув додаткові підрозділи до Куп'янська.", "uk",
         ("deployment", "RU", "Kupiansk", None)),
        ("Российское командование перебросило резервы под Бахмут.", "ru",
         ("deployment", "RU", "Bakhmut", None)),
        # a cut line is the supply of the side it feeds, not of the side cutting it
        ("Росіяни перерізали логістичні шляхи до Часового Яру.", "uk",
         ("supply", "UA", "Chasiv Yar", None)),
        # the side in a half-encirclement is the side encircled: the other side encircles
        ("ВСУ находятся в полуокружении в районе Торецка.", "ru",
         ("encirclement", "RU", "Toretsk", None)),
        ("Угруповання ЗСУ в Авдіївці опинилося під загрозою оточення.", "uk",
         ("encirclement", "RU", "Avdiivka", None)),
    ],
)  # fmt: skip
def test_evacuation_deployment_supply_and_encirclement(
    reader: CyrillicExtractor,
    text: str,
    language: str,
    expected: tuple[str, str, str, float | None],
) -> None:
    (claim,) = _read(reader, text, language)
    figure = claim.quantity.value if claim.quantity else None
    assert (claim.kind, claim.side, claim.place.name if claim.place else None, figure) == expected


def test_encircling_a_town_stays_the_encirclers(reader: CyrillicExtractor) -> None:
    claims = _read(reader, "Російські війська оточили Авдіївку.")
    assert _facts(claims) == {("encirclement", "RU", "Avdiivka", "affirmed")}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("По состоянию на 14 сентября Бахмут остается под контролем ВСУ.", "ru",
         ("control", "UA", "Bakhmut", "affirmed")),
        ("Наразі Кліщіївка залишається під контролем окупантів.", "uk",
         ("control", "RU", "Klishchiivka", "affirmed")),
    ],
)  # fmt: skip
def test_a_place_under_a_sides_control_is_held_by_it(
    reader: CyrillicExtractor, text: str, language: str, expected: tuple[str, str, str, str]
) -> None:
    assert _facts(_read(reader, text, language)) == {expected}
