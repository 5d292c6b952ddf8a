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

from ..errors import ParseError, SiteError
from ..models import Article
from ..sites import DEFAULT_REGISTRY, Selectors, Site
from .blocks import walk
from .body import choose_root, split_notes, story_blocks
from .document import build_tree
from .fields import find_date, find_lead_image, find_title, select
from .languages import declared_language, other_languages
from .metadata import read_meta
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

    Raises :class:`~pressreader.errors.ParseError` when the page has no
    headline or no story text, and never any other exception for any input.
    """
    try:
        return _parse(html, url, site)
    except (ParseError, SiteError):
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, LookupError) as exc:
        # A page this broken is a parse failure, not a crash of the caller.
        raise ParseError(f"the page could not be read: {type(exc).__name__}: {exc}", url=url) from exc


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
    roots = site_body[:1] or choose_root(page.blocks)
    if not roots:
        body_element = root.find("body")
        roots = [body_element if body_element is not None else root]
    title, title_order = find_title(page, meta, roots, site_title)
    if not title:
        raise ParseError("no headline found: the page has no h1, og:title or <title>", url=url)
    published, updated, date_order = find_date(page, meta, title_order, site_date, url)
    drop = frozenset(o for o in (title_order, date_order) if o is not None)
    blocks = story_blocks(page.blocks, roots, title=title, drop=drop)
    if not blocks:
        raise ParseError("no story text found on the page", url=url)
    body, notes = split_notes([b.text for b in blocks])
    stops = frozenset(roots)
    declared = [declared_language(b.element, stops) for b in blocks[: len(body)]]
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
    )
