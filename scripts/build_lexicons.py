"""Build the claims lexicon: data/src/claims/*.toml and data/src/conflicts/*.toml ->
data/claims/lexicon.json (the Ukrainian and Russian tables, triggers_uk/ru.toml, under
``cyrillic``).

Usage: python scripts/build_lexicons.py [--check]

The sources are hand-edited TOML; the built file is what the package reads. It is
validated here (known kinds, argument roles, constraints; every actor of a conflict profile
with a party and a source, no name given to two parties), normalised (lower case, duplicates
dropped, lists sorted) and written with sorted keys so that a rebuild of an unchanged source
gives byte-identical output. Each conflict profile becomes one entry of ``conflicts``, keyed by
its file name. ``--check`` exits 1 when the committed file differs from a fresh build.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from frontwatch.claims.lexicon import office_title
from frontwatch.model import KINDS as MODEL_KINDS

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "frontwatch" / "data" / "src" / "claims"
CONFLICTS = ROOT / "src" / "frontwatch" / "data" / "src" / "conflicts"
TARGET = ROOT / "src" / "frontwatch" / "data" / "claims" / "lexicon.json"

KINDS = frozenset(MODEL_KINDS)
ROLES = {"agent", "patient", "opposite_patient", "opposite_agent"}
NEEDS = {
    "",
    "object_place",
    "place_here",
    "control_frame",
    "flag_return",
    "seen",
    "military_object",
    "own_loss",
    "out_of",
    "place_object",
    "left_place",
}
POS = {"VERB", "NOUN", "ADJ"}
# The party keys a profile may use: the sides a claim can take (frontwatch.model.Side).
SIDES = {"UA", "RU", "other"}
ACTOR_KINDS = {"state", "force", "unit", "institution", "person"}
ACTOR_KEYS = {
    "kind",
    "party",
    "name",
    "aliases",
    "words",
    "source",
    "role",
    "from",
    "to",
    "speaks_for",
}
PROFILE_KEYS = {"name", "title", "source", "parties", "actor"}
OBSERVER = "other"
# Languages with a Cyrillic trigger table (data/src/claims/triggers_<lang>.toml).
CYRILLIC = ("ru", "uk")
CYRILLIC_SIDES = {"actor", "opposite", "none", "victim"}
CYRILLIC_TRIGGER_KEYS = {
    "kind",
    "side",
    "lemmas",
    "regain",
    "fallback",
    "also_negated",
    "needs_number",
}
CYRILLIC_LISTS = {
    "negation",
    "not_negation",
    "modal",
    "from_words",
    "attempt",
    "predicted",
    "own",
    "enemy",
    "clause_words",
    "settlement_anaphors",
    "region_anaphors",
    "list_anaphors",
    "direction_words",
    "near_words",
    "speech_verbs",
    "district_words",
    "abbreviations",
    "copula",
    "people_words",
    "denial",
    "attack_nouns",
    "target_words",
    "republic_words",
    "oblast_words",
    "unit_words",
    "ukrainian_spelling",
    "vague_amounts",
    "river_words",
    "trapped_words",
}
CYRILLIC_TIME = {
    "yesterday",
    "today",
    "this_week",
    "last_week",
    "night",
    "year_words",
    "start_words",
    "middle_words",
    "end_words",
    "by_words",
    "since_words",
    "until_words",
    "spring",
    "summer",
    "autumn",
}
_POSSESSIVE = re.compile(r"(\w)['’]s\b")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def build(source: Path = SOURCE, conflicts: Path = CONFLICTS) -> dict[str, Any]:
    """Read every TOML source and conflict profile and return the normalised lexicon."""
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
        "conflicts": {
            path.stem: _conflict(read_profile(path), actors["observers"])
            for path in sorted(conflicts.glob("*.toml"))
        },
        "cyrillic": {lang: _cyrillic(source / f"triggers_{lang}.toml") for lang in CYRILLIC},
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
        "lost": bool(entry.get("lost", False)),
    }


def _kinds(kinds: list[str]) -> list[str]:
    unknown = sorted(set(kinds) - KINDS)
    if unknown:
        raise SystemExit(f"triggers.toml territory_from: unknown kinds {unknown}")
    return sorted(set(kinds))


def _actors(actors: dict[str, Any]) -> dict[str, Any]:
    if "sides" in actors:
        raise SystemExit("actors.toml: [sides] moved to the conflict profiles (data/src/conflicts)")
    return dict(_normalise(actors))


def read_profile(path: Path) -> dict[str, Any]:
    """A conflict profile, checked: known keys, parties, kinds and dates; a source and a
    party for every actor, a role for every person; no name given to two actors."""
    profile = _load(path)
    where = path.name
    _known_keys(profile, PROFILE_KEYS, where)
    if profile.get("name") != path.stem:
        raise SystemExit(f"{where}: name {profile.get('name')!r} is not the file's name")
    parties = profile.get("parties", {})
    if not set(parties) <= SIDES or OBSERVER not in parties:
        raise SystemExit(
            f"{where}: parties {sorted(parties)} are not among {sorted(SIDES)} with {OBSERVER!r}"
        )
    for key, party in parties.items():
        _known_keys(party, {"name", "opposes"}, f"{where} party {key}")
        opposes = party.get("opposes")
        if opposes is not None and parties.get(opposes, {}).get("opposes") != key:
            raise SystemExit(f"{where}: party {key} opposes {opposes!r}, which does not oppose it")
    actors = profile.get("actor", [])
    names = {a.get("name") for a in actors}
    for index, actor in enumerate(actors):
        _check_actor(actor, f"{where} actor {index} ({actor.get('name')!r})", parties, names)
    _one_actor_per_name(actors, where)
    return profile


def _check_actor(
    actor: dict[str, Any], where: str, parties: dict[str, Any], names: set[Any]
) -> None:
    _known_keys(actor, ACTOR_KEYS, where)
    if actor.get("kind") not in ACTOR_KINDS:
        raise SystemExit(f"{where}: kind {actor.get('kind')!r} is not one of {sorted(ACTOR_KINDS)}")
    if actor.get("party") not in parties:
        raise SystemExit(f"{where}: party {actor.get('party')!r} is not one of {sorted(parties)}")
    if not str(actor.get("name", "")).strip():
        raise SystemExit(f"{where}: no name")
    if not str(actor.get("source", "")).startswith("https://"):
        raise SystemExit(f"{where}: source must be a public https:// address")
    if actor["kind"] == "person" and not actor.get("role"):
        raise SystemExit(f"{where}: a person needs a role")
    for key in ("from", "to"):
        if key in actor and not _DATE.fullmatch(str(actor[key])):
            raise SystemExit(f"{where}: {key} {actor[key]!r} is not an ISO date")
    if str(actor.get("from", "")) > str(actor.get("to", "9999")):
        raise SystemExit(f"{where}: from {actor['from']} is after to {actor['to']}")
    if actor.get("speaks_for", actor["name"]) not in names:
        raise SystemExit(f"{where}: speaks_for {actor['speaks_for']!r} names no actor")


def _known_keys(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise SystemExit(f"{where}: unknown keys {unknown}")


def _one_actor_per_name(actors: list[dict[str, Any]], where: str) -> None:
    """Refuses a name, alias or side word of two actors (so of two parties, or two claimants)."""
    owners: dict[str, str] = {}
    for index, actor in enumerate(actors):
        if any(a["name"] == actor["name"] for a in actors[:index]):
            raise SystemExit(f"{where}: two actors are named {actor['name']!r}")
        for word in _words(actor):
            other = owners.setdefault(word, actor["name"])
            if other != actor["name"]:
                raise SystemExit(f"{where}: {word!r} names both {other!r} and {actor['name']!r}")


def _words(actor: dict[str, Any]) -> set[str]:
    names = [actor["name"], *actor.get("aliases", []), *actor.get("words", [])]
    return {" ".join(str(n).lower().split()) for n in names}


def _side_words(actor: dict[str, Any]) -> set[str]:
    """An actor's words as written and, for a name of several words with a possessive, also as
    the parser's tokens join ("people 's republic"), the form the lexicon is matched in."""
    words = _words(actor)
    return words | {_POSSESSIVE.sub(r"\1 's", w) for w in words if " " in w}


