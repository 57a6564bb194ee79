"""Fuzzing ``frontwatch ingest`` end to end with generated malformed inputs.

    python benchmarks/fuzz_ingest.py [--inputs 100000] [--batch 500] [--seed 1] [--hang-s 30]

Writes the inputs in folders of ``--batch``, each bad input followed by a good plain-text
report, and runs ``frontwatch ingest FOLDER --no-claims --json`` on each folder in a fresh
process and a fresh SQLite store. The bad inputs cycle through the classes issue 12 found
(``CLASSES``): integers past Python's 4,300-digit limit in JSON, JSON Lines and Telegram
exports; undeclarable charsets; feed dates that name no day; NUL characters and lone
surrogates; one id in several files; terminal escapes, Rich markup, bidi and C1 controls in
titles, outlets and text; thousands of ``{`` lines; link loops, links out of the folder and
file names that are not UTF-8; empty, binary and unsupported files; valid inputs of every
format with random bytes flipped, cut or inserted; random bytes.

Prints per class how many inputs ran, then: uncaught exceptions (a run that exited with
neither 0 nor 1, or printed a traceback), hangs (inputs that alone took over ``--hang-s``:
a folder that took longer is split in halves and timed again until each part is under the
limit or is one input), and the good reports not stored. A folder that runs within the limit
proves none of its inputs took longer. The tests run a bounded sample (``run``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GOOD = "Good report {n}: Ukrainian forces entered Izium on Saturday, officials said."
_LONG_DIGITS = (4_301, 6_000)
_TERMINAL = (
    "\x1b[2J\x1b[H",
    "\x1b]0;owned\x07",
    "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "[/]",
    "[link=https://evil.example/]x[/link]",
    "[bold red]",
    "\u202e",
    "\u009b31m",
    "\u2028",
    "\u2029",
    "\x00",
    "\r",
)
_BAD_CHARSETS = ("undefined", "x-unknown", "utf-7", "", "\x00", "utf-8\x1b", "999", "ebcdic")
_BAD_DATES = (
    "0000-01-01T00:00:00Z",
    "2022-02-30",
    "2022-13-01",
    "2022-04-31T10:00:00+03:00",
    "Mon, 01 Jan 0000 00:00:00 GMT",
    "Wed, 30 Feb 2022 10:00:00 +0000",
    "99999-01-01",
    "2022-00-10",
    "-0001-01-01",
)
_UNSUPPORTED = (".jpg", ".pdf", ".bin", ".docx", "")


@dataclass(frozen=True, slots=True)
class Case:
    """One generated input: a file (``data``) or a symbolic link (``link``)."""

    kind: str
    name: bytes  # the file name's bytes: not all are UTF-8
    data: bytes = b""
    link: str | None = None


@dataclass(slots=True)
class Outcome:
    """What the runs found."""

    inputs: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    good_missing: list[int] = field(default_factory=list)
    good_expected: int = 0
    seconds: float = 0.0

    def merge(self, other: Outcome) -> None:
        self.inputs.update(other.inputs)
        self.crashes += other.crashes
        self.hangs += other.hangs
        self.good_missing += other.good_missing
        self.good_expected += other.good_expected
        self.seconds += other.seconds


# the classes ------------------------------------------------------------------------------


def _long_int(rng: random.Random) -> str:
    return str(rng.randint(1, 9)) + "9" * rng.randint(*_LONG_DIGITS)


def long_int_jsonl(rng: random.Random) -> tuple[str, bytes]:
    line = f'{{"id": "L{rng.random()}", "text": "Lyman.", "views": {_long_int(rng)}}}'
    return ".jsonl", ('{"text": "Izium."}\n' + line + "\n").encode()


def long_int_telegram(rng: random.Random) -> tuple[str, bytes]:
    message = f'{{"id": {_long_int(rng)}, "type": "message", "text": "Izium."}}'
    return ".json", f'{{"name": "Wire", "id": 7, "messages": [{message}]}}'.encode()


def bad_charset(rng: random.Random) -> tuple[str, bytes]:
    charset = rng.choice(_BAD_CHARSETS)
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Харків</title></head>'
        "<body><article><h1>Балаклія</h1><p>Українські війська увійшли до міста.</p>"
        "<p>Обстріли тривали всю ніч.</p></article></body></html>"
    )
    return ".html", page.encode(rng.choice(["cp1251", "utf-8", "koi8_u", "utf-16"]))


def bad_feed_date(rng: random.Random) -> tuple[str, bytes]:
    when = rng.choice(_BAD_DATES)
    if rng.random() < 0.5:
        item = f"<item><title>t</title><description>Izium.</description><pubDate>{when}</pubDate>"
        return (
            ".rss",
            f"<rss version='2.0'><channel><title>W</title>{item}</item></channel></rss>".encode(),
        )
    entry = f"<entry><title>t</title><updated>{when}</updated><content>Izium.</content></entry>"
    return (
        ".atom",
        f"<feed xmlns='http://www.w3.org/2005/Atom'><title>W</title>{entry}</feed>".encode(),
    )


def nul_or_surrogate(rng: random.Random) -> tuple[str, bytes]:
    escape = rng.choice(["\\u0000", "\\ud800", "\\udfff", "\\ud83d"])
    if rng.random() < 0.5:
        return ".jsonl", f'{{"id": "n{rng.random()}", "text": "a {escape} b"}}\n'.encode()
    return ".txt", b"Izium\x00was\x00retaken."


def shared_id(rng: random.Random) -> tuple[str, bytes]:
    """One id, many texts, across files and within one: revisions and races, not errors."""
    lines = [f'{{"id": "same", "text": "Izium variant {rng.randint(0, 9)}."}}' for _ in range(3)]
    return ".jsonl", "\n".join(lines).encode()


def terminal(rng: random.Random) -> tuple[str, bytes]:
    def hostile() -> str:
        return "".join(rng.choice(_TERMINAL) for _ in range(rng.randint(1, 4)))

    record = {
        "id": f"t{hostile()}",
        "title": hostile(),
        "outlet": hostile(),
        "url": f"https://wire.example/{hostile()}",
        "text": f"Izium {hostile()} was retaken.",
    }
    if rng.random() < 0.5:
        return ".jsonl", json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()
    return ".txt", record["text"].encode("utf-8", errors="surrogatepass")


def brace_lines(rng: random.Random) -> tuple[str, bytes]:
    return ".jsonl", b"{\n" * rng.randint(100, 2_000)


def unsupported(rng: random.Random) -> tuple[str, bytes]:
    data = rng.choice([b"", b"\xff\xd8\xff\xe0", b"%PDF-1.4", b"PK\x03\x04", b"\x00" * 64])
    return rng.choice(_UNSUPPORTED), data


def empty_or_binary(rng: random.Random) -> tuple[str, bytes]:
    data = rng.choice([b"", b"   \n\t", rng.randbytes(rng.randint(1, 400)), b"\x00" * 100])
    return rng.choice([".txt", ".jsonl", ".json", ".html", ".rss"]), data


def _templates(rng: random.Random) -> list[tuple[str, bytes]]:
    return [
        (".jsonl", b'{"id": "m1", "published": "2022-09-10", "text": "Izium was retaken."}\n'),
        (
            ".json",
            b'{"name": "Wire", "messages": [{"id": 1, "type": "message", "text": "Lyman."}]}',
        ),
        (
            ".rss",
            b"<rss version='2.0'><channel><title>W</title><item><title>t</title>"
            b"<description>Izium.</description></item></channel></rss>",
        ),
        (
            ".html",
            b"<!DOCTYPE html><html><head><title>T</title></head><body><article><p>"
            + b"Ukrainian forces entered Balakliia. " * rng.randint(1, 20)
            + b"</p></article></body></html>",
        ),
        (".txt", "KHARKIV, Sept 10 (Wire) - Ізюм was retaken.".encode()),
    ]


def mutated(rng: random.Random) -> tuple[str, bytes]:
    ext, data = rng.choice(_templates(rng))
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        where = rng.randrange(len(buffer) + 1)
        action = rng.random()
        if action < 0.4 and buffer:
            buffer[min(where, len(buffer) - 1)] = rng.randrange(256)
        elif action < 0.7:
            buffer[where:where] = rng.choice([*_TERMINAL, "{", "<", "&#0;", "]]>"]).encode(
                "utf-8", errors="surrogatepass"
            )
        else:
            del buffer[where:]
    return ext, bytes(buffer)


def random_bytes(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice([".txt", ".jsonl", ".json", ".html", ".rss", ".xml", ".atom"]), rng.randbytes(
        rng.randint(0, 2_000)
    )


Generator = Callable[[random.Random], tuple[str, bytes]]
CLASSES: dict[str, Generator] = {
    "long-int-jsonl": long_int_jsonl,
    "long-int-telegram": long_int_telegram,
    "bad-charset": bad_charset,
    "bad-feed-date": bad_feed_date,
    "nul-or-surrogate": nul_or_surrogate,
    "shared-id": shared_id,
    "terminal-and-markup": terminal,
    "brace-lines": brace_lines,
    "unsupported": unsupported,
    "empty-or-binary": empty_or_binary,
    "mutated": mutated,
    "random-bytes": random_bytes,
}
LINK_CLASSES = ("link-loop", "link-outside", "name-not-utf8")


def cases(seed: int, count: int, start: int = 0) -> Iterator[Case]:
    """``count`` bad inputs, the classes in turn, numbered from ``start``: the same seed
    gives the same inputs."""
    kinds = [*CLASSES, *LINK_CLASSES]
    for number in range(start, start + count):
        rng = random.Random(f"{seed}:{number}")
        yield _case(kinds[number % len(kinds)], number, rng)


def _case(kind: str, number: int, rng: random.Random) -> Case:
    stem = f"{number:06d}-a-bad-{kind}".encode()
    if kind == "link-loop":
        return Case(kind, stem, link=f"{number:06d}-a-bad-{kind}")  # a link to itself
    if kind == "link-outside":
        return Case(kind, stem + b".txt", link=rng.choice(["/proc/self/status", "/etc/hostname"]))
    if kind == "name-not-utf8":
        return Case(kind, stem + b"-caf\xe9\xff.txt", data=b"Kreminna was shelled.")
    ext, data = CLASSES[kind](rng)
    return Case(kind, stem + ext.encode(), data=data)


# running -----------------------------------------------------------------------------------


def write_folder(folder: Path, batch: Sequence[Case]) -> list[int]:
    """The inputs, each followed by a good report; the good reports' numbers."""
    folder.mkdir(parents=True)
    base = os.fsencode(folder)
    good: list[int] = []
    for case in batch:
        path = Path(os.fsdecode(base + b"/" + case.name))
        if case.link is not None:
            path.symlink_to(case.link)
        else:
            path.write_bytes(case.data)
        number = int(case.name[:6])
        (folder / f"{number:06d}-b-good.txt").write_text(GOOD.format(n=number), encoding="utf-8")
        good.append(number)
    return good


