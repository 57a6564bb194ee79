"""``frontwatch serve``: options, refusals, and a real server on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from frontwatch import serve
from frontwatch.cli import app
from frontwatch.cli import serve as command
from frontwatch.serve._options import DEFAULT_THREADS, OPTIONS_VAR
from frontwatch.store import open_store
from tests.serve.serve_helpers import build_store

runner = CliRunner()


def test_serve_help_names_its_options() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--max-mb"):
        assert option in result.output


def test_serve_on_a_missing_store_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 4
    assert "no store at" in result.output


def test_serve_refuses_a_short_token(db_url: str) -> None:
    open_store(db_url).close()
    result = runner.invoke(app, ["serve", "--db", db_url, "--token", "short"])
    assert result.exit_code == 2
    assert "at least 16" in result.output


def test_the_cli_starts_without_the_web_stack() -> None:
    code = "import sys, frontwatch.cli; print(sorted({'fastapi', 'uvicorn'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Polls ``url`` every 0.2 s until it answers, the process ends, or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        return
    raise AssertionError(f"no server at {url} (exit {process.poll()})")


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[str]:
    """``frontwatch serve`` over a hand-built store on a free loopback port; its base URL."""
    url = f"sqlite:///{tmp_path / 'served.db'}"
    build_store(open_store(url)).close()
    port = free_port()
    command = [sys.executable, "-m", "frontwatch", "serve", "--db", url, "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/v1/stats", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_answers_on_loopback(served: str) -> None:
    stats = httpx.get(f"{served}/api/v1/stats", timeout=10).json()
    assert stats["documents"] == 6
    page = httpx.get(f"{served}/", timeout=10)
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "frontwatch" in page.text


def test_the_cli_defaults_are_the_servers() -> None:
    assert (command.DEFAULT_HOST, command.DEFAULT_PORT) == (serve.DEFAULT_HOST, serve.DEFAULT_PORT)
    assert command.DEFAULT_HOST == "127.0.0.1"


def test_serve_help_names_its_process_and_thread_options() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert "--workers" in result.output
    assert "--threads" in result.output
    assert command.DEFAULT_THREADS == DEFAULT_THREADS


def test_the_options_reach_the_workers_through_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in (OPTIONS_VAR, serve.TOKEN_VAR):  # restored after the test
        monkeypatch.setenv(name, "")
    options = serve.ServeOptions(
        db=f"sqlite:///{tmp_path / 'a.db'}",
        token="a-token-for-the-tests-only",
        max_body=1234,
        allow_private_urls=True,
        threads=3,
        web_dir=tmp_path,
    )
    options.to_environment()
    assert "a-token" not in os.environ[OPTIONS_VAR]
    assert serve.ServeOptions.from_environment() == options


def test_serve_with_two_workers_answers_on_loopback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    build_store(open_store(url)).close()
    port = free_port()
    command = [sys.executable, "-m", "frontwatch", "serve", "--db", url, "--port", str(port)]
    command += ["--workers", "2", "--threads", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/v1/stats", process)
        answers = [httpx.get(f"{base}/api/v1/control?on=2022-09-11", timeout=30) for _ in range(4)]
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    assert {i["place"]["name"] for i in answers[0].json()["items"]} >= {"Izium", "Balakliia"}
