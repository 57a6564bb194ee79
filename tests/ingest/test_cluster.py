"""Reading and extraction on a Ray cluster store what one machine stores.

The cluster is the one ``FRONTWATCH_TEST_RAY`` names (``.ci/run`` starts a head on loopback
with two CPUs and names it); without it those tests are skipped with the reason, except
under CI=true, where its absence is a failure.
"""

from __future__ import annotations

import os
import pickle
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from frontwatch.errors import ConfigError, InputError, TooLargeError
from frontwatch.ingest import IngestOptions, ingest
from frontwatch.ingest import cluster as ray_ingest
from frontwatch.model import Document
from frontwatch.process import ProcessOptions, pending_documents, process_pending
from frontwatch.store import Store, open_store

ADDRESS_VAR = "FRONTWATCH_TEST_RAY"
FRONTWATCH = [sys.executable, "-m", "frontwatch.cli"]


@pytest.fixture(scope="module")
def ray_address() -> str:
    """The test cluster's address; skips (fails under CI=true) where none is named."""
    address = os.environ.get(ADDRESS_VAR)
    if address:
        return address
    reason = f"{ADDRESS_VAR} is not set (the HOST:PORT of a Ray head, e.g. as .ci/run starts)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture()
def on_ray(ray_address: str) -> Iterator[ray_ingest.Cluster]:
    with ray_ingest.connected(ray_address) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def kill_bench(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("benchmarks/resume_kills.py")


def _targets(bench: ModuleType, folder: Path, shared: Path) -> list[str]:
    """Hand-built reports (two variants of each) and four dev reports, each its own target."""
    reports = bench.write_reports(folder / "reports.jsonl", copies=2)
    dev = sorted((shared / "corpus" / "dev").glob("*.json"))[:4]
    return [str(reports), *map(str, dev)]


def _contents(bench: ModuleType, store: Store) -> dict[str, list[str]]:
    contents: dict[str, list[str]] = bench.contents(store)
    contents["mentions"] = [repr(m) for i in sorted(store.stages()) for m in store.mentions(i)]
    return contents


def test_ray_stores_what_one_machine_stores(
    on_ray: ray_ingest.Cluster,
    kill_bench: ModuleType,
    shared: Path,
    store_url: str,
    tmp_path: Path,
) -> None:
    targets = _targets(kill_bench, tmp_path, shared)
    alone = open_store(str(tmp_path / "alone.db"))
    ingest(targets, alone)
    assert process_pending(alone, ProcessOptions(workers=1)).failed == {}
    expected = _contents(kill_bench, alone)
    alone.close()

    store = open_store(store_url)
    report = ray_ingest.read_on_ray(targets, store, IngestOptions(), in_flight=2)
    assert report.summary()["ingested"] == len(report.changed) > 20
    options = ProcessOptions(workers=min(2, on_ray.cpus), batch_size=3)
    stats = ray_ingest.extract_on_ray(store, pending_documents(store), options)
    assert stats.failed == {}
    assert stats.documents == len(report.changed)
    assert pending_documents(store) == []
    got = _contents(kill_bench, store)
    store.close()
    assert all(expected.values()), "the reports must give every kind of record"
    assert got == expected


def test_the_command_reads_relative_paths_as_one_machine_does(
    ray_address: str, kill_bench: ModuleType, tmp_path: Path
) -> None:
    """Regression: a read task ran in the Ray worker's folder, where ``reports.jsonl`` was
    not found. The command runs without Ray's loopback switch in its environment (a loopback
    head's address must be enough), and does not wait without end on a cluster."""
    kill_bench.write_reports(tmp_path / "reports.jsonl")
    env = {k: v for k, v in os.environ.items() if k != ray_ingest.LOOPBACK_VAR}
    stores = {}
    for name, extra in (("alone", ["--workers", "1"]), ("ray", ["--ray", ray_address])):
        db = tmp_path / f"{name}.db"
        done = subprocess.run(
            [*FRONTWATCH, "ingest", "reports.jsonl", "--db", str(db), "--json", *extra],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        stores[name] = open_store(str(db))
    assert [d.origins for d in stores["ray"].documents()] == [
        d.origins for d in stores["alone"].documents()
    ]
    assert _contents(kill_bench, stores["ray"]) == _contents(kill_bench, stores["alone"])
    for store in stores.values():
        store.close()


def test_more_workers_than_the_cluster_has_cpus_is_refused(
    on_ray: ray_ingest.Cluster, db_url: str
) -> None:
    store = open_store(db_url)
    text = "Ukrainian forces recaptured Balakliia on Thursday, the General Staff said."
    store.add_document(Document(id="one", text=text, content_hash="h"), "one.json")
    too_many = ProcessOptions(workers=on_ray.cpus + 1)
    with pytest.raises(ConfigError, match=f"has {on_ray.cpus} CPUs"):
        ray_ingest.extract_on_ray(store, ["one"], too_many)
    assert pending_documents(store) == ["one"]
    store.close()


@pytest.mark.parametrize(
    "error",
    [
        InputError("a.json", "bad line", 3),
        InputError("b.txt", "unreadable"),
        TooLargeError("c", "big"),
    ],
)
def test_a_read_error_crosses_between_processes_whole(error: InputError) -> None:
    """Regression: an InputError unpickled from its message alone raised TypeError."""
    back = pickle.loads(pickle.dumps(error))
    assert (type(back), back.source, back.reason, back.line, str(back)) == (
        type(error),
        error.source,
        error.reason,
        error.line,
        str(error),
    )


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1:6379", True),
        ("localhost:6379", True),
        ("[::1]:6379", True),
        ("10.0.0.5:6379", False),
        ("head.example:6379", False),
    ],
)
def test_a_head_on_loopback_is_told_from_one_on_the_network(address: str, loopback: bool) -> None:
    assert ray_ingest._on_loopback(address) is loopback


