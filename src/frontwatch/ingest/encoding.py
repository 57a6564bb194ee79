"""Bytes to text, with a clear error instead of mojibake.

The order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE): decoded strictly with that codec;
2. binary content (NUL bytes outside UTF-16, or many control bytes): refused as "binary file";
3. strict UTF-8, which almost never succeeds by accident on legacy 8-bit text;
4. a charset the container declared (HTTP ``Content-Type``, HTML ``<meta charset>``);
5. a legacy 8-bit code page chosen by how plausible its words look (see ``_implausible``).

Step 5 is our own scorer rather than charset-normalizer: on the short texts this project
sees (a headline, a Telegram post) charset-normalizer reads cp1251 "Київ" as cp1250
"Ęčżâ" and French cp1252 as cp1250, which is the mojibake this module exists to prevent.
Legacy text in war reporting is overwhelmingly cp1251 (Ukrainian, Russian), then KOI8-U,
then Western (cp1252/Latin-1) and Central European (cp1250) text. Each is decoded and
its non-ASCII words scored: a right guess gives words in one script with a normal case
pattern; a wrong one gives mixed-script words ("dйclarй"), symbols inside words
("Êè¿â"), runs of accented Latin letters or case flips ("лЙ©Б"). The least implausible
codec wins; where even the best one reads badly, the file is refused with advice.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from frontwatch.errors import InputError
from frontwatch.ingest.base import Source

__all__ = [
    "Decoded",
    "declared_charset",
    "decode",
    "decode_source",
    "decode_text",
    "media_type",
    "sniff_prefix",
    "suffix",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy code pages tried in order of preference (ties go to the earlier one).
LEGACY_CANDIDATES: tuple[str, ...] = ("cp1251", "cp1252", "cp1250", "koi8_u", "latin_1")
_SAMPLE = 8192  # bytes looked at for binary detection
_SCORE_SAMPLE = 256 * 1024  # bytes scored when guessing a legacy code page
_MAX_CONTROL_SHARE = 0.05  # share of control bytes above which a file is binary
_MAX_IMPLAUSIBLE = 0.34  # share of implausible non-ASCII words above which we refuse
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")
_WORD_JOINERS = frozenset("'’-‐")
_TOKEN = re.compile(r"\S+")
# Punctuation at the same byte in cp1251, cp1252 and cp1250: it tells no code page apart.
_SHARED_PUNCTUATION = frozenset("«»„“”‘’…–—•\u00a0")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the codec that produced it, as Python names it (``utf-8``, ``cp1251``,
    ``koi8-u``, ``iso8859-1``), whether declared or guessed."""

    text: str
    encoding: str


def suffix(source: Source) -> str:
    """The lowercased file extension of a source's path or URL path (``.json``), or ``""``."""
    if source.path is not None:
        return source.path.suffix.lower()
    path = source.name
    if "://" in path:
        try:
            path = urlsplit(path).path
        except ValueError:  # a malformed URL: judged by content only
            return ""
    return PurePosixPath(path).suffix.lower()


def media_type(source: Source) -> str:
    """The media type of a fetched source without parameters (``text/html``), or ``""``."""
    return (source.content_type or "").split(";", 1)[0].strip().lower()


def declared_charset(source: Source) -> str | None:
    """The ``charset`` parameter of a fetched source's Content-Type, if any."""
    for param in (source.content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def decode_source(source: Source, declared: str | None = None) -> str:
    """The text of a source, using the charset its Content-Type declares where UTF-8 fails."""
    return decode(source.data, source.name, declared or declared_charset(source)).text


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """The text of ``data``; raises InputError naming ``source`` when it is not text."""
    return decode(data, source, declared).text


def decode(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` (see the module docstring for the order of evidence).

    Raises InputError: "empty file", "binary file", or an encoding it cannot determine.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    result = _decode_bom(data, source) or _decode_unmarked(data, source, declared)
    if not result.text.strip():
        raise InputError(source, "empty file")
    return result


def sniff_prefix(data: bytes, size: int = 4096) -> str:
    """A lenient decoding of the first ``size`` bytes, for format detection only."""
    head = data[:size]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return head.decode(utf16, errors="replace")
    return head.decode("utf-8", errors="replace")


def _decode_bom(data: bytes, source: str) -> Decoded | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, source)
    return None


def _strict(data: bytes, codec: str, source: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        reason = f"invalid {codec.upper()} at byte {err.start} although the file says it is {codec}"
        raise InputError(source, reason) from None
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(source, "binary file")
    return Decoded(text, codec)


def _decode_unmarked(data: bytes, source: str, declared: str | None) -> Decoded:
    head = data[:_SAMPLE]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise InputError(source, "binary file")
        return _strict(data, utf16, source)
    if _byte_control_share(head) > _MAX_CONTROL_SHARE:
        raise InputError(source, "binary file")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        bad_at = err.start
    return _decode_declared(data, declared) or _guess_legacy(data, source, bad_at, declared)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` where NULs sit on one byte parity only and that parity looks like
    the high bytes of one or two alphabets (ASCII, Cyrillic): text, not binary records."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if _high_bytes(odd) and even.count(0) / len(even) < 0.02:
        return "utf-16-le"
    if _high_bytes(even) and odd.count(0) / max(len(odd), 1) < 0.02:
        return "utf-16-be"
    return None


def _high_bytes(half: bytes) -> bool:
    """Mostly NULs, or NULs and at most two other values (``00``/``04`` for Cyrillic)."""
    nul = half.count(0) / max(len(half), 1)
    if nul > 0.4:
        return True
    others = Counter(byte for byte in half if byte)
    top_two = sum(count for _, count in others.most_common(2))
    return nul > 0.05 and nul + top_two / max(len(half), 1) > 0.95


def _byte_control_share(head: bytes) -> float:
    """C0 controls and DEL only: bytes 0x80-0x9F are UTF-8 continuation bytes."""
    controls = sum(
        1 for byte in head if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F
    )
    return controls / max(len(head), 1)


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if _is_control(ch))
    return controls / len(sample)


def _is_control(ch: str) -> bool:
    code = ord(ch)
    if code < 0x20:
        return code not in _TEXT_CONTROLS
    return code == 0x7F or 0x80 <= code < 0xA0


def _decode_declared(data: bytes, declared: str | None) -> Decoded | None:
    """``data`` in the declared charset, or None where it is no text encoding Python has
    (an unknown name, ``base64``, or ``undefined``, a codec that refuses every input) or
    does not decode ``data``; the legacy guess is tried then."""
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared.strip().strip("\"'")).name
        return Decoded(data.decode(codec), codec)
    except (LookupError, ValueError):  # UnicodeError is a ValueError
        return None


