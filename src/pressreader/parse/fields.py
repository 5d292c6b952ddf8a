"""One small extractor per field, each an ordered chain of sources, surest first."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import lru_cache

import lxml.etree
from cssselect import GenericTranslator, SelectorError

from ..errors import SiteError
from ..models import Image, clean_text
from .blocks import Block, Page
from .dates import date_from_url, is_date_line, parse_iso_date, parse_visible_date
from .document import Element, text_of
from .metadata import PageMeta, absolute_url

__all__ = ["find_date", "find_lead_image", "find_title", "select", "strip_site_suffix"]

_SUFFIX_SPLIT = re.compile(r"(\s+[-|–—:»]+\s+|\s+::\s+)")
_SITE_WORDS = re.compile(
    r"\b(?:pcc|opcc|pfcc|commissioner|police|crime|news|home|gov\.uk|official)\b", re.IGNORECASE
)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=256)
def _xpath(selector: str) -> lxml.etree.XPath:
    try:
        return lxml.etree.XPath(GenericTranslator().css_to_xpath(selector))
    except (SelectorError, lxml.etree.XPathSyntaxError) as exc:
        raise SiteError(f"bad CSS selector in site registry: {selector!r} ({exc})") from exc


def select(root: Element, selector: str | None) -> list[Element]:
    """Elements matching a CSS selector (from the site registry), in document order.

    >>> root = lxml.etree.fromstring("<div><h1 class='t'>Hi</h1></div>")
    >>> [e.text for e in select(root, "h1.t")]
    ['Hi']
    """
    if not selector:
        return []
    found = _xpath(selector)(root)
    return [e for e in found if isinstance(e, Element)] if isinstance(found, list) else []


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """A ``<title>`` without its " - Site name" part; other separators are left alone.

    >>> strip_site_suffix("PCC responds to report - Warwickshire PCC")
    'PCC responds to report'
    >>> strip_site_suffix("Kent PCC | Matthew Scott is elected")
    'Matthew Scott is elected'
    >>> strip_site_suffix("Mes tomates sans arrosage : la méthode complète")
    'Mes tomates sans arrosage : la méthode complète'
    """
    pieces = _SUFFIX_SPLIT.split(title)  # text, separator, text, separator, ...
    site = (site_name or "").lower()

    def is_site(part: str) -> bool:
        words = _WORD.findall(part)
        return bool(site and part.lower() == site) or (len(words) <= 6 and bool(_SITE_WORDS.search(part)))

    while len(pieces) >= 3 and is_site(pieces[-1]):
        del pieces[-2:]
    while len(pieces) >= 3 and is_site(pieces[0]):
        del pieces[:2]
    return "".join(pieces)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _similar(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(len(wa | wb), 1)


def find_title(
    page: Page, meta: PageMeta, roots: Sequence[Element], site_title: Sequence[Element]
) -> tuple[str | None, int | None]:
    """The headline and the order of its block (``None`` when it came from metadata)."""
    for element in site_title:
        text = " ".join(clean_text(text_of(element)).split())
        if text:
            return text, _order_of(page, element)
    hints = [h for h in (meta.og_title, meta.jsonld_headline, meta.title_tag) if h]
    first_story = _first_order_in(page, roots)
    # A heading of control characters only (they never reach the reader) is no headline.
    worded = [b for b in page.blocks if b.heading and b.noise != "chrome" and clean_text(b.text).strip()]
    h1s = [b for b in worded if b.heading == 1]
    if h1s:
        def rank(block: Block) -> tuple[float, int]:
            similarity = max((_similar(block.text, h) for h in hints), default=0.0)
            before_story = first_story is None or block.order <= first_story
            return similarity + (0.5 if before_story else 0.0), -block.order

        best = max(h1s, key=rank)
        if len(h1s) == 1 or rank(best)[0] > 0.5 or not hints:
            return best.text, best.order
    if meta.og_title:
        return strip_site_suffix(meta.og_title, meta.site_name), None
    if meta.jsonld_headline:
        return " ".join(meta.jsonld_headline.split()), None
    if meta.title_tag:
        return strip_site_suffix(meta.title_tag, meta.site_name), None
    return (worded[0].text, worded[0].order) if worded else (None, None)


def _order_of(page: Page, element: Element) -> int | None:
    for block in page.blocks:
        if block.element is element:
            return block.order
    return None


def _first_order_in(page: Page, roots: Sequence[Element]) -> int | None:
    if not roots:
        return None
    root_set = set(roots)
    for block in page.blocks:
        node: Element | None = block.element
        while node is not None:
            if node in root_set:
                return block.order
            node = node.getparent()
    return None


def _time_value(element: Element) -> datetime.date | None:
    value = element.get("datetime") or element.get("content") or element.get("title") or ""
    found = parse_iso_date(value) if value else None
    return found or parse_visible_date(" ".join(text_of(element).split()))


def find_date(
    page: Page,
    meta: PageMeta,
    title_order: int | None,
    site_date: Sequence[Element],
    url: str | None = None,
) -> tuple[datetime.date | None, datetime.date | None, int | None, str | None]:
    """Publication date, updated date, the order of the visible date block used, and the source.

    The source names where the date came from, surest first: ``"site"``,
    ``"jsonld"``, ``"meta"``, ``"time"``, ``"url"``, ``"line"``, ``"byline"``
    (``None`` when no date was found).
    """
    published: datetime.date | None = None
    used: int | None = None
    source: str | None = None
    for element in site_date:
        published = _time_value(element)
        if published:
            used, source = _order_of(page, element), "site"
            break
    if published is None and meta.jsonld_published:
        published = parse_iso_date(meta.jsonld_published)
        source = "jsonld" if published else None
    for value in meta.published:
        if published is None:
            published = parse_iso_date(value)
            source = "meta" if published else None
    start = title_order if title_order is not None else -1
    title_seq = page.blocks[title_order].seq if title_order is not None else -1
    if published is not None and source in ("jsonld", "meta"):
        # A time stamp's calendar date depends on the time zone it is read in: the
        # date the page prints beside its headline, a day either way, is the one readers see.
        shown = _shown_near(page, start, published)
        if shown is not None:
            published, used = shown
    if published is None:
        # <time> elements that belong to the article: after its headline, not in furniture.
        candidates = [t for t in page.times if t[2] != "chrome" and t[1].get("itemprop") != "dateModified"]
        after = [t for t in candidates if t[0] > title_seq] or candidates
        for _, element, _kind in after:
            published = _time_value(element)
            if published:
                source = "time"
                break
    if published is None:
        published = date_from_url(url)
        source = "url" if published else None
    if published is None:
        # Visible date lines; a date in a list item belongs to another post in a list.
        lines = [b for b in page.blocks if b.noise != "chrome" and b.element.tag != "li"]
        ordered = [b for b in lines if b.order > start] + [b for b in lines if b.order <= start]
        for block in ordered:
            if is_date_line(block.text) and not block.text.lower().startswith(("updated", "last updated")):
                published = parse_visible_date(block.text)
                used, source = block.order, "line"
                break
    if published is None:
        # A byline after the headline: "PCC Blog · 11 September 2023 · 8 minute read",
        # "Pressemitteilung vom 20.01.2022", "By Jane Doe | 27.06.2018 09:54".
        for block in page.blocks[start + 1 : start + 6] if start >= 0 else ():
            text = block.text
            if len(text) <= 120 and (block.noise in ("meta", "header") or len(text) <= 60):
                if text.lower().startswith(("updated", "last updated", "aktualisiert", "mis à jour")):
                    continue
                published = parse_visible_date(text)
                if published:
                    used, source = block.order, "byline"
                    break
    return published, _updated(page, meta, published), used, source


def _updated(page: Page, meta: PageMeta, published: datetime.date | None) -> datetime.date | None:
    """The date the page says it was updated, when that is after ``published``."""
    updated = None
    for value in [v for v in (meta.jsonld_modified, *meta.modified) if v]:
        updated = parse_iso_date(value)
        if updated:
            break
    if updated is None:
        for block in page.blocks:
            lowered = block.text.lower()
            if block.noise != "chrome" and lowered.startswith(("updated", "last updated")) and is_date_line(lowered):
                updated = parse_visible_date(block.text)
                break
    if updated is not None and (updated == published or (published and updated < published)):
        updated = None
    return updated


def _shown_near(page: Page, start: int, stated: datetime.date) -> tuple[datetime.date, int | None] | None:
    """A date shown near the headline that differs from ``stated`` by one day, and its block."""
    one_day = datetime.timedelta(days=1)

    def close(day: datetime.date | None) -> bool:
        return day is not None and day != stated and abs(day - stated) <= one_day

    for block in page.blocks[start + 1 : start + 8] if start >= 0 else page.blocks[:8]:
        if block.noise == "chrome" or len(block.text) > 120:
            continue
        day = parse_visible_date(block.text)
        if day == stated:
            return None
        if day is not None and close(day):
            return day, block.order if is_date_line(block.text) else None
    return None


def find_lead_image(
    page: Page, meta: PageMeta, base: str | None, title_order: int | None, story: Sequence[Block]
) -> Image | None:
    """The featured image: shown after the headline and before the story's second paragraph."""
    start = page.blocks[title_order].seq if title_order is not None else 0
    end = story[1].seq if len(story) > 1 else story[0].seq + 50 if story else start
    for seq, element, kind in page.images:
        if kind == "chrome" or seq <= start or seq >= end:
            continue
        if _is_small(element) or _is_logo(element) or (kind == "header" and title_order is None):
            continue
        url = absolute_url(element.get("src") or element.get("data-src"), base)
        if url:
            alt = " ".join((element.get("alt") or "").split()) or None
            if meta.og_image and _same_file(url, meta.og_image):
                url = meta.og_image  # the declared image, without resizing parameters
            return Image(url, alt)
    if meta.og_image:
        for _, element, _kind in page.images:
            src = absolute_url(element.get("src"), base)
            if src == meta.og_image:
                return Image(meta.og_image, " ".join((element.get("alt") or "").split()) or None)
        return Image(meta.og_image, None)
    return None


def _is_logo(element: Element) -> bool:
    described = " ".join(element.get(a) or "" for a in ("src", "class", "id", "alt")).lower()
    if "logo" in described:
        return True
    link = element.getparent()
    return link is not None and link.tag == "a" and (link.get("href") or "").strip() in ("/", "/index.php", "#")


def _same_file(a: str, b: str) -> bool:
    return a.split("?", 1)[0].split("#", 1)[0] == b.split("?", 1)[0].split("#", 1)[0]


def _is_small(element: Element) -> bool:
    for attribute in ("width", "height"):
        value = (element.get(attribute) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < 64:
            return True
    return False
