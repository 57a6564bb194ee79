"""JSON Lines writing shared by the exports."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol, TextIO


class _Record(Protocol):
    def to_json(self) -> dict[str, Any]: ...


def write_lines(records: Iterable[_Record], stream: TextIO) -> int:
    """Write each record's exchange form as one JSON line; returns how many were written."""
    count = 0
    for record in records:
        stream.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count
