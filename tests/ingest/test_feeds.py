"""RSS and Atom through feedparser: one document per entry, links followed for teasers."""

from __future__ import annotations

from collections.abc import Mapping

import httpx
import pytest

from frontwatch.errors import FetchError, InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.feeds import SHORT_SUMMARY, FeedReader, html_to_text, looks_like_feed
from frontwatch.ingest.fetch import Fetcher, HttpFetcher, HttpFetchError
from frontwatch.ingest.html import EXTRACTOR, NO_TEXT

ARTICLE_PARAS = (
    "Ukrainian forces entered Kupiansk on Saturday, the regional governor said, after a"
    " week-long advance along the Oskil river from Balakliia.",
    "Residents said Russian troops had left the eastern bank during the night and that the"
    " bridge to the railway station had been blown up.",
)
ARTICLE_PAGE = (
    "<html><head><title>Kupiansk retaken</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE_PARAS)
    + "</article></body></html>"
)
TEASER = "Ukrainian forces entered Kupiansk on Saturday, the governor said…"


class FakeFetcher:
    """A Fetcher serving pages from a dict; any other URL fails as an HTTP 404 would."""

    def __init__(self, pages: Mapping[str, str]) -> None:
        self.pages = dict(pages)
        self.calls: list[str] = []

    def fetch(self, url: str) -> Source:
        self.calls.append(url)
        if url not in self.pages:
            raise HttpFetchError(url, "HTTP 404 Not Found", 404)
        return Source(url, self.pages[url].encode(), content_type="text/html; charset=utf-8")


def _rss(items: str, channel: str = "<language>en-gb</language>") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Frontline Wire</title><link>https://wire.example/</link>"
        f"{channel}{items}</channel></rss>"
    ).encode()


def _item(
    link: str = "https://wire.example/kupiansk", description: str = TEASER, **more: str
) -> str:
    extra = "".join(f"<{k}>{v}</{k}>" for k, v in more.items())
    return (
        f"<item><title>Kupiansk retaken</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Sat, 10 Sep 2022 18:00:00 +0300</pubDate>"
        f"<description>{description}</description>{extra}</item>"
    )


def _read(data: bytes, fetcher: Fetcher | None = None, **options: bool) -> list[ReadResult]:
    return list(FeedReader(fetcher, **options).read(Source("wire.rss", data)))


def _drafts(results: list[ReadResult]) -> list[Draft]:
    assert all(isinstance(r, Draft) for r in results), results
    return [r for r in results if isinstance(r, Draft)]


CONTENT = (
    "<content:encoded><![CDATA[<p>First paragraph.</p><p>Second<br>line.</p>]]></content:encoded>"
)


def test_rss_entry_with_full_content_needs_no_link() -> None:
    fetcher = FakeFetcher({"https://wire.example/kupiansk": ARTICLE_PAGE})
    items = _item(description="Teaser").replace("</item>", CONTENT + "</item>")
    (draft,) = _drafts(_read(_rss(items), fetcher))
    assert fetcher.calls == []
    assert draft.text == "First paragraph.\n\nSecond\nline."
    assert (draft.title, draft.url, draft.outlet) == (
        "Kupiansk retaken",
        "https://wire.example/kupiansk",
        "Frontline Wire",
    )
    assert draft.published == "2022-09-10T18:00:00+03:00"
    assert draft.language == "en"
    assert draft.origin == "wire.rss#entry-1"
    assert draft.extra == {
        "reader": "feeds",
        "text_source": "content",
        "guid": "https://wire.example/kupiansk",
    }


def test_each_entry_is_a_document() -> None:
    items = "".join(_item(f"https://wire.example/{n}", f"Report {n}.") for n in range(1, 4))
    drafts = _drafts(_read(_rss(items)))
    assert [d.text for d in drafts] == ["Report 1.", "Report 2.", "Report 3."]
    assert [d.origin for d in drafts] == [f"wire.rss#entry-{n}" for n in range(1, 4)]


def test_atom_entries() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk">
  <title>Фронт сьогодні</title>
  <entry><title>Ізюм звільнено</title><link href="https://front.example/izium"/>
    <id>urn:front:1</id><updated>2022-09-11T07:00:00Z</updated><author><name>Редакція</name></author>
    <content type="html">&lt;p&gt;Сили оборони увійшли в Ізюм.&lt;/p&gt;
      &lt;p&gt;Місто під контролем ЗСУ.&lt;/p&gt;</content></entry>
  <entry><title>Лиман</title><link href="https://front.example/lyman"/><id>urn:front:2</id>
    <published>2022-10-01T12:00:00+03:00</published>
    <content type="text">Лиман оточено з трьох боків.</content></entry>
