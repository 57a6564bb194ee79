"""The likely Russian form of a Ukrainian settlement's name, and its English romanizations.

Generator only (``_build`` calls it). Russian official statements, Soviet-era maps and many
English texts spell Ukraine's villages from their Russian names ("Kleshcheyevka" for
Klishchiivka, "Tonenkoye" for Tonenke), which GeoNames lists only for some places. The Russian
form follows from the Ukrainian one by regular correspondences of the two languages (endings of
word formation, given-name beginnings, letters), stated with the romanization in
``data/src/places/russian_forms.toml``::

    >>> rules = load_rules()
    >>> russian_forms("Кліщіївка", rules)[:2]
    ['Клищеевка', 'Клещеевка']
    >>> romanizations("Клещеевка", rules)
    ['Kleshcheyevka']

A correspondence with several readings gives several forms, the likelier first; one reading
holds for every occurrence of a letter in the name, so a name gets a few forms, not one per
combination of its letters.
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwatch.errors import ConfigError
from frontwatch.places._text import clean

SOURCE = Path(__file__).resolve().parents[1] / "data" / "src" / "places" / "russian_forms.toml"
_WORD_BREAKS = frozenset(" -")


@dataclass(frozen=True, slots=True)
class Correspondence:
    """A Ukrainian spelling and its Russian readings, the likelier first."""

    uk: str
    ru: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Romanization:
    """How English texts write Russian letters (see the data file's ``[romanization]``)."""

    letters: dict[str, str]
    vowels: frozenset[str]
    signs: frozenset[str]
    after_vowel: dict[str, str]
    after_sign: dict[str, str]
    choice: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Rules:
    """The correspondences of the data file, each kind longest first."""

    endings: tuple[Correspondence, ...]
    beginnings: tuple[Correspondence, ...]
    letters: tuple[Correspondence, ...]
    max_forms: int
    romanization: Romanization


def load_rules(path: Path = SOURCE) -> Rules:
    """The rules of ``path``; a malformed entry is a :class:`ConfigError`."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    try:
        rom = data["romanization"]
        return Rules(
            endings=_correspondences(data["ending"]),
            beginnings=_correspondences(data["beginning"]),
            letters=_correspondences(data["letter"]),
            max_forms=int(data["max_forms"]),
            romanization=Romanization(
                letters={str(k): str(v) for k, v in rom["letters"].items()},
                vowels=frozenset(str(rom["vowels"])),
                signs=frozenset(str(rom["signs"])),
                after_vowel={str(k): str(v) for k, v in rom["after_vowel"].items()},
                after_sign={str(k): str(v) for k, v in rom["after_sign"].items()},
                choice={str(k): tuple(map(str, v)) for k, v in rom["choice"].items()},
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: malformed correspondence table ({exc!r})") from exc


def _correspondences(entries: list[dict[str, Any]]) -> tuple[Correspondence, ...]:
    out = [Correspondence(str(e["uk"]), tuple(str(r) for r in e["ru"])) for e in entries]
    if any(not c.uk or not c.ru for c in out):
        raise ValueError("an entry without its Ukrainian spelling or Russian readings")
    return tuple(sorted(out, key=lambda c: -len(c.uk)))


# A piece of a name: literal text, or the index of the correspondence whose reading goes there.
_Piece = str | int


def russian_forms(name: str, rules: Rules) -> list[str]:
    """The likely Russian forms of the Ukrainian ``name``, likelier first (at most
    ``rules.max_forms``); the Ukrainian spelling itself is left out."""
    text = clean(name)
    slots: list[Correspondence] = []
    pieces: list[_Piece] = []
    for word in _split_words(text.casefold()):
        pieces += _word_pieces(word, rules, slots) if word[0] not in _WORD_BREAKS else [word]
    out: list[str] = []
    for choice in _choices([len(s.ru) for s in slots]):
        form = "".join(p if isinstance(p, str) else slots[p].ru[choice[p]] for p in pieces)
        form = _copy_case(text, form)
        if form != text and form not in out:
            out.append(form)
        if len(out) == rules.max_forms:
            break
    return out


def _split_words(text: str) -> list[str]:
    """Words and the spaces and hyphens between them, in order."""
    return ["".join(g) for _, g in itertools.groupby(text, key=lambda ch: ch in _WORD_BREAKS)]


def _word_pieces(word: str, rules: Rules, slots: list[Correspondence]) -> list[_Piece]:
    """``word`` cut into literal letters and correspondence slots: its beginning, its ending,
    the letters between (longest match first). A correspondence met twice is one slot."""
    ending = next((c for c in rules.endings if word.endswith(c.uk) and c.uk != word), None)
    body = word[: len(word) - len(ending.uk)] if ending else word
    beginning = next((c for c in rules.beginnings if body.startswith(c.uk)), None)
    pieces: list[_Piece] = []
    if beginning:
        pieces.append(_slot(beginning, slots))
        body = body[len(beginning.uk) :]
    i = 0
    while i < len(body):
        letter = next((c for c in rules.letters if body.startswith(c.uk, i)), None)
        pieces.append(_slot(letter, slots) if letter else body[i])
        i += len(letter.uk) if letter else 1
    if ending:
        pieces.append(_slot(ending, slots))
    return pieces


def _slot(rule: Correspondence, slots: list[Correspondence]) -> int:
    if rule not in slots:
        slots.append(rule)
    return slots.index(rule)


def _choices(sizes: list[int]) -> list[tuple[int, ...]]:
    """Every choice of a reading per slot, those with the fewest less usual readings first."""
    every = itertools.product(*(range(n) for n in sizes))
    return sorted(every, key=lambda c: (sum(1 for x in c if x), c))


def _copy_case(model: str, word: str) -> str:
    """``word`` (lower case) capitalised where ``model`` starts a word with a capital."""
    out = list(word)
    starts = [i for i, ch in enumerate(model) if i == 0 or model[i - 1] in _WORD_BREAKS]
    capitals = [model[i].isupper() for i in starts]
    for n, i in enumerate(j for j, ch in enumerate(word) if j == 0 or word[j - 1] in _WORD_BREAKS):
        if n < len(capitals) and capitals[n]:
            out[i] = out[i].upper()
    return "".join(out)


def romanizations(russian: str, rules: Rules) -> list[str]:
    """The English romanizations of the Russian ``russian`` (one per reading of the letters
    with a choice), in the order of those readings."""
    rom = rules.romanization
    lower = russian.casefold()
    chosen = sorted({ch for ch in lower if ch in rom.choice})
    out: list[str] = []
    for pick in itertools.product(*(rom.choice[ch] for ch in chosen)):
        reading = dict(zip(chosen, pick, strict=True))
        latin = "".join(
            _latin(lower, i, rom, reading, russian[i].isupper()) for i in range(len(lower))
        )
        if latin not in out:
            out.append(latin)
    return out


def _latin(text: str, i: int, rom: Romanization, reading: dict[str, str], upper: bool) -> str:
    ch, before = text[i], text[i - 1] if i else ""
    if before in rom.signs and ch in rom.after_sign:
        out = rom.after_sign[ch]
    elif (not before.isalpha() or before in rom.vowels) and ch in rom.after_vowel:
        out = rom.after_vowel[ch]
    else:
        out = reading.get(ch, rom.letters.get(ch, ch))
    return out[:1].upper() + out[1:] if upper else out
