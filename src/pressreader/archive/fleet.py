"""Crawling many sites at once, each one politely: :func:`crawl_sites`.

Sites are crawled side by side (``parallel`` at a time), so the wall time is
close to that of the slowest site rather than the sum. Each site still gets
one request at a time, spaced by its own delay (``FetchOptions.delay``, or
the robots.txt ``Crawl-delay`` when that is longer): the shared
:class:`~pressreader.web.Fetcher` keeps one clock per host. Every site
writes through its own connection to the one archive, each article in its
own transaction, so stopping at any moment loses nothing and a rerun
resumes.

    >>> FleetProgress(sites_done=1, sites_total=4, found=10, kept=8, failed=1, elapsed=30.0).time_left
    90.0
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FetchError, PressreaderError
from ..sites import DEFAULT_REGISTRY, SiteRegistry
from ..web import Fetcher
from .crawling import CrawlProgress, CrawlReport, crawl, site_key
from .store import Archive

__all__ = ["FleetProgress", "FleetReport", "crawl_sites"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FleetProgress:
    """Where a many-site crawl is: sites finished of all, releases found (listed), kept (new or
    updated), failed, seconds since the start, and (when one finished) the site just done."""

    sites_done: int
    sites_total: int
    found: int
    kept: int
    failed: int
    elapsed: float
    finished: CrawlReport | None = None
    share_done: float = 0.0

    @property
    def time_left(self) -> float | None:
        """Seconds left, estimated from the share of the work done so far (``None`` before any)."""
        share = self.share_done or (self.sites_done / self.sites_total if self.sites_total else 0.0)
        if share <= 0:
            return None
        return max(0.0, self.elapsed / share - self.elapsed)


@dataclass(frozen=True, slots=True)
class FleetReport:
    """What a many-site crawl did: one report per site crawled, and the sites that could not be."""

    reports: tuple[CrawlReport, ...] = ()
    unreachable: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """True when every site was crawled and nothing failed."""
        return not self.unreachable and not self.cancelled and all(r.ok for r in self.reports)


@dataclass
class _Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    found: int = 0
    kept: int = 0
    failed: int = 0
    sites_done: int = 0
    shares: dict[str, float] = field(default_factory=dict)


def crawl_sites(
    sites: Sequence[str],
    archive_path: Path,
    fetcher: Fetcher,
    *,
    parallel: int = 4,
    since: datetime.date | None = None,
    limit: int | None = None,
    registry: SiteRegistry = DEFAULT_REGISTRY,
    on_progress: Callable[[FleetProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> FleetReport:
    """Crawl each of ``sites`` into the archive at ``archive_path``, ``parallel`` sites at a time.

    ``since`` and ``limit`` apply to each site (see
    :func:`~pressreader.archive.crawling.crawl`). A site whose listing cannot
    be read is reported in :attr:`FleetReport.unreachable` and the others go
    on. ``on_progress`` is called (from the crawling threads, one call at a
    time) after every release and when each site finishes. Setting
    ``cancel`` (or Ctrl-C in the calling thread) stops every site at its next
    page; everything stored so far stays.
    """
    stop = cancel or threading.Event()
    tally = _Tally()
    started = time.monotonic()
    keys = [site_key(s, registry) for s in sites]

    def report(finished: CrawlReport | None = None) -> None:
        if on_progress is None:
            return
        share = sum(tally.shares.values()) / len(keys) if keys else 1.0
        elapsed = time.monotonic() - started
        on_progress(FleetProgress(tally.sites_done, len(keys), tally.found, tally.kept, tally.failed, elapsed,
                                  finished, share))  # fmt: skip

    def one(site: str, key: str) -> CrawlReport:
        def progress(event: CrawlProgress) -> None:
            with tally.lock:
                tally.found += 1
                tally.kept += event.outcome in ("new", "updated")
                tally.failed += event.outcome == "failed"
                tally.shares[key] = event.done / max(event.total, 1)
                report()

        with Archive(archive_path) as archive:
            result = crawl(site, archive, since=since, limit=limit, fetcher=fetcher,
                           on_progress=progress, registry=registry, workers=1, cancel=stop)  # fmt: skip
        with tally.lock:
            tally.sites_done += 1
            tally.shares[key] = 1.0
            report(result)
        return result

    reports: list[CrawlReport] = []
    unreachable: list[tuple[str, str]] = []
    Archive(archive_path).close()  # made (schema, WAL) once, here, before the sites open it side by side
    pool = ThreadPoolExecutor(max_workers=max(1, parallel), thread_name_prefix="pressreader-site")
    futures: dict[Future[CrawlReport], str] = {pool.submit(one, s, k): k for s, k in zip(sites, keys, strict=True)}
    try:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2)
            for future in done:
                try:
                    reports.append(future.result())
                except (FetchError, PressreaderError) as exc:
                    log.info("site %s not crawled: %s", futures[future], exc)
                    unreachable.append((futures[future], str(exc)))
                    with tally.lock:
                        tally.sites_done += 1
                        tally.shares[futures[future]] = 1.0
                        report()
    except KeyboardInterrupt:
        stop.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    order = {k: i for i, k in enumerate(keys)}
    reports.sort(key=lambda r: order.get(r.site, 0))
    return FleetReport(tuple(reports), tuple(unreachable), time.monotonic() - started, stop.is_set())
