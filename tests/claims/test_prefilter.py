"""The pre-filter keeps trigger sentences (and attributing neighbours) and drops the rest."""

from __future__ import annotations

import pytest

from frontwatch.claims.lexicon import load_lexicon
from frontwatch.claims.prefilter import (
    MAX_PARSED,
    MAX_SENTENCE,
    keep_pieces,
    limit_pieces,
    trigger_pattern,
)


@pytest.mark.parametrize(
    ("sentence", "hot"),
    [
        ("Ukraine retook the town.", True),
        ("The army took the bridge.", True),
        ("Forces were withdrawn overnight.", True),
        ("Shelling continued near the port.", True),
        ("The minister thanked the partners for their help.", False),
        ("Grain exports rose in August.", False),
    ],
)
def test_trigger_words_by_stem_and_irregular_form(sentence: str, hot: bool) -> None:
    assert bool(trigger_pattern(load_lexicon()).search(sentence)) is hot


def test_keeps_trigger_pieces_and_the_saying_neighbour() -> None:
    text = (
        'The weather was mild. "We have retaken Izium." The commander said so on Monday. '
        "Markets opened late. The harvest was good."
    )
    kept = [text[s:e] for s, e in keep_pieces(text, load_lexicon())]
    assert kept == ['"We have retaken Izium."', "The commander said so on Monday."]


def test_nothing_kept_from_text_without_triggers() -> None:
    assert keep_pieces("Markets opened late. The harvest was good.", load_lexicon()) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("First that supply line was cut.", True),
        ("This offensive stalled.", True),
        ("The supply line was cut.", False),
    ],
)
def test_a_demonstrative_before_a_trigger_is_a_subject(text: str, kept: bool) -> None:
    assert bool(keep_pieces(text, load_lexicon())) is kept


@pytest.mark.parametrize(
    ("lengths", "kept", "too_long", "over_budget"),
    [
        ([100, 200], 2, 0, 0),
        ([MAX_SENTENCE + 1, 100], 1, 1, 0),
        ([MAX_SENTENCE] * (MAX_PARSED // MAX_SENTENCE + 2), MAX_PARSED // MAX_SENTENCE, 0, 2),
    ],
)
def test_limit_pieces_bounds_what_a_report_parses(
    lengths: list[int], kept: int, too_long: int, over_budget: int
) -> None:
    pieces, at = [], 0
    for n in lengths:
        pieces.append((at, at + n))
        at += n + 1
    limited = limit_pieces(pieces)
    assert (len(limited.pieces), limited.too_long, limited.over_budget) == (
        kept,
        too_long,
        over_budget,
    )
    assert sum(e - s for s, e in limited.pieces) <= MAX_PARSED
    assert bool(limited.note()) == bool(too_long or over_budget)


def test_a_denial_beside_a_claim_is_kept_for_its_speaker() -> None:
    text = (
        "An official denied that the front had moved. "
        '"Our units hold every position near Lyman," he said.'
    )
    kept = [text[s:e] for s, e in keep_pieces(text, load_lexicon())]
    assert kept[0].startswith("An official denied")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the place "the city" points back to is named in the piece before: kept
        (
            "Mariupol is a port on the sea. We believe the city is in Russian hands now.",
            ["Mariupol is a port on the sea.", "We believe the city is in Russian hands now."],
        ),
        # no pointer back: the piece before stays unread
        (
            "Mariupol is a port on the sea. Russian forces captured Kupiansk.",
            ["Russian forces captured Kupiansk."],
        ),
    ],
)
def test_a_trigger_piece_pointing_back_keeps_the_piece_that_names_the_place(
    text: str, kept: list[str]
) -> None:
    assert [text[s:e].strip() for s, e in keep_pieces(text, load_lexicon())] == kept
