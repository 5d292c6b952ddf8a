"""``pressreader crawl --all | reparse | export-warc | archive-report``: keeping every body's releases."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..sites import DEFAULT_REGISTRY
from ._common import EXIT_ERROR, EXIT_OK, UsageError, add_command, add_db, add_json

if TYPE_CHECKING:
    from ..archive.fleet import FleetProgress

__all__ = ["crawl_all", "register"]


def _db_path(args: argparse.Namespace) -> Path:
    from ..archive.store import default_archive_path

    return Path(args.db) if args.db else default_archive_path()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "estimating"
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


class _FleetDisplay:
    """On a terminal one status line, redrawn; otherwise one plain line as each site finishes."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.lock = threading.Lock()
        self.last = 0.0

    def __call__(self, event: FleetProgress) -> None:
        with self.lock:
            if event.finished is not None:
                if self.tty:
                    self.stream.write("\r\x1b[K")
                self.stream.write(event.finished.summary().splitlines()[0] + "\n")
            if self.tty and (event.finished is not None or time.monotonic() - self.last > 0.2):
                self.last = time.monotonic()
                self.stream.write(
                    f"\r\x1b[Ksites {event.sites_done} of {event.sites_total} done; releases {event.found} found, "
                    f"{event.kept} kept, {event.failed} failed; time left {_clock(event.time_left)}"
                )
            self.stream.flush()

    def end(self) -> None:
        if self.tty:
            with self.lock:
                self.stream.write("\n")
                self.stream.flush()


def crawl_all(args: argparse.Namespace) -> int:
    """``crawl --all``: every registry site, ``--parallel`` at a time, each politely."""
    from ..archive.fleet import crawl_sites
    from ..web import Fetcher, FetchOptions

    options = FetchOptions(delay=args.delay) if args.delay is not None else FetchOptions()
    registry = DEFAULT_REGISTRY
    keys = [site.key for site in registry]
    display = _FleetDisplay(sys.stderr)
    cancel = threading.Event()
    try:
        with Fetcher(options) as fetcher:
            report = crawl_sites(
                keys, _db_path(args), fetcher, parallel=args.parallel, since=args.since, limit=args.limit,
                on_progress=display, cancel=cancel, registry=registry,
            )  # fmt: skip
    finally:
        display.end()
    if args.json:
        data = {
            "sites": [{"site": r.site, "new": len(r.new), "updated": len(r.updated), "unchanged": len(r.unchanged),
                       "failed": [{"url": u, "reason": why} for u, why in r.failed], "complete": r.complete}
                      for r in report.reports],
            "unreachable": [{"site": k, "reason": why} for k, why in report.unreachable],
            "seconds": round(report.seconds, 1),
        }  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK if report.ok else EXIT_ERROR
    for key, reason in report.unreachable:
        sys.stdout.write(f"{key}: not crawled: {reason}\n")
    kept = sum(len(r.new) + len(r.updated) for r in report.reports)
    failed = sum(len(r.failed) for r in report.reports)
    sys.stdout.write(
        f"{len(report.reports)} of {len(keys)} sites crawled in {_clock(report.seconds)}: "
        f"{kept} releases new or updated, {failed} failed, {len(report.unreachable)} sites unreachable\n"
    )
    return EXIT_OK if report.ok else EXIT_ERROR


def _reparse(args: argparse.Namespace) -> int:
    from ..archive.crawling import site_key
    from ..archive.reparse import reparse
    from ..archive.store import Archive

    path = _db_path(args)
    if not path.is_file():  # only a crawl makes an archive
        raise UsageError(f"there is no archive at {path} to re-parse (pressreader crawl SITE makes one)")
    with Archive(path) as archive:
        sites = tuple(site_key(s, DEFAULT_REGISTRY) for s in args.sites)
        report = reparse(archive, sites, registry=DEFAULT_REGISTRY)
    sys.stdout.write(report.summary() + "\n")
    return EXIT_OK if not report.failed else EXIT_ERROR


