"""The web layer: getting PCC pages politely, and finding the articles on a site.

:func:`fetch` and :class:`Fetcher` speak HTTP (robots.txt, one clock per host,
retries, size and time limits); :func:`read` fetches and parses one page;
:func:`discover` finds a site's articles from its feeds, its WordPress API and
its listing pages. Nothing else in pressreader opens a connection.

    >>> from pressreader.web import FetchOptions
    >>> FetchOptions().obey_robots
    True
"""

from __future__ import annotations

from ._tools import declared_encoding
from .discovery import ArticleLink, discover
from .fetcher import Fetcher, fetch, read
from .messages import DEFAULT_USER_AGENT, HTML_TYPES, FetchOptions, Response

__all__ = [
    "DEFAULT_USER_AGENT",
    "HTML_TYPES",
    "ArticleLink",
    "FetchOptions",
    "Fetcher",
    "Response",
    "declared_encoding",
    "discover",
    "fetch",
    "read",
]
