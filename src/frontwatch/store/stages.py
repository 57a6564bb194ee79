"""How far a stored document has been processed, and what it still needs.

A document moves ``read`` (stored, nothing extracted) -> ``extracted`` (its mentions and
claims stored, in one transaction with this stage) -> ``fused`` (the places its claims
touch fused since). ``failed``: the extractor raised on it; it is tried again only on
demand or by another extractor version. A revised text sends it back to ``read``. Each
stage past ``read`` names the claims extractor (``name@version``) that reached it; a
document extracted by another version than the running one is extracted again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["read", "extracted", "fused", "failed"]
STAGES: tuple[Stage, ...] = ("read", "extracted", "fused", "failed")


@dataclass(frozen=True, slots=True)
class StageState:
    """A document's stage and the extractor (``name@version``) that reached it."""

    doc_id: str
    stage: Stage
    extractor: str | None = None

    def needs_extraction(self, extractor: str) -> bool:
        """Whether ``extractor`` has yet to read this document (a failure by the same
        extractor is not retried unasked)."""
        return self.stage == "read" or self.extractor != extractor

    def needs_fusion(self, extractor: str) -> bool:
        """Whether this document's claims, made by ``extractor``, wait to be fused."""
        return self.stage == "extracted" and self.extractor == extractor

    def pending(self, extractor: str) -> bool:
        """Whether an ingest should take this document up again."""
        return self.needs_extraction(extractor) or self.needs_fusion(extractor)
