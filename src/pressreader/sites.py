"""The registry of Police and Crime Commissioner web sites (data, almost no logic).

Each :class:`Site` says who publishes on a domain, on which platform, and
(optionally) CSS selectors that find the headline, date and story on that
site's pages. The parser uses a site's selectors first and falls back to its
generic extractors, so an entry with no selectors still helps: it names the
source of every article from that domain.

Users add or override entries by building their own :class:`SiteRegistry`::

    >>> from pressreader.sites import Site, SiteRegistry, DEFAULT_REGISTRY
    >>> DEFAULT_REGISTRY.lookup("https://www.warwickshire-pcc.gov.uk/news/x/").area
    'Warwickshire'
    >>> mine = DEFAULT_REGISTRY.with_sites(
    ...     Site("exampleshire", "Exampleshire Police and Crime Commissioner",
    ...          "Exampleshire", "exampleshire-pcc.gov.uk", platform="wordpress"))
    >>> mine.lookup("exampleshire").domain
    'exampleshire-pcc.gov.uk'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from .errors import SiteError
from .models import Source

__all__ = ["DEFAULT_REGISTRY", "DEFAULT_SITES", "Platform", "Selectors", "Site", "SiteRegistry"]

Platform = Literal["wordpress", "aspnet", "optimizely", "umbraco", "drupal", "bespoke", "unknown"]


@dataclass(frozen=True, slots=True)
class Selectors:
    """CSS selectors for one site's article pages; any may be ``None``.

    ``body`` selects the element holding the story; ``remove`` lists elements
    inside it that are never story text (share bars, captions…).
    """

    title: str | None = None
    date: str | None = None
    body: str | None = None
    remove: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    """One publisher's web site.

    ``key`` is the short name users type ("warwickshire"); ``domain`` the host
    without "www."; ``aliases`` other hosts that serve the same site.
    """

    key: str
    name: str
    area: str
    domain: str
    platform: Platform = "unknown"
    news_url: str | None = None
    selectors: Selectors = field(default_factory=Selectors)
    aliases: tuple[str, ...] = ()

    @property
    def source(self) -> Source:
        """The :class:`~pressreader.models.Source` articles from this site carry."""
        return Source(name=self.name, area=self.area, domain=self.domain)

    @property
    def home(self) -> str:
        """The site's home page URL."""
        return f"https://www.{self.domain}/"


def _pcc(key: str, area: str, domain: str, platform: Platform, selectors: Selectors | None = None) -> Site:
    name = f"{area} Police and Crime Commissioner"
    return Site(key, name, area, domain, platform, selectors=selectors or Selectors())


def _pfcc(key: str, area: str, domain: str, platform: Platform, selectors: Selectors | None = None) -> Site:
    name = f"{area} Police, Fire and Crime Commissioner"
    return Site(key, name, area, domain, platform, selectors=selectors or Selectors())


# Tag-qualified selectors: "div.entry-content" costs libxml2 a fraction of ".entry-content".
# WordPress share bars and captions need no "remove" entry: the generic furniture
# words (sharedaddy, share, wp-caption-text, figcaption) already drop them.
_WP = Selectors(title="h1.entry-title", date="time.entry-date", body="div.entry-content")
_ASPNET = Selectors(title="#content h1, h1", body="#content .article-body, #content")

