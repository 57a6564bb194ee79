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


def test_a_text_too_short_keeps_the_declared_language() -> None:
    assert detect_language("Бахмут", "uk").code == "uk"
    assert detect_language("Бахмут").code == "und"


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
