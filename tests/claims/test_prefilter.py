"""The pre-filter keeps trigger sentences (and attributing neighbours) and drops the rest."""

from __future__ import annotations

import pytest

from frontwatch.claims.lexicon import load_lexicon
from frontwatch.claims.prefilter import keep_pieces, trigger_pattern


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
        'The weather was mild. "We have retaken the village." The commander said so on Monday. '
        "Markets opened late. The harvest was good."
    )
    kept = [text[s:e] for s, e in keep_pieces(text, load_lexicon())]
    assert kept == ['"We have retaken the village."', "The commander said so on Monday."]


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
