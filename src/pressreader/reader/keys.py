"""The keys that control reading aloud, what each one says it did, and the terminal's raw mode.

One key, one action, and the action announced in words (printed on its own line
and spoken), so that a reader who cannot see the screen always knows what
happened. :class:`Controls` applies a key to a :class:`~pressreader.speech.Player`;
:func:`raw_terminal` lets a terminal deliver single key presses and always
restores it::

    >>> print(help_text())
    Keys: space pauses or goes on; n next paragraph; p previous paragraph; s next sentence;
    capital S previous sentence; r repeats the sentence; + faster; - slower; q quits; h or ? this help.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..speech import Player

__all__ = ["KEYS", "Controls", "Key", "help_text", "raw_terminal", "read_key"]


@dataclass(frozen=True, slots=True)
class Key:
    """A key (the characters it sends), its spoken name, and what it does."""

    chars: str
    name: str
    does: str


#: Every key, in the order the help lists them.
KEYS: tuple[Key, ...] = (
    Key(" ", "space", "pauses or goes on"),
    Key("n", "n", "next paragraph"),
    Key("p", "p", "previous paragraph"),
    Key("s", "s", "next sentence"),
    Key("S", "capital S", "previous sentence"),
    Key("r", "r", "repeats the sentence"),
    Key("+=", "+", "faster"),
    Key("-_", "-", "slower"),
    Key("qQ\x1b", "q", "quits"),
    Key("h?", "h or ?", "this help"),
)


def help_text() -> str:
    """The keys in one short paragraph (two lines), as printed and spoken by ``h``."""
    parts = [f"{k.name} {k.does}" for k in KEYS]
    return "Keys: " + "; ".join(parts[:4]) + ";\n" + "; ".join(parts[4:]) + "."


def _times(factor: float) -> str:
    """How a speed factor is said.

    >>> _times(1.0), _times(1.25)
    ('normal speed', '1.25 times')
    """
    return "normal speed" if factor == 1 else f"{factor:g} times"


class Controls:
    """Applies keys to a player and says what each did.

    ``announce(message)`` is called with one sentence per key; it must print
    it (and may speak it: the player is paused while it runs, and reading goes
    on afterwards if it was going before). :meth:`handle` returns False for q.

        >>> from pressreader.models import Article
        >>> from pressreader.speech import Player, RecordingSink
        >>> said = []
        >>> player = Player(Article("Title", ("One. Two.", "Three.")), audio_sink=RecordingSink())
        >>> controls = Controls(player, said.append)
        >>> controls.handle("n"), said[-1]
        (True, 'Next paragraph: part 2 of 3.')
        >>> controls.handle("+"), said[-1]
        (True, 'Faster: 1.25 times.')
        >>> controls.handle("x"), said[-1]
        (True, 'The key x does nothing: press h for the list of keys.')
        >>> controls.handle("q"), said[-1]
        (False, 'Stopped. Goodbye.')
        >>> player.close()
    """

    def __init__(self, player: Player, announce: Callable[[str], None]) -> None:
        self.player = player
        self.announce = announce
        self.actions: dict[str, Callable[[], str]] = {}
        table: dict[str, Callable[[], str]] = {
            "n": self._next_paragraph,
            "p": self._previous_paragraph,
            "s": self._next_sentence,
            "S": self._previous_sentence,
            "r": self._repeat,
            "+": self._faster,
            "-": self._slower,
            "h": help_text,
        }
        for key in KEYS:
            action = table.get(key.chars[0])
            if action is not None:
                for char in key.chars:
                    self.actions[char] = action
        self.quit_keys = next(k.chars for k in KEYS if k.name == "q")

    # --- where we are ------------------------------------------------------------------------

    def _blocks(self) -> list[int]:
        from ..speech import block_starts

        return block_starts(self.player.script)

    def _part(self) -> str:
        starts = self._blocks()
        number = sum(1 for s in starts if s <= self.player.position)
        return f"part {max(number, 1)} of {len(starts)}"

    # --- actions (the player is paused while they run) -------------------------------------------

    def _next_paragraph(self) -> str:
        if not [s for s in self._blocks() if s > self.player.position]:
            return f"This is the last paragraph: {self._part()}."
        self.player.next_paragraph()
        return f"Next paragraph: {self._part()}."

    def _previous_paragraph(self) -> str:
        self.player.previous_paragraph()
        return f"Previous paragraph: {self._part()}."

    def _next_sentence(self) -> str:
        if self.player.position >= len(self.player.script) - 1:
            return "This is the last sentence."
        self.player.next_sentence()
        return f"Next sentence: {self._part()}."

    def _previous_sentence(self) -> str:
        self.player.previous_sentence()
        return f"Previous sentence: {self._part()}."

    def _repeat(self) -> str:
        self.player.repeat()
        return "Repeating the sentence."

    def _faster(self) -> str:
        before = self.player.options.rate_factor
        self.player.faster()
        after = self.player.options.rate_factor
        return f"Faster: {_times(after)}." if after != before else f"Already the fastest: {_times(after)}."

    def _slower(self) -> str:
        before = self.player.options.rate_factor
        self.player.slower()
        after = self.player.options.rate_factor
        return f"Slower: {_times(after)}." if after != before else f"Already the slowest: {_times(after)}."

    # --- the one entry point ---------------------------------------------------------------------

    def handle(self, key: str) -> bool:
        """Apply ``key`` and announce it; False when the key asks to quit."""
        player = self.player
        if key in self.quit_keys:
            player.stop()
            self.announce("Stopped. Goodbye.")
            return False
        if key == " ":
            if player.state == "playing":
                player.pause()
                self.announce("Paused: press space to go on.")
            else:
                self.announce("Going on." if player.state == "paused" else "Reading from the start.")
                player.play()
            return True
        action = self.actions.get(key)
        was_playing = player.state == "playing"
        if was_playing:
            player.pause()
        if action is None:
            shown = {"\r": "Enter", "\n": "Enter", "\t": "Tab"}.get(key, key if key.isprintable() else "")
            start = f"The key {shown} does nothing" if shown else "That key does nothing"
            self.announce(start + ": press h for the list of keys.")
        else:
            self.announce(action())
        if was_playing:
            player.play()
        return True


@contextlib.contextmanager
def raw_terminal(stream: TextIO | None = None) -> Iterator[bool]:
    """Let ``stream`` (standard input) deliver single key presses without Enter, then restore it.

    Yields True when key presses can be read (a terminal on a POSIX system),
    False otherwise (a pipe, a file, Windows): nothing is changed then. The
    terminal's settings are restored on leaving, whatever happened, including
    Ctrl+C (which still interrupts: only line editing and echo are turned off).

        >>> import io
        >>> with raw_terminal(io.StringIO()) as keys:
        ...     keys
        False
    """
    stream = stream if stream is not None else sys.stdin
    try:
        fd = stream.fileno()
        interactive = os.isatty(fd)
    except (AttributeError, OSError, ValueError):
        interactive = False
    if not interactive:
        yield False
        return
    try:
        import termios
        import tty
    except ImportError:  # pragma: no cover - Windows
        yield False
        return
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        yield True
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def read_key(stream: TextIO | None = None, timeout: float = 0.1) -> str | None:
    """One key press from ``stream`` (a terminal in :func:`raw_terminal`), or None after ``timeout`` seconds.

    Returns ``""`` at the end of input.

    >>> import os
    >>> read_end, write_end = os.pipe()
    >>> _ = os.write(write_end, b"n")
    >>> with os.fdopen(read_end) as keys:
    ...     read_key(keys), read_key(keys, timeout=0.01)
    ('n', None)
    >>> os.close(write_end)
    """
    stream = stream if stream is not None else sys.stdin
    fd = stream.fileno()
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return None
    data = os.read(fd, 1)
    if data == b"\x1b":  # an arrow or function key sends more; an Escape alone quits
        more, _, _ = select.select([fd], [], [], 0.05)
        if more:
            os.read(fd, 16)
            return "\x00"
    return data.decode("utf-8", "replace")
