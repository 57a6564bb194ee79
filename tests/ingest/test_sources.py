"""From targets to read results: files, folders walked recursively, URLs, the size limit."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from frontwatch.errors import InputError, TooLargeError
from frontwatch.ingest.base import Draft, ReadResult, Skip, Source
from frontwatch.ingest.fetch import HttpFetchError
from frontwatch.ingest.sources import IngestOptions, iter_drafts
from frontwatch.ingest.text import TextReader

TEXT = "Ukrainian forces entered Kupiansk on Saturday, the governor said.\n"
REPORT = {"id": "fw-1", "outlet": "Frontline Wire", "text": "Izium was retaken on Sunday."}
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Frontline Wire</title>'
    "<item><title>Lyman</title><description>Lyman was encircled.</description></item>"
    "</channel></rss>"
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Balakliia</title></head><body><article>"
    "<p>Ukrainian forces entered Balakliia on Thursday, residents said by telephone.</p>"
    "</article></body></html>"
)
TELEGRAM = {
    "name": "Kharkiv Today",
    "id": 77,
    "messages": [
        {"id": 1, "type": "service", "action": "create_channel", "text": ""},
        {"id": 2, "type": "message", "date": "2022-09-10T08:00:00", "text": "Air raid alert."},
    ],
}


def _run(targets: list[str | Path], options: IngestOptions | None = None) -> list[ReadResult]:
    return list(iter_drafts([str(t) for t in targets], options or IngestOptions()))


def _where(results: list[ReadResult], root: Path) -> list[tuple[str, str]]:
    """(kind, origin relative to root) for every result, in order."""
    out = []
    for result in results:
        origin = result.origin if isinstance(result, Draft | Skip) else result.source
        kind = type(result).__name__
        out.append(
            (kind, os.path.relpath(origin, root) if origin.startswith(str(root)) else origin)
        )
    return out


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """A folder of mixed inputs, nested, with hidden and unsupported files."""
    (tmp_path / "b-reports").mkdir()
    (tmp_path / "b-reports" / "deeper").mkdir()
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b-reports" / "wire.jsonl").write_text(json.dumps(REPORT) + "\n", encoding="utf-8")
    (tmp_path / "b-reports" / "deeper" / "feed.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "b-reports" / "deeper" / "page.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b-reports" / "deeper" / "config.xml").write_text("<config/>", encoding="utf-8")
    (tmp_path / "b-reports" / "result.json").write_text(json.dumps(TELEGRAM), encoding="utf-8")
    (tmp_path / "c-photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / ".cache" / "old.txt").write_text("stale", encoding="utf-8")
    (tmp_path / ".notes.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "ru.txt").write_bytes("Обстрел Харькова продолжался всю ночь.".encode("cp1251"))
    return tmp_path


def test_a_folder_is_walked_recursively_by_file_type(tree: Path) -> None:
    assert _where(_run([tree]), tree) == [
        ("Skip", "LICENSE"),
        ("Draft", "a.txt"),
        ("Skip", "b-reports/deeper/config.xml"),
        ("Draft", "b-reports/deeper/feed.xml#entry-1"),
        ("Draft", "b-reports/deeper/page.htm"),
        ("Skip", "b-reports/result.json#message-1"),
        ("Draft", "b-reports/result.json#message-2"),
        ("Draft", "b-reports/wire.jsonl:1"),
        ("Skip", "c-photo.jpg"),
        ("Draft", "ru.txt"),
    ]


def test_each_reader_did_its_part(tree: Path) -> None:
    drafts = {
        Path(d.origin.split("#")[0].split(":")[0]).name: d
        for d in _run([tree])
        if isinstance(d, Draft)
    }
    assert drafts["a.txt"].text == TEXT
    assert drafts["wire.jsonl"].id == "fw-1"
    assert drafts["feed.xml"].text == "Lyman was encircled."
    assert drafts["page.htm"].title == "Balakliia"
    assert (drafts["result.json"].outlet, drafts["result.json"].id) == ("Kharkiv Today", "tg-77-2")
    assert drafts["ru.txt"].text == "Обстрел Харькова продолжался всю ночь."


def test_skips_say_why(tree: Path) -> None:
    reasons = {Path(s.origin).name: s.reason for s in _run([tree]) if isinstance(s, Skip)}
    assert reasons["LICENSE"] == "unsupported file type with no extension"
    assert reasons["c-photo.jpg"] == "unsupported file type '.jpg'"
    assert reasons["config.xml"] == "XML file that is not an RSS or Atom feed"


def test_a_link_to_a_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "zlink").symlink_to(tmp_path / "real", target_is_directory=True)
    assert _where(_run([tmp_path]), tmp_path) == [
        ("Draft", "real/a.txt"),
        ("Skip", "zlink"),
    ]


@pytest.mark.parametrize(
    ("content", "reader", "origin_suffix"),
    [
        (json.dumps(REPORT), "jsonl", ":1"),
        (json.dumps(TELEGRAM), "telegram", "#message-2"),
        (RSS, "feeds", "#entry-1"),
        (PAGE, "html", ""),
        (TEXT, "text", ""),
    ],
)
def test_a_named_file_without_extension_is_read_by_content(
    tmp_path: Path, content: str, reader: str, origin_suffix: str
) -> None:
    path = tmp_path / "download"
    path.write_text(content, encoding="utf-8")
    drafts = [r for r in _run([path]) if isinstance(r, Draft)]
    assert len(drafts) == 1
    assert drafts[0].origin == f"{path}{origin_suffix}"
    assert drafts[0].extra.get("reader", "jsonl") == reader


def test_a_named_xml_file_that_is_no_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<config><x/></config>", encoding="utf-8")
    (error,) = _run([path])
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == (str(path), "XML file that is not an RSS or Atom feed")


def test_bad_files_are_errors_and_the_rest_of_the_batch_is_read(tmp_path: Path) -> None:
    (tmp_path / "1-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (tmp_path / "2-empty.txt").write_bytes(b"")
    (tmp_path / "3-cut.jsonl").write_text(
        json.dumps(REPORT) + '\n{"id": "x", "te', encoding="utf-8"
    )
    (tmp_path / "4-empty.html").write_text(
        "<html><body><nav>Home</nav></body></html>", encoding="utf-8"
    )
    (tmp_path / "5-good.txt").write_text(TEXT, encoding="utf-8")
    results = _run([tmp_path, tmp_path / "missing.txt", tmp_path / "5-good.txt"])
    problems = [
        (Path(r.source).name, r.line, r.reason) for r in results if isinstance(r, InputError)
    ]
    assert problems == [
        ("1-binary.txt", None, "binary file"),
        ("2-empty.txt", None, "empty file"),
        ("3-cut.jsonl", 2, "truncated JSON: a string is not closed (it starts at column 13)"),
        ("4-empty.html", None, "no article text found in HTML"),
        ("missing.txt", None, "no such file or folder"),
    ]
    assert [Path(r.origin).name for r in results if isinstance(r, Draft)] == [
        "3-cut.jsonl:1",
        "5-good.txt",
        "5-good.txt",
    ]


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # a hole: no data is written
    return path


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        (200 * 2**20, 50 * 2**20, "file is 200.0 MB, above the 50.0 MB limit"),
        (3 * 2**20, 2**20, "file is 3.0 MB, above the 1.0 MB limit"),
        (4097, 4096, "file is 4,097 bytes, above the 4,096 bytes limit"),
    ],
)
def test_files_above_the_limit_are_refused_unread(
    tmp_path: Path, size: int, limit: int, message: str
) -> None:
    big = _sparse(tmp_path / "huge.jsonl", size)
    (tmp_path / "small.txt").write_text(TEXT, encoding="utf-8")
    results = _run([big, tmp_path / "small.txt"], IngestOptions(max_bytes=limit))
    error, draft = results
    assert isinstance(error, TooLargeError)
    assert error.code == "E102"
    assert error.source == str(big)
    assert error.reason == f"{message}; raise it with --max-mb"
    assert isinstance(draft, Draft)


def test_the_limit_applies_inside_folders_and_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x" * 100, encoding="utf-8")
    _sparse(tmp_path / "b.txt", 101)
    kinds = [type(r) for r in _run([tmp_path], IngestOptions(max_bytes=100))]
    assert kinds == [Draft, TooLargeError]


class FakeFetcher:
    """A Fetcher serving canned responses by URL; anything else is an HTTP 404."""

    def __init__(self, responses: Mapping[str, tuple[str | None, bytes]]) -> None:
        self.responses = dict(responses)
        self.calls: list[str] = []

    def fetch(self, url: str) -> Source:
        self.calls.append(url)
        if url not in self.responses:
            raise HttpFetchError(url, "HTTP 404 Not Found", 404)
        content_type, body = self.responses[url]
        return Source(url, body, content_type=content_type)


@pytest.mark.parametrize(
    ("content_type", "body", "reader"),
    [
        ("text/html; charset=utf-8", PAGE.encode(), "html"),
        ("application/rss+xml", RSS.encode(), "feeds"),
        ("application/xml", RSS.encode(), "feeds"),  # a feed served as plain XML
        ("application/json", json.dumps(REPORT).encode(), "jsonl"),
        ("text/plain", TEXT.encode(), "text"),
        (None, PAGE.encode(), "html"),  # no Content-Type: judged by content
    ],
)
def test_urls_are_read_by_content_type_and_content(
    content_type: str | None, body: bytes, reader: str
) -> None:
    url = "https://wire.example/story.php?id=7"
    fetcher = FakeFetcher({url: (content_type, body)})
    (draft,) = _run([url], IngestOptions(fetcher=fetcher))
    assert isinstance(draft, Draft)
    assert draft.origin.startswith(url)
    assert draft.extra.get("reader", "jsonl") == reader
    assert fetcher.calls == [url]


def test_url_failures_are_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    fetcher = FakeFetcher({"https://wire.example/big": ("text/plain", b"x" * 5000)})
    results = _run(
        ["https://wire.example/gone", "https://wire.example/big", tmp_path / "a.txt"],
        IngestOptions(max_bytes=4096, fetcher=fetcher),
    )
    gone, big, draft = results
    assert isinstance(gone, InputError)
    assert (gone.source, gone.reason) == (
        "https://wire.example/gone",
        "could not fetch: HTTP 404 Not Found",
    )
    assert isinstance(big, TooLargeError)
    assert big.source == "https://wire.example/big"
    assert isinstance(draft, Draft)


def test_urls_without_a_fetcher_are_refused() -> None:
    (error,) = _run(["https://wire.example/a"])
    assert isinstance(error, InputError)
    assert error.reason == "cannot read URLs here: no fetcher was given"


def test_feeds_in_a_batch_follow_links_through_the_options_fetcher(tmp_path: Path) -> None:
    feed = RSS.replace(
        "<title>Lyman</title>", "<title>Lyman</title><link>https://wire.example/lyman</link>"
    )
    (tmp_path / "wire.rss").write_text(feed, encoding="utf-8")
    fetcher = FakeFetcher({"https://wire.example/lyman": ("text/html", PAGE.encode())})
    (followed,) = _run([tmp_path / "wire.rss"], IngestOptions(fetcher=fetcher))
    (kept,) = _run([tmp_path / "wire.rss"], IngestOptions(fetcher=fetcher, follow_links=False))
    assert isinstance(followed, Draft)
    assert isinstance(kept, Draft)
    assert followed.extra["text_source"] == "link"
    assert "Balakliia" in followed.text
    assert kept.text == "Lyman was encircled."
    assert fetcher.calls == ["https://wire.example/lyman"]


def test_pipes_and_devices_are_refused_without_being_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-pipe.txt")  # opening it for reading would wait for a writer
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    results = _run([tmp_path, "/dev/zero"])  # reading /dev/zero would never end
    pipe, draft, device = results
    assert isinstance(pipe, InputError)
    assert (Path(pipe.source).name, pipe.reason) == (
        "a-pipe.txt",
        "not a regular file (a pipe, socket or device)",
    )
    assert isinstance(draft, Draft)
    assert isinstance(device, InputError)
    assert (device.source, device.reason) == (
        "/dev/zero",
        "not a regular file (a pipe, socket or device)",
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_the_limit_holds_where_stat_gives_no_size() -> None:
    # /proc files are regular files whose stat size is 0: only the capped read sees the size.
    assert Path("/proc/self/status").stat().st_size == 0
    (error,) = _run(["/proc/self/status"], IngestOptions(max_bytes=100))
    assert isinstance(error, TooLargeError)
    assert error.reason.startswith("file is at least 101 bytes, above the 100 bytes limit")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty-array.json", "[]"),
        (
            "channel.json",
            json.dumps({"name": "Front Notes", "type": "public_channel", "messages": []}),
        ),
    ],
)
def test_a_file_with_no_items_is_reported_as_skipped(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (result,) = _run([path])
    assert isinstance(result, Skip)
    assert result.origin == str(path)
    assert "no documents" in result.reason


def test_a_symbolic_link_loop_is_an_error_and_the_walk_goes_on(tmp_path: Path) -> None:
    """Regression: is_dir() on a link loop raised OSError out of the walk, ending the batch."""
    (tmp_path / "a-loop").symlink_to(tmp_path / "b-loop")
    (tmp_path / "b-loop").symlink_to(tmp_path / "a-loop")
    (tmp_path / "c-gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    loop = "symbolic link loop (too many levels of symbolic links)"
    broken = "broken symbolic link (what it points to does not exist)"
    results = _run([tmp_path, tmp_path / "a-loop", tmp_path / "c-gone.txt"])
    assert [
        (Path(r.source).name, r.reason) if isinstance(r, InputError) else type(r).__name__
        for r in results
    ] == [
        ("a-loop", loop),
        ("b-loop", loop),
        ("c-gone.txt", f"cannot read file: {broken}"),
        "Draft",
        ("a-loop", loop),
        ("c-gone.txt", broken),
    ]


def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path: Path) -> None:
    """Regression: the name's lone surrogate raised UnicodeEncodeError when it was stored."""
    folder = os.fsencode(tmp_path)
    Path(os.fsdecode(folder + b"/caf\xe9-report.txt")).write_text(TEXT, encoding="utf-8")
    Path(os.fsdecode(folder + b"/caf\xe9-empty.txt")).write_bytes(b"")
    empty, draft = _run([tmp_path])
    assert isinstance(draft, Draft)
    assert isinstance(empty, InputError)
    assert draft.origin == f"{tmp_path}/caf\\xe9-report.txt"
    assert (empty.source, empty.reason) == (f"{tmp_path}/caf\\xe9-empty.txt", "empty file")
    assert draft.text == TEXT


