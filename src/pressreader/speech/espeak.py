"""Word-level timings from espeak-ng itself: a small ctypes binding of ``libespeak-ng``.

pyttsx3 cannot say *when* a word is heard (its word events fire during
synthesis, not playback). espeak-ng can: its synth callback reports every word
and sentence with the sample at which it starts. :class:`EspeakSynth` drives
the installed library (Debian package ``libespeak-ng1``) in synchronous mode
and returns a :class:`Synthesis`: 16-bit mono PCM plus a :class:`TimedSpan`
for every word and sentence, with offsets into the text *as given*.

Measured facts (espeak-ng 1.51, Debian 12), each checked by
``tests/speech/test_espeak_binding.py``:

- ``text_position`` counts **characters** (Unicode code points), 1-based, of
  the UTF-8 input, not bytes: in ``"£5,000 café"`` the word "café" is at 8.
  A Python ``str`` index is therefore ``text_position - 1``.
- The event's ``length`` is unreliable (0 for a word after a curly quote), so a
  word is the whitespace-delimited token at its position, without punctuation
  at either end. Some tokens get several events ("£5,000": pound, five,
  thousand; merged), some none ("in the" is said as one word: the second gets
  an ``estimated`` share of the time), and after "PCC's" the next word's event
  points at the "s" (moved to that word).
- The audio equals pyttsx3's ``save_to_file`` for the same text, voice, rate
  and volume (same flags: UTF-8 plus end pause, never SSML); bit-identical when
  both processes have synthesised the same texts before. espeak-ng keeps some
  wave-generator state between utterances, so a process with a different
  history differs by a few milliseconds.

espeak-ng is one global state per process and not thread-safe. A process
should use it from one thread at a time; calls from several threads are
serialised by a module-level lock (made on first use, not at import). Never use
it in a process that also runs pyttsx3's espeak driver (pressreader runs
pyttsx3 in a worker process). Nothing is loaded until an :class:`EspeakSynth`
is made::

    >>> words = (TimedSpan(0, 5, "Hello", 0.0, 0.4), TimedSpan(6, 5, "world", 0.4, 1.0))
    >>> result = Synthesis("Hello world", b"\\0\\0" * 22050, 22050, words, ())
    >>> result.duration, [w.text for w in result.words]
    (1.0, ['Hello', 'world'])
    >>> EspeakSynth(library="libno-such-espeak.so.9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.SpeechUnavailable: cannot load libno-such-espeak.so.9 ... sudo apt-get install espeak-ng
"""

from __future__ import annotations

import bisect
import ctypes
import ctypes.util
import itertools
import os
import re
import threading
import unicodedata
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..errors import OptionsError, SpeechError, SpeechUnavailable
from .engine import Voice, check_output_path

__all__ = ["DEFAULT_VOICE", "EspeakSynth", "Synthesis", "TimedSpan"]

#: The voice used when none is named: espeak-ng's British English (``gmw/en`` on Debian).
DEFAULT_VOICE = "en"
SONAME = "libespeak-ng.so.1"
FIX = "install espeak-ng: sudo apt-get install espeak-ng"

# speak_lib.h (API revision 12)
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000  # without it a missing espeak-ng-data calls exit()
_POS_CHARACTER = 1
_CHARS_UTF8 = 0x1
_ENDPAUSE = 0x1000  # what pyttsx3 passes; never espeakSSML (0x10) or espeakPHONEMES
_EVENT_WORD, _EVENT_SENTENCE = 1, 2
_RATE, _VOLUME, _PITCH = 1, 2, 3
_ERRORS = {-1: "internal error", 1: "buffer full", 2: "not found"}


class _Event(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),  # milliseconds, truncated
        ("sample", ctypes.c_int),  # the exact sample index: used instead
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_char * 8),  # union { int number; const char *name; char string[8]; }
    )


