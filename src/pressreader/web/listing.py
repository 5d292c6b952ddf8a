"""Article links on an HTML listing page, decided by the page's own repeated structure.

Pure: takes a page's text and URL, never fetches. A news listing shows its
items in one repeated structure (the same chain of elements and classes
around each headline link, usually with a date and a heading). Menus, tag
clouds, pagination, footers, share buttons, assets, ``mailto:`` and script
links either sit in navigation regions or fail the URL tests, and ordinary
pages (about, contact) are not part of the repeated item structure::

    >>> page = '''<html><body><nav><a href="/about/">About us</a><a href="/contact/">Contact</a></nav>
    ... <div class="news"><div class="item"><h3><a href="/news/new-officers/">New officers for Rugby</a></h3>
    ... <span>8 May 2021</span></div><div class="item"><h3><a href="/news/cctv/">CCTV for the town centre</a>
    ... </h3><span>1 May 2021</span></div></div><a href="/news/page/2/">Next</a></body></html>'''
    >>> found = listing_links(page, "https://pcc.example/news/")
    >>> [(i.url, i.title, str(i.date)) for i in found.items]
    [('https://pcc.example/news/new-officers/', 'New officers for Rugby', '2021-05-08'), \
('https://pcc.example/news/cctv/', 'CCTV for the town centre', '2021-05-01')]
    >>> found.next_url
    'https://pcc.example/news/page/2/'
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from lxml import etree, html

from ..parse.dates import parse_iso_date, parse_visible_date

__all__ = ["ListingItem", "ListingPage", "is_article_url", "listing_links", "page_number", "same_site"]

_NOT_ARTICLE_PATH = re.compile(
    r"/(tags?|category|categories|author|authors|topics?|page|feed|rss|wp-admin|wp-login\.php|wp-content|"
    r"wp-includes|wp-json|search|comments?|login|account|cart|xmlrpc\.php)(/|$)",
    re.IGNORECASE,
)
_NOT_ARTICLE_QUERY = frozenset({"page", "paged", "s", "replytocom", "cat", "tag", "author", "feed", "share"})
_ASSET = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|csv|zip|jpe?g|png|gif|svg|webp|bmp|ico|mp3|mp4|m4a|wav|mov|avi|ics|"
    r"xml|json|rss|css|js|txt)$",
    re.IGNORECASE,
)
_NOISE_TAGS = frozenset({"nav", "header", "footer", "aside"})
_NOISE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_NOISE_TOKENS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "mainmenu", "main-menu", "menubar", "breadcrumb",
        "breadcrumbs", "pagination", "pager", "page-numbers", "nav-links", "footer", "site-footer", "header",
        "site-header", "masthead", "sidebar", "widget", "widget-area", "share", "sharing", "sharedaddy",
        "social", "skip-link", "cookie", "cookie-banner", "tagcloud", "tag-cloud", "tags", "categories",
        "related", "related-posts",
    }
)  # fmt: skip
_NEXT_TEXT = re.compile(r"^\s*(next|older|more news|more posts|»|›|>)|(»|›|>|→)\s*$", re.IGNORECASE)
_PAGE_IN_PATH = re.compile(r"/page/(\d+)/?$")
_PAGE_KEYS = ("page", "paged", "pg")


@dataclass(frozen=True, slots=True)
class ListingItem:
    """One article link found on a listing page."""

    url: str
    title: str | None
    date: datetime.date | None


@dataclass(frozen=True, slots=True)
class ListingPage:
    """The article links of one listing page, the link to the next page, and the item structure."""

    items: tuple[ListingItem, ...]
    next_url: str | None
    signature: str | None


def _host(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return f"{host}:{parts.port}" if parts.port else host


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on one host ("www." ignored).

    >>> same_site("https://www.pcc.example/a", "http://pcc.example/b")
    True
    >>> same_site("https://x.example/", "https://y.example/")
    False
    """
    return _host(url) == _host(other)


def page_number(url: str) -> int:
    """The listing page number a URL names (``/page/3/``, ``?page=3``, ``?paged=3``), else 1.

    >>> page_number("https://x.example/news/page/3/"), page_number("https://x.example/n.aspx?page=2"), page_number("/n")
    (3, 2, 1)
    """
    parts = urlsplit(url)
    match = _PAGE_IN_PATH.search(parts.path)
    if match:
        return int(match.group(1))
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_KEYS and value.isdigit():
            return int(value)
    return 1


