"""Reading and extraction as Ray tasks on a Ray cluster, into one store every node reaches.

``frontwatch ingest --ray ADDRESS`` (or ``$FRONTWATCH_RAY``) runs here; ``ADDRESS`` is a
running cluster's ``HOST:PORT``, or ``local`` for a cluster of this machine alone, made for
the run. What runs where:

- **reading**: one Ray task per target (a file, a folder, a URL), several at once; the node
  that reads a file must see it (a shared file system), one that reads a URL must reach it.
  The results come back to this process (the driver), which stores them in the order the
  targets were named, through the code :func:`frontwatch.ingest.ingest` stores with: the
  same text gets the same id and the same origins as on one machine.
- **extraction**: ``workers`` Ray actors, one CPU each, each with its own
  :class:`~frontwatch.claims.ClaimExtractor` and its own connection to the store. They are
  sent document ids, two batches an actor at a time; an actor reads its batch from the
  store, extracts it and stores the mentions and claims with the functions that
  ``--workers`` uses (:mod:`frontwatch.process`), and returns what it did. Only ids and
  counts pass through the driver.
- **fusion**: in the driver, once every batch is stored, as after ``--workers``. It is not
  partitioned by place across the cluster (yet): one process fuses.

The store must be one every node reaches: PostgreSQL across machines; a SQLite file serves
a cluster on one machine. A batch whose actor dies (or whose storing raises) is reported
failed, document by document, and left pending, so ``frontwatch process --pending``
finishes it; the actor is restarted for the batches after it.

Ray is an optional dependency (``pip install 'frontwatch[ray]'``), imported only here, only
when a cluster is used (:class:`RayUnavailableError` says how to install it).
"""

from __future__ import annotations

import logging
import os
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from frontwatch._workers import extract_batch
from frontwatch.claims import EXTRACTOR, ClaimExtractor
from frontwatch.errors import ConfigError, InputError
from frontwatch.ingest.base import ReadResult
from frontwatch.ingest.fetch import FetchOptions, HttpFetcher
from frontwatch.ingest.pipeline import IngestReport, store_results
from frontwatch.ingest.sources import IngestOptions, iter_drafts
from frontwatch.places import PlaceResolver
from frontwatch.process import (
    ProcessOptions,
    ProcessStats,
    # the places loading, batching and storing --workers uses, reused rather than copied
    _load_places,
    _read_batches,
    _store_batches,
    process_documents,
)
from frontwatch.store import Store, open_store

__all__ = [
    "ENV_VAR",
    "Cluster",
    "RayExtractors",
    "RayUnavailableError",
    "connected",
    "extract_on_ray",
    "read_on_ray",
    "shared_url",
]

Progress = Callable[[str], None]
#: A Ray actor handle (Ray types its methods' ``.remote`` calls loosely; Any says so here).
ActorHandle = Any
#: The environment variable that names the cluster when ``--ray`` is not given.
ENV_VAR = "FRONTWATCH_RAY"
#: Environment variables of the driver that the cluster's workers are given.
PASSED_ON = ("FRONTWATCH_CACHE",)
#: Ray's switch that, set to 0, makes a node take 127.0.0.1 as its address (and listen there),
#: and makes a driver dial a loopback address as it is (Ray reads it once, when imported).
LOOPBACK_VAR = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
#: The address a cluster of this machine alone, and its driver, take.
LOOPBACK = "127.0.0.1"
#: Seconds to wait for a running cluster's address to accept a connection.
CONNECT_TIMEOUT = 10.0
#: Seconds the extraction workers may take to start (their spaCy models loaded).
START_TIMEOUT = 600.0
#: Ray's settings while connecting to a running cluster: one attempt at reaching its GCS
#: (Ray's driver tries twenty times, each of some 40 s, before it gives up).
BOUNDS = {"RAY_gcs_server_port_wait_time_s": "1"}
#: Why a batch's documents failed when its actor died under it.
DIED = "the Ray worker extracting it died (a crash in native code, out of memory, a lost node)"


