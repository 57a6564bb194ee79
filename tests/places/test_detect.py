"""Detection helpers: the common-English-word check and the word list behind it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch.places._detect import ENGLISH_WORDS, common_word

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builder(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("scripts/build_english_words.py")


def test_regenerating_gives_the_committed_word_list(builder: ModuleType) -> None:
    missing = [str(p) for p in builder.SOURCES if not p.is_file()]
    if missing and os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and the SCOWL lists are not installed: {missing}")
    if missing:
        pytest.skip(f"SCOWL lists not installed: {missing} (apt-get install wamerican-small "
                    "wbritish-small)")  # fmt: skip
    assert builder.build() == builder.TARGET.read_text(encoding="utf-8")


def test_build_keeps_lower_case_words_only(builder: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "words"
    source.write_text("village\nAtlantis\nSupreme\nsupreme\nit's\nox\nZürich\n", encoding="utf-8")
    text = builder.build((source,))
    words = [line for line in text.splitlines() if not line.startswith("#")]
    assert words == ["supreme", "village"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Supreme", True),
        ("the village", True),
        ("The Village", True),
        ("Kharkiv", False),
        ("Atlantis", False),  # a proper name, not a common word
        ("Moremi", False),
        ("the", False),
        ("", False),
    ],
)
def test_common_word(text: str, expected: bool) -> None:
    assert common_word(text) is expected


def test_the_list_holds_no_place_of_the_war() -> None:
    assert {"supreme", "village", "reading"} <= ENGLISH_WORDS
    assert not {"kharkiv", "kyiv", "izium", "lyman", "bakhmut"} & ENGLISH_WORDS
