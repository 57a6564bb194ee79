"""Quantities in claims: advance depths, areas, equipment and people counts, percentages.

``find_quantities(text)`` finds every figure that comes with a unit or a counted noun and
returns it in the claims-v1 units (``km``, ``km2``, ``items``, ``people``, ``percent``):

    >>> [(m.text, m.quantity.value, m.quantity.unit) for m in find_quantities(
    ...     "Troops pushed as far as 30 miles and took 1,200 square miles.")]
    [('as far as 30 miles', 48.3, 'km'), ('1,200 square miles', 3108, 'km2')]

Vague amounts ("dozens", "thousands", "several hundred") give no quantity. Unit words,
counted nouns, number words and qualifiers come from ``data/quantity.json`` (sources under
``data/src/quantity/``, built by ``scripts/build_timex.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from frontwatch.model import Quantity

__all__ = ["EXTRACTOR", "QuantityMention", "find_quantities", "number_regex", "parse_number"]

EXTRACTOR = "frontwatch.quantity@1"

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+|\d+(?:\.\d+)?"
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|of|during|until|from|before|after)\s+$", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")
_BETWEEN_PARENS = re.compile(r"\s*[(\[]\s*")
_CLOSE_PAREN = re.compile(r"\s*[)\]]")


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """A figure with its unit: ``text`` is ``sentence[start:end]``, qualifier included.

    ``bound`` says how the figure bounds the amount: ``exact``, ``approx`` ("about",
    "an estimated", "~"), ``min`` ("more than") or ``max`` ("up to", "as far as").
    """

    start: int
    end: int
    quantity: Quantity
    text: str
    bound: str = "exact"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    numbers: dict[str, int]
    multipliers: dict[str, int]
    qualifiers: dict[str, str]
    units: dict[str, tuple[str, float]]
    counted: dict[str, str]
    #: "N of the" / "N out of" just before a count: the part counted of a whole.
    partitive: re.Pattern[str]
    measured: re.Pattern[str]
    counting: re.Pattern[str]
    number: str


def find_quantities(text: str) -> list[QuantityMention]:
    """Every quantity in ``text``, in text order, non-overlapping (longest match first)."""
    lex = _lexicon()
    found = [*_matches(lex.measured, text, lex), *_matches(lex.counting, text, lex)]
    return [_part_of(m, text, lex) for m in _merge_conversions(_longest_first(found), text)]


def parse_number(words: str) -> float | None:
    """The value of a figure as written: "1,500", "1.5 million", "twenty-five", "a dozen"."""
    lex = _lexicon()
    cleaned = " ".join(words.lower().replace("\u00a0", "").replace("\u202f", "").split())
    if not cleaned:
        return None
    head, _, tail = cleaned.rpartition(" ")
    if head and tail in lex.multipliers and (base := _single(head, lex)) is not None:
        return base * lex.multipliers[tail]
    if cleaned[-1] == "k" and (base := _single(cleaned[:-1], lex)) is not None:
        return base * lex.multipliers["k"]
    return _single(cleaned, lex)


def number_regex() -> str:
    """The regular expression (no groups, case-insensitive) of a figure ``parse_number`` reads."""
    return _lexicon().number


def _single(token: str, lex: _Lexicon) -> float | None:
    if token in lex.numbers:
        return float(lex.numbers[token])
    tens, dash, ones = token.partition("-")
    if dash and tens in _TENS and ones in lex.numbers and lex.numbers[ones] < 10:
        return float(lex.numbers[tens] + lex.numbers[ones])
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def _matches(pattern: re.Pattern[str], text: str, lex: _Lexicon) -> Iterable[QuantityMention]:
    for match in pattern.finditer(text):
        if _is_year(match, text):
            continue
        mention = _mention(match, lex)
        if mention is not None:
            yield mention


def _is_year(match: re.Match[str], text: str, group: str = "num") -> bool:
    """A bare 4-digit year after a preposition ("in 2014 Russian troops") is no count."""
    figure = match.group(group)
    before = text[: match.start(group)]
    return bool(_YEAR.fullmatch(figure)) and bool(_YEAR_BEFORE.search(before))


def _mention(match: re.Match[str], lex: _Lexicon) -> QuantityMention | None:
    value = parse_number(match.group("num"))
    if value is None:
        return None
    unit, factor = _unit_of(match, lex)
    qualifier = (match.group("qual") or "").lower()
    return QuantityMention(
        start=match.start(),
        end=match.end(),
        quantity=Quantity(value=_rounded(value * factor, unit, factor), unit=unit),
        text=match.group(0),
        bound=lex.qualifiers.get(qualifier, "exact"),
    )


def _unit_of(match: re.Match[str], lex: _Lexicon) -> tuple[str, float]:
    groups = match.groupdict()
    if groups.get("unit"):
        return lex.units[_norm(groups["unit"])]
    return lex.counted[_norm(groups["noun"])], 1.0


def _rounded(value: float, unit: str, factor: float) -> float:
    """Converted figures: areas to whole km², distances to 0.1 km; given figures stay as written."""
    if factor == 1.0:
        return value
    if unit == "km2":
        return float(round(value))
    return round(value, 1)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _longest_first(found: Sequence[QuantityMention]) -> list[QuantityMention]:
    chosen: list[QuantityMention] = []
    for cand in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if all(cand.end <= m.start or cand.start >= m.end for m in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda m: m.start)


def _part_of(mention: QuantityMention, text: str, lex: _Lexicon) -> QuantityMention:
    """ "31 of the 38 drones", "31 out of 38 drones": the count is the part, 31 drones."""
    part = lex.partitive.search(text, max(0, mention.start - 40), mention.start)
    value = parse_number(part.group("part")) if part is not None else None
    if part is None or value is None or _is_year(part, text, "part"):
        return mention
    start = part.start()
    quantity = Quantity(value=value, unit=mention.quantity.unit)
    return QuantityMention(start, mention.end, quantity, text[start : mention.end], "exact")


def _merge_conversions(mentions: list[QuantityMention], text: str) -> list[QuantityMention]:
    """Fold "50 kilometers (30 miles)" into one mention: the figure given first wins."""
    out: list[QuantityMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if prev is not None and _is_conversion(prev, mention, text):
            close = _CLOSE_PAREN.match(text, mention.end)
            end = close.end() if close else mention.end
            out[-1] = QuantityMention(
                prev.start, end, prev.quantity, text[prev.start : end], prev.bound
            )
        else:
            out.append(mention)
    return out


def _is_conversion(prev: QuantityMention, cur: QuantityMention, text: str) -> bool:
    gap = _BETWEEN_PARENS.fullmatch(text, prev.end, cur.start)
    return (
        gap is not None
        and prev.quantity.unit == cur.quantity.unit
        and _CLOSE_PAREN.match(text, cur.end) is not None
    )


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _number_pattern(lex_numbers: dict[str, int], multipliers: dict[str, int]) -> str:
    words = _alternation(lex_numbers)
    ones = _alternation(w for w, v in lex_numbers.items() if 0 < v < 10 and " " not in w)
    mult = _alternation(m for m in multipliers if m != "k")
    word = rf"(?:(?:{_alternation(_TENS)})-(?:{ones})|{words})"
    digits = rf"(?:{_DIGITS})(?:k\b|\s+(?:{mult})\b)?"
    return rf"(?:{digits}|{word}(?:\s+(?:{mult}))?\b)"


def _build(raw: dict[str, Any]) -> _Lexicon:
    numbers = {str(k): int(v) for k, v in raw["numbers"].items()}
    multipliers = {str(k): int(v) for k, v in raw["multipliers"].items()}
    units = {str(k): (str(u), float(f)) for k, (u, f) in raw["units"].items()}
    counted = {str(k).lower(): str(v) for k, v in raw["counted"].items()}
    stop = [*raw["stop"], *raw["vague"], *numbers, *multipliers]
    num = _number_pattern(numbers, multipliers)
    qual = rf"(?:(?P<qual>{_alternation(raw['qualifiers'])})\s*)?"
    lead = r"(?<![\w.,\-])"
    unit = rf"(?P<unit>{_alternation(units)})(?![\w²])"
    measured = rf"{lead}{qual}(?P<num>{num})(?:\s*|(?=-)){unit}"
    describer = rf"(?!(?:{_alternation(stop)})\b)[A-Za-z][\w'’-]*"
    noun = rf"(?P<noun>{_alternation(counted)})\b"
    counting = rf"{lead}{qual}(?P<num>{num})\s+(?:{describer}\s+){{0,3}}{noun}"
    return _Lexicon(
        numbers=numbers,
        multipliers=multipliers,
        qualifiers={str(k): str(v) for k, v in raw["qualifiers"].items()},
        units=units,
        counted=counted,
        measured=re.compile(measured, re.IGNORECASE),
        counting=re.compile(counting, re.IGNORECASE),
        partitive=re.compile(
            rf"{lead}(?P<part>{num})\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?\Z", re.IGNORECASE
        ),
        number=num,
    )


@cache
def _lexicon() -> _Lexicon:
    source = resources.files("frontwatch").joinpath("data", "quantity.json")
    return _build(json.loads(source.read_text(encoding="utf-8")))
