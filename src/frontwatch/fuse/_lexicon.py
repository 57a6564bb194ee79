"""The fusion lexicons, read once from the built ``data/fuse/lexicons.json``.

Sources are under ``data/src/fuse/`` and, for the claimants of a conflict's parties, in its
profile ``data/src/conflicts/<name>.toml``; ``scripts/build_fuse_lexicons.py`` builds the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from frontwatch.errors import ConfigError
from frontwatch.model import DEFAULT_CONFLICT

_PUNCT = re.compile(r"[^\w\s-]")
_SPACE = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Lower-cased, punctuation dropped, spaces collapsed, a leading "the" removed."""
    text = _SPACE.sub(" ", _PUNCT.sub("", name.replace("’", "'").replace("'s ", "s "))).strip()
    text = text.lower()
    return text[4:] if text.startswith("the ") else text


@dataclass(frozen=True, slots=True)
class KindRule:
    """How a claim kind bears on control: who benefits, what it says about holding."""

    benefits: str | None
    control: str | None
    max_precision: int


@dataclass(frozen=True, slots=True)
class TranslationRule:
    """When two documents in different languages are one report and its translation
    (``data/src/fuse/translation.toml`` says what each field is)."""

    max_hours: float
    min_overlap: float
    min_shared: int
    language_labels: frozenset[str]
    second_level: frozenset[str]
    channel_hosts: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicons:
    wires: dict[str, str]
    wire_sides: dict[str, str | None]
    credit_patterns: tuple[re.Pattern[str], ...]
    claimants: dict[str, str]
    generic_claimants: frozenset[str]
    physical_evidence: tuple[re.Pattern[str], ...]
    kind_rules: dict[str, KindRule]
    opponents: dict[str, str]
    #: Outlet names and hosts (hosts lower-cased, names normalised) to their family.
    outlets: dict[str, str]
    translation: TranslationRule

    def opposite(self, side: str | None) -> str | None:
        """The party that ``side`` fights in the conflict, or None (a third party, no side)."""
        return self.opponents.get(side or "")

    def wire(self, name: str | None) -> str | None:
        """The canonical wire agency for ``name``, or None when it is not one."""
        if not name:
            return None
        return self.wires.get(normalise_name(name))

    def claimant(self, name: str) -> str:
        """The canonical claimant name (aliases folded), normalised."""
        key = normalise_name(name)
        return self.claimants.get(key, key)

    def rule(self, kind: str) -> KindRule:
        return self.kind_rules.get(kind, KindRule(None, None, 0))


@lru_cache(maxsize=4)
def lexicons(conflict: str = DEFAULT_CONFLICT) -> Lexicons:
    """The built lexicons (cached), with the claimants of ``conflict``'s profile."""
    try:
        text = resources.files("frontwatch").joinpath("data/fuse/lexicons.json").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("data/fuse/lexicons.json is missing: run build_fuse_lexicons") from exc
    data = json.loads(text)
    known = sorted(data["conflicts"])
    if conflict not in known:
        raise ConfigError(
            f"data/fuse/lexicons.json: no conflict profile {conflict!r} (known: {known})"
        )
    return _from_json(data, conflict)


def _from_json(data: dict[str, Any], conflict: str) -> Lexicons:
    wires: dict[str, str] = {}
    sides: dict[str, str | None] = {}
    for wire in data["wires"]:
        sides[wire["name"]] = wire["side"]
        for alias in [wire["name"], *wire["aliases"]]:
            wires[normalise_name(alias)] = wire["name"]
    claimants = {
        normalise_name(alias): normalise_name(c["name"])
        for c in [*data["claimants"], *data["conflicts"][conflict]["claimants"]]
        for alias in [c["name"], *c["aliases"]]
    }
    rules = {
        k: KindRule(v["benefits"], v["control"], int(v["max_precision"]))
        for k, v in data["kind_rules"].items()
    }
    outlets = {
        outlet_key(alias): outlet["name"]
        for outlet in data["outlets"]
        for alias in [outlet["name"], *outlet["aliases"]]
    }
    return Lexicons(
        wires=wires,
        wire_sides=sides,
        credit_patterns=tuple(re.compile(p, re.MULTILINE) for p in data["credit_patterns"]),
        claimants=claimants,
        generic_claimants=frozenset(data["generic_claimants"]),
        physical_evidence=tuple(re.compile(p, re.IGNORECASE) for p in data["physical_evidence"]),
        kind_rules=rules,
        opponents=dict(data["conflicts"][conflict]["opponents"]),
        outlets=outlets,
        translation=_rule(data["translation"]),
    )


def outlet_key(name: str) -> str:
    """A web host lower-cased as it is (dots kept), any other outlet name normalised."""
    text = name.strip()
    if "." in text and " " not in text:
        return text.lower()
    return normalise_name(text)


def _rule(data: dict[str, Any]) -> TranslationRule:
    return TranslationRule(
        max_hours=float(data["max_hours"]),
        min_overlap=float(data["min_overlap"]),
        min_shared=int(data["min_shared"]),
        language_labels=frozenset(data["language_labels"]),
        second_level=frozenset(data["second_level"]),
        channel_hosts=frozenset(data["channel_hosts"]),
    )
