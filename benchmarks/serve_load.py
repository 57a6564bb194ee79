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
(one uvicorn worker), so the clients' own work is not counted against it (but it shares the
machine's cores with them). ``--revalidate``: each client sends back the ``ETag`` it last
got for a path, as a browser's cache does, and a 304 counts as an answer. To measure an
older commit on the same store, put its ``src`` first on ``PYTHONPATH``.
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


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "frontwatch", "serve", "--db", db, "--port", str(port)]
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


async def client(
    http: httpx.AsyncClient,
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
    while time.monotonic() < until and budget[0] > 0:
        budget[0] -= 1
        kind, path = paths(keys, rng, mix)
        headers = {"if-none-match": tags[path]} if tags is not None and path in tags else {}
        start = time.perf_counter()
        try:
            response = await http.get(path, headers=headers)
            ok = response.status_code == 200 or (bool(headers) and response.status_code == 304)
            why = f"{response.status_code} {path}"
            if tags is not None and "etag" in response.headers:
                tags[path] = response.headers["etag"]
        except httpx.HTTPError as exc:
            ok, why = False, f"{type(exc).__name__} {path}"
            response = None
        latencies[kind].append(time.perf_counter() - start)
        if response is not None and response.status_code == 304:
            latencies["304s"].append(0.0)
        if not ok:
            errors.append(why)


async def run(
    base: str, clients: int, seconds: float, mix: tuple[str, ...], revalidate: bool
) -> tuple[dict[str, list[float]], list[str]]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        items = (await http.get("/api/v1/control")).json()["items"]
        keys = [str(i["key"]) for i in items] or ["Izium"]
        latencies: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        budget = [MAX_REQUESTS]
        until = time.monotonic() + seconds
        await asyncio.gather(
            *(
                client(http, keys, until, n, latencies, errors, budget, mix, tags)
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
    args = parser.parse_args()
    fast = [m for m in ("httptools", "uvloop") if importable(m)]
    print(f"server: one uvicorn worker, {' and '.join(fast) or 'h11 and asyncio'}")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port)
    try:
        wait_until_up(base, server)
        started = time.monotonic()
        latencies, errors = asyncio.run(
            run(base, args.clients, args.seconds, tuple(args.mix.split(",")), args.revalidate)
        )
        report(latencies, errors, time.monotonic() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
