"""Score resolve_time on the gold event times of the dev corpus.

For every gold claim in ``<shared>/gold/dev/*.jsonl`` with an ``event_time``, resolve the
gold's own words (``event_time.text``) against the report's publication date (``published``
of ``<shared>/corpus/dev/<doc>.json``; None where absent) and compare:

- start within one day (an undated gold start matches an undated or unresolved result);
- exact (start, end).

    python benchmarks/timex_eval.py [--shared ../shared] [--quiet]

Prints both accuracies and lists every miss. This scores normalisation only: the words are
given, finding them in text is scored by the claims benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontwatch.claims.timex import resolve_time
from frontwatch.model import EventTime

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


@dataclass(frozen=True, slots=True)
class Case:
    doc: str
    published: date | None
    gold: EventTime


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    got: EventTime | None
    start_ok: bool
    exact_ok: bool


def load_cases(shared: Path) -> list[Case]:
    """Every gold claim with an event_time, with its report's publication date."""
    cases = []
    for path in sorted((shared / "gold" / "dev").glob("*.jsonl")):
        published = _published(shared / "corpus" / "dev" / f"{path.stem}.json")
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line) if line.strip() else {}
            et = obj.get("event_time")
            if et:
                gold = EventTime(et.get("start"), et.get("end"), et.get("granularity"), et["text"])
                cases.append(Case(path.stem, published, gold))
    return cases


def _published(path: Path) -> date | None:
    if not path.exists():
        return None
    value = json.loads(path.read_text(encoding="utf-8")).get("published")
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def score(case: Case) -> Outcome:
    got = resolve_time(case.gold.text, case.published)
    start = got.start if got else None
    end = got.end if got else None
    return Outcome(
        case,
        got,
        _near(start, case.gold.start),
        (start, end) == (case.gold.start, case.gold.end),
    )


def _near(got: str | None, gold: str | None) -> bool:
    if got is None or gold is None:
        return got is None and gold is None
    return abs((date.fromisoformat(got) - date.fromisoformat(gold)).days) <= 1


def main() -> int:
    parser = argparse.ArgumentParser(description="resolve_time accuracy on dev gold")
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("FRONTWATCH_SHARED", DEFAULT_SHARED))
    )
    parser.add_argument("--quiet", action="store_true", help="figures only, no list of misses")
    args = parser.parse_args()
    cases = load_cases(args.shared.resolve())
    began = time.perf_counter()
    outcomes = [score(case) for case in cases]
    elapsed = time.perf_counter() - began
    n = len(outcomes)
    start_ok = sum(o.start_ok for o in outcomes)
    exact_ok = sum(o.exact_ok for o in outcomes)
    distinct = {(o.case.doc, o.case.gold.text) for o in outcomes}
    print(f"gold event times: {n} ({len(distinct)} distinct doc/text pairs)")
    print(f"start within 1 day: {start_ok}/{n} = {start_ok / n:.3f}" if n else "no cases")
    print(f"exact (start, end): {exact_ok}/{n} = {exact_ok / n:.3f}" if n else "")
    undated_docs = [o for o in outcomes if o.case.published is None]
    print(
        f"of which in reports with no publication date: {len(undated_docs)} "
        f"({sum(o.start_ok for o in undated_docs)} right: only words with a year resolve)"
    )
    print(f"time: {elapsed * 1000:.1f} ms for {n} expressions (lexicon load included)")
    if not args.quiet:
        _print_misses(outcomes)
    return 0


def _print_misses(outcomes: list[Outcome]) -> None:
    seen: set[tuple[str, str]] = set()
    print("\nmisses (doc | published | words | gold start..end | got start..end):")
    for o in outcomes:
        key = (o.case.doc, o.case.gold.text)
        if o.exact_ok or key in seen:
            continue
        seen.add(key)
        got = f"{o.got.start}..{o.got.end}" if o.got else "None"
        mark = "start ok" if o.start_ok else "MISS"
        print(
            f"  {o.case.doc} | {o.case.published} | {o.case.gold.text!r} | "
            f"{o.case.gold.start}..{o.case.gold.end} | {got}  [{mark}]"
        )


if __name__ == "__main__":
    raise SystemExit(main())
