"""The ingest contract: a Source goes in, Drafts (or per-item InputErrors) come out.

A Draft is a document before the store gives it an id and checks it for duplicates.
Readers never touch the store; the pipeline (``frontwatch.ingest.pipeline``) does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from frontwatch.errors import InputError


@dataclass(frozen=True, slots=True)
class Draft:
    """A document as a reader found it. ``origin`` is the file (and line/entry) or URL."""

    text: str
    origin: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_note: str | None = None
    title: str | None = None
    language: str | None = None
    license: str | None = None
    forwarded_from: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: what the reader refused and left unknown (an impossible date), each saying why;
    #: the document is stored and ingest reports these beside it
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """Something to read: a local file or a URL, and its bytes once loaded."""

    name: str
    data: bytes
    path: Path | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """An item that is not a document and not an error (a Telegram service message, a
    media-only post): reported in the summary with its reason, never stored."""

    origin: str
    reason: str


ReadResult = Draft | Skip | InputError


class Reader(Protocol):
    """One input format. ``accepts`` looks at name and first bytes; ``read`` yields one
    Draft per document, a Skip per item that is no document, or an InputError per bad item,
    and never raises for bad input."""

    name: str

    def accepts(self, source: Source) -> bool: ...

    def read(self, source: Source) -> Iterator[ReadResult]: ...