def _export_warc(args: argparse.Namespace) -> int:
    from ..archive.crawling import site_key
    from ..archive.export import export_warc
    from ..archive.store import Archive

    target = Path(args.output)
    if not target.name.endswith((".warc.gz", ".warc")):
        raise UsageError(f"the output should be a .warc.gz file, not {target.name!r}")
    if target.is_dir():
        raise UsageError(f"{target} is a folder; name the WARC file to write, e.g. {target / 'pcc.warc.gz'}")
    with Archive(args.db, read_only=True) as archive:
        sites = tuple(site_key(s, DEFAULT_REGISTRY) for s in args.sites)
        known = {name for name, _n in archive.sites()}
        missing = [s for s in sites if s not in known]
        if missing:
            raise UsageError(f"the archive holds nothing from {', '.join(missing)}")
        copied = export_warc(archive, target, sites)
    sys.stdout.write(f"wrote {copied} pages to {target}\n")
    return EXIT_OK


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else "-"


def _archive_report(args: argparse.Namespace) -> int:
    from ..archive.store import Archive

    with Archive(args.db, read_only=True) as archive:
        rows = archive.report()
    if args.json:
        data = [
            {"site": r.site, "releases": r.articles, "pages_kept": r.pages_kept, "oldest": _day(r.oldest),
             "newest": _day(r.newest), "failures": r.failures,
             "last_crawl": r.last_crawl.isoformat() if r.last_crawl else None}
            for r in rows
        ]  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return EXIT_OK
    if not rows:
        sys.stderr.write("the archive is empty; run: pressreader crawl SITE (or --all)\n")
        return EXIT_OK
    width = max(4, *(len(r.site) for r in rows))
    sys.stdout.write(f"{'site':<{width}}  releases  kept as served  oldest      newest      failures  last crawl\n")
    for r in rows:
        last = r.last_crawl.strftime("%Y-%m-%d %H:%M") if r.last_crawl else "never completed"
        sys.stdout.write(
            f"{r.site:<{width}}  {r.articles:>8}  {r.pages_kept:>14}  {_day(r.oldest):<10}  {_day(r.newest):<10}"
            f"  {r.failures:>8}  {last}\n"
        )
    return EXIT_OK


def _archive_check(args: argparse.Namespace) -> int:
    from ..archive.schema import check_archive

    path = _db_path(args)
    if not path.is_file():
        raise UsageError(f"there is no archive at {path}")
    report = check_archive(path)
    sys.stdout.write(f"SQLite integrity check: {'; '.join(report.integrity)}\n")
    for _id, why in report.damaged_rows:
        sys.stdout.write(f"damaged: {why}\n")
    sys.stdout.write(
        f"{report.articles} articles readable, {len(report.damaged_rows)} damaged; "
        f"search index {'rebuilt' if report.index_rebuilt else 'not rebuilt'}\n"
    )
    return EXIT_OK if report.ok else EXIT_ERROR


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``reparse``, ``export-warc``, ``archive-report`` and ``archive-check`` subcommands.

    >>> sub = argparse.ArgumentParser(prog="pressreader").add_subparsers()
    >>> register(sub)
    >>> sorted(sub.choices)
    ['archive-check', 'archive-report', 'export-warc', 'reparse']
    """
    p = add_command(
        sub,
        "reparse",
        _reparse,
        help="parse the kept pages again with this version's parser (offline) and update the archive",
        examples="  pressreader reparse\n  pressreader reparse kent warwickshire",
    )
    p.add_argument("sites", nargs="*", metavar="SITE", help="only these sites (default: all)")
    add_db(p)

    p = add_command(
        sub,
        "export-warc",
        _export_warc,
        help="write the kept pages of some sites (or all) to one standard WARC file for other archives",
        examples="  pressreader export-warc -o all.warc.gz\n  pressreader export-warc kent essex -o south-east.warc.gz",
    )
    p.add_argument("sites", nargs="*", metavar="SITE", help="only these sites (default: all)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.warc.gz", help="the WARC file to write")
    add_db(p)

    p = add_command(
        sub,
        "archive-report",
        _archive_report,
        help="per site: releases kept, oldest and newest date, failures, last complete crawl",
        examples="  pressreader archive-report\n  pressreader archive-report --json",
    )
    add_json(p, "the report")
    add_db(p)

    p = add_command(
        sub,
        "archive-check",
        _archive_check,
        help="check the archive for damage (SQLite integrity, every row readable) and rebuild its search index",
        examples="  pressreader archive-check\n  pressreader archive-check --db news.sqlite3",
    )
    add_db(p)
