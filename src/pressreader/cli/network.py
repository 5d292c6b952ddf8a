"""``pressreader sites | crawl | latest | search | read``: the network and the archive."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from typing import TYPE_CHECKING, TextIO

from ..sites import DEFAULT_REGISTRY
from ._common import EXIT_ERROR, EXIT_OK, UsageError, add_command

if TYPE_CHECKING:  # the network modules (and httpx) load only when a command needs them
    from ..crawl import CrawlProgress
    from ..models import Article
    from ..store import Archive, StoredArticle

__all__ = ["register"]


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (write it as YYYY-MM-DD, e.g. 2024-05-07)") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _archive(args: argparse.Namespace) -> Archive:
    from ..store import Archive

    return Archive(args.db)


def _sites(args: argparse.Namespace) -> int:
    sites = list(DEFAULT_REGISTRY)
    if args.json:
        rows = [
            {"key": s.key, "name": s.name, "area": s.area, "domain": s.domain, "platform": s.platform} for s in sites
        ]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    width = max(len(s.key) for s in sites)
    for site in sites:
        sys.stdout.write(f"{site.key:<{width}}  {site.name} ({site.domain}, {site.platform})\n")
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
    from ..crawl import crawl
    from ..fetch import Fetcher, FetchOptions

    options = FetchOptions(delay=args.delay) if args.delay is not None else FetchOptions()
    with _archive(args) as archive, Fetcher(options) as fetcher:
        report = crawl(
            args.site,
            archive,
            since=args.since,
            limit=args.limit,
            fetcher=fetcher,
            on_progress=_Progress(sys.stderr),
            recheck=args.recheck,
        )
    sys.stdout.write(report.summary() + "\n")
    return EXIT_OK if report.ok else EXIT_ERROR


def _print_list(rows: list[StoredArticle], as_json: bool, empty: str) -> int:
    if as_json:
        data = [
            {"id": r.id, "url": r.url, "site": r.site, "date": r.date.isoformat() if r.date else None,
             "title": r.title, "article": r.article.to_dict()}
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
    return EXIT_OK


def _latest(args: argparse.Namespace) -> int:
    from ..crawl import site_key

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
    target: str = args.target
    article: Article | None = None
    with _archive(args) as archive:
        stored = archive.get(target)
        if stored is not None:
            article = stored.article
    if article is None:
        if target.isdigit():
            raise UsageError(f"there is no article {target} in the archive (`pressreader latest SITE` lists ids)")
        if "://" not in target:
            raise UsageError(f"not an archive id or a web address: {target!r}")
        from ..fetch import read

        article = read(target)
    if args.json:
        sys.stdout.write(article.to_json(indent=2) + "\n")
        return EXIT_OK
    from ..render.options import RenderOptions
    from ..render.text import render_text

    sys.stdout.write(render_text(article, RenderOptions()).rstrip("\n") + "\n")
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
    p.add_argument("--json", action="store_true", help="print the list as JSON")

    p = add_command(
        sub,
        "crawl",
        _crawl,
        help="fetch a site's news releases politely and keep them in the offline archive",
        examples=(
            "  pressreader crawl warwickshire\n"
            "  pressreader crawl kent --since 2024-01-01\n"
            "  pressreader crawl https://www.norfolk-pcc.gov.uk/news/ --limit 20 --db news.sqlite3"
        ),
    )
    p.add_argument("site", metavar="SITE|URL", help="a site name from `pressreader sites`, or a news listing address")
    p.add_argument("--since", type=_date, help="only releases published on or after this date (YYYY-MM-DD)")
    p.add_argument("--limit", type=_positive, help="at most this many releases, newest first")
    p.add_argument(
        "--recheck",
        action="store_true",
        help="ask again for every release already archived (a conditional request each) and read every listing page",
    )
    p.add_argument(
        "--delay",
        type=_seconds,
        metavar="SECONDS",
        help="wait between requests to the site (default 1 second)",
    )
    _db(p)

    p = add_command(
        sub,
        "latest",
        _latest,
        help="list the newest archived releases of a site",
        examples="  pressreader latest warwickshire\n  pressreader latest kent -n 5 --json",
    )
    p.add_argument("site", metavar="SITE", help="a site name or an address on the site")
    p.add_argument("-n", type=_positive, default=10, help="how many (default 10)")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    _db(p)

    p = add_command(
        sub,
        "search",
        _search,
        help="search the archived releases' titles, text and quoted speakers",
        examples=(
            "  pressreader search knife\n"
            "  pressreader search '\"violence against women\" OR VAWG'\n"
            "  pressreader search 'speakers : Seccombe' --json"
        ),
    )
    p.add_argument("query", help='words, "a phrase", OR, NOT, prefix* (SQLite FTS5 syntax)')
    p.add_argument("--json", action="store_true", help="print the matches as JSON")
    _db(p)

    p = add_command(
        sub,
        "read",
        _read,
        help="print one release as plain text (from the archive by id or address, else fetched)",
        examples="  pressreader read 12\n  pressreader read https://www.kent-pcc.gov.uk/news/x/ --json",
    )
    p.add_argument("target", metavar="URL|ID", help="an archive id (from `latest` or `search`) or a web address")
    p.add_argument("--json", action="store_true", help="print the article as JSON")
    _db(p)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="the archive file (default: in your user data folder)")
