"""Many writers on one store: processes that open, ingest, extract and fuse at once end as
one process doing it all would, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def writers(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("benchmarks/concurrent_ingest.py")


@pytest.fixture(scope="module")
def sequential(
    writers: ModuleType, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Path], dict[str, list[str]]]:
    """The benchmark's files for four processes, and what one process stores from them
    (on SQLite: both backends store the same)."""
    folder = tmp_path_factory.mktemp("writers")
    files: list[Path] = writers.split(writers.write_reports(folder / "r.jsonl", 2), 4)
    db = str(folder / "sequential.db")
    writers.run_sequential(files, db)
    return files, writers.stored(db)


@pytest.mark.slow
def test_four_concurrent_ingests_on_a_fresh_store_equal_a_sequential_one(
    store_url: str, writers: ModuleType, sequential: tuple[list[Path], dict[str, list[str]]]
) -> None:
    files, expected = sequential
    assert writers.run_together(files, store_url, 4) == [0, 0, 0, 0]
    assert writers.stored(store_url) == expected
