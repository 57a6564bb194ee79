"""Build ``src/frontwatch/data/fuse/lexicons.json`` from the hand-edited sources.

Sources live in ``src/frontwatch/data/src/fuse/``: wires.tsv, credit_patterns.txt,
claimants.tsv, generic_claimants.txt, physical_evidence.txt, kind_rules.tsv, outlets.tsv
(outlet families) and translation.toml (when a translated report is one origin); and the
claimants of each conflict in its profile, ``src/frontwatch/data/src/conflicts/<name>.toml``
(each actor is one claimant with its aliases; an actor that ``speaks_for`` another is a name
of that one). The profiles are read and checked by build_lexicons.py.
Run ``python scripts/build_fuse_lexicons.py`` after editing one; ``--check`` exits 1
when the built file is out of date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

# the sibling script that reads and checks the conflict profiles, found when this one is loaded
# as a module (tests) as well as when it is run (its folder is then already on the path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_lexicons import CONFLICTS, read_profile

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "frontwatch" / "data" / "src" / "fuse"
OUT = ROOT / "src" / "frontwatch" / "data" / "fuse" / "lexicons.json"


def _lines(path: Path) -> list[str]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append(line)
    return rows


def _fields(path: Path, count: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(_lines(path), 1):
        parts = line.split("\t")
        if len(parts) != count:
            raise SystemExit(f"{path.name}:{number}: expected {count} tab-separated fields")
        rows.append([p.strip() for p in parts])
    return rows


def _wires() -> list[dict[str, Any]]:
    return [
        {"name": name, "side": None if side == "-" else side, "aliases": sorted(set(a.split("|")))}
        for name, side, a in _fields(SRC / "wires.tsv", 3)
    ]


def _patterns(name: str) -> list[str]:
    pats = _lines(SRC / name)
    for pat in pats:
        re.compile(pat)
    return pats


def _claimants() -> list[dict[str, Any]]:
    return [
        {"name": name, "aliases": sorted(set(a.split("|")))}
        for name, a in _fields(SRC / "claimants.tsv", 2)
    ]


def _conflict_claimants(profile: dict[str, Any]) -> list[dict[str, Any]]:
    names: dict[str, set[str]] = {}
    for actor in profile["actor"]:
        speaker = actor.get("speaks_for", actor["name"])
        names.setdefault(speaker, set()).update([actor["name"], *actor.get("aliases", [])])
    return [{"name": n, "aliases": sorted(a - {n})} for n, a in sorted(names.items())]


def _conflicts() -> dict[str, dict[str, Any]]:
    return {path.stem: _conflict(read_profile(path)) for path in sorted(CONFLICTS.glob("*.toml"))}


def _conflict(profile: dict[str, Any]) -> dict[str, Any]:
    return {
        "claimants": _conflict_claimants(profile),
        "opponents": {k: p["opposes"] for k, p in profile["parties"].items() if "opposes" in p},
    }


def _kind_rules() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for kind, benefits, control, precision in _fields(SRC / "kind_rules.tsv", 4):
        out[kind] = {
            "benefits": None if benefits == "-" else benefits,
            "control": None if control == "-" else control,
            "max_precision": int(precision),
        }
    return out


def _outlets() -> list[dict[str, Any]]:
    return [
        {"name": name, "aliases": sorted(set(a.split("|")) - {""})}
        for name, a in _fields(SRC / "outlets.tsv", 2)
    ]


_TRANSLATION_KEYS: dict[str, tuple[str, tuple[type, ...]]] = {
    "max_hours": ("a number", (int, float)),
    "min_overlap": ("a number", (int, float)),
    "min_shared": ("an integer", (int,)),
    "language_labels": ("a list", (list,)),
    "second_level": ("a list", (list,)),
    "channel_hosts": ("a list", (list,)),
}


def _translation() -> dict[str, Any]:
    path = SRC / "translation.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if set(data) != set(_TRANSLATION_KEYS):
        raise SystemExit(f"{path.name}: expected the keys {sorted(_TRANSLATION_KEYS)}")
    for key, (kind, types) in _TRANSLATION_KEYS.items():
        if not isinstance(data[key], types) or isinstance(data[key], bool):
            raise SystemExit(f"{path.name}: {key} must be {kind}")
    if not 0 < data["min_overlap"] <= 1 or data["min_shared"] < 1 or data["max_hours"] <= 0:
        raise SystemExit(f"{path.name}: min_overlap in (0, 1], min_shared >= 1, max_hours > 0")
    return data


def build() -> str:
    data = {
        "claimants": _claimants(),
        "conflicts": _conflicts(),
        "credit_patterns": _patterns("credit_patterns.txt"),
        "generic_claimants": sorted(
            {g.strip().lower() for g in _lines(SRC / "generic_claimants.txt")}
        ),
        "kind_rules": _kind_rules(),
        "outlets": _outlets(),
        "physical_evidence": _patterns("physical_evidence.txt"),
        "translation": _translation(),
        "wires": _wires(),
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the built file differs")
    args = parser.parse_args()
    text = build()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run scripts/build_fuse_lexicons.py")
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
