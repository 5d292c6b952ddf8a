"""Test doubles for the speech worker: pyttsx3-like engines that hang, crash or fail to load.

The worker process imports these by name (``speech_doubles.fake_factory``), so the
tests put this folder on ``sys.path`` first (see the ``doubles`` fixture).
"""

from __future__ import annotations

import math
import os
import struct
import time
import wave
from collections.abc import Callable
from typing import Any

RATE = 22050


class FakeVoice:
    def __init__(self, id: str, name: str, languages: list[str], gender: str | None = None) -> None:
        self.id, self.name, self.languages, self.gender = id, name, languages, gender


VOICES = [
    FakeVoice("gmw/en-us", "English (America)", ["en-us"], "Male"),
    FakeVoice("gmw/en", "English (Great Britain)", ["en-gb"], "Male"),
    FakeVoice("roa/fr", "French", ["fr-fr"], "Female"),
]


def tone(path: str, seconds: float, amplitude: int = 8000) -> None:
    """Write a 440 Hz tone as a mono 16-bit WAV."""
    frames = int(seconds * RATE)
    data = b"".join(struct.pack("<h", int(amplitude * math.sin(2 * math.pi * 440 * i / RATE))) for i in range(frames))
    with wave.open(path, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(data)


class FakeDriver:
    """Behaves like a pyttsx3 engine that writes a tone of one second per word at 60 wpm.

    Text containing HANG never finishes; CRASH kills the worker process.
    """

    def __init__(self) -> None:
        self.callbacks: dict[str, list[Callable[..., None]]] = {}
        self.properties: dict[str, Any] = {"rate": 200, "volume": 1.0, "voice": "gmw/en"}
        self.pending: tuple[str, str] | None = None

    def connect(self, topic: str, callback: Callable[..., None]) -> None:
        self.callbacks.setdefault(topic, []).append(callback)

    def getProperty(self, name: str) -> Any:
        return VOICES if name == "voices" else self.properties[name]

    def setProperty(self, name: str, value: Any) -> None:
        self.properties[name] = value

    def save_to_file(self, text: str, path: str) -> None:
        self.pending = (text, path)

    def runAndWait(self) -> None:
        assert self.pending is not None
        text, path = self.pending
        self.pending = None
        if "HANG" in text:
            time.sleep(3600)
        if "CRASH" in text:
            os._exit(3)
        seconds = len(text.split()) / float(self.properties["rate"]) * 60
        tone(path, seconds)
        for callback in self.callbacks.get("finished-utterance", []):
            callback(name=None, completed=True)


def fake_factory() -> FakeDriver:
    return FakeDriver()


def broken_factory() -> FakeDriver:
    raise RuntimeError("could not initialize espeak")


def hanging_factory() -> FakeDriver:
    time.sleep(3600)
    raise AssertionError("unreachable")


def missing_library_factory() -> Any:
    raise OSError("libespeak-ng.so.1: cannot open shared object file: No such file or directory")


class ToneEngine:
    """An in-process SpeechEngine: a tone as long as the words take at the chosen rate.

    ``delay`` slows each synthesis down; ``fail_on`` raises SpeechError for text containing it.
    ``calls`` records (text, rate, time finished).
    """

    def __init__(self, delay: float = 0.0, fail_on: str | None = None) -> None:
        self.delay = delay
        self.fail_on = fail_on
        self.calls: list[tuple[str, int, float]] = []
        self.closed = False

    def list_voices(self) -> list[Any]:
        from pressreader.speech import Voice

        return [Voice("tone", "Tone", ("en-gb",))]

    def synthesise(self, text: str, path: Any, options: Any) -> None:
        from pressreader.errors import SpeechError

        if self.fail_on is not None and self.fail_on in text:
            raise SpeechError(f"the speech engine failed while saying {text!r}")
        if self.delay:
            time.sleep(self.delay)
        rate = options.effective_rate
        tone(str(path), len(text.split()) / rate * 60)
        self.calls.append((text, rate, time.perf_counter()))

    def close(self) -> None:
        self.closed = True
