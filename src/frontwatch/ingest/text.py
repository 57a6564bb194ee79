"""Plain text files: one document each, the text exactly as decoded."""

from __future__ import annotations

from collections.abc import Iterator

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.encoding import declared_charset, decode, media_type, suffix
from frontwatch.read.dateline import find_dateline

__all__ = ["TEXT_SUFFIXES", "TextReader"]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})


class TextReader:
    """``.txt`` / ``.text`` / ``.md`` or ``text/plain``: the whole file is one Draft.

    Nothing is stripped and newlines are kept as they are, so evidence offsets index the
    file's own characters (less a byte-order mark). A plain text file has no metadata, so
    its dateline ("KYIV, March 3, 2024 (Reuters) -") gives its outlet and, where the
    dateline names the year, its publication day.
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
        dateline = find_dateline(decoded.text)
        day = dateline.day if dateline else None
        yield Draft(
            text=decoded.text,
            origin=source.name,
            url=_url(source),
            outlet=dateline.outlet if dateline else None,
            published=day.isoformat() if day else None,
            published_note="the day of the text's dateline" if day else None,
            extra=extra,
        )


def _url(source: Source) -> str | None:
    return source.name if source.name.startswith(("http://", "https://")) else None
