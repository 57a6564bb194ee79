"""What the commands print from input: controls and bidi made visible, markup never read."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.cli._common import shown
from frontwatch.model import Claim, Claimant, Document, EventTime, Evidence, PlaceRef
from frontwatch.store import open_store

runner = CliRunner()
# screen clear, a window title, CSI in one byte, a right-to-left override, Rich markup that
# would close a tag that is not open (MarkupError) and a hyperlink to another site
HOSTILE = "\x1b[2J\x1b]0;owned\x07 \x9b31m \u202eevil\u202c [/] [link=https://x.example]go[/link]"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")
PLACE = PlaceRef(f"Izium{HOSTILE}", 707292, 49.2122, 37.2569, f"Kharkiv{HOSTILE}", 1)


def _claim(cid: str, doc: str, side: str, day: str) -> Claim:
    return Claim(
        cid,
        doc,
        "control",
        side,
        PLACE,
        "affirmed",
        "asserted",
        Claimant(f"a spokesman{HOSTILE}", side),
        f"Telegram{HOSTILE}",
        EventTime(day, day, "day", f"on that day{HOSTILE}"),
        None,
        Evidence(f"{side} took the town{HOSTILE}", 0, 20),
        "test@1",
        1.0,
    )


@pytest.fixture()
def db(db_url: str) -> Iterator[str]:
    text = f"Report text{HOSTILE}\nsecond line\r\n"
    store = open_store(db_url)
    doc = Document(
        f"d{HOSTILE}"[:12],
        text,
        outlet=f"Wire{HOSTILE}",
        title=f"Title{HOSTILE}",
        published="2022-09-11",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    store.add_document(doc, f"file{HOSTILE}.txt")
    store.replace_claims(doc.id, [_claim("c1", doc.id, "RU", "2022-04-01")])
    store.close()
    assert runner.invoke(app, ["fuse", "--rebuild", "--db", db_url]).exit_code == 0
    yield db_url


def _doc_id(db: str) -> str:
    return str(json.loads(runner.invoke(app, ["docs", "--db", db, "--json"]).stdout)["id"])


@pytest.mark.parametrize(
    "command",
    [
        ["docs"],
        ["show", "DOC"],
        ["claims"],
        ["control"],
        ["timeline", "707292"],
        ["events"],
        ["places", "mentions", "DOC"],
    ],
)
def test_input_text_is_printed_visible_and_never_as_markup(db: str, command: list[str]) -> None:
    args = [_doc_id(db) if a == "DOC" else a for a in command]
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    assert [c for c in RAW if c in result.output] == []


@pytest.mark.parametrize("command", [["show", "DOC"], ["claims"], ["timeline", "707292"]])
def test_what_input_says_is_shown_as_escapes(db: str, command: list[str]) -> None:
    args = [_doc_id(db) if a == "DOC" else a for a in command]
    unwrapped = " ".join(runner.invoke(app, [*args, "--db", db]).stdout.split())
    assert (
        "\\x1b[2J\\x1b]0;owned\\x07 \\x9b31m \\u202eevil\\u202c [/] "
        "[link=https://x.example]go[/link]" in unwrapped
    )


@pytest.mark.parametrize("command", [["docs"], ["control"], ["events"]])
def test_tables_show_markup_in_input_as_text(db: str, command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--db", db])
    assert "link" in result.stdout


def test_show_keeps_the_lines_of_the_text(db: str) -> None:
    result = runner.invoke(app, ["show", _doc_id(db), "--db", db])
    assert result.stdout.endswith("\nsecond line\n\n")


@pytest.mark.parametrize("command", [["docs"], ["claims"], ["control"], ["show", "DOC"]])
def test_json_lines_escape_c1_bidi_and_line_separators(db: str, command: list[str]) -> None:
    args = [_doc_id(db) if a == "DOC" else a for a in command]
    result = runner.invoke(app, [*args, "--db", db, "--json"])
    assert [c for c in (*RAW, "\u2028", "\u2029") if c in result.stdout] == []
    first = json.loads(result.stdout.splitlines()[0])
    assert any(HOSTILE in text for text in _strings(first))


def _strings(obj: object) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _strings(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _strings(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[/]", "\\[/]"),
        ("a\x1bb", "a\\x1bb"),
        ("\u202eabc", "\\u202eabc"),
        ("plain Київ", "plain Київ"),
    ],
)
def test_shown_is_markup_that_prints_the_text_visible(text: str, expected: str) -> None:
    assert shown(text) == expected
