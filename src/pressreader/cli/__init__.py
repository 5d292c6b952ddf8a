"""The ``pressreader`` command: the only place that prints or configures logging.

Each group of subcommands lives in its own module with a ``register(subparsers)``
function; :func:`build_parser` collects them. Exit codes: 0 ok, 1 error, 2 usage.
Errors are one plain sentence on standard error; progress bars appear only on a
terminal. ``python -m pressreader`` runs the same command.

    >>> from pressreader.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    pressreader ...
    0
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from ..errors import FetchError, PressreaderError, SpeechUnavailable
from ..models import __version__
from ._common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Handler, UsageError, fail
from ._guard import SafeStream, Stopped, signals_stop

__all__ = ["build_parser", "main"]

# Subcommand modules, in the order their commands appear in --help.
_GROUPS = ("parsing", "network", "keeping", "rendering", "speaking", "books", "podcast")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="pressreader",
        description="Police and Crime Commissioner news, made accessible: "
        "parse, enlarge and read aloud press releases.",
        epilog="ARTICLE, wherever a command takes one, is a web address, a saved page or Article JSON file, "
        "an archive id or a site name.\nRun 'pressreader COMMAND --help' for a command's options and examples.\n"
        "examples:\n"
        "  pressreader read warwickshire --size largest\n"
        "  pressreader speak saved-page.html --save story.wav\n"
        "  pressreader render 12 --target html --size large -o story.html\n"
        "exit codes: 0 ok, 1 error, 2 wrong usage",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"pressreader {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more (repeat for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in _GROUPS:
        importlib.import_module(f".{group}", __name__).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 0 for --help/--version and 2 for usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    from ..sites import SITES_VARIABLE, USER_SITES_PROBLEM

    if USER_SITES_PROBLEM:
        return fail(f"{USER_SITES_PROBLEM} (named in {SITES_VARIABLE}); mend it or unset {SITES_VARIABLE}")
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    # Log lines go through the same safe stream: they may quote what a page or an archive holds.
    logging.basicConfig(
        level=logging.WARNING - 10 * min(args.verbose, 2),
        format="pressreader: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        with signals_stop():
            return _run(handler, args)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except UsageError as exc:
        return fail(str(exc), code=EXIT_USAGE)
    except (FetchError, SpeechUnavailable) as exc:  # what happened, and what to do next
        from ..reader.messages import explain

        return fail(explain(exc), code=EXIT_ERROR)
    except PressreaderError as exc:
        return fail(str(exc), code=EXIT_ERROR)
    except Stopped as exc:  # SIGTERM, SIGHUP: cleaned up as for Ctrl-C
        return fail(f"stopped ({exc.name})", code=128 + exc.signum)
    except KeyboardInterrupt:
        return fail("interrupted", code=130)
    except BrokenPipeError:
        return EXIT_OK
