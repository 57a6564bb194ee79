"""Web pages through trafilatura: article text, title, date, site name, URL; pages with none."""

from __future__ import annotations

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, Source
from frontwatch.ingest.html import EXTRACTOR, NO_TEXT, HtmlReader, read_html

PARAS = (
    "Ukrainian forces pushed east of Kharkiv on Friday and entered Balakliia, the general"
    " staff said in its morning update, adding that the town had been held since March.",
    "Residents reached by telephone said the shelling had stopped by noon and that the first"
    " humanitarian convoy was expected to arrive later in the week from Zmiiv.",
    "The regional governor said two civilians were injured in Chuhuiv overnight.",
)
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)
HEAD = """<meta charset="utf-8">
<title>Troops enter Balakliia | Frontline Wire</title>
<meta property="og:title" content="Troops enter Balakliia">
<meta property="og:site_name" content="Frontline Wire">
<meta property="article:published_time" content="2022-09-09T08:00:00+03:00">
<meta name="author" content="Olena Petrenko">
<link rel="canonical" href="https://wire.example/2022/09/09/balakliia">"""
CHROME_TOP = '<nav><a href="/">Home</a> <a href="/war">War</a> <a href="/about">About</a></nav>'
CHROME_END = "<footer>© 2022 Frontline Wire. All rights reserved.</footer>"


def _page(head: str = HEAD, body: str = ARTICLE, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{CHROME_TOP}'
        f"<article><h1>Troops enter Balakliia</h1>{body}</article>{CHROME_END}</body></html>"
    )


def _draft(html: str | bytes, name: str = "page.html", content_type: str | None = None) -> Draft:
    data = html.encode("utf-8") if isinstance(html, str) else html
    result = read_html(Source(name, data, content_type=content_type))
    assert isinstance(result, Draft), result
    return result


def test_article_and_page_metadata_are_kept() -> None:
    draft = _draft(_page())
    assert draft.title == "Troops enter Balakliia"
    assert draft.outlet == "Frontline Wire"
    assert draft.published == "2022-09-09"
    assert draft.url == "https://wire.example/2022/09/09/balakliia"
    assert draft.language == "en"
    assert draft.origin == "page.html"
    assert draft.extra == {
        "reader": "html",
        "extractor": EXTRACTOR,
        "encoding": "utf-8",
        "author": "Olena Petrenko",
    }
    for para in PARAS:
        assert para in draft.text
    for chrome in ("Home", "About", "All rights reserved"):
        assert chrome not in draft.text


def test_html_reader_yields_the_one_draft() -> None:
    results = list(HtmlReader().read(Source("page.html", _page().encode())))
    assert [type(r) for r in results] == [Draft]


@pytest.mark.parametrize(
    ("head", "name", "url"),
    [
        (HEAD, "https://wire.example/amp/1", "https://wire.example/2022/09/09/balakliia"),
        (
            '<title>T</title><meta property="og:url" content="https://wire.example/og/1">',
            "page.html",
            "https://wire.example/og/1",
        ),
        (
            '<title>T</title><link rel="Canonical" href="/2022/09/rel">',
            "https://wire.example/story.php?id=7",
            "https://wire.example/2022/09/rel",
        ),
        (
            "<title>T</title>",
            "https://wire.example/story.php?id=7",
            "https://wire.example/story.php?id=7",
        ),
        ("<title>T</title>", "page.html", None),
        (
            '<title>T</title><link rel="canonical" href="http://[broken/x">',
            "https://wire.example/a",
            "https://wire.example/a",
        ),
    ],
    ids=["canonical", "og-url", "relative-canonical", "fetched-url", "none", "malformed"],
)
def test_url_is_canonical_then_og_then_fetched(head: str, name: str, url: str | None) -> None:
    assert _draft(_page(head=head), name).url == url


@pytest.mark.parametrize(
    ("html", "language"),
    [
        (_page(lang="uk-UA"), "uk"),
        (_page(lang="RU"), "ru"),
        (
            _page(
                head='<meta http-equiv="Content-Language" content="pl"><title>T</title>', lang=""
            ),
            "pl",
        ),
    ],
)
def test_language_comes_from_the_page(html: str, language: str) -> None:
    assert _draft(html).language == language


