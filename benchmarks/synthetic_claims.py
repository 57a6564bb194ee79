"""Synthetic reports and claims over the Ukrainian gazetteer, for fusion benchmarks.

Each place gets a hidden truth: who holds it at the start (RU in Crimea, mostly RU in
Luhansk/Donetsk, some RU in the other front-line oblasts, else UA) and up to two changes
of hand on random days. Reports are published day by day; each carries 1-8 claims
about places drawn with weight sqrt(population) x 25 for front-line oblasts (so a few
towns get most of the coverage, as in real reporting). Claim kinds, sides (mostly what
the truth says, 8 % the opposite), polarity (3 % negated), modality, event time (day 75
%, range 10 %, week/month 5 %, none 10 %), precision and claimants follow rough
distributions from the dev gold; 10 % of reports are reprints of an earlier one (same
text but a line of boilerplate, same claims), so origins are fewer than documents.

    python benchmarks/synthetic_claims.py --claims 1000 --seed 7 | head
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import random
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, PlaceRef
from frontwatch.places.gazetteer import Gazetteer

START = date(2022, 2, 24)
DAYS = 1000
FRONT = {
    "Donetsk Oblast": 0.7,
    "Luhansk Oblast": 0.8,
    "Kharkiv Oblast": 0.3,
    "Zaporizhzhia Oblast": 0.5,
    "Kherson Oblast": 0.5,
    "Crimea": 1.0,
    "Sevastopol": 1.0,
}
KINDS = [
    ("control", 30), ("attack", 18), ("advance", 12), ("withdrawal", 9), ("loss", 9),
    ("presence", 6), ("encirclement", 5), ("supply", 5), ("deployment", 3),
    ("evacuation", 2), ("territory", 1),
]  # fmt: skip
MODALITIES = [
    ("asserted", 85),
    ("reported", 8),
    ("unconfirmed", 3),
    ("predicted", 2),
    ("conditional", 2),
]
CLAIMANTS = [
    (None, 45),
    (("Russia's Defence Ministry", "RU"), 10),
    (("Ukrainian General Staff", "UA"), 10),
    (("Volodymyr Zelensky", "UA"), 5),
    (("Institute for the Study of War", None), 6),
    (("UK Ministry of Defence", None), 5),
    (("local officials", None), 8),
    (("Denis Pushilin", "RU"), 4),
    (("Oleh Syniehubov", "UA"), 4),
    (("media reports", None), 3),
]
CHANNELS = [(None, 70), ("Telegram", 12), ("Reuters", 6), ("TASS", 5), ("Ukrinform", 4), ("AFP", 3)]
WORDS = [
    "forces",
    "troops",
    "town",
    "village",
    "city",
    "front",
    "line",
    "shelling",
    "artillery",
    "drone",
    "assault",
    "brigade",
    "regiment",
    "positions",
    "offensive",
    "counteroffensive",
    "defence",
    "officials",
    "reported",
    "said",
    "statement",
    "morning",
    "night",
    "river",
    "bridge",
    "road",
    "railway",
    "station",
    "outskirts",
    "district",
    "region",
    "heavy",
    "fighting",
    "losses",
    "equipment",
    "tanks",
    "armoured",
    "vehicles",
    "residents",
    "evacuated",
    "power",
    "water",
    "damage",
    "strike",
]


@dataclass(slots=True)
class Truth:
    """Who held a place: the side at the start and the days it changed hands."""

    place: PlaceRef
    oblast: str
    first: str
    changes: list[int] = field(default_factory=list)

    def side_on(self, day: int) -> str:
        side = self.first
        for change in self.changes:
            if day >= change:
                side = "UA" if side == "RU" else "RU"
        return side


def _pick(rng: random.Random, table: list[tuple[object, int]]) -> object:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def ukrainian_places() -> list[tuple[PlaceRef, str, float]]:
    """(place, oblast, weight) for every Ukrainian settlement in the gazetteer."""
    g = Gazetteer.load()
    out = []
    for row in range(len(g)):
        if g.country(row) != "UA" or g.kind(row) != "settlement":
            continue
        p = g.place(row)
        oblast = g.admin1(row)
        w = math.sqrt(max(p.population, 500)) * (25 if oblast in FRONT else 1)
        out.append((p.ref(1), oblast, w))
    return out


def truths(rng: random.Random, places: list[tuple[PlaceRef, str, float]]) -> list[Truth]:
    out = []
    for ref, oblast, _ in places:
        first = "RU" if rng.random() < FRONT.get(oblast, 0.0) else "UA"
        changes = sorted(rng.sample(range(20, DAYS), k=rng.choice([0, 0, 1, 1, 2])))
        if oblast not in FRONT:
            changes = []
        out.append(Truth(ref, oblast, first, changes))
    return out


@dataclass(slots=True)
class Generator:
    """Yields (document, claims) in publication order until ``total`` claims are made."""

    total: int
    seed: int = 20220908
    rng: random.Random = field(init=False)
    truth: list[Truth] = field(init=False)
    weights: list[float] = field(init=False)  # cumulative
    made: int = 0
    history: deque[tuple[Document, list[Claim]]] = field(default_factory=lambda: deque(maxlen=200))

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        places = ukrainian_places()
        self.truth = truths(self.rng, places)
        self.weights = list(itertools.accumulate(w for _, _, w in places))

    def __iter__(self) -> Iterator[tuple[Document, list[Claim]]]:
        number = 0
        while self.made < self.total:
            day = min(int(self.made / max(self.total, 1) * DAYS), DAYS - 1)
            number += 1
            doc, claims = self._report(number, day)
            self.made += len(claims)
            yield doc, claims

    def _report(self, number: int, day: int) -> tuple[Document, list[Claim]]:
        doc_id = f"syn-{number:07d}"
        published = (START + timedelta(days=day)).isoformat() + f"T{number % 24:02d}:00:00+00:00"
        if self.history and self.rng.random() < 0.10:
            src_doc, src_claims = self.rng.choice(self.history)
            text = src_doc.text + f" Republished by outlet {number}."
            digest = hashlib.sha256(text.encode()).hexdigest()
            doc = replace(src_doc, id=doc_id, text=text, published=published, content_hash=digest)
            claims = [replace(c, id=f"{doc_id}:{i}", doc=doc_id) for i, c in enumerate(src_claims)]
            return doc, claims
        count = self.rng.randint(1, 8)
        claims = [self._claim(doc_id, i, day) for i in range(count)]
        text = " ".join(c.evidence.text for c in claims)
        doc = Document(
            doc_id,
            text,
            published=published,
            outlet="Synthetic Wire",
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        self.history.append((doc, claims))
        return doc, claims

    def _claim(self, doc_id: str, index: int, today: int) -> Claim:
        rng = self.rng
        truth = rng.choices(self.truth, cum_weights=self.weights)[0]
        kind = str(_pick(rng, KINDS))  # type: ignore[arg-type]
        when, event_time = self._when(today)
        holder = truth.side_on(when)
        side = holder if rng.random() > 0.08 else ("UA" if holder == "RU" else "RU")
        if kind == "withdrawal":
            side = "UA" if holder == "RU" else "RU"
        who = _pick(rng, CLAIMANTS)  # type: ignore[arg-type]
        claimant = Claimant(*who) if isinstance(who, tuple) else None
        precision = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        words = " ".join(rng.choices(WORDS, k=rng.randint(8, 20)))
        text = f"{truth.place.name} {words} {kind} {side}."
        return Claim(
            id=f"{doc_id}:{index}",
            doc=doc_id,
            kind=kind,
            side=side if rng.random() > 0.05 else None,
            place=replace(truth.place, precision=precision),
            polarity="negated" if rng.random() < 0.03 else "affirmed",
            modality=str(_pick(rng, MODALITIES)),  # type: ignore[arg-type]
            claimant=claimant,
            channel=_pick(rng, CHANNELS),  # type: ignore[arg-type]
            event_time=event_time,
            quantity=None,
            evidence=Evidence(text, index * 200, index * 200 + len(text)),
            extractor="synthetic@1",
            confidence=round(rng.uniform(0.6, 1.0), 2),
        )

    def _when(self, today: int) -> tuple[int, EventTime | None]:
        rng = self.rng
        back = min(int(rng.expovariate(1 / 1.5)), today)
        day = today - back
        iso = (START + timedelta(days=day)).isoformat()
        roll = rng.random()
        if roll < 0.75:
            return day, EventTime(iso, iso, "day", "on that day")
        if roll < 0.85:
            first = max(day - rng.randint(7, 180), 0)
            return day, EventTime(
                (START + timedelta(days=first)).isoformat(), iso, "range", "for months"
            )
        if roll < 0.90:
            first = max(day - 6, 0)
            return day, EventTime(
                (START + timedelta(days=first)).isoformat(), iso, "week", "this week"
            )
        return day, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20220908)
    args = parser.parse_args()
    for doc, claims in Generator(args.claims, args.seed):
        for c in claims:
            sys.stdout.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
        del doc
    return 0


if __name__ == "__main__":
    sys.exit(main())
