"""Build the claims lexicon: src/frontwatch/data/src/claims/*.toml -> data/claims/lexicon.json.

Usage: python scripts/build_lexicons.py [--check]

The sources are hand-edited TOML; the built file is what the package reads. It is
validated here (known kinds, argument roles, constraints), normalised (lower case,
duplicates dropped, lists sorted) and written with sorted keys so that a rebuild of an
unchanged source gives byte-identical output. ``--check`` exits 1 when the committed
file differs from a fresh build.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path
from typing import Any

from frontwatch.model import KINDS as MODEL_KINDS

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "frontwatch" / "data" / "src" / "claims"
TARGET = ROOT / "src" / "frontwatch" / "data" / "claims" / "lexicon.json"

KINDS = frozenset(MODEL_KINDS)
ROLES = {"agent", "patient", "opposite_patient"}
NEEDS = {"", "object_place", "control_frame", "flag_return", "seen", "military_object", "own_loss"}
POS = {"VERB", "NOUN", "ADJ"}
SIDES = {"UA", "RU", "other"}


def build(source: Path = SOURCE) -> dict[str, Any]:
    """Read every TOML source and return the normalised lexicon."""
    triggers = _load(source / "triggers.toml")
    attribution = _load(source / "attribution.toml")
    modality = _load(source / "modality.toml")
    actors = _load(source / "actors.toml")
    losses = _load(source / "losses.toml")
    return {
        "version": 1,
        "triggers": [_trigger(i, t) for i, t in enumerate(triggers["trigger"])],
        "irregular_forms": _normalise(triggers.get("irregular_forms", [])),
        "territory_from": _kinds(triggers.get("territory_from", [])),
        "attribution": _normalise(attribution),
        "modality": _normalise(modality),
        "actors": _actors(actors),
        "losses": _normalise(losses),
    }


def render(lexicon: dict[str, Any]) -> str:
    return json.dumps(lexicon, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _trigger(index: int, entry: dict[str, Any]) -> dict[str, Any]:
    where = f"triggers.toml entry {index}"
    kind = entry["kind"]
    side = entry.get("side", "agent")
    needs = entry.get("needs", "")
    pos = sorted(set(entry["pos"]))
    if kind not in KINDS:
        raise SystemExit(f"{where}: unknown kind {kind!r}")
    if side not in ROLES and not side.startswith("prep:"):
        raise SystemExit(f"{where}: unknown side role {side!r}")
    if needs not in NEEDS:
        raise SystemExit(f"{where}: unknown constraint {needs!r}")
    if not set(pos) <= POS:
        raise SystemExit(f"{where}: unknown part of speech in {pos}")
    return {
        "kind": kind,
        "lemmas": sorted({str(w).lower().strip() for w in entry["lemmas"]}),
        "pos": pos,
        "side": side,
        "needs": needs,
        "weight": float(entry.get("weight", 0.7)),
        "regain": bool(entry.get("regain", False)),
        "attempts": bool(entry.get("attempts", False)),
        "attributive": bool(entry.get("attributive", False)),
        "sideless": bool(entry.get("sideless", False)),
    }


def _kinds(kinds: list[str]) -> list[str]:
    unknown = sorted(set(kinds) - KINDS)
    if unknown:
        raise SystemExit(f"triggers.toml territory_from: unknown kinds {unknown}")
    return sorted(set(kinds))


def _actors(actors: dict[str, Any]) -> dict[str, Any]:
    sides = actors["sides"]
    if not set(sides) <= SIDES:
        raise SystemExit(f"actors.toml: unknown side in {sorted(sides)}")
    out = _normalise({k: v for k, v in actors.items() if k != "sides"})
    out["sides"] = {side: sorted({w.lower() for w in words}) for side, words in sides.items()}
    return dict(out)


def _normalise(value: Any) -> Any:
    """Lower-case list items, drop duplicates and sort lists; recurse into tables."""
    if isinstance(value, dict):
        return {str(k).lower(): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted({str(v).lower() for v in value})
    return value


def main(argv: list[str]) -> int:
    text = render(build())
    if "--check" in argv:
        same = TARGET.is_file() and TARGET.read_text(encoding="utf-8") == text
        print("lexicon up to date" if same else f"{TARGET} differs from a fresh build")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
