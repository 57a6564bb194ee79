"""Input text made safe to show: control and bidi characters made visible, JSON kept inert.

A report's title, outlet or text can hold characters a terminal acts on: ESC starts a
sequence that clears the screen or sets the window title, U+009B (CSI) does the same in
one byte, and the bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F) reorder
what follows so a line reads differently from what it holds. ``visible`` writes each as a
Python-style escape (``\\x1b``, ``\\x9b``, ``\\u202e``), so what the store holds is shown,
not obeyed; newline and tab are kept, and a carriage return only before a newline (CRLF).

``json_text`` is ``json.dumps(..., ensure_ascii=False)`` with the characters it leaves raw
that other readers take as line breaks or controls (C1 controls, DEL, U+2028/U+2029 that
JavaScript and some JSON Lines readers split on, the bidi controls) written as ``\\uXXXX``.
The value read back is the same.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["json_text", "visible"]

_BIDI = r"\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 controls but tab and newline; a CR not starting a CRLF; DEL and C1; the bidi controls.
_SHOWN = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
# What json.dumps leaves raw (it escapes C0 itself): DEL, C1, line/paragraph separators, bidi.
_JSON_RAW = re.compile(rf"[\x7f-\x9f\u2028\u2029{_BIDI}]")


def visible(text: str) -> str:
    """``text`` with every control and bidi character but newline and tab as an escape."""
    return _SHOWN.sub(_escape, text)


def json_text(obj: Any) -> str:
    """``obj`` as one line of JSON, non-ASCII kept, the characters above escaped."""
    return _JSON_RAW.sub(_json_escape, json.dumps(obj, ensure_ascii=False))


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    # only inside strings: every character JSON's own syntax uses is ASCII
    return f"\\u{ord(match.group()):04x}"
