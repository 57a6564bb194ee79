"""From what the user names (files, folders, URLs) to read results.

Each target is a file, a folder (walked recursively in sorted order, hidden entries left
out, files of unknown type reported as Skips) or an http(s) URL (through the fetcher in
the options). The format is chosen by extension where it is a known one, by content
otherwise. A file's size is checked with ``stat`` before it is read, and the read itself
stops past the limit; pipes and devices are refused unopened. One bad target never
stops the others: its problem is yielded as an InputError and the walk goes on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from frontwatch.errors import FetchError, InputError, TooLargeError
from frontwatch.ingest.base import Reader, ReadResult, Skip, Source
from frontwatch.ingest.encoding import suffix
from frontwatch.ingest.feeds import FEED_SUFFIXES, FeedReader
from frontwatch.ingest.fetch import DEFAULT_MAX_BYTES, Fetcher, HttpFetchError, sizes
from frontwatch.ingest.html import HTML_SUFFIXES, HtmlReader
from frontwatch.ingest.jsonl import JSON_SUFFIXES, JsonReader
from frontwatch.ingest.telegram import TelegramReader
from frontwatch.ingest.text import TEXT_SUFFIXES, TextReader

__all__ = ["READERS", "IngestOptions", "iter_drafts", "size_error"]


@dataclass(slots=True)
class IngestOptions:
    """How to read: the size limit per file, the fetcher for URLs, whether feeds follow links."""

    max_bytes: int = DEFAULT_MAX_BYTES
    fetcher: Fetcher | None = None
    follow_links: bool = True


READERS: tuple[Reader, ...] = (
    TelegramReader(),
    FeedReader(),
    HtmlReader(),
    JsonReader(),
    TextReader(),
)
# Known extensions and the readers that may read them (the first that accepts does).
_BY_SUFFIX: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(TEXT_SUFFIXES, ("text",)),
    **dict.fromkeys(HTML_SUFFIXES, ("html",)),
    **dict.fromkeys(FEED_SUFFIXES | {".xml"}, ("feeds",)),
    **dict.fromkeys(JSON_SUFFIXES, ("telegram", "jsonl")),
}


def iter_drafts(targets: Iterable[str], options: IngestOptions) -> Iterator[ReadResult]:
    """Read every target in turn; yields Drafts, Skips and InputErrors, never raises for input."""
    readers = _readers(options)
    for target in targets:
        if target.startswith(("http://", "https://")):
            yield from _url(target, readers, options)
        else:
            yield from _path(Path(target), readers, options)


def size_error(name: str, size: int, limit: int, *, at_least: bool = False) -> TooLargeError:
    """The error for a file above the size limit, saying how to raise the limit."""
    shown, cap = sizes(size, limit)
    prefix = "at least " if at_least else ""
    reason = f"file is {prefix}{shown}, above the {cap} limit; raise it with --max-bytes"
    return TooLargeError(name, reason)


def _readers(options: IngestOptions) -> tuple[Reader, ...]:
    feeds = FeedReader(options.fetcher, follow_links=options.follow_links)
    return tuple(feeds if reader.name == "feeds" else reader for reader in READERS)


def _url(url: str, readers: tuple[Reader, ...], options: IngestOptions) -> Iterator[ReadResult]:
    if options.fetcher is None:
        yield InputError(url, "cannot read URLs here: no fetcher was given")
        return
    try:
        source = options.fetcher.fetch(url)
    except FetchError as err:
        reason = err.reason if isinstance(err, HttpFetchError) else str(err)
        yield InputError(url, f"could not fetch: {reason}")
        return
    if len(source.data) > options.max_bytes:
        yield size_error(url, len(source.data), options.max_bytes)
        return
    reader = _pick(source, readers, explicit=True, by_suffix=False)
    yield from reader.read(source) if reader else [_not_recognised(source, explicit=True)]


def _path(path: Path, readers: tuple[Reader, ...], options: IngestOptions) -> Iterator[ReadResult]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as err:
        yield InputError(str(path), _os_reason(err))
        return
    if not exists:
        yield InputError(str(path), "no such file or folder")
    elif is_dir:
        yield from _folder(path, readers, options)
    else:
        yield from _file(path, readers, options, explicit=True)


def _folder(
    folder: Path, readers: tuple[Reader, ...], options: IngestOptions
) -> Iterator[ReadResult]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(str(folder), f"cannot list folder: {_os_reason(err)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _folder(path, readers, options)
        elif entry.is_dir():
            yield Skip(str(path), "link to a folder, not followed")
        elif suffix(Source(entry.name, b"")) not in _BY_SUFFIX:
            yield Skip(str(path), _unsupported(path))
        else:
            yield from _file(path, readers, options, explicit=False)


def _file(
    path: Path, readers: tuple[Reader, ...], options: IngestOptions, *, explicit: bool
) -> Iterator[ReadResult]:
    data = _load(path, options.max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    source = Source(name=str(path), data=data, path=path)
    reader = _pick(source, readers, explicit=explicit)
    if reader is None:
        yield _not_recognised(source, explicit=explicit)
        return
    yield from _at_least_one(reader.read(source), source.name, reader.name)


def _at_least_one(results: Iterator[ReadResult], name: str, reader: str) -> Iterator[ReadResult]:
    """``results``, or one Skip saying the file held no item (an empty array or channel)."""
    empty = True
    for result in results:
        empty = False
        yield result
    if empty:
        yield Skip(name, f"no documents in the file (read as {reader})")


def _load(path: Path, limit: int) -> bytes | InputError:
    """The bytes of a regular file no larger than ``limit``: a pipe or device is refused before
    it is opened (reading one could block or never end), and at most ``limit + 1`` bytes are
    read, so a file that grows after ``stat`` is refused too."""
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return InputError(name, "not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            return size_error(name, info.st_size, limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        return InputError(name, f"cannot read file: {_os_reason(err)}")
    return size_error(name, len(data), limit, at_least=True) if len(data) > limit else data


def _pick(
    source: Source, readers: tuple[Reader, ...], *, explicit: bool, by_suffix: bool = True
) -> Reader | None:
    """The reader for a source: among those its known extension allows, else by content.

    A fetched page is judged by its Content-Type and content only (``/story.php`` is HTML).
    """
    allowed = _BY_SUFFIX.get(suffix(source)) if by_suffix else None
    for reader in readers:
        if (allowed is None or reader.name in allowed) and reader.accepts(source):
            return reader
    if allowed is None and explicit:
        return next(r for r in readers if r.name == "text")
    return None


def _not_recognised(source: Source, *, explicit: bool) -> ReadResult:
    reason = "XML file that is not an RSS or Atom feed"
    return InputError(source.name, reason) if explicit else Skip(source.name, reason)


def _unsupported(path: Path) -> str:
    kind = f"'{path.suffix.lower()}'" if path.suffix else "with no extension"
    return f"unsupported file type {kind}"


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "no such file or folder"
    return err.strerror or type(err).__name__