</feed>""".encode()
    first, second = _drafts(list(FeedReader().read(Source("front.atom", atom))))
    assert first.text == "Сили оборони увійшли в Ізюм.\n\nМісто під контролем ЗСУ."
    assert (first.outlet, first.title, first.language) == ("Фронт сьогодні", "Ізюм звільнено", "uk")
    assert (first.published, first.url) == ("2022-09-11T07:00:00Z", "https://front.example/izium")
    assert (first.extra["guid"], first.extra["author"]) == ("urn:front:1", "Редакція")
    assert second.text == "Лиман оточено з трьох боків."
    assert second.published == "2022-10-01T12:00:00+03:00"


def test_rss1_rdf_feed() -> None:
    rdf = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wire.example/"><title>Wire RDF</title>
    <link>https://wire.example/</link></channel>
  <item rdf:about="https://wire.example/1"><title>Lyman</title><link>https://wire.example/1</link>
    <dc:date>2022-10-01T09:00:00+03:00</dc:date>
    <description>Lyman was encircled.</description></item>
</rdf:RDF>"""
    (draft,) = _drafts(_read(rdf))
    assert (draft.text, draft.outlet, draft.published) == (
        "Lyman was encircled.",
        "Wire RDF",
        "2022-10-01T09:00:00+03:00",
    )


def test_a_teaser_is_replaced_by_the_linked_article() -> None:
    fetcher = FakeFetcher({"https://wire.example/kupiansk": ARTICLE_PAGE})
    (draft,) = _drafts(_read(_rss(_item()), fetcher))
    assert fetcher.calls == ["https://wire.example/kupiansk"]
    for para in ARTICLE_PARAS:
        assert para in draft.text
    assert draft.extra["text_source"] == "link"
    assert draft.extra["extractor"] == EXTRACTOR
    assert (draft.title, draft.url) == ("Kupiansk retaken", "https://wire.example/kupiansk")


@pytest.mark.parametrize(
    ("pages", "reason"),
    [
        ({}, "HTTP 404 Not Found"),
        ({"https://wire.example/kupiansk": "<html><body><nav>Home</nav></body></html>"}, NO_TEXT),
        ({"https://wire.example/kupiansk": ""}, "empty file"),
    ],
    ids=["fetch-fails", "no-article", "empty-page"],
)
def test_a_failed_link_keeps_the_summary_and_says_why(pages: dict[str, str], reason: str) -> None:
    (draft,) = _drafts(_read(_rss(_item()), FakeFetcher(pages)))
    assert draft.text == TEASER
    assert draft.extra["text_source"] == "summary (link failed)"
    assert draft.extra["link_error"] == reason


class BrokenFetcher:
    """A fetcher whose transport fails with the protocol's FetchError."""

    def fetch(self, url: str) -> Source:
        raise FetchError(f"{url}: connection refused")


def test_a_plain_fetch_error_keeps_the_summary() -> None:
    (draft,) = _drafts(list(FeedReader(BrokenFetcher()).read(Source("w.rss", _rss(_item())))))
    assert draft.extra["text_source"] == "summary (link failed)"
    assert "connection refused" in draft.extra["link_error"]


LONG = " ".join(["Shelling of Kharkiv's Saltivka district went on through the night."] * 12)


@pytest.mark.parametrize(
    ("description", "options", "followed"),
    [
        (TEASER, {}, True),
        ("Kupiansk retaken. Read more", {}, True),
        (LONG + " [...]", {}, True),  # long but visibly cut
        (LONG, {}, False),  # long and whole: the summary is the article
        (TEASER, {"follow_links": False}, False),
    ],
    ids=["short", "read-more", "long-truncated", "long-whole", "not-following"],
)
def test_links_are_followed_only_for_teasers(
    description: str, options: dict[str, bool], followed: bool
) -> None:
    assert len(LONG) >= SHORT_SUMMARY
    fetcher = FakeFetcher({"https://wire.example/kupiansk": ARTICLE_PAGE})
    (draft,) = _drafts(_read(_rss(_item(description=description)), fetcher, **options))
    assert bool(fetcher.calls) is followed
    assert draft.extra["text_source"] == ("link" if followed else "summary")


