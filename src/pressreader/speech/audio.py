"""Saving an article as audio: one WAV (or MP3) file plus a timing index.

Each utterance is synthesised to its own temporary WAV file and streamed into
the output with the standard library's :mod:`wave` module, so memory stays flat
however long the article is. The :class:`AudioIndex` says when every utterance
starts and ends (monotonic, covering the whole file) and is written beside the
audio as ``<name>.timings.json``::

    >>> index = AudioIndex("a.wav", 22050, 1.5, (TimedUtterance(0, "title", 0.0, 1.5, "Hi", "Hi"),))
    >>> index.to_dict()["utterances"][0]["end"]
    1.5
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Protocol

from ..errors import SpeechError
from ..files import write_failure
from ..models import Article
from .engine import Pyttsx3Engine, SpeechEngine, _PerLanguage, check_output_path
from .options import SpeechOptions
from .script import Utterance, speech_script

__all__ = ["AudioIndex", "TimedUtterance", "read_wav_chunks", "save_audio", "timings_path"]

_CHUNK_FRAMES = 16_384


@dataclass(frozen=True, slots=True)
class TimedUtterance:
    """When one utterance is heard in a saved file: ``start``/``end`` in seconds.

    ``index`` is the utterance's position in the speech script; ``file`` names
    the per-paragraph file that also holds it, when those were asked for.
    """

    index: int
    kind: str
    start: float
    end: float
    text: str
    display: str
    paragraph: int | None = None
    sentence: int | None = None
    file: str | None = None


@dataclass(frozen=True, slots=True)
class AudioIndex:
    """The timing index of a saved article: where each utterance is in ``path``."""

    path: str
    sample_rate: int
    duration: float
    utterances: tuple[TimedUtterance, ...]
    parts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "path": self.path,
            "sample_rate": self.sample_rate,
            "duration": self.duration,
            "parts": list(self.parts),
            "utterances": [
                {
                    "index": u.index,
                    "kind": u.kind,
                    "start": u.start,
                    "end": u.end,
                    "text": u.text,
                    "display": u.display,
                    "paragraph": u.paragraph,
                    "sentence": u.sentence,
                    "file": u.file,
                }
                for u in self.utterances
            ],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The index as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the index as JSON to ``path`` (streamed, not built as one string)."""
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(self.to_dict(), stream, ensure_ascii=False, indent=2)


def timings_path(audio_path: str | os.PathLike[str]) -> Path:
    """Where the timing index of ``audio_path`` is written.

    >>> timings_path("out/story.wav").as_posix()
    'out/story.timings.json'
    """
    path = Path(audio_path)
    return path.with_name(path.stem + ".timings.json")


def read_wav_chunks(path: str | os.PathLike[str]) -> Iterator[bytes]:
    """The frames of a WAV file in blocks (never the whole file in memory)."""
    with wave.open(str(path), "rb") as wav:
        while True:
            block = wav.readframes(_CHUNK_FRAMES)
            if not block:
                return
            yield block


class _Writer(Protocol):
    def write(self, frames: bytes) -> None: ...

    def close(self) -> None: ...


#: A WAV file's sizes are 32-bit: past this many bytes the file would be corrupt.
WAV_LIMIT = 2**32 - 1


class _WavWriter:
    def __init__(self, stream: BinaryIO, rate: int, width: int, channels: int) -> None:
        self._wav = wave.open(stream, "wb")  # noqa: SIM115 - closed in close()
        self._wav.setnchannels(channels)
        self._wav.setsampwidth(width)
        self._wav.setframerate(rate)

        self._size = 44

    def write(self, frames: bytes) -> None:
        self._size += len(frames)
        if self._size > WAV_LIMIT:
            raise SpeechError(
                f"the recording is longer than a WAV file can hold ({WAV_LIMIT:,} bytes, about 6 hours at "
                "espeak's quality): save it as .mp3 instead, which has no such limit and is a tenth of the size"
            )
        self._wav.writeframes(frames)

    def close(self) -> None:
        self._wav.close()


