"""Fusion at scale: full rebuild time, incremental update per report, peak memory.

Goals: an incremental update (one new report) in at most 50 ms; at most 2 GB resident.

    python benchmarks/fuse_scale.py                  # 1,000,000 claims
    python benchmarks/fuse_scale.py --claims 100000 --updates 50
    python benchmarks/fuse_scale.py --keep /tmp/fw1m   # generate once, reuse later runs
    python benchmarks/fuse_scale.py --keep /tmp/fw1m --no-rebuild   # updates only
    python benchmarks/fuse_scale.py --claims 100000 --keep /tmp/fw --workers 2   # rebuild: 2

Synthetic reports (benchmarks/synthetic_claims.py) are bulk-loaded into a fresh SQLite
store, all but the last ``--updates`` of them; a fresh process then times
``Fuser(store).rebuild()`` and, for each held-out report, storing it and
``Fuser(store).update([doc])`` (only the update is timed, in wall time and in the
process's processor time, which other work on a shared machine does not stretch), and
reports its peak RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

from frontwatch.fuse import Fuser, FuseResult
from frontwatch.model import Claim, Document
from frontwatch.store import Store, open_store
from frontwatch.store import repository as repo
from frontwatch.store import schema as t
from frontwatch.store.codec import place_key

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic_claims import Generator  # noqa: E402


def load(db: Path, claims: int, updates: int, held: Path) -> tuple[int, int]:
    """Generate and bulk-load all but the last ``updates`` reports; write those to ``held``."""
    store = open_store(f"sqlite:///{db}")
    tail: deque[tuple[Document, list[Claim]]] = deque()
    batch: list[tuple[Document, list[Claim]]] = []
    reports = made = 0
    for report in Generator(claims):
        reports += 1
        made += len(report[1])
        tail.append(report)
        if len(tail) > updates:
            batch.append(tail.popleft())
        if len(batch) >= 20_000:
            _insert(store, batch)
            batch = []
    _insert(store, batch)
    store.close()
    with held.open("w", encoding="utf-8") as out:
        for doc, cs in tail:
            record = {"doc": _doc_json(doc), "claims": [c.to_json() for c in cs]}
            out.write(json.dumps(record) + "\n")
    return reports, made


def _generate(db: Path, held: Path, claims: int, updates: int) -> None:
    began = time.perf_counter()
    reports, made = load(db, claims, updates, held)
    print(
        f"generated and loaded {reports} reports, {made} claims "
        f"in {time.perf_counter() - began:.1f} s"
    )


def _kept(folder: Path, claims: int, updates: int) -> tuple[Path, Path]:
    """The loaded database for these settings in ``folder``, generated on first use."""
    folder.mkdir(parents=True, exist_ok=True)
    db, held = folder / f"scale-{claims}-{updates}.db", folder / f"held-{claims}-{updates}.jsonl"
    if not (db.exists() and held.exists()):
        _generate(db, held, claims, updates)
    else:
        print(f"reusing {db}")
    return db, held


def _insert(store: Store, batch: list[tuple[Document, list[Claim]]]) -> None:
    if not batch:
        return
    # Bulk load through the store's own row builders: a benchmark shortcut, not an API.
    with store.engine.begin() as conn:
        conn.execute(t.documents.insert(), [repo._doc_row(d, None) for d, _ in batch])
        rows = [repo._claim_row(d.id, c) for d, cs in batch for c in cs]
        conn.execute(t.claims.insert(), rows)


def _doc_json(doc: Document) -> dict[str, object]:
    return {"id": doc.id, "text": doc.text, "published": doc.published, "hash": doc.content_hash}


def measure(db: Path, held: Path, rebuild: bool = True, workers: int = 1) -> dict[str, object]:
    store = open_store(f"sqlite:///{db}")
    began = time.perf_counter()
    result = Fuser(store).rebuild(workers=workers) if rebuild else _prefuse(store, held)
    rebuild_s = time.perf_counter() - began
    after_rebuild_mb = _peak_mb()
    times: list[float] = []
    cpu: list[float] = []  # this process's processor time: what other load on the machine
    places: list[int] = []  # does not stretch (wall time does)
    for line in held.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        d = obj["doc"]
        doc = Document(d["id"], d["text"], published=d["published"], content_hash=d["hash"])
        store.add_document(doc, "bench:" + doc.id)
        store.replace_claims(doc.id, [Claim.from_json(c) for c in obj["claims"]])
        began, began_cpu = time.perf_counter(), time.process_time()
        places.append(Fuser(store).update([doc.id]).places)
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    store.close()
    ms = sorted(x * 1000 for x in times)
    cpu_ms = sorted(x * 1000 for x in cpu)
    return {
        ("rebuild_s" if rebuild else "prefuse_s"): round(rebuild_s, 1),
        "places": result.places,
        "events": result.events,
        "links": result.links,
        "periods": result.periods,
        "peak_rss_mb_after_rebuild": after_rebuild_mb,
        "update_ms_median": round(statistics.median(ms), 1) if ms else None,
        "update_ms_p95": round(ms[int(0.95 * (len(ms) - 1))], 1) if ms else None,
        "update_ms_max": round(ms[-1], 1) if ms else None,
        "update_cpu_ms_median": round(statistics.median(cpu_ms), 1) if cpu_ms else None,
        "update_cpu_ms_p95": round(cpu_ms[int(0.95 * (len(cpu_ms) - 1))], 1) if cpu_ms else None,
        "places_per_update": round(statistics.mean(places), 1) if places else None,
        "peak_rss_mb": _peak_mb(),
    }


def _prefuse(store: Store, held: Path) -> FuseResult:
    """Fuse only the places the held-out reports touch (instead of a rebuild)."""
    keys: set[str] = set()
    for line in held.read_text(encoding="utf-8").splitlines():
        claims = [Claim.from_json(c) for c in json.loads(line)["claims"]]
        keys |= {k for c in claims if (k := place_key(c.place))}
    return Fuser(store).update([], places=keys)


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--updates", type=int, default=100)
    parser.add_argument(
        "--keep",
        type=Path,
        help="folder for the loaded database: generated there once, copied for each run",
    )
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="fuse only the places the held-out reports touch, not all (quicker at 1M)",
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="processes for the rebuild (default 1)"
    )
    parser.add_argument("--measure", nargs=2, metavar=("DB", "HELD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        paths = Path(args.measure[0]), Path(args.measure[1])
        print(json.dumps(measure(*paths, rebuild=not args.no_rebuild, workers=args.workers)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db, held = Path(tmp) / "scale.db", Path(tmp) / "held.jsonl"
        if args.keep is not None:
            kept_db, kept_held = _kept(args.keep, args.claims, args.updates)
            shutil.copyfile(kept_db, db)
            shutil.copyfile(kept_held, held)
        else:
            _generate(db, held, args.claims, args.updates)
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(db), str(held)]
            + ["--workers", str(args.workers)]
            + (["--no-rebuild"] if args.no_rebuild else []),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stderr)
            return done.returncode
        for key, value in json.loads(done.stdout).items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
