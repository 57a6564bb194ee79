"""claims-v1 JSON Lines: one stored claim a line, with id, extractor and confidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from frontwatch.export._lines import write_lines
from frontwatch.model import Claim


def write_claims(claims: Iterable[Claim], stream: TextIO) -> int:
    """Write ``claims`` to ``stream``; returns how many were written."""
    return write_lines(claims, stream)
