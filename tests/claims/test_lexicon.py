"""The claims lexicon: the built copy is current, and its tables load."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from frontwatch.claims.lexicon import load_lexicon
from frontwatch.model import KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_regenerating_gives_the_committed_lexicon(
    load_script: Callable[[str], ModuleType],
) -> None:
    module = load_script("scripts/build_lexicons.py")
    built = module.render(module.build())
    committed = (ROOT / "src" / "frontwatch" / "data" / "claims" / "lexicon.json").read_text(
        encoding="utf-8"
    )
    assert built == committed


def test_every_kind_but_territory_has_a_trigger() -> None:
    kinds = {t.kind for t in load_lexicon().triggers}
    assert kinds == set(KINDS) - {"territory"}
    assert load_lexicon().territory_from


def test_sides_of_actor_words() -> None:
    sides = load_lexicon().sides
    assert (sides["kyiv"], sides["kremlin"], sides["wagner"], sides["dpr"]) == (
        "UA",
        "RU",
        "RU",
        "RU",
    )
