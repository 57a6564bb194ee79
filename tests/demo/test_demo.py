"""The demo runs the whole job on its bundled reports and prints claims and a timeline."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.demo import REPORTS, run_demo


def test_demo_stores_claims_and_a_control_timeline(tmp_path: Path) -> None:
    console = Console(record=True, width=200)
    store = run_demo(f"sqlite:///{tmp_path / 'demo.db'}", console)
    printed = console.export_text()
    assert store.count_documents() == sum(1 for _ in REPORTS.open(encoding="utf-8"))
    claims = store.claims()
    assert {"control", "withdrawal"} <= {c.kind for c in claims}
    assert any(c.polarity == "negated" or c.modality != "asserted" for c in claims)
    periods = {p.place.name: p for p in store.control_periods()}
    assert "Balakliia" in periods
    assert all(title in printed for title in ("Documents", "Claims", "Control timeline"))
    assert f"frontwatch serve --db sqlite:///{tmp_path / 'demo.db'}" in printed
    store.close()


def test_demo_command_runs_on_a_fresh_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    assert "Control timeline" in result.output
