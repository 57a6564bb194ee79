"""``frontwatch places``: resolve place names, and show the place mentions of a stored report."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.cli._common import (
    EXIT_NOT_FOUND,
    EXIT_USAGE,
    DbOption,
    JsonOption,
    fail,
    opened,
    print_json_line,
    shown,
)
from frontwatch.model import Candidate, Mention, Place

if TYPE_CHECKING:
    from frontwatch.places import PlaceResolver, Resolution

out = Console()
places_app = typer.Typer(name="places", help="Resolve place names; show a report's places.")
_LAT_LON = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
NearOption = Annotated[
    str | None,
    typer.Option("--near", help="A place name or 'LAT,LON' that the names are likely near."),
]


def register(app: typer.Typer) -> None:
    """Add the ``places`` commands to the main app."""
    app.add_typer(places_app)


@places_app.command("resolve")
def resolve_command(
    names: Annotated[list[str], typer.Argument(help="Place names, in any script or spelling.")],
    near: NearOption = None,
    as_json: JsonOption = False,
) -> None:
    """Resolve names to gazetteer places (exit 3 when some name is not found)."""
    from frontwatch.places import PlaceResolver

    resolver = PlaceResolver.default()
    point = _near_point(resolver, near) if near else None
    results = [resolver.resolve(name, near=point) for name in names]
    if as_json:
        for res in results:
            print_json_line(resolution_json(res))
    else:
        out.print(_resolution_table(results))
    if any(res.place is None for res in results):
        raise typer.Exit(EXIT_NOT_FOUND)


def _near_point(resolver: PlaceResolver, near: str) -> tuple[float, float]:
    match = _LAT_LON.match(near)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
        raise fail(f"--near {near!r}: latitude or longitude out of range", EXIT_USAGE)
    place = resolver.resolve(near).place
    if place is None:
        raise fail(f"--near {near!r}: no such place", EXIT_USAGE)
    return place.lat, place.lon


def _place_fields(place: Place | None) -> dict[str, Any]:
    """The place columns of a JSON line: name, id, coordinates, admin1 (null when unresolved)."""
    return {
        "name": place.name if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "admin1": place.admin1 if place else None,
    }


def resolution_json(res: Resolution) -> dict[str, Any]:
    """One resolved name as a JSON object (the ``--json`` line)."""
    place = res.place
    return {
        "query": res.query,
        **_place_fields(place),
        "country": place.country if place else None,
        "score": res.score,
        "unsure": res.unsure,
        "alternatives": [_alternative(c) for c in res.candidates[1:]],
    }


def _alternative(c: Candidate) -> dict[str, Any]:
    p = c.place
    return {
        "name": p.name,
        "geonameid": p.geonameid,
        "admin1": p.admin1,
        "country": p.country,
        "score": c.score,
    }


def _score_text(score: float, unsure: bool) -> str:
    """The score column: "0.30 unsure" for a pick far from the text's other places."""
    return f"{score:.2f} unsure" if unsure else f"{score:.2f}"


def _resolution_table(results: list[Resolution]) -> Table:
    table = Table(title=f"{len(results)} names")
    for column in ("query", "place", "geonameid", "admin1", "country", "lat, lon", "score", "alt"):
        table.add_column(column)
    for res in results:
        p = res.place
        if p is None:
            table.add_row(
                shown(res.query), "[red]not found[/red]", "", "", "", "", "0", shown(res.reason)
            )
            continue
        table.add_row(
            shown(res.query), shown(p.name), str(p.geonameid or ""), shown(p.admin1 or ""),
            shown(p.country or ""),
            f"{p.lat:.4f}, {p.lon:.4f}", _score_text(res.score, res.unsure),
            str(len(res.candidates) - 1),
        )  # fmt: skip
    return table


@places_app.command("mentions")
def mentions_command(doc_id: str, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show the stored place mentions of one document (exit 3 if there is no such document)."""
    with opened(db) as store:
        if store.get_document(doc_id) is None:
            raise fail(f"no document {doc_id!r} in the store", EXIT_NOT_FOUND)
        mentions = store.mentions(doc_id)
    if as_json:
        for m in mentions:
            print_json_line(mention_json(m))
        return
    out.print(_mention_table(doc_id, mentions))


def mention_json(m: Mention) -> dict[str, Any]:
    """One stored mention as a JSON object (the ``--json`` line)."""
    place = m.place
    return {
        "doc": m.doc_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        **_place_fields(place),
        "precision": m.precision,
        "method": m.method,
        "score": m.candidates[0].score if m.candidates else None,
        "reason": m.reason,
        "unsure": m.unsure,
        "extractor": m.extractor,
    }


def _mention_table(doc_id: str, mentions: list[Mention]) -> Table:
    table = Table(title=f"{len(mentions)} place mentions in {shown(doc_id)}")
    for column in ("span", "text", "place", "admin1", "precision", "method", "score"):
        table.add_column(column)
    for m in mentions:
        p = m.place
        score = _score_text(m.candidates[0].score, m.unsure) if m.candidates else ""
        table.add_row(
            f"{m.start}-{m.end}", shown(m.text), shown(p.name) if p else "",
            shown(p.admin1 or "") if p else "",
            str(m.precision), m.method, score,
        )  # fmt: skip
    return table
