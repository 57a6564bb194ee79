"""Load on ``frontwatch serve``: concurrent clients on loopback mixing /control, /timeline
and /claims for a bounded time and number of requests; prints errors and p50/p95/p99.

Goal (issue 13): 200 clients for 60 s, 0 errors; /control for 30,000 settlements over
1,000,000 claims at most 200 ms p95 (build such a store with
``python benchmarks/fuse_scale.py --updates 10 --keep /tmp/fw1m`` and
``frontwatch fuse --rebuild --db /tmp/fw1m/scale-1000000-10.db``, then
``--db /tmp/fw1m/scale-1000000-10.db``). The first request, not timed, warms the server:
it decodes the stored control periods that later /control requests choose from.

    python benchmarks/serve_load.py --db frontwatch.db
    python benchmarks/serve_load.py --db frontwatch.db --clients 200 --seconds 60
    python benchmarks/serve_load.py --db big.db --clients 20 --mix control
    python benchmarks/serve_load.py --db big.db --revalidate   # as browsers: If-None-Match

The server runs as ``python -m frontwatch serve`` in its own process on a free loopback port
(one uvicorn worker unless ``--workers``), so the clients' own work is not counted against
it (but it shares the machine's cores with them: the clients speak HTTP/1.1 over asyncio
streams themselves, as httpx's parsing of a 4 MB answer cost more than the server's making
of it). ``--revalidate``: each client sends back the ``ETag`` it last got for a path, as a
browser's cache does, and a 304 counts as an answer. To measure an older commit on the
same store, put its ``src`` first on ``PYTHONPATH`` (and leave out ``--workers`` and
``--threads``, which it may not have).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from urllib.parse import quote

import httpx

MAX_REQUESTS = 1_000_000  # a bound beside the time limit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, options: list[str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "frontwatch", "serve", "--db", db, "--port", str(port)]
    command += options
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            httpx.get(f"{base}/api/v1/stats", timeout=5)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        return
    raise SystemExit(f"the server did not come up (exit {server.poll()})")


MIX = ("control", "timeline", "claims")


def paths(keys: list[str], rng: random.Random, mix: tuple[str, ...]) -> tuple[str, str]:
    """One request of the mix: (its kind, its path)."""
    kind = rng.choice(mix)
    if kind == "control":
        return kind, f"/api/v1/control?on=2022-{rng.randint(3, 12):02d}-{rng.randint(1, 28):02d}"
    key = quote(rng.choice(keys), safe="")
    if kind == "timeline":
        return kind, f"/api/v1/timeline/{key}"
    return kind, f"/api/v1/claims?place={key}&limit=50"


class Connection:
    """One keep-alive HTTP/1.1 connection to the server: a GET, its answer read whole
    (``Content-Length`` or chunked); opened again after the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        lines = [f"GET {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        try:
            status = int((await reader.readline()).split()[1])
            answer = await self._headers(reader)
            body = await self._body(reader, answer)
        except (IndexError, ValueError, asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            raise
        if answer.get("connection", "").lower() == "close":
            await self.close()
        return status, answer, body

    @staticmethod
    async def _headers(reader: asyncio.StreamReader) -> dict[str, str]:
        found: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            found[name.strip().lower()] = value.strip()
        return found

    @staticmethod
    async def _body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
        if headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int((await reader.readline()).split(b";")[0], 16):
                parts.append(await reader.readexactly(size))
                await reader.readexactly(2)
            await reader.readline()
            return b"".join(parts)
        return await reader.readexactly(int(headers.get("content-length", "0")))

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def client(
    address: tuple[str, int],
    keys: list[str],
    until: float,
    seed: int,
    latencies: dict[str, list[float]],
    errors: list[str],
    budget: list[int],
    mix: tuple[str, ...],
    tags: dict[str, str] | None,
) -> None:
    rng = random.Random(seed)
    connection = Connection(*address)
    while time.monotonic() < until and budget[0] > 0:
        budget[0] -= 1
        kind, path = paths(keys, rng, mix)
        headers = {"if-none-match": tags[path]} if tags is not None and path in tags else {}
        start = time.perf_counter()
        status = 0
        try:
            status, answer, _ = await asyncio.wait_for(connection.get(path, headers), 60)
            ok = status == 200 or (bool(headers) and status == 304)
            why = f"{status} {path}"
            if tags is not None and "etag" in answer:
                tags[path] = answer["etag"]
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError, TimeoutError) as e:
            ok, why = False, f"{type(e).__name__} {path}"
            await connection.close()
        latencies[kind].append(time.perf_counter() - start)
        if status == 304:
            latencies["304s"].append(0.0)
        if not ok:
            errors.append(why)
    await connection.close()


async def run(
    base: str,
    clients: int,
    seconds: float,
    mix: tuple[str, ...],
    revalidate: bool,
    warm_up: int,
) -> tuple[dict[str, list[float]], list[str]]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        # not timed: each worker reads and encodes the periods on its first /control
        warm = [http.get("/api/v1/control") for _ in range(2 * warm_up)]
        items = (await asyncio.gather(*warm))[0].json()["items"]
    keys = [str(i["key"]) for i in items] or ["Izium"]
    host, _, port = base.removeprefix("http://").partition(":")
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    budget = [MAX_REQUESTS]
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(
            client((host, int(port)), keys, until, n, latencies, errors, budget, mix, tags)
            for n in range(clients)
            for tags in [{} if revalidate else None]
        )
    )
    return latencies, errors


def importable(module: str) -> bool:
    """Whether the server (same interpreter, same path) can use ``module``: uvicorn takes
    httptools and uvloop where they import."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def report(latencies: dict[str, list[float]], errors: list[str], seconds: float) -> None:
    not_modified = len(latencies.pop("304s", []))
    every = [v for vs in latencies.values() for v in vs]
    print(f"{len(every)} requests in {seconds:.0f} s ({len(every) / seconds:.1f}/s), "
          f"{len(errors)} errors, {not_modified} answered 304")  # fmt: skip
    print(f"{'endpoint':<10} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for kind, values in [*sorted(latencies.items()), ("all", every)]:
        if not values:
            continue
        cells = [percentile(values, p) * 1000 for p in (50, 95, 99)]
        mean = statistics.fmean(values) * 1000
        print(f"{kind:<10} {len(values):>7} " + " ".join(f"{c:>8.1f}" for c in cells)
              + f" {mean:>8.1f}")  # fmt: skip
    for why in sorted(set(errors))[:10]:
        print(f"error: {why}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the store to serve (URL or SQLite path)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument(
        "--mix", default=",".join(MIX), help=f"endpoints to request, of {', '.join(MIX)}"
    )
    parser.add_argument(
        "--revalidate", action="store_true", help="send If-None-Match with the last ETag"
    )
    parser.add_argument("--workers", type=int, help="frontwatch serve --workers (default 1)")
    parser.add_argument("--threads", type=int, help="frontwatch serve --threads")
    args = parser.parse_args()
    options = [
        f"--{name}={value}"
        for name in ("workers", "threads")
        if (value := getattr(args, name)) is not None
    ]
    fast = [m for m in ("httptools", "uvloop") if importable(m)]
    print(f"server: {' '.join(options) or 'defaults'}, {' and '.join(fast) or 'h11 and asyncio'}")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, options)
    try:
        wait_until_up(base, server)
        started = time.monotonic()
        latencies, errors = asyncio.run(
            run(
                base,
                args.clients,
                args.seconds,
                tuple(args.mix.split(",")),
                args.revalidate,
                args.workers or 1,
            )
        )
        report(latencies, errors, time.monotonic() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
