"""``frontwatch claims``: the stored claims, each with the sentence that carries it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

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
from frontwatch.model import KINDS, Claim

out = Console()

DocOption = Annotated[str | None, typer.Option("--doc", help="Only this document's claims.")]
PlaceOption = Annotated[
    str | None,
    typer.Option("--place", help=f"Only claims about this place: {PLACE_HELP}"),
]
KindOption = Annotated[
    str | None, typer.Option("--kind", help=f"Only this kind: {', '.join(KINDS)}.")
]


def register(app: typer.Typer) -> None:
    """Add the ``claims`` command to ``app``."""
    app.command("claims")(claims_command)


def claims_command(
    doc: DocOption = None,
    place: PlaceOption = None,
    kind: KindOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List stored claims: who says what happened where and when (exit 3 when none match)."""
    if kind is not None and kind not in KINDS:
        raise fail(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}", EXIT_USAGE)
    with opened(db) as store:
        keys = place_keys(store, place) if place else None
        claims = store.claims(doc=doc, kind=kind, place_keys=keys)
    if as_json:
        for claim in claims:
            print_json_line(claim.to_json())
    else:
        for claim in claims:
            out.print(describe(claim), highlight=False)
    if not claims:
        raise fail("no claims match", EXIT_NOT_FOUND)


def describe(claim: Claim) -> str:
    """A readable block for one claim: the claim on one line, then its evidence sentence."""
    sentence = shown(" ".join(claim.evidence.text.split()))
    return f"{shown(headline(claim))}\n    [dim]“{sentence}”[/dim]"


def headline(claim: Claim) -> str:
    """One line: doc, kind, side, place, polarity/modality, who says it, when, how much."""
    parts = [
        f"{claim.doc}:{claim.evidence.start}-{claim.evidence.end}",
        claim.kind,
        claim.side or "?",
    ]
    if claim.place is not None:
        parts.append(f"@ {claim.place.name} (p{claim.place.precision})")
    parts.append(claim.modality if claim.polarity == "affirmed" else f"NOT, {claim.modality}")
    if claim.claimant is not None:
        parts.append(
            f"says {claim.claimant.name}"
            + (f" [{claim.claimant.side}]" if claim.claimant.side else "")
        )
    if claim.channel:
        parts.append(f"via {claim.channel}")
    if claim.event_time is not None:
        parts.append(f"when {claim.event_time.start or claim.event_time.text}")
    if claim.quantity is not None:
        parts.append(f"{claim.quantity.to_json()['value']} {claim.quantity.unit}")
    parts.append(f"conf {claim.confidence:.2f}")
    return "  ".join(parts)
