"""Ingest end to end against a plain spaCy parse of the same texts, in the same run.

    python benchmarks/ingest_speed.py [--reports 1000] [--workers 2] [--spacy-processes 2]
                                      [--repeat 1] [--no-baseline] [--shared ../shared]

The dev corpus is replicated to ``--reports`` reports (each a distinct text and id) in a JSON
Lines file. Then, one after the other on the same machine:

1. plain spaCy: the packaged ``en_core_web_sm`` (frontwatch's default model) parses the same
   texts with ``nlp.pipe(texts, n_process=2)``; loading the model is not timed;
2. after an untimed one-report run (which builds the places index where it is not cached),
   ``frontwatch ingest FILE --workers N`` in a fresh process on a fresh SQLite store: reading,
   storing, place mentions, claims and fusion, timed end to end; and on a one-report file
   before and after it, so that the start-up (imports, model, places index, workers: the
   faster of the two) can be taken out;
3. ``frontwatch ingest FILE --no-claims``: reading and storing alone; then again on the same
   store (every report unchanged).

With ``--repeat R`` steps 1 and 2 run R times by turns and the medians are printed (the
machine may be shared: ratios from one run matter more than seconds).

Prints reports/s for each, frontwatch's rate with and without its start-up, the ratio of the
latter to plain spaCy, and peak memory: the sum of the resident sets of frontwatch's process
and its workers, sampled every 0.1 s (Linux /proc), and the largest single process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import spacy

from frontwatch.read import DEFAULT_MODEL


def replicate(corpus: Path, count: int, out: Path) -> Path:
    """Write ``count`` reports cycling through the corpus, each a distinct text and id."""
    reports = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.json"))]
    if not reports:
        raise SystemExit(f"no reports (*.json) in {corpus}: point --shared at the shared folder")
    with out.open("w", encoding="utf-8") as f:
        for i in range(count):
            obj = dict(reports[i % len(reports)])
            obj["id"] = f"{obj['id']}-r{i:06d}"
            obj["text"] = f"{obj['text']}\n(copy {i})"
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return out


def texts_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def plain_spacy(texts: list[str], processes: int) -> float:
    """Seconds for ``nlp.pipe`` over every text (model loaded beforehand)."""
    nlp = spacy.load(DEFAULT_MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=64):
        pass
    return time.perf_counter() - started


class TreeMemory:
    """Peak resident memory of a process and its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_total_mb = 0.0
        self.peak_single_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            sizes = [_rss_mb(p) for p in _tree(self.pid)]
            self.peak_total_mb = max(self.peak_total_mb, sum(sizes))
            self.peak_single_mb = max(self.peak_single_mb, max(sizes, default=0.0))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def frontwatch_ingest(source: Path, db: Path, *extra: str) -> tuple[float, TreeMemory, dict]:
    """Wall seconds of one ``frontwatch ingest`` run, its memory, and its JSON summary."""
    args = [sys.executable, "-m", "frontwatch.cli", "ingest", str(source), "--db", str(db)]
    started = time.perf_counter()
    child = subprocess.Popen([*args, "--json", *extra], stdout=subprocess.PIPE, text=True)
    memory = TreeMemory(child.pid)
    stdout, _ = child.communicate(timeout=7200)
    elapsed = time.perf_counter() - started
    memory.stop()
    if child.returncode != 0:
        raise SystemExit(f"frontwatch ingest exited {child.returncode}: {stdout[-2000:]}")
    return elapsed, memory, json.loads(stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--spacy-processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--no-baseline", action="store_true", help="Skip plain spaCy (memory checks at scale)."
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = replicate(args.shared / "corpus" / "dev", args.reports, folder / "reports.jsonl")
        one = replicate(args.shared / "corpus" / "dev", 1, folder / "one.jsonl")
        texts = texts_of(source)
        words = sum(len(t.split()) for t in texts) / len(texts)
        print(f"{len(texts)} reports, {words:.0f} words each on average")

        workers = ("--workers", str(args.workers))
        # untimed: builds the places index if it is not cached (the first run's ~10 s)
        frontwatch_ingest(one, folder / "warm.db", *workers)
        spacy_runs, start_runs, full_runs = [], [], []
        for turn in range(args.repeat):
            if not args.no_baseline:
                spacy_runs.append(plain_spacy(texts, args.spacy_processes))
            start_runs.append(frontwatch_ingest(one, folder / f"one-{turn}a.db", *workers)[0])
            full_s, memory, summary = frontwatch_ingest(
                source, folder / f"full-{turn}.db", *workers
            )
            full_runs.append(full_s)
            start_runs.append(frontwatch_ingest(one, folder / f"one-{turn}b.db", *workers)[0])
        spacy_s = statistics.median(spacy_runs) if spacy_runs else float("nan")
        spacy_rate = len(texts) / spacy_s
        print(
            f"plain spaCy ({DEFAULT_MODEL}, nlp.pipe n_process={args.spacy_processes}): "
            f"{spacy_s:.1f} s, {spacy_rate:.1f} reports/s"
        )
        full_s = statistics.median(full_runs)
        start_s = min(start_runs)
        processed = summary["processed"] or {}
        rate = len(texts) / full_s
        steady = (len(texts) - 1) / (full_s - start_s) if full_s > start_s else float("nan")
        print(
            f"frontwatch ingest --workers {args.workers} (read, store, places, claims, fusion): "
            f"{full_s:.1f} s, {rate:.1f} reports/s with start-up; start-up {start_s:.1f} s "
            f"(a one-report run); {steady:.1f} reports/s without it"
        )
        print(
            f"  {processed.get('documents', 0)} documents extracted, "
            f"{processed.get('claims', 0)} claims, {processed.get('failed', 0)} failed"
        )
        print(
            f"  peak memory: {memory.peak_total_mb:.0f} MB for the process and its workers "
            f"together, {memory.peak_single_mb:.0f} MB the largest one"
        )
        print(
            f"ratio to plain spaCy: {steady / spacy_rate:.2f} without start-up, "
            f"{rate / spacy_rate:.2f} with it"
        )

        read_s, read_memory, _ = frontwatch_ingest(source, folder / "read.db", "--no-claims")
        print(
            f"frontwatch ingest --no-claims (read and store only): {read_s:.1f} s, "
            f"{len(texts) / read_s:.0f} reports/s, peak {read_memory.peak_total_mb:.0f} MB"
        )
        again_s, _, _ = frontwatch_ingest(source, folder / "read.db", "--no-claims")
        print(
            f"  again, every report unchanged: {again_s:.1f} s, "
            f"{len(texts) / again_s:.0f} reports/s"
        )


if __name__ == "__main__":
    main()
