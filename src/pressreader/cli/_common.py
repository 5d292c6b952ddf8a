"""Helpers shared by the subcommand modules: exit codes, error output, input loading."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..models import Article

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


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
    if data.lstrip()[:1] == b"{":
        return Article.from_json(data)
    from ..parse import parse_article  # parsing HTML is only loaded when needed

    return parse_article(data, url)