class _Voice(ctypes.Structure):
    _fields_ = (
        ("name", ctypes.c_char_p),
        ("languages", ctypes.c_void_p),  # (priority byte, NUL-terminated tag) pairs, ended by a 0 priority
        ("identifier", ctypes.c_char_p),
        ("gender", ctypes.c_ubyte),  # 0 none, 1 male, 2 female
        ("age", ctypes.c_ubyte),
        ("variant", ctypes.c_ubyte),
        ("xx1", ctypes.c_ubyte),
        ("score", ctypes.c_int),
        ("spare", ctypes.c_void_p),
    )


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))
_int, _uint, _ptr = ctypes.c_int, ctypes.c_uint, ctypes.c_void_p
_SIGNATURES: dict[str, tuple[type | None, tuple[type, ...]]] = {
    "espeak_Initialize": (_int, (_int, _int, ctypes.c_char_p, _int)),
    "espeak_SetSynthCallback": (None, (_Callback,)),
    "espeak_SetVoiceByName": (_int, (ctypes.c_char_p,)),
    "espeak_GetCurrentVoice": (ctypes.POINTER(ctypes.c_char_p), ()),  # espeak_VOICE*: its first field is the name
    "espeak_SetParameter": (_int, (_int, _int, _int)),
    "espeak_ListVoices": (ctypes.POINTER(ctypes.POINTER(_Voice)), (_ptr,)),
    "espeak_Synth": (_int, (ctypes.c_char_p, ctypes.c_size_t, _uint, _int, _uint, _uint, _ptr, _ptr)),
}


@dataclass(frozen=True, slots=True)
class TimedSpan:
    """A word or sentence of the input: ``text[offset:offset + length]``, heard from ``start`` to ``end`` s.

    ``estimated`` words got no event of their own from espeak-ng (it says "in
    the" as one word): their times are shared out by length with the word before.
    """

    offset: int
    length: int
    text: str
    start: float
    end: float
    estimated: bool = False

    @property
    def stop(self) -> int:
        """The index just past the span in the input text.

        >>> TimedSpan(6, 5, "world", 0.4, 1.0).stop
        11
        """
        return self.offset + self.length


