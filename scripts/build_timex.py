"""Build the time-expression and quantity lexicons from their hand-edited sources.

Sources: ``src/frontwatch/data/src/timex/*.toml`` and ``src/frontwatch/data/src/quantity/*.toml``.
Built:   ``src/frontwatch/data/timex.json`` and ``src/frontwatch/data/quantity.json``.

    python scripts/build_timex.py           # write the built files
    python scripts/build_timex.py --check   # exit 1 if a built file differs from its sources

Phrases use a small syntax that is expanded here: ``{a|b}`` one of the alternatives,
``[w]`` an optional word. Every phrase, unit and noun is checked (known rule, known unit,
no phrase claimed by two rules) so a typo fails the build, not a run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "frontwatch" / "data"
RULES = {
    "day",
    "week",
    "month",
    "year",
    "week_to_date",
    "month_to_date",
    "year_to_date",
    "war_to_date",
    "war_start",
    "weekend",
    "anchor",
    "undated",
}
OFFSET_RULES = {"day", "week", "month", "year", "anchor"}
UNITS = {"km", "km2", "items", "people", "percent"}
BOUNDS = {"exact", "approx", "min", "max"}
DELTA_FIELDS = {"hours", "days", "weeks", "months", "years"}
_PIECE = re.compile(r"\{([^{}]*)\}|\[([^\[\]]*)\]|([^{}\[\]]+)")


class BuildError(ValueError):
    """A source file says something the build cannot accept."""


def load_toml_dir(folder: Path) -> dict[str, Any]:
    """Merge every ``*.toml`` in a folder (sorted by name); a top-level key may appear once."""
    merged: dict[str, Any] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for key, value in data.items():
            if key in merged:
                raise BuildError(f"{path.name}: section {key!r} is defined twice")
            merged[key] = value
    return merged


def expand(pattern: str) -> list[str]:
    """Every literal phrase a pattern stands for, lower-cased, single-spaced."""
    choices: list[list[str]] = []
    for alt, optional, literal in _PIECE.findall(pattern):
        if literal:
            choices.append([literal])
        elif optional:
            choices.append([optional, ""])
        else:
            choices.append(alt.split("|"))
    out = {" ".join("".join(parts).lower().split()) for parts in itertools.product(*choices)}
    return sorted(out)


def build_phrases(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Phrase -> {rule, offset}, refusing unknown rules and phrases claimed twice."""
    phrases: dict[str, dict[str, Any]] = {}
    for entry in entries:
        rule = str(entry["rule"])
        if rule not in RULES:
            raise BuildError(f"unknown phrase rule {rule!r}")
        value: dict[str, Any] = {"rule": rule}
        if rule in OFFSET_RULES:
            value["offset"] = int(entry["offset"])
        for pattern in entry["texts"]:
            for phrase in expand(str(pattern)):
                if phrase in phrases and phrases[phrase] != value:
                    raise BuildError(f"phrase {phrase!r} has two rules")
                phrases[phrase] = value
    return phrases


def _lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {key.lower(): value for key, value in table.items()}


def _check_numbers(table: dict[str, Any], low: int, high: int, what: str) -> dict[str, int]:
    for key, value in table.items():
        if not low <= int(value) <= high:
            raise BuildError(f"{what} {key!r}: {value} is outside {low}..{high}")
    return {key: int(value) for key, value in table.items()}


def build_timex(src: Path) -> dict[str, Any]:
    """The built time lexicon from ``src`` (the ``timex`` source folder)."""
    raw = load_toml_dir(src)
    war_start = date.fromisoformat(str(raw["reference"]["war_start"])).isoformat()
    units = {key.lower(): [str(f), int(n)] for key, (f, n) in raw["duration_units"].items()}
    if bad := {f for f, _ in units.values()} - DELTA_FIELDS:
        raise BuildError(f"unknown duration fields {sorted(bad)}")
    parts = {key.lower(): [int(a), int(b)] for key, (a, b) in raw["month_parts"].items()}
    if any(not 1 <= a <= b <= 31 for a, b in parts.values()):
        raise BuildError("a month part must be 1 <= first <= last <= 31")
    return {
        "reference": {"war_start": war_start},
        "months": {
            "names": _check_numbers(_lower_keys(raw["months"]["names"]), 1, 12, "month"),
            "abbreviations": _check_numbers(raw["months"]["abbreviations"], 1, 12, "month"),
        },
        "weekdays": {
            "names": _check_numbers(_lower_keys(raw["weekdays"]["names"]), 0, 6, "weekday"),
            "abbreviations": _check_numbers(raw["weekdays"]["abbreviations"], 0, 6, "weekday"),
        },
        "parts_of_day": {
            "words": sorted(w.lower() for w in raw["parts_of_day"]["words"]),
            "before_weekday": sorted(w.lower() for w in raw["parts_of_day"]["before_weekday"]),
        },
        "day_modifiers": sorted(w.lower() for w in raw["day_modifiers"]["words"]),
        "month_parts": parts,
        "duration_counts": {
            "one": sorted(w.lower() for w in raw["duration_counts"]["one"]),
            "vague": sorted(w.lower() for w in raw["duration_counts"]["vague"]),
        },
        "duration_units": units,
        "duration_heads": {
            "words": sorted(w.lower() for w in raw["duration_heads"]["words"]),
            "undated": sorted(w.lower() for w in raw["duration_heads"]["undated"]),
        },
        "phrases": build_phrases(raw["phrase"]),
    }


def build_quantity(src: Path) -> dict[str, Any]:
    """The built quantity lexicon from ``src`` (the ``quantity`` source folder)."""
    raw = load_toml_dir(src)
    units = {key.lower(): [str(u), float(f)] for key, (u, f) in raw["units"].items()}
    if bad := {u for u, _ in units.values()} - UNITS:
        raise BuildError(f"unknown units {sorted(bad)}")
    bounds = {key.lower(): str(v) for key, v in raw["qualifiers"].items()}
    if bad := set(bounds.values()) - BOUNDS:
        raise BuildError(f"unknown qualifier bounds {sorted(bad)}")
    counted: dict[str, str] = {}
    for unit, nouns in raw["counted"].items():
        if unit not in UNITS:
            raise BuildError(f"unknown counted unit {unit!r}")
        for noun in nouns:
            if counted.setdefault(noun, unit) != unit:
                raise BuildError(f"noun {noun!r} is counted in two units")
    return {
        "numbers": {key.lower(): int(v) for key, v in raw["words"].items()},
        "multipliers": {key.lower(): int(v) for key, v in raw["multipliers"].items()},
        "vague": sorted(w.lower() for w in raw["vague"]["words"]),
        "qualifiers": bounds,
        "units": units,
        "counted": counted,
        "stop": sorted({w.lower() for w in raw["stop"]["words"]}),
    }


def render(obj: dict[str, Any]) -> str:
    """The exact text of a built file: sorted keys, stable layout, final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def built_files(data: Path = DATA) -> dict[Path, str]:
    """Each built file's path and the text its sources give."""
    return {
        data / "timex.json": render(build_timex(data / "src" / "timex")),
        data / "quantity.json": render(build_quantity(data / "src" / "quantity")),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    stale = []
    for path, text in built_files().items():
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run scripts/build_timex.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
