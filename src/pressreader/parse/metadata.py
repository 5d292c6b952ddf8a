"""Machine-readable metadata of a page: ``<head>`` meta tags, JSON-LD, links, language.

Read once per page into a :class:`PageMeta`; the field extractors then take
what they need from it, surest source first.

    >>> from pressreader.parse.document import build_tree
    >>> root, _ = build_tree(
    ...     '<html lang="en-gb"><head><meta property="og:title" content="PCC news">'
    ...     '<link rel="canonical" href="/news/a/"></head><body></body></html>')
    >>> meta = read_meta(root, "https://www.kent-pcc.gov.uk/x")
    >>> meta.og_title, meta.canonical, meta.language
    ('PCC news', 'https://www.kent-pcc.gov.uk/news/a/', 'en-GB')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..models import clean_text
from .document import Element, text_of

__all__ = ["PageMeta", "absolute_url", "normalise_language", "read_meta"]

_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "blogposting", "reportagenewsarticle", "pressrelease", "analysisnewsarticle"}
)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")
_LANG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


@dataclass(slots=True)
class PageMeta:
    """What the page states about itself (all optional)."""

    title_tag: str | None = None
    og_title: str | None = None
    og_image: str | None = None
    canonical: str | None = None
    language: str | None = None
    site_name: str | None = None
    description: str | None = None
    jsonld_headline: str | None = None
    jsonld_published: str | None = None
    jsonld_modified: str | None = None
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)


def absolute_url(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; only http(s) URLs are returned.

    >>> absolute_url("/a.jpg", "https://www.kent-pcc.gov.uk/news/x/")
    'https://www.kent-pcc.gov.uk/a.jpg'
    >>> absolute_url("javascript:alert(1)", None) is None
    True
    """
    if not href:
        return None
    href = href.strip()
    if href.startswith(("https://", "http://")):
        try:  # already absolute: urljoin would only copy it, slowly
            urlsplit(href).hostname  # noqa: B018 (raises ValueError on a malformed host)
        except ValueError:
            return None
        return href
    if base:
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        scheme = urlsplit(href).scheme
    except ValueError:
        return None
    if scheme in ("http", "https"):
        return href
    if not scheme and not base and href.startswith("/"):
        return href
    return None


def normalise_language(tag: str | None) -> str | None:
    """A BCP 47 tag in its usual case: ``en-gb`` → ``en-GB``, ``en_GB`` → ``en-GB``.

    >>> normalise_language("EN_gb"), normalise_language("cy"), normalise_language("x y")
    ('en-GB', 'cy', None)
    """
    if not tag:
        return None
    tag = tag.strip()
    if not _LANG.match(tag):
        return None
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part.lower())
    return "-".join(out)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name"))
    return None


def _jsonld_nodes(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 8:
        return []
    if isinstance(data, list):
        return [n for item in data[:200] for n in _jsonld_nodes(item, depth + 1)]
    if isinstance(data, dict):
        nodes = [data]
        if "@graph" in data:
            nodes.extend(_jsonld_nodes(data["@graph"], depth + 1))
        return nodes
    return []


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _read_jsonld(meta: PageMeta, script_text: str) -> None:
    try:
        data = json.loads(script_text)
    except (ValueError, RecursionError):
        return
    best: dict[str, Any] | None = None
    for node in _jsonld_nodes(data):
        kinds = _types(node)
        if kinds & _ARTICLE_TYPES:
            best = node
            break
        if best is None and ("webpage" in kinds and ("datePublished" in node or "headline" in node)):
            best = node
    if best is None:
        return
    meta.jsonld_headline = meta.jsonld_headline or _text(best.get("headline"))
    meta.jsonld_published = meta.jsonld_published or _text(best.get("datePublished"))
    meta.jsonld_modified = meta.jsonld_modified or _text(best.get("dateModified"))


def read_meta(root: Element, url: str | None) -> PageMeta:
    """Collect the page's metadata in one pass over ``<head>`` (and JSON-LD anywhere)."""
    meta = PageMeta(language=normalise_language(root.get("lang") or root.get("xml:lang")))
    base = url
    locale: str | None = None
    for element in root.iter("title", "meta", "link", "base", "script"):
        tag = element.tag
        if tag == "title":
            if meta.title_tag is None:
                meta.title_tag = " ".join(text_of(element).split()) or None
        elif tag == "meta":
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
            content = (element.get("content") or "").strip()
            if not key or not content:
                continue
            if key == "og:title":
                meta.og_title = meta.og_title or " ".join(content.split())
            elif key in ("og:image", "og:image:url", "twitter:image"):
                meta.og_image = meta.og_image or content
            elif key == "og:url":
                meta.canonical = meta.canonical or absolute_url(content, base)
            elif key in ("og:description", "description", "twitter:description"):
                meta.description = meta.description or " ".join(content.split())
            elif key == "og:site_name":
                meta.site_name = meta.site_name or content
            elif key == "og:locale":
                locale = locale or content
            elif key in _PUBLISHED_META:
                meta.published.append(content)
            elif key in _MODIFIED_META:
                meta.modified.append(content)
        elif tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if "canonical" in rel and element.get("href"):
                canonical = absolute_url(element.get("href"), base)
                if canonical:
                    meta.canonical = canonical
        elif tag == "base":
            base = absolute_url(element.get("href"), url) or base
        elif tag == "script":
            kind = (element.get("type") or "").strip().lower()
            text = element.text or ""
            # Some sites leave the type off their JSON-LD: a bare script holding a schema.org object.
            if kind == "application/ld+json" or (not kind and text.lstrip()[:1] == "{" and "schema.org" in text[:200]):
                _read_jsonld(meta, text)
    if meta.language is None:
        meta.language = normalise_language(locale)
    meta.og_image = absolute_url(meta.og_image, base)
    # A headline of control characters only is no headline: clean before anyone chooses one.
    for name in ("title_tag", "og_title", "jsonld_headline", "description", "site_name"):
        value = getattr(meta, name)
        if value is not None:
            setattr(meta, name, " ".join(clean_text(value).split()) or None)
    return meta
