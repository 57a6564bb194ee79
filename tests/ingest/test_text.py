"""Plain text files: one document each, the text exactly as decoded."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, Source
from frontwatch.ingest.text import TextReader

REPORT = (
    "KHARKIV, 11 September (Frontline Wire) - Ukrainian forces entered Kupiansk on Saturday,\n"
    "the regional governor said.\n\n"
    "Shelling of Chuhuiv continued overnight; two civilians were injured.\n"
)


def _read(data: bytes, name: str = "report.txt", content_type: str | None = None) -> list[object]:
    source = Source(
        name, data, path=Path(name) if "://" not in name else None, content_type=content_type
    )
    return list(TextReader().read(source))


@pytest.mark.parametrize(
    "text",
    [
        REPORT,
        REPORT.replace("\n", "\r\n"),  # Windows newlines are kept, not normalised
        "  \tIndented first line and trailing spaces   \n\n\n",
        "No final newline",
        "Ізюм звільнено.\u00a0Джерело: Генштаб ЗСУ.",
        "Tabs\there\tand a form feed\x0c between pages",
    ],
    ids=["report", "crlf", "whitespace", "no-newline", "nbsp-cyrillic", "tabs"],
)
def test_text_is_kept_exactly(text: str) -> None:
    (draft,) = _read(text.encode("utf-8"))
    assert isinstance(draft, Draft)
    assert draft.text == text
    assert (draft.origin, draft.extra) == ("report.txt", {"reader": "text", "encoding": "utf-8"})
    assert draft.id is None
    assert draft.url is None


UK = "Обстріл Харкова тривав усю ніч.\n"
DE = "Isjum wurde zurückerobert.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), REPORT, "utf-8"),
        (REPORT.encode("utf-16"), REPORT, "utf-16-le"),
        (UK.encode("cp1251"), UK, "cp1251"),
        (DE.encode("latin-1"), DE, "cp1252"),
    ],
    ids=["utf8-bom", "utf16-bom", "cp1251", "latin-1"],
)
def test_other_encodings_decode_to_the_same_text(data: bytes, text: str, encoding: str) -> None:
    (draft,) = _read(data)
    assert isinstance(draft, Draft)
    assert (draft.text, draft.extra["encoding"]) == (text, encoding)


def test_content_type_charset_is_used_for_fetched_text() -> None:
    data = "Харків".encode("koi8_u")
    (draft,) = _read(data, "https://wire.example/raw", "text/plain; charset=koi8-u")
    assert isinstance(draft, Draft)
    assert (draft.text, draft.url) == ("Харків", "https://wire.example/raw")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\n\n  \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (bytes(range(0x80, 0x100)), "not UTF-8"),
    ],
    ids=["empty", "blank-lines", "png", "undecodable"],
)
def test_bad_files_give_one_error_naming_the_file(data: bytes, reason: str) -> None:
    (error,) = _read(data, "inbox/broken.txt")
    assert isinstance(error, InputError)
    assert error.source == "inbox/broken.txt"
    assert error.reason.startswith(reason)
    assert str(error).startswith("[E101] inbox/broken.txt: ")


@pytest.mark.parametrize(
    ("name", "content_type", "accepted"),
    [
        ("a.txt", None, True),
        ("A.TXT", None, True),
        ("notes.text", None, True),
        ("briefing.md", None, True),
        ("https://wire.example/raw", "text/plain; charset=utf-8", True),
        ("page.html", None, False),
        ("reports.jsonl", None, False),
        ("https://wire.example/raw", "text/html", False),
    ],
)
def test_accepts_by_extension_or_media_type(
    name: str, content_type: str | None, accepted: bool
) -> None:
    assert TextReader().accepts(Source(name, b"words", content_type=content_type)) is accepted


@pytest.mark.parametrize(
    ("text", "outlet", "published"),
    [
        ("KYIV, March 3, 2024 (Reuters) - Sirens sounded.\n", "Reuters", "2024-03-03"),
        ("Convoy reaches the coast\n\nMYKOLAIV, Ukraine (AP) — Trucks", "AP", None),
        ("Kyiv, 3 March 2024 — The Minister met officials.", None, "2024-03-03"),
        (REPORT, "Frontline Wire", None),  # a day with no year gives no publication day
        ("Kharkiv was shelled overnight - officials said.", None, None),
    ],
    ids=["reuters", "after-title", "uk-gov", "no-year", "no-dateline"],
)
def test_the_dateline_gives_outlet_and_day(
    text: str, outlet: str | None, published: str | None
) -> None:
    (draft,) = _read(text.encode("utf-8"))
    assert isinstance(draft, Draft)
    assert (draft.outlet, draft.published, draft.text) == (outlet, published, text)
    assert (draft.published_note is not None) == (published is not None)
