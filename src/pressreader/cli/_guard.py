"""What stands between the program and the reader's terminal: safe output, and signals that clean up.

Nothing a page contains may drive the terminal or the screen reader: every
line the command prints goes through :class:`SafeStream`, which drops C0 and
C1 control characters (but newline and tab) and the bidirectional overrides
and isolates (U+202A–U+202E, U+2066–U+2069), keeping only the few sequences
the command itself writes (carriage return and "erase line" for progress
lines, bold and reset for the terminal view).

SIGTERM and SIGHUP end the program the way Ctrl-C does, as a
:class:`Stopped` (a ``KeyboardInterrupt``), so that every ``finally`` and
every clean-up that Ctrl-C runs also runs for them.

    >>> import io
    >>> out = io.StringIO()
    >>> SafeStream(out).write("Title\\x1b]0;pwned\\x07 \\u202eevil\\x1b[1m bold\\x1b[0m\\r\\n")
    36
    >>> out.getvalue()
    'Title]0;pwned evil\\x1b[1m bold\\x1b[0m\\r\\n'
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any, TextIO

__all__ = ["SafeStream", "Stopped", "signals_stop"]

_OURS = r"\x1b\[(?:K|1m|0m)|\r"
_UNSAFE = re.compile(rf"({_OURS})|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _keep_ours(match: re.Match[str]) -> str:
    return match.group(1) or ""


class SafeStream:
    """A text stream that writes to ``stream`` only what a terminal can show safely."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` without the unsafe characters; returns the length of ``text``, as files do."""
        self._stream.write(_UNSAFE.sub(_keep_ours, text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        """Write each of ``lines``."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Stopped(KeyboardInterrupt):
    """The program was asked to stop by a signal (``signum``), to be handled as Ctrl-C is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        """The signal's name ("SIGTERM")."""
        return signal.Signals(self.signum).name


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextmanager
def signals_stop() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Stopped` (only in the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, _raise) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
