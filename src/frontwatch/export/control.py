"""control-v1 JSON Lines: one control period a line, by place and start."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from frontwatch.model import ControlPeriod


def write_control(periods: Iterable[ControlPeriod], stream: TextIO) -> int:
    """Write ``periods`` as control-v1 lines to ``stream``; returns how many were written."""
    count = 0
    for period in periods:
        stream.write(json.dumps(period.to_json(), ensure_ascii=False) + "\n")
        count += 1
    return count
