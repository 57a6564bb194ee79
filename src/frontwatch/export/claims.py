"""claims-v1 JSON Lines: one stored claim a line, with id, extractor and confidence."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from frontwatch.model import Claim


def write_claims(claims: Iterable[Claim], stream: TextIO) -> int:
    """Write ``claims`` to ``stream``; returns how many were written."""
    count = 0
    for claim in claims:
        stream.write(json.dumps(claim.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count
