"""``pressreader sites | crawl | latest | search | read``: the network and the archive."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import TYPE_CHECKING, TextIO

from ..sites import DEFAULT_REGISTRY
from ._common import (
    ARTICLE_HELP,
    ARTICLE_METAVAR,
    EXIT_ERROR,
    EXIT_OK,
    add_command,
    add_db,
    add_json,
    add_size,
    columns,
    how_many,
    load_input,
    number,
    whole_number,
)

if TYPE_CHECKING:  # the network modules (and httpx) load only when a command needs them
    from ..archive.crawling import CrawlProgress
    from ..archive.store import Archive, StoredArticle

__all__ = ["register"]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write it as YYYY-MM-DD, e.g. 2024-05-07)") from None


_delay = number(0, 3600, "a number of seconds")
_parallel = whole_number(1, 64, "a number of sites")


def _archive(args: argparse.Namespace, *, read_only: bool = True) -> Archive:
    """The archive ``--db`` names; opened to read only (never created) unless a crawl writes to it."""
    from ..archive.store import Archive

    return Archive(args.db, read_only=read_only)


def _sites(args: argparse.Namespace) -> int:
    sites = list(DEFAULT_REGISTRY)
    if args.json:
        sys.stdout.write(DEFAULT_REGISTRY.to_json() + "\n")
        return EXIT_OK
    width = max(len(s.key) for s in sites)
    for site in sites:
        until = f", until {site.ended}, then {site.successor}" if site.ended else ""
        sys.stdout.write(f"{site.key:<{width}}  {site.name} ({site.domain}, {site.platform}{until})\n")
    return EXIT_OK


class _Progress:
    """A one-line progress bar on a terminal; otherwise one quiet line per page that was not unchanged."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()

    def __call__(self, event: CrawlProgress) -> None:
        if self.tty:
            width = 30
            filled = width * event.done // max(event.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {event.done}/{event.total} {event.outcome:<9}")
            if event.done == event.total:
                self.stream.write("\n")
            self.stream.flush()
        elif event.outcome != "unchanged":
            detail = f": {event.message}" if event.message else ""
            self.stream.write(f"{event.outcome} {event.url}{detail}\n")


def _crawl(args: argparse.Namespace) -> int:
    from ..archive.crawling import crawl
    from ..web import Fetcher, FetchOptions
    from ._common import UsageError

    if args.all:
        if args.site:
            raise UsageError("give a SITE or --all, not both")
        from .keeping import crawl_all

        return crawl_all(args)
    if not args.site:
        raise UsageError("name a SITE to crawl (see `pressreader sites`), or --all for every site")

    options = FetchOptions(delay=args.delay) if args.delay is not None else FetchOptions()
    with _archive(args, read_only=False) as archive, Fetcher(options) as fetcher:
        report = crawl(
            args.site,
            archive,
            since=args.since,
            limit=args.limit,
            fetcher=fetcher,
            on_progress=_Progress(sys.stderr),
            recheck=args.recheck,
        )
    if args.json:
        data = {
            "site": report.site,
            "new": list(report.new),
            "updated": list(report.updated),
            "unchanged": list(report.unchanged),
            "failed": [{"url": url, "reason": reason} for url, reason in report.failed],
            "skipped": list(report.skipped),
            "requests": report.requests,
        }
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report.summary() + "\n")
    return EXIT_OK if report.ok else EXIT_ERROR


def _print_list(rows: list[StoredArticle], as_json: bool, empty: str) -> int:
    if as_json:
        data = [
            {"id": r.id, "url": r.url, "site": r.site, "date": r.date.isoformat() if r.date else None,
             "title": r.title, **({"passage": r.passage} if r.passage else {}), "article": r.article.to_dict()}
            for r in rows
        ]  # fmt: skip
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    if not rows:
        sys.stderr.write(empty + "\n")
        return EXIT_OK
    for r in rows:
        when = f"{r.date.day} {r.date:%B %Y}" if r.date else "undated"
        sys.stdout.write(f"{r.id:>6}  {when:<17}  {r.title}\n")
        if r.passage:
            sys.stdout.write(f"{'':>6}  {' '.join(r.passage.split())}\n")
    return EXIT_OK


def _latest(args: argparse.Namespace) -> int:
    from ..archive.crawling import site_key

    with _archive(args) as archive:
        key = site_key(args.site)
        rows = archive.latest(key, args.n)
    return _print_list(
        rows, args.json, f"no articles from {key} in the archive yet; run: pressreader crawl {args.site}"
    )


