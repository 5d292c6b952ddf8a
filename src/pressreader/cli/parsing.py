"""``pressreader parse``: a saved page in, the Article out (text or JSON)."""

from __future__ import annotations

import argparse
import sys

from ..parse import parse_article
from ._common import EXIT_OK, add_command, read_bytes


def _parse(args: argparse.Namespace) -> int:
    article = parse_article(read_bytes(args.file), args.url)
    if args.json:
        sys.stdout.write(article.to_json(indent=2) + "\n")
        return EXIT_OK
    sys.stdout.write(article.text + "\n")
    for quote in article.quotes:
        who = ", ".join(p for p in (quote.speaker or "unnamed speaker", quote.role) if p)
        sys.stdout.write(f"\nQuote from {who}:\n{quote.text}\n")
    if article.notes:
        sys.stdout.write("\nNotes:\n" + "\n\n".join(article.notes) + "\n")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``parse`` subcommand."""
    parser = add_command(
        sub,
        "parse",
        _parse,
        help="read a saved news page and print the article it holds",
        examples=(
            "  pressreader parse saved-page.html\n"
            "  pressreader parse saved-page.html --json\n"
            "  pressreader parse page.html --url https://www.kent-pcc.gov.uk/news/x/ --json\n"
            "  curl -s URL | pressreader parse -"
        ),
    )
    parser.add_argument("file", help="a saved HTML page ('-' reads standard input)")
    parser.add_argument("--url", help="the address the page was saved from (finds the site and fixes links)")
    parser.add_argument("--json", action="store_true", help="print the article as JSON")