@dataclass(frozen=True, slots=True)
class Synthesis:
    """What :meth:`EspeakSynth.synthesize` made: 16-bit mono ``pcm`` and when each word and sentence is heard.

    Word and sentence times are monotonic and cover the audio: each ends where
    the next begins, the last at the end of the audio.
    """

    text: str
    pcm: bytes
    sample_rate: int
    words: tuple[TimedSpan, ...]
    sentences: tuple[TimedSpan, ...]

    @property
    def duration(self) -> float:
        """Seconds of audio."""
        return len(self.pcm) // 2 / self.sample_rate

    def write_wav(self, path: str | os.PathLike[str]) -> Path:
        """Write the audio as a mono 16-bit WAV file at ``path`` (checked first); return the path."""
        target = check_output_path(path)
        try:
            with wave.open(str(target), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(self.sample_rate)
                wav.writeframes(self.pcm)
        except OSError as exc:
            raise SpeechError(f"cannot write audio to {target}: {exc}") from exc
        return target


class _Library:
    """One loaded and initialised libespeak-ng, its callback and what the callback collected."""

    def __init__(self, name: str) -> None:
        try:
            dll = ctypes.CDLL(name)
            for function, (restype, argtypes) in _SIGNATURES.items():
                getattr(dll, function).restype = restype
                getattr(dll, function).argtypes = argtypes
        except (OSError, AttributeError) as exc:
            raise SpeechUnavailable(f"cannot load {name} (the espeak-ng library): {exc}.", fix=FIX) from exc
        self.dll = dll
        self.sample_rate = int(dll.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 1000, None, _INITIALIZE_DONT_EXIT))
        if self.sample_rate <= 0:
            raise SpeechUnavailable(f"espeak-ng could not start (is espeak-ng-data installed?) via {name}.", fix=FIX)
        self.chunks: list[bytes] = []
        self.events: list[tuple[int, int, int]] = []  # (type, text_position, sample)
        self.failure: BaseException | None = None
        self.callback = _Callback(self._on_synth)  # kept alive as long as the library
        dll.espeak_SetSynthCallback(self.callback)

    def _on_synth(self, wav: ctypes._Pointer[ctypes.c_short], count: int, events: ctypes._Pointer[_Event]) -> int:
        try:
            if count > 0 and wav:
                self.chunks.append(ctypes.string_at(wav, count * 2))
            i = 0
            while events[i].type != 0:
                event = events[i]
                if event.type in (_EVENT_WORD, _EVENT_SENTENCE):
                    self.events.append((event.type, event.text_position, event.sample))
                i += 1
        except BaseException as exc:  # never let an exception cross into C: stop and report it
            self.failure = exc
            return 1
        return 0

    def check(self, what: str, code: int) -> None:
        if code != 0:
            raise SpeechError(f"espeak-ng failed to {what} ({_ERRORS.get(code, code)})")

    def configure(self, voice: str, rate: int, volume: int, pitch: int) -> None:
        code = self.dll.espeak_SetVoiceByName(voice.encode("utf-8"))
        current = self.dll.espeak_GetCurrentVoice()
        if code != 0 or not current or not current.contents.value:  # "gmw" (a folder) "succeeds", nameless
            raise SpeechError(f"unknown espeak-ng voice {voice!r}: run 'espeak-ng --voices' to list them")
        self.check("set the rate", self.dll.espeak_SetParameter(_RATE, rate, 0))
        self.check("set the volume", self.dll.espeak_SetParameter(_VOLUME, volume, 0))
        self.check("set the pitch", self.dll.espeak_SetParameter(_PITCH, pitch, 0))

    def voices(self) -> list[Voice]:
        listed = self.dll.espeak_ListVoices(None)
        found = []
        i = 0
        while listed and listed[i]:
            record = listed[i].contents
            languages: list[str] = []
            at = record.languages or 0
            while at and ctypes.c_ubyte.from_address(at).value:  # a priority byte, then the tag
                tag = ctypes.string_at(at + 1)
                languages.append(tag.decode("utf-8", "replace"))
                at += len(tag) + 2
            identifier = (record.identifier or b"").decode("utf-8", "replace")
            name = (record.name or b"").decode("utf-8", "replace").replace("_", " ") or identifier
            gender = {1: "Male", 2: "Female"}.get(record.gender)
            found.append(Voice(identifier, name, tuple(languages), gender))
            i += 1
        return found

    def synth(self, text: str) -> tuple[bytes, list[tuple[int, int, int]]]:
        self.chunks, self.events, self.failure = [], [], None
        data = text.encode("utf-8")
        code = self.dll.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None)
        if self.failure is not None:
            raise SpeechError(f"espeak-ng synthesis failed: {self.failure!r}") from self.failure
        self.check("synthesise", code)
        return b"".join(self.chunks), self.events


_LOCKS: dict[str, threading.Lock] = {}  # made on first use, not at import
_LIBRARIES: dict[str, _Library] = {}  # library name -> the loaded, initialised library


def _lock() -> threading.Lock:
    """The one lock around espeak-ng (``dict.setdefault`` is atomic, so two first callers get the same)."""
    return _LOCKS.get("espeak") or _LOCKS.setdefault("espeak", threading.Lock())


class _Token(NamedTuple):
    """A run of non-space characters; ``word_start:word_stop`` is it without punctuation at either end."""

    start: int
    end: int
    word_start: int
    word_stop: int
    speaks: bool  # not punctuation only


def _tokens(text: str) -> list[_Token]:
    """The tokens of ``text``.

    >>> [(t.word_start, t.word_stop, t.speaks) for t in _tokens("“Hi,” — she")]
    [(1, 3, True), (6, 7, False), (8, 11, True)]
    """
    tokens = []
    for match in re.finditer(r"\S+", text):
        start, end = match.span()
        low, high = start, end
        while low < high and unicodedata.category(text[low])[0] == "P":
            low += 1
        while high > low and unicodedata.category(text[high - 1])[0] == "P":
            high -= 1
        tokens.append(_Token(start, end, low, high, True) if low < high else _Token(start, end, start, end, False))
    return tokens