def _conflict(profile: dict[str, Any], observers: list[str]) -> dict[str, Any]:
    """A profile as the lexicon holds it: its parties and the side words of each."""
    sides: dict[str, set[str]] = {party: set() for party in profile["parties"]}
    for actor in profile["actor"]:
        sides[actor["party"]] |= _side_words(actor)
    party_of = {w: p for p, words in sides.items() for w in words}
    for word in observers:
        if party_of.get(word.lower(), OBSERVER) != OBSERVER:
            raise SystemExit(f"actors.toml: observer {word!r} names party {party_of[word.lower()]}")
    sides[OBSERVER] |= {w.lower() for w in observers}
    return {
        "title": profile["title"],
        "source": profile["source"],
        "parties": {k: dict(v) for k, v in profile["parties"].items()},
        "sides": {party: sorted(words) for party, words in sides.items()},
        "officials": sorted(
            (_official(a) for a in profile["actor"] if a.get("kind") == "person" and a.get("role")),
            key=lambda o: (o["role"], o["from"], o["name"]),
        ),
    }


def _official(actor: dict[str, Any]) -> dict[str, Any]:
    """A person with the office they held and when: "president of ukraine", from, to."""
    return {
        "name": str(actor["name"]),
        "aliases": sorted({str(a) for a in actor.get("aliases", [])}),
        "party": str(actor["party"]),
        "role": office_title(str(actor["role"])),
        "from": str(actor.get("from", "")),
        "to": str(actor.get("to", "")),
    }