def test_without_a_fetcher_the_summary_is_the_text() -> None:
    (draft,) = _drafts(_read(_rss(_item(description="<p>Izium &amp; Lyman were retaken.</p>"))))
    assert (draft.text, draft.extra["text_source"]) == ("Izium & Lyman were retaken.", "summary")


def test_an_entry_without_text_is_an_error_and_the_rest_is_read() -> None:
    empty = "<item><title>Photo gallery</title><guid>g-2</guid></item>"
    results = _read(_rss(_item() + empty + _item("https://wire.example/izium", "Izium retaken.")))
    assert [type(r) for r in results] == [Draft, InputError, Draft]
    error = results[1]
    assert isinstance(error, InputError)
    assert error.source == "wire.rss#entry-2"
    assert "feed entry has no text" in error.reason


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("<pubDate>Sat, 10 Sep 2022 18:00:00 GMT</pubDate>", "2022-09-10T18:00:00+00:00"),
        ("<pubDate>2022-09-10T18:00:00+03:00</pubDate>", "2022-09-10T18:00:00+03:00"),
        ("<pubDate>10 Sep 2022 18:00 EEST</pubDate>", "2022-09-10T18:00:00"),  # zone unknown
        ("<pubDate>sometime last week</pubDate>", None),
        ("", None),
    ],
)
def test_entry_dates(published: str, expected: str | None) -> None:
    item = f"<item><title>t</title><description>Izium retaken.</description>{published}</item>"
    (draft,) = _drafts(_read(_rss(item)))
    assert draft.published == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Shelling of Kharkiv, plain words", "not an RSS/Atom feed (XML error: syntax error)"),
        (b"<?xml version='1.0'?><note>Izium</note>", "not an RSS/Atom feed"),
        (_rss(""), "the rss20 feed has no entries"),
        (
            b"<rss version='2.0'><channel><title>W</title></chan",
            "the rss20 feed is cut off or malformed (XML error: unclosed token)",
        ),
        (
            b"<feed xmlns='http://www.w3.org/2005/Atom'><title>W</title>",
            "the atom10 feed is cut off or malformed (XML error: no element found)",
        ),
        (b"", "not an RSS/Atom feed"),
    ],
    ids=["prose", "other-xml", "no-entries", "cut-off-rss", "cut-off-atom", "empty"],
)
def test_unreadable_feeds_are_one_error_naming_the_file(data: bytes, reason: str) -> None:
    (error,) = _read(data)
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == ("wire.rss", reason)


def test_a_cut_off_feed_keeps_the_entries_it_has() -> None:
    data = _rss(_item() + _item("https://wire.example/izium", "Izium retaken."))
    results = _read(data[: data.index(b"Izium retaken.")])
    first, second = results
    assert isinstance(first, Draft)
    assert isinstance(second, InputError)
    assert (first.text, second.source) == (TEASER, "wire.rss#entry-2")


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("Line<br>break<br/>again", "Line\nbreak\nagain"),
        ("<div>  spaced \t out  </div>", "spaced out"),
        ("Izium &amp; Lyman &#8212; retaken", "Izium & Lyman — retaken"),
        ("<p>Kept</p><script>var x = 1;</script><style>p {}</style>", "Kept"),
        ("<ul><li>Izium</li><li>Lyman</li></ul>", "Izium\n\nLyman"),
        ("no markup at all", "no markup at all"),
        ("<p>unclosed <b>bold", "unclosed bold"),
    ],
)
def test_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


@pytest.mark.parametrize(
    ("data", "is_feed"),
    [
        (b'<?xml version="1.0"?><rss version="2.0">', True),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- generator -->\n<feed xmlns='x'>", True),
        (b"<!DOCTYPE rss SYSTEM 'x'><rss>", True),
        (b"<rdf:RDF xmlns:rdf='x'>", True),
        ("<rss version='2.0'>".encode("utf-16"), True),
        (b"<html><body>rss</body></html>", False),
        (b"<?xml version='1.0'?><note>feed</note>", False),
        (b"", False),
    ],
)
def test_looks_like_feed(data: bytes, is_feed: bool) -> None:
    assert looks_like_feed(data) is is_feed


@pytest.mark.parametrize(
    ("name", "content_type", "accepted"),
    [
        ("a.rss", None, True),
        ("a.atom", None, True),
        ("a.rdf", None, True),
        ("https://wire.example/feed", "application/rss+xml; charset=utf-8", True),
        ("https://wire.example/feed", "application/atom+xml", True),
        ("a.xml", None, False),  # by content only: these bytes are no feed
    ],
)
def test_accepts(name: str, content_type: str | None, accepted: bool) -> None:
    source = Source(name, b"<note/>", content_type=content_type)
    assert FeedReader().accepts(source) is accepted


