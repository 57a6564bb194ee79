"""The fusion lexicons: the built copy is current and covers every claim kind."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch.claims.extract import UNSURE_PLACE_PRECISION
from frontwatch.errors import ConfigError
from frontwatch.fuse import lexicons
from frontwatch.model import KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_built_lexicons_are_current() -> None:
    script = ROOT / "scripts" / "build_fuse_lexicons.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_kind_has_a_rule() -> None:
    assert set(lexicons().kind_rules) == set(KINDS)


def test_no_control_is_built_on_a_place_the_places_stage_is_unsure_of() -> None:
    # a claim on an unsure place (perhaps a namesake) carries UNSURE_PLACE_PRECISION
    rules = lexicons().kind_rules
    assert all(rule.max_precision < UNSURE_PLACE_PRECISION for rule in rules.values())


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Igor Konashenkov", "russian defence ministry"),
        ("Zelensky", "volodymyr zelensky"),
        ("Armed Forces of Ukraine", "ukrainian general staff"),
        ("ISW", "institute for the study of war"),
    ],
)
def test_claimant_aliases_fold(name: str, canonical: str) -> None:
    assert lexicons().claimant(name) == canonical


def test_the_belligerents_oppose_each_other() -> None:
    assert [lexicons().opposite(s) for s in ("UA", "RU", "other", None)] == ["RU", "UA", None, None]


def test_an_unknown_conflict_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="no conflict profile 'atlantis'"):
        lexicons("atlantis")


@pytest.mark.parametrize(("name", "wire"), [("Agence France-Presse", "AFP"), ("ITAR-TASS", "TASS")])
def test_wire_aliases_fold(name: str, wire: str) -> None:
    assert lexicons().wire(name) == wire


GOOD_TRANSLATION = """max_hours = 24
min_overlap = 0.6
min_shared = 1
language_labels = ["en"]
second_level = ["com"]
channel_hosts = ["t.me"]
"""


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (("min_overlap = 0.6", "min_overlap = 1.5"), "min_overlap in"),
        (("min_shared = 1", "min_shared = 0"), "min_shared >= 1"),
        (("max_hours = 24", 'max_hours = "a day"'), "max_hours must be a number"),
        (("min_shared = 1\n", ""), "expected the keys"),
    ],
    ids=["overlap-above-one", "no-shared-claim", "hours-as-text", "missing-key"],
)
def test_bad_translation_settings_are_refused(
    load_script: Callable[[str], ModuleType],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str],
    error: str,
) -> None:
    script = load_script("scripts/build_fuse_lexicons.py")
    (tmp_path / "translation.toml").write_text(GOOD_TRANSLATION.replace(*edit), encoding="utf-8")
    monkeypatch.setattr(script, "SRC", tmp_path)
    with pytest.raises(SystemExit, match=error):
        script._translation()


def test_the_translation_settings_are_read() -> None:
    rule = lexicons().translation
    assert (rule.max_hours, rule.min_shared) == (24.0, 1)
    assert 0 < rule.min_overlap <= 1 and "en" in rule.language_labels
