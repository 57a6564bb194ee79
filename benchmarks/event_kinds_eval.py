"""How often the claim triggers fire on event reports nobody tuned them to: CASE 2021 task 2.

    python benchmarks/event_kinds_eval.py [--shared ../shared] [--half tune|held-out|all]
                                          [--show N]

The CASE 2021 fine-grained event set (../shared/datasets/case2021_task2_finegrained: 1,019
ACLED-style snippets from many conflicts, one gold event type each) asks a narrower question
than the claims gold: does the trigger lexicon recognise the *kind* of event a sentence
reports, on text from outside this war? Sides and places are not scored (the snippets' actors
are mostly no party of this war, so complete claims cannot be formed); a snippet counts as
recognised when a trigger of the mapped kind fires in it and its constraint (``needs``)
holds. Territory classes map to ``control``/``advance``/``withdrawal``, fighting and fire
classes to ``attack``. Snippets of unrelated classes (peaceful protest, diplomacy, disasters,
agreements, arrests, crime) should fire no war trigger at all: the share that do is the false
alarm rate.

The snippets are split by id parity: odd ids are the half a lexicon change may be looked at
against (``--half tune``, with ``--show`` listing missed snippets), even ids are the held-out
half whose figure is quoted. The dataset states no licence: it is read from ../shared, never
copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from frontwatch.claims import ClaimExtractor
from frontwatch.claims.patterns import find_hits, holds

DATASET = Path("datasets") / "case2021_task2_finegrained" / "test_set_final_release_with_labels.tsv"
#: Gold classes and the claim kinds any one of which recognises them.
EXPECTED: dict[str, frozenset[str]] = {
    "GOV_REGAINS_TERIT": frozenset({"control", "advance", "withdrawal"}),
    "NON_STATE_ACTOR_OVERTAKES_TER": frozenset({"control", "advance", "withdrawal"}),
    "NON_VIOL_TERRIT_TRANSFER": frozenset({"control", "withdrawal"}),
    "ARMED_CLASH": frozenset({"attack", "advance", "encirclement"}),
    "ART_MISS_ATTACK": frozenset({"attack"}),
    "AIR_STRIKE": frozenset({"attack"}),
    "ATTACK": frozenset({"attack"}),
}
#: Classes that report no fighting and no change of ground.
UNRELATED = frozenset(
    {"PEACE_PROTEST", "DIPLO", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "AGREEMENT", "ARREST",
     "ORG_CRIME"}
)  # fmt: skip
#: The kinds a false alarm counts (a disaster's "casualties" may honestly be a loss).
WAR_KINDS = frozenset({"control", "advance", "withdrawal", "attack", "encirclement"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Snippet:
    id: int
    text: str
    label: str


def read_snippets(path: Path) -> list[Snippet]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Snippet(int(r["id"]), r["EventSnippet"], r["SubType"]) for r in rows]


def kinds_fired(extractor: ClaimExtractor, text: str) -> set[str]:
    """The kinds of the triggers whose constraint holds, sentence by sentence."""
    nlp, lex = extractor.nlp, extractor.lexicon
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "frontwatch_names":  # the parse and its lemmas; names and places not needed
            break
        doc = proc(doc)
    fired: set[str] = set()
    for sent in doc.sents:
        has_place = any(t.ent_type_ in PLACE_LABELS for t in sent)
        fired.update(h.spec.kind for h in find_hits(sent, lex) if holds(h, lex, has_place))
    return fired


@dataclass(slots=True)
class Result:
    """Per gold class, snippets recognised and in all; false alarms over unrelated snippets."""

    found: Counter[str]
    total: Counter[str]
    alarms: int
    unrelated: int
    missed: list[Snippet]

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.total.values()))

    @property
    def false_alarm_rate(self) -> float:
        return self.alarms / max(1, self.unrelated)


def evaluate(shared: Path, half: str, extractor: ClaimExtractor | None = None) -> Result:
    """Score the trigger kinds on one half of the set (``tune``, ``held-out`` or ``all``)."""
    wanted = {"tune": (1,), "held-out": (0,), "all": (0, 1)}[half]
    snippets = [s for s in read_snippets(shared / DATASET) if s.id % 2 in wanted]
    extractor = extractor or ClaimExtractor()
    result = Result(Counter(), Counter(), 0, 0, [])
    for s in snippets:
        if s.label not in EXPECTED and s.label not in UNRELATED:
            continue
        fired = kinds_fired(extractor, s.text)
        if s.label in UNRELATED:
            result.unrelated += 1
            result.alarms += bool(fired & WAR_KINDS)
            continue
        result.total[s.label] += 1
        if fired & EXPECTED[s.label]:
            result.found[s.label] += 1
        else:
            result.missed.append(s)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--half", choices=("tune", "held-out", "all"), default="held-out")
    ap.add_argument("--show", type=int, default=0, help="missed snippets to list (tune half)")
    args = ap.parse_args(argv)
    if not (args.shared / DATASET).is_file():
        print(
            f"{args.shared / DATASET}: not found (the CASE 2021 set lives in ../shared)",
            file=sys.stderr,
        )
        return 2
    result = evaluate(args.shared, args.half)
    print(f"CASE 2021 task 2, {args.half} half")
    print(f"{'class':32} {'found':>5} {'of':>4} {'recall':>7}")
    for label in EXPECTED:
        if result.total[label]:
            share = result.found[label] / result.total[label]
            print(f"{label:32} {result.found[label]:5} {result.total[label]:4} {share:7.2f}")
    n, k = sum(result.total.values()), sum(result.found.values())
    print(f"{'all war classes':32} {k:5} {n:4} {result.recall:7.2f}")
    print(
        f"false alarms on unrelated classes: {result.alarms}/{result.unrelated}"
        f" ({result.false_alarm_rate:.2f})"
    )
    if args.show and args.half == "tune":
        for s in result.missed[: args.show]:
            print(f"  missed {s.id} {s.label}: {s.text[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
