"""The public surface of frontwatch.fuse is pinned."""

from __future__ import annotations

from frontwatch import fuse

EXPECTED = {
    "Fact", "FuseResult", "Fuser", "Lexicons", "PlaceFusion", "document_facts", "fuse_place",
    "group_by_place", "known_by", "lexicons", "make_facts",
}  # fmt: skip


def test_all_is_pinned() -> None:
    assert set(fuse.__all__) == EXPECTED


def test_every_exported_name_exists() -> None:
    assert [name for name in fuse.__all__ if not hasattr(fuse, name)] == []