def _find(tokens: Sequence[_Token], starts: Sequence[int], index: int) -> int:
    """The number of the token holding character ``index``, or of the next one."""
    n = bisect.bisect_right(starts, index) - 1
    return n if n >= 0 and index < tokens[n].end else n + 1


_Span = tuple[int, int, float, bool]  # start, stop, start sample, estimated


def _words(text: str, events: Sequence[tuple[int, int, int]], total: int) -> list[_Span]:
    """Each word of ``text`` with the sample where it starts, from espeak-ng's word events.

    An event inside the last word is a piece of it ("£5,000": pound, five,
    thousand), unless the next word gets no event of its own: then espeak-ng is
    lagging ("PCC's plan" reports "plan" at the "s") and the event is that word's.
    """
    tokens = _tokens(text)
    starts = [token.start for token in tokens]
    found = [(position - 1, sample) for kind, position, sample in events if kind == _EVENT_WORD]
    found = [(index, sample) for index, sample in found if 0 <= index < len(text)]
    samples: dict[int, int] = {}
    last = -1
    for n, (index, sample) in enumerate(found):
        t = _find(tokens, starts, index)
        if t <= last:
            t = next((u for u in range(last + 1, len(tokens)) if tokens[u].speaks), len(tokens))
            later = found[n + 1][0] if n + 1 < len(found) else len(text)
            if t == len(tokens) or later <= tokens[t].word_start:
                continue
        if t < len(tokens):
            samples[t] = min(max(sample, samples.get(last, 0)), total)
            last = t
    chosen = [t for t, token in enumerate(tokens) if t in samples or token.speaks]
    cuts = [i for i, t in enumerate(chosen) if t in samples]
    bounds = ([] if cuts[:1] == [0] else [0]) + cuts + [len(chosen)]
    spans: list[_Span] = []
    for low, high in itertools.pairwise(bounds):  # a word with an event, then those without one
        begin = samples.get(chosen[low], 0)
        end = samples[chosen[high]] if high < len(chosen) else total
        sizes = [tokens[t].word_stop - tokens[t].word_start for t in chosen[low:high]]
        for t, done in zip(chosen[low:high], itertools.accumulate([0, *sizes[:-1]]), strict=True):
            share = begin + (end - begin) * done / sum(sizes)
            spans.append((tokens[t].word_start, tokens[t].word_stop, share, t not in samples))
    return spans


def _sentences(text: str, events: Sequence[tuple[int, int, int]], total: int) -> list[_Span]:
    """Each sentence espeak-ng reported with the sample where it starts; opening quotes included."""
    tokens = _tokens(text)
    offsets = [token.start for token in tokens]
    starts: list[tuple[int, int]] = []
    for kind, position, sample in events:
        t = _find(tokens, offsets, position - 1)
        if kind == _EVENT_SENTENCE and t < len(tokens) and (not starts or tokens[t].start > starts[-1][0]):
            starts.append((tokens[t].start, min(max(sample, starts[-1][1] if starts else 0), total)))
    stops = [start for start, _ in starts[1:]] + [len(text)]
    pairs = zip(starts, stops, strict=True)
    return [(start, start + len(text[start:stop].rstrip()), sample, False) for (start, sample), stop in pairs]


def _timed(text: str, spans: Sequence[_Span], total: int, rate: int) -> tuple[TimedSpan, ...]:
    """Spans of ``text`` with times, each ending where the next starts (the last at ``total``)."""
    ends = [sample for _, _, sample, _ in spans[1:]] + [total]
    return tuple(
        TimedSpan(start, stop - start, text[start:stop], sample / rate, end / rate, estimated)
        for (start, stop, sample, estimated), end in zip(spans, ends, strict=True)
    )


