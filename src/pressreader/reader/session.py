"""Reading aloud in a terminal with key control: :class:`Reader`, and where the sound goes.

:class:`Reader` plays an article with a :class:`~pressreader.speech.Player`,
prints each sentence as it is read, lets the keys of :mod:`.keys` control it
(with the terminal in raw mode, always restored), and announces every key's
effect on its own line and aloud. Without a terminal it reads to the end.

Where the sound goes: the sound device (the default), or a WAV file for tests
and machines without sound. ``PRESSREADER_AUDIO_SINK=file:PATH`` (or
``FileSink(PATH)``) records in real time into ``PATH`` and logs every chunk
in ``PATH.log``, so the reading position can be checked::

    >>> audio_sink_from_env({}) is None
    True
    >>> audio_sink_from_env({"PRESSREADER_AUDIO_SINK": "speakers"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.OptionsError: PRESSREADER_AUDIO_SINK must be 'system' or 'file:PATH', not 'speakers'
"""

from __future__ import annotations

import os
import sys
import threading
import wave
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import OptionsError
from ..speech.sinks import RecordingSink
from .keys import Controls, raw_terminal, read_key

if TYPE_CHECKING:
    from ..models import Article
    from ..speech import AudioSink, Player, PlayerEvent, SpeechEngine, SpeechOptions
    from ..web.discovery import ArticleLink

__all__ = ["FileSink", "Reader", "audio_sink_from_env", "choose_release", "numbered_titles"]

ENV_SINK = "PRESSREADER_AUDIO_SINK"


class FileSink(RecordingSink):
    """ "Plays" into the WAV file ``path`` in real time; ``path.log`` lists each chunk.

    Each log line is ``<chunk name>\\t<start in seconds>\\t<played|cut>``; chunks of
    the article are named ``r<run>-<utterance index>.wav``, spoken announcements
    ``announce-<n>.wav``. Both files are emptied when the sink is made.

        >>> import tempfile, pathlib, wave, threading
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> with wave.open(str(folder / "r1-0.wav"), "wb") as chunk:
        ...     chunk.setnchannels(1); chunk.setsampwidth(2); chunk.setframerate(22050)
        ...     chunk.writeframes(bytes(4410))
        >>> sink = FileSink(folder / "heard.wav", realtime=False)
        >>> sink.play(folder / "r1-0.wav", threading.Event())
        True
        >>> sink.log_path.read_text()
        'r1-0.wav\\t0.00\\tplayed\\n'
    """

    def __init__(self, path: str | os.PathLike[str], *, realtime: bool = True) -> None:
        super().__init__(path, realtime=realtime)
        assert self.path is not None
        self.log_path = self.path.with_name(self.path.name + ".log")
        self.path.unlink(missing_ok=True)
        self.log_path.write_text("", encoding="utf-8")
        self.seconds = 0.0

    def play(self, path: Path, cancel: threading.Event) -> bool:
        """Record ``path`` (waiting its length) and log it; False when cut short."""
        start = self.seconds
        completed = super().play(path, cancel)
        if completed:
            with wave.open(str(path), "rb") as wav:
                self.seconds += wav.getnframes() / wav.getframerate()
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"{path.name}\t{start:.2f}\t{'played' if completed else 'cut'}\n")
        return completed


def audio_sink_from_env(environ: Mapping[str, str] | None = None) -> AudioSink | None:
    """The sink ``PRESSREADER_AUDIO_SINK`` asks for: ``None`` (the sound device) or a :class:`FileSink`."""
    value = (os.environ if environ is None else environ).get(ENV_SINK, "").strip()
    if value in ("", "system"):
        return None
    if value.startswith("file:") and len(value) > 5:
        return FileSink(value[5:])
    raise OptionsError(f"{ENV_SINK} must be 'system' or 'file:PATH', not {value!r}", field=ENV_SINK, value=value)


def numbered_titles(links: Sequence[ArticleLink]) -> str:
    """Recent releases as a numbered list, one per line, for choosing by number.

    >>> import datetime
    >>> from pressreader.web.discovery import ArticleLink
    >>> print(numbered_titles([ArticleLink("https://x.example/a", "Rugby visit", datetime.date(2024, 5, 9), "feed"),
    ...                        ArticleLink("https://x.example/b", None, None, "listing")]))
    1. Rugby visit (9 May 2024)
    2. https://x.example/b
    """
    lines = []
    for number, link in enumerate(links, 1):
        when = f" ({link.date.day} {link.date:%B %Y})" if link.date else ""
        lines.append(f"{number}. {link.title or link.url}{when}")
    return "\n".join(lines)


