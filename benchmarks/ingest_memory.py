"""Peak memory of ``frontwatch ingest`` on the largest inputs its limits accept (goal: 1 GB).

    python benchmarks/ingest_memory.py [--cases NAME ...] [--workers N] [--batch 64] [--cold]

Each case is written here, then ingested with claims and fusion on (the default command) by
a fresh process into a fresh SQLite store, while a thread samples every 0.1 s the process
and its workers from /proc. Cases: a 1 MB document dense with trigger sentences about places
(``dense``); 100,000 place names in 1.7 MB (``names``, over the claims stage's 1,000,000
character limit) and in just under 1 MB (``names-1mb``, read); ``--batch`` files of the
dense kind at once (``batch``). Prints per case the seconds, the peak resident set of the
largest process, the peak of the tree's proportional sets (shared pages counted once, the
honest sum for forked workers) and of its resident sets summed (shared pages counted in
every worker), and what the command said of the documents (read in part, skipped). The goal
is judged by the larger of the largest process and the tree's proportional sets: what the
machine must hold. ``--cold``: each case with an empty places index cache, so the first run's
index build counts too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOAL_MB = 1024.0
_TOWNS = ("Kharkiv", "Izium", "Lyman", "Kupiansk", "Bakhmut", "Balakliia", "Kreminna", "Siversk")
_SENTENCES = (
    "Ukrainian forces recaptured {a} on Saturday, the General Staff said.",
    "Russian troops withdrew from {a} and shelled {b}, officials said.",
    "Russia still controls {a}, a Russian-installed official said on Sunday.",
    "Fighting continued near {a} as Ukrainian troops advanced towards {b}.",
)


def dense(size: int, seed: int = 0) -> str:
    """``size`` characters of short trigger sentences, each naming towns."""
    parts: list[str] = [f"Report {seed}."]
    length = len(parts[0])
    i = 0
    while length < size:
        towns = _TOWNS[i % len(_TOWNS)], _TOWNS[(i * 3 + 1) % len(_TOWNS)]
        sentence = _SENTENCES[i % len(_SENTENCES)].format(a=towns[0], b=towns[1])
        parts.append(sentence)
        length += len(sentence) + 1
        i += 1
    return " ".join(parts)[:size]


def names(count: int, size: int) -> str:
    """``count`` place names joined by commas, padded or cut to ``size`` characters."""
    text = ", ".join(_TOWNS[i % len(_TOWNS)] for i in range(count))
    return (text + " " * size)[:size].rstrip() + "."


def _write(folder: Path, texts: list[str]) -> Path:
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"report-{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


CASES: dict[str, Callable[[Path, int], Path]] = {
    "dense": lambda work, _batch: _write(work / "dense", [dense(999_000)]),
    "names": lambda work, _batch: _write(work / "names", [names(100_000, 1_700_000)]),
    "names-1mb": lambda work, _batch: _write(work / "names1", [names(100_000, 999_000)]),
    "batch": lambda work, batch: _write(
        work / "batch", [dense(999_000, seed) for seed in range(batch)]
    ),
}


class TreeMemory:
    """Peaks of a process and its descendants, sampled from /proc every 0.1 s."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.largest_rss_mb = 0.0
        self.tree_pss_mb = 0.0
        self.tree_rss_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            sizes = [_sizes_mb(pid) for pid in _tree(self.pid)]
            self.largest_rss_mb = max(self.largest_rss_mb, *(rss for rss, _ in sizes), 0.0)
            self.tree_rss_mb = max(self.tree_rss_mb, sum(rss for rss, _ in sizes))
            self.tree_pss_mb = max(self.tree_pss_mb, sum(pss for _, pss in sizes))


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


def _sizes_mb(pid: int) -> tuple[float, float]:
    """Resident and proportional set of ``pid`` in MB (0 once it has gone)."""
    found = {"Rss:": 0.0, "Pss:": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, *rest = line.split()
            if key in found:
                found[key] = int(rest[0]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return found["Rss:"], found["Pss:"]


@dataclass(frozen=True, slots=True)
class Measured:
    seconds: float
    memory: TreeMemory
    said: list[dict[str, object]]
    code: int


def ingest(folder: Path, db: Path, workers: int | None, cache: Path | None = None) -> Measured:
    """One ``frontwatch ingest --json`` run (claims and fusion on) and its memory; ``cache``:
    the places index cache folder to use instead of the user's."""
    command = [sys.executable, "-m", "frontwatch", "ingest", str(folder), "--db", str(db), "--json"]
    if workers:
        command += ["--workers", str(workers)]
    env = dict(os.environ, FRONTWATCH_CACHE=str(cache)) if cache else None
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    memory = TreeMemory(child.pid)
    stdout, _ = child.communicate(timeout=3_600)
    memory.stop()
    said = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    return Measured(time.perf_counter() - started, memory, said, child.returncode)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--cold", action="store_true", help="start with no places index cached")
    args = parser.parse_args()
    worst = 0.0
    for name in args.cases:
        with tempfile.TemporaryDirectory(prefix="fw-memory-") as work:
            folder = CASES[name](Path(work), args.batch)
            cache = Path(work) / "cache" if args.cold else None
            got = ingest(folder, Path(work) / "store.db", args.workers, cache)
        mem = got.memory
        worst = max(worst, mem.largest_rss_mb, mem.tree_pss_mb)
        print(
            f"{name:<10} {got.seconds:7.1f} s  exit {got.code}  largest process"
            f" {mem.largest_rss_mb:6.0f} MB  tree (PSS) {mem.tree_pss_mb:6.0f} MB"
            f"  tree (RSS summed) {mem.tree_rss_mb:6.0f} MB",
            flush=True,
        )
        for line in got.said:
            if "summary" not in line:
                print(f"    {json.dumps(line)[:200]}")
        print(f"    {json.dumps(got.said[-1]) if got.said else 'no summary'}")
    verdict = "met" if worst <= GOAL_MB else "NOT met"
    print(f"\nworst peak {worst:.0f} MB (goal {GOAL_MB:.0f} MB: {verdict})")
    return 0 if worst <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
