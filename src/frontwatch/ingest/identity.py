"""Document identity: the dedupe hash of a text and the id a document is stored under."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_for_hash(text: str) -> str:
    """NFC, whitespace runs collapsed, ends stripped: texts equal under this are duplicates."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text, hex. A lone surrogate (no valid text, refused by the
    store with its reason) is hashed as its code point rather than raising here."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8", "surrogatepass")).hexdigest()


def document_id(given: str | None, canonical_url: str | None, text_hash: str) -> str:
    """The input's own id where it has one; else one derived from its canonical URL (so a
    corrected page keeps its id), else from its text."""
    if given is not None and given.strip():
        return given.strip()
    if canonical_url:
        return "u-" + hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]
    return "t-" + text_hash[:16]