def test_workers_open_a_sqlite_store_by_its_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = open_store("relative.db")
    assert ray_ingest.shared_url(store) == f"sqlite:///{tmp_path / 'relative.db'}"
    store.close()


def test_without_ray_installed_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray then raises ImportError
    with (
        pytest.raises(ray_ingest.RayUnavailableError, match=r"frontwatch\[ray\]"),
        ray_ingest.connected("127.0.0.1:1"),
    ):
        pass


def test_a_driver_of_a_loopback_head_takes_the_loopback_address(
    ray_address: str, on_ray: ray_ingest.Cluster
) -> None:
    """Regression: on a fresh clone the driver dialled the machine's network address for the
    loopback head (Ray swaps 127.0.0.1 for it), where nothing listens, and waited."""
    import ray  # noqa: PLC0415 - connected() imported it

    assert on_ray.cpus >= 1
    if ray_ingest._on_loopback(ray_address):
        assert ray.util.get_node_ip_address() == ray_ingest.LOOPBACK
        assert {node["NodeManagerAddress"] for node in ray.nodes()} == {ray_ingest.LOOPBACK}


class _NoRay:
    """Stands for the ray module where a test must not reach a cluster."""

    def __init__(self, enable_cluster: bool = False) -> None:
        constants = type("C", (), {"ENABLE_RAY_CLUSTER": enable_cluster})
        self._private = type("P", (), {"ray_constants": constants})

    def init(self, **_: object) -> None:
        raise AssertionError("ray.init must not be reached")

    def shutdown(self) -> None:
        pass


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # bound, never listened on, now closed: a connection there is refused


def test_an_address_where_nothing_listens_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: ray.init retried an address where nothing listened for some 14 minutes."""
    monkeypatch.setattr(ray_ingest, "_ray", _NoRay)
    address = f"127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with (
        pytest.raises(ray_ingest.RayUnavailableError, match="no Ray cluster answers at"),
        ray_ingest.connected(address),
    ):
        pass
    assert time.monotonic() - started < ray_ingest.CONNECT_TIMEOUT


@pytest.mark.parametrize("address", ["127.0.0.1", "ray://10.0.0.1:10001", "head:port"])
def test_an_address_that_is_not_host_and_port_is_refused(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ray_ingest, "_ray", _NoRay)
    with (
        pytest.raises(ray_ingest.RayUnavailableError, match="address is HOST:PORT"),
        ray_ingest.connected(address),
    ):
        pass


def test_ray_imported_before_the_loopback_switch_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ray_ingest, "_ray", lambda: _NoRay(enable_cluster=True))
    with (
        pytest.raises(ray_ingest.RayUnavailableError, match=ray_ingest.LOOPBACK_VAR),
        ray_ingest.connected(f"127.0.0.1:{_closed_port()}"),
    ):
        pass


def test_connecting_bounds_rays_retries_only_while_it_connects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, str | None] = {}

    class Recording(_NoRay):
        def init(self, **_: object) -> None:
            seen.update({name: os.environ.get(name) for name in ray_ingest.BOUNDS})
            raise RuntimeError("no GCS")

    for name in ray_ingest.BOUNDS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(ray_ingest, "_ray", Recording)
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        address = f"127.0.0.1:{listening.getsockname()[1]}"
        with (
            pytest.raises(ray_ingest.RayUnavailableError, match="no GCS"),
            ray_ingest.connected(address),
        ):
            pass
    assert seen == ray_ingest.BOUNDS
    assert not set(ray_ingest.BOUNDS) & set(os.environ)


def test_a_refusal_for_want_of_a_token_says_how_to_give_one() -> None:
    class AuthenticationError(Exception):
        pass

    refused = ConnectionError("Failed to connect to Ray cluster")
    refused.__cause__ = AuthenticationError("RPC error: InvalidAuthToken")
    assert "RAY_AUTH_MODE=token" in ray_ingest._hint(refused)
    assert ray_ingest._hint(ConnectionError("Failed to connect to Ray cluster")) == ""
