"""HTML → :class:`~pressreader.models.Article`. Pure: never fetches, safe to call from many threads.

The page is parsed once; then one small extractor per field runs, surest
source first (site selectors from the registry, then JSON-LD and meta tags,
then what the page shows).

    >>> from pressreader.parse import parse_article
    >>> html = '''<html lang="en-GB"><head><title>PCC visits Rugby - Warwickshire PCC</title></head>
    ... <body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>
    ... <h1>PCC visits Rugby</h1><p>Posted on Saturday 8th May 2021</p>
    ... <p>Warwickshire Police and Crime Commissioner Philip Seccombe visited Rugby today.</p>
    ... <p>Mr Seccombe said: “It was a pleasure to meet so many residents.”</p>
    ... <footer>Warwickshire PCC, 3 Northgate Street</footer></body></html>'''
    >>> article = parse_article(html, "https://www.warwickshire-pcc.gov.uk/pcc-visits-rugby/")
    >>> article.title, article.date.isoformat(), len(article.body)
    ('PCC visits Rugby', '2021-05-08', 2)
    >>> q = article.quotes[0]
    >>> q.text, q.speaker, q.role
    ('It was a pleasure to meet so many residents.', 'Philip Seccombe', 'Warwickshire Police and Crime Commissioner')
    >>> article.source.area
    'Warwickshire'
"""

from __future__ import annotations

import datetime
import unicodedata

from ..errors import ParseError, SiteError
from ..models import Article
from ..sites import DEFAULT_REGISTRY, Selectors, Site
from .blocks import Block, Page, walk
from .body import choose_root, fallback_blocks, first_words, split_notes, story_blocks
from .dates import searched_date, visible_dates
from .document import Element, build_tree, reveal_hidden_markup
from .fields import find_date, find_lead_image, find_title, select
from .languages import declared_language, other_languages
from .metadata import read_meta
from .noise import noise_kind
from .quotes import extract_quotes

__all__ = ["extract_quotes", "parse_article"]


def _resolve_site(site: Site | str | None, url: str | None) -> Site | None:
    if isinstance(site, Site):
        return site
    if isinstance(site, str):
        return DEFAULT_REGISTRY.lookup(site)
    if site is not None:
        raise SiteError(f"site must be a Site, a registry key or None, not {type(site).__name__}")
    return DEFAULT_REGISTRY.find(url) if url else None


def parse_article(html: str | bytes, url: str | None = None, *, site: Site | str | None = None) -> Article:
    """Parse one news page into an :class:`~pressreader.models.Article`.

    ``html`` is the page as text or as the bytes served (the encoding is then
    detected). ``url`` is where the page came from: it makes links absolute and
    picks the site from the registry. ``site`` overrides the registry: a
    :class:`~pressreader.sites.Site` (with its own selectors) or a registry key.

    A page whose story cannot be located with confidence still gives an
    Article: its readable text, with ``extraction="fallback"`` (and, when the
    page has no headline at all, its first words as the title). Raises
    :class:`~pressreader.errors.ParseError` only when the page has no readable
    text (an empty shell, an error page, binary data), and never any other
    exception for any input.
    """
    try:
        return _parse(html, url, site)
    except (ParseError, SiteError):
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, LookupError) as exc:
        # A page this broken is a parse failure, not a crash of the caller.
        raise ParseError(f"the page could not be read: {type(exc).__name__}: {exc}", url=url) from exc


_MIN_DESCRIPTION = 40  # characters: a shorter description is a slogan, not a summary


def _revealed_blocks(html: str | bytes, url: str | None, title: str | None) -> tuple[list[Block], list[Element]]:
    """The readable text of markup shown only through scripts (``<noscript>``, HTML templates),
    else of the page's furniture."""
    root, _encoding = build_tree(html, url=url)
    if reveal_hidden_markup(root):
        page = walk(root)
        roots = choose_root(page.blocks)
        blocks = story_blocks(page.blocks, roots, title=title) if roots else []
        if blocks:
            return blocks, roots
        blocks = fallback_blocks(page.blocks, title=title)
        if blocks:
            return blocks, []
    # The last resort: text in containers named like furniture ("sidebar-widget") is text all the same.
    page = walk(root, furniture=True)
    return fallback_blocks(page.blocks, title=title, furniture=True), []


