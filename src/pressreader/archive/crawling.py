"""Crawling a site into the archive: discover → fetch → parse → store.

:func:`crawl` is idempotent (a second run adds only what is new; unchanged
pages cost a 304, or no request at all when discovery's modification stamp
matches) and resumable (each article is its own transaction, so a crawl
killed at any moment is completed by the next run without duplicates).
Every page that fails is recorded in the archive with its error and retried
on the next run, even when discovery no longer lists it.

Discovery itself (:func:`discover`, :class:`ArticleLink`) lives in
:mod:`pressreader.web.discovery` and is re-exported here.

    >>> from pressreader.archive.crawling import CrawlReport
    >>> print(CrawlReport("kent", new=("https://k.example/a",)).summary())
    kent: 1 new, 0 updated, 0 unchanged, 0 failed
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from ..errors import FetchError, ParseError
from ..sites import DEFAULT_REGISTRY, Site, SiteRegistry
from ..web import Fetcher, FetchOptions, Response
from ..web.discovery import ArticleLink, discover, resolve_site
from .store import Archive

__all__ = ["ArticleLink", "CrawlProgress", "CrawlReport", "crawl", "discover", "site_key"]

log = logging.getLogger(__name__)

Outcome = Literal["new", "updated", "unchanged", "failed", "skipped"]


@dataclass(frozen=True, slots=True)
class CrawlProgress:
    """One article handled: ``done`` of ``total`` so far, and what happened to ``url``."""

    done: int
    total: int
    url: str
    outcome: Outcome
    message: str | None = None


@dataclass(frozen=True, slots=True)
class CrawlReport:
    """What a crawl did. ``failed`` pairs each URL with the reason; ``skipped`` are pages older than
    ``since`` that the listing did not date; ``requests`` counts HTTP requests made; ``complete`` is
    false when discovery stopped early (an unreadable listing page, or a cancelled crawl)."""

    site: str
    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    skipped: tuple[str, ...] = ()
    requests: int = 0
    complete: bool = True

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failed

    def summary(self) -> str:
        """A plain-text summary: counts, then one line per failure with its reason.

        >>> print(CrawlReport("x", failed=(("https://x.example/a", "timed out"),)).summary())
        x: 0 new, 0 updated, 0 unchanged, 1 failed
          failed: https://x.example/a: timed out
        """
        lines = [
            f"{self.site}: {len(self.new)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.failed)} failed"
            + (f", {len(self.skipped)} older than asked" if self.skipped else "")
        ]
        lines.extend(f"  failed: {url}: {reason}" for url, reason in self.failed)
        return "\n".join(lines)


def site_key(site_or_url: str, registry: SiteRegistry = DEFAULT_REGISTRY) -> str:
    """The name articles of ``site_or_url`` are filed under: the registry key, else the host.

    >>> site_key("https://www.kent-pcc.gov.uk/news/"), site_key("http://127.0.0.1:8080/news/")
    ('kent', '127.0.0.1:8080')
    """
    site, start = resolve_site(site_or_url, registry)
    if site is not None:
        return site.key
    parts = urlsplit(start)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return f"{host}:{parts.port}" if parts.port else host


#: Known articles listed in a row after which a crawl has caught up with the last one.
CAUGHT_UP = 20


def crawl(
    site_or_url: str,
    archive: Archive,
    *,
    since: datetime.date | None = None,
    limit: int | None = None,
    fetcher: Fetcher | None = None,
    on_progress: Callable[[CrawlProgress], None] | None = None,
    registry: SiteRegistry = DEFAULT_REGISTRY,
    workers: int = 4,
    recheck: bool = False,
    cancel: threading.Event | None = None,
) -> CrawlReport:
    """Discover a site's articles and store each new or changed one in ``archive``.

    Listings and feeds give no modification dates, so an article already in
    the archive is not asked for again (it costs nothing), and once
    :data:`CAUGHT_UP` known articles in a row have been listed the crawl has
    caught up with the last full crawl and stops reading older listing pages.
    ``recheck=True`` instead asks for every known article with a
    conditional request (unchanged ones cost a 304) and reads every listing
    page. Articles from the WordPress API are compared by their modification
    date either way.

    ``since`` and ``limit`` bound discovery (see :func:`discover`). Pages are
    fetched on up to ``workers`` threads (politeness still spaces requests to
    the site by ``FetchOptions.delay``), parsed and stored one transaction
    per article. Pages that fail are recorded in the archive and retried on
    the next run. Raises :class:`~pressreader.errors.FetchError` only when
    the site's listing cannot be read at all. Setting ``cancel`` stops the
    crawl at the next page: what was stored stays, and the report says
    ``complete=False``.

    >>> with Archive(":memory:") as archive:
    ...     crawl("https://pcc.example/news/", archive, limit=0).summary()
    'pcc.example: 0 new, 0 updated, 0 unchanged, 0 failed'
    """
    site, _start = resolve_site(site_or_url, registry)
    key = site_key(site_or_url, registry)
    own = fetcher is None
    active = fetcher or Fetcher(FetchOptions())
    try:
        return _Crawl(archive, active, site, key, since, on_progress, cancel).run(
            site_or_url, limit=limit, registry=registry, workers=workers, recheck=recheck
        )
    finally:
        if own:
            active.close()


class _Crawl:
    def __init__(
        self,
        archive: Archive,
        fetcher: Fetcher,
        site: Site | None,
        key: str,
        since: datetime.date | None,
        on_progress: Callable[[CrawlProgress], None] | None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.cancel = cancel or threading.Event()
        self.archive = archive
        self.fetcher = fetcher
        self.site = site
        self.key = key
        self.since = since
        self.on_progress = on_progress
        self.results: dict[str, list[str]] = {"new": [], "updated": [], "unchanged": [], "skipped": []}
        self.failed: list[tuple[str, str]] = []
        self.done = 0
        self.total = 0

    def run(
        self, site_or_url: str, *, limit: int | None, registry: SiteRegistry, workers: int, recheck: bool
    ) -> CrawlReport:
        requests_before = self.fetcher.requests_made
        links: list[ArticleLink] = []
        already: list[ArticleLink] = []  # listed, undated, and in the archive: nothing to ask
        full = limit is None and self.since is None
        # Stopping at known articles is safe only after a crawl that saw every listing page:
        # a crawl killed half-way stored a patchwork, and the next one must look at everything.
        may_stop = not recheck and self.archive.last_full_crawl(self.key) is not None
        complete = True
        try:
            in_a_row = 0
            # The sitemaps find what no listing shows any more: read them on the first full walk of
            # the back catalogue (and when asked to recheck), not on every catching-up crawl.
            sitemaps = recheck or self.archive.last_full_crawl(self.key) is None
            found = discover(
                site_or_url, since=self.since, limit=limit, fetcher=self.fetcher, registry=registry, sitemaps=sitemaps
            )
            for link in found:
                if self.cancel.is_set():
                    complete = False
                    break
                if not recheck and not link.modified and self.archive.known(link.url) is not None:
                    already.append(link)
                    in_a_row += 1
                    if may_stop and in_a_row >= CAUGHT_UP:
                        break  # newest first: everything older was stored by an earlier full crawl
                    continue
                in_a_row = 0
                links.append(link)
        except FetchError as exc:
            complete = False
            if not links:
                raise
            log.warning("discovery stopped early: %s", exc)
            self.failed.append((exc.url, f"listing: {exc}"))
        listed = {link.url for link in links}
        retries = [
            ArticleLink(f.url, None, None, "listing") for f in self.archive.failures(self.key) if f.url not in listed
        ]
        work = links + retries
        self.total = len(work) + len(already)
        for link in already:
            self.note(link.url, "unchanged")
        to_fetch: list[ArticleLink] = []
        for link in work:
            known = self.archive.known(link.url)
            if known is not None and link.modified and known.modified == link.modified:
                self.note(link.url, "unchanged")
            else:
                to_fetch.append(link)
        self.fetch_all(to_fetch, workers)
        complete = complete and not self.cancel.is_set()
        if full and complete:
            self.archive.mark_crawled(self.key)
        return CrawlReport(
            site=self.key,
            new=tuple(self.results["new"]),
            updated=tuple(self.results["updated"]),
            unchanged=tuple(self.results["unchanged"]),
            failed=tuple(self.failed),
            skipped=tuple(self.results["skipped"]),
            requests=self.fetcher.requests_made - requests_before,
            complete=complete,
        )

    def fetch_all(self, links: list[ArticleLink], workers: int) -> None:
        pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="pressreader-crawl")
        pending: deque[tuple[ArticleLink, Future[Response]]] = deque()
        todo = iter(links)
        try:
            while True:
                while len(pending) < 2 * max(1, workers) and not self.cancel.is_set():
                    link = next(todo, None)
                    if link is None:
                        break
                    known = self.archive.known(link.url)
                    future = pool.submit(
                        self.fetcher.fetch,
                        link.url,
                        etag=known.etag if known else None,
                        last_modified=known.last_modified if known else None,
                    )
                    pending.append((link, future))
                if not pending:
                    return
                link, future = pending.popleft()
                try:
                    response = future.result()
                except FetchError as exc:
                    self.fail(link.url, exc)
                    continue
                self.handle(link, response)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def handle(self, link: ArticleLink, response: Response) -> None:
        if response.not_modified:
            self.archive.touch(link.url, modified=link.modified)
            self.note(link.url, "unchanged")
            return
        from ..parse import parse_article

        try:
            article = parse_article(response.markup, response.final_url, site=self.site)
        except ParseError as exc:
            self.fail(link.url, exc)
            return
        if article.date is None and link.date is not None:
            article = dataclasses.replace(article, date=link.date)
        if self.since and article.date and article.date < self.since:
            self.note(link.url, "skipped")
            return
        outcome, _id = self.archive.store(
            article,
            site=self.key,
            page_url=link.url,
            status=response.status,
            etag=response.etag,
            last_modified=response.last_modified,
            fetched_at=response.fetched_at,
            modified=link.modified,
            page=response,
        )
        self.note(link.url, outcome)

    def fail(self, url: str, error: FetchError | ParseError) -> None:
        reason = f"{type(error).__name__}: {error.args[0]}"
        self.archive.record_failure(url, site=self.key, error=error, message=str(error.args[0]))
        self.failed.append((url, reason))
        self.progress(url, "failed", reason)

    def note(self, url: str, outcome: Literal["new", "updated", "unchanged", "skipped"]) -> None:
        self.results[outcome].append(url)
        self.progress(url, outcome, None)

    def progress(self, url: str, outcome: Outcome, message: str | None) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(CrawlProgress(self.done, self.total, url, outcome, message))
