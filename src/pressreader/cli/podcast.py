"""``pressreader podcast``: a site's releases as a podcast feed, and serving it to a phone.

The same inputs as ``export-epub`` (site names for their archived releases, or
saved pages and Article JSON files); the feed, cover and episodes go into one
folder, which ``--serve`` then serves with byte ranges.
"""

from __future__ import annotations

import argparse
import datetime
import sys

from ..errors import OptionsError
from ..models import Article
from ._common import EXIT_OK, UsageError, add_command, add_db, add_voice, how_many, load_article, read_bytes
from .books import archived, named_site, parse_date, speech_options

__all__ = ["register"]

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _articles(args: argparse.Namespace) -> list[Article]:
    since = args.since or datetime.date.min
    until = args.until or datetime.date.today()
    keys = [named_site(source) for source in args.sources]
    if all(key is not None for key in keys):
        found: list[Article] = []
        for key in dict.fromkeys(k for k in keys if k):
            try:
                found += archived(key, args.db, since, until)
            except UsageError as exc:
                if args.since is not None or args.until is not None or not str(exc).startswith("no articles"):
                    raise
                raise UsageError(f"the archive holds no releases of {key}; run: pressreader crawl {key}") from None
        return found
    if any(key is not None for key in keys):
        raise UsageError("give either site names or files, not both")
    articles = [load_article(read_bytes(source)) for source in args.sources]
    if args.since is not None or args.until is not None:
        articles = [a for a in articles if a.date is None or since <= a.date <= until]
        if not articles:
            raise UsageError(f"none of the articles is dated from {since:%d %B %Y} to {until:%d %B %Y}")
    return articles


def _podcast(args: argparse.Namespace) -> int:
    from ..publish.podcast import PodcastOptions, build_podcast
    from ..publish.serve import PodcastServer

    if args.host not in _LOOPBACK and not args.serve:
        raise UsageError("--host only matters with --serve")
    base_url = args.base_url or (f"http://{args.host}:{args.port}/" if args.serve else None)
    if base_url is None:
        raise UsageError("say where the feed will be published with --base-url URL (or use --serve)")
    try:
        options = PodcastOptions(base_url=base_url, title=args.title, limit=args.limit, speech=speech_options(args))
    except OptionsError as exc:
        raise UsageError(str(exc)) from None
    report = build_podcast(_articles(args), args.output, options)
    print(report.summary(), file=sys.stderr)
    if not args.serve:
        print(f"publish the folder {args.output} at {options.base_url}; the feed is {options.base_url}feed.xml",
              file=sys.stderr)
        return EXIT_OK
    server = PodcastServer(args.output, host=args.host, port=args.port)
    if args.host not in _LOOPBACK:
        print(f"warning: anyone who can reach this computer on {args.host} can download this podcast "
              "while it is served", file=sys.stderr)
    print(f"serving the podcast at {server.url}feed.xml (add that address in your podcast app); "
          "press Ctrl-C to stop", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped serving", file=sys.stderr)
    finally:
        server.close()
    return EXIT_OK


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {value}")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``podcast`` subcommand.

    >>> parser = argparse.ArgumentParser(prog="pressreader")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["podcast", "kent", "-o", "pod", "--serve", "--port", "8080"]).port
    8080
    """
    p = add_command(
        sub,
        "podcast",
        _podcast,
        help="make a podcast of a site's releases: a feed, and one spoken episode with transcript per release",
        examples=(
            "  pressreader podcast warwickshire -o podcast/ --base-url https://example.org/podcast/\n"
            "  pressreader podcast kent surrey --limit 20 -o podcast/ --base-url https://example.org/pcc/\n"
            "  pressreader podcast saved/*.html -o podcast/ --serve\n"
            "  pressreader podcast warwickshire -o podcast/ --serve --host 192.168.1.20 --port 8080"
        ),
    )
    p.add_argument("sources", metavar="SITE|FILES", nargs="+",
                   help="site names (their archived releases) or saved HTML pages / Article JSON files")
    p.add_argument("-o", "--output", metavar="OUT_DIR", required=True, help="the folder to write the podcast into")
    p.add_argument("--base-url", metavar="URL", help="where OUT_DIR will be published (default with --serve: "
                                                      "this computer's address)")
    p.add_argument("--since", type=parse_date, metavar="DATE", help="only releases from this day (YYYY-MM-DD)")
    p.add_argument("--until", type=parse_date, metavar="DATE", help="only releases up to this day")
    p.add_argument("--limit", type=how_many, metavar="N", help="keep only the newest N releases")
    p.add_argument("--title", help="the podcast's title (default: from the sites' names)")
    p.add_argument("--serve", action="store_true", help="after building, serve OUT_DIR until Ctrl-C")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to serve on (default 127.0.0.1, this computer only; another address "
                        "lets other devices on your network listen)")
    p.add_argument("--port", type=_port, default=8000, help="the port to serve on (default 8000)")
    add_db(p)
    add_voice(p)
