"""Reading sitemaps (sitemaps.org 0.9): URL sets, sitemap indexes, Google News sitemaps, gzip.

A site's sitemap lists pages no listing shows any more, which is how a crawl
finds the oldest releases. :func:`parse_sitemap` reads one document (plain
or gzip-compressed, never expanding past a size limit, without entities,
DTDs or network) into its page entries and the child sitemaps it points to;
:func:`wanted_child` tells which children of an index can hold releases.

    >>> doc = b'''<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    ...   xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://pcc.example/a/</loc>
    ...   <lastmod>2019-05-01T10:00:00+00:00</lastmod><news:news><news:publication_date>2019-04-30
    ...   </news:publication_date><news:title>A visit</news:title></news:news></url></urlset>'''
    >>> found = parse_sitemap(doc, "https://pcc.example/sitemap.xml")
    >>> [(e.url, str(e.date), e.title, e.news) for e in found.entries], found.children
    ([('https://pcc.example/a/', '2019-04-30', 'A visit', True)], [])
"""

from __future__ import annotations

import datetime
import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..parse.dates import parse_iso_date

__all__ = ["MAX_SITEMAP_BYTES", "Sitemap", "SitemapEntry", "SitemapError", "parse_sitemap", "wanted_child"]

#: A sitemap may hold 50,000 URLs and 50 MB uncompressed (sitemaps.org); a little more is allowed.
MAX_SITEMAP_BYTES = 60_000_000
#: Child sitemaps of these kinds hold no releases (WordPress core, Yoast, Rank Math and others).
_OTHER_KINDS = re.compile(
    r"(?:^|[-_/])(?:page|pages|category|categories|tag|tags|author|authors|user|users|taxonom\w*|"
    r"attachment|media|image|video|product|event|location|staff|team|glossary)(?:[-_.\d]|$)",
    re.IGNORECASE,
)


class SitemapError(ValueError):
    """A document that is not a readable sitemap (or is larger than :data:`MAX_SITEMAP_BYTES`)."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One page of a sitemap: its URL, the publication date (Google News) or last
    modification date, its title when a news sitemap gives one, and whether it came from one."""

    url: str
    date: datetime.date | None = None
    title: str | None = None
    news: bool = False
    modified: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """What one sitemap document lists: pages, and (for an index) more sitemaps."""

    entries: list[SitemapEntry] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _text(el: etree._Element, *path: str) -> str | None:
    current = el
    for name in path:
        found = next((c for c in current if _local(c.tag) == name), None)
        if found is None:
            return None
        current = found
    value = " ".join("".join(str(t) for t in current.itertext()).split())
    return value or None


def _gunzip(body: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, MAX_SITEMAP_BYTES + 1)
    except zlib.error as exc:
        raise SitemapError(f"the compressed sitemap is corrupt: {exc}") from exc
    if len(out) > MAX_SITEMAP_BYTES or inflater.unconsumed_tail:
        raise SitemapError(f"the sitemap is larger than {MAX_SITEMAP_BYTES:,} bytes uncompressed")
    if not inflater.eof:
        raise SitemapError("the compressed sitemap is corrupt: it ends early")
    return out


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """The entries and child sitemaps of one sitemap document (gzip or plain XML).

    >>> index = b'<sitemapindex><sitemap><loc>/post-sitemap.xml.gz</loc></sitemap></sitemapindex>'
    >>> parse_sitemap(index, "https://pcc.example/sitemap_index.xml").children
    ['https://pcc.example/post-sitemap.xml.gz']
    >>> parse_sitemap(b"<html>Not found</html>", "https://pcc.example/sitemap.xml")
    Traceback (most recent call last):
      ...
    pressreader.web.sitemaps.SitemapError: not a sitemap (its root element is <html>)
    """
    if body[:2] == b"\x1f\x8b":
        body = _gunzip(body)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(body, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise SitemapError(f"not a sitemap: {exc}") from exc
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        name = _local(root.tag) if root is not None else "nothing"
        raise SitemapError(f"not a sitemap (its root element is <{name}>)")
    found = Sitemap()
    for el in root:
        kind = _local(el.tag)
        loc = _text(el, "loc")
        if not loc:
            continue
        target = urljoin(url, loc)
        if urlsplit(target).scheme not in ("http", "https"):
            continue
        if kind == "sitemap":
            found.children.append(target)
        elif kind == "url":
            published = _text(el, "news", "publication_date")
            modified = _text(el, "lastmod")
            found.entries.append(
                SitemapEntry(
                    target,
                    _date(published) or _date(modified),
                    _text(el, "news", "title"),
                    news=published is not None or _text(el, "news", "title") is not None,
                    modified=modified,
                )
            )
    return found


def _date(text: str | None) -> datetime.date | None:
    return parse_iso_date(text) if text else None


def wanted_child(url: str) -> bool:
    """Could the child sitemap at ``url`` list releases (posts, news), rather than pages, tags, authors?

    >>> [wanted_child(f"https://x.example/{n}") for n in ("wp-sitemap-posts-post-1.xml", "post-sitemap2.xml",
    ...  "news-sitemap.xml", "wp-sitemap-posts-page-1.xml", "category-sitemap.xml", "wp-sitemap-users-1.xml",
    ...  "sitemap.xml?page=2")]
    [True, True, True, False, False, False, True]
    """
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    return not _OTHER_KINDS.search(name.removesuffix(".gz").removesuffix(".xml"))
