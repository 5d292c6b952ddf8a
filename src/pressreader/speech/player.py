"""Reading an article aloud with controls: :class:`Player`.

The player synthesises a few utterances ahead into a small queue of WAV chunks
while it plays the current one, so speech starts after the first sentence is
ready, whatever the article's length. Every control returns at once, so a
terminal key loop or a GUI can drive it; events report progress::

    >>> from pressreader.models import Article
    >>> from pressreader.speech.sinks import RecordingSink
    >>> player = Player(Article("Title", ("One. Two.",)), audio_sink=RecordingSink())
    >>> player.state, player.position, len(player.script)
    ('idle', 0, 3)
    >>> player.close()

Pausing cuts the current sentence short; resuming starts that sentence again.
Changing the speed restarts the current sentence at the new speed.
"""

from __future__ import annotations

import logging
import queue
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import SpeechError
from ..models import Article
from .engine import Pyttsx3Engine, SpeechEngine, _PerLanguage
from .options import SpeechOptions
from .script import Utterance, block_starts, speech_script
from .sinks import AudioSink, SystemSink

__all__ = ["EVENTS", "Player", "PlayerEvent"]

log = logging.getLogger(__name__)

#: The events a player reports.
EVENTS = ("utterance-started", "utterance-finished", "state-changed", "error")


@dataclass(frozen=True, slots=True)
class PlayerEvent:
    """What happened: ``name`` is one of :data:`EVENTS`.

    ``index``/``utterance`` are set for utterance events (``completed`` is False
    when the utterance was cut short), ``state`` for every event, ``error`` for
    ``"error"``.
    """

    name: str
    state: str
    index: int | None = None
    utterance: Utterance | None = None
    completed: bool | None = None
    error: SpeechError | None = None


Listener = Callable[[PlayerEvent], None]


class _Run:
    """One pass of the pipeline from ``start``: a synthesis thread feeding a playback thread."""

    def __init__(self, player: Player, start: int, options: SpeechOptions, number: int) -> None:
        self.player = player
        self.start = start
        self.options = options
        self.number = number
        self.cancel = threading.Event()
        self.chunks: queue.Queue[tuple[str, int, Path | None, SpeechError | None]] = queue.Queue(
            maxsize=player.lookahead
        )
        self.synth_thread = threading.Thread(target=self._synthesise, name="pressreader-synth", daemon=True)
        self.play_thread = threading.Thread(target=self._play, name="pressreader-play", daemon=True)

    def begin(self) -> None:
        self.synth_thread.start()
        self.play_thread.start()

    def join(self, timeout: float) -> None:
        for thread in (self.synth_thread, self.play_thread):
            if thread is not threading.current_thread():
                thread.join(timeout)

    def _put(self, item: tuple[str, int, Path | None, SpeechError | None]) -> bool:
        while not self.cancel.is_set():
            try:
                self.chunks.put(item, timeout=0.05)
            except queue.Full:
                continue
            return True
        return False

    def _synthesise(self) -> None:
        script = self.player.script
        for i in range(self.start, len(script)):
            if self.cancel.is_set():
                return
            path = self.player.workdir / f"r{self.number}-{i}.wav"
            try:
                options = self.player._options_for(script[i], self.options)
                self.player.engine.synthesise(script[i].text, path, options)
            except Exception as exc:
                if self.cancel.is_set():
                    return
                error = exc if isinstance(exc, SpeechError) else SpeechError(f"speech failed: {exc}")
                self._put(("error", i, None, error))
                return
            if not self._put(("chunk", i, path, None)):
                path.unlink(missing_ok=True)
                return
        self._put(("end", len(script), None, None))

    def _play(self) -> None:
        try:
            while not self.cancel.is_set():
                try:
                    kind, i, path, error = self.chunks.get(timeout=0.05)
                except queue.Empty:
                    if not self.synth_thread.is_alive() and self.chunks.empty() and not self.cancel.is_set():
                        # the synthesis thread died without a word: never wait for it forever
                        self.player._failed(self, SpeechError("speech synthesis stopped unexpectedly"))
                        return
                    continue
                if kind == "error":
                    assert error is not None
                    self.player._failed(self, error)
                    return
                if kind == "end":
                    self.player._ended(self)
                    return
                assert path is not None
                try:
                    if not self.player._started(self, i):
                        return
                    completed = self.player.sink.play(path, self.cancel)
                except Exception as exc:
                    error = exc if isinstance(exc, SpeechError) else SpeechError(f"playback failed: {exc}")
                    self.player._failed(self, error)
                    return
                finally:
                    path.unlink(missing_ok=True)
                self.player._finished(self, i, completed)
                if not completed:
                    return
        finally:
            self._drain()

    def _drain(self) -> None:
        while True:
            try:
                _, _, path, _ = self.chunks.get_nowait()
            except queue.Empty:
                return
            if path is not None:
                path.unlink(missing_ok=True)