class _Mp3Writer:
    def __init__(self, stream: BinaryIO, rate: int, width: int, channels: int) -> None:
        import lameenc  # type: ignore[import-not-found,import-untyped,unused-ignore]

        if width != 2:
            raise SpeechError("MP3 encoding needs 16-bit audio")
        self._stream = stream
        self._encoder = lameenc.Encoder()
        self._encoder.set_bit_rate(64)
        self._encoder.set_in_sample_rate(rate)
        self._encoder.set_channels(channels)
        self._encoder.set_quality(2)

    def write(self, frames: bytes) -> None:
        self._stream.write(self._encoder.encode(frames))

    def close(self) -> None:
        self._stream.write(self._encoder.flush())


def _check_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".wav":
        return "wav"
    if suffix == ".mp3":
        try:
            import lameenc  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: F401
        except ImportError:
            raise SpeechError(
                f"cannot save {path} as MP3: the MP3 encoder (lameenc) is missing from this installation; "
                "reinstall pressreader (pip install 'pressreader[mp3]' installs lameenc), or save as .wav"
            ) from None
        return "mp3"
    raise SpeechError(f"cannot save audio as {path.name!r}: use a .wav or .mp3 file name")


class _Output:
    """An audio file written to a temporary name and moved into place when complete."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self._temp = path.with_name(f".{path.name}.partial")
        self._stream: BinaryIO | None = None
        self._writer: _Writer | None = None
        self.params: tuple[int, int, int] | None = None
        self.frames = 0

    def write(self, frames: bytes, params: tuple[int, int, int]) -> None:
        try:
            if self._writer is None:
                self.params = params
                self._stream = open(self._temp, "wb")  # noqa: SIM115 - closed in finish() or abort()
                cls = _WavWriter if self.kind == "wav" else _Mp3Writer
                self._writer = cls(self._stream, *params)
            elif params != self.params:
                raise SpeechError(f"the engine changed audio format mid-article: {self.params}, then {params}")
            self._writer.write(frames)
        except OSError as exc:
            raise self._failure(exc) from exc
        self.frames += len(frames) // (params[1] * params[2])

    def _failure(self, exc: OSError) -> SpeechError:
        written = None
        with contextlib.suppress(OSError, ValueError, AttributeError):
            written = self._stream.tell() if self._stream is not None else None
        return SpeechError(write_failure("audio", self.path, exc, needed=written, at_least=True))

    def silence(self, seconds: float) -> int:
        if self.params is None or seconds <= 0:
            return 0
        rate, width, channels = self.params
        count = round(seconds * rate)
        self.write(b"\0" * (count * width * channels), self.params)
        return count

    def finish(self) -> None:
        if self._writer is None:
            raise SpeechError(f"nothing was synthesised for {self.path}")
        try:
            self._writer.close()
            assert self._stream is not None
            self._stream.close()
            os.replace(self._temp, self.path)
        except OSError as exc:
            raise self._failure(exc) from exc

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.close()
        if self._stream is not None:
            with contextlib.suppress(Exception):
                self._stream.close()
        with contextlib.suppress(OSError):
            self._temp.unlink()

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None:
            self.abort()


def _blocks(script: Sequence[Utterance]) -> list[range]:
    starts = [i for i, u in enumerate(script) if u.starts_block] or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    return [range(a, b) for a, b in zip(starts, [*starts[1:], len(script)], strict=True)]


@dataclass(frozen=True, slots=True)
class _Spoken:
    """One utterance to say: its index in the script, the options to say it with, its temporary WAV."""

    i: int
    u: Utterance
    options: SpeechOptions
    chunk: Path


def _append(engine: SpeechEngine, spoken: _Spoken, out: _Output, part: _Output | None, pause: float) -> TimedUtterance:
    """Say one utterance and append it to ``out`` (and ``part``), then ``pause`` seconds; return its timing."""
    i, u, chunk = spoken.i, spoken.u, spoken.chunk
    engine.synthesise(u.text, chunk, spoken.options)
    start = out.frames
    with wave.open(str(chunk), "rb") as wav:
        params = (wav.getframerate(), wav.getsampwidth(), wav.getnchannels())
    for frames in read_wav_chunks(chunk):
        out.write(frames, params)
        if part is not None:
            part.write(frames, params)
    chunk.unlink()
    if pause:
        out.silence(pause)
        if part is not None:
            part.silence(pause)
    assert out.params is not None
    rate = out.params[0]
    return TimedUtterance(
        i, u.kind, start / rate, out.frames / rate, u.text, u.display, u.paragraph, u.sentence,
        part.path.name if part is not None else None,
    )


def save_audio(
    article: Article,
    path: str | os.PathLike[str],
    options: SpeechOptions | None = None,
    *,
    per_paragraph: bool = False,
    engine: SpeechEngine | None = None,
) -> AudioIndex:
    """Save ``article`` read aloud as one audio file at ``path`` and return its timing index.

    ``.wav`` files are written with :mod:`wave`; ``.mp3`` needs the optional
    extra ``mp3`` (lameenc). The index is also written beside the audio as
    ``<name>.timings.json``. ``per_paragraph=True`` also writes one file per
    paragraph (``<name>-001.wav`` …) and lists them in ``AudioIndex.parts``.
    An utterance in another language (the Welsh half of a bilingual release) is
    said by a voice that speaks it when the engine has one
    (:func:`~pressreader.speech.engine.utterance_options`).
    Paths are checked before any synthesis; failures raise
    :class:`~pressreader.errors.SpeechError` and leave no new file behind (an
    existing file at ``path`` is only replaced once the new one is complete).
    ``engine`` defaults to a fresh :class:`Pyttsx3Engine`, closed afterwards.

        >>> save_audio(Article("T", ("Body.",)), "/no/such/folder/a.wav")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        pressreader.errors.SpeechError: cannot write audio to /no/such/folder/a.wav: ...
    """
    options = options or SpeechOptions()
    target = check_output_path(path)
    kind = _check_format(target)
    index_path = check_output_path(timings_path(target))
    script = speech_script(article, options)
    if not script:
        raise SpeechError("the article has nothing to say")
    blocks = _blocks(script)
    part_paths = [target.with_name(f"{target.stem}-{n:03d}{target.suffix}") for n in range(1, len(blocks) + 1)]
    if per_paragraph:
        for part_path in part_paths:
            check_output_path(part_path)
    own_engine = engine is None
    active: SpeechEngine = Pyttsx3Engine() if engine is None else engine
    options_for = _PerLanguage(active.list_voices)
    finished_parts: list[Path] = []
    try:
        with tempfile.TemporaryDirectory(prefix="pressreader-speech-") as tmp, _Output(target, kind) as out:
            timed: list[TimedUtterance] = []
            for number, block in enumerate(blocks):
                part = _Output(part_paths[number], kind) if per_paragraph else None
                try:
                    for i in block:
                        pause = options.paragraph_pause if i == block[-1] else 0.0
                        spoken = _Spoken(i, script[i], options_for(script[i], options), Path(tmp) / f"u{i}.wav")
                        timed.append(_append(active, spoken, out, part, pause))
                    if part is not None:
                        part.finish()
                        finished_parts.append(part.path)
                except BaseException:
                    if part is not None:
                        part.abort()
                    raise
            out.finish()
    except BaseException:
        for done in finished_parts:  # a failed save leaves nothing half-made behind
            done.unlink(missing_ok=True)
        raise
    finally:
        if own_engine:
            active.close()
    assert out.params is not None
    audio_index = AudioIndex(
        path=str(target),
        sample_rate=out.params[0],
        duration=out.frames / out.params[0],
        utterances=tuple(timed),
        parts=tuple(str(p) for p in part_paths) if per_paragraph else (),
    )
    audio_index.write(index_path)
    return audio_index
