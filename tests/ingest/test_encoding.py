"""Bytes to text: byte-order marks, binary and empty files, UTF-8, declared and legacy codecs."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.base import Source
from frontwatch.ingest.encoding import (
    declared_charset,
    decode,
    decode_source,
    media_type,
    sniff_prefix,
    suffix,
)

UK = "Сили оборони звільнили Балаклію, повідомив Генштаб уранці 10 вересня."
RU = "Обстрел Харькова продолжался всю ночь, сообщили местные власти."
FR = "L’armée ukrainienne a repris Izioum « sans combat », selon l’état-major."
DE = "Die ukrainische Armee hat Isjum zurückerobert, sagte ein Sprecher am Sonntag."
PL = "Żołnierze ukraińscy wyzwolili Bałakliję, poinformował sztab generalny."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (UK, "cp1251", {"cp1251"}),
        (RU, "cp1251", {"cp1251"}),
        ("ЗСУ ЗВІЛЬНИЛИ БАЛАКЛІЮ", "cp1251", {"cp1251"}),  # an all-capitals headline
        ("Київ", "cp1251", {"cp1251"}),  # one short word
        (RU, "koi8_u", {"koi8-u"}),
        (FR, "cp1252", {"cp1252"}),
        (DE, "latin-1", {"cp1252", "iso8859-1"}),  # the same bytes where both can read them
        (PL, "cp1250", {"cp1250"}),
    ],
)
def test_legacy_code_pages_are_recognised(text: str, codec: str, expected: set[str]) -> None:
    decoded = decode(text.encode(codec), "report.txt")
    assert decoded.text == text
    assert decoded.encoding in expected


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + UK.encode("utf-8"), "utf-8"),
        (UK.encode("utf-16"), "utf-16-le"),  # Python writes a little-endian BOM
        (codecs.BOM_UTF16_BE + UK.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + UK.encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF32_BE + UK.encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_byte_order_mark_decides_and_is_dropped(data: bytes, encoding: str) -> None:
    decoded = decode(data, "bom.txt")
    assert (decoded.text, decoded.encoding) == (UK, encoding)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [DE, UK, "Kharkiv, 10 September.\r\nShelling overnight."])
def test_utf16_without_bom_is_recognised(text: str, codec: str) -> None:
    decoded = decode(text.encode(codec), "nobom.txt")
    assert (decoded.text, decoded.encoding) == (text, codec)


@pytest.mark.parametrize("text", [UK, FR, "plain ASCII report", "emoji 🇺🇦 and — dashes"])
def test_valid_utf8_wins(text: str) -> None:
    assert decode(text.encode("utf-8"), "u.txt").encoding == "utf-8"
    assert decode(text.encode("utf-8"), "u.txt").text == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" * 20,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(200, 256)) * 4,
        bytes(range(32)) * 10,  # control bytes without any NUL pattern of UTF-16
        codecs.BOM_UTF16_LE + b"".join(bytes([c, 0]) for c in range(1, 32)) * 8,
    ],
    ids=["png", "elf", "zip", "controls", "bom-then-controls"],
)
def test_binary_files_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "photo.txt")
    assert info.value.reason == "binary file"
    assert "photo.txt" in str(info.value)


@pytest.mark.parametrize(
    "data",
    [b"", b" \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, " \n".encode("utf-16")],
    ids=["nothing", "whitespace", "utf8-bom-only", "utf16-bom-only", "utf16-whitespace"],
)
def test_empty_files_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "blank.txt")
    assert (info.value.source, info.value.reason) == ("blank.txt", "empty file")


def test_a_bom_that_lies_is_reported_with_the_byte() -> None:
    data = codecs.BOM_UTF8 + "Обстріл".encode("cp1251")
    with pytest.raises(InputError) as info:
        decode(data, "liar.txt")
    assert "invalid UTF-8 at byte 0" in info.value.reason
    assert "liar.txt" in str(info.value)


@pytest.mark.parametrize(
    "data",
    [bytes(range(0x80, 0x100)), "Київ".encode("cp1251") + b" " + "ąęłśż".encode("cp1250")],
    ids=["every-high-byte", "two-code-pages-mixed"],
)
def test_unreadable_legacy_bytes_are_refused_with_advice(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "mojibake.txt")
    assert "not UTF-8" in info.value.reason
    assert "convert it to UTF-8" in info.value.reason


def test_a_utf8_file_with_one_bad_byte_is_refused_and_the_byte_named() -> None:
    data = UK.encode("utf-8") + b" \xff"
    with pytest.raises(InputError) as info:
        decode(data, "damaged.txt")
    assert info.value.reason.startswith(f"not UTF-8 (invalid byte 0xff at offset {len(data) - 1})")


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [
        ("windows-1251", "cp1251"),
        ('"KOI8-U"', "koi8-u"),
        ("no-such-charset", "cp1251"),  # an unknown name: the bytes are guessed instead
    ],
)
def test_declared_charset_is_used_where_utf8_fails(declared: str, encoding: str) -> None:
    decoded = decode(UK.encode(encoding), "page.html", declared)
    assert (decoded.text, decoded.encoding) == (UK, encoding)
    assert decoded.encoding == decode(UK.encode(encoding), "page.html").encoding  # one name


def test_declared_charset_never_overrides_valid_utf8() -> None:
    assert decode(UK.encode("utf-8"), "p", "windows-1251").text == UK


@pytest.mark.parametrize(
    ("content_type", "declared"),
    [("text/plain; charset=KOI8-U", None), ("text/plain", "koi8-u")],
)
def test_decode_source_uses_the_declared_charset(content_type: str, declared: str | None) -> None:
    # cp1250 reads these KOI8 bytes as plausible-looking Latin: only the declaration helps.
    data = "Харків".encode("koi8_u")
    source = Source("https://news.example/a", data, content_type=content_type)
    assert decode_source(source, declared) == "Харків"


@pytest.mark.parametrize(
    ("content_type", "media", "charset"),
    [
        ("text/html; charset=UTF-8", "text/html", "UTF-8"),
        ('Text/HTML; Charset="windows-1251"', "text/html", "windows-1251"),
        ("application/json", "application/json", None),
        ("text/plain; charset=", "text/plain", None),
        (None, "", None),
    ],
)
def test_content_type_parts(content_type: str | None, media: str, charset: str | None) -> None:
    source = Source("https://news.example/x", b"", content_type=content_type)
    assert (media_type(source), declared_charset(source)) == (media, charset)


@pytest.mark.parametrize(
    ("name", "path", "expected"),
    [
        ("report.TXT", Path("in/report.TXT"), ".txt"),
        ("archive/feed.atom", Path("archive/feed.atom"), ".atom"),
        ("README", Path("README"), ""),
        ("https://news.example/2022/09/story.html?utm_source=x#top", None, ".html"),
        ("https://news.example/story.php", None, ".php"),
        ("https://news.example/", None, ""),
        ("https://[broken/story.html", None, ""),
    ],
)
def test_suffix_of_paths_and_urls(name: str, path: Path | None, expected: str) -> None:
    assert suffix(Source(name, b"", path=path)) == expected


@pytest.mark.parametrize(
    "data",
    [UK.encode("utf-16"), UK.encode("utf-8-sig"), DE.encode("utf-16-be"), UK.encode("utf-8")],
)
def test_sniff_prefix_gives_readable_text_for_format_detection(data: bytes) -> None:
    assert sniff_prefix(data).lstrip("\ufeff")[:5] in {UK[:5], DE[:5]}


def test_sniff_prefix_never_fails_on_garbage() -> None:
    assert isinstance(sniff_prefix(b"\xff\xc3\x28" * 100, 16), str)
    assert len(sniff_prefix(b"a" * 10000, 16)) == 16


def test_an_undecodable_file_names_the_charset_it_declared() -> None:
    data = bytes(range(0x80, 0x100)) * 4  # no code page reads this as words
    with pytest.raises(InputError) as info:
        decode(data, "page.html", "undefined")
    assert info.value.reason.startswith(
        "not UTF-8 (invalid byte 0x80 at offset 0), its declared charset 'undefined' does not"
        " decode it, and no legacy encoding"
    )
