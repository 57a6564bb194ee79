"""The claims lexicon: the built copy is current, its tables load, and the conflict profiles
it is built from hold only sourced actors whose names name one party."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from frontwatch.claims.actors import phrase_tokens, side_of_tokens
from frontwatch.claims.cyrillic_lexicon import load_cyrillic
from frontwatch.claims.lexicon import load_lexicon
from frontwatch.errors import ConfigError
from frontwatch.model import KINDS
from frontwatch.read import Parser

ROOT = Path(__file__).resolve().parents[2]
CONFLICTS = ROOT / "src" / "frontwatch" / "data" / "src" / "conflicts"
PROFILES = sorted(CONFLICTS.glob("*.toml"))


@pytest.fixture(scope="module")
def builder(load_script: Callable[[str], ModuleType]) -> ModuleType:
    return load_script("scripts/build_lexicons.py")


def _profile(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _names(actor: dict[str, Any]) -> list[str]:
    return [actor["name"], *actor.get("aliases", []), *actor.get("words", [])]


def test_regenerating_gives_the_committed_lexicon(builder: ModuleType) -> None:
    built = builder.render(builder.build())
    committed = (ROOT / "src" / "frontwatch" / "data" / "claims" / "lexicon.json").read_text(
        encoding="utf-8"
    )
    assert built == committed


def test_the_default_conflict_has_a_profile() -> None:
    assert "russia-ukraine" in [p.stem for p in PROFILES]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_every_person_has_a_source_a_party_and_a_role(path: Path) -> None:
    profile = _profile(path)
    people = [a for a in profile["actor"] if a["kind"] == "person"]
    assert people
    for person in people:
        assert str(person.get("source", "")).startswith("https://"), person["name"]
        assert person.get("party") in profile["parties"], person["name"]
        assert person.get("role"), person["name"]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_no_name_is_given_to_two_parties(path: Path) -> None:
    parties: dict[str, set[str]] = {}
    for actor in _profile(path)["actor"]:
        for name in _names(actor):
            parties.setdefault(name.lower(), set()).add(actor["party"])
    observers = _profile(ROOT / "src" / "frontwatch" / "data" / "src" / "claims" / "actors.toml")
    for word in observers["observers"]:
        parties.setdefault(word, set()).add("other")
    assert {name: p for name, p in parties.items() if len(p) > 1} == {}


@pytest.mark.parametrize(
    ("actor", "error"),
    [
        ({"name": "A B", "role": "general"}, "source must be a public https:// address"),
        ({"name": "A B", "source": "https://example.org/a"}, "a person needs a role"),
        ({"name": "A B", "role": "x", "source": "https://e.org", "party": "XX"}, "party 'XX'"),
        ({"name": "A B", "role": "x", "source": "https://e.org", "from": "May"}, "not an ISO date"),
        ({"name": "A B", "role": "x", "source": "https://e.org", "rank": 1}, "unknown keys"),
        ({"name": "Zelensky", "role": "x", "source": "https://e.org"}, "'zelensky' names both"),
        (
            {"name": "Vladimir Putin", "role": "x", "source": "https://e.org"},
            "two actors are named",
        ),
    ],
)
def test_a_bad_profile_entry_is_refused_with_the_file_and_reason(
    builder: ModuleType, tmp_path: Path, actor: dict[str, Any], error: str
) -> None:
    entry = {"kind": "person", "party": "RU", **actor}
    fields = "\n".join(f"{k} = {_toml(v)}" for k, v in entry.items())
    path = tmp_path / "russia-ukraine.toml"
    path.write_text(
        (CONFLICTS / "russia-ukraine.toml").read_text(encoding="utf-8")
        + f"\n[[actor]]\n{fields}\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match=f"russia-ukraine.toml.*{error}"):
        builder.read_profile(path)


def _toml(value: object) -> str:
    return str(value) if isinstance(value, int) else f'"{value}"'


ATLANTIS = (
    'name = "atlantis"\ntitle = "t"\nsource = "https://e.org"\n'
    '[parties.UA]\nname = "North"\nopposes = "RU"\n[parties.RU]\nname = "South"\n'
    'opposes = "UA"\n[parties.other]\nname = "others"\n'
    '[[actor]]\nkind = "state"\nparty = "UA"\nname = "Northland"\nsource = "https://e.org"\n'
)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ('opposes = "UA"', "", "party UA opposes 'RU', which does not oppose it"),
        ("[parties.other]", "[parties.XX]", "parties .* are not among"),
        ('name = "atlantis"', 'name = "atlas"', "is not the file's name"),
    ],
)
def test_a_bad_profile_is_refused_with_the_file_and_reason(
    builder: ModuleType, tmp_path: Path, old: str, new: str, error: str
) -> None:
    path = tmp_path / "atlantis.toml"
    path.write_text(ATLANTIS.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SystemExit, match=f"atlantis.toml.*{error}"):
        builder.read_profile(path)


def test_a_second_conflict_is_built_beside_the_first(builder: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "russia-ukraine.toml").write_bytes((CONFLICTS / "russia-ukraine.toml").read_bytes())
    (tmp_path / "atlantis.toml").write_text(ATLANTIS, encoding="utf-8")
    conflicts = builder.build(conflicts=tmp_path)["conflicts"]
    assert sorted(conflicts) == ["atlantis", "russia-ukraine"]
    assert conflicts["atlantis"]["sides"]["UA"] == ["northland"]


def test_every_kind_but_territory_has_a_trigger() -> None:
    kinds = {t.kind for t in load_lexicon().triggers}
    assert kinds == set(KINDS) - {"territory"}
    assert load_lexicon().territory_from


@pytest.mark.parametrize(
    ("word", "side"),
    [
        ("kyiv", "UA"),
        ("kremlin", "RU"),
        ("wagner", "RU"),
        ("dpr", "RU"),
        ("kadyrovtsy", "RU"),
        ("rdk", "UA"),
        ("zelenskyy", "UA"),
        ("konashenkov", "RU"),
        ("nato", "other"),
        ("analysts", "other"),
    ],
)
def test_sides_of_actor_words(word: str, side: str) -> None:
    assert load_lexicon().sides[word] == side


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("The Russian Volunteer Corps crossed the border.", "UA"),
        ("The Freedom of Russia Legion crossed the border.", "UA"),
        ("Russian troops crossed the border.", "RU"),
        ("The Sheikh Mansur Battalion crossed the border.", "UA"),
        ("Chechen fighters crossed the border.", "RU"),
        ("The Donetsk People's Republic militia crossed the border.", "RU"),
    ],
)
def test_a_unit_fighting_for_the_other_side_takes_its_own_side(
    parser: Parser, text: str, side: str
) -> None:
    doc = parser.nlp(text)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    assert side_of_tokens(phrase_tokens(subject), load_lexicon()) == side


def test_the_belligerents_oppose_each_other() -> None:
    lex = load_lexicon()
    assert (lex.conflict, lex.opposite("UA"), lex.opposite("RU"), lex.opposite("other")) == (
        "russia-ukraine",
        "RU",
        "UA",
        None,
    )


def test_an_unknown_conflict_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="no conflict profile 'atlantis'"):
        load_lexicon("atlantis")


CYRILLIC_TABLES = sorted(
    (ROOT / "src" / "frontwatch" / "data" / "src" / "claims").glob("triggers_*.toml")
)


@pytest.mark.parametrize("path", CYRILLIC_TABLES, ids=lambda p: p.stem)
def test_a_cyrillic_table_builds_and_names_only_known_sides(
    builder: ModuleType, path: Path
) -> None:
    table = builder._cyrillic(path)
    assert set(table["sides"]) <= {"UA", "RU", "other"}
    assert {t["kind"] for t in table["triggers"]} <= set(KINDS)
    assert sorted(int(m) for m in table["months"]) == list(range(1, 13))


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (lambda t: t.replace('side = "opposite"', 'side = "defender"', 1), "unknown side"),
        (lambda t: t.replace('kind = "supply"', 'kind = "logistics"', 1), "unknown kind"),
        (lambda t: t.replace("\n12 = [", "\n13 = [", 1), "months 1 to 12"),
        (lambda t: t.replace('enemy_default = "RU"', 'enemy_default = "XX"', 1), "unknown parties"),
        (lambda t: t + '\nsurprise = ["x"]\n', "surprise"),
    ],
)
def test_a_wrong_cyrillic_table_is_refused_with_its_name(
    builder: ModuleType, tmp_path: Path, edit: Callable[[str], str], error: str
) -> None:
    path = tmp_path / "triggers_uk.toml"
    path.write_text(edit(CYRILLIC_TABLES[-1].read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(SystemExit, match=error) as raised:
        builder._cyrillic(path)
    assert "triggers_uk.toml" in str(raised.value)


def test_an_unknown_cyrillic_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'bg'"):
        load_cyrillic("bg")
