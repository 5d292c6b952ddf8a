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

import dataclasses
import datetime
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from .errors import SiteError
from .models import Source

__all__ = [
    "DEFAULT_REGISTRY",
    "DEFAULT_SITES",
    "SELECTOR_PRESETS",
    "SITES_VARIABLE",
    "USER_SITES_PROBLEM",
    "Event",
    "Kind",
    "Platform",
    "Selectors",
    "Site",
    "SiteRegistry",
    "load_sites",
    "site_from_dict",
]

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


Kind = Literal["pcc", "pfcc", "mayor", "police-authority", "association"]


@dataclass(frozen=True, slots=True)
class Event:
    """A change in a body's governance (``date`` ISO 8601), and where the fact comes from."""

    date: str
    event: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    """One policing body and the site where it publishes news.

    ``key`` is the short name users type ("warwickshire"); ``domain`` the host
    without "www."; ``old_domains`` hosts the body used before (they may now
    redirect), so that releases found there stay with the body. ``kind`` is
    what the body is (a PCC, a PFCC, a mayor holding the PCC's duties…),
    ``force`` the police force it oversees; ``started``/``ended`` its dates
    (ISO 8601, ``None`` when open), ``predecessor``/``successor`` the key of
    the body before or after it (or, for a body with no entry, its name), and
    ``history`` the other changes. ``sourced_from`` says where these facts come from.
    """

    key: str
    name: str
    area: str
    domain: str
    platform: Platform = "unknown"
    news_url: str | None = None
    selectors: Selectors = field(default_factory=Selectors)
    old_domains: tuple[str, ...] = ()
    kind: Kind = "pcc"
    force: str | None = None
    started: str | None = None
    ended: str | None = None
    predecessor: str | None = None
    successor: str | None = None
    history: tuple[Event, ...] = ()
    note: str | None = None
    sourced_from: str = ""

    @property
    def source(self) -> Source:
        """The :class:`~pressreader.models.Source` articles from this site carry."""
        return Source(name=self.name, area=self.area, domain=self.domain)

    @property
    def home(self) -> str:
        """The site's home page URL."""
        return f"https://www.{self.domain}/"

    @property
    def active(self) -> bool:
        """True while the body holds its duties (it has no end date)."""
        return self.ended is None

    def to_dict(self) -> dict[str, object]:
        """The entry as the registry file writes it (empty fields left out).

        >>> DEFAULT_REGISTRY.lookup("north-yorkshire").to_dict()["successor"]
        'york-and-north-yorkshire'
        """
        data: dict[str, object] = {
            "key": self.key, "name": self.name, "area": self.area, "kind": self.kind, "force": self.force,
            "domain": self.domain, "old_domains": list(self.old_domains), "platform": self.platform,
            "news_url": self.news_url, "selectors": _selectors_data(self.selectors), "from": self.started,
            "until": self.ended, "predecessor": self.predecessor, "successor": self.successor,
            "history": [dataclasses.asdict(e) for e in self.history], "note": self.note,
            "source": self.sourced_from,
        }  # fmt: skip
        return {k: v for k, v in data.items() if v not in (None, [], "")}


# Tag-qualified selectors: "div.entry-content" costs libxml2 a fraction of ".entry-content".
# WordPress share bars and captions need no "remove" entry: the generic furniture
# words (sharedaddy, share, wp-caption-text, figcaption) already drop them.
_WP = Selectors(title="h1.entry-title", date="time.entry-date", body="div.entry-content")
_ASPNET = Selectors(title="#content h1, h1", body="#content .article-body, #content")
#: Selector sets a registry file may name instead of spelling them out.
SELECTOR_PRESETS: dict[str, Selectors] = {"wordpress": _WP, "aspnet": _ASPNET}
_PLATFORMS = ("wordpress", "aspnet", "optimizely", "umbraco", "drupal", "bespoke", "unknown")
_KINDS = ("pcc", "pfcc", "mayor", "police-authority", "association")