class RayUnavailableError(ConfigError):
    """Ray is not installed, or no cluster answers at the address given."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """A connected Ray cluster: its address and how many CPUs it offers."""

    address: str
    cpus: int


@contextmanager
def connected(address: str, cpus: int | None = None) -> Iterator[Cluster]:
    """Connect to the Ray cluster at ``address`` (``local``: start one on this machine with
    ``cpus`` CPUs) for the duration of the block; workers get :data:`PASSED_ON` from here.

    A cluster that is not there, or does not answer as Ray, is a :class:`RayUnavailableError`
    within :data:`CONNECT_TIMEOUT` seconds or so, not a wait."""
    loopback = address == "local" or _on_loopback(address)
    if loopback:
        # a cluster of this machine alone listens on loopback only, and a driver of a
        # cluster on loopback must dial it there and take 127.0.0.1 as its own address
        # (else Ray swaps 127.0.0.1 for the machine's address, where nothing listens). Ray
        # reads this variable when it is first imported: see _check_loopback.
        os.environ[LOOPBACK_VAR] = "0"
    ray = _ray()
    if loopback:
        _check_loopback(ray, address)
    if address != "local":
        _probe(address)
    env = {name: os.environ[name] for name in PASSED_ON if name in os.environ}
    try:
        with _environ(_bounded_connect() if address != "local" else {}):
            ray.init(
                address=address,
                num_cpus=cpus if address == "local" else None,
                runtime_env={"env_vars": env} if env else None,
                logging_level=logging.WARNING,
                log_to_driver=False,
                include_dashboard=False if address == "local" else None,
                _node_ip_address=LOOPBACK if loopback else None,
            )
    except Exception as exc:  # whatever ray.init raises means no usable cluster there
        ray.shutdown()
        raise RayUnavailableError(
            f"cannot connect to the Ray cluster at {address!r}: {exc}{_hint(exc)}"
        ) from exc
    try:
        yield Cluster(address, int(ray.cluster_resources().get("CPU", 0)))
    finally:
        ray.shutdown()


def _on_loopback(address: str) -> bool:
    host = address.rsplit(":", 1)[0].strip("[]")
    return host in {"localhost", "::1"} or host.startswith("127.")


def _probe(address: str) -> None:
    """Raise RayUnavailableError unless something accepts connections at ``address``
    (``HOST:PORT``) within CONNECT_TIMEOUT seconds: Ray itself retries for many minutes."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or "://" in host:
        raise RayUnavailableError(
            f"a Ray cluster's address is HOST:PORT (or 'local'), not {address!r}"
        )
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise RayUnavailableError(
            f"no Ray cluster answers at {address!r} ({reason}): start its head there"
            f" (ray start --head --port={port}), or name the address it listens on"
        ) from exc


def _check_loopback(ray: Any, address: str) -> None:
    """Raise RayUnavailableError where Ray was imported in this process before
    :data:`LOOPBACK_VAR` was set: it would dial the machine's network address for
    ``address``, where a head on loopback does not listen, and wait there."""
    constants = getattr(getattr(ray, "_private", None), "ray_constants", None)
    if getattr(constants, "ENABLE_RAY_CLUSTER", False):
        raise RayUnavailableError(
            f"cannot keep the Ray cluster {address!r} on loopback: Ray was imported in"
            f" this process before {LOOPBACK_VAR}=0 was set, and would dial this machine's"
            f" network address instead; set {LOOPBACK_VAR}=0 in the environment"
        )


def _hint(exc: BaseException) -> str:
    """What to do about a refusal for want of a token, where ``exc`` or its causes say so
    (Ray's own message is a bare "Failed to connect")."""
    seen: BaseException | None = exc
    for _ in range(10):  # a chain is short; bounded all the same
        if seen is None:
            break
        if type(seen).__name__ == "AuthenticationError" or "InvalidAuthToken" in str(seen):
            return (
                "; the cluster asks for a token: set RAY_AUTH_MODE=token, and RAY_AUTH_TOKEN"
                " (or RAY_AUTH_TOKEN_PATH, a file) to its nodes' token"
            )
        seen = seen.__cause__ or seen.__context__
    return ""


def _bounded_connect() -> dict[str, str]:
    """Ray's settings that bound how long connecting to a running cluster may take (one
    attempt of about 40 s instead of twenty), where the environment does not set them."""
    return {name: value for name, value in BOUNDS.items() if name not in os.environ}


@contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    """``values`` in the environment while the block runs."""
    os.environ.update(values)
    try:
        yield
    finally:
        for name in values:
            os.environ.pop(name, None)