def _check_number(name: str, value: float, low: float, high: float, *, whole: bool) -> None:
    kind = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or not low <= value <= high:
        raise OptionsError(f"{name} must be a number from {low} to {high}, not {value!r}", field=name, value=value)


class EspeakSynth:
    """Synthesise text with the installed espeak-ng and report when each word is heard.

    ``voice`` is an espeak-ng voice name or identifier (``"gmw/en"``,
    ``"gmw/en-gb-x-rp"``, ``"English (America)"``; ``None`` is
    :data:`DEFAULT_VOICE`); ``rate_wpm`` words per minute (80–1000);
    ``volume`` 0–1 (sent as 0–100, as pyttsx3 does); ``pitch`` 0–100.
    ``library`` names the shared library to load (default: found by
    :func:`ctypes.util.find_library`, else ``libespeak-ng.so.1``).
    A library that cannot be loaded raises :class:`SpeechUnavailable`; an
    unknown voice :class:`SpeechError`; a bad number :class:`OptionsError`.
    The library stays loaded and initialised for the life of the process.
    """

    def __init__(
        self,
        voice: str | None = None,
        rate_wpm: int = 175,
        volume: float = 1.0,
        pitch: int = 50,
        *,
        library: str | None = None,
    ) -> None:
        if voice is not None and (not isinstance(voice, str) or not voice.strip() or "\0" in voice):
            raise OptionsError(f"voice must be an espeak-ng voice name, not {voice!r}", field="voice", value=voice)
        _check_number("rate_wpm", rate_wpm, 80, 1000, whole=True)
        _check_number("volume", volume, 0.0, 1.0, whole=False)
        _check_number("pitch", pitch, 0, 100, whole=True)
        self.voice = voice or DEFAULT_VOICE
        self.rate_wpm = rate_wpm
        self.volume = volume
        self.pitch = pitch
        name = library or ctypes.util.find_library("espeak-ng") or SONAME
        self._library_name = name
        with _lock():
            if name not in _LIBRARIES:
                _LIBRARIES[name] = _Library(name)
            self._library = _LIBRARIES[name]
            self._configure()  # fails now, not at the first synthesis, for an unknown voice

    @property
    def sample_rate(self) -> int:
        """The library's output rate in Hz (22050 for espeak-ng's voices)."""
        return self._library.sample_rate

    def list_voices(self) -> list[Voice]:
        """The voices espeak-ng has here (every language each speaks, unlike pyttsx3's list: the first only).

        ``Voice.id`` is the voice file (``"gmw/en"``, ``"cel/cy"``), a name :class:`EspeakSynth` accepts.
        """
        with _lock():
            return self._library.voices()

    def with_voice(self, voice: str) -> EspeakSynth:
        """A synthesiser like this one (rate, volume, pitch, library) with another ``voice``.

        Cheap (the library is loaded once per process); an unknown voice raises :class:`SpeechError` now.
        """
        return EspeakSynth(voice, self.rate_wpm, self.volume, self.pitch, library=self._library_name)

    def _configure(self) -> None:
        # pyttsx3's espeak driver: SetParameter(VOLUME, int(round(volume * 100, 2)))
        self._library.configure(self.voice, self.rate_wpm, int(round(self.volume * 100, 2)), self.pitch)

    def synthesize(self, text: str) -> Synthesis:
        """Speak ``text`` (plain text, never SSML) and return the audio with word and sentence timings.

        Raises :class:`SpeechError` for empty text or when espeak-ng fails.
        """
        if not isinstance(text, str) or not text.strip():
            raise SpeechError(f"nothing to say: the text is empty ({text!r})")
        spoken = text.replace("\0", " ")  # a NUL would end the C string early; offsets are kept
        with _lock():
            self._configure()  # another instance may have changed the process-wide settings
            pcm, events = self._library.synth(spoken)
        rate, total = self._library.sample_rate, len(pcm) // 2
        words = _timed(text, _words(spoken, events, total), total, rate)
        sentences = _timed(text, _sentences(spoken, events, total), total, rate)
        return Synthesis(text, pcm, rate, words, sentences)
