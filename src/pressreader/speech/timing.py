"""The timing map: when each displayed word of an article is heard in its audio.

:func:`timed_speech` reads an article aloud into one stream of 16-bit mono PCM,
laid out exactly as :func:`pressreader.speech.save_audio` lays it out (the
utterances of the speech script back to back, ``paragraph_pause`` of silence
after each paragraph), and returns it with a :class:`TimingMap`:

- on Linux, with espeak-ng's own word events (:class:`~pressreader.speech.espeak.EspeakSynth`,
  the same audio pyttsx3 makes for the same text and settings): **word** timings;
- with any other engine (SAPI5, NSSpeech, a test double): **sentence** timings,
  from the measured length of each utterance.

Either way an utterance in another language (``Utterance.language``: the Welsh half
of a bilingual release) is said by a voice that speaks it, when one is installed
(:func:`~pressreader.speech.engine.utterance_options`).

Word offsets are in the *displayed* text, not the spoken text: "£5,000" on the
page is one word, heard for as long as "five thousand pounds" is said
(:mod:`pressreader.speech.align`). A word is a run of non-space characters
without punctuation at either end, or several such runs said as one ("0800 555
111"). Offsets count characters of the block the sentence belongs to: the
title, ``article.body[paragraph]`` or ``article.notes[paragraph]``. Generated
wording (the announcement, the date, quote introductions) has no block::

    >>> words = (TimedSpan(0, 3, "PCC", 0.0, 0.6),)
    >>> s = TimedSentence(0, "title", "title", None, 0, 3, 0.0, 0.9, "P C C", "PCC", words)
    >>> timing = TimingMap(22050, 0.9, "word", (s,))
    >>> timing.word_at(0.3).text, timing.word_at(0.8) is None, timing.sentence_at(0.8).display
    ('PCC', True, 'PCC')
"""

from __future__ import annotations

import bisect
import io
import json
import os
import tempfile
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import SpeechError, SpeechUnavailable
from ..files import replacing
from ..models import Article
from .align import align
from .audio import _check_format, save_audio
from .engine import Pyttsx3Engine, SpeechEngine, _PerLanguage, check_output_path, resolve_voice
from .espeak import DEFAULT_VOICE, EspeakSynth, TimedSpan, _tokens
from .options import SpeechOptions
from .script import Utterance, block_starts, speech_script

__all__ = ["TimedAudio", "TimedSentence", "TimingMap", "espeak_synth", "timed_speech", "word_spans"]

Granularity = Literal["word", "sentence"]
_BLOCKS = {"title": "title", "paragraph": "body", "quote": "body", "notes": "notes"}


