"""Fusion commands: ``control``, ``timeline``, ``events`` and ``fuse``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from frontwatch._visible import visible
from frontwatch.cli._common import (
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    PLACE_HELP,
    DbOption,
    JsonOption,
    fail,
    opened,
    place_keys,
    print_json_line,
    shown,
)
from frontwatch.model import Claim, ControlPeriod, Event

if TYPE_CHECKING:
    from frontwatch.store import Store

out = Console()

PlaceArg = Annotated[str | None, typer.Argument(help=PLACE_HELP)]
#: Rows a table shows unless --limit says otherwise: a terminal holds no more, and rendering
#: every place of a big store (thousands) takes seconds.
TABLE_ROWS = 100
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        min=0,
        help=f"Show at most this many places (0: all; default {TABLE_ROWS} in a table, all"
        " with --json).",
    ),
]


def register(app: typer.Typer) -> None:
    """Add the fusion commands to ``app``."""
    app.command("control")(control_command)
    app.command("timeline")(timeline_command)
    app.command("events")(events_command)
    app.command("fuse")(fuse_command)


def control_command(
    place: PlaceArg = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Who held each place on this day (ISO date).")
    ] = None,
    as_known_on: Annotated[
        str | None,
        typer.Option("--as-known-on", help="Use only what had been published by this moment."),
    ] = None,
    limit: LimitOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who holds each place: side, since when, tier, confidence, evidence count."""
    day = _day(as_of, "--as-of")
    moment = _moment(as_known_on)
    with opened(db) as store:
        keys = place_keys(store, place) if place else None
        if moment is not None:
            from frontwatch.fuse import Fuser  # spaCy and fusion: only to recompute

            periods = Fuser(store).timeline(as_known_on=moment, place_keys=keys)
            day = day or moment.date()
        else:
            periods = store.control_periods(place_keys=keys)
    from frontwatch.store import control_on

    chosen = control_on(periods, day)
    if not chosen:
        raise fail(_nothing("control periods", place, day), EXIT_NOT_FOUND)
    shown_rows = _limited(chosen, limit, 0 if as_json else TABLE_ROWS)
    if as_json:
        for period in shown_rows:
            print_json_line(period.to_json())
        return
    if len(shown_rows) > TABLE_ROWS:
        _write_plain(CONTROL_COLUMNS, [_control_row(p) for p in shown_rows])
    else:
        out.print(_control_table(shown_rows, len(chosen)))


def _limited(periods: list[ControlPeriod], limit: int | None, default: int) -> list[ControlPeriod]:
    """The first ``limit`` (else ``default``) periods; 0 means all."""
    wanted = default if limit is None else limit
    return periods[:wanted] if wanted else periods


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{option} takes an ISO date (YYYY-MM-DD), not {value!r}", EXIT_USAGE) from exc


def _moment(value: str | None) -> datetime | None:
    if value is None:
        return None
    from frontwatch.fuse import parse_moment

    moment = parse_moment(value, end_of_day=True)
    if moment is None:
        raise fail(f"--as-known-on takes an ISO date or datetime, not {value!r}", EXIT_USAGE)
    return moment


def _nothing(what: str, place: str | None, day: date | None) -> str:
    where = f" for {place!r}" if place else ""
    when = f" on {day.isoformat()}" if day else ""
    return f"no {what}{where}{when} in the store"


CONTROL_COLUMNS = ("place", "side", "since", "tier", "confidence", "evidence")


def _control_row(p: ControlPeriod) -> tuple[str, ...]:
    """A period's cells as plain text (controls from input shown as escapes)."""
    return (
        visible(p.place.name),
        p.side,
        visible(p.start or ""),
        p.tier,
        f"{p.confidence:.2f}",
        str(len(p.claims)),
    )


