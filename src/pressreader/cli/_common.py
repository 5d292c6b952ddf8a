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
import os
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
        from ..archive.store import default_archive_path

        where = Path(db) if db else default_archive_path()
        if not where.is_file():
            raise UsageError(
                f"there is no article {target} in the archive: there is no archive at {where} yet "
                "(pressreader crawl SITE makes one)"
            )
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


def whole_number(low: int, high: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, refused in the option's own words.

    >>> whole_number(1, 100)("7")
    7
    >>> whole_number(1, 100)("99999999999999999999")
    Traceback (most recent call last):
      ...
    argparse.ArgumentTypeError: must be from 1 to 100, not 99999999999999999999
    """

    def parse(text: str) -> int:
        cleaned = text.strip().replace(",", "").replace("_", "")
        if not cleaned.lstrip("-").isdigit():
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}")
        value = int(cleaned)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low:,} to {high:,}, not {cleaned}")
        return value

    return parse


def number(low: float, high: float, what: str = "a number", *, suffixes: str = "") -> Callable[[str], float]:
    """An argparse type: a finite number from ``low`` to ``high`` (``suffixes`` may end it, as "1.5x").

    >>> number(0, 3600)("inf")
    Traceback (most recent call last):
      ...
    argparse.ArgumentTypeError: must be from 0 to 3600, not inf
    """

    def parse(text: str) -> float:
        try:
            value = float(text.strip().rstrip(suffixes) if suffixes else text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if not low <= value <= high:  # also refuses nan and inf
            raise argparse.ArgumentTypeError(f"must be from {low:g} to {high:g}, not {text.strip()}")
        return value

    return parse


_words_per_minute = whole_number(80, 500, "a number of words per minute")
_factor = number(0.5, 2.5, "a speed factor such as 1.5", suffixes="x×")
#: ``--width``: columns of text.
columns = whole_number(20, 1000, "a number of columns")
#: ``-n``, ``--limit``: how many releases.
how_many = whole_number(1, 1_000_000, "a whole number of at least 1")


def refuse_overwriting_input(output: str | Path | None, *inputs: str) -> None:
    """Raise :class:`UsageError` when ``output`` names one of the ``inputs`` (it would be destroyed).

    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile(suffix=".json", delete=False); f.close()
    >>> refuse_overwriting_input(f.name, f.name)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    pressreader.cli._common.UsageError: the output ... is also an input; choose another name
    """
    if output is None:
        return
    target = Path(output)
    for source in inputs:
        path = Path(source)
        try:
            same = path.is_file() and target.exists() and os.path.samefile(path, target)
        except OSError:
            same = False
        if same:
            raise UsageError(f"the output {output} is also an input; choose another name")


def add_voice(parser: argparse.ArgumentParser) -> None:
    """``--voice``, ``--language``, ``--rate`` and ``--speed``: how an article sounds."""
    parser.add_argument("--voice", metavar="ID", help="a voice id from 'pressreader voices'")
    parser.add_argument("--language", metavar="TAG", help="choose a voice by language (default en-GB)")
    parser.add_argument("--rate", type=_words_per_minute, metavar="WPM", help="words per minute (80-500; default 175)")
    parser.add_argument("--speed", type=_factor, metavar="FACTOR", help="speed factor, 0.5 to 2.5 (default 1)")