def test_dates_in_the_article_body_are_not_its_publication_date() -> None:
    body = (
        "<p>On 24 February 2022 Russian forces crossed the border north of Kharkiv, and by"
        " 8 September 2022 the Ukrainian counter-offensive had begun, officials recalled.</p>"
        + ARTICLE
    )
    draft = _draft(_page(head="<title>Six months on</title>", body=body))
    assert draft.published is None
    assert "24 February 2022" in draft.text


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (
            _page(head='<meta charset="windows-1251"><title>Т</title>')
            .replace("Kharkiv", "Харків")
            .encode("cp1251"),
            "page.html",
            None,
        ),
        (
            _page(head="<title>Т</title>").replace("Kharkiv", "Харків").encode("koi8_u"),
            "https://wire.example/uk/1",
            "text/html; charset=koi8-u",
        ),
    ],
    ids=["meta-charset", "content-type-charset"],
)
def test_declared_charsets_are_honoured(data: bytes, name: str, content_type: str | None) -> None:
    draft = _draft(data, name, content_type)
    assert "east of Харків on Friday" in draft.text


@pytest.mark.parametrize(
    "wrapper",
    [
        '<body class="cookie-consent-pending">{}</body>',
        '<body><div id="cookie-wall-wrapper" class="page">{}</div></body>',
        '<body><main class="consent-given">{}</main></body>',
    ],
)
def test_cookie_classes_on_page_wrappers_keep_the_article(wrapper: str) -> None:
    article = f"<article><h1>Troops enter Balakliia</h1>{ARTICLE}</article>"
    html = f"<html><head>{HEAD}</head>{wrapper.format(article)}</html>"
    draft = _draft(html)
    for para in PARAS:
        assert para in draft.text


NO_ARTICLE = {
    "empty-document": "<html></html>",
    "menu-only": f"<html><head><title>Wire</title></head><body>{CHROME_TOP}</body></html>",
    "chrome-and-cookie-notice": (
        "<html><head><title>Frontline Wire</title></head><body><header>"
        f"{CHROME_TOP}</header><div class='cookie-banner'>We use cookies to improve your"
        f" experience.</div>{CHROME_END}</body></html>"
    ),
    "javascript-shell": (
        "<!doctype html><html><head><title>Frontline Wire</title><script src='/app.js'>"
        "</script></head><body><div id='root'></div><noscript>You need to enable JavaScript"
        " to run this app.</noscript></body></html>"
    ),
    "comment-only": "<html><body><!-- article removed by editor --></body></html>",
}


@pytest.mark.parametrize("html", NO_ARTICLE.values(), ids=NO_ARTICLE.keys())
def test_pages_without_an_article_are_an_error_naming_the_page(html: str) -> None:
    result = read_html(Source("https://wire.example/index", html.encode()))
    assert isinstance(result, InputError)
    assert (result.source, result.reason) == ("https://wire.example/index", NO_TEXT)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ],
)
def test_unreadable_bytes_are_an_error(data: bytes, reason: str) -> None:
    (error,) = HtmlReader().read(Source("saved/page.html", data))
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == ("saved/page.html", reason)


@pytest.mark.parametrize(
    ("name", "data", "content_type", "accepted"),
    [
        ("a.html", b"", None, True),
        ("a.HTM", b"", None, True),
        ("a.xhtml", b"", None, True),
        ("https://wire.example/story.php", b"", "text/html; charset=utf-8", True),
        ("https://wire.example/story.php", b"", "application/xhtml+xml", True),
        ("saved", b"\xef\xbb\xbf<!DOCTYPE html><html>", None, True),
        ("saved", b"<!-- saved from url=(0014)about:internet -->\n<html>", None, True),
        ("saved", b"  <HEAD><title>x</title>", None, True),
        ("saved", b"<rss version='2.0'>", None, False),
        ("notes.txt", b"Shelling in <b>Izium</b>", None, False),
    ],
)
def test_accepts(name: str, data: bytes, content_type: str | None, accepted: bool) -> None:
    assert HtmlReader().accepts(Source(name, data, content_type=content_type)) is accepted


@pytest.mark.parametrize("charset", ["undefined", "base64", "rot13", "no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_is_passed_over(charset: str) -> None:
    """Regression: ``<meta charset="undefined">`` raised UnicodeError out of the reader."""
    html = _page(head=f'<meta charset="{charset}"><title>T</title>')
    draft = _draft(html.replace("Kharkiv", "Харків").encode("cp1251"))
    assert "east of Харків on Friday" in draft.text
    assert draft.extra["encoding"] == "cp1251"
