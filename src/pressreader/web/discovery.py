"""Finding a site's articles, newest first: WordPress REST API, then feed, then HTML listing.

:func:`discover` takes a registry site name ("warwickshire") or any listing
URL and yields :class:`ArticleLink` values, stopping at ``since`` or
``limit``. The WordPress API and feeds give dates (and often content); the
article page itself stays the source of truth for quotes, so a crawl still
fetches it. Feeds are parsed with lxml safely (no entity expansion, no DTD,
no network). HTML listings are read by :mod:`pressreader.web.listing`.

    >>> from pressreader.web.discovery import ArticleLink
    >>> ArticleLink("https://pcc.example/news/a/", "A story", None, "listing").source
    'listing'
"""

from __future__ import annotations

import datetime
import email.utils
import html as html_lib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlencode, urljoin, urlsplit

from lxml import etree

from ..errors import (
    BlockedByFirewall,
    FetchError,
    HTTPStatusError,
    RobotsDisallowed,
    SiteError,
)
from ..parse.dates import parse_iso_date
from ..sites import DEFAULT_REGISTRY, Site, SiteRegistry
from .fetcher import Fetcher
from .listing import is_article_url, listing_links, same_site
from .messages import FetchOptions, Response
from .sitemaps import SitemapError, parse_sitemap, wanted_child

__all__ = ["ArticleLink", "LinkSource", "discover", "resolve_site"]

log = logging.getLogger(__name__)

