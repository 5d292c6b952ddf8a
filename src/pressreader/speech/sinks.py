"""Where a :class:`~pressreader.speech.player.Player` sends audio: speakers, or a recorder.

An :class:`AudioSink` plays one WAV chunk at a time and can be cut short; the
:class:`SystemSink` uses ``aplay`` (Linux), ``afplay`` (macOS) or ``winsound``
(Windows) and says clearly when no sound device or player exists. The
:class:`RecordingSink` "plays" into memory or a WAV file, for tests and headless
machines::

    >>> import threading, wave, io
    >>> sink = RecordingSink()
    >>> sink.check()
    >>> sink.played
    []
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import subprocess
import sys
import threading
import wave
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..errors import PlaybackUnavailable

__all__ = ["AudioSink", "RecordingSink", "SystemSink", "playback_problem"]

_OFFER = "save the audio to a file instead: pressreader speak ARTICLE --save out.wav (or save_audio())"


@runtime_checkable
class AudioSink(Protocol):
    """Plays WAV chunks one at a time."""

    def check(self) -> None:
        """Raise :class:`PlaybackUnavailable` when nothing can be played here."""
        ...

    def play(self, path: Path, cancel: threading.Event) -> bool:
        """Play ``path`` to the end (True) or until ``cancel`` is set (False)."""
        ...


def playback_problem(platform: str | None = None) -> str | None:
    """Why audio cannot be played on this machine, or ``None`` when it can.

    >>> playback_problem("plan9")
    'cannot play audio on plan9: no known audio player'
    """
    platform = platform or sys.platform
    if platform.startswith("linux"):
        aplay = shutil.which("aplay")
        if aplay is None:
            return "cannot play audio: 'aplay' is not installed (sudo apt-get install alsa-utils)"
        if not os.path.exists("/dev/snd"):
            return "cannot play audio: this machine has no sound device (/dev/snd is missing)"
        try:
            listing = subprocess.run([aplay, "-l"], capture_output=True, text=True, timeout=5, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"cannot play audio: 'aplay -l' failed ({exc})"
        if "no soundcards found" in (listing.stdout + listing.stderr) or "card " not in listing.stdout:
            return "cannot play audio: no sound card was found ('aplay -l' lists none)"
        return None
    if platform == "darwin":
        return None if shutil.which("afplay") else "cannot play audio: 'afplay' is missing"
    if platform.startswith("win"):
        return None
    return f"cannot play audio on {platform}: no known audio player"


class SystemSink:
    """Plays through the system's player: ``aplay`` per chunk on Linux, ``afplay`` on macOS."""

    def __init__(self) -> None:
        self._checked = False

    def check(self) -> None:
        """Raise :class:`PlaybackUnavailable` (offering to save instead) when playback cannot work."""
        if self._checked:
            return
        problem = playback_problem()
        if problem is not None:
            raise PlaybackUnavailable(f"{problem}; {_OFFER}")
        self._checked = True

    def play(self, path: Path, cancel: threading.Event) -> bool:
        """Play one chunk; returns False when cut short by ``cancel``."""
        if sys.platform.startswith("win"):  # pragma: no cover - Windows only
            return _play_winsound(path, cancel)
        command = ["afplay", str(path)] if sys.platform == "darwin" else ["aplay", "-q", str(path)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while True:
            try:
                process.wait(0.02)
            except subprocess.TimeoutExpired:
                if cancel.is_set():
                    process.terminate()
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(1)
                    if process.poll() is None:
                        process.kill()
                        process.wait()
                    return False
                continue
            break
        if process.returncode != 0:
            detail = process.stderr.read().decode("utf-8", "replace").strip() if process.stderr else ""
            reason = detail or f"exit code {process.returncode}"
            raise PlaybackUnavailable(f"cannot play audio: the player failed ({reason}); {_OFFER}")
        return not cancel.is_set()


def _play_winsound(path: Path, cancel: threading.Event) -> bool:  # pragma: no cover - Windows only
    winsound: Any = importlib.import_module("winsound")

    with wave.open(str(path), "rb") as wav:
        seconds = wav.getnframes() / wav.getframerate()
    winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
    if cancel.wait(seconds):
        winsound.PlaySound(None, winsound.SND_PURGE)
        return False
    return True


class RecordingSink:
    """A sink that records what it is given instead of playing it.

    ``played`` lists the chunk file names in the order played; ``frames`` the
    audio itself (or, with ``path``, it is appended to that WAV file). With
    ``realtime=True`` each chunk takes as long as it would to hear, so pausing
    and skipping can be exercised headless.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, realtime: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.realtime = realtime
        self.played: list[str] = []
        self.frames = bytearray()
        self.params: tuple[int, int, int] | None = None
        self._lock = threading.Lock()

    def check(self) -> None:
        """A recorder can always 'play'."""

    def play(self, path: Path, cancel: threading.Event) -> bool:
        """Record the chunk; in real time, wait its duration unless cancelled."""
        with wave.open(str(path), "rb") as wav:
            params = (wav.getframerate(), wav.getsampwidth(), wav.getnchannels())
            data = wav.readframes(wav.getnframes())
        seconds = len(data) / (params[0] * params[1] * params[2])
        if self.realtime and cancel.wait(seconds):
            return False
        with self._lock:
            self.played.append(path.name)
            self.params = params
            if self.path is None:
                self.frames += data
            else:
                self._append(data, params)
        return not cancel.is_set()

    def _append(self, data: bytes, params: tuple[int, int, int]) -> None:
        assert self.path is not None
        previous = b""
        if self.path.exists():
            with wave.open(str(self.path), "rb") as old:
                previous = old.readframes(old.getnframes())
        with wave.open(str(self.path), "wb") as out:
            out.setframerate(params[0])
            out.setsampwidth(params[1])
            out.setnchannels(params[2])
            out.writeframes(previous + data)