def choose_release(links: Sequence[ArticleLink], answer: str) -> ArticleLink:
    """The release numbered ``answer`` (an empty answer: the newest); OptionsError for anything else.

    >>> import datetime
    >>> from pressreader.web.discovery import ArticleLink
    >>> links = [ArticleLink(f"https://x.example/{n}", f"Story {n}", None, "feed") for n in (1, 2)]
    >>> choose_release(links, "2").title, choose_release(links, "").title
    ('Story 2', 'Story 1')
    >>> choose_release(links, "7")
    Traceback (most recent call last):
    ...
    pressreader.errors.OptionsError: there is no release number 7: type a number from 1 to 2
    """
    text = answer.strip()
    if not text:
        return links[0]
    if text.isdigit() and 1 <= int(text) <= len(links):
        return links[int(text) - 1]
    raise OptionsError(f"there is no release number {text}: type a number from 1 to {len(links)}")


class Reader:
    """Reads ``article`` aloud with key control in a terminal.

    ``out`` receives every line (sentences as they are read, announcements);
    ``keys`` is the terminal to read key presses from (standard input by
    default; with no terminal the whole article is read). ``speak_announcements``
    also says each announcement aloud. Raises
    :class:`~pressreader.errors.SpeechUnavailable` (no engine) or
    :class:`~pressreader.errors.PlaybackUnavailable` (no sound) from :meth:`run`
    before anything is read, so the caller can fall back.

        >>> import io
        >>> from pressreader.models import Article
        >>> out = io.StringIO()
        >>> reader = Reader(Article("T", ("B.",)), out=out, keys=io.StringIO())
        >>> reader.say("Reading aloud.")
        >>> out.getvalue()
        'Reading aloud.\\n'
    """

    def __init__(
        self,
        article: Article,
        options: SpeechOptions | None = None,
        *,
        sink: AudioSink | None = None,
        engine: SpeechEngine | None = None,
        out: TextIO | None = None,
        keys: TextIO | None = None,
        speak_announcements: bool = True,
    ) -> None:
        self.article = article
        self.options = options
        self.sink = sink
        self.engine = engine
        self.out = out if out is not None else sys.stdout
        self.keys = keys if keys is not None else sys.stdin
        self.speak_announcements = speak_announcements
        self.rate_factor = 1.0 if options is None else options.rate_factor
        self._lock = threading.Lock()
        self._spoken = 0
        self._player: Player | None = None

    def say(self, line: str) -> None:
        """Print ``line`` on its own line (flushed), from any thread."""
        with self._lock:
            self.out.write(line + "\n")
            self.out.flush()

    def announce(self, message: str) -> None:
        """Print ``message`` and, when speaking is on, say it (the player must not be playing)."""
        self.say(message)
        player = self._player
        if not self.speak_announcements or player is None:
            return
        from ..speech.normalise import normalise

        self._spoken += 1
        chunk = player.workdir / f"announce-{self._spoken}.wav"
        try:
            player.engine.synthesise(normalise(message.replace("\n", " ")), chunk, player.options)
            player.sink.play(chunk, threading.Event())
        finally:
            chunk.unlink(missing_ok=True)

    def _show(self, event: PlayerEvent) -> None:
        if event.utterance is not None:
            self.say(event.utterance.display)

    def run(self) -> float:
        """Read the article; returns the speed factor in force at the end (the keys may change it)."""
        from ..speech import Player

        with Player(self.article, self.options, engine=self.engine, audio_sink=self.sink) as player:
            player.prepare()
            player.sink.check()
            player.on("utterance-started", self._show)
            with raw_terminal(self.keys) as interactive:
                if not interactive:
                    player.play()
                    player.wait()
                    return player.options.rate_factor
                self._player = player
                try:
                    self.announce("Reading aloud. Press h for the keys, q to quit.")
                    player.play()
                    self._loop(player, Controls(player, self.announce))
                finally:
                    self._player = None
            return player.options.rate_factor

    def _loop(self, player: Player, controls: Controls) -> None:
        told_end = False
        while True:
            key = read_key(self.keys, 0.1)
            if key == "":  # the terminal closed
                player.stop()
                return
            if key is not None:
                told_end = False
                if not controls.handle(key):
                    return
            if player.error is not None:
                raise player.error
            if player.state == "finished" and not told_end:
                told_end = True
                self.announce("End of the article. Press space to hear it again from the start, or q to quit.")