LinkSource = Literal["wp-api", "feed", "listing", "sitemap"]

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
JSON_TYPES = ("application/json",)
_MAX_PAGES = 1000
#: How many sitemap documents one crawl reads at most (an index of 50,000 children is not followed whole).
_MAX_SITEMAPS = 200
#: Where sitemaps usually are, tried in turn when robots.txt names none.
_SITEMAP_PATHS = ("/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """An article found by discovery.

    ``date`` is the publication date the API, feed or listing shows (``None``
    when it shows none); ``content`` the article HTML when the API or feed
    carries it; ``modified`` a modification stamp (WordPress ``modified_gmt``,
    Atom ``updated``) that lets a re-crawl skip an unchanged page without a
    request.
    """

    url: str
    title: str | None
    date: datetime.date | None
    source: LinkSource
    content: str | None = None
    modified: str | None = None


def resolve_site(site_or_url: str, registry: SiteRegistry = DEFAULT_REGISTRY) -> tuple[Site | None, str]:
    """The registry site (if any) and the URL to start from, for a site name or a URL.

    >>> site, start = resolve_site("warwickshire")
    >>> site.key, start
    ('warwickshire', 'https://www.warwickshire-pcc.gov.uk/')
    >>> resolve_site("https://example.org/news/")
    (None, 'https://example.org/news/')
    """
    text = site_or_url.strip()
    if "://" in text:
        return registry.find(text), text
    site = registry.find(text)
    if site is not None:
        return site, site.news_url or site.home
    if "." in text and " " not in text and "/" not in text:
        return None, f"https://{text}/"
    registry.lookup(text)  # raises SiteError naming close matches
    raise SiteError(f"unknown site {text!r}")  # pragma: no cover - lookup always raises here


def discover(
    site_or_url: str,
    *,
    since: datetime.date | None = None,
    limit: int | None = None,
    fetcher: Fetcher | None = None,
    registry: SiteRegistry = DEFAULT_REGISTRY,
    sitemaps: bool = True,
) -> Iterator[ArticleLink]:
    """Article links of a site or listing, newest first, until ``since`` or ``limit``.

    Tries the WordPress REST API, then the RSS/Atom feed (continuing with the
    HTML listing when the feed ends before ``since``), then the HTML listing
    with its pagination; then, when ``since`` is not given and ``sitemaps``
    is true, the releases in the site's sitemaps that none of those listed
    (robots.txt ``Sitemap:`` lines, else ``/sitemap.xml``,
    ``/sitemap_index.xml``, ``/wp-sitemap.xml``; indexes, news sitemaps and
    gzip followed). Each URL is yielded once, and only URLs on the site
    itself. Raises :class:`~pressreader.errors.FetchError` when the listing
    itself cannot be fetched (a firewall 403 is reported as such, never as
    "no articles").

    >>> list(discover("https://pcc.example/news/", limit=0))
    []
    """
    if limit is not None and limit <= 0:
        return
    site, start = resolve_site(site_or_url, registry)
    own = fetcher is None
    active = fetcher or Fetcher(FetchOptions())
    try:
        yield from _Discovery(active, site, start, since, limit).run(sitemaps=sitemaps)
    finally:
        if own:
            active.close()


class _Discovery:
    def __init__(
        self, fetcher: Fetcher, site: Site | None, start: str, since: datetime.date | None, limit: int | None
    ) -> None:
        self.fetcher = fetcher
        self.site = site
        self.start = start
        self.since = since
        self.limit = limit
        self.seen: set[str] = set()
        parts = urlsplit(start)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.refusal: FetchError | None = None
        self.start_page: Response | None = None

    def done(self) -> bool:
        return self.limit is not None and len(self.seen) >= self.limit

    def take(self, link: ArticleLink) -> bool:
        """Record ``link``; True when it should be yielded."""
        if link.url in self.seen or not same_site(link.url, self.start):
            return False
        if self.since and link.date and link.date < self.since:
            return False
        self.seen.add(link.url)
        return True

    def run(self, *, sitemaps: bool) -> Iterator[ArticleLink]:
        yield from self.listed()
        if sitemaps and self.since is None and not self.done():
            # The whole back catalogue: the sitemap lists releases no listing shows any more.
            for link in self.sitemap_links():
                if self.take(link):
                    yield link
                if self.done():
                    return

    def listed(self) -> Iterator[ArticleLink]:
        if self.site is None or self.site.platform in ("wordpress", "unknown"):
            found_api = False
            for link in self.wp_api():
                found_api = True
                if self.take(link):
                    yield link
                if self.done():
                    return
            if found_api:
                return
        feed_complete = False
        for item, complete in self.feed():
            feed_complete = complete
            if item is not None and self.take(item):
                yield item
            if self.done():
                return
        if feed_complete:
            return
        for link in self.listing():
            if self.take(link):
                yield link
            if self.done():
                return

    # -- WordPress REST API ----------------------------------------------------------------------------

    def wp_api(self) -> Iterator[ArticleLink]:
        params: dict[str, str | int] = {
            "per_page": 100,
            "_fields": "id,link,title,date,modified_gmt,content",
            "orderby": "date",
            "order": "desc",
        }
        if self.since:
            params["after"] = f"{self.since - datetime.timedelta(days=1)}T23:59:59"
        for page in range(1, _MAX_PAGES + 1):
            url = f"{self.origin}/wp-json/wp/v2/posts?{urlencode({**params, 'page': page})}"
            try:
                response = self.fetcher.fetch(url, accept=JSON_TYPES)
                posts = json.loads(response.body)
            except (BlockedByFirewall, RobotsDisallowed) as exc:
                self.refusal = self.refusal or exc
                return
            except HTTPStatusError as exc:
                if page > 1 and exc.status == 400:  # rest_post_invalid_page_number: past the end
                    return
                if page > 1:
                    raise
                log.info("no WordPress API at %s: %s", self.origin, exc)
                return
            except (FetchError, ValueError) as exc:
                if page > 1:
                    raise FetchError(f"the WordPress API failed on page {page}: {exc}", url=url) from exc
                log.info("no WordPress API at %s: %s", self.origin, exc)
                return
            if not isinstance(posts, list) or not posts:
                return
            for post in posts:
                link = _api_link(post)
                if link is not None:
                    yield link
            older = [link.date for link in map(_api_link, posts) if link and link.date]
            if self.since and older and min(older) < self.since:
                return
            total = response.headers.get("x-wp-totalpages", "")
            if total.isdigit() and page >= int(total):
                return

    # -- feeds -----------------------------------------------------------------------------------------

    def feed(self) -> Iterator[tuple[ArticleLink | None, bool]]:
        """Feed items, each with whether the feed has reached ``since`` (nothing older is needed)."""
        for feed_url in self.feed_urls():
            try:
                response = self.fetcher.fetch(feed_url, accept=FEED_TYPES)
                links = parse_feed(response.body, feed_url)
            except (BlockedByFirewall, RobotsDisallowed) as exc:
                self.refusal = self.refusal or exc
                continue
            except (FetchError, FeedError) as exc:
                log.info("no usable feed at %s: %s", feed_url, exc)
                continue
            if not links:
                continue
            page = 1
            while links:
                new = [link for link in links if link.url not in self.seen]
                if not new:
                    break
                for link in new:
                    yield link, False
                oldest = min((link.date for link in links if link.date), default=None)
                if self.since and oldest and oldest < self.since:
                    yield None, True
                    return
                page += 1
                if page > _MAX_PAGES or self.done():
                    break
                paged = f"{feed_url}{'&' if '?' in feed_url else '?'}paged={page}"
                try:
                    links = parse_feed(self.fetcher.fetch(paged, accept=FEED_TYPES).body, paged)
                except (FetchError, FeedError):
                    break
            return

    def feed_urls(self) -> list[str]:
        urls: list[str] = []
        page = self.start_page_or_none()
        if page is not None:
            try:
                doc = etree.fromstring(page.body, etree.HTMLParser(no_network=True))
            except (etree.ParserError, ValueError):
                doc = None
            found = [] if doc is None else doc.xpath("//link[@rel='alternate'][@href]")
            for el in found if isinstance(found, list) else []:
                if not isinstance(el, etree._Element):
                    continue
                kind = str(el.get("type") or "").lower()
                href = urljoin(page.final_url, str(el.get("href")))
                if kind in FEED_TYPES and "comments" not in href and same_site(href, self.start):
                    urls.append(href)
        is_wp = self.site is None or self.site.platform in ("wordpress", "unknown")
        if not urls and is_wp:
            urls.append(f"{self.origin}/feed/")
        return urls

    # -- sitemaps ------------------------------------------------------------------------------------

    def sitemap_links(self) -> Iterator[ArticleLink]:
        """Releases in the site's sitemaps (from robots.txt, else the usual addresses), newest first."""
        named = [u for u in self.fetcher.sitemaps(self.origin) if same_site(u, self.start)]
        guesses = [f"{self.origin}{path}" for path in _SITEMAP_PATHS]
        todo = named or list(guesses)
        found: list[ArticleLink] = []
        read: set[str] = set()
        while todo and len(read) < _MAX_SITEMAPS:
            url = todo.pop(0)
            if url in read:
                continue
            read.add(url)
            try:
                sitemap = parse_sitemap(self.fetcher.fetch(url, accept=("*/*",)).body, url)
            except (FetchError, SitemapError) as exc:
                log.info("no usable sitemap at %s: %s", url, exc)
                continue
            todo.extend(c for c in sitemap.children if wanted_child(c) and same_site(c, self.start))
            for entry in sitemap.entries:
                if is_article_url(entry.url, self.start):
                    found.append(ArticleLink(entry.url, entry.title, entry.date if entry.news else None, "sitemap"))
            if not named and (sitemap.entries or sitemap.children):
                todo = [u for u in todo if u not in guesses]  # found one: stop guessing
        dated = sorted(found, key=lambda link: link.date or datetime.date.min, reverse=True)
        yield from dated

    # -- HTML listing ----------------------------------------------------------------------------------

    def start_page_or_none(self) -> Response | None:
        if self.start_page is None:
            try:
                self.start_page = self.fetcher.fetch(self.start)
            except FetchError as exc:
                self.refusal = self.refusal or exc
                return None
        return self.start_page

    def listing(self) -> Iterator[ArticleLink]:
        response = self.start_page_or_none()
        if response is None:
            assert self.refusal is not None
            raise self.refusal
        visited = {self.start, response.final_url}
        listed: set[str] = set()
        signature: str | None = None
        for _page in range(_MAX_PAGES):
            found = listing_links(response.markup, response.final_url, signature=signature)
            signature = signature or found.signature
            fresh = 0
            for item in found.items:
                if item.url not in listed:
                    fresh += 1
                    listed.add(item.url)
                yield ArticleLink(item.url, item.title, item.date, "listing")
            dates = [i.date for i in found.items if i.date]
            if self.since and dates and min(dates) < self.since:  # newest first: the rest are older
                return
            if not found.items or not fresh or not found.next_url or found.next_url in visited:
                return
            visited.add(found.next_url)
            response = self.fetcher.fetch(found.next_url)


class FeedError(ValueError):
    """Internal: a document that is not a readable RSS or Atom feed."""


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(el: etree._Element, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            return " ".join("".join(str(t) for t in child.itertext()).split()) or None
    return None


def parse_feed(body: bytes, url: str) -> list[ArticleLink]:
    """Items of an RSS 2.0, RSS 1.0 or Atom feed, parsed without entities, DTDs or network.

    >>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><item><title>PCC visit</title>
    ... <link>https://pcc.example/news/visit/</link><pubDate>Sat, 08 May 2021 10:00:00 +0000</pubDate>
    ... </item></channel></rss>'''
    >>> [(x.url, x.title, str(x.date)) for x in parse_feed(rss, "https://pcc.example/feed/")]
    [('https://pcc.example/news/visit/', 'PCC visit', '2021-05-08')]
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a feed: {exc}") from exc
    if root is None or _local(root.tag) not in ("rss", "feed", "rdf"):
        raise FeedError("not an RSS or Atom feed")
    links: list[ArticleLink] = []
    for el in root.iter():
        kind = _local(el.tag)
        if kind == "item":
            href = _child_text(el, "link") or _child_text(el, "guid")
            when = _child_text(el, "pubdate") or _child_text(el, "date")
            content = _child_text(el, "encoded")
            modified = None
        elif kind == "entry":
            href = next(
                (
                    str(c.get("href"))
                    for c in el
                    if _local(c.tag) == "link" and c.get("href") and c.get("rel", "alternate") == "alternate"
                ),
                None,
            )
            when = _child_text(el, "published") or _child_text(el, "updated")
            content = _child_text(el, "content")
            modified = _child_text(el, "updated")
        else:
            continue
        if not href:
            continue
        links.append(
            ArticleLink(
                urljoin(url, href.strip()),
                _child_text(el, "title"),
                _feed_date(when),
                "feed",
                content,
                modified,
            )
        )
    return links


def _feed_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return parse_iso_date(value)


def _api_link(post: Any) -> ArticleLink | None:
    if not isinstance(post, dict) or not isinstance(post.get("link"), str):
        return None
    title = post.get("title")
    rendered = title.get("rendered") if isinstance(title, dict) else None
    content = post.get("content")
    body = content.get("rendered") if isinstance(content, dict) else None
    date = post.get("date")
    modified = post.get("modified_gmt")
    return ArticleLink(
        url=post["link"],
        title=html_lib.unescape(_TAG.sub("", rendered)).strip() or None if isinstance(rendered, str) else None,
        date=parse_iso_date(date) if isinstance(date, str) else None,
        source="wp-api",
        content=body if isinstance(body, str) else None,
        modified=modified if isinstance(modified, str) else None,
    )