def test_links_are_fetched_through_http_fetcher_and_bad_links_fail_softly() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=ARTICLE_PAGE.encode(), headers={"content-type": "text/html"}
        )

    client = httpx.Client(transport=httpx.MockTransport(handler))
    items = _item() + _item("http://[broken/story")
    fetcher = HttpFetcher(client, resolver=lambda host, port: ["93.184.215.14"])
    good, bad = _drafts(_read(_rss(items), fetcher))
    assert good.extra["text_source"] == "link"
    assert ARTICLE_PARAS[1] in good.text
    assert bad.extra["text_source"] == "summary (link failed)"
    assert bad.extra["link_error"].startswith("invalid URL")


@pytest.mark.parametrize(
    ("element", "raw"),
    [
        ("updated", "0000-01-01T00:00:00Z"),  # feedparser parses it to a struct in year 0
        ("published", "0000-06-31T00:00:00Z"),
    ],
)
def test_an_entry_dated_in_no_calendar_year_is_kept_undated_with_a_note(
    element: str, raw: str
) -> None:
    """Regression: a year-0 date raised ValueError out of the reader, ending the batch."""
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Wire</title><entry><title>t</title><id>urn:1</id><{element}>{raw}</{element}>"
        '<content type="text">Izium was retaken.</content></entry></feed>'
    ).encode()
    (draft,) = _drafts(list(FeedReader().read(Source("wire.atom", atom))))
    assert (draft.text, draft.published) == ("Izium was retaken.", None)
    assert draft.published_note == f"feed date not understood: {raw!r}"


@pytest.mark.parametrize("element", ["published", "updated"])
@pytest.mark.parametrize(
    "raw", ["2022-02-30", "2022-02-30T10:00:00Z", "2022-13-01", "2022-04-31T23:00:00+03:00"]
)
def test_an_impossible_feed_date_is_left_unknown_not_moved_to_another_day(
    element: str, raw: str
) -> None:
    """Regression: feedparser's struct carried the overflow, 2022-02-30 -> 2022-03-02."""
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><title>t</title>'
        f'<{element}>{raw}</{element}><content type="text">Izium.</content></entry></feed>'
    ).encode()
    (draft,) = _drafts(list(FeedReader().read(Source("wire.atom", atom))))
    assert draft.published is None
    assert draft.published_note == f"feed date not understood: {raw!r}"
    assert draft.warnings == (f"date left unknown: feed date not understood: {raw!r}",)


@pytest.mark.parametrize(
    ("raw", "published"),
    [
        ("2022-02-28", "2022-02-28"),
        ("2024-02-29T10:00:00Z", "2024-02-29T10:00:00Z"),
        ("Mon, 10 Sep 22 10:00:00 GMT", "2022-09-10T10:00:00+00:00"),
    ],
)
def test_a_real_feed_date_is_kept_without_a_warning(raw: str, published: str) -> None:
    item = f"<item><title>t</title><description>Izium.</description><pubDate>{raw}</pubDate>"
    (draft,) = _drafts(_read(_rss(item + "</item>")))
    assert (draft.published, draft.published_note, draft.warnings) == (published, None, ())


def test_an_rss_date_in_year_0_is_not_read_as_2000() -> None:
    item = "<item><title>t</title><description>Izium.</description>"
    item += "<pubDate>Mon, 01 Jan 0000 00:00:00 GMT</pubDate></item>"
    (draft,) = _drafts(_read(_rss(item)))
    assert draft.published is None
    assert draft.published_note == "feed date not understood: 'Mon, 01 Jan 0000 00:00:00 GMT'"


def test_an_entry_link_to_a_private_address_is_refused_and_the_summary_kept() -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(200, content=ARTICLE_PAGE.encode())

    client = httpx.Client(transport=httpx.MockTransport(handler))
    fetcher = HttpFetcher(client, resolver=lambda host, port: ["93.184.215.14"])
    (draft,) = _drafts(_read(_rss(_item("http://169.254.169.254/latest/meta-data/")), fetcher))
    assert (draft.text, draft.extra["text_source"]) == (TEASER, "summary (link failed)")
    assert draft.extra["link_error"] == (
        "refused: 169.254.169.254 is a link-local address; pass --allow-private-urls to allow it"
    )
    assert requested == []
