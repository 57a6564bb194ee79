"""Input text made safe to show: visible escapes for terminals, inert JSON."""

from __future__ import annotations

import json

import pytest

from frontwatch._visible import json_text, visible


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("clear\x1b[2J", "clear\\x1b[2J"),
        ("bell\x07 nul\x00 del\x7f", "bell\\x07 nul\\x00 del\\x7f"),
        ("csi\x9b31m nel\x85", "csi\\x9b31m nel\\x85"),
        ("\u202eoverride\u202c", "\\u202eoverride\\u202c"),
        ("\u2066isolate\u2069 \u200emark\u200f", "\\u2066isolate\\u2069 \\u200emark\\u200f"),
        ("over\rwrite", "over\\x0dwrite"),
        ("lines\nand\ttabs\r\nkept", "lines\nand\ttabs\r\nkept"),
        ("Київ, Ізюм — “quoted” [tag]", "Київ, Ізюм — “quoted” [tag]"),
    ],
)
def test_visible_escapes_controls_and_bidi_and_keeps_the_rest(text: str, expected: str) -> None:
    assert visible(text) == expected


@pytest.mark.parametrize("char", ["\x85", "\x9b", "\x7f", "\u2028", "\u2029", "\u202e", "\u2066"])
def test_json_text_escapes_what_dumps_leaves_raw_and_reads_back_the_same(char: str) -> None:
    obj = {"title": f"a{char}b", "nested": [f"{char}"], "Київ": "Ізюм"}
    line = json_text(obj)
    assert char not in line
    assert f"\\u{ord(char):04x}" in line
    assert "Ізюм" in line
    assert json.loads(line) == obj


def test_json_text_is_one_line() -> None:
    assert "\n" not in json_text({"t": "a\nb\rc\u2028d\x1b"})
