"""The fusion lexicons: the built copy is current and covers every claim kind."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
