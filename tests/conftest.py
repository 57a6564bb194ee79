"""The one conftest: shared fixtures for every test module.

``shared`` gives the ../shared folder (corpus, gold, datasets). Where it is absent the
test is skipped with the reason, except under CI=true, where its absence is a failure.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlalchemy as sa

from frontwatch.claims import ClaimExtractor, ExtractOptions
from frontwatch.model import Mention, Place
from frontwatch.places import PlaceResolver
from frontwatch.read import Parser
from frontwatch.read.pipeline import Parsed

SHARED = Path(
    os.environ.get("FRONTWATCH_SHARED", Path(__file__).resolve().parents[1] / ".." / "shared")
).resolve()


ROOT = Path(__file__).resolve().parents[1]


def _load_script(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def load_script() -> Callable[[str], ModuleType]:
    """Loads a script or benchmark of the repository by its path ("scripts/x.py") as a module."""
    return _load_script


@pytest.fixture(scope="session")
def resolver() -> PlaceResolver:
    """The process-wide place resolver over the cached index."""
    return PlaceResolver.default()


@pytest.fixture(scope="session")
def parser() -> Parser:
    """A report parser (the packaged spaCy model)."""
    return Parser()


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


def _fresh_postgres_database() -> Iterator[str]:
    admin_url = os.environ.get("FRONTWATCH_TEST_PG")
    if not admin_url:
        reason = (
            "FRONTWATCH_TEST_PG is not set (a PostgreSQL URL the tests may create databases on)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {reason}")
        pytest.skip(reason)
    name = f"frontwatch_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = sa.engine.make_url(admin_url)
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store URL: once on SQLite, once on PostgreSQL (FRONTWATCH_TEST_PG)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    yield from _fresh_postgres_database()


_TOWNS = {
    "Lyman": Place(704204, "Lyman", 48.9901, 37.8084, "Donetsk Oblast"),
    "Izium": Place(707292, "Izium", 49.207, 37.2768, "Kharkiv Oblast"),
    "Kupiansk": Place(703656, "Kupiansk", 49.71, 37.6158, "Kharkiv Oblast"),
}


def _town_mentions(resolver: Any, parsed: Parsed) -> list[Mention]:
    """Mentions of three towns by their exact names: claims tests without the gazetteer."""
    text = parsed.document.text
    return [
        Mention(parsed.document.id, m.start(), m.end(), name, place, 1)
        for name, place in _TOWNS.items()
        for m in re.finditer(rf"\b{name}\b", text)
    ]


@pytest.fixture(scope="session")
def town_extractor() -> ClaimExtractor:
    """The claims extractor over the real parser, finding only Lyman, Izium and Kupiansk."""
    return ClaimExtractor(options=ExtractOptions(find_mentions=_town_mentions, resolver=object()))


_ARTICLE = (
    "<p>Ukrainian forces entered Balakliia on Thursday, residents of Харків said.</p>"
    "<p>The town had been held since March; officials asked people to stay indoors.</p>"
    "<p>Shelling continued east of the river through the night, the regional office said.</p>"
)


@pytest.fixture()
def hostile_folder(tmp_path: Path) -> Path:
    """A folder of every input that once aborted a whole ingest, beside good files.

    Good on every store: ``a-good.txt``, lines 1 and 3 of ``b-long-number.jsonl``, the
    cp1251 page that declares ``charset="undefined"``, the Atom entry dated in year 0, the
    file whose name is not UTF-8 and ``z-good.jsonl``; ``h-nul.jsonl`` (a NUL in the text)
    is good on SQLite and refused on PostgreSQL. Bad: line 2 of ``b-long-number.jsonl`` and
    ``c-telegram.json`` (5,000-digit integers), the link loop ``f-loop-a``/``f-loop-b``,
    and ``i-surrogate.jsonl`` (a lone surrogate in the text).
    """
    folder = tmp_path / "hostile"
    folder.mkdir()
    long_number = "9" * 5000
    (folder / "a-good.txt").write_text("Izium was retaken on Saturday.", encoding="utf-8")
    (folder / "b-long-number.jsonl").write_text(
        '{"id": "j1", "text": "Lyman was encircled."}\n'
        f'{{"id": "j2", "text": "Kupiansk.", "views": {long_number}}}\n'
        '{"id": "j3", "text": "Balakliia was retaken."}\n',
        encoding="utf-8",
    )
    (folder / "c-telegram.json").write_text(
        '{"name": "Wire", "messages": [{"id": 1, "type": "message", "text": "Izium.",'
        f' "views": {long_number}}}]}}',
        encoding="utf-8",
    )
    page = (
        '<!DOCTYPE html><html lang="uk"><head><meta charset="undefined"><title>T</title>'
        f"</head><body><article><h1>Balakliia</h1>{_ARTICLE}</article></body></html>"
    )
    (folder / "d-undefined-charset.html").write_bytes(page.encode("cp1251"))
    (folder / "e-year-zero.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Wire</title><entry><title>t</title><id>urn:1</id>"
        "<updated>0000-01-01T00:00:00Z</updated>"
        '<content type="text">Vovchansk was shelled.</content></entry></feed>',
        encoding="utf-8",
    )
    (folder / "f-loop-a").symlink_to(folder / "f-loop-b")
    (folder / "f-loop-b").symlink_to(folder / "f-loop-a")
    Path(os.fsdecode(os.fsencode(folder) + b"/g-caf\xe9.txt")).write_text(
        "Kreminna was shelled.", encoding="utf-8"
    )
    (folder / "h-nul.jsonl").write_text(
        '{"id": "nul", "text": "before \\u0000 after"}\n', encoding="utf-8"
    )
    (folder / "i-surrogate.jsonl").write_text(
        '{"id": "sur", "text": "a lone \\udcff surrogate"}\n', encoding="utf-8"
    )
    (folder / "z-good.jsonl").write_text(
        '{"id": "z1", "text": "Svatove was shelled."}\n', encoding="utf-8"
    )
    return folder


@contextmanager
def _serving(app: Any) -> Iterator[str]:
    """``app`` under uvicorn on a free loopback port in a thread: its base URL while the
    block runs (at most 30 s to start and to stop)."""
    import uvicorn  # noqa: PLC0415 - only the serve tests need it

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the server did not start"
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def serving() -> Callable[[Any], AbstractContextManager[str]]:
    """Runs an ASGI app on loopback for a ``with`` block, which gets its base URL."""
    return _serving
