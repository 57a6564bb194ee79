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
