"""crawl(): idempotent, resumable after SIGKILL, conditional re-crawls, failures recorded and retried."""

from __future__ import annotations

import dataclasses
import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from pressreader.archive.crawling import CrawlProgress, crawl, site_key
from pressreader.archive.store import Archive
from pressreader.web import Fetcher, FetchOptions

Site = Any
ROOT = Path(__file__).resolve().parents[2]


def _article_hits(site: Site) -> list[tuple[str, int, int]]:
    paths = {e.path for e in site.entries}
    return [(p, status, size) for p, status, size, _h in site.log if p in paths]


def test_crawl_wordpress_site_then_recrawl_costs_nothing(wp_site: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    events: list[CrawlProgress] = []
    with Archive(tmp_path / "a.sqlite3") as archive:
        report = crawl(wp_site.url("/news/"), archive, fetcher=fetcher, on_progress=events.append)
        assert set(report.new) == wp_site.good_urls
        assert report.ok
        assert archive.count() == 10
        assert [e.done for e in events] == list(range(1, 11))
        assert {e.total for e in events} == {10}
        key = site_key(wp_site.url("/"))
        assert [s.title for s in archive.latest(key, 3)] == [f"Testshire story {n}" for n in (10, 9, 8)]

        wp_site.clear_log()
        again = crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
        assert again.new == ()
        assert set(again.unchanged) == wp_site.good_urls
        assert _article_hits(wp_site) == []  # the API's modified stamps matched: no article request
        assert again.requests == 1  # one API page
        assert archive.count() == 10


def test_recrawl_of_listing_site_uses_conditional_requests(aspnet: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    start = aspnet.url("/News-and-Events/Latest-News.aspx")
    with Archive(tmp_path / "a.sqlite3") as archive:
        first = crawl(start, archive, fetcher=fetcher)
        assert set(first.new) == aspnet.good_urls
        stored = archive.latest(site_key(start), 1)[0]
        assert stored.etag
        assert stored.last_modified
        assert stored.status == 200
        assert stored.date == datetime.date(2021, 5, 8)

        aspnet.clear_log()
        again = crawl(start, archive, fetcher=fetcher)
        assert set(again.unchanged) == aspnet.good_urls
        assert not again.new
        assert not again.updated
        assert _article_hits(aspnet) == []  # archived articles cost nothing by default

        aspnet.clear_log()
        rechecked = crawl(start, archive, fetcher=fetcher, recheck=True)
    assert set(rechecked.unchanged) == aspnet.good_urls
    assert not rechecked.new
    assert not rechecked.updated
    hits = _article_hits(aspnet)
    assert len(hits) == 9
    assert {(status, size) for _p, status, size in hits} == {(304, 0)}  # no body downloaded again
    sent = next(h for p, _s, _z, h in aspnet.log if p == aspnet.entries[0].path)
    assert sent["if-none-match"] == stored.etag


def test_a_recrawl_stops_reading_listings_once_caught_up(aspnet: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    start = aspnet.url("/News-and-Events/Latest-News.aspx")
    with Archive(tmp_path / "a.sqlite3") as archive:
        crawl(start, archive, fetcher=fetcher)
        assert archive.last_full_crawl(site_key(start)) is not None
        aspnet.clear_log()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("pressreader.archive.crawling.CAUGHT_UP", 3)
            again = crawl(start, archive, fetcher=fetcher)
    assert len(again.unchanged) == 3
    listing_pages = [p for p, _s, _z, _h in aspnet.log if "Latest-News" in p]
    assert len(listing_pages) == 1  # the first listing page showed only known releases


def test_a_crawl_with_a_limit_is_not_a_full_crawl(aspnet: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    start = aspnet.url("/News-and-Events/Latest-News.aspx")
    with Archive(tmp_path / "a.sqlite3") as archive:
        crawl(start, archive, fetcher=fetcher, limit=2)
        assert archive.last_full_crawl(site_key(start)) is None


def test_crawl_over_faults_stores_every_good_and_records_every_bad(
    faulty_site: Site, loopsite: Any, fetcher: Fetcher, tmp_path: Path
) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        report = crawl(faulty_site.url("/news/"), archive, fetcher=fetcher)
        assert set(report.new) == faulty_site.good_urls  # 6 articles + the two that recover on retry
        assert len(report.new) == 8
        failed = dict(report.failed)
        assert set(failed) == faulty_site.bad_urls
        assert len(failed) == 12
        expected = {
            "slow-answer": "FetchTimeout",
            "always-busy": "HTTPStatusError",
            "loop-a": "TooManyRedirects",
            "to-file": "UnsupportedScheme",
            "fifty-megabytes": "TooLarge",
            "gzip-bomb": "TooLarge",
            "plain-text": "WrongContentType",
            "a-pdf": "WrongContentType",
            "private/members": "RobotsDisallowed",
            "firewalled": "BlockedByFirewall",
            "reset": "ConnectionFailed",
        }
        for slug, kind in expected.items():
            assert failed[faulty_site.url(f"/news/{slug}/")].startswith(kind + ":")
        recorded = {f.url: f for f in archive.failures()}
        assert set(recorded) == faulty_site.bad_urls
        assert recorded[faulty_site.url("/news/firewalled/")].error == "BlockedByFirewall"
        assert "web application firewall" in recorded[faulty_site.url("/news/firewalled/")].message
        assert archive.count() == 8

        # The site fixes one page and drops another from its news list: both are retried.
        faulty_site.routes["/news/plain-text/"] = loopsite.article_route(
            faulty_site,
            loopsite.Entry("/news/plain-text/", "Now a proper page", datetime.date(2024, 4, 1)),
            "x",
        )
        faulty_site.entries[:] = [e for e in faulty_site.entries if e.path != "/news/a-pdf/"]
        faulty_site.clear_log()
        again = crawl(faulty_site.url("/news/"), archive, fetcher=fetcher)
        assert again.new == (faulty_site.url("/news/plain-text/"),)
        assert faulty_site.hits("/news/a-pdf/")  # no longer listed, still retried
        still = {f.url: f for f in archive.failures()}
        assert faulty_site.url("/news/plain-text/") not in still
        assert still[faulty_site.url("/news/a-pdf/")].attempts == 2
        assert len(still) == 11
        assert archive.count() == 9


def test_since_limits_the_crawl(wp_site: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        report = crawl(wp_site.url("/news/"), archive, since=datetime.date(2024, 5, 29), fetcher=fetcher)
        assert len(report.new) == 3
        more = crawl(wp_site.url("/news/"), archive, limit=5, fetcher=fetcher)
        assert len(more.new) == 2
        assert len(more.unchanged) == 3


_CHILD = """
import sys
from pressreader.archive.crawling import crawl
from pressreader.web import FetchOptions, Fetcher
from pressreader.archive.store import Archive
with Archive(sys.argv[2]) as archive, Fetcher(FetchOptions(delay=0, read_timeout=5)) as fetcher:
    crawl(sys.argv[1], archive, fetcher=fetcher, workers=2)
print("finished")
"""


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _entry(site: Any, url: str) -> Any:
    return next(e for e in site.entries if site.url(e.path) == url)


def test_resume_after_sigkill(loopsite: Any, tmp_path: Path) -> None:
    site = loopsite.wordpress_site(loopsite.good_entries(40), per_page=10).start()
    site.delay = 0.05  # slow article pages, so the crawl is surely mid-run when killed
    db = tmp_path / "archive.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, site.url("/news/"), str(db)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(3000):  # poll until some, not all, articles are stored
            if _stored(db) >= 5 or child.poll() is not None:
                break
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, err.decode()
        assert b"finished" not in out
        before = _stored(db)
        assert 5 <= before < 40

        site.delay = 0.0
        with Archive(db) as archive, Fetcher(FetchOptions(delay=0)) as fetcher:
            report = crawl(site.url("/news/"), archive, fetcher=fetcher)
            assert len(report.new) == 40 - before
            assert not report.failed
            assert {a.url for a in archive} == site.good_urls
            assert archive.count() == 40
            for stored in archive:  # every page kept as served, even across the kill
                page = archive.served(stored.id)
                assert page is not None
                assert page.body == loopsite.article_html(site, _entry(site, stored.url))
    finally:
        site.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 40
        assert conn.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0] == 40
        assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 40


def test_crawl_options_are_polite_by_default() -> None:
    assert FetchOptions().delay == 1.0
    assert FetchOptions().obey_robots


def test_crawl_of_real_fixture_pages_stores_what_the_parser_reads(
    loopsite: Any, fetcher: Fetcher, tmp_path: Path
) -> None:
    from pressreader.parse import parse_article

    pages = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*/*.html"))[:8]
    if not pages:
        pytest.skip("no fixture pages yet")
    entries = []
    for i, page in enumerate(pages):
        body = page.read_bytes()

        def serve(req: Any, body: bytes = body) -> None:
            loopsite.send(req, 200, body, "text/html", {"ETag": f'"{len(body)}"'})

        day = datetime.date(2024, 1, 28) - datetime.timedelta(days=i)
        entries.append(loopsite.Entry(f"/news/{page.stem}/", page.stem, day, serve))
    site = loopsite.wordpress_site(entries, per_page=3, api=False, feed=False).start()
    try:
        with Archive(tmp_path / "a.sqlite3") as archive:
            report = crawl(site.url("/news/"), archive, fetcher=fetcher)
            assert set(report.new) | {u for u, _ in report.failed} == site.good_urls
            for url in report.new:
                stored = archive.get(url)
                assert stored is not None
                page = next(p for p in pages if f"/news/{p.stem}/" in url)
                expected = parse_article(page.read_bytes(), url)
                if expected.date is None:  # the listing's date fills in for a page that shows none
                    expected = dataclasses.replace(expected, date=stored.article.date)
                assert stored.article == expected
    finally:
        site.stop()
