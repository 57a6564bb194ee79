"""Language routing: Ukrainian never read as Russian, other languages named, short texts."""

from __future__ import annotations

import pytest

from frontwatch.read.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Минулої доби противник атакував позиції наших захисників біля Бахмута.", "uk"),
        ("Під вогнем ворога перебували три населені пункти громади.", "uk"),
        ("Сили оборони відбили атаки окупантів на лівому березі.", "uk"),
        ("Силы обороны отбили атаки противника на левом берегу.", "ru"),
        ("Подразделения группировки войск заняли более выгодные рубежи.", "ru"),
        ("Войските превзеха града след тежки боеве в продължение на седмица.", "bg"),
        ("Russian forces withdrew from the city on Friday, officials said.", "en"),
        ("Die Truppen haben die Stadt nach schweren Kämpfen eingenommen.", "de"),
    ],
)
def test_each_language_is_named(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize("declared", ["uk", "ru"])
def test_a_cyrillic_word_alone_keeps_the_declared_language(declared: str) -> None:
    assert detect_language("Бахмут", declared).code == declared


def test_a_latin_text_too_short_keeps_the_declared_language() -> None:
    assert detect_language("Izium", "en").code == "en"
    assert detect_language("Izium").code == "und"


@pytest.mark.parametrize(
    "text",
    ["#війна #україна #новини #фронт #зсу", "🇺🇦🔥💥 " * 20, "12345 67890 " * 10],
)
def test_hashtags_emoji_and_digits_give_a_guess_with_a_reason(text: str) -> None:
    guess = detect_language(text)
    assert guess.reason
    assert guess.code in {"uk", "und"}


def test_latin_letters_inside_cyrillic_words_still_read_as_cyrillic() -> None:
    # copied Telegram text: Latin "a", "o", "e" in Ukrainian words
    text = "Минулoї дoби вoрoг oбстріляв нaселені пункти Хaрківщини тa Сумщини."
    assert detect_language(text).code == "uk"


def test_transliterated_russian_is_not_english() -> None:
    text = "Vooruzhennye sily zanyali gorod posle tyazhelykh boev v rayone vokzala"
    assert detect_language(text).code != "en"


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        ("Взяли Кліщіївку", "uk", "letters only Ukrainian writes: ії"),
        ("Наші взяли Бахмут", "uk", "letters only Ukrainian writes: і"),
        ("Ворог тікає", "uk", "letters only Ukrainian writes"),
        ("Мы отошли", "ru", "letters only Russian writes: ы"),
        ("Нас не возьмёшь", "ru", "letters only Russian writes: ё"),
        ("Объявлен отход", "ru", "letters only Russian writes: ъ"),
        ("Наши взяли Бахмут", "ru", "words only Russian has: наши"),
        ("Уничтожен танк", "ru", "words only Russian has: уничтожен"),
        ("Знищено танк", "uk", "words only Ukrainian has: знищено"),
        ("Окупанти втекли", "uk", "words only Ukrainian has: окупанти"),
    ],
)
def test_a_short_cyrillic_line_is_ukrainian_or_russian(text: str, code: str, says: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert says in guess.reason


@pytest.mark.parametrize("text", ["Бахмут — наш", "Херсон наш!", "Бахмут"])
def test_a_short_line_neither_letters_nor_words_decide_is_routed_by_lingua(text: str) -> None:
    guess = detect_language(text)
    assert guess.code in {"uk", "ru"}
    assert "lingua between Ukrainian and Russian" in guess.reason


@pytest.mark.parametrize("declared", ["uk", "ru"])
def test_where_lingua_is_unsure_a_short_line_keeps_the_declared_language(declared: str) -> None:
    # «Бахмут — наш» is the same in both languages
    assert detect_language("Бахмут — наш", declared).code == declared


def test_a_short_line_with_letters_of_both_languages_is_decided_by_its_words() -> None:
    # a Russian sentence quoting a Ukrainian place name: the name's «і» must not win
    guess = detect_language("Противник отступил из Кліщіївки")
    assert guess.code in {"uk", "ru"}
    assert "letters only" not in guess.reason


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("VSU otoshli ot Kupyanska", "ru-Latn"),
        ("Vooruzhennye sily zanyali gorod posle tyazhelykh boev v rayone vokzala", "ru-Latn"),
        ("Nashi vzyali Bakhmut", "ru-Latn"),
        ("Okupanty vidijshly z Khersonu", "uk-Latn"),
        ("Vorog obstrilyav naseleni punkty Kharkivshchyny", "uk-Latn"),
    ],
)
def test_transliterated_russian_and_ukrainian_are_named_as_such(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.reason.startswith("Latin-script ")
    assert "(transliterated)" in guess.reason


@pytest.mark.parametrize(
    "text",
    [
        "Wojska rosyjskie wycofaly sie z Chersonia po ciezkich walkach",
        "Die Truppen haben die Stadt nach schweren Kampfen eingenommen",
        "Les troupes ont repris la ville apres de violents combats",
        "Vojska se stahla z mesta po tezkych bojich",
        "Las tropas rusas se retiraron de la ciudad tras duros combates",
        "Ukraine retakes Izium as Russian lines collapse",
    ],
)
def test_other_latin_script_text_is_not_read_as_transliteration(text: str) -> None:
    assert not detect_language(text).code.endswith("-Latn")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a repetitive Ukrainian list lingua would call Macedonian: no Macedonian letter in it
        ("Минулої доби ворог обстріляв Херсон та Берислав. " * 3, "uk"),
        ("Вчера российские войска обстреляли Херсон и Берислав. " * 3, "ru"),
        ("Бабата оди во продавница, а потоа дојде дома и јадеше леб со сирење.", "mk"),
    ],
)
def test_a_cyrillic_language_needs_its_own_letters(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_latin_lookalikes_in_cyrillic_words_count_as_cyrillic() -> None:
    # every word mixes scripts, over half the letters are Latin: still Ukrainian
    assert detect_language("Вoрoг oбcтрiляв Xерcoн і Бeриcлaв").code == "uk"
