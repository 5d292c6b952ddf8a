"""The speech worker process: the one owner of a pyttsx3 engine (private).

:class:`~pressreader.speech.engine.Pyttsx3Engine` starts :func:`main` in a
child Python process and talks to it over the child's standard input and output
(length-prefixed pickles), one request at a time. A plain subprocess rather than
``multiprocessing``: the ``spawn`` start method re-runs the caller's main
script in the child, which breaks every user script without an
``if __name__ == "__main__":`` guard. The worker hides pyttsx3 2.99's traps:
one utterance per ``runAndWait()``, always ``save_to_file`` to a fresh path
(never ``say()``, which would overwrite the last saved file), and a wait for
the ``finished-utterance`` event, because ``runAndWait()`` can return before
the file is written. pyttsx3 prints "Audio saved to …" on standard output, so
the worker sends its standard output to ``os.devnull``. Messages are tuples::

    request  ("voices",) | ("synth", text, path, settings) | ("stop",)
    reply    ("ready", None) | ("ok", value) | ("error", message) | ("unavailable", message)

    >>> _voice_record(type("V", (), {"id": "gmw/en", "name": "English", "languages": ["en-gb"],
    ...                               "gender": "Male"})())
    ('gmw/en', 'English', ('en-gb',), 'Male')
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
import wave
from collections.abc import Callable
from typing import Any, BinaryIO

__all__ = ["default_factory", "main", "serve"]

VoiceRecord = tuple[str, str, tuple[str, ...], str | None]


def default_factory() -> Any:
    """Make the platform's default pyttsx3 engine (espeak-ng on Linux)."""
    import pyttsx3  # type: ignore[import-untyped,unused-ignore]

    return pyttsx3.init()


def _voice_record(voice: Any) -> VoiceRecord:
    languages = tuple(
        lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
        for lang in (getattr(voice, "languages", None) or ())
    )
    gender = getattr(voice, "gender", None)
    name = str(getattr(voice, "name", "") or voice.id)
    return (str(voice.id), name, languages, str(gender) if gender else None)


class _Speaker:
    """Holds the engine and the events it reports for the utterance in progress."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.finished = threading.Event()
        self.errors: list[str] = []
        self.current: dict[str, object] = {}
        engine.connect("finished-utterance", self._on_finished)
        engine.connect("error", self._on_error)
        # espeak-ng queues property changes behind the synthesis in progress, and the next
        # runAndWait() cancels that queue (espeak_Cancel), losing them: wait for it to catch up.
        espeak = sys.modules.get("pyttsx3.drivers._espeak")
        self._synchronise: Callable[[], object] = getattr(espeak, "Synchronize", lambda: None)

    def _on_finished(self, **_: object) -> None:
        self.finished.set()

    def _on_error(self, **kwargs: object) -> None:
        self.errors.append(str(kwargs.get("exception", "unknown engine error")))

    def _set(self, name: str, value: object) -> bool:
        if value is None or self.current.get(name) == value:
            return False
        self.engine.setProperty(name, value)
        self.current[name] = value
        return True

    def synth(self, text: str, path: str, settings: dict[str, Any]) -> tuple[int, int]:
        self.finished.clear()
        self.errors.clear()
        changed = [self._set(name, settings.get(name)) for name in ("voice", "rate", "volume", "pitch")]
        if any(changed):
            # A busy pyttsx3 only queues property changes; the next runAndWait() would then
            # apply them and cancel them at once. Apply them now and let espeak-ng catch up.
            proxy = getattr(self.engine, "proxy", None)
            if proxy is not None and proxy.isBusy():
                proxy.setBusy(False)
            self._synchronise()
        self.engine.save_to_file(text, path)
        self.engine.runAndWait()
        # The first runAndWait() of an engine returns before the file is written.
        if not self.finished.wait(float(settings.get("timeout", 30.0))):
            raise RuntimeError("the engine never reported the end of the utterance")
        if self.errors:
            raise RuntimeError("; ".join(self.errors))
        with wave.open(path, "rb") as wav:
            return wav.getnframes(), wav.getframerate()


def _send(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message)
    stream.write(struct.pack(">I", len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> Any:
    header = stream.read(4)
    if len(header) < 4:
        raise EOFError("the pipe closed")
    (size,) = struct.unpack(">I", header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the pipe closed mid-message")
    return pickle.loads(data)


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """Run the worker loop until asked to stop or the pipe closes.

    The first message is the engine factory (a picklable callable).
    """
    try:
        factory: Callable[[], Any] = _receive(requests)
        speaker = _Speaker(factory())
    except EOFError:
        return
    except BaseException as exc:  # the driver could not load: report, do not crash
        _send(replies, ("unavailable", f"{type(exc).__name__}: {exc}"))
        return
    _send(replies, ("ready", None))
    while True:
        try:
            request = _receive(requests)
        except (EOFError, OSError):
            return
        op = request[0]
        try:
            if op == "stop":
                _send(replies, ("ok", None))
                return
            if op == "voices":
                _send(replies, ("ok", [_voice_record(v) for v in speaker.engine.getProperty("voices")]))
            elif op == "synth":
                _, text, path, settings = request
                _send(replies, ("ok", speaker.synth(text, path, settings)))
            else:
                _send(replies, ("error", f"unknown request {op!r}"))
        except Exception as exc:
            _send(replies, ("error", f"{type(exc).__name__}: {exc}"))


def main() -> None:
    """Entry point of the worker process: the pipe is stdin/stdout; stray output goes nowhere.

    pyttsx3 prints "Audio saved to …" and espeak-ng may write to the C-level
    standard output, so file descriptor 1 is pointed at ``os.devnull`` once the
    reply pipe has been duplicated away from it.
    """
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    serve(sys.stdin.buffer, replies)
