"""Score place mentions: dev gold, GeoWebNews and LGL, speed, and the index's load cost.

    python benchmarks/places_eval.py [--shared ../shared] [--limit N] [--json] [--skip-corpora]

Prints
(a) seeds: each gold place of gold/dev/seed-*.jsonl, found within 5 km or not;
(b) all place fields of gold/dev/*.jsonl: share found within 15 km (goal >= 95%);
(c) GeoWebNews and LGL: toponym detection P/R/F1 on exact spans, and resolution of the gold
    spans (exact GeoNames id, within 161 km), beside Mordecai3's published exact-match figures;
(d) speed: mentions resolved per second, and ms that mention finding adds per 700-word report;
(e) index load time and resident memory of the gazetteer (goal < 1 s, < 200 MB), measured in
    a fresh interpreter.
Scoring lives in ``frontwatch.places.evaluate`` (the accuracy gate test uses it too).
``--limit N`` takes the first N articles of each big corpus. ``--errors`` prints, for GWN
and LGL, where the wrong resolutions come from: the gold place not in the index at all, no
candidate for the name, or the gold place among the candidates but ranked lower (with the most
frequent names of each). ``--pin`` measures the scores the
accuracy gate checks and writes their floors to ``benchmarks/baselines/places.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from frontwatch.model import Document
from frontwatch.places import PlaceResolver, find_mentions
from frontwatch.places import evaluate as ev
from frontwatch.places.resolver import Resolution
from frontwatch.read import Parser

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
CORPORA = Path("datasets") / "geowebnews_and_geoparsing_corpora"
#: Mordecai3 (Halterman 2023, arXiv:2303.13675), exact GeoNames match on gold place names.
MORDECAI3 = {"gwn": 0.901, "lgl": 0.794}
REPORT_WORDS = 700
BASELINE = Path(__file__).resolve().parent / "baselines" / "places.json"
_LOAD_PROBE = """
import json, pathlib, resource, time
def rss():  # current resident set (ru_maxrss survives exec: it would show the parent's peak)
    status = pathlib.Path("/proc/self/status")
    if status.is_file():
        line = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
base, t = rss(), time.perf_counter()
from frontwatch.places import Gazetteer, PlaceResolver
imported, t2 = rss(), time.perf_counter()
resolver = PlaceResolver(Gazetteer.load())
done = time.perf_counter()
print(json.dumps({"import_s": t2 - t, "load_s": done - t2, "rss_mb": rss(),
                  "index_mb": rss() - imported, "interpreter_mb": base}))
"""


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    shared = Path(args.shared).resolve()
    parser, resolver = Parser(), PlaceResolver.default()
    if args.pin:
        print(json.dumps(pin(shared, parser, resolver), indent=1))
        return 0
    if args.errors:
        _print_errors(shared / CORPORA, parser, resolver, args.limit)
        return 0
    figures: dict[str, Any] = {"index": _index_cost()}
    dev = ev.score_dev(shared, parser, resolver)
    figures["seeds"] = _seed_figures(dev)
    figures["gold_dev"] = _gold_figures(dev)
    figures["speed"] = _speed(shared, parser, resolver)
    if not args.skip_corpora:
        figures["geoparsing"] = _geoparsing(shared / CORPORA, parser, resolver, args.limit)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        _print(figures, dev)
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FRONTWATCH_SHARED", str(DEFAULT_SHARED)))
    ap.add_argument("--limit", type=int, default=None, help="first N articles of GWN and LGL")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--skip-corpora", action="store_true", help="leave out GWN and LGL")
    ap.add_argument("--errors", action="store_true", help="print where GWN/LGL errors come from")
    ap.add_argument("--pin", action="store_true", help=f"write the gate floors to {BASELINE}")
    return ap.parse_args(argv)


def pin(shared: Path, parser: Parser, resolver: PlaceResolver) -> dict[str, float]:
    """Measure the gate's scores and write floors below them (never lowering an old floor)."""
    old = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else None
    floors = ev.pinned(ev.gate_figures(shared, parser, resolver), old)
    BASELINE.write_text(json.dumps(floors, indent=1) + "\n", encoding="utf-8")
    return floors


def _index_cost() -> dict[str, float]:
    """Load the cached index in a fresh interpreter (built once first, if stale)."""
    run = [sys.executable, "-c", _LOAD_PROBE]
    subprocess.run(run, check=True, capture_output=True)  # warms the on-disk cache
    probe = subprocess.run(run, check=True, capture_output=True, text=True)
    cost: dict[str, float] = json.loads(probe.stdout)
    return {k: round(v, 3) for k, v in cost.items()}


def _seed_figures(dev: ev.DevScores) -> dict[str, Any]:
    places = {f"{doc} {name}": ok for (doc, name), ok in sorted(dev.seed_places.items())}
    return {"places": places, "claims": len(dev.seeds), "within_5km": round(dev.seed_within_5km, 4)}


def _gold_figures(dev: ev.DevScores) -> dict[str, Any]:
    misses = [
        {"doc": h.gold.doc, "gold": h.gold.name, "got": h.place.name if h.place else None,
         "km": round(h.km, 1) if h.km is not None else None, "evidence": h.gold.text[:80]}
        for h in dev.gold if not h.within(ev.GOLD_KM)
    ]  # fmt: skip
    return {
        "claims": len(dev.gold),
        "within_15km": round(dev.gold_within_15km, 4),
        "within_5km": round(ev.share_within(dev.gold, ev.SEED_KM), 4),
        "misses": misses,
    }


