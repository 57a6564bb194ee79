"""control-v1 JSON Lines: one control period a line, by place and start."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from frontwatch.export._lines import write_lines
from frontwatch.model import ControlPeriod


def write_control(periods: Iterable[ControlPeriod], stream: TextIO) -> int:
    """Write ``periods`` as control-v1 lines to ``stream``; returns how many were written."""
    return write_lines(periods, stream)
