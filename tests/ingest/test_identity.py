"""Document identity: dedupe hashing and ids."""

from __future__ import annotations

import pytest

from frontwatch.ingest.identity import content_hash, document_id, normalise_for_hash


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Izium was retaken.", "  Izium was retaken.\n"),
        ("Izium  was\nretaken.", "Izium was retaken."),
        ("Balaklii\u0308a", "Balakliïa"),  # decomposed and composed forms are one text
    ],
)
def test_equal_after_normalisation_share_a_hash(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)


@pytest.mark.parametrize(("a", "b"), [("Izium", "izium"), ("Izium.", "Izium")])
def test_different_texts_differ(a: str, b: str) -> None:
    assert content_hash(a) != content_hash(b)


def test_normalise_collapses_whitespace_only() -> None:
    assert normalise_for_hash(" a\t b\n\nc ") == "a b c"


@pytest.mark.parametrize(
    ("given", "url", "expected_prefix"),
    [
        ("seed-000", "https://x.test/a", "seed-000"),
        (None, "https://x.test/a", "u-"),
        ("  ", None, "t-"),
    ],
)
def test_document_id_prefers_given_then_url_then_text(
    given: str | None, url: str | None, expected_prefix: str
) -> None:
    assert document_id(given, url, "f" * 64).startswith(expected_prefix)


def test_document_id_is_stable() -> None:
    assert document_id(None, None, content_hash("x")) == document_id(None, None, content_hash("x"))
