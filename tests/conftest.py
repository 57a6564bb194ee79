"""The one conftest: shared fixtures for every test module.

``shared`` gives the ../shared folder (corpus, gold, datasets). Where it is absent the
test is skipped with the reason, except under CI=true, where its absence is a failure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("FRONTWATCH_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared material folder; skips (or fails under CI=true) where it is missing."""
    if (SHARED / "corpus" / "dev").is_dir():
        return SHARED
    reason = f"../shared is not present at {SHARED} (set FRONTWATCH_SHARED to point at it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dev_corpus(shared: Path) -> dict[str, dict[str, object]]:
    """The dev reports by id, as JSON objects."""
    out: dict[str, dict[str, object]] = {}
    for path in sorted((shared / "corpus" / "dev").glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        out[str(obj["id"])] = obj
    return out


@pytest.fixture()
def db_url(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite store URL in a temporary folder."""
    yield f"sqlite:///{tmp_path / 'test.db'}"
