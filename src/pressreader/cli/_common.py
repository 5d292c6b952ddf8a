"""Helpers shared by the subcommand modules: exit codes, error output, common flags, input loading.

Every command that reads an article (``read``, ``render``, ``speak``) takes the
same ``ARTICLE`` argument through :func:`load_input`: a web address, a saved
page or Article JSON file (``-`` for standard input), an archive id, or a site
name (its latest release). Flags that mean the same thing are spelt the same
everywhere: ``--json``, ``--db``, ``--size``/``--theme``/``--font``,
``--voice``/``--rate``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import SiteError
from ..models import Article
from ..reader.inputs import article_by_id, classify, load_file, open_article
from ..rendering.options import NAMED_SIZES

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]

#: The metavar and help of the ARTICLE argument of read, render and speak.
ARTICLE_METAVAR = "ARTICLE"
ARTICLE_HELP = (
    "a web address, a saved page or Article JSON file ('-' reads standard input), "
    "an archive id (from `latest` or `search`), or a site name (its latest release)"
)


class UsageError(Exception):
    """The command was called wrongly; reported with exit code 2."""


def fail(message: str, *, code: int = EXIT_ERROR) -> int:
    """Print one plain sentence on stderr and return ``code``."""
    print(f"pressreader: {message}", file=sys.stderr)
    return code


def add_command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    *,
    help: str,
    examples: str,
) -> argparse.ArgumentParser:
    """Add a subcommand whose --help ends with worked examples."""
    parser = sub.add_parser(
        name,
        help=help,
        description=help,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler)
    return parser


def read_bytes(path: str) -> bytes:
    """Read a file named on the command line ('-' for stdin) or raise UsageError."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not a saved page") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def load_article(data: bytes, url: str | None = None) -> Article:
    """An Article from Article JSON (starts with ``{``) or a saved HTML page (saved from ``url``).

    >>> load_article(b'{"title": "T", "body": ["B."]}').title
    'T'
    """
    return load_file(data, url)


def load_input(target: str, *, db: str | None = None, url: str | None = None) -> Article:
    """The article ``target`` names (see :mod:`pressreader.reader.inputs`); UsageError when it names nothing.

    >>> load_input("nonsense")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.cli._common.UsageError: no such file: nonsense (there is no such file, web address or archive id...
    """
    if Path(target).is_dir():
        raise UsageError(f"{target} is a folder, not a saved page")
    try:
        kind = classify(target).kind
    except SiteError as exc:
        raise UsageError(str(exc)) from None
    if kind in ("file", "stdin"):
        return load_file(read_bytes(target), url)
    if kind == "id":
        article = article_by_id(target, db)
        if article is None:
            raise UsageError(f"there is no article {target} in the archive (`pressreader latest SITE` lists ids)")
        return article
    return open_article(target, db=db, url=url)


def add_json(parser: argparse.ArgumentParser, what: str = "the result") -> None:
    """``--json``: machine-readable output.

    >>> parser = argparse.ArgumentParser()
    >>> add_json(parser); add_db(parser); add_presentation(parser); add_voice(parser)
    >>> args = parser.parse_args(["--json", "--size", "large", "--rate", "150", "--db", "a.sqlite3"])
    >>> args.json, args.size, args.theme, args.rate, args.db
    (True, 'large', 'default', 150, 'a.sqlite3')
    """
    parser.add_argument("--json", action="store_true", help=f"print {what} as JSON")


def add_db(parser: argparse.ArgumentParser) -> None:
    """``--db PATH``: the archive file."""
    parser.add_argument("--db", metavar="PATH", help="the archive file (default: in your user data folder)")


def parse_size(value: str) -> str | float:
    """A ``--size`` value: a named step or a number from 1.0 to 4.0.

    >>> parse_size("large"), parse_size("2.5")
    ('large', 2.5)
    """
    if value in NAMED_SIZES:
        return value
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size: use standard, large, largest or a number from 1.0 to 4.0"
        ) from None


def add_size(parser: argparse.ArgumentParser) -> None:
    """``--size``: the text size."""
    parser.add_argument(
        "--size",
        type=parse_size,
        default="standard",
        help="standard (18.7 px), large (24 px), largest (32 px) or a scale 1.0-4.0 of 16 px",
    )


def add_presentation(parser: argparse.ArgumentParser) -> None:
    """``--size``, ``--theme`` and ``--font``: how an article looks."""
    from typing import get_args

    from ..rendering.options import Font, Theme

    add_size(parser)
    parser.add_argument("--theme", default="default", choices=get_args(Theme), help="colours")
    parser.add_argument("--font", default="sans", choices=get_args(Font), help="font family")


def _words_per_minute(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of words per minute: {text!r}")
    return int(text)


def _factor(text: str) -> float:
    try:
        return float(text.rstrip("x×"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a speed factor such as 1.5: {text!r}") from None


def add_voice(parser: argparse.ArgumentParser) -> None:
    """``--voice``, ``--language``, ``--rate`` and ``--speed``: how an article sounds."""
    parser.add_argument("--voice", metavar="ID", help="a voice id from 'pressreader voices'")
    parser.add_argument("--language", metavar="TAG", help="choose a voice by language (default en-GB)")
    parser.add_argument("--rate", type=_words_per_minute, metavar="WPM", help="words per minute (80-500; default 175)")
    parser.add_argument("--speed", type=_factor, metavar="FACTOR", help="speed factor, 0.5 to 2.5 (default 1)")