def test_an_error_no_reader_foresaw_costs_one_file_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a reader raises is that file's failure, named with the exception's message."""
    real_read = TextReader.read

    def read(self: TextReader, source: Source) -> Iterator[ReadResult]:
        if "boom" in source.name:
            raise RuntimeError("reader bug")
        return real_read(self, source)

    monkeypatch.setattr(TextReader, "read", read)
    for name in ("a.txt", "b-boom.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    results = _run([tmp_path / "b-boom.txt", tmp_path])
    assert _where(results, tmp_path) == [
        ("InputError", "b-boom.txt"),
        ("Draft", "a.txt"),
        ("InputError", "b-boom.txt"),
        ("Draft", "c.txt"),
    ]
    assert {r.reason for r in results if isinstance(r, InputError)} == {
        "unexpected error (RuntimeError: reader bug)"
    }


def _linked_tree(tmp_path: Path) -> Path:
    """A folder with a link to a file inside it, one to a file outside and one broken."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Lyman was encircled.", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("Not for the store.", encoding="utf-8")
    (folder / "inner.txt").symlink_to(folder / "sub" / "b.txt")
    (folder / "outer.txt").symlink_to(tmp_path / "outside.txt")
    (folder / "status.txt").symlink_to("/proc/self/status")
    (folder / "up.txt").symlink_to("../outside.txt")
    return folder


