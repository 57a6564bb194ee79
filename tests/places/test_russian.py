"""Russian forms of Ukrainian names by the correspondence table: each rule on a made-up name."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.errors import ConfigError
from frontwatch.places._russian import Rules as RussianRules
from frontwatch.places._russian import load_rules, romanizations, russian_forms


@pytest.fixture(scope="module")
def rules() -> RussianRules:
    return load_rules()


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [
        ("Ладріївка", "Ладреевка"),  # -іївка: -еевка
        ("Бураївка", "Бураевка"),  # -ївка after a vowel: -евка
        ("Тармівка", "Тармовка"),  # -івка: -овка
        ("Зараїв", "Зараев"),  # -їв: -ев
        ("Борків", "Борков"),  # -ів: -ов
        ("Гармове", "Гармовое"),  # -ове: -овое
        ("Ломеве", "Ломевое"),  # -еве: -евое
        ("Гуєве", "Гуевое"),  # -єве: -евое
        ("Ладрине", "Ладрино"),  # -ине: -ино
        ("Турманне", "Турманное"),  # neuter adjective -е: -ое
        ("Борменьке", "Борменькое"),  # -ньке keeps its soft sign: -нькое
        ("Ламарське", "Ламарское"),  # -ське: -ское
        ("Дорецьке", "Дорецкое"),  # -цьке: -цкое
        ("Зархнє", "Зархнее"),  # soft adjective -нє: -нее
        ("Кармний Бор", "Кармный Бор"),  # -ий: -ый, every word of the name
        ("Ломарська", "Ломарская"),  # -ська: -ская
        ("Тарецька", "Тарецкая"),  # -цька: -цкая
        ("Дармонна", "Дармонная"),  # -нна: -нная
        ("Ломова Балка", "Ломовая Балка"),  # -ова: -овая
        ("Борськ", "Борск"),  # -ськ: -ск
        ("Тарецьк", "Тарецк"),  # -цьк: -цк
        ("Бур'янка", "Бурьянка"),  # apostrophe before я: ь
        ("Заїрка", "Заирка"),  # ї: и
        ("Заєрка", "Заерка"),  # є: е
        ("Ґарманка", "Гарманка"),  # ґ: г
        ("Бірзанка", "Бирзанка"),  # і: и
        ("Миколобівка", "Николобовка"),  # given names: Микола, Никола
        ("Олексарка", "Алексарка"),  # Олекс-, Алекс-
    ],
)
def test_likeliest_russian_form(rules: RussianRules, ukrainian: str, russian: str) -> None:
    assert russian_forms(ukrainian, rules)[0] == russian


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [
        ("Тармівка", "Тармевка"),  # -івка after a soft consonant: -евка
        ("Гармове", "Гармово"),  # -ове: also -ово
        ("Ладрине", "Ладриное"),  # -ине: also -иное
        ("Бірзанка", "Берзанка"),  # і for an old ѣ: е
        ("Бистрянка", "Быстрянка"),  # и: also ы
        ("Бур'янка", "Бурянка"),  # the apostrophe dropped
        ("Оленарка", "Еленарка"),  # Олен-, Елен-
        ("Емборськ", "Эмборск"),  # a first е: э
        ("Дармона", "Дармоная"),  # -на: a feminine adjective -ная
    ],
)
def test_less_usual_readings_come_too(rules: RussianRules, ukrainian: str, russian: str) -> None:
    assert russian in russian_forms(ukrainian, rules)


def test_one_reading_holds_for_every_occurrence_of_a_letter(rules: RussianRules) -> None:
    forms = russian_forms("Бірзінка", rules)
    assert forms[:2] == ["Бирзинка", "Берзенка"]
    assert "Бирзенка" not in forms
    assert "Берзинка" not in forms


def test_forms_are_capped_and_leave_the_ukrainian_spelling_out(rules: RussianRules) -> None:
    forms = russian_forms("Бірзинівка Ломова", rules)
    assert 1 <= len(forms) <= rules.max_forms
    assert len(set(forms)) == len(forms)
    assert russian_forms("Каховка", rules) == []  # no rule applies: nothing new


def test_apostrophe_spellings_and_hyphens(rules: RussianRules) -> None:
    assert russian_forms("Бур’янка", rules)[0] == "Бурьянка"
    assert russian_forms("Гарм-Ломове", rules)[0] == "Гарм-Ломовое"


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Борзеевка", ["Borzeyevka"]),  # е after a vowel: ye
        ("Ерковое", ["Yerkovoye"]),  # е first in the word: ye
        ("Бурьинка", ["Buryinka"]),  # и after ь: yi; the sign dropped
        ("Майловка", ["Maylovka", "Mailovka"]),  # й: y, or i
        ("Щучье Озеро", ["Shchuchye Ozero"]),
        ("Хацкая", ["Khatskaya"]),
    ],
)
def test_english_romanizations(rules: RussianRules, russian: str, latin: list[str]) -> None:
    assert romanizations(russian, rules) == latin


def test_a_malformed_table_is_a_config_error(tmp_path: Path) -> None:
    table = tmp_path / "forms.toml"
    table.write_text('max_forms = 2\n[[ending]]\nuk = "е"\nru = []\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"forms\.toml"):
        load_rules(table)