def _search(args: argparse.Namespace) -> int:
    with _archive(args) as archive:
        rows = archive.search(args.query)
    return _print_list(rows, args.json, f"nothing in the archive matches {args.query!r}")


def _read(args: argparse.Namespace) -> int:
    article = load_input(args.article, db=args.db)
    if args.json:
        sys.stdout.write(article.to_json(indent=2) + "\n")
        return EXIT_OK
    from ..errors import OptionsError
    from ..rendering.options import RenderOptions
    from ..rendering.text import render_text
    from ._common import UsageError

    try:
        options = RenderOptions(size=args.size, width=args.width)
    except OptionsError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(render_text(article, options).rstrip("\n") + "\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sites``, ``crawl``, ``latest``, ``search`` and ``read`` subcommands.

    >>> sub = argparse.ArgumentParser(prog="pressreader").add_subparsers()
    >>> register(sub)
    >>> sorted(sub.choices)
    ['crawl', 'latest', 'read', 'search', 'sites']
    """
    p = add_command(
        sub,
        "sites",
        _sites,
        help="list the Police and Crime Commissioner sites pressreader knows",
        examples="  pressreader sites\n  pressreader sites --json",
    )
    add_json(p, "the list")
    _register_crawl(sub)
    _register_archive_queries(sub)


def _register_crawl(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        sub,
        "crawl",
        _crawl,
        help="fetch a site's news releases politely and keep them (and the pages as served) in the offline archive",
        examples=(
            "  pressreader crawl warwickshire\n"
            "  pressreader crawl kent --since 2024-01-01\n"
            "  pressreader crawl --all\n"
            "  pressreader crawl https://www.norfolk-pcc.gov.uk/news/ --limit 20 --db news.sqlite3"
        ),
    )
    p.add_argument(
        "site", nargs="?", metavar="SITE|URL", help="a site name from `pressreader sites`, or a news listing address"
    )
    p.add_argument("--all", action="store_true", help="crawl every site of `pressreader sites`, several at once")
    p.add_argument(
        "--parallel", type=_parallel, default=4, metavar="N", help="with --all: sites crawled at once (default 4)"
    )
    p.add_argument("--since", type=_date, help="only releases published on or after this date (YYYY-MM-DD)")
    p.add_argument("--limit", type=how_many, help="at most this many releases, newest first")
    p.add_argument(
        "--recheck",
        action="store_true",
        help="ask again for every release already archived (a conditional request each) and read every listing page",
    )
    p.add_argument(
        "--delay",
        type=_delay,
        metavar="SECONDS",
        help="wait between requests to the site (default 1 second)",
    )
    add_json(p, "what the crawl did")
    add_db(p)


def _register_archive_queries(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``latest``, ``search`` and ``read``: what the archive (or a page) holds."""
    p = add_command(
        sub,
        "latest",
        _latest,
        help="list the newest archived releases of a site",
        examples="  pressreader latest warwickshire\n  pressreader latest kent -n 5 --json",
    )
    p.add_argument("site", metavar="SITE", help="a site name or an address on the site")
    p.add_argument("-n", type=how_many, default=10, help="how many (default 10)")
    add_json(p, "them")
    add_db(p)

    p = add_command(
        sub,
        "search",
        _search,
        help="search the archived releases' titles, text and quoted speakers",
        examples=(
            "  pressreader search knife\n"
            '  pressreader search "Commissioner\'s statement"\n'
            "  pressreader search '\"violence against women\" OR VAWG'\n"
            "  pressreader search 'speakers : Seccombe' --json"
        ),
    )
    p.add_argument("query", help='words to find (all must match); also "a phrase", OR, NOT, prefix*, speakers: NAME')
    add_json(p, "the matches")
    add_db(p)

    p = add_command(
        sub,
        "read",
        _read,
        help="print one release as plain large-print text (or JSON)",
        examples=(
            "  pressreader read 12\n"
            "  pressreader read https://www.kent-pcc.gov.uk/news/x/ --json\n"
            "  pressreader read saved-page.html --size largest\n"
            "  pressreader read warwickshire"
        ),
    )
    p.add_argument("article", metavar=ARTICLE_METAVAR, help=ARTICLE_HELP)
    add_size(p)
    p.add_argument("--width", type=columns, default=80, help="columns to wrap the text to (default 80)")
    add_json(p, "the article")
    add_db(p)