def _searched_date(
    html: str | bytes, url: str | None, root: Element, page: Page, title: str | None
) -> datetime.date | None:
    """The date a whole-page search finds, unless the page shows it only in its furniture.

    A date printed only beside another headline in a list of the page's furniture
    (related news, a sidebar) belongs to another release: no date is better than
    a wrong one. Beside this page's own headline it is this page's.
    """
    found = searched_date(html, url)
    if found is None:
        return None
    if any(found in visible_dates(b.text) for b in page.blocks if b.element.tag != "li"):
        return found
    # Shown only in a list in the page's furniture (related news), it dates another release.
    own = " ".join(title.lower().split()) if title else None
    for item in root.iter("li"):
        text = " ".join(" ".join(t for t in item.itertext() if isinstance(t, str)).split())
        if found in visible_dates(text) and _in_furniture(item):
            if own and own in text.lower():
                return found
            return None
    return found


def _in_furniture(element: Element) -> bool:
    return any(
        noise_kind(node.tag, node.get("class"), node.get("id"), node.get("role")) == "chrome"
        for node in element.iterancestors()
        if isinstance(node.tag, str)
    )


def _parse(html: str | bytes, url: str | None, site: Site | str | None) -> Article:
    chosen = _resolve_site(site, url)
    root, _encoding = build_tree(html, url=url)
    meta = read_meta(root, url)
    if chosen is None and meta.canonical and site is None:
        chosen = DEFAULT_REGISTRY.find(meta.canonical)
    selectors = chosen.selectors if chosen else Selectors()
    site_title = select(root, selectors.title)
    site_date = select(root, selectors.date)
    site_body = select(root, selectors.body)
    # What the site says to remove matters only inside its story element.
    marked = frozenset(e for sel in selectors.remove for e in select(site_body[0], sel)) if site_body else frozenset()

    page = walk(root, marked)
    roots = site_body[:1] or choose_root(page.blocks, page)
    located = bool(roots)
    if not roots:
        body_element = root.find("body")
        roots = [body_element if body_element is not None else root]
    title, title_order = find_title(page, meta, roots, site_title)
    # The date is read from the whole page, whatever becomes of the body.
    published, updated, date_order, _date_source = find_date(page, meta, title_order, site_date, url)
    if published is None:
        published = _searched_date(html, url, root, page, title)
        if updated is not None and published is not None and updated <= published:
            updated = None
    drop = frozenset(o for o in (title_order, date_order) if o is not None)
    blocks = story_blocks(page.blocks, roots, title=title, drop=drop, title_order=title_order) if located else []
    extraction = "content"
    if not blocks:
        # Layout not recognised: give the reader the page's readable text, and say so.
        blocks = fallback_blocks(page.blocks, title=title, drop=drop)
        extraction = "fallback"
    if not blocks and title:
        # A headline over a line or two of text ("Late" / "Too late.") is a short page, not an empty one.
        blocks = fallback_blocks(page.blocks, title=title, drop=drop, short=True)
    if not blocks:
        blocks, roots = _revealed_blocks(html, url, title)
    texts = [b.text for b in blocks]
    if not texts and meta.description and len(meta.description) >= _MIN_DESCRIPTION:
        texts = [meta.description]  # a page drawn by scripts: its summary is all a reader can have
    if not texts:
        raise ParseError("no readable text on the page (an empty, error or non-HTML page?)", url=url)
    if not title:
        title = first_words(texts[0])
        extraction = "fallback"
    title = unicodedata.normalize("NFC", title)  # as every paragraph is (see blocks.walk)
    body, notes = split_notes(texts)
    stops = frozenset(roots)
    declared = [declared_language(b.element, stops) for b in blocks[: len(body)]]
    declared += [None] * (len(body) - len(declared))
    base = meta.canonical or url
    return Article(
        title=title,
        body=body,
        url=url,
        canonical_url=meta.canonical,
        date=published,
        updated=updated,
        quotes=tuple(extract_quotes(body)),
        source=chosen.source if chosen else None,
        lead_image=find_lead_image(page, meta, base, title_order, blocks),
        notes=notes,
        language=meta.language,
        paragraph_languages=other_languages(body, meta.language, declared),
        extraction=extraction,
    )
