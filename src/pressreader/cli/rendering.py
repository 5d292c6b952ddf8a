"""``pressreader render`` and ``pressreader export-html``: articles at the reader's size.

``render`` takes one article (a saved page or Article JSON file, a web address,
an archive id or a site name) and prints or writes it as a reader view,
large-print text, terminal text or Markdown.
``export-html`` writes one reader page per article plus ``index.html``.

Escape codes are used only for ``--target terminal`` written to a terminal
with ``NO_COLOR`` unset; never into a file or pipe.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

from ..errors import OptionsError, RenderError
from ..files import replacing, write_failure
from ..models import Article
from ..rendering import TARGETS, RenderOptions, article_filenames, render, render_index, should_color
from ._common import (
    ARTICLE_HELP,
    ARTICLE_METAVAR,
    EXIT_OK,
    UsageError,
    add_command,
    add_db,
    add_presentation,
    columns,
    load_article,
    load_input,
    parse_size,
    read_bytes,
    refuse_overwriting_input,
)

__all__ = ["parse_size", "register"]


def _options(args: argparse.Namespace, *, width: int | None) -> RenderOptions:
    fields: dict[str, object] = {"size": args.size}
    for name in ("theme", "font"):
        if hasattr(args, name):
            fields[name] = getattr(args, name)
    if width is not None:
        fields["width"] = width
    try:
        return RenderOptions().replace(**fields)
    except OptionsError as exc:
        raise UsageError(str(exc)) from None


def _render(args: argparse.Namespace) -> int:
    refuse_overwriting_input(args.output, args.article)
    article = load_input(args.article, db=args.db, url=args.url)
    width = args.width
    color = False
    if args.target == "terminal" and args.output is None:
        color = should_color(sys.stdout, os.environ)
        if width is None:
            width = max(20, min(1000, shutil.get_terminal_size().columns))
    options = _options(args, width=width).replace(color=color)
    text = render(article, args.target, options=options)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write(Path(args.output), text)
    return EXIT_OK


def _write(path: Path, text: str, what: str = "the page") -> None:
    if path.is_dir():
        raise RenderError(f"cannot write {what} to {path}: it is a folder; name a file in it")
    with replacing(path, what, RenderError) as out:
        out.write(text.encode("utf-8"))


def _archive_articles(db: str) -> list[Article]:
    if not Path(db).is_file():
        raise UsageError(f"no archive at {db}")
    from ..archive.store import Archive  # loaded only when an archive is asked for

    with Archive(db, read_only=True) as archive:
        return [stored.article for stored in archive]


def _sorted_newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.date is not None, a.date), reverse=True)


def _export(args: argparse.Namespace) -> int:
    articles = [load_article(read_bytes(f)) for f in args.files]
    if args.db:
        articles.extend(_archive_articles(args.db))
    if not articles:
        raise UsageError("nothing to export: name article files or an archive with --db")
    articles = _sorted_newest_first(articles)
    options = _options(args, width=None)
    out = Path(args.out_dir)
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(write_failure("the reader pages", out, exc)) from None
    written: list[Path] = []
    try:
        for article, name in zip(articles, article_filenames(articles), strict=True):
            _write(out / name, render(article, "html", options=options), "a reader page")
            written.append(out / name)
        _write(out / "index.html", render_index(articles, options), "the index page")
    except BaseException:  # a half-made export is worse than none: take back what this run wrote
        for path in written:
            path.unlink(missing_ok=True)
        if made:
            shutil.rmtree(out, ignore_errors=True)
        raise
    print(f"wrote {len(articles)} reader page(s) and index.html to {out}", file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` and ``export-html`` subcommands.

    >>> parser = argparse.ArgumentParser(prog="pressreader")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["render", "a.json", "--size", "1.5"]).size
    1.5
    """
    parser = add_command(
        sub,
        "render",
        _render,
        help="show an article at a chosen text size: reader-view HTML, large-print text or Markdown",
        examples=(
            "  pressreader render saved-page.html --target text --size largest\n"
            "  pressreader render article.json --target html --size large --theme cream -o article.html\n"
            "  pressreader render 12 --target terminal\n"
            "  pressreader render https://www.kent-pcc.gov.uk/news/x/ --target text\n"
            "  pressreader parse page.html --json | pressreader render - --target markdown"
        ),
    )
    parser.add_argument("article", metavar=ARTICLE_METAVAR, help=ARTICLE_HELP)
    parser.add_argument("--url", help="the address a saved HTML page came from (finds the site and its name)")
    parser.add_argument("--target", default="html", choices=TARGETS, help="output format (default: html)")
    add_presentation(parser)
    add_db(parser)
    parser.add_argument(
        "--width",
        type=columns,
        help="columns for text and terminal output (default: 80, or the terminal's width)",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")

    export = add_command(
        sub,
        "export-html",
        _export,
        help="write an accessible reader page for each article, and an index.html linking them",
        examples=(
            "  pressreader export-html reader/ saved/*.html\n"
            "  pressreader export-html reader/ a.json b.json --size large --theme high-contrast\n"
            "  pressreader export-html reader/ --db archive.sqlite"
        ),
    )
    export.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the pages into (created if needed)")
    export.add_argument("files", metavar="FILES", nargs="*", help="saved HTML pages or Article JSON files")
    export.add_argument("--db", metavar="PATH", help="also export every article in this archive")
    add_presentation(export)
