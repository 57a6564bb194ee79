"""Build the list of common English words: SCOWL size-35 lists -> data/words/english_common.txt.

Usage: python scripts/build_english_words.py [--check]

The source is SCOWL (Spell Checker Oriented Word Lists, Kevin Atkinson), size 35, as Debian's
``wamerican-small`` and ``wbritish-small`` packages install it under /usr/share/dict
(``apt-get install wamerican-small wbritish-small``). Kept: the words written all in lower
case (so common nouns, adjectives and verbs, not the proper names the lists also hold), of
three letters or more, without apostrophes; American and British spellings together, sorted.
The places stage reads it to tell a capitalised common word ("Supreme", "Village") from a
name. ``--check`` exits 1 when the committed file differs from a fresh build, and 2 when the
source lists are not installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (
    Path("/usr/share/dict/american-english-small"),
    Path("/usr/share/dict/british-english-small"),
)
TARGET = ROOT / "src" / "frontwatch" / "data" / "words" / "english_common.txt"
HEADER = """\
# Common English words, lower case: SCOWL size 35 (American and British), built by
# scripts/build_english_words.py from Debian's wamerican-small and wbritish-small.
# SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute
# and sell these word lists, the associated scripts, the output created from the scripts,
# and its documentation for any purpose is hereby granted without fee, provided that the
# above copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided "as
# is" without express or implied warranty. (Its level-10 core is the public-domain Moby Words
# II; see /usr/share/doc/wamerican-small/copyright for every source's notice.)
"""
_WORD = re.compile(r"[a-z]{3,}")


def build(sources: tuple[Path, ...] = SOURCES) -> str:
    """The list's text from the installed SCOWL lists."""
    words: set[str] = set()
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            if _WORD.fullmatch(line.strip()):
                words.add(line.strip())
    return HEADER + "".join(f"{w}\n" for w in sorted(words))


def main(argv: list[str]) -> int:
    missing = [str(p) for p in SOURCES if not p.is_file()]
    if missing:
        print(
            f"not installed: {', '.join(missing)} (apt-get install wamerican-small wbritish-small)"
        )
        return 2
    text = build()
    if "--check" in argv:
        return 0 if TARGET.read_text(encoding="utf-8") == text else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({text.count(chr(10)) - HEADER.count(chr(10))} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