def is_article_url(url: str, listing_url: str) -> bool:
    """Could ``url`` be an article of the site whose listing is ``listing_url``?

    >>> base = "https://pcc.example/news/"
    >>> [is_article_url(u, base) for u in ("https://pcc.example/news/a-story/", "https://pcc.example/tag/x/",
    ...     "https://pcc.example/plan.pdf", "mailto:a@b.c", "https://o.example/news/a/", base + "page/2/")]
    [True, False, False, False, False, False]
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not same_site(url, listing_url):
        return False
    path = parts.path or "/"
    if path == "/" and not parts.query:
        return False
    if urldefrag(url)[0].rstrip("/") == urldefrag(listing_url)[0].rstrip("/"):
        return False
    if _NOT_ARTICLE_PATH.search(path) or _ASSET.search(path):
        return False
    return not any(key.lower() in _NOT_ARTICLE_QUERY for key, _ in parse_qsl(parts.query, keep_blank_values=True))


def _tokens(el: etree._Element) -> list[str]:
    text = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return text.split()


def _in_noise(anchor: etree._Element) -> bool:
    ancestors = list(anchor.iterancestors())
    # Inside an <article>, its own header and footer belong to the item: judge only what is above it.
    start = next((i + 1 for i, el in enumerate(ancestors) if el.tag == "article"), 0)
    for el in ancestors[start:]:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _NOISE_TAGS or (el.get("role") or "").lower() in _NOISE_ROLES:
            return True
        if any(t in _NOISE_TOKENS or t.startswith(("menu-", "nav-", "widget")) for t in _tokens(el)):
            return True
    return False


def _signature(anchor: etree._Element) -> str:
    parts = []
    for el in (anchor, *anchor.iterancestors()):
        tag = el.tag if isinstance(el.tag, str) else "?"
        classes = sorted(t for t in (el.get("class") or "").split() if not any(c.isdigit() for c in t))
        parts.append(tag + "".join("." + c for c in classes))
        if tag == "body":
            break
    return " < ".join(parts)


def _text(el: etree._Element) -> str:
    return " ".join(" ".join(str(t) for t in el.itertext()).split())


def _xpath(el: etree._Element, expr: str) -> list[Any]:
    found = el.xpath(expr)
    return list(found) if isinstance(found, list) else []


def listing_links(page: str | bytes, url: str, *, signature: str | None = None) -> ListingPage:
    """The article links of a listing page, newest first as the page shows them.

    ``signature`` is the item structure found on an earlier page of the same
    listing: a last page with a single item is then still recognised.
    """
    try:
        doc = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return ListingPage((), None, None)
    for bad in _xpath(doc, "//script|//style|//noscript|//template"):
        bad.drop_tree()
    groups: dict[str, list[tuple[etree._Element, str]]] = defaultdict(list)
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        target = urldefrag(urljoin(url, href))[0]
        if is_article_url(target, url) and not _in_noise(anchor):
            groups[_signature(anchor)].append((anchor, target))
    best = groups.get(signature) if signature else None
    chosen_signature = signature if best else None
    if not best:
        best, chosen_signature = _best_group(groups)
    items = _items(best) if best else ()
    return ListingPage(items, _next_page(doc, url), chosen_signature)


def _best_group(
    groups: dict[str, list[tuple[etree._Element, str]]],
) -> tuple[list[tuple[etree._Element, str]] | None, str | None]:
    best: list[tuple[etree._Element, str]] | None = None
    best_sig, best_score = None, 0.0
    for sig, members in groups.items():
        urls = {u for _, u in members}
        if len(urls) < 2:
            continue
        items = _items(members)
        dated = sum(1 for i in items if i.date) / len(items)
        headed = sum(1 for a, _ in members if any(isinstance(e.tag, str) and e.tag in _HEADINGS
                                                  for e in a.iterancestors())) / len(members)  # fmt: skip
        words = sum(len((i.title or "").split()) for i in items) / len(items)
        if not dated and not headed and words < 4:
            continue  # a plain list of short links: a menu, not news
        score = len(urls) * (1 + 2 * dated + headed + (1 if words >= 4 else 0))
        if score > best_score:
            best, best_sig, best_score = members, sig, score
    return best, best_sig


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _items(members: list[tuple[etree._Element, str]]) -> tuple[ListingItem, ...]:
    # For every element, the set of distinct item URLs below it: an item's container is the
    # highest ancestor of its link that holds no other item.
    below: dict[etree._Element, set[str]] = defaultdict(set)
    for anchor, target in members:
        for el in (anchor, *anchor.iterancestors()):
            below[el].add(target)
    seen: dict[str, ListingItem] = {}
    order: list[str] = []
    for anchor, target in members:
        container = anchor
        for el in anchor.iterancestors():
            if len(below[el]) != 1:
                break
            container = el
        title = _text(anchor)
        if len(title.split()) < 2:
            heading = _xpath(container, ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")
            title = _text(heading[0]) if heading else title
        date = _item_date(container)
        old = seen.get(target)
        if old is None:
            order.append(target)
        if old is None or len(title) > len(old.title or ""):
            seen[target] = ListingItem(target, title or None, date or (old.date if old else None))
    return tuple(seen[u] for u in order)


def _item_date(container: etree._Element) -> datetime.date | None:
    for value in _xpath(container, ".//time/@datetime"):
        found = parse_iso_date(str(value))
        if found:
            return found
    return parse_visible_date(_text(container)[:400])


def _next_page(doc: etree._Element, url: str) -> str | None:
    for href in _xpath(doc, "//link[@rel='next']/@href|//a[contains(concat(' ', @rel, ' '), ' next ')]/@href"):
        target = urldefrag(urljoin(url, str(href).strip()))[0]
        if same_site(target, url) and target != url:
            return target
    current = page_number(url)
    by_text: str | None = None
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urldefrag(urljoin(url, href))[0]
        if not same_site(target, url) or target == url:
            continue
        if page_number(target) == current + 1 and _same_listing(target, url):
            return target
        if by_text is None and ("next" in _tokens(anchor) or _NEXT_TEXT.search(_text(anchor) or "")):
            by_text = target
    return by_text


def _same_listing(candidate: str, url: str) -> bool:
    """True when ``candidate`` is another page of the listing at ``url`` (same path, paging removed)."""

    def base(u: str) -> str:
        return _PAGE_IN_PATH.sub("/", urlsplit(u).path).rstrip("/")

    return base(candidate) == base(url)
