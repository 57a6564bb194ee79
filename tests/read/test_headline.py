"""Headlines: the title line a report opens with, found by its title or by its shape."""

from __future__ import annotations

import pytest

from frontwatch.read.headline import headline_span

BODY = "Ukrainian forces entered the town on Saturday, officials said."


@pytest.mark.parametrize(
    ("text", "title", "headline"),
    [
        (f"Forces enter the town\n\n{BODY}", None, "Forces enter the town"),
        (f"  Is the town next?\r\n\r\n{BODY}", None, "Is the town next?"),
        (f"Port reopens\nIZMAIL (Reuters) - {BODY}", None, "Port reopens"),
        (f"Menu. Search.\nForces enter the town\n\n{BODY}", "Forces enter the town", None),
        (f"Forces enter the town (title)\n\n{BODY}", "Forces enter the town (title)", None),
    ],
    ids=["blank-line", "question", "before-dateline", "title-in-text", "title-first"],
)
def test_headlines_are_found(text: str, title: str | None, headline: str | None) -> None:
    span = headline_span(text, title)
    assert span is not None
    assert text[span[0] : span[1]] == (headline or title)


@pytest.mark.parametrize(
    "text",
    [
        BODY + "\n\nMore of the body.",  # the text opens with a sentence
        "Russian forces appeared to be struggling to hold the\nline near the river.",  # wrapped
        "KYIV (AP) — Sirens sounded\n\nMore.",  # a dateline opens the body
        "Update:\n\nShelling continued.",
        "x" * 1_000_000,
        "\n" * 1_000_000,
        "",
        "2022-09-10\n\n" + BODY,
    ],
    ids=["sentence", "wrapped", "dateline", "label", "long", "newlines", "empty", "digits"],
)
def test_texts_that_open_with_their_body_have_no_headline(text: str) -> None:
    assert headline_span(text) is None


def test_a_title_not_in_the_text_falls_back_to_the_first_line() -> None:
    text = f"Forces enter the town\n\n{BODY}"
    assert headline_span(text, "A title the page does not show") == (0, 21)