def _cyrillic(path: Path) -> dict[str, Any]:
    """A Cyrillic trigger table, checked: known keys, kinds, sides, months 1-12."""
    table = _load(path)
    where = path.name
    scalars = {"enemy_default", "own_default", "language_side"}
    _known_keys(
        table,
        CYRILLIC_LISTS | scalars | {"sides", "trigger", "months", "time", "speaker_domains"},
        where,
    )
    _known_keys(table["time"], CYRILLIC_TIME, f"{where} [time]")
    named = {table[k] for k in scalars if table[k]}  # language_side may be "" (none)
    unknown_sides = (set(table["sides"]) | set(table["speaker_domains"]) | named) - SIDES
    if unknown_sides:
        raise SystemExit(f"{where} [sides]: unknown parties {sorted(unknown_sides)}")
    if sorted(int(m) for m in table["months"]) != list(range(1, 13)):
        raise SystemExit(f"{where} [months]: needs exactly the months 1 to 12")
    return {
        **{name: _normalise(table.get(name, [])) for name in sorted(CYRILLIC_LISTS)},
        **{name: table[name] for name in sorted(scalars)},
        "sides": {party: _normalise(words) for party, words in table["sides"].items()},
        "speaker_domains": {k: sorted(set(v)) for k, v in table["speaker_domains"].items()},
        "months": {str(int(m)): _normalise(forms) for m, forms in table["months"].items()},
        "time": _normalise(table["time"]),
        "triggers": [_cyrillic_trigger(where, i, t) for i, t in enumerate(table["trigger"])],
    }


def _cyrillic_trigger(where: str, index: int, entry: dict[str, Any]) -> dict[str, Any]:
    at = f"{where} trigger {index}"
    _known_keys(entry, CYRILLIC_TRIGGER_KEYS, at)
    also = entry.get("also_negated", "")
    if entry["kind"] not in KINDS or (also and also not in KINDS):
        raise SystemExit(f"{at}: unknown kind {entry['kind']!r} or {also!r}")
    if entry["side"] not in CYRILLIC_SIDES:
        raise SystemExit(f"{at}: unknown side {entry['side']!r}")
    if entry.get("fallback", "") not in ("", "enemy", "own"):
        raise SystemExit(f"{at}: unknown fallback {entry['fallback']!r}")
    return {
        "kind": entry["kind"],
        "side": entry["side"],
        "lemmas": _normalise(entry["lemmas"]),
        "regain": bool(entry.get("regain", False)),
        "fallback": entry.get("fallback", ""),
        "also_negated": also,
        "needs_number": bool(entry.get("needs_number", False)),
    }


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