@dataclass(frozen=True, slots=True)
class TimedSentence:
    """One utterance of the speech script and when it is heard.

    ``block`` is ``"title"``, ``"body"`` or ``"notes"`` (``None`` for generated
    wording); ``paragraph`` the index in ``article.body`` or ``article.notes``;
    ``offset``/``length`` the displayed sentence in that block. ``words`` are
    :class:`~pressreader.speech.espeak.TimedSpan` with offsets in the block (empty
    at sentence granularity or for generated wording).
    """

    index: int
    kind: str
    block: str | None
    paragraph: int | None
    offset: int
    length: int
    start: float
    end: float
    text: str
    display: str
    words: tuple[TimedSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class TimingMap:
    """Every utterance of an article's audio with its time and, at word granularity, its words' times."""

    sample_rate: int
    duration: float
    granularity: Granularity
    sentences: tuple[TimedSentence, ...]

    @property
    def words(self) -> tuple[TimedSpan, ...]:
        """Every timed word, in order."""
        return tuple(word for sentence in self.sentences for word in sentence.words)

    def sentence_at(self, seconds: float) -> TimedSentence | None:
        """The utterance heard at ``seconds`` (``None`` before the first or after the end)."""
        starts = [s.start for s in self.sentences]
        n = bisect.bisect_right(starts, seconds) - 1
        return self.sentences[n] if n >= 0 and seconds < self.sentences[n].end else None

    def word_at(self, seconds: float) -> TimedSpan | None:
        """The displayed word heard at ``seconds``, or ``None`` between words (or at sentence granularity)."""
        sentence = self.sentence_at(seconds)
        if sentence is None:
            return None
        for word in sentence.words:
            if word.start <= seconds < word.end:
                return word
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (times in seconds, rounded to the millisecond).

        >>> TimingMap(22050, 1.0, "sentence", ()).to_dict()["granularity"]
        'sentence'
        """
        return {
            "sample_rate": self.sample_rate,
            "duration": round(self.duration, 3),
            "granularity": self.granularity,
            "sentences": [
                {
                    "index": s.index,
                    "kind": s.kind,
                    "block": s.block,
                    "paragraph": s.paragraph,
                    "offset": s.offset,
                    "length": s.length,
                    "start": round(s.start, 3),
                    "end": round(s.end, 3),
                    "text": s.text,
                    "display": s.display,
                    "words": [[w.offset, w.length, w.text, round(w.start, 3), round(w.end, 3)] for w in s.words],
                }
                for s in self.sentences
            ],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The map as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass(frozen=True, slots=True)
class TimedAudio:
    """An article's audio (16-bit mono ``pcm``) and its :class:`TimingMap`."""

    pcm: bytes
    sample_rate: int
    timing: TimingMap

    def wav_bytes(self) -> bytes:
        """The audio as a WAV file's bytes."""
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.sample_rate)
            wav.writeframes(self.pcm)
        return buffer.getvalue()

    def mp3_bytes(self) -> bytes:
        """The audio as 64 kbit/s mono MP3 (needs the optional ``lameenc``; :class:`SpeechError` without it)."""
        _check_format(Path("audio.mp3"))
        import lameenc  # type: ignore[import-not-found,import-untyped,unused-ignore]

        encoder = lameenc.Encoder()
        encoder.set_bit_rate(64)
        encoder.set_in_sample_rate(self.sample_rate)
        encoder.set_channels(1)
        encoder.set_quality(7)  # speech: about 3x faster than quality 2, no audible difference
        return bytes(encoder.encode(self.pcm)) + bytes(encoder.flush())

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the audio to ``path``: ``.wav`` or ``.mp3`` by its suffix; return the path."""
        target = check_output_path(path)
        data = self.mp3_bytes() if _check_format(target) == "mp3" else self.wav_bytes()
        with replacing(target, "audio", SpeechError) as out:
            out.write(data)
        return target


def _display_block(article: Article, u: Utterance) -> tuple[str | None, str]:
    """The block an utterance's display text sits in, and that block's text ("" when generated)."""
    block = _BLOCKS.get(u.kind)
    if block == "title":
        return block, article.title
    if block == "body" and u.paragraph is not None and 0 <= u.paragraph < len(article.body):
        return block, article.body[u.paragraph]
    if block == "notes" and u.paragraph is not None and 0 <= u.paragraph < len(article.notes):
        return block, article.notes[u.paragraph]
    return None, ""


def word_spans(display: str, spoken: str, words: Sequence[TimedSpan], base: int = 0) -> tuple[TimedSpan, ...]:
    """Timed words of the spoken text, as timed words of the displayed text (offsets + ``base``).

    Spoken words made from one displayed word are heard as that word; displayed
    words said together (a telephone number) become one word. Start times
    never go backwards; each word ends by the time the next starts.

        >>> spoken = (TimedSpan(0, 4, "five", 0.0, 0.3), TimedSpan(5, 8, "thousand", 0.3, 0.7),
        ...           TimedSpan(14, 6, "pounds", 0.7, 1.0), TimedSpan(21, 3, "now", 1.0, 1.4))
        >>> [(w.text, w.start, w.end) for w in word_spans("£5,000 now", "five thousand pounds now", spoken)]
        [('£5,000', 0.0, 1.0), ('now', 1.0, 1.4)]
    """
    alignment = align(display, spoken)
    tokens = _tokens(display)  # punctuation-only tokens count only when a word is said for them ("&")
    if not tokens:
        return ()
    groups: list[list[float]] = []  # first token, last token, start, end, first char, last char
    for word in words:
        low, high = alignment.display_span(word.offset, word.stop)
        hit = [n for n, t in enumerate(tokens) if t.word_start < high and low < t.word_stop]
        if not hit:  # inserted words ("the" of "the twenty-first") belong to the word they stand by
            near = [n for n, t in enumerate(tokens) if t.speaks]
            after = [n for n in near if tokens[n].word_start >= low]
            before = [n for n in near if tokens[n].word_stop <= low]
            hit = [before[-1]] if before and tokens[before[-1]].word_stop == low else after[:1] or before[-1:]
            low = high = tokens[hit[0]].word_start if hit else low
        if not hit:
            continue
        first, last = min(hit), max(hit)
        # the characters said: the words' cores, and punctuation said with them ("%" of "2.5%")
        chars = (max(low, tokens[first].start), min(max(high, low), tokens[last].end))
        merged = [g for g in groups if g[0] <= last and first <= g[1]]
        for g in merged:
            groups.remove(g)
        spans = [[first, last, word.start, word.end, *chars], *merged]
        groups.append(
            [
                min(g[0] for g in spans),
                max(g[1] for g in spans),
                min(g[2] for g in spans),
                max(g[3] for g in spans),
                min(g[4] for g in spans),
                max(g[5] for g in spans),
            ]
        )
    groups.sort()
    result: list[TimedSpan] = []
    for n, (top, bottom, start, end, said_low, said_high) in enumerate(groups):
        begin = max(start, result[-1].start if result else start)
        stop = min(end, groups[n + 1][2]) if n + 1 < len(groups) else end
        left = min(tokens[int(top)].word_start, int(said_low))
        right = max(tokens[int(bottom)].word_stop, int(said_high))
        result.append(TimedSpan(base + left, right - left, display[left:right], begin, max(begin, stop)))
    return tuple(result)


def espeak_synth(options: SpeechOptions) -> EspeakSynth:
    """The espeak-ng synthesiser with ``options``' voice, rate, volume and pitch (what pyttsx3 would use).

    With no ``voice``, British English (``en-GB``, ``en``) is espeak-ng's ``en``;
    another language is asked for by its tag. Raises
    :class:`~pressreader.errors.SpeechUnavailable` without espeak-ng.
    """
    voice = options.voice
    if voice is None:
        language = options.language.lower()
        voice = DEFAULT_VOICE if language in ("en", "en-gb") else language
    pitch = 50 if options.pitch is None else int(options.pitch)
    return EspeakSynth(voice, options.effective_rate, options.volume, pitch)


class _Voices:
    """The synthesiser for each utterance: ``synth`` itself, or a copy with the voice of the utterance's language.

    Each other voice is made once, when first needed (:meth:`EspeakSynth.with_voice`), and
    espeak-ng's voices are listed only when an utterance in another language comes.
    """

    def __init__(self, synth: EspeakSynth, options: SpeechOptions) -> None:
        self.synth = synth
        self.options = options
        self._pick = _PerLanguage(synth.list_voices)
        self._others: dict[str, EspeakSynth] = {}

    def __call__(self, utterance: Utterance) -> EspeakSynth:
        chosen = self._pick(utterance, self.options)
        if chosen is self.options:
            return self.synth
        # the voice pyttsx3 would choose for these options from the same list (resolve_voice)
        voice = resolve_voice(self._pick.voices, chosen) or utterance.language or self.synth.voice
        if voice not in self._others:
            self._others[voice] = self.synth.with_voice(voice)
        return self._others[voice]


def _layout(script: Sequence[Utterance]) -> set[int]:
    """The utterances followed by a paragraph pause (the last of each block), as save_audio does."""
    starts = [*block_starts(script)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return {b - 1 for b in [*starts[1:], len(script)]}


def _sentence(
    article: Article, index: int, u: Utterance, start: float, end: float, words: tuple[TimedSpan, ...]
) -> TimedSentence:
    block, _ = _display_block(article, u)
    offset = u.start if block else 0
    return TimedSentence(
        index,
        u.kind,
        block,
        u.paragraph if block != "title" else None,
        offset,
        u.end - u.start if block else 0,
        start,
        end,
        u.text,
        u.display,
        words,
    )


def _with_espeak(
    article: Article, script: Sequence[Utterance], options: SpeechOptions, synth: EspeakSynth
) -> TimedAudio:
    pauses = _layout(script)
    rate = synth.sample_rate
    voice_for = _Voices(synth, options)
    chunks: list[bytes] = []
    frames = 0
    sentences: list[TimedSentence] = []
    for i, u in enumerate(script):
        result = voice_for(u).synthesize(u.text)
        frames_before = frames
        begin = frames / rate
        chunks.append(result.pcm)
        frames += len(result.pcm) // 2
        if i in pauses and options.paragraph_pause > 0:
            silence = round(options.paragraph_pause * rate)
            chunks.append(b"\0" * (2 * silence))
            frames += silence
        block, _ = _display_block(article, u)
        words: tuple[TimedSpan, ...] = ()
        if block is not None:
            at = [(frames_before + round(w.start * rate), frames_before + round(w.end * rate)) for w in result.words]
            shifted = [
                TimedSpan(w.offset, w.length, w.text, a / rate, b / rate, w.estimated)
                for w, (a, b) in zip(result.words, at, strict=True)
            ]
            words = word_spans(u.display, u.text, shifted, base=u.start)
        sentences.append(_sentence(article, i, u, begin, frames / rate, words))
    timing = TimingMap(rate, frames / rate, "word", tuple(sentences))
    return TimedAudio(b"".join(chunks), rate, timing)


def _with_engine(
    article: Article, script: Sequence[Utterance], options: SpeechOptions, engine: SpeechEngine
) -> TimedAudio:
    with tempfile.TemporaryDirectory(prefix="pressreader-timing-") as folder:
        path = Path(folder) / "article.wav"
        index = save_audio(article, path, options, engine=engine)
        with wave.open(str(path), "rb") as wav:
            if (wav.getnchannels(), wav.getsampwidth()) != (1, 2):
                raise SpeechError("the speech engine made audio that is not 16-bit mono")
            pcm = wav.readframes(wav.getnframes())
    sentences = tuple(_sentence(article, t.index, script[t.index], t.start, t.end, ()) for t in index.utterances)
    timing = TimingMap(index.sample_rate, index.duration, "sentence", sentences)
    return TimedAudio(pcm, index.sample_rate, timing)


#: The most words :func:`timed_speech` speaks: its audio and timings are held in memory (a
#: read-along page peaked at about 110 MB a thousand words: 574 MB for 5,000, 2 GB for 19,000 in
#: benchmarks/bench_long.py), so a longer article is refused up front rather than exhaust the
#: computer. A press release is rarely over 1,500 words.
MAX_TIMED_WORDS = 5_000


def timed_speech(
    article: Article,
    options: SpeechOptions | None = None,
    *,
    engine: SpeechEngine | EspeakSynth | None = None,
) -> TimedAudio:
    """``article`` read aloud, as PCM and a :class:`TimingMap`.

    ``engine`` ``None`` uses espeak-ng's word events when the library is
    installed (word granularity) and otherwise a :class:`Pyttsx3Engine`
    (sentence granularity); an :class:`EspeakSynth` is used as given; any other
    :class:`SpeechEngine` gives sentence granularity. Raises
    :class:`~pressreader.errors.SpeechError` when the article has nothing to say.

        >>> timed_speech(Article("   ", ()))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        pressreader.errors.SpeechError: the article has nothing to say
    """
    options = options or SpeechOptions()
    script = speech_script(article, options)
    if not script:
        raise SpeechError("the article has nothing to say")
    words = sum(len(u.text.split()) for u in script)
    if words > MAX_TIMED_WORDS:
        raise SpeechError(
            f"the article has {words:,} words to speak; a read-along page, talking book chapter or podcast "
            f"episode holds at most {MAX_TIMED_WORDS:,} (about half an hour). Save it as one audio file instead: "
            "pressreader speak ARTICLE --save story.mp3 has no such limit"
        )
    if isinstance(engine, EspeakSynth):
        return _with_espeak(article, script, options, engine)
    if engine is not None:
        return _with_engine(article, script, options, engine)
    try:
        synth = espeak_synth(options)
    except SpeechUnavailable:
        with Pyttsx3Engine() as fallback:
            return _with_engine(article, script, options, fallback)
    return _with_espeak(article, script, options, synth)
