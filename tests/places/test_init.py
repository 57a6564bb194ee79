"""The public surface of frontwatch.places is small and pinned."""

from __future__ import annotations

from frontwatch import places


def test_all_is_pinned() -> None:
    assert set(places.__all__) == {
        "Gazetteer",
        "PlaceResolver",
        "Resolution",
        "ResolveContext",
        "find_mentions",
    }


def test_every_exported_name_exists() -> None:
    assert [n for n in places.__all__ if not hasattr(places, n)] == []