def _speed(shared: Path, parser: Parser, resolver: PlaceResolver) -> dict[str, float]:
    """Mention finding alone (parsing excluded), repeated over the dev reports."""
    docs = ev.load_corpus(shared / "corpus" / "dev")
    parsed = parser.parse_many(list(docs.values()))
    words = sum(len(p.document.text.split()) for p in parsed)
    rounds, count = 5, 0
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for p in parsed:
            count += len(find_mentions(resolver, p))
    took, cpu_took = time.perf_counter() - started, time.process_time() - cpu
    return {
        "reports": len(parsed) * rounds,
        "mentions_per_s": round(count / took, 1),
        "ms_per_700_words": round(1000 * took / (words * rounds) * REPORT_WORDS, 2),
        "cpu_ms_per_700_words": round(1000 * cpu_took / (words * rounds) * REPORT_WORDS, 2),
    }


def _geoparsing(
    folder: Path, parser: Parser, resolver: PlaceResolver, limit: int | None
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, loader, file in (("gwn", ev.load_gwn, "GWN.xml"), ("lgl", ev.load_lgl, "lgl.xml")):
        if not (folder / file).is_file():
            out[name] = {"missing": str(folder / file)}
            continue
        articles = loader(folder / file, limit)
        score = ev.score_geoparsing(parser, resolver, articles, demonyms=True)
        out[name] = {**score.to_json(), "mordecai3_exact": MORDECAI3[name]}
    return out


def _print(figures: dict[str, Any], dev: ev.DevScores) -> None:
    seeds, gold = figures["seeds"], figures["gold_dev"]
    print("(a) seed gold places, found within 5 km in every claim that names them:")
    for place, ok in seeds["places"].items():
        print(f"    {'yes' if ok else 'NO '}  {place}")
    print(f"    {seeds['within_5km']:.1%} of {seeds['claims']} seed claim places")
    print(f"(b) gold/dev claim places within 15 km: {gold['within_15km']:.1%} of {gold['claims']}"
          f" (within 5 km {gold['within_5km']:.1%}; goal >= 95%)")  # fmt: skip
    for miss in gold["misses"]:
        print(f"    miss {miss['doc']} {miss['gold']!r} got {miss['got']!r} ({miss['km']} km): "
              f"{miss['evidence']!r}")  # fmt: skip
    _print_geoparsing(figures.get("geoparsing", {}))
    speed, index = figures["speed"], figures["index"]
    print(f"(d) speed: {speed['mentions_per_s']:,.0f} mentions/s; per 700-word report "
          f"{speed['ms_per_700_words']:.1f} ms wall, {speed['cpu_ms_per_700_words']:.1f} ms CPU "
          "(parsing excluded)")  # fmt: skip
    print(f"(e) index: import {index['import_s']:.2f} s + load {index['load_s']:.2f} s; "
          f"{index['index_mb']:.0f} MB for the index, {index['rss_mb']:.0f} MB resident in all "
          "(goal < 1 s, < 200 MB)")  # fmt: skip


def _print_geoparsing(corpora: dict[str, Any]) -> None:
    for name, s in corpora.items():
        if "missing" in s:
            print(f"(c) {name}: not found at {s['missing']}")
            continue
        print(f"(c) {name.upper()} ({s['articles']} articles, {s['gold']} toponyms with an id): "
              f"detection P {s['precision']:.1%} R {s['recall']:.1%} F1 {s['f1']:.1%}; "
              f"resolution exact {s['exact']:.1%} (Mordecai3 {s['mordecai3_exact']:.1%}), "
              f"within 161 km {s['within_161km']:.1%}; the index holds {s['gold_in_index']:.1%} of "
              "the gold places (the ceiling of exact resolution)")  # fmt: skip


def _print_errors(folder: Path, parser: Parser, resolver: PlaceResolver, limit: int | None) -> None:
    known = {resolver.gazetteer.place(r).geonameid for r in range(len(resolver.gazetteer))}
    for name, loader, file in (("gwn", ev.load_gwn, "GWN.xml"), ("lgl", ev.load_lgl, "lgl.xml")):
        if not (folder / file).is_file():
            continue
        buckets: dict[str, Counter[str]] = {}
        articles = loader(folder / file, limit)
        docs = [Document(id=a.id, text=a.text) for a in articles]
        for article, parsed in zip(articles, parser.parse_many(docs), strict=True):
            found = find_mentions(resolver, parsed, country=None, demonyms=True)
            mentions = [m for m in found if m.method != "anaphora"]
            home = ev._home(mentions)
            for t in article.toponyms:
                phrase = article.text[t.start : t.end]
                after = article.text[t.end :]
                ctx = ev._context_for(resolver, phrase, mentions, home, t.end, after)
                res = resolver.resolve(phrase, country=None, context=ctx)
                bucket = _bucket(res, t.geonameid, known)
                got = (
                    f" -> {res.place.name} ({res.place.kind}, {res.place.country})"
                    if res.place
                    else ""
                )
                buckets.setdefault(bucket, Counter())[phrase + got] += 1
        for bucket, names in sorted(buckets.items()):
            top = "; ".join(f"{n} x{c}" for n, c in names.most_common(12))
            print(
                f"{name.upper()} {bucket}: {sum(names.values())}"
                + ("" if bucket == "right" else f"  e.g. {top}")
            )


def _bucket(res: Resolution, gold: int, known: set[int | None]) -> str:
    if res.place is not None and res.place.geonameid == gold:
        return "right"
    if gold not in known:
        return "gold not in the index"
    if res.place is None:
        return "no candidate"
    if gold in {c.place.geonameid for c in res.candidates}:
        return "gold ranked lower"
    return "gold ranked below the shown candidates"


if __name__ == "__main__":
    sys.exit(main())