def test_links_to_files_outside_a_folder_are_skipped_by_default(tmp_path: Path) -> None:
    folder = _linked_tree(tmp_path)
    results = _run([folder])
    assert _where(results, folder) == [
        ("Draft", "a.txt"),
        ("Draft", "inner.txt"),
        ("Skip", "outer.txt"),
        ("Skip", "status.txt"),
        ("Draft", "sub/b.txt"),
        ("Skip", "up.txt"),
    ]
    reasons = {s.reason for s in results if isinstance(s, Skip)}
    assert reasons == {"link to a file outside the folder, not followed (--follow-symlinks)"}


def test_follow_symlinks_reads_links_to_files_outside(tmp_path: Path) -> None:
    folder = _linked_tree(tmp_path)
    results = _run([folder / "outer.txt", folder], IngestOptions(follow_symlinks=True))
    kinds = [kind for kind, _ in _where(results, folder)]
    assert kinds == ["Draft"] * 7


def test_a_named_link_is_read_whatever_it_points_to(tmp_path: Path) -> None:
    folder = _linked_tree(tmp_path)
    assert [type(r).__name__ for r in _run([folder / "outer.txt"])] == ["Draft"]


def test_a_folder_named_through_a_link_keeps_links_inside_it(tmp_path: Path) -> None:
    folder = _linked_tree(tmp_path)
    (tmp_path / "alias").symlink_to(folder, target_is_directory=True)
    drafts = [r for r in _run([tmp_path / "alias"]) if isinstance(r, Draft)]
    assert [Path(d.origin).name for d in drafts] == ["a.txt", "inner.txt", "b.txt"]
