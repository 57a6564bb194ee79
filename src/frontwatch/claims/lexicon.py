"""The claims lexicon, loaded from the built ``data/claims/lexicon.json``.

Sources live in ``data/src/claims/*.toml`` and, for the parties of a conflict and the words
that name them, in the conflict profiles ``data/src/conflicts/<name>.toml``;
``scripts/build_lexicons.py`` builds the JSON. A lexicon is read for one conflict
(``DEFAULT_CONFLICT`` unless another is named).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from frontwatch.errors import ConfigError
from frontwatch.model import DEFAULT_CONFLICT


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """One trigger entry: which words, as which part of speech, make which kind."""

    kind: str
    lemmas: tuple[str, ...]
    pos: frozenset[str]
    side: str
    needs: str
    weight: float
    regain: bool
    attempts: bool
    attributive: bool
    sideless: bool = False
    lost: bool = False


@dataclass(frozen=True, slots=True)
class Official:
    """A person of a conflict's profile and the office they held, ``start``..``end`` (ISO days,
    "" where open)."""

    name: str
    aliases: tuple[str, ...]
    party: str
    role: str
    start: str = ""
    end: str = ""

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return not self.end
        iso = day.isoformat()
        return (not self.start or self.start <= iso) and (not self.end or iso < self.end)


def office_title(title: str) -> str:
    """An office's title as compared: lower case, no article, no parenthetical, one space."""
    low = " ".join(_PARENTHETICAL.sub(" ", title).lower().split())
    return low.removeprefix("the ")


_PARENTHETICAL = re.compile(r"\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Cue:
    """A word of saying: what it does to its content and the platform it implies."""

    modality: str | None = None
    polarity: str | None = None
    channel: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """The loaded lexicon; compared (and hashed) by identity, so derived tables can be cached."""

    triggers: tuple[TriggerSpec, ...]
    irregular_forms: frozenset[str]
    territory_from: frozenset[str]
    cue_verbs: dict[str, Cue]
    cue_nouns: dict[str, Cue]
    media_nouns: frozenset[str]
    institution_words: frozenset[str]
    source_preps: tuple[str, ...]
    outlets: dict[str, str]
    outlet_words: frozenset[str]
    platforms: dict[str, str]
    sides: dict[str, str]
    speaker_side: frozenset[str]
    opposite_side: frozenset[str]
    force_nouns: frozenset[str]
    military_objects: frozenset[str]
    locative_anaphors: frozenset[str]
    reference_preps: frozenset[str]
    light_verbs: frozenset[str]
    seen_verbs: frozenset[str]
    stationed_verbs: frozenset[str]
    interdiction_verbs: frozenset[str]
    hazards: frozenset[str]
    skip_place_kinds: frozenset[str]
    unanchored_places: frozenset[str]
    capitals: frozenset[str]
    area_nouns: frozenset[str]
    speaker_nouns: frozenset[str]
    speaker_pronouns: frozenset[str]
    distance_units: frozenset[str]
    travel_time_units: frozenset[str]
    vessel_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    compass: frozenset[str]
    present_markers: frozenset[str]
    modality: dict[str, dict[str, frozenset[str]]]
    losses: dict[str, frozenset[str]]
    running_from: str
    running_min: float
    conflict: str = DEFAULT_CONFLICT
    opponents: dict[str, str] | None = None
    officials: tuple[Official, ...] = ()

    def office_holder(self, title: str, on: date | None) -> Official | None:
        """Who held the office ``title`` ("the President of Ukraine") on day ``on``: the one
        person the profile gives for it then, else None."""
        wanted = office_title(title)
        found = [o for o in self.officials if o.role == wanted and o.held_on(on)]
        return found[0] if len(found) == 1 else None

    def opposite(self, side: str | None) -> str | None:
        """The party that ``side`` fights in this conflict, or None (a third party, no side)."""
        return (self.opponents or {}).get(side or "")

    def words(self, table: str, key: str) -> frozenset[str]:
        """A word set from the modality tables, e.g. ``words("hedge", "adverbs")``."""
        return self.modality.get(table, {}).get(key, frozenset())


@lru_cache(maxsize=4)
def load_lexicon(conflict: str = DEFAULT_CONFLICT) -> Lexicon:
    """Read the built lexicon shipped with the package, with the parties of ``conflict``."""
    path = resources.files("frontwatch") / "data" / "claims" / "lexicon.json"
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"claims lexicon {path} cannot be read: {exc}") from exc
    known = sorted(raw.get("conflicts", {}))
    if conflict not in known:
        raise ConfigError(
            f"claims lexicon {path}: no conflict profile {conflict!r} (known: {known})"
        )
    return _lexicon(raw, conflict)


