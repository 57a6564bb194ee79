"""Score the Ukrainian time expressions on WikiWarsUA's TIMEX3 gold (DATE expressions).

    python benchmarks/timex_uk_eval.py [--shared ../shared]

Reads ``<shared>/datasets/wikiwarsua_timex3/keyinline/*.key.xml`` (Ukrainian Wikipedia war
articles with inline TIMEX3; CC BY-NC-SA 3.0, read in place, nothing copied). Gold: every
DATE whose value is a calendar day, month or season of a year. System: what
``frontwatch.claims.cyrillic_time`` finds, the year carried from the last year the article
named (as the claims reader does). Prints relaxed-extent precision, recall and F1 (spans
overlap) and, on the overlapping pairs, value accuracy (the gold value's day or month
is the system's start).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from frontwatch.claims.cyrillic_lexicon import load_cyrillic
from frontwatch.claims.cyrillic_time import CyrillicTimes, TimeFound

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
_TIMEX = re.compile(r'<TIMEX3[^>]*type="DATE"[^>]*value="([^"]*)"[^>]*>(.*?)</TIMEX3>', re.S)
_TAG = re.compile(r"<[^>]+>")
_VALUE = re.compile(r"^\d{4}-(?:\d\d(?:-\d\d)?|SP|SU|FA)$")
_YEAR = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)(?!\d)")
_SEASON_MONTH = {"SP": "03", "SU": "06", "FA": "09"}


def _gold(raw: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The article's plain text and its DATE spans with values (the markup removed)."""
    body = raw.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
    text, spans, at = [], [], 0
    for piece in re.split(r"(<TIMEX3[^>]*>.*?</TIMEX3>|<[^>]+>)", body, flags=re.S):
        match = _TIMEX.fullmatch(piece)
        inner = _TAG.sub("", piece)
        if match and _VALUE.match(match[1]):
            spans.append((at, at + len(inner), match[1]))
        text.append(inner)
        at += len(inner)
    return "".join(text), spans


def _system(times: CyrillicTimes, text: str) -> list[TimeFound]:
    found: list[TimeFound] = []
    year: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        for item in times.find(line, None, year):
            found.append(TimeFound(item.start + offset, item.end + offset, item.time))
        years = _YEAR.findall(line)
        year = int(years[-1]) if years else year
        offset += len(line)
    return found


def _value_agrees(gold: str, found: TimeFound) -> bool:
    year, _, rest = gold.partition("-")
    expected = f"{year}-{_SEASON_MONTH.get(rest, rest)}"
    return (found.time.start or "").startswith(expected)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args()
    folder = args.shared / "datasets" / "wikiwarsua_timex3" / "keyinline"
    times = CyrillicTimes(load_cyrillic("uk").table)
    tp = fp = fn = right = 0
    for path in sorted(folder.glob("*.key.xml")):
        text, gold = _gold(path.read_text(encoding="utf-8"))
        system = _system(times, text)
        used: set[int] = set()
        for start, end, value in gold:
            hit = next(
                (
                    i
                    for i, f in enumerate(system)
                    if i not in used and f.start < end and start < f.end
                ),
                None,
            )
            if hit is None:
                fn += 1
                continue
            used.add(hit)
            tp += 1
            right += _value_agrees(value, system[hit])
        fp += len(system) - len(used)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"WikiWarsUA DATE (day/month/season of a year): P {precision:.3f} R {recall:.3f} "
        f"F1 {f1:.3f}; value accuracy {right / tp if tp else 0.0:.3f} over {tp} matches"
    )


if __name__ == "__main__":
    main()
