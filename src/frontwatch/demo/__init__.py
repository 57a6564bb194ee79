"""The demo: bundled example reports run through the whole pipeline into a fresh store.

The reports in ``reports.jsonl`` were written for frontwatch; they paraphrase publicly
known events of the September 2022 Kharkiv counteroffensive and carry the difficulties
real reports have (a denial, a hedge, weekday dates, transliteration variants).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from frontwatch.ingest import IngestOptions, ingest
from frontwatch.process import process_documents
from frontwatch.store import Store, open_store

REPORTS = Path(__file__).with_name("reports.jsonl")


def run_demo(db: str | None, console: Console) -> Store:
    """Ingest and process the bundled reports into ``db`` (default: a fresh temporary file)."""
    url = db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='frontwatch-demo-')) / 'demo.db'}"
    store = open_store(url)
    report = ingest([str(REPORTS)], store, IngestOptions())
    console.print(f"[bold]store[/bold] {store.url}")
    console.print(f"[bold]ingested[/bold] {report.summary()}")
    stats = process_documents(store, report.changed)
    console.print(f"[bold]processed[/bold] {stats.summary()}")
    _print_documents(store, console)
    _print_claims(store, console)
    _print_control(store, console)
    console.print("[bold]map[/bold] ", end="")
    console.print(
        f"frontwatch serve --db {store.url}  (then open http://127.0.0.1:8000/;"
        " scripts/build_web.sh once first)",
        markup=False,
        highlight=False,
    )
    return store


def _print_documents(store: Store, console: Console) -> None:
    table = Table(title="Documents")
    for column in ("id", "published", "outlet", "title"):
        table.add_column(column)
    for doc in store.documents():
        table.add_row(doc.id, doc.published or "", doc.outlet or "", doc.title or "")
    console.print(table)


def _print_claims(store: Store, console: Console) -> None:
    table = Table(title="Claims")
    for column in ("doc", "kind", "side", "place", "polarity", "modality", "claimant", "when"):
        table.add_column(column)
    for c in store.claims():
        when = c.event_time.start if c.event_time and c.event_time.start else ""
        table.add_row(
            c.doc,
            c.kind,
            c.side or "",
            c.place.name if c.place else "",
            c.polarity,
            c.modality,
            c.claimant.name if c.claimant else "",
            when or "",
        )
    console.print(table)


def _print_control(store: Store, console: Console) -> None:
    table = Table(title="Control timeline")
    for column in ("place", "side", "from", "to", "tier", "confidence", "claims"):
        table.add_column(column)
    for p in store.control_periods():
        table.add_row(
            p.place.name,
            p.side,
            p.start or "?",
            p.end or "",
            p.tier,
            f"{p.confidence:.2f}",
            str(len(p.claims)),
        )
    console.print(table)
