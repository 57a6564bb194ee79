"""The generated place tables: regenerating them from their sources gives the committed copy."""

from __future__ import annotations

import pytest

from frontwatch.places import _build


@pytest.mark.slow
def test_committed_tables_are_current() -> None:
    tables = _build.build()
    stale = [
        name
        for name, text in sorted(tables.files.items())
        if not (_build.BUILT / name).is_file()
        or (_build.BUILT / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run: python scripts/build_aliases.py"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# a comment\nOf the\n\nMost  # trailing comment\n", "most\nof\nthe\n"),
        ("Police POLICE police", "police\n"),
        ("", ""),
    ],
)
def test_stoplist_text_is_sorted_unique_keys(source: str, expected: str) -> None:
    assert _build.stoplist_text(source) == expected


def test_stoplist_source_keeps_common_words_out() -> None:
    words = _build.stoplist_text(_build.STOPLIST.read_text(encoding="utf-8")).split()
    assert {"of", "most", "police", "reading", "thursday"} <= set(words)
    assert "kharkiv" not in words


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Tunisia", "Tunisian"),
        ("Jamaica", "Jamaican"),
        ("Zimbabwe", "Zimbabwean"),
        ("Morocco", "Moroccan"),
        ("Uzbekistan", "Uzbekistani"),
        ("Iran", None),  # no regular ending
        ("Sri Lanka", None),  # more than one word
    ],
)
def test_demonym_of_uses_the_regular_endings(name: str, word: str | None) -> None:
    assert _build.demonym_of(name) == word


def test_derived_demonyms_leave_curated_and_country_words_alone() -> None:
    curated = {"demonym": [{"ref": "country:TN", "words": ["Tunisian"]}]}
    countries = {
        "TN": {"name": "Tunisia"},
        "DM": {"name": "Dominica"},
        "DO": {"name": "Dominican Republic"},
        "JM": {"name": "Jamaica"},
    }
    got = list(_build._derived_demonyms(curated, countries))
    assert got == [("country:JM", "Jamaican", "demonym"), ("country:JM", "Jamaicans", "demonym")]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Andreevka", "Андріївка", True),  # Russian and Ukrainian forms of one name
        ("Андреевка", "Андріївка", True),
        ("Nikolaev", "Mykolaiv", True),
        ("Kharkov", "Kharkiv", True),
        ("Wysznewe", "Vyshneve", True),  # Polish spelling
        ("Pidgajci", "Pidhaitsi", True),
        ("Andriivka", "Sukhanivka", False),  # a renamed village: two names
        ("Андреевка", "Суханівка", False),
        ("Artemivsk", "Bakhmut", False),
    ],
)
def test_same_name_tells_spellings_from_other_names(a: str, b: str, same: bool) -> None:
    assert _build.same_name(a, b) is same


def test_mark_former_names_retags_an_old_name_others_bear_now() -> None:
    aliases = {
        ("1", "Sukhanivka", "name"),
        ("1", "Суханівка", "katottg"),
        ("1", "Andriivka", "geonames"),  # its name before the renaming
        ("1", "Андреевки", "case-ru"),
        ("1", "Artemivka", "geonames"),  # an old name nobody else bears
        ("1", "Sukhanovka", "geonames"),  # a spelling of its current name
        ("2", "Andriivka", "name"),
        ("v:UA1", "Андреевки", "case-ru"),
        ("3", "Artemivka", "name"),  # not a settlement of Ukraine
    }
    out = _build.mark_former_names(aliases, {"1": ("Суханівка", "Sukhanivka")}, {"1", "2", "v:UA1"})
    assert out == (aliases - {("1", "Andriivka", "geonames"), ("1", "Андреевки", "case-ru")}) | {
        ("1", "Andriivka", "former"),
        ("1", "Андреевки", "former"),
    }


def test_former_and_then_derived_russian_rank_last() -> None:
    # an alias made two ways keeps the better: a name GeoNames attests is never re-tagged
    # as a guess of the generator's, and a current name never as a former one
    last = sorted(_build.HOW_RANK, key=_build.HOW_RANK.__getitem__)[-2:]
    assert last == ["former", "derived-ru"]


def test_derived_russian_aliases_are_forms_and_romanizations() -> None:
    rules = _build.russian.load_rules()
    got = list(_build.derived_russian_aliases("v:x", "Тармівка", rules))
    assert {how for _, _, how in got} == {"derived-ru"}
    assert {ref for ref, _, _ in got} == {"v:x"}
    names = [alias for _, alias, _ in got]
    assert names[:2] == ["Тармовка", "Tarmovka"]
    assert "Тармевка" in names  # the less usual reading too
    assert "Тармівка" not in names  # the Ukrainian name is no derived alias


def test_derived_russian_aliases_leave_english_words_out() -> None:
    # Невір: the Russian form Невер (і for an old ѣ), romanized "Never"
    rules = _build.russian.load_rules()
    got = [alias for _, alias, _ in _build.derived_russian_aliases("v:x", "Невір", rules)]
    assert "Невер" in got
    assert "Never" not in got
    assert "Невір" not in got