def ingest(folder: Path, db: Path, timeout: float) -> tuple[int | None, str, float]:
    """``frontwatch ingest`` on ``folder`` in a fresh process: exit code (None if it ran out
    of time), stderr, seconds."""
    command = [sys.executable, "-m", "frontwatch", "ingest", str(folder), "--db", str(db)]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [*command, "--no-claims", "--json", "--fetch-deadline", "5"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, "", time.perf_counter() - start
    return done.returncode, done.stderr.decode(errors="replace"), time.perf_counter() - start


def stored_good(db: Path) -> set[int]:
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT text FROM documents WHERE text LIKE 'Good report %'")
        return {int(text.split()[2].rstrip(":")) for (text,) in rows}


def run_batch(batch: Sequence[Case], work: Path, hang_s: float, limit_s: float) -> Outcome:
    """One folder through ingest: crashes and missing good reports; if it took over
    ``hang_s``, its halves are timed apart until each is quick or one input."""
    folder, db = work / "in", work / "store.db"
    good = write_folder(folder, batch)
    code, stderr, seconds = ingest(folder, db, limit_s)
    outcome = Outcome(Counter(c.kind for c in batch), good_expected=len(good), seconds=seconds)
    names = f"{batch[0].name[:6].decode()}..{batch[-1].name[:6].decode()}"
    if code not in (0, 1) or "Traceback" in stderr:
        outcome.crashes.append(f"{names}: exit {code}: {stderr.strip()[-2000:]}")
    if code is not None:
        outcome.good_missing = sorted(set(good) - stored_good(db))
    if seconds > hang_s:
        outcome.hangs = _slow_inputs(batch, work, hang_s)
    return outcome


def _slow_inputs(batch: Sequence[Case], work: Path, hang_s: float) -> list[str]:
    if len(batch) == 1:
        return [f"{batch[0].name!r} ({batch[0].kind})"]
    middle = len(batch) // 2
    slow: list[str] = []
    for half in (batch[:middle], batch[middle:]):
        with tempfile.TemporaryDirectory(dir=work) as sub:
            write_folder(Path(sub) / "in", half)
            code, _stderr, seconds = ingest(Path(sub) / "in", Path(sub) / "s.db", hang_s * 2)
        if code is None or seconds > hang_s:
            slow += _slow_inputs(half, work, hang_s)
    return slow


def run(
    count: int,
    *,
    batch: int = 500,
    seed: int = 1,
    hang_s: float = 30.0,
    limit_s: float = 900.0,
    report: Callable[[str], None] | None = None,
) -> Outcome:
    """``count`` inputs in folders of ``batch``; ``report`` gets a line per folder."""
    total = Outcome()
    for start in range(0, count, batch):
        chunk = list(cases(seed, min(batch, count - start), start))
        with tempfile.TemporaryDirectory(prefix="fw-fuzz-") as work:
            outcome = run_batch(chunk, Path(work), hang_s, limit_s)
        total.merge(outcome)
        if report is not None:
            done = start + len(chunk)
            report(
                f"{done:>7,} inputs  {outcome.seconds:5.1f} s  crashes {len(total.crashes)}"
                f"  hangs {len(total.hangs)}  good missing {len(total.good_missing)}"
            )
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang-s", type=float, default=30.0)
    args = parser.parse_args()
    started = time.perf_counter()
    outcome = run(
        args.inputs,
        batch=args.batch,
        seed=args.seed,
        hang_s=args.hang_s,
        report=lambda line: print(line, flush=True),
    )
    print(f"\ninputs per class (seed {args.seed}):")
    for kind, number in sorted(outcome.inputs.items()):
        print(f"  {kind:<22} {number:>7,}")
    print(f"malformed inputs:      {sum(outcome.inputs.values()):,}")
    print(f"uncaught exceptions:   {len(outcome.crashes)}")
    print(f"hangs over {args.hang_s:g} s:       {len(outcome.hangs)}")
    print(
        f"good reports stored:   {outcome.good_expected - len(outcome.good_missing):,}"
        f" of {outcome.good_expected:,}"
    )
    print(f"wall time:             {time.perf_counter() - started:,.0f} s")
    for line in (*outcome.crashes, *outcome.hangs)[:20]:
        print(f"  {line}")
    return 1 if outcome.crashes or outcome.hangs or outcome.good_missing else 0


if __name__ == "__main__":
    sys.exit(main())