def _host(url_or_domain: str) -> str:
    text = url_or_domain.strip().lower()
    host = urlsplit(text).hostname if "//" in text else text.split("/", 1)[0]
    host = (host or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _selectors_data(selectors: Selectors) -> object:
    for name, preset in SELECTOR_PRESETS.items():
        if selectors == preset:
            return name
    if selectors == Selectors():
        return None
    data = {"title": selectors.title, "date": selectors.date, "body": selectors.body, "remove": list(selectors.remove)}
    return {k: v for k, v in data.items() if v}


def _text(entry: dict[str, Any], name: str, where: str, *, required: bool = False) -> str | None:
    value = entry.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SiteError(f"{where}: {name!r} must be {'a non-empty' if required else 'a'} string, not {value!r}")
    return value.strip()


def _date(entry: dict[str, Any], name: str, where: str) -> str | None:
    value = _text(entry, name, where)
    if value is not None:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise SiteError(f"{where}: {name!r} must be a date written YYYY-MM-DD, not {value!r}") from None
    return value


def _selectors(value: object, where: str) -> Selectors:
    if value is None:
        return Selectors()
    if isinstance(value, str):
        if value not in SELECTOR_PRESETS:
            raise SiteError(f"{where}: unknown selectors {value!r} (known: {', '.join(SELECTOR_PRESETS)})")
        return SELECTOR_PRESETS[value]
    if not isinstance(value, dict) or not all(k in ("title", "date", "body", "remove") for k in value):
        raise SiteError(f"{where}: selectors must be a preset name or an object of title, date, body, remove")
    remove = value.get("remove") or []
    if not isinstance(remove, list) or not all(isinstance(r, str) for r in remove):
        raise SiteError(f"{where}: selectors.remove must be a list of CSS selectors")
    parts = {k: _text(value, k, where) for k in ("title", "date", "body")}
    return Selectors(parts["title"], parts["date"], parts["body"], tuple(remove))


def site_from_dict(entry: object, where: str = "registry entry") -> Site:
    """One :class:`Site` from a registry file entry; :class:`SiteError` naming what is wrong.

    >>> site_from_dict({"key": "x", "name": "X PCC", "area": "X", "domain": "x.example"}).platform
    'unknown'
    >>> site_from_dict({"key": "x", "name": "X PCC", "area": "X", "domain": "x.example", "from": "2012-13-01"})
    Traceback (most recent call last):
      ...
    pressreader.errors.SiteError: registry entry 'x': 'from' must be a date written YYYY-MM-DD, not '2012-13-01'
    """
    if not isinstance(entry, dict):
        raise SiteError(f"{where}: each body must be an object, not {type(entry).__name__}")
    key = _text(entry, "key", where, required=True)
    where = f"{where} {key!r}"
    platform = entry.get("platform", "unknown")
    kind = entry.get("kind", "pcc")
    if platform not in _PLATFORMS:
        raise SiteError(f"{where}: unknown platform {platform!r} (known: {', '.join(_PLATFORMS)})")
    if kind not in _KINDS:
        raise SiteError(f"{where}: unknown kind {kind!r} (known: {', '.join(_KINDS)})")
    old = entry.get("old_domains") or []
    history = entry.get("history") or []
    if not isinstance(old, list) or not all(isinstance(d, str) and d for d in old):
        raise SiteError(f"{where}: old_domains must be a list of domains")
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        raise SiteError(f"{where}: history must be a list of {{date, event, source}} objects")
    events = tuple(
        Event(
            _date(h, "date", where) or "",
            _text(h, "event", where, required=True) or "",
            _text(h, "source", where) or "",
        )
        for h in history
    )
    return Site(
        key=key or "",
        name=_text(entry, "name", where, required=True) or "",
        area=_text(entry, "area", where, required=True) or "",
        domain=_host(_text(entry, "domain", where, required=True) or ""),
        platform=platform,
        news_url=_text(entry, "news_url", where),
        selectors=_selectors(entry.get("selectors"), where),
        old_domains=tuple(_host(d) for d in old),
        kind=kind,
        force=_text(entry, "force", where),
        started=_date(entry, "from", where),
        ended=_date(entry, "until", where),
        predecessor=_text(entry, "predecessor", where),
        successor=_text(entry, "successor", where),
        history=events,
        note=_text(entry, "note", where),
        sourced_from=_text(entry, "source", where) or "",
    )


def load_sites(data: bytes | str, where: str = "registry file") -> tuple[Site, ...]:
    """The bodies of a registry file (JSON: ``{"bodies": [...]}``, or a bare list of bodies).

    >>> [s.key for s in load_sites('[{"key": "x", "name": "X PCC", "area": "X", "domain": "x.example"}]')]
    ['x']
    """
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise SiteError(f"{where} is not valid JSON: {exc}") from None
    bodies = doc.get("bodies") if isinstance(doc, dict) else doc
    if not isinstance(bodies, list):
        raise SiteError(f'{where} must hold a list of bodies (under "bodies")')
    return tuple(site_from_dict(entry, f"{where}, body {i + 1}") for i, entry in enumerate(bodies))


def _bundled() -> tuple[Site, ...]:
    from importlib.resources import files

    return load_sites(
        files("pressreader").joinpath("data").joinpath("sites.json").read_bytes(), "the bundled sites.json"
    )


#: Every body the project knows, read from ``pressreader/data/sites.json``. Platform is what
#: was seen on the live site; "bespoke" means a CMS nobody identified, "unknown" not yet looked at.
DEFAULT_SITES: tuple[Site, ...] = _bundled()


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
            for domain in (site.domain, *site.old_domains):
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

    def extended_from(self, path: str | Path) -> SiteRegistry:
        """This registry with the bodies of the registry file at ``path`` added (same key: replaced).

        A file whose top level has ``"replace": true`` is the whole registry instead.

        >>> import json, tempfile
        >>> with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        ...     json.dump({"bodies": [{"key": "kent", "name": "Kent PCC (mirror)", "area": "Kent",
        ...                            "domain": "kent-mirror.example"}]}, f)
        >>> DEFAULT_REGISTRY.extended_from(f.name).lookup("kent").domain
        'kent-mirror.example'
        """
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise SiteError(f"cannot read the sites file {path}: {exc.strerror or exc}") from None
        sites = load_sites(data, f"the sites file {path}")
        try:
            replace = json.loads(data).get("replace") is True
        except AttributeError:  # a bare list of bodies
            replace = False
        return SiteRegistry.from_sites(sites) if replace else self.with_sites(*sites)

    def to_json(self) -> str:
        """The registry as a registry file (what ``pressreader sites --json`` prints)."""
        return json.dumps({"format": 1, "bodies": [s.to_dict() for s in self.sites]}, indent=2, ensure_ascii=False)


#: The variable naming extra registry files (separated by the path separator, ":" or ";").
SITES_VARIABLE = "PRESSREADER_SITES"
#: Why the files named in :data:`SITES_VARIABLE` were not used (``None`` when they were, or none were named).
USER_SITES_PROBLEM: str | None = None


def _default_registry() -> SiteRegistry:
    global USER_SITES_PROBLEM
    registry = SiteRegistry()
    for name in filter(None, os.environ.get(SITES_VARIABLE, "").split(os.pathsep)):
        try:
            registry = registry.extended_from(name)
        except SiteError as exc:
            USER_SITES_PROBLEM = str(exc)
            return SiteRegistry()
    return registry


#: The bundled bodies, plus those of the files named in ``PRESSREADER_SITES``.
DEFAULT_REGISTRY = _default_registry()