def _write_plain(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Rows in aligned columns, written as they are: more rows than a table shows take
    Rich seconds to lay out (thousands of places), and a pipe or pager wants plain lines."""
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (columns, *rows)
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def _control_table(periods: Sequence[ControlPeriod], total: int) -> Table:
    left = total - len(periods)
    table = Table(
        title=f"{total} places",
        caption=f"{left} more not shown: --limit 0 shows all, --json prints every one"
        if left
        else None,
    )
    for column in ("place", "side", "since", "tier", "confidence", "evidence"):
        table.add_column(column)
    for p in periods:
        table.add_row(*(escape(cell) for cell in _control_row(p)))
    return table


def timeline_command(
    place: Annotated[str, typer.Argument(help=PLACE_HELP)],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A place's control periods, each with its evidence and who said it, contradictions beside."""
    with opened(db) as store:
        periods = store.control_periods(place_keys=place_keys(store, place))
        claims = _claims_by_id(store, periods)
    if not periods:
        raise fail(_nothing("control periods", place, None), EXIT_NOT_FOUND)
    if as_json:
        for p in periods:
            print_json_line(_period_json(p, claims))
        return
    for p in periods:
        _print_period(p, claims)


def _claims_by_id(store: Store, periods: Sequence[ControlPeriod]) -> dict[str, Claim]:
    ids = {i for p in periods for i in (*p.claims, *p.contradicted_by)}
    return {c.id: c for c in store.claims(ids=ids)} if ids else {}


def _period_json(p: ControlPeriod, claims: dict[str, Claim]) -> dict[str, object]:
    obj = p.to_json()
    obj["evidence"] = [_said(claims[i]) for i in p.claims if i in claims]
    obj["contradictions"] = [_said(claims[i]) for i in p.contradicted_by if i in claims]
    return obj


def _said(c: Claim) -> dict[str, object]:
    return {
        "id": c.id,
        "doc": c.doc,
        "kind": c.kind,
        "side": c.side,
        "polarity": c.polarity,
        "claimant": c.claimant.name if c.claimant else None,
        "channel": c.channel,
        "text": c.evidence.text,
    }


def _print_period(p: ControlPeriod, claims: dict[str, Claim]) -> None:
    until = p.end or "now"
    out.print(
        f"[bold]{shown(p.place.name)}[/bold] {p.side} {shown(str(p.start))} - {shown(until)}  "
        f"{p.tier} {p.confidence:.2f}  known {shown(p.known_at or '?')}",
        highlight=False,
    )
    for i in p.claims:
        if i in claims:
            out.print(f"  + {_line(claims[i])}", highlight=False)
    for i in p.contradicted_by:
        if i in claims:
            out.print(f"  [red]x[/red] {_line(claims[i])}", highlight=False)


def _line(c: Claim) -> str:
    who = c.claimant.name if c.claimant else "(the text)"
    via = f" via {c.channel}" if c.channel else ""
    text = " ".join(c.evidence.text.split())
    return shown(f"[{c.doc}] {c.kind} {c.side or '?'} - {who}{via}: {text}")


def events_command(
    place: Annotated[str | None, typer.Option("--place", help=PLACE_HELP)] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events: claims fused into happenings, with support, contradiction and origins."""
    with opened(db) as store:
        events = _events(store, place)
    if place and not events:
        raise fail(_nothing("events", place, None), EXIT_NOT_FOUND)
    if as_json:
        from frontwatch.store.codec import event_to_json

        for e in events:
            print_json_line(event_to_json(e))
        return
    out.print(_events_table(events))


def _events(store: Store, place: str | None) -> list[Event]:
    if not place:
        return store.events()
    return [e for k in place_keys(store, place) for e in store.events(k)]


def _events_table(events: Sequence[Event]) -> Table:
    table = Table(title=f"{len(events)} events")
    for column in ("place", "kind", "side", "start", "end", "for", "against", "origins"):
        table.add_column(column)
    for e in events:
        table.add_row(
            shown(e.place.name if e.place else ""),
            e.kind,
            e.side or "",
            shown(e.start or ""),
            shown(e.end or ""),
            str(len(e.supporting)),
            str(len(e.contradicting)),
            str(e.origins),
        )
    return table


def fuse_command(
    docs: Annotated[
        list[str] | None, typer.Argument(help="Re-fuse the places these documents touch.")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Re-fuse every place from scratch.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, help="Processes fusing a --rebuild (default: the machine's cores)."
        ),
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Build events, links and control timelines from the stored claims."""
    if rebuild == bool(docs):
        raise fail("give document ids to update, or --rebuild (not both)", EXIT_USAGE)
    from frontwatch.cli.main import cores
    from frontwatch.fuse import Fuser

    with opened(db) as store:
        fuser = Fuser(store)
        rebuilt = fuser.rebuild(workers=workers or cores()) if rebuild else None
        result = rebuilt or fuser.update(docs or [])
    summary = {
        "places": result.places,
        "events": result.events,
        "links": result.links,
        "periods": result.periods,
    }
    if as_json:
        print_json_line(summary)
        return
    out.print(", ".join(f"{k}: {v}" for k, v in summary.items()))