class Player:
    """Plays an article's speech script with play/pause/skip controls and events.

    ``engine`` defaults to a :class:`Pyttsx3Engine` owned (and closed) by the
    player; ``audio_sink`` to the :class:`~pressreader.speech.sinks.SystemSink`
    (``aplay``), or inject a :class:`~pressreader.speech.sinks.RecordingSink`
    to "play" headless. ``lookahead`` is how many chunks are synthesised ahead.
    States: ``idle``, ``playing``, ``paused``, ``stopped``, ``finished``.
    Listeners (:meth:`on`) are called from the playback thread. An utterance in
    another language (the Welsh half of a bilingual release) is said by a voice
    that speaks it when the engine has one
    (:func:`~pressreader.speech.engine.utterance_options`).
    """

    def __init__(
        self,
        article: Article,
        options: SpeechOptions | None = None,
        *,
        engine: SpeechEngine | None = None,
        audio_sink: AudioSink | None = None,
        lookahead: int = 3,
    ) -> None:
        self._options = options or SpeechOptions()
        self.script: list[Utterance] = speech_script(article, self._options)
        if not self.script:
            raise SpeechError("the article has nothing to say")
        self._own_engine = engine is None
        self.engine: SpeechEngine = engine if engine is not None else Pyttsx3Engine()
        self._options_for = _PerLanguage(self.engine.list_voices)
        self.sink: AudioSink = audio_sink if audio_sink is not None else SystemSink()
        self.lookahead = max(1, lookahead)
        self.workdir = Path(tempfile.mkdtemp(prefix="pressreader-player-"))
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.workdir), True)
        self._blocks = block_starts(self.script)
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._listeners: dict[str, list[Listener]] = {name: [] for name in EVENTS}
        self._run: _Run | None = None
        self._old_runs: list[_Run] = []
        self._runs = 0
        self._state = "idle"
        self._position = 0
        self.error: SpeechError | None = None

    # --- state -------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``idle``, ``playing``, ``paused``, ``stopped`` or ``finished``."""
        return self._state

    @property
    def position(self) -> int:
        """The index in :attr:`script` of the utterance playing (or to play next)."""
        return self._position

    @property
    def options(self) -> SpeechOptions:
        """The options in force (the rate changes with :meth:`faster`/:meth:`slower`)."""
        return self._options

    def on(self, event: str, listener: Listener) -> None:
        """Call ``listener(PlayerEvent)`` whenever ``event`` (one of :data:`EVENTS`) happens."""
        if event not in self._listeners:
            raise ValueError(f"unknown player event {event!r}; choose from {', '.join(EVENTS)}")
        self._listeners[event].append(listener)

    def _emit(self, event: PlayerEvent) -> None:
        for listener in list(self._listeners[event.name]):
            try:
                listener(event)
            except Exception:  # a UI bug must not stop the reading
                log.exception("player listener for %s failed", event.name)

    def _set_state(self, state: str) -> None:
        with self._lock:
            if state == self._state:
                return
            self._state = state
            self._changed.notify_all()
        self._emit(PlayerEvent("state-changed", state))

    # --- the pipeline --------------------------------------------------------------------

    def _launch(self, start: int) -> None:
        with self._lock:
            self._cancel_run()
            self._runs += 1
            self._position = start
            self._run = _Run(self, start, self._options, self._runs)
            self._run.begin()

    def _cancel_run(self) -> None:
        run, self._run = self._run, None
        if run is not None:
            run.cancel.set()
            self._old_runs = [r for r in self._old_runs if r.play_thread.is_alive() or r.synth_thread.is_alive()]
            self._old_runs.append(run)

    def _started(self, run: _Run, index: int) -> bool:
        with self._lock:
            if run is not self._run:
                return False
            self._position = index
        self._emit(PlayerEvent("utterance-started", self._state, index, self.script[index]))
        return True

    def _finished(self, run: _Run, index: int, completed: bool) -> None:
        with self._lock:
            current = run is self._run
            if current and completed:
                self._position = min(index + 1, len(self.script) - 1)
        if current or not completed:
            self._emit(PlayerEvent("utterance-finished", self._state, index, self.script[index], completed))

    def _ended(self, run: _Run) -> None:
        with self._lock:
            if run is not self._run:
                return
            self._run = None
            self._position = 0
        self._set_state("finished")

    def _failed(self, run: _Run, error: SpeechError) -> None:
        with self._lock:
            if run is not self._run:
                return
            self._run = None
            self.error = error
        self._emit(PlayerEvent("error", "stopped", error=error))
        self._set_state("stopped")

    # --- controls ------------------------------------------------------------------------

    def prepare(self) -> None:
        """Start the engine now (blocking), so that :meth:`play` speaks at once.

        A UI calls this when an article is opened; without it the first
        :meth:`play` also starts the engine (a few tenths of a second).
        Raises :class:`~pressreader.errors.SpeechUnavailable` when no engine works.
        """
        start = getattr(self.engine, "start", None)
        if callable(start):
            start()
        self.engine.list_voices()

    def play(self, start: int | None = None) -> None:
        """Start reading (from ``start``, else from the current position); returns at once.

        Raises :class:`~pressreader.errors.PlaybackUnavailable` when audio cannot be
        played here (save it with :func:`~pressreader.speech.audio.save_audio` instead).
        """
        self.sink.check()
        with self._lock:
            if start is None and self._state == "playing":
                return
            self.error = None
            position = self._position if start is None else self._clamp(start)
            self._launch(position)
        self._set_state("playing")

    def pause(self) -> None:
        """Pause; :meth:`resume` starts the interrupted sentence again."""
        with self._lock:
            if self._state != "playing":
                return
            self._cancel_run()
        self._set_state("paused")

    def resume(self) -> None:
        """Continue after :meth:`pause` (or start, when idle or stopped)."""
        self.play()

    def toggle(self) -> None:
        """Pause when playing, otherwise play (one key for both)."""
        if self._state == "playing":
            self.pause()
        else:
            self.play()

    def stop(self) -> None:
        """Stop and go back to the beginning."""
        with self._lock:
            self._cancel_run()
            self._position = 0
        self._set_state("stopped")

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.script) - 1))

    def seek(self, index: int) -> None:
        """Go to utterance ``index``; reading continues from there if it was playing."""
        with self._lock:
            index = self._clamp(index)
            if self._state == "playing":
                self._launch(index)
            else:
                self._position = index

    def next_sentence(self) -> None:
        """Skip to the next utterance."""
        self.seek(self._position + 1)

    def previous_sentence(self) -> None:
        """Go back one utterance."""
        self.seek(self._position - 1)

    def repeat(self) -> None:
        """Say the current utterance again."""
        self.seek(self._position)

    def next_paragraph(self) -> None:
        """Skip to the start of the next paragraph (or announcement)."""
        later = [s for s in self._blocks if s > self._position]
        self.seek(later[0] if later else len(self.script) - 1)

    def previous_paragraph(self) -> None:
        """Go back to the start of the previous paragraph."""
        current = max(s for s in self._blocks if s <= self._position)
        earlier = [s for s in self._blocks if s < current]
        self.seek(earlier[-1] if earlier else 0)

    def set_rate_factor(self, factor: float) -> None:
        """Set the speed (0.5× to 2.5×); the current sentence restarts at the new speed."""
        factor = max(0.5, min(2.5, round(factor, 2)))
        with self._lock:
            self._options = self._options.replace(rate_factor=factor)
            if self._state == "playing":
                self._launch(self._position)

    def faster(self, step: float = 0.25) -> None:
        """Speak faster by ``step`` (up to 2.5×)."""
        self.set_rate_factor(self._options.rate_factor + step)

    def slower(self, step: float = 0.25) -> None:
        """Speak slower by ``step`` (down to 0.5×)."""
        self.set_rate_factor(self._options.rate_factor - step)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the reading is no longer playing; True unless ``timeout`` ran out.

        Raises the :class:`~pressreader.errors.SpeechError` that stopped it, if any.
        """
        with self._lock:
            done = self._changed.wait_for(lambda: self._state != "playing", timeout)
            if self.error is not None:
                raise self.error
            return done

    def close(self) -> None:
        """Stop, release the engine (when the player made it) and remove the chunks."""
        with self._lock:
            run = self._run
            self._cancel_run()
            if self._state == "playing":
                self._state = "stopped"
                self._changed.notify_all()
        if run is not None:
            run.join(self._options.timeout + 1)
        for old in self._old_runs:
            old.join(self._options.timeout + 1)
        self._old_runs.clear()
        if self._own_engine:
            self.engine.close()
        self._cleanup()

    def __enter__(self) -> Player:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
