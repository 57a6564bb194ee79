"""Web pages: the article text through trafilatura, with the page's own metadata.

The stored text is trafilatura's extraction, exactly. Title, publication date (from the
page's markup only: dates mentioned in the article body are not its publication date),
site name and language come from the page; the URL is the page's canonical link, else its
``og:url``, else the URL it was fetched from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any
from urllib.parse import urljoin

from trafilatura import bare_extraction
from trafilatura.utils import load_html

from frontwatch.errors import InputError
from frontwatch.ingest.base import Draft, ReadResult, Source
from frontwatch.ingest.encoding import declared_charset, decode, media_type, sniff_prefix, suffix

__all__ = ["EXTRACTOR", "HTML_SUFFIXES", "HtmlReader", "read_html"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
EXTRACTOR = f"trafilatura@{version('trafilatura')}"
NO_TEXT = "no article text found in HTML"
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_SNIFF = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.-]+)", re.I)
_CONTENT_LANGUAGE = (
    "//meta[translate(@http-equiv,'CONTENTLANGUAGE','contentlanguage')='content-language']/@content"
)
_LANG = re.compile(r"[A-Za-z]{2,3}")
# Page furniture removed before extraction: on a page with no article, trafilatura's
# fallback would otherwise return the menu, a cookie notice or a "enable JavaScript" line.
_OUTSIDE_ARTICLE = "[not(ancestor::article)]"
_BOILERPLATE = [
    "//nav",
    "//noscript",
    f"//header{_OUTSIDE_ARTICLE}",
    f"//footer{_OUTSIDE_ARTICLE}",
    f"//aside{_OUTSIDE_ARTICLE}",
    "//*[@role='navigation' or @role='banner' or @role='contentinfo']",
    # a notice, not a page wrapper that merely carries a class like "cookie-consent-pending"
    "//*[contains(@id,'cookie') or contains(@class,'cookie') or contains(@class,'consent')]"
    "[not(self::html or self::body or .//article or .//main)]",
]


class HtmlReader:
    """HTML files and fetched pages: one Draft, or "no article text found in HTML"."""

    name = "html"

    def accepts(self, source: Source) -> bool:
        if suffix(source) in HTML_SUFFIXES or media_type(source) in HTML_MEDIA_TYPES:
            return True
        return _SNIFF.match(sniff_prefix(source.data, 2048).lstrip("\ufeff")) is not None

    def read(self, source: Source) -> Iterator[ReadResult]:
        yield read_html(source)


def read_html(source: Source) -> Draft | InputError:
    """The article in an HTML source, or an InputError naming the source."""
    try:
        decoded = decode(source.data, source.name, _charset(source))
    except InputError as err:
        return err
    tree = _parse(decoded.text)
    if tree is None:
        return InputError(source.name, NO_TEXT)
    page = _page_metadata(tree, _fetched_url(source))
    try:
        doc = bare_extraction(
            tree,
            url=page.get("url"),
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
            prune_xpath=_BOILERPLATE,
        )
    except Exception as err:
        # trafilatura and lxml fail in many ways on hostile markup: one page, one error.
        return InputError(source.name, f"HTML could not be parsed ({type(err).__name__})")
    text = getattr(doc, "text", None) if doc is not None else None
    if not isinstance(text, str) or not text.strip():
        return InputError(source.name, NO_TEXT)
    return _draft(source, text, doc, page, decoded.encoding)


def _charset(source: Source) -> str | None:
    declared = declared_charset(source)
    if declared:
        return declared
    match = _META_CHARSET.search(source.data[:4096])
    return match.group(1).decode("ascii") if match else None


def _parse(text: str) -> Any:
    """trafilatura's lxml tree of the page, or None (lxml ships no type information)."""
    try:
        tree = load_html(text)
    except Exception:
        # lxml raises assorted errors on hostile markup: read as "no article".
        return None
    return tree


def _fetched_url(source: Source) -> str | None:
    return source.name if source.name.startswith(("http://", "https://")) else None


def _page_metadata(tree: Any, fetched: str | None) -> dict[str, str]:
    """``url`` and ``language`` as the page states them (before trafilatura prunes the tree)."""
    out: dict[str, str] = {}
    url = _canonical(tree, fetched) or fetched
    if url:
        out["url"] = url
    language = _language(tree)
    if language:
        out["language"] = language
    return out


def _canonical(tree: Any, base: str | None) -> str | None:
    queries = (
        "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href",
        "//meta[@property='og:url']/@content",
    )
    for query in queries:
        for href in tree.xpath(query):
            absolute = _absolute(str(href).strip(), base)
            if absolute and absolute.startswith(("http://", "https://")):
                return absolute
    return None


def _absolute(href: str, base: str | None) -> str | None:
    """``href`` resolved against ``base``; None where urllib cannot parse it."""
    try:
        return urljoin(base, href) if base else href
    except ValueError:
        return None


def _language(tree: Any) -> str | None:
    candidates = [
        *tree.xpath("/html/@lang"),
        *tree.xpath("/html/@xml:lang"),
        *tree.xpath(_CONTENT_LANGUAGE),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in candidates:
        match = _LANG.match(str(value).strip())
        if match:
            return match.group(0).lower()
    return None


def _draft(source: Source, text: str, doc: object, page: dict[str, str], encoding: str) -> Draft:
    extra = {"reader": "html", "extractor": EXTRACTOR, "encoding": encoding}
    author = _attr(doc, "author")
    if author:
        extra["author"] = author
    return Draft(
        text=text,
        origin=source.name,
        url=page.get("url") or _attr(doc, "url"),
        outlet=_attr(doc, "sitename"),
        published=_attr(doc, "date"),
        title=_attr(doc, "title"),
        language=page.get("language") or _attr(doc, "language"),
        extra=extra,
    )


def _attr(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None)
    return value.strip() or None if isinstance(value, str) else None
