"""What the places index costs: its one-off build, then load time and memory in fresh processes.

    python benchmarks/places_index.py [--runs 5] [--json]

Builds the index once into an empty temporary cache folder (the cost a new install pays on its
first place look-up), then loads the cached index ``--runs`` times, each in a fresh interpreter,
and prints the median load time and resident memory (goals: load <= 0.5 s, < 200 MB resident),
with the index's size: rows, alias keys, and the villages by precision (1 own point, 2 hromada
centre, 3 raion centre). ``PYTHONPATH=<other checkout>/src`` measures another checkout the same
way (compare figures taken on one machine only).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from typing import Any

#: Run in a fresh interpreter: imports the package, loads the index, reports time and memory.
PROBE = """
import json, pathlib, time
def rss():
    line = next(x for x in pathlib.Path("/proc/self/status").read_text().splitlines()
                if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024
t0 = time.perf_counter()
from frontwatch.places import Gazetteer
imported, t1 = rss(), time.perf_counter()
g = Gazetteer.load()
t2 = time.perf_counter()
villages = {}
is_village = getattr(g, "is_village", lambda row: False)  # an older checkout has none
for row in range(len(g)):
    if is_village(row):
        villages[g.precision(row)] = villages.get(g.precision(row), 0) + 1
keys = g.key_count() if hasattr(g, "key_count") else None
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "rss_mb": rss(),
                  "index_mb": rss() - imported, "rows": len(g), "keys": keys,
                  "villages": villages}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="frontwatch-index-") as cache:
        build = _probe(cache)
        loads = [_probe(cache) for _ in range(max(1, args.runs))]
    figures = _figures(build, loads)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for name, value in figures.items():
            print(f"{name:<22} {value}")
    return 0


def _probe(cache: str) -> dict[str, Any]:
    env = {**os.environ, "FRONTWATCH_CACHE": cache}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True, env=env
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _figures(build: dict[str, Any], loads: list[dict[str, Any]]) -> dict[str, Any]:
    def median(name: str) -> float:
        return round(statistics.median(x[name] for x in loads), 3)

    return {
        "first_build_s": round(build["load_s"], 1),
        "load_s_median": median("load_s"),
        "load_s_max": round(max(x["load_s"] for x in loads), 3),
        "rss_mb_median": median("rss_mb"),
        "index_mb_median": median("index_mb"),
        "rows": loads[0]["rows"],
        "alias_keys": loads[0]["keys"],
        "villages_by_precision": dict(sorted(loads[0]["villages"].items())),
    }


if __name__ == "__main__":
    sys.exit(main())
