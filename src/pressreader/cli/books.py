"""``pressreader export-epub`` and ``pressreader read-along``: synchronised text and speech.

``export-epub`` makes a talking book (EPUB 3 with Media Overlays) of a site's
releases from the archive since a date, or of saved pages and Article JSON
files. ``read-along`` writes one article's reader page with a player that
highlights each word as it is heard, and the audio beside it.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OptionsError
from ..models import Article
from ._common import (
    EXIT_OK,
    UsageError,
    add_command,
    add_db,
    add_presentation,
    add_voice,
    load_article,
    load_input,
    read_bytes,
    refuse_overwriting_input,
)

if TYPE_CHECKING:  # speech and the archive load only when a command runs
    from ..speech.options import SpeechOptions

__all__ = ["archived", "named_site", "parse_date", "register", "speech_options"]


def parse_date(text: str) -> datetime.date:
    """A ``--since``/``--until`` date: ``YYYY-MM-DD`` (or ``YYYY-MM``, the month's first day).

    >>> parse_date("2024-10"), parse_date("2024-10-03")
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 3))
    """
    try:
        if len(text) == 7:
            return datetime.date.fromisoformat(text + "-01")
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date such as 2024-10-01: {text!r}") from None


def speech_options(args: argparse.Namespace) -> SpeechOptions:
    """The voice options ``--voice``, ``--language``, ``--rate`` and ``--speed`` ask for.

    >>> speech_options(argparse.Namespace(voice=None, language=None, rate=None, speed=1.5)).rate_factor
    1.5
    """
    from ..speech.options import SpeechOptions

    fields: dict[str, object] = {}
    for arg, name in (("voice", "voice"), ("language", "language"), ("rate", "rate"), ("speed", "rate_factor")):
        if getattr(args, arg) is not None:
            fields[name] = getattr(args, arg)
    try:
        return SpeechOptions().replace(**fields)
    except OptionsError as exc:
        raise UsageError(str(exc)) from None


def archived(key: str, db: str | None, since: datetime.date, until: datetime.date) -> list[Article]:
    """The archive's releases of site ``key`` dated ``since`` to ``until``; UsageError when there are none.

    >>> archived("kent", "/no/such/archive.sqlite3", datetime.date(2024, 1, 1), datetime.date(2024, 2, 1))
    Traceback (most recent call last):
      ...
    pressreader.cli._common.UsageError: no archive at /no/such/archive.sqlite3
    """
    from ..archive.store import Archive

    if db is not None and not Path(db).is_file():
        raise UsageError(f"no archive at {db}")
    with Archive(db, read_only=True) as archive:
        articles = [stored.article for stored in archive.between(since, until, site=key)]
    if not articles:
        raise UsageError(
            f"no articles from {key} dated {since:%d %B %Y} to {until:%d %B %Y} in the archive; "
            f"run: pressreader crawl {key}"
        )
    return articles


def named_site(source: str) -> str | None:
    """The registry key ``source`` names, ``None`` for a file; UsageError for a misspelt site name.

    >>> named_site("kent"), named_site("-")
    ('kent', None)
    """
    from ..errors import SiteError
    from ..sites import DEFAULT_REGISTRY

    if source == "-" or Path(source).exists():
        return None
    site = DEFAULT_REGISTRY.find(source)
    if site is not None:
        return site.key
    if "." not in source and "/" not in source:
        try:
            DEFAULT_REGISTRY.lookup(source)
        except SiteError as exc:
            raise UsageError(f"{exc} (and there is no such file)") from None
    return None


def _articles(args: argparse.Namespace) -> list[Article]:
    until = args.until or datetime.date.today()
    key = named_site(args.sources[0]) if len(args.sources) == 1 else None
    if key is not None:
        if args.since is None:
            raise UsageError("name the first day with --since DATE when exporting a site's releases")
        return archived(key, args.db, args.since, until)
    articles = [load_article(read_bytes(source)) for source in args.sources]
    if args.since is not None:
        articles = [a for a in articles if a.date is None or args.since <= a.date <= until]
        if not articles:
            raise UsageError(f"none of the articles is dated from {args.since:%d %B %Y} to {until:%d %B %Y}")
    return sorted(articles, key=lambda a: (a.date is None, a.date or datetime.date.min))


def _export_epub(args: argparse.Namespace) -> int:
    from ..publish.epub import EpubOptions, export_epub

    refuse_overwriting_input(args.output, *getattr(args, "sources", []))
    articles = _articles(args)
    try:
        options = EpubOptions(title=args.title, granularity=args.granularity, speech=speech_options(args))
    except OptionsError as exc:
        raise UsageError(str(exc)) from None
    path = export_epub(articles, args.output, options)
    print(f"wrote a talking book of {len(articles)} article(s) to {path}", file=sys.stderr)
    return EXIT_OK


def _read_along(args: argparse.Namespace) -> int:
    from ..publish.readalong import write_read_along
    from ..rendering import RenderOptions

    article = load_input(args.article, db=args.db, url=args.url)
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out}: {exc.strerror}") from None
    try:
        options = RenderOptions(size=args.size, theme=args.theme, font=args.font)
    except OptionsError as exc:
        raise UsageError(str(exc)) from None
    page = write_read_along(article, out, options, speech_options(args), audio_format=args.audio, embed=args.embed)
    print(f"wrote {page} (open it in a browser; press Play to hear it)", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export-epub`` and ``read-along`` subcommands.

    >>> parser = argparse.ArgumentParser(prog="pressreader")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["export-epub", "kent", "--since", "2024-10", "-o", "kent.epub"]).since
    datetime.date(2024, 10, 1)
    """
    epub = add_command(
        sub,
        "export-epub",
        _export_epub,
        help="make a talking book (EPUB 3 with synchronised narration) of a site's releases or of saved articles",
        examples=(
            "  pressreader export-epub kent --since 2024-10-01 -o kent-october.epub\n"
            "  pressreader export-epub kent --since 2024-10 --until 2024-10-31 --db archive.sqlite -o news.epub\n"
            "  pressreader export-epub saved/*.html a.json -o news.epub --granularity sentence"
        ),
    )
    epub.add_argument(
        "sources",
        metavar="SITE|FILES",
        nargs="+",
        help="a site name (its archived releases) or saved HTML pages / Article JSON files",
    )
    epub.add_argument("--since", type=parse_date, metavar="DATE", help="the first day (YYYY-MM-DD or YYYY-MM)")
    epub.add_argument("--until", type=parse_date, metavar="DATE", help="the last day (default: today)")
    epub.add_argument("-o", "--output", metavar="OUT", required=True, help="the .epub file to write")
    epub.add_argument("--title", help="the book's title (default: News from <site>)")
    epub.add_argument(
        "--granularity",
        choices=("word", "sentence"),
        default="word",
        help="highlight each word (default) or each sentence",
    )
    add_db(epub)
    add_voice(epub)

    along = add_command(
        sub,
        "read-along",
        _read_along,
        help="write an article's reader page with a player that highlights each word as it is spoken",
        examples=(
            "  pressreader read-along saved-page.html -o reader/\n"
            "  pressreader read-along article.json -o reader/ --size large --theme cream --speed 0.8\n"
            "  pressreader read-along 12 -o reader/ --embed"
        ),
    )
    along.add_argument("article", metavar="ARTICLE", help="a saved page or Article JSON file, an archive id, ...")
    along.add_argument("-o", "--output", metavar="OUT_DIR", required=True, help="folder for the page and its audio")
    along.add_argument("--url", help="the address a saved HTML page came from")
    along.add_argument(
        "--audio",
        choices=("auto", "mp3", "wav"),
        default="auto",
        help="audio format (auto: MP3 when lameenc is installed, else WAV)",
    )
    along.add_argument("--embed", action="store_true", help="put the audio inside the page (one file)")
    add_presentation(along)
    add_db(along)
    add_voice(along)
