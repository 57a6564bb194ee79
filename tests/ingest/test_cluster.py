"""Reading and extraction on a Ray cluster store what one machine stores.

The cluster is the one ``FRONTWATCH_TEST_RAY`` names (``.ci/run`` starts a head on loopback
with two CPUs and names it); without it those tests are skipped with the reason, except
under CI=true, where its absence is a failure.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
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
    not found."""
    kill_bench.write_reports(tmp_path / "reports.jsonl")
    stores = {}
    for name, extra in (("alone", ["--workers", "1"]), ("ray", ["--ray", ray_address])):
        db = tmp_path / f"{name}.db"
        done = subprocess.run(
            [*FRONTWATCH, "ingest", "reports.jsonl", "--db", str(db), "--json", *extra],
            cwd=tmp_path,
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