def _lexicon(raw: dict[str, Any], conflict: str) -> Lexicon:
    att, act = raw["attribution"], raw["actors"]
    profile = raw["conflicts"][conflict]
    return Lexicon(
        triggers=tuple(_trigger(t) for t in raw["triggers"]),
        irregular_forms=frozenset(raw["irregular_forms"]),
        territory_from=frozenset(raw["territory_from"]),
        cue_verbs={k: _cue(v) for k, v in att["cue_verbs"].items()},
        cue_nouns={k: _cue(v) for k, v in att["cue_nouns"].items()},
        media_nouns=frozenset(att["media_nouns"]),
        institution_words=frozenset(att["institution_words"]),
        source_preps=tuple(att["source_preps"]),
        outlets=dict(att["outlets"]),
        outlet_words=frozenset(att["outlet_words"]),
        platforms=dict(att["platforms"]),
        sides={w: side for side, words in profile["sides"].items() for w in words},
        speaker_side=frozenset(act["speaker_side"]),
        opposite_side=frozenset(act["opposite_side"]),
        force_nouns=frozenset(act["force_nouns"]),
        military_objects=frozenset(act["military_objects"]),
        locative_anaphors=frozenset(act["locative_anaphors"]),
        reference_preps=frozenset(act["reference_preps"]),
        light_verbs=frozenset(act["light_verbs"]),
        seen_verbs=frozenset(act["seen_verbs"]),
        stationed_verbs=frozenset(act["stationed_verbs"]),
        interdiction_verbs=frozenset(act["interdiction_verbs"]),
        hazards=frozenset(act["hazards"]),
        skip_place_kinds=frozenset(act["skip_place_kinds"]),
        unanchored_places=frozenset(act["unanchored_places"]),
        capitals=frozenset(act["capitals"]),
        area_nouns=frozenset(act["area_nouns"]),
        speaker_nouns=frozenset(act["speaker_nouns"]),
        speaker_pronouns=frozenset(att["speaker_pronouns"]),
        distance_units=frozenset(act["distance_units"]),
        travel_time_units=frozenset(act["travel_time_units"]),
        vessel_nouns=frozenset(act["vessel_nouns"]),
        measure_nouns=frozenset(act["measure_nouns"]),
        compass=frozenset(act["compass"]),
        present_markers=frozenset(act["present_markers"]),
        modality={
            t: {k: frozenset(v) for k, v in sub.items()} for t, sub in raw["modality"].items()
        },
        losses={k: frozenset(v) for k, v in raw["losses"].items() if isinstance(v, list)},
        running_from=str(raw["losses"]["running_from"]),
        running_min=float(raw["losses"]["running_min"]),
        conflict=conflict,
        opponents={k: p["opposes"] for k, p in profile["parties"].items() if "opposes" in p},
        officials=tuple(
            Official(o["name"], tuple(o["aliases"]), o["party"], o["role"], o["from"], o["to"])
            for o in profile.get("officials", [])
        ),
    )


def _trigger(obj: dict[str, Any]) -> TriggerSpec:
    return TriggerSpec(
        kind=obj["kind"],
        lemmas=tuple(obj["lemmas"]),
        pos=frozenset(obj["pos"]),
        side=obj["side"],
        needs=obj["needs"],
        weight=float(obj["weight"]),
        regain=bool(obj["regain"]),
        attempts=bool(obj["attempts"]),
        attributive=bool(obj["attributive"]),
        sideless=bool(obj.get("sideless", False)),
        lost=bool(obj.get("lost", False)),
    )


def _cue(obj: dict[str, Any]) -> Cue:
    return Cue(
        modality=obj.get("modality"), polarity=obj.get("polarity"), channel=obj.get("channel")
    )
