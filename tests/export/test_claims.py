"""claims-v1 JSON Lines."""

from __future__ import annotations

import io
import json

from frontwatch.export import write_claims
from frontwatch.model import Claim, Evidence

HOSTILE = "took\x9b the town\u2028\u2029 \u202eback\u202c\x85 \x1b[2J"


def test_one_line_a_claim_with_c1_bidi_and_separators_escaped() -> None:
    claim = Claim(
        "c1", "d1", "control", "UA", None, "affirmed", "asserted", None, None, None, None,
        Evidence(HOSTILE, 0, len(HOSTILE)), "test@1", 1.0,
    )  # fmt: skip
    stream = io.StringIO()
    assert write_claims([claim, claim], stream) == 2
    text = stream.getvalue()
    assert text.count("\n") == 2
    assert [c for c in HOSTILE if ord(c) >= 0x7F or ord(c) < 0x20 if c in text] == []
    assert json.loads(text.splitlines()[0])["evidence"]["text"] == HOSTILE
