"""Killed and resumed: N ingests killed with SIGKILL at a random moment, each then resumed,
compared with one uninterrupted run.

    python benchmarks/resume_kills.py [--runs 20] [--copies 30] [--seed 1] [--db-url URL]

Each run ingests the same hand-written reports (``--copies`` variants of each, so that the
claims stage takes a while) into a fresh SQLite store (or a fresh database on the PostgreSQL
server ``--db-url`` names), kills it after a random delay counted from its first document
stored, up to the uninterrupted run's time from there, and resumes it, by turns, with
``frontwatch ingest`` again and with ``frontwatch process --pending`` followed by
``frontwatch ingest`` (for what was never stored). Prints for each run where it was killed
(the stage counts then) and whether the final store equals the uninterrupted one
(documents, stages, claims, links, events, control periods); last, how many of N ended
equal. The tests reuse ``write_reports`` and
``contents``; so does ``concurrent_ingest.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from frontwatch.store import Store, open_store
from frontwatch.store.codec import event_to_json, period_to_json

# Reports written for this benchmark: restatements (supports), a withdrawal that implies
# control, and contradictory control claims, over four towns.
REPORTS = (
    ("Kharkiv Monitor", "2022-09-08", "Ukrainian forces recaptured Balakliia on Thursday,"
     " the General Staff said."),
    ("Demo Wire", "2022-09-09", "Ukrainian forces recaptured Balakliia on Thursday, a regional"
     " official said."),
    ("Demo Wire", "2022-09-10", "Russian troops withdrew from Izium on Saturday, the Russian"
     " defence ministry said, calling it a regrouping."),
    ("Kyiv Daily", "2022-09-11", "Russian troops withdrew from Izium on Saturday, the regional"
     " governor said."),
    ("Kharkiv Monitor", "2022-09-10", "Ukrainian forces entered Kupiansk on Saturday, a"
     " regional official said."),
    ("Demo Wire", "2022-09-11", "Russia still controls Kupiansk, a Russian-installed official"
     " said on Sunday."),
    ("Kyiv Daily", "2022-09-12", "Ukrainian troops took full control of Kupiansk on Monday,"
     " the General Staff said."),
    ("Kharkiv Monitor", "2022-10-01", "Russian forces withdrew from Lyman on Saturday after"
     " being encircled, the Russian defence ministry said."),
    ("Demo Wire", "2022-09-12", "Russia still controls Izium, a Russian-installed official"
     " said on Monday."),
    ("Kyiv Daily", "2022-10-02", "Ukrainian forces recaptured Lyman on Saturday, the General"
     " Staff said."),
)  # fmt: skip


def write_reports(path: Path, copies: int = 1) -> Path:
    """Write the reports as JSON Lines, ``copies`` distinct variants of each."""
    with path.open("w", encoding="utf-8") as f:
        for copy in range(copies):
            for n, (outlet, published, text) in enumerate(REPORTS):
                body = text if copy == 0 else f"{text}\n\nReport {copy}."
                obj = {
                    "id": f"w{n:02d}-{copy:03d}",
                    "outlet": outlet,
                    "published": published,
                    "title": f"Report {n} ({copy})",
                    "language": "en",
                    "text": body,
                }
                f.write(json.dumps(obj) + "\n")
    return path


def contents(store: Store) -> dict[str, list[str]]:
    """Everything a run leaves, in a form two stores compare by (row ids left out)."""
    dumps = json.dumps
    return {
        "documents": sorted(
            dumps([d.id, d.text, d.content_hash, list(d.origins)]) for d in store.documents()
        ),
        "stages": sorted(dumps([s.doc_id, s.stage, s.extractor]) for s in store.stages().values()),
        "claims": sorted(dumps(c.to_json(), sort_keys=True) for c in store.claims()),
        "links": sorted(
            dumps([lk.source, lk.target, lk.relation, lk.reason, lk.place_key])
            for lk in store.links()
        ),
        "events": sorted(dumps(event_to_json(e), sort_keys=True) for e in store.events()),
        "periods": sorted(
            dumps(period_to_json(p), sort_keys=True) for p in store.control_periods()
        ),
    }


def frontwatch(*args: str) -> list[str]:
    """The command line that runs ``frontwatch`` with this interpreter."""
    return [sys.executable, "-m", "frontwatch.cli", *args]


def _run(args: list[str]) -> None:
    subprocess.run(args, check=False, capture_output=True, timeout=600)


@contextmanager
def fresh_db(folder: Path, server: str | None) -> Iterator[str]:
    if server is None:
        yield str(folder / f"{uuid.uuid4().hex[:8]}.db")
        return
    name = f"frontwatch_kill_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(
        server.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _contents_of(db: str) -> dict[str, list[str]]:
    store = open_store(db)
    try:
        return contents(store)
    finally:
        store.close()


def _start(source: Path, db: str) -> tuple[subprocess.Popen[bytes], float]:
    """Start an ingest into ``db``; return it once it has stored a document (or ended), with
    the seconds that took."""
    began = time.perf_counter()
    proc = subprocess.Popen(
        frontwatch("ingest", str(source), "--db", db, "--json"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = db if "://" in db else f"sqlite:///{db}"
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    count = sa.text("SELECT count(*) FROM documents")
    try:
        while proc.poll() is None:
            try:
                with engine.connect() as conn:
                    if conn.execute(count).scalar_one():
                        break
            except sa.exc.SQLAlchemyError:  # no store yet
                pass
            time.sleep(0.02)
    finally:
        engine.dispose()
    return proc, time.perf_counter() - began


def _killed_run(source: Path, db: str, delay: float) -> tuple[bool, str]:
    """Ingest into ``db``, SIGKILLed ``delay`` s after it stored its first document; whether
    the kill landed, and the stage counts it left."""
    proc, _ = _start(source, db)
    try:
        proc.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        killed = True
    return killed, _stage_counts(db)


def _stage_counts(db: str) -> str:
    store = open_store(db)
    try:
        counts = Counter(s.stage for s in store.stages().values())
    finally:
        store.close()
    return " ".join(f"{k}={v}" for k, v in sorted(counts.items())) or "empty"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--copies", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db-url", help="a PostgreSQL server to make fresh databases on")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="frontwatch-kills-") as tmp:
        folder = Path(tmp)
        source = write_reports(folder / "reports.jsonl", args.copies)
        with fresh_db(folder, args.db_url) as db:
            began = time.perf_counter()
            proc, ready = _start(source, db)
            proc.wait()
            full = time.perf_counter() - began - ready  # from the first document stored
            expected = _contents_of(db)
        sizes = ", ".join(f"{len(v)} {k}" for k, v in expected.items())
        print(f"uninterrupted: {full:.1f} s after the first document stored; {sizes}")
        equal = 0
        for run in range(args.runs):
            by = "ingest" if run % 2 == 0 else "process --pending, then ingest"
            with fresh_db(folder, args.db_url) as db:
                delay = rng.uniform(0.0, full)
                killed, left = _killed_run(source, db, delay)
                if run % 2:
                    _run(frontwatch("process", "--pending", "--db", db, "--json"))
                _run(frontwatch("ingest", str(source), "--db", db, "--json"))
                same = _contents_of(db) == expected
            equal += same
            print(
                f"run {run + 1:2d}: killed {delay:4.2f} s in ({'killed' if killed else 'done'},"
                f" left {left}); resumed by {by}: {'equal' if same else 'DIFFERENT'}"
            )
        print(f"{equal} of {args.runs} runs ended equal to the uninterrupted run")
    sys.exit(0 if equal == args.runs else 1)


if __name__ == "__main__":
    os.environ.pop("FRONTWATCH_KILL_AT", None)
    main()