def shared_url(store: Store) -> str:
    """The store's URL as other processes open it: with its password, and a SQLite file's
    path made absolute (a worker's working folder is not the driver's)."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        url = url.set(database=os.path.abspath(url.database))  # noqa: PTH100 - a str path
    return url.render_as_string(hide_password=False)


def read_on_ray(
    targets: Sequence[str],
    store: Store,
    options: IngestOptions,
    fetch: FetchOptions | None = None,
    progress: Progress | None = None,
    *,
    in_flight: int = 8,
) -> IngestReport:
    """Read each target in a Ray task (at most ``in_flight`` at once) and store the results
    here in the targets' order; ``options.fetcher`` is replaced by an
    :class:`~frontwatch.ingest.fetch.HttpFetcher` made with ``fetch`` in each task."""
    ray = _ray()
    task = ray.remote(_read_target)
    sendable = replace(options, fetcher=None)
    here = os.getcwd()  # noqa: PTH109 - a str, sent to the tasks
    refs = ((target, task.remote(target, here, sendable, fetch)) for target in targets)
    return store_results(_in_order(ray, refs, in_flight), store, progress)


def _in_order(ray: Any, refs: Iterable[tuple[str, Any]], in_flight: int) -> Iterator[ReadResult]:
    window: deque[tuple[str, Any]] = deque()
    for ref in refs:
        window.append(ref)
        if len(window) >= in_flight:
            yield from _results(ray, *window.popleft())
    while window:
        yield from _results(ray, *window.popleft())


def _results(ray: Any, target: str, ref: Any) -> list[ReadResult]:
    """A read task's results; where the task itself failed (its worker died: reading never
    raises for bad input), one InputError naming the target."""
    try:
        results: list[ReadResult] = ray.get(ref)
    except ray.exceptions.RayError as exc:
        return [InputError(target, f"the Ray task reading it failed: {type(exc).__name__}")]
    return results


def _read_target(
    target: str, folder: str, options: IngestOptions, fetch: FetchOptions | None
) -> list[ReadResult]:
    """In a Ray task: everything one target holds, a path read from ``folder`` (the driver's
    working folder), so that a relative path names the file it names there, and the
    results name it as one machine would."""
    if not target.startswith(("http://", "https://")):
        try:
            os.chdir(folder)  # a task runs alone in its worker process: nothing else moves
        except OSError as exc:
            reason = (
                f"this Ray node cannot open the folder it was named from ({folder}:"
                f" {exc.strerror}): files must lie on a file system every node shares"
            )
            return [InputError(target, reason)]
    with HttpFetcher(options=fetch) as fetcher:
        return list(iter_drafts([target], replace(options, fetcher=fetcher)))


def extract_on_ray(
    store: Store,
    doc_ids: Sequence[str],
    options: ProcessOptions,
    progress: Progress | None = None,
) -> ProcessStats:
    """:func:`frontwatch.process.process_documents` with the extraction on ``options.workers``
    Ray actors (one CPU each; the cluster must have them), fusion here afterwards."""
    stats = ProcessStats()
    if options.claims:
        states = store.stages(doc_ids)
        todo = [
            i
            for i in doc_ids
            if i in states and (options.force or states[i].needs_extraction(EXTRACTOR))
        ]
        _extract(store, todo, options, stats, progress)
    if options.fuse:
        fused = process_documents(store, doc_ids, replace(options, claims=False))
        stats.fused_places = fused.fused_places
    return stats


def _extract(
    store: Store,
    doc_ids: list[str],
    options: ProcessOptions,
    stats: ProcessStats,
    progress: Progress | None,
) -> None:
    if not doc_ids:
        return
    if not PlaceResolver.index_cached():  # built once here, not by every worker at once
        _load_places(options.notice)
    with RayExtractors(shared_url(store), options.model, options.workers) as workers:
        # small enough that every actor has two batches, as --workers sends them
        size = max(1, min(options.batch_size, -(-len(doc_ids) // (2 * options.workers))))
        workers.run(doc_ids, size, stats, progress)


class RayExtractors:
    """``workers`` :class:`ExtractWorker` actors on the connected cluster, started and ready
    (their extractors made) on entering, stopped on leaving."""

    def __init__(self, url: str, model: str, workers: int) -> None:
        self.ray = _ray()
        _check_cpus(self.ray, workers)
        actor = self.ray.remote(num_cpus=1, max_restarts=3)(ExtractWorker)
        self.actors: list[ActorHandle] = [actor.remote(url, model) for _ in range(workers)]

    def __enter__(self) -> RayExtractors:
        waiting = [handle.ready.remote() for handle in self.actors]
        try:
            self.ray.get(waiting, timeout=START_TIMEOUT)
        except self.ray.exceptions.GetTimeoutError as exc:
            self.__exit__()
            raise RayUnavailableError(
                f"the Ray workers did not start within {START_TIMEOUT:.0f} s (the cluster's"
                " CPUs busy with other work, or a node that cannot load the model)"
            ) from exc
        except self.ray.exceptions.RayError as exc:
            self.__exit__()
            raise RayUnavailableError(f"the Ray workers could not start: {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self.actors:
            self.ray.kill(handle)

    def run(
        self, doc_ids: Sequence[str], size: int, stats: ProcessStats, progress: Progress | None
    ) -> None:
        """Extract and store ``doc_ids``, ``size`` a batch, adding what was done to ``stats``."""
        batches = (list(doc_ids[i : i + size]) for i in range(0, len(doc_ids), size))
        for batch, done in _run(self.ray, self.actors, batches):
            _merge(stats, batch, done)
            if progress is not None:
                for doc_id in batch:
                    progress(doc_id)


def _check_cpus(ray: Any, workers: int) -> None:
    cpus = int(ray.cluster_resources().get("CPU", 0))
    if workers > cpus:
        raise ConfigError(
            f"{workers} Ray workers asked for, but the cluster has {cpus} CPUs"
            " (each worker takes one): ask for fewer, or add nodes"
        )


def _run(
    ray: Any, actors: list[ActorHandle], batches: Iterable[list[str]]
) -> Iterator[tuple[list[str], ProcessStats | str]]:
    """Each batch with what its actor did (or why it failed), as they finish; at most two
    batches an actor in flight."""
    free: deque[ActorHandle] = deque(actors * 2)
    running: dict[Any, tuple[ActorHandle, list[str]]] = {}
    for batch in batches:
        if not free:
            yield _next(ray, running, free)
        handle = free.popleft()
        running[handle.extract.remote(batch)] = (handle, batch)
    while running:
        yield _next(ray, running, free)


def _next(
    ray: Any, running: dict[Any, tuple[ActorHandle, list[str]]], free: deque[ActorHandle]
) -> tuple[list[str], ProcessStats | str]:
    ready, _ = ray.wait(list(running), num_returns=1)
    handle, batch = running.pop(ready[0])
    free.append(handle)
    try:
        return batch, ray.get(ready[0])
    except ray.exceptions.RayActorError:
        return batch, DIED
    except ray.exceptions.RayTaskError as exc:  # storing raised: the batch stays pending
        return batch, f"{type(exc.cause).__name__}: {exc.cause}"


def _merge(stats: ProcessStats, batch: list[str], done: ProcessStats | str) -> None:
    if isinstance(done, str):
        stats.failed.update(dict.fromkeys(batch, done))
        return
    stats.documents += done.documents
    stats.claims += done.claims
    stats.mentions += done.mentions
    stats.skipped.update(done.skipped)
    stats.partly.update(done.partly)
    stats.failed.update(done.failed)
    stats.extracted.extend(done.extracted)


class ExtractWorker:
    """A Ray actor: one extractor and one connection to the store, for every batch sent."""

    def __init__(self, url: str, model: str) -> None:
        self.store = open_store(url, create=False)
        self.extractor = ClaimExtractor(model=model)
        self.extractor.nlp  # noqa: B018 - load the pipeline now, so that ready() means ready

    def ready(self) -> None:
        """Answers once the extractor is made (an actor that failed to start raises)."""

    def extract(self, doc_ids: list[str]) -> ProcessStats:
        """Read, extract and store the documents ``doc_ids``; what was done."""
        stats = ProcessStats()
        batches = _read_batches(self.store, doc_ids, len(doc_ids))
        done = ((batch, extract_batch(self.extractor, batch)) for batch in batches)
        _store_batches(done, self.store, stats, None)
        return stats


def _ray() -> Any:
    try:
        import ray  # noqa: PLC0415 - optional: only a run on a cluster needs it
    except ImportError as exc:
        raise RayUnavailableError(
            "running on a Ray cluster needs Ray: pip install 'frontwatch[ray]'"
        ) from exc
    return ray
