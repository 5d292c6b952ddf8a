"""Speech engines: the :class:`SpeechEngine` protocol and the pyttsx3 adapter.

:class:`Pyttsx3Engine` owns one pyttsx3 engine in a worker process (see
:mod:`pressreader.speech._worker`) and hides pyttsx3's traps: one owner fed by
a queue, one utterance per run, a wait for completion with a timeout around
every call, output paths checked before synthesis, and a hung or crashed
worker killed and restarted while the caller gets :class:`SpeechError`, never a
hang. Nothing starts until the first call::

    >>> engine = Pyttsx3Engine()
    >>> engine.running
    False
    >>> engine.close()
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..errors import SpeechError, SpeechUnavailable
from ..models import primary_language
from . import _worker
from .options import SpeechOptions

if TYPE_CHECKING:
    from .script import Utterance

__all__ = [
    "Pyttsx3Engine",
    "SpeechEngine",
    "Voice",
    "check_output_path",
    "install_fix",
    "list_voices",
    "resolve_voice",
    "utterance_options",
]

log = logging.getLogger(__name__)

_SEE_VOICES = "run 'pressreader voices' (or pressreader.list_voices()) to see the voices installed here"


@dataclass(frozen=True, slots=True)
class Voice:
    """A voice an engine offers: ``id`` to pass as ``SpeechOptions(voice=...)``."""

    id: str
    name: str
    languages: tuple[str, ...] = ()
    gender: str | None = None

    def speaks(self, language: str) -> bool:
        """Whether the voice speaks ``language`` (a BCP 47 tag; "en" matches "en-gb").

        >>> Voice("gmw/en", "English", ("en-gb",)).speaks("en-GB")
        True
        """
        wanted = language.lower().replace("_", "-")
        return any(lang.lower() == wanted or lang.lower().startswith(wanted + "-") for lang in self.languages)


@runtime_checkable
class SpeechEngine(Protocol):
    """What pressreader needs from a speech engine: voices, and one utterance to a WAV file."""

    def list_voices(self) -> list[Voice]:
        """The voices available."""
        ...

    def synthesise(self, text: str, path: Path, options: SpeechOptions) -> None:
        """Write ``text`` spoken with ``options`` to the WAV file ``path``; raise SpeechError on failure."""
        ...

    def close(self) -> None:
        """Release the engine (idempotent)."""
        ...


def install_fix(platform: str | None = None) -> str:
    """What a user must do to get a working speech engine on ``platform`` (``sys.platform``).

    >>> install_fix("linux")
    'install espeak-ng: sudo apt-get install espeak-ng'
    """
    platform = platform or sys.platform
    if platform.startswith("win"):
        return (
            "pyttsx3 uses the Windows SAPI5 voices: install pywin32 (pip install pywin32) and add a "
            "voice under Settings > Time & language > Speech"
        )
    if platform == "darwin":
        return (
            "pyttsx3 uses the macOS speech synthesiser: install PyObjC (pip install pyobjc) "
            "or espeak-ng (brew install espeak-ng)"
        )
    return "install espeak-ng: sudo apt-get install espeak-ng"


def check_output_path(path: str | os.PathLike[str], what: str = "audio") -> Path:
    """Check that ``what`` (an audio file, a talking book…) can be written at ``path`` before any
    synthesis starts.

    >>> check_output_path("/no/such/folder/out.wav")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.SpeechError: cannot write audio to /no/such/folder/out.wav: the folder ... exist
    """
    target = Path(path)
    folder = target.parent
    start = f"cannot write {what} to {target}"
    if target.is_dir():
        raise SpeechError(f"{start}: it is a folder")
    if folder.exists() and not folder.is_dir():
        raise SpeechError(f"{start}: {folder} is a file, not a folder")
    if not folder.is_dir():
        raise SpeechError(f"{start}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise SpeechError(f"{start}: the folder {folder} is not writable")
    if target.exists() and not os.access(target, os.W_OK):
        raise SpeechError(f"{start}: the file exists and is read-only")
    return target


_HOME_REGION = {"en": "en-gb"}


def resolve_voice(voices: Sequence[Voice], options: SpeechOptions) -> str | None:
    """The voice id to use: ``options.voice`` if installed, else the best match for ``options.language``.

    Returns ``None`` (the engine's default) when no voice speaks the language.

        >>> voices = [Voice("gmw/en-us", "US", ("en-us",)), Voice("gmw/en", "English", ("en-gb",))]
        >>> resolve_voice(voices, SpeechOptions())
        'gmw/en'
        >>> resolve_voice(voices, SpeechOptions(language="en"))  # bare English is British English
        'gmw/en'
        >>> french = [Voice("roa/fr-be", "French (Belgium)", ("fr-be",)), Voice("roa/fr", "French", ("fr-fr",))]
        >>> resolve_voice(french, SpeechOptions(language="fr-CA"))  # no Canadian voice: the main French one
        'roa/fr'
        >>> resolve_voice(voices, SpeechOptions(voice="klingon"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        pressreader.errors.SpeechError: unknown voice 'klingon': run 'pressreader voices' ...
    """
    if options.voice is not None:
        chosen = _named(voices, options.voice)
        if chosen is None:
            raise SpeechError(f"unknown voice {options.voice!r}: {_SEE_VOICES}")
        return chosen.id
    language = options.language.lower().replace("_", "-")
    primary = language.split("-")[0]
    # A bare "en" is British English here (the first "en-*" voice may well be Caribbean).
    tags = (language, _HOME_REGION[language]) if language in _HOME_REGION else (language,)
    for tag in tags:
        exact = [v for v in voices if any(lang.lower() == tag for lang in v.languages)]
        if exact:
            return exact[0].id
    # espeak-ng names each language's main voice after it ("roa/fr" before "roa/fr-be").
    main = [v for v in voices if v.id.lower().rsplit("/", 1)[-1] == primary and v.speaks(primary)]
    if main:
        return main[0].id
    for tag in (language, primary):
        close = [v for v in voices if v.speaks(tag)]
        if close:
            return close[0].id
    log.warning("no voice speaks %s; using the engine's default voice", options.language)
    return None


def _named(voices: Sequence[Voice], wanted: str) -> Voice | None:
    wanted = wanted.lower()
    return next((v for v in voices if wanted in (v.id.lower(), v.name.lower())), None)


def utterance_options(utterance: Utterance, options: SpeechOptions, voices: Sequence[Voice]) -> SpeechOptions:
    """The options to synthesise ``utterance`` with: a voice that speaks its language, if one is installed.

    An utterance in the options' language (``utterance.language`` is ``None``)
    is said with ``options`` unchanged. One in another language (the Welsh half
    of a bilingual release) is said by the voice that speaks that language:
    ``options`` with no voice chosen and ``language`` set to the utterance's, so
    the engine picks the voice (as :func:`resolve_voice` does) and the rate,
    volume and pitch stay. The chosen voice is kept when it speaks the language
    itself. When no installed voice speaks it, the options are returned
    unchanged (read with the user's voice rather than fail) and this is logged
    at INFO: callers ask once per language and reading, not per utterance.

        >>> from pressreader.speech.script import Utterance
        >>> voices = [Voice("gmw/en", "English (Great Britain)", ("en-gb",)), Voice("cel/cy", "Welsh", ("cy",))]
        >>> welsh = Utterance("paragraph", "Cyllid newydd.", "Cyllid newydd.", 1, 0, 0, 14, language="cy")
        >>> chosen = utterance_options(welsh, SpeechOptions(voice="gmw/en", rate=200), voices)
        >>> chosen.voice, chosen.language, chosen.rate
        (None, 'cy', 200)
        >>> utterance_options(welsh, SpeechOptions(voice="gmw/en"), voices[:1]).language
        'en-GB'
    """
    tag = utterance.language
    if tag is None:
        return options
    primary = primary_language(tag)
    chosen = _named(voices, options.voice) if options.voice is not None else None
    if chosen is not None and (chosen.speaks(tag) or chosen.speaks(primary)):
        return options
    if any(v.speaks(tag) or v.speaks(primary) for v in voices):
        return options.replace(voice=None, language=tag)
    log.info("no voice speaks %s; its text is read with the voice for %s", tag, options.voice or options.language)
    return options


class _PerLanguage:
    """:func:`utterance_options` for one reading: voices listed when first needed, each language decided once.

    ``voices`` is called (once) only when an utterance in another language
    comes, so an article in one language never asks the engine for its voices.
    A language is decided once per options (a player's options change with its
    speed, so a missing voice is logged again after a change of speed). Thread-safe.
    """

    def __init__(self, voices: Callable[[], Sequence[Voice]]) -> None:
        self._list = voices
        self._voices: list[Voice] | None = None
        self._chosen: dict[tuple[str, SpeechOptions], SpeechOptions] = {}
        self._lock = threading.Lock()

    @property
    def voices(self) -> list[Voice]:
        """The voices (listed on first use)."""
        with self._lock:
            if self._voices is None:
                self._voices = list(self._list())
            return self._voices

    def __call__(self, utterance: Utterance, options: SpeechOptions) -> SpeechOptions:
        if utterance.language is None:
            return options
        key = (utterance.language, options)
        voices = self.voices
        with self._lock:
            if key not in self._chosen:
                self._chosen[key] = utterance_options(utterance, options, voices)
            return self._chosen[key]


_WORKER_CODE = "from pressreader.speech._worker import main; main()"


class _Worker:
    """One worker process and the thread that reads its replies into a queue."""

    def __init__(self) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.replies: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.reader = threading.Thread(target=self._read, name="pressreader-speech-replies", daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            try:
                message = _worker._receive(self.process.stdout)  # type: ignore[arg-type]
            except Exception:  # EOF, broken pipe, garbage: the worker is gone
                self.replies.put(("eof", None))
                return
            self.replies.put(message)

    def send(self, message: object) -> None:
        assert self.process.stdin is not None
        _worker._send(self.process.stdin, message)  # type: ignore[arg-type]

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        if self.alive():
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process SIGKILL cannot stop
            log.warning("speech worker %s did not exit", self.process.pid)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self.reader.join(1)


class Pyttsx3Engine:
    """The default engine: pyttsx3 (espeak-ng on Linux) in a worker process.

    ``factory`` makes the pyttsx3 engine inside the worker (it must be picklable:
    a module-level function importable from ``sys.path``); tests inject failing
    or hanging doubles through it. ``start_timeout`` bounds the worker's
    start-up. Thread-safe: calls are served one at a time. Use as a context
    manager, or call :meth:`close`.
    """

    def __init__(
        self,
        *,
        factory: Callable[[], Any] | None = None,
        start_timeout: float = 30.0,
    ) -> None:
        self._factory = factory or _worker.default_factory
        self._start_timeout = start_timeout
        self._lock = threading.RLock()
        self._worker: _Worker | None = None
        self._voices: list[Voice] | None = None
        #: How many times a worker was started (a restart after a hang or crash adds one).
        self.starts = 0

    @property
    def running(self) -> bool:
        """Whether the worker process is alive."""
        return self._worker is not None and self._worker.alive()

    def __enter__(self) -> Pyttsx3Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker now (otherwise the first call starts it): warms up the engine.

        Raises :class:`SpeechUnavailable` with a fix when no engine works here.
        """
        with self._lock:
            if self.running:
                return
            self._kill()
            try:
                self._worker = _Worker()
            except OSError as exc:
                message = f"the speech worker could not start: {exc}."
                raise SpeechUnavailable(message, fix=install_fix()) from exc
            self.starts += 1
            try:
                self._worker.send(self._factory)
                kind, message = self._receive(self._start_timeout, "starting the speech engine")
            except (SpeechError, OSError, pickle.PicklingError) as exc:
                self._kill()
                raise SpeechUnavailable(f"no speech engine works here ({exc}).", fix=install_fix()) from exc
            if kind == "unavailable":
                self._kill()
                raise SpeechUnavailable(f"no speech engine works here ({message}).", fix=install_fix())

    def _kill(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.kill()

    def _receive(self, timeout: float, doing: str) -> tuple[str, Any]:
        assert self._worker is not None
        try:
            kind, value = self._worker.replies.get(timeout=timeout)
        except queue.Empty:
            self._kill()
            raise SpeechError(
                f"the speech engine hung while {doing} (no answer in {timeout:g} s). Try again; if it "
                "happens again, try another voice (pressreader voices) or a shorter article"
            ) from None
        if kind == "eof":
            try:
                code: int | None = self._worker.process.wait(2)
            except subprocess.TimeoutExpired:
                code = None
            self._kill()
            raise SpeechError(
                f"the speech engine stopped unexpectedly while {doing} (exit code {code}). Try again; if it "
                "happens again, try another voice (pressreader voices) or save the article in parts"
            )
        return kind, value

    def _call(self, request: tuple[Any, ...], timeout: float, doing: str) -> Any:
        with self._lock:
            self.start()
            assert self._worker is not None
            try:
                self._worker.send(request)
            except OSError as exc:
                self._kill()
                raise SpeechError(f"the speech engine stopped while {doing}. Try again") from exc
            kind, value = self._receive(timeout, doing)
            if kind == "error":
                # after any engine error the worker's state is unknown: start afresh next time
                self._kill()
                raise SpeechError(f"the speech engine failed while {doing}: {value}")
            return value

    def list_voices(self) -> list[Voice]:
        """The voices the engine offers (asked once, then remembered).

        Raises :class:`SpeechUnavailable` when no engine works here.
        """
        with self._lock:
            if self._voices is None:
                records = self._call(("voices",), self._start_timeout, "listing voices")
                self._voices = [Voice(i, n, tuple(langs), g) for i, n, langs, g in records]
            return list(self._voices)

    def synthesise(self, text: str, path: Path, options: SpeechOptions) -> None:
        """Speak ``text`` into the WAV file ``path`` with ``options``' voice, rate, volume and pitch.

        The path is checked first; an unknown voice, a failure, or no answer
        within ``options.timeout`` seconds raises :class:`SpeechError`.
        """
        target = check_output_path(path)
        if not text.strip():
            raise SpeechError("nothing to say: the text is empty")
        voice = resolve_voice(self.list_voices(), options)
        settings = {
            "voice": voice,
            "rate": options.effective_rate,
            "volume": options.volume,
            "pitch": options.pitch,
            "timeout": options.timeout,
        }
        preview = text if len(text) <= 40 else text[:37] + "..."
        self._call(("synth", text, str(target), settings), options.timeout, f"saying {preview!r}")
        if not target.is_file():
            raise SpeechError(f"the speech engine reported success but wrote no file at {target}")

    def close(self) -> None:
        """Stop the worker (idempotent)."""
        with self._lock:
            if self._worker is not None and self.running:
                with contextlib.suppress(OSError, SpeechError):
                    self._worker.send(("stop",))
                    self._receive(2.0, "stopping")
            self._kill()


def list_voices(engine: SpeechEngine | None = None) -> list[Voice]:
    """The voices installed here (with a throw-away engine unless one is given).

    Raises :class:`~pressreader.errors.SpeechUnavailable` with a fix when no
    engine works.
    """
    if engine is not None:
        return engine.list_voices()
    with Pyttsx3Engine() as own:
        return own.list_voices()