#: Every site the project knows, from ``shared/pcc/README.md``. Platform is
#: what was seen on the live site; "bespoke" means a CMS nobody identified.
DEFAULT_SITES: tuple[Site, ...] = (
    _pcc("warwickshire", "Warwickshire", "warwickshire-pcc.gov.uk", "wordpress", selectors=_WP),
    _pfcc("staffordshire", "Staffordshire", "staffordshire-pfcc.gov.uk", "wordpress", selectors=_WP),
    _pfcc("essex", "Essex", "essex.pfcc.police.uk", "wordpress", selectors=_WP),
    _pcc("norfolk", "Norfolk", "norfolk-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("hampshire", "Hampshire and Isle of Wight", "hampshire-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("lancashire", "Lancashire", "lancashire-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("thames-valley", "Thames Valley", "thamesvalley-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("surrey", "Surrey", "surrey-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("northumbria", "Northumbria", "northumbria-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("west-midlands", "West Midlands", "westmidlands-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("lincolnshire", "Lincolnshire", "lincolnshire-pcc.gov.uk", "wordpress", selectors=_WP),
    _pcc("nottinghamshire", "Nottinghamshire", "nottinghamshire.pcc.police.uk", "aspnet", selectors=_ASPNET),
    _pcc("leicestershire", "Leicestershire", "leics.pcc.police.uk", "aspnet", selectors=_ASPNET),
    _pcc("humberside", "Humberside", "humberside-pcc.gov.uk", "bespoke"),
    _pcc("derbyshire", "Derbyshire", "derbyshire-pcc.gov.uk", "bespoke"),
    _pcc("kent", "Kent", "kent-pcc.gov.uk", "optimizely"),
    _pcc("merseyside", "Merseyside", "merseysidepcc.info", "umbraco"),
    _pcc("avon-and-somerset", "Avon and Somerset", "avonandsomerset-pcc.gov.uk", "bespoke"),
    _pcc("cleveland", "Cleveland", "cleveland.pcc.police.uk", "bespoke"),
    _pcc("devon-and-cornwall", "Devon, Cornwall and the Isles of Scilly", "devonandcornwall-pcc.gov.uk", "bespoke"),
    _pcc("dorset", "Dorset", "dorset.pcc.police.uk", "bespoke"),
    _pcc("durham", "Durham", "durham-pcc.gov.uk", "bespoke"),
    _pcc("gloucestershire", "Gloucestershire", "gloucestershire-pcc.gov.uk", "bespoke"),
    _pcc("west-mercia", "West Mercia", "westmercia-pcc.gov.uk", "bespoke"),
    _pcc("north-wales", "North Wales", "northwales-pcc.gov.uk", "drupal"),
    _pcc("gwent", "Gwent", "gwent.pcc.police.uk", "drupal"),
    _pcc("south-wales", "South Wales", "southwalescommissioner.org.uk", "bespoke"),
    _pcc("south-yorkshire", "South Yorkshire", "southyorkshire-pcc.gov.uk", "bespoke"),
    Site(
        "greater-manchester",
        "Greater Manchester Combined Authority (Mayor's policing and crime powers)",
        "Greater Manchester",
        "greatermanchester-ca.gov.uk",
        "umbraco",
    ),
    Site(
        "west-yorkshire",
        "West Yorkshire Combined Authority (Mayor's policing and crime powers)",
        "West Yorkshire",
        "westyorks-ca.gov.uk",
        "umbraco",
    ),
    Site(
        "york-and-north-yorkshire",
        "York and North Yorkshire Combined Authority (Mayor's policing and crime powers)",
        "York and North Yorkshire",
        "yorknorthyorks-ca.gov.uk",
        "bespoke",
    ),
    Site("london", "Mayor's Office for Policing and Crime", "London", "london.gov.uk", "drupal"),
    Site("apcc", "Association of Police and Crime Commissioners", "England and Wales", "apccs.police.uk", "bespoke"),
)


def _host(url_or_domain: str) -> str:
    text = url_or_domain.strip().lower()
    host = urlsplit(text).hostname if "//" in text else text.split("/", 1)[0]
    host = (host or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True)
class SiteRegistry:
    """An immutable set of sites, looked up by key, domain or any URL on the site."""

    sites: tuple[Site, ...] = DEFAULT_SITES

    def __post_init__(self) -> None:
        keys = [s.key for s in self.sites]
        if len(set(keys)) != len(keys):
            dup = sorted({k for k in keys if keys.count(k) > 1})
            raise SiteError(f"duplicate site keys in registry: {', '.join(dup)}")

    def __iter__(self) -> Iterator[Site]:
        return iter(self.sites)

    def __len__(self) -> int:
        return len(self.sites)

    def with_sites(self, *sites: Site) -> SiteRegistry:
        """A new registry with ``sites`` added; an entry with an existing key replaces it."""
        new_keys = {s.key for s in sites}
        kept = tuple(s for s in self.sites if s.key not in new_keys)
        return SiteRegistry(kept + tuple(sites))

    def find(self, key_or_url: str) -> Site | None:
        """The site for a key ("kent"), a domain or a URL on it, or ``None``."""
        wanted = key_or_url.strip().lower()
        for site in self.sites:
            if site.key == wanted:
                return site
        host = _host(wanted)
        if not host:
            return None
        for site in self.sites:
            for domain in (site.domain, *site.aliases):
                if host == domain or host.endswith("." + domain):
                    return site
        return None

    def lookup(self, key_or_url: str) -> Site:
        """Like :meth:`find`, but raises :class:`SiteError` listing close keys when unknown."""
        site = self.find(key_or_url)
        if site is None:
            hint = [s.key for s in self.sites if key_or_url.lower()[:3] in s.key][:5]
            more = f"; did you mean {', '.join(hint)}?" if hint else ""
            raise SiteError(f"unknown site {key_or_url!r}{more} (`pressreader sites` lists them)")
        return site

    @classmethod
    def from_sites(cls, sites: Iterable[Site]) -> SiteRegistry:
        """A registry holding exactly ``sites``."""
        return cls(tuple(sites))


DEFAULT_REGISTRY = SiteRegistry()
