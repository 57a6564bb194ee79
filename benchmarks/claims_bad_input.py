"""Seconds the claims stage takes on hostile reports (goal: at most 2 s each on 2 cores).

    python benchmarks/claims_bad_input.py

Each case is built here: one sentence of 1 MB, 1 MB with no spaces, 10,000 place names,
mixed scripts with control characters, random control characters, 1 MB of 1,400-character
sentences full of trigger words. Prints per case the seconds, claims, and the skipped
reason or the note of what was left unread.
"""

from __future__ import annotations

import random
import time

from frontwatch.claims import ClaimExtractor
from frontwatch.model import Document

GOAL_S = 2.0
_RUN_ON = "Russian forces shelled Kharkiv and "


def cases() -> dict[str, str]:
    rng = random.Random(7)
    towns = ["Kharkiv", "Izium", "Lyman", "Kupiansk", "Bakhmut"]
    return {
        "one 1 MB sentence": (_RUN_ON * 30_000)[:999_000],
        "1 MB without spaces": "x" * 999_000,
        "10,000 place names": ", ".join(towns * 2_000) + " were shelled by Russian forces.",
        "mixed scripts": "Russian forces shelled Хаrkiv and Кupiansk\x00\x07 near Ізюм. " * 200,
        "control characters": "".join(chr(rng.randint(0, 31)) for _ in range(100_000)),
        "1 MB of 1,400-character sentences": ((_RUN_ON * 40)[:1_400] + ". ") * 700,
    }


def main() -> int:
    extractor = ClaimExtractor()
    extractor.extract(Document(id="warm", text="Russian forces shelled Kharkiv."))
    worst = 0.0
    for name, text in cases().items():
        started = time.perf_counter()
        result = extractor.extract(Document(id=name, text=text))
        took = time.perf_counter() - started
        worst = max(worst, took)
        why = result.skipped or result.note or "read in full"
        print(f"{name:<36}{took:6.2f} s  {len(result.claims):4d} claims  {why}")
    print(f"slowest {worst:.2f} s (goal {GOAL_S:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
