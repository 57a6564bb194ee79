"""Detection helpers: the common-English-word check and the word list behind it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch.places._detect import ENGLISH_WORDS, common_word

ROOT = Path(__file__).resolve().parents[2]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_english_words", ROOT / "scripts" / "build_english_words.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_english_words"] = module
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_the_committed_word_list() -> None:
    builder = _builder()
    missing = [str(p) for p in builder.SOURCES if not p.is_file()]
    if missing:
        pytest.skip(f"SCOWL lists not installed: {missing} (apt-get install wamerican-small "
                    "wbritish-small)")  # fmt: skip
    assert builder.build() == builder.TARGET.read_text(encoding="utf-8")


def test_build_keeps_lower_case_words_only(tmp_path: Path) -> None:
    source = tmp_path / "words"
    source.write_text("village\nAtlantis\nSupreme\nsupreme\nit's\nox\nZürich\n", encoding="utf-8")
    text = _builder().build((source,))
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
