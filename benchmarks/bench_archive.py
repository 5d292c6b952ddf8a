"""Keeping every body's back catalogue: ``crawl --all`` of 10 sites x 300 releases, on loopback servers.

    .venv/bin/python benchmarks/bench_archive.py [--sites 10] [--releases 300] [--delay 0.1]

Starts ``--sites`` WordPress-like servers on 127.0.0.1 (``tests/web/loopsite.py``),
each with ``--releases`` releases: a REST API and paginated listings of all
but the oldest twentieth, and a sitemap index (gzipped posts sitemap, news
sitemap) that alone lists the oldest. Every site is crawled politely: one
request at a time, ``--delay`` seconds apart. Prints, each as a ratio to a
reference run in this same process:

* wall time of ``crawl_sites`` over all sites, against one site crawled
  alone (the reference): close to 1 means "about the slowest single site",
  the number of sites would mean "the sum of all sites";
* archive size on disk (SQLite and WARC files) per 1,000 pages;
* re-parse of every kept page: pages per second, against parsing the same
  pages straight from memory (the reference), and the resident memory at
  10 %, 50 % and 100 % of the run (flat means it does not grow with pages);
* the issue's searches on the whole archive: the slowest, in milliseconds
  (target: under 100 ms), and against a plain ``count(*)`` of the articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from pressreader.archive.fleet import crawl_sites
from pressreader.archive.reparse import reparse
from pressreader.archive.store import Archive
from pressreader.archive.warc import warc_folder
from pressreader.web import Fetcher, FetchOptions

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = ("Commissioner's statement", "e-scooters", "high-court", "police & crime", "£1.2m", "St. Helens",
            '"story 12"', "story OR community", "test*")  # fmt: skip


def _loopsite() -> ModuleType:
    spec = importlib.util.spec_from_file_location("loopsite", ROOT / "tests" / "web" / "loopsite.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load tests/web/loopsite.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["loopsite"] = module
    spec.loader.exec_module(module)
    return module


def _site(loopsite: ModuleType, releases: int) -> object:
    entries = loopsite.good_entries(releases)
    listed = releases - max(1, releases // 20)
    site = loopsite.wordpress_site(entries[:listed], per_page=20, feed=False)
    return loopsite.add_sitemaps(site, entries[listed:]).start()


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _size(path: Path) -> int:
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    total = sum(f.stat().st_size for f in files if f.exists())
    return total + sum(f.stat().st_size for f in warc_folder(path).glob("*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10)
    parser.add_argument("--releases", type=int, default=300)
    parser.add_argument("--delay", type=float, default=0.1)
    args = parser.parse_args()
    loopsite = _loopsite()
    sites = [_site(loopsite, args.releases) for _ in range(args.sites)]
    options = FetchOptions(delay=args.delay, read_timeout=10, total_timeout=600)
    work = Path(tempfile.mkdtemp(prefix="pressreader-bench-"))
    try:
        with Fetcher(options) as fetcher:
            started = time.monotonic()
            alone = crawl_sites([sites[0].url("/news/")], work / "alone.sqlite3", fetcher)  # type: ignore[attr-defined]
            single = time.monotonic() - started
        assert alone.ok, alone
        db = work / "all.sqlite3"
        with Fetcher(options) as fetcher:
            started = time.monotonic()
            report = crawl_sites([s.url("/news/") for s in sites], db, fetcher, parallel=args.sites)  # type: ignore[attr-defined]
            together = time.monotonic() - started
        assert report.ok, report.unreachable
        pages = sum(len(r.new) for r in report.reports)
        print(f"crawl --all: {args.sites} sites x {args.releases} releases = {pages} pages kept, "
              f"delay {args.delay:g} s per host")  # fmt: skip
        print(f"  one site alone (reference): {single:.1f} s; all {args.sites} sites at once: {together:.1f} s")
        print(f"  ratio all/one: {together / single:.2f} (the sum of all sites would be {args.sites:.2f})")
        size = _size(db)
        print(
            f"archive on disk: {size / 1e6:.1f} MB for {pages} pages = "
            f"{size / pages * 1000 / 1e6:.2f} MB per 1,000 pages"
        )

        with Archive(db) as archive:
            ids = [i for i, _s in archive.captured()]
            served = [archive.served(i) for i in ids[:300]]
            from pressreader.parse import parse_article

            started = time.monotonic()
            for page in served:
                assert page is not None
                parse_article(page.response().markup, page.url)
            reference = len(served) / (time.monotonic() - started)
            del served
            marks: dict[int, float] = {}
            total = len(ids)

            def progress(done: int, of: int) -> None:
                for share in (10, 50, 100):
                    if done == of * share // 100:
                        marks[share] = _rss_mb()

            started = time.monotonic()
            result = reparse(archive, on_progress=progress)
            rate = total / (time.monotonic() - started)
        print(f"reparse: {total} pages at {rate:.0f} pages/s; parsing from memory (reference) "
              f"{reference:.0f} pages/s; ratio {rate / reference:.2f}; {len(result.changed)} changed, "
              f"{len(result.failed)} failed")  # fmt: skip
        print(
            "  resident memory at 10 %, 50 %, 100 %: " + ", ".join(f"{marks.get(k, 0):.0f} MB" for k in (10, 50, 100))
        )

        with Archive(db) as archive:
            archive._query("SELECT count(*) FROM articles")
            started = time.perf_counter()
            for _ in range(20):
                archive._query("SELECT count(*) FROM articles")
            count_ms = (time.perf_counter() - started) / 20 * 1000
            slowest = 0.0
            for query in SEARCHES:
                started = time.perf_counter()
                archive.search(query)
                slowest = max(slowest, (time.perf_counter() - started) * 1000)
        print(f"search of all {pages} releases: slowest of {len(SEARCHES)} searches {slowest:.1f} ms "
              f"(target < 100 ms); count(*) {count_ms:.2f} ms; ratio {slowest / max(count_ms, 1e-6):.0f}")  # fmt: skip
    finally:
        for site in sites:
            site.stop()  # type: ignore[attr-defined]
        import shutil

        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