def _guess_legacy(data: bytes, source: str, bad_at: int, declared: str | None) -> Decoded:
    sample = data[:_SCORE_SAMPLE]
    scored: list[tuple[float, int, str]] = []
    for rank, codec in enumerate(LEGACY_CANDIDATES):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_implausible(text), rank, codec))
    for score, _, codec in sorted(scored):
        if score > _MAX_IMPLAUSIBLE:
            break
        try:
            return Decoded(data.decode(codec), codecs.lookup(codec).name)
        except UnicodeDecodeError:
            continue
    tried = ", ".join(LEGACY_CANDIDATES)
    said = f", its declared charset {declared!r} does not decode it," if declared else ""
    reason = (
        f"not UTF-8 (invalid byte 0x{data[bad_at]:02x} at offset {bad_at}){said} and no"
        f" legacy encoding ({tried}) reads it cleanly; convert it to UTF-8"
    )
    raise InputError(source, reason)


def _implausible(text: str) -> float:
    """Share of the tokens with non-ASCII characters that look like a wrong decoding."""
    tokens = [t for t in _TOKEN.findall(text) if _telling(t)]
    if not tokens:
        return 0.0
    bad = sum(1 for token in tokens if _bad_token(token))
    return bad / len(tokens)


def _telling(token: str) -> bool:
    """Whether a token has a non-ASCII character that differs between code pages."""
    return any(not ch.isascii() and ch not in _SHARED_PUNCTUATION for ch in token)


def _bad_token(token: str) -> bool:
    core = token.strip("\"'()[]{}<>.,;:!?«»„“”‘’…–—-*/")
    if not core or core.isascii():
        return False
    if any(_is_control(ch) for ch in core):
        return True
    letters = [ch for ch in core if ch.isalpha()]
    if not letters:
        return False
    return (
        _symbol_in_word(core)
        or _mixed_script(letters)
        or _bad_case(letters)
        or _accent_run(letters)
        or _letter_by_digit(core)
    )


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def _mixed_script(letters: list[str]) -> bool:
    return len({_script(ch) for ch in letters}) > 1


def _symbol_in_word(core: str) -> bool:
    """A non-ASCII symbol touching a letter ("Êè¿â", "¯o³nierze") is a misread letter."""
    for i, ch in enumerate(core):
        if ch.isascii() or ch in _WORD_JOINERS or unicodedata.category(ch)[0] in "LM":
            continue
        near = core[max(i - 1, 0) : i] + core[i + 1 : i + 2]
        if any(c.isalpha() for c in near):
            return True
    return False


def _bad_case(letters: list[str]) -> bool:
    """A case flip inside a word (``лЙ``) that is not an all-capitals word."""
    cased = [ch for ch in letters if ch.isupper() or ch.islower()]
    if len(cased) < 2 or all(ch.isupper() for ch in cased):
        return False
    return any(ch.isupper() for ch in cased[1:])


def _accent_run(letters: list[str]) -> bool:
    """Latin words with mostly non-ASCII letters ("Ãâè") are a Cyrillic text misread."""
    if _script(letters[0]) != "LATIN":
        return False
    accented = sum(1 for ch in letters if not ch.isascii())
    return accented >= 2 and accented * 2 > len(letters)


def _letter_by_digit(core: str) -> bool:
    """A lone non-ASCII letter glued to digits ("100Ђ") is a currency sign misread."""
    for i, ch in enumerate(core):
        if ch.isascii() or not ch.isalpha():
            continue
        near = core[max(i - 1, 0) : i] + core[i + 1 : i + 2]
        if any(c.isdigit() for c in near):
            return True
    return False
