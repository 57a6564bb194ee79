"""From what the user names (files, folders, URLs) to read results.

Each target is a file, a folder (walked recursively in sorted order, hidden entries left
out, files of unknown type reported as Skips; links to folders are never followed, links to
files outside the named folder only with ``follow_symlinks``, so a link in a downloaded
folder cannot make the tool store ``/proc/self/status`` or a home directory's files) or an
http(s) URL (through the fetcher in the options). The format is chosen by extension where it
is a known one, by content otherwise. A file's size is checked with ``stat`` before it is
read, and the read itself stops past the limit; pipes and devices are refused unopened. One
bad target never stops the others: its problem is yielded as an InputError and the walk goes
on. That holds for errors no check foresaw too: whatever a reader raises while reading a
file is that file's InputError (``unexpected_reason``), and the next file is read.

Paths are named as text that can always be printed and stored: bytes of a file name that
are not UTF-8 are written as ``\\xff`` escapes (``display_name``).
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

__all__ = [
    "READERS",
    "IngestOptions",
    "display_name",
    "iter_drafts",
    "size_error",
    "unexpected_reason",
]


@dataclass(slots=True)
class IngestOptions:
    """How to read: the size limit per file, the fetcher for URLs, whether feeds follow links,
    whether a folder's links to files outside it are read."""

    max_bytes: int = DEFAULT_MAX_BYTES
    fetcher: Fetcher | None = None
    follow_links: bool = True
    follow_symlinks: bool = False


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
            yield from _guarded(_url(target, readers, options), target)
        else:
            path = Path(target)
            yield from _guarded(_path(path, readers, options), display_name(path))


def display_name(path: Path) -> str:
    """``path`` as printable, storable text: name bytes that are not UTF-8 become ``\\xff``
    escapes (Python gives them as lone surrogates, which no encoder accepts)."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def unexpected_reason(err: Exception) -> str:
    """The reason recorded for an error no check foresaw: its type and message."""
    message = str(err)
    kind = type(err).__name__
    return f"unexpected error ({kind}: {message})" if message else f"unexpected error ({kind})"


def _guarded(results: Iterator[ReadResult], name: str) -> Iterator[ReadResult]:
    """``results``, until one raises: then an InputError naming ``name`` ends them, so an
    error no reader foresaw costs the rest of that file, never the rest of the batch."""
    try:
        yield from results
    except Exception as err:  # any error is this file's failure, by design
        yield InputError(name, unexpected_reason(err))


def size_error(name: str, size: int, limit: int, *, at_least: bool = False) -> TooLargeError:
    """The error for a file above the size limit, saying how to raise the limit."""
    shown, cap = sizes(size, limit)
    prefix = "at least " if at_least else ""
    reason = f"file is {prefix}{shown}, above the {cap} limit; raise it with --max-mb"
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
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except OSError as err:
        yield InputError(display_name(path), _stat_reason(path, err))
        return
    if is_dir:
        yield from _folder(path, readers, options, _root(path))
    else:
        yield from _file(path, readers, options, explicit=True)


def _root(folder: Path) -> Path | None:
    """The folder's real path, that links must stay under; None if it cannot be resolved."""
    try:
        return folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _folder(
    folder: Path, readers: tuple[Reader, ...], options: IngestOptions, root: Path | None
) -> Iterator[ReadResult]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(display_name(folder), f"cannot list folder: {_os_reason(err)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        yield from _guarded(_entry(path, entry, readers, options, root), display_name(path))


def _entry(
    path: Path,
    entry: os.DirEntry[str],
    readers: tuple[Reader, ...],
    options: IngestOptions,
    root: Path | None,
) -> Iterator[ReadResult]:
    name = display_name(path)
    try:
        is_folder = entry.is_dir(follow_symlinks=False)
        links_to_folder = not is_folder and entry.is_dir()
    except OSError as err:  # a link loop: is_dir() follows it until the system gives up
        yield InputError(name, _stat_reason(path, err))
        return
    if is_folder:
        yield from _folder(path, readers, options, root)
    elif links_to_folder:
        yield Skip(name, "link to a folder, not followed")
    elif not options.follow_symlinks and entry.is_symlink() and not _inside(path, root):
        yield Skip(name, "link to a file outside the folder, not followed (--follow-symlinks)")
    elif suffix(Source(entry.name, b"")) not in _BY_SUFFIX:
        yield Skip(name, _unsupported(path))
    else:
        yield from _file(path, readers, options, explicit=False)


def _inside(path: Path, root: Path | None) -> bool:
    """Whether ``path``, links resolved, lies under ``root`` (a broken link does: it is then
    reported as broken, not as outside)."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        return True
    except (OSError, RuntimeError):  # a loop: reported when the file is read
        return True
    return root is not None and real.is_relative_to(root)


def _file(
    path: Path, readers: tuple[Reader, ...], options: IngestOptions, *, explicit: bool
) -> Iterator[ReadResult]:
    data = _load(path, options.max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    source = Source(name=display_name(path), data=data, path=path)
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
    name = display_name(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return InputError(name, "not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            return size_error(name, info.st_size, limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as err:
        return InputError(name, f"cannot read file: {_stat_reason(path, err)}")
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


def _stat_reason(path: Path, err: OSError) -> str:
    """Why ``path`` cannot be looked at, telling a broken link from a missing file."""
    if err.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link (what it points to does not exist)"
    return _os_reason(err)


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "no such file or folder"
    if err.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links)"
    return err.strerror or type(err).__name__
