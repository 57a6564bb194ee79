"""Plain text files: one document each, the text exactly as decoded."""

from __future__ import annotations

from collections.abc import Iterator

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.encoding import declared_charset, decode, media_type, suffix

__all__ = ["TEXT_SUFFIXES", "TextReader"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


class TextReader:
    """``.txt`` / ``.text`` / ``.md`` or ``text/plain``: the whole file is one Draft.

    Nothing is stripped and newlines are kept as they are, so evidence offsets index the
    file's own characters (less a byte-order mark).
    """

    name = "text"

    def accepts(self, source: Source) -> bool:
        return suffix(source) in TEXT_SUFFIXES or media_type(source) == "text/plain"

    def read(self, source: Source) -> Iterator[ReadResult]:
        try:
            decoded = decode(source.data, source.name, declared_charset(source))
        except InputError as err:
            yield err
            return
        extra = {"reader": self.name, "encoding": decoded.encoding}
        yield Draft(text=decoded.text, origin=source.name, url=_url(source), extra=extra)


def _url(source: Source) -> str | None:
    return source.name if source.name.startswith(("http://", "https://")) else None
