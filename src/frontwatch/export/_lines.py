"""JSON Lines writing shared by the exports.

Every line goes through ``frontwatch._visible.json_text``: C1 controls, U+2028/U+2029 and the
bidi controls in input text are written as ``\\uXXXX`` escapes, never raw.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, TextIO

from frontwatch._visible import json_text


class _Record(Protocol):
    def to_json(self) -> dict[str, Any]: ...


def write_lines(records: Iterable[_Record], stream: TextIO) -> int:
    """Write each record's exchange form as one JSON line; returns how many were written."""
    count = 0
    for record in records:
        stream.write(json_text(record.to_json()) + "\n")
        count += 1
    return count
