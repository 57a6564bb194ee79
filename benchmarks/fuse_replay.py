"""Replay the dev corpus in publication order: the timelines as known after each report.

    python benchmarks/fuse_replay.py [--shared ../shared] [--gold]

Ingests ``corpus/dev`` into a temporary SQLite store and extracts claims (or, with
``--gold``, stores the gold claims instead), then walks the reports by knowledge time
(publication, else the date the publication note defends; undated last) and prints,
after each, every place whose timeline as known at that moment changed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from frontwatch.fuse import Fuser
from frontwatch.fuse._time import document_time
from frontwatch.ingest import ingest
from frontwatch.model import Claim, ControlPeriod
from frontwatch.process import ProcessOptions, process_documents
from frontwatch.store import Store, open_store, place_key

ROOT = Path(__file__).resolve().parents[1]


def _load_gold(store: Store, shared: Path) -> None:
    for path in sorted((shared / "gold" / "dev").glob("*.jsonl")):
        claims = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            obj = json.loads(line)
            obj.update(id=f"{path.stem}#{n}", confidence=1.0)
            claims.append(Claim.from_json(obj))
        store.replace_claims(path.stem, claims)


def _extract(store: Store, ids: list[str]) -> None:
    process_documents(store, ids, ProcessOptions(fuse=False))


def _render(periods: list[ControlPeriod]) -> str:
    return "; ".join(
        f"{p.side} {p.start}..{p.end or 'now'} {p.tier} {p.confidence:.2f}" for p in periods
    )


def replay(store: Store) -> None:
    fuser = Fuser(store)
    docs = store.documents()
    order = sorted(docs, key=lambda d: (document_time(d) or datetime.max.replace(tzinfo=UTC), d.id))
    shown: dict[str, str] = {}
    for doc in order:
        moment = document_time(doc)
        began = time.perf_counter()
        periods = fuser.timeline(as_known_on=moment)  # undated: everything, such claims too
        took = (time.perf_counter() - began) * 1000
        label = moment.isoformat() if moment else "undated"
        print(f"after {doc.id} (known {label}; replay {took:.0f} ms)")
        by_place: dict[str, list[ControlPeriod]] = {}
        for p in periods:
            by_place.setdefault(f"{p.place.name} ({place_key(p.place)})", []).append(p)
        for name in sorted(by_place):
            text = _render(sorted(by_place[name], key=lambda p: p.start or ""))
            if shown.get(name) != text:
                print(f"  {name}: {text}")
                shown[name] = text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--gold", action="store_true", help="fuse the gold claims instead")
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "dev"
    if not corpus.is_dir():
        print(f"no dev corpus at {corpus}")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'replay.db'}")
        report = ingest([str(corpus)], store)
        if args.gold:
            _load_gold(store, args.shared)
        else:
            _extract(store, report.changed)
        replay(store)
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
