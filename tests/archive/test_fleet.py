"""crawl_sites(): several sites at once, each one politely; progress; a site that fails does not stop others."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from pressreader.archive.fleet import FleetProgress, crawl_sites
from pressreader.archive.store import Archive
from pressreader.web import Fetcher, FetchOptions


def test_sites_are_crawled_side_by_side_and_each_politely(loopsite: Any, tmp_path: Path) -> None:
    sites = [loopsite.wordpress_site(loopsite.good_entries(8), per_page=4).start() for _ in range(3)]
    for site in sites:
        site.delay = 0.02
    events: list[FleetProgress] = []
    try:
        options = FetchOptions(delay=0.05, read_timeout=5)
        with Fetcher(options) as fetcher:
            report = crawl_sites([s.url("/news/") for s in sites], tmp_path / "a.sqlite3", fetcher,
                                 parallel=3, on_progress=events.append)  # fmt: skip
        assert report.ok
        assert [len(r.new) for r in report.reports] == [8, 8, 8]
        assert all(site.most_active == 1 for site in sites)  # one request at a time per host
        assert max(e.sites_done for e in events) == 3
        assert events[-1].found == 24
        assert events[-1].kept == 24
        assert events[-1].failed == 0
        assert [e.finished.site for e in events if e.finished]
        assert events[-1].time_left == 0.0
        with Archive(tmp_path / "a.sqlite3") as archive:
            assert archive.count() == 24
            assert len(archive.captured()) == 24
    finally:
        for site in sites:
            site.stop()


def test_parallel_sites_overlap_in_time(loopsite: Any, tmp_path: Path) -> None:
    """Not a timing target (see benchmarks/bench_archive.py): only that the sites were crawled side by side."""
    sites = [loopsite.wordpress_site(loopsite.good_entries(6), per_page=6, api=False).start() for _ in range(3)]
    try:
        with Fetcher(FetchOptions(delay=0.1, read_timeout=5)) as fetcher:
            crawl_sites([s.url("/news/") for s in sites], tmp_path / "a.sqlite3", fetcher, parallel=3)
        spans = [(min(s.times), max(s.times)) for s in sites]
        assert all(last - first >= 0.6 for first, last in spans)  # each site's requests are 0.1 s apart
        assert max(first for first, _ in spans) < min(last for _, last in spans)  # all three at once
    finally:
        for site in sites:
            site.stop()


def test_an_unreachable_site_is_reported_and_the_others_go_on(loopsite: Any, tmp_path: Path) -> None:
    good = loopsite.wordpress_site(loopsite.good_entries(3)).start()
    try:
        with Fetcher(FetchOptions(delay=0, retries=0, connect_timeout=1, total_timeout=3)) as fetcher:
            report = crawl_sites([good.url("/news/"), "http://127.0.0.1:9/news/"], tmp_path / "a.sqlite3", fetcher)
        assert [len(r.new) for r in report.reports] == [3]
        assert [key for key, _why in report.unreachable] == ["127.0.0.1:9"]
        assert "connection" in report.unreachable[0][1]
        assert not report.ok
    finally:
        good.stop()


def test_cancel_stops_every_site_and_keeps_what_was_stored(loopsite: Any, tmp_path: Path) -> None:
    sites = [loopsite.wordpress_site(loopsite.good_entries(30), per_page=10).start() for _ in range(2)]
    cancel = threading.Event()

    def stop_after_some(event: FleetProgress) -> None:
        if event.kept >= 4:
            cancel.set()

    try:
        with Fetcher(FetchOptions(delay=0.02)) as fetcher:
            report = crawl_sites([s.url("/news/") for s in sites], tmp_path / "a.sqlite3", fetcher,
                                 on_progress=stop_after_some, cancel=cancel)  # fmt: skip
        assert report.cancelled
        assert not report.ok
        assert all(not r.complete for r in report.reports)
        with Archive(tmp_path / "a.sqlite3") as archive:
            kept = archive.count()
            assert 4 <= kept < 60
            for key in (r.site for r in report.reports):
                assert archive.last_full_crawl(key) is None  # the next run walks everything again
    finally:
        for site in sites:
            site.stop()
