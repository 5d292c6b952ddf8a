"""The archive: releases kept offline in SQLite, and the crawl that fills it.

:class:`Archive` stores and searches articles (one file, full-text search);
:func:`crawl` walks a site through the web layer and keeps what is new or
changed.

    >>> from pressreader.archive import Archive
    >>> with Archive(":memory:") as archive:
    ...     archive.count()
    0
"""

from __future__ import annotations

from .crawling import CrawlProgress, CrawlReport, crawl
from .store import Archive, StoredArticle

__all__ = ["Archive", "CrawlProgress", "CrawlReport", "StoredArticle", "crawl"]
