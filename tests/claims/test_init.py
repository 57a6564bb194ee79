"""The claims stage's public surface is small and pinned."""

from __future__ import annotations

import frontwatch.claims


def test_all_is_pinned() -> None:
    assert set(frontwatch.claims.__all__) == {
        "EXTRACTOR",
        "ClaimExtractor",
        "ExtractOptions",
        "Extraction",
    }
    assert all(hasattr(frontwatch.claims, name) for name in frontwatch.claims.__all__)
