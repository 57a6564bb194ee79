"""Many writers: P ``frontwatch ingest`` processes at once on one fresh store, against one
sequential run of the same input.

    python benchmarks/concurrent_ingest.py [--processes 4] [--copies 10] [--rounds 3] [--db-url URL]

The hand-written reports of ``resume_kills.py`` (``--copies`` variants of each) are split in
P parts; process k ingests part k and a part every process ingests too (the same documents
stored, extracted and fused by several processes at once). Each round makes a fresh SQLite
store (or a fresh database on the PostgreSQL server ``--db-url`` names), starts the P
processes together on it (none migrated it before), and prints their exit codes, the wall
time, and whether the store equals the sequential run's (documents, stages, claims, links,
events, control periods); last, how many rounds ended equal with every process exiting 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from resume_kills import contents, fresh_db, frontwatch, write_reports

from frontwatch.store import open_store


def split(source: Path, parts: int) -> list[Path]:
    """``parts`` files, each with its own share of ``source`` and a share they all hold."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    common, rest = lines[: len(lines) // 5], lines[len(lines) // 5 :]
    shared = source.with_name("shared.jsonl")
    shared.write_text("".join(common), encoding="utf-8")
    out = [shared]
    for k in range(parts):
        part = source.with_name(f"part-{k}.jsonl")
        part.write_text("".join(rest[k::parts]), encoding="utf-8")
        out.append(part)
    return out


def run_together(files: list[Path], db: str, processes: int) -> list[int]:
    """Start ``processes`` ingests at once (process k: the shared file and part k)."""
    shared, parts = files[0], files[1:]
    procs = [
        subprocess.Popen(
            frontwatch("ingest", str(shared), str(parts[k]), "--db", db, "--json"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for k in range(processes)
    ]
    codes = []
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        if proc.returncode:
            sys.stderr.write(err.decode(errors="replace")[-2000:])
        codes.append(proc.returncode)
    return codes


def run_sequential(files: list[Path], db: str) -> None:
    subprocess.run(
        frontwatch("ingest", *map(str, files), "--db", db, "--json"),
        check=True,
        capture_output=True,
        timeout=600,
    )


def stored(db: str) -> dict[str, list[str]]:
    store = open_store(db)
    try:
        return contents(store)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db-url", help="a PostgreSQL server to make fresh databases on")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontwatch-writers-") as tmp:
        folder = Path(tmp)
        files = split(write_reports(folder / "reports.jsonl", args.copies), args.processes)
        with fresh_db(folder, args.db_url) as db:
            began = time.perf_counter()
            run_sequential(files, db)
            print(f"sequential: {time.perf_counter() - began:.1f} s")
            expected = stored(db)
        good = 0
        for n in range(args.rounds):
            with fresh_db(folder, args.db_url) as db:
                began = time.perf_counter()
                codes = run_together(files, db, args.processes)
                took = time.perf_counter() - began
                same = stored(db) == expected
            good += same and not any(codes)
            verdict = "equal" if same else "DIFFERENT"
            print(f"round {n + 1}: exit codes {codes}, {took:.1f} s, {verdict}")
        print(f"{good} of {args.rounds} rounds: every process exited 0 and the store equals")
    sys.exit(0 if good == args.rounds else 1)


if __name__ == "__main__":
    main()
