"""Each paragraph in its own language: Welsh paragraphs are planned, synthesised and timed with the Welsh voice.

The script tests are pure. The ``speech`` tests use the real espeak-ng (through the pyttsx3
worker, and through the ctypes binding for read-along timings) and need its Welsh voice
(``cel/cy``, shipped with espeak-ng-data) and British English (``gmw/en``). They measure the
audio: espeak-ng is not bit-deterministic from one utterance to the next (it carries some
wave-generator state), so a Welsh sentence's audio is compared with the same sentence said by
the Welsh and by the English voice, by length and by loudness envelope.
"""

from __future__ import annotations

import array
import dataclasses
import logging
import math
import wave
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from pressreader import parse_article
from pressreader.errors import SpeechError
from pressreader.models import Article, Source
from pressreader.speech import (
    Player,
    Pyttsx3Engine,
    RecordingSink,
    SpeechOptions,
    Voice,
    save_audio,
    speech_script,
)
from pressreader.speech.engine import utterance_options
from pressreader.speech.espeak import EspeakSynth
from pressreader.speech.script import Utterance
from pressreader.speech.timing import timed_speech

from tests.pages import BILINGUAL, expected_article

WELSH_VOICE = Voice("cel/cy", "Welsh", ("cy",), "Male")
BRITISH = Voice("gmw/en", "English (Great Britain)", ("en-gb",), "Male")
AMERICAN = Voice("gmw/en-us", "English (America)", ("en-us",), "Male")
WITH_WELSH = [AMERICAN, BRITISH, WELSH_VOICE]
WITHOUT_WELSH = [AMERICAN, BRITISH]

NORTH_WALES = Source("North Wales Police and Crime Commissioner", "North Wales", "northwales-pcc.gov.uk")
WELSH_SENTENCE = "Mae’r gost o £24,000 yn cael ei thalu o Gronfa Eiddo’r Comisiynydd."
SMALL = Article(
    "Drones for the rural crime team",
    (
        "The cost is met from the property fund.",
        WELSH_SENTENCE,
        "The drones fly from July.",
    ),
    language="en-GB",
    paragraph_languages=((1, "cy"),),
)
RATE = 22050


@pytest.fixture(scope="module")
def bilingual() -> Article:
    return parse_article(BILINGUAL.read_bytes())


# --- the script -----------------------------------------------------------------------------------


def test_the_fixture_parses_with_its_welsh_half(bilingual: Article) -> None:
    expected = expected_article(BILINGUAL)
    assert (bilingual.body, bilingual.paragraph_languages) == (expected.body, expected.paragraph_languages)
    assert [index for index, tag in bilingual.paragraph_languages if tag == "cy"] == list(range(6, 13))


def test_welsh_paragraphs_are_marked_and_generated_wording_is_not(bilingual: Article) -> None:
    script = speech_script(bilingual)
    for u in script:
        if u.kind in ("paragraph", "quote"):
            assert u.paragraph is not None
            assert u.language == ("cy" if u.paragraph >= 6 else None), u
        else:  # announcement, title (the article is English), date, quote introductions and ends
            assert u.language is None, u
    kinds = {u.kind for u in script if u.language is None}
    assert {"announcement", "title", "date", "quote_end"} <= kinds
    welsh_quote = [u for u in script if u.kind == "quote" and u.language == "cy"]
    assert [u.paragraph for u in welsh_quote] == [10, 11]
    # Both lead-ins already say who speaks ("… Andy Dunbobbin said:", "Dywedodd …, Andy Dunbobbin:"):
    # no English "Andy Dunbobbin, …, said:" is read into the Welsh half.
    assert [u for u in script if u.kind == "quote_intro"] == []
    assert [u.paragraph for u in script if u.kind == "quote_end"] == [4, 11]


def test_only_english_text_is_normalised(bilingual: Article) -> None:
    script = speech_script(bilingual)
    english = next(u for u in script if u.paragraph == 1 and u.kind == "paragraph")
    welsh = next(u for u in script if u.paragraph == 8 and u.kind == "paragraph")
    assert "£24,000" in english.display
    assert "twenty-four thousand pounds" in english.text
    assert "£" not in english.text
    assert "£24,000" in welsh.display
    assert welsh.text == welsh.display  # passed on as written
    assert "thousand" not in welsh.text


def welsh_article_with_english(*, language: str = "cy") -> Article:
    return Article(
        "Comisiynydd yn ariannu dronau",
        (
            "Mae’r gost o £24,000 yn cael ei thalu o’r gronfa.",
            "The PCC gave £5,000 to the scheme.",
            "Bydd y dronau ar waith o fis Gorffennaf ymlaen.",
        ),
        source=NORTH_WALES,
        language=language,
        paragraph_languages=((1, "en-GB"),),
    )


def test_an_english_paragraph_in_a_welsh_article() -> None:
    article = welsh_article_with_english()
    # read by a Welsh-speaking user: the English paragraph is the other language, and normalised
    welsh_reader = speech_script(article, SpeechOptions(language="cy"))
    assert [(u.kind, u.language, u.text) for u in welsh_reader] == [
        ("announcement", None, "Press release from North Wales Police and Crime Commissioner."),
        ("title", None, "Comisiynydd yn ariannu dronau"),
        ("paragraph", None, "Mae’r gost o £24,000 yn cael ei thalu o’r gronfa."),
        ("paragraph", "en-GB", "The P C C gave five thousand pounds to the scheme."),
        ("paragraph", None, "Bydd y dronau ar waith o fis Gorffennaf ymlaen."),
    ]
    # read with the default (British English) options: the Welsh title and paragraphs are the other language
    english_reader = speech_script(article)
    assert [(u.kind, u.language) for u in english_reader] == [
        ("announcement", None),
        ("title", "cy"),
        ("paragraph", "cy"),
        ("paragraph", None),
        ("paragraph", "cy"),
    ]
    assert [u.text for u in english_reader] == [u.text for u in welsh_reader]


@pytest.mark.parametrize(
    ("article_language", "options_language", "title_language"),
    [
        (None, "en-GB", None),  # unknown: the options' language, normalised as English
        ("en", "en-GB", None),  # "en" and "en-GB" are one language
        ("EN-gb", "en", None),
        ("en-US", "en-GB", None),
        ("cy", "en-GB", "cy"),
        ("cy-GB", "CY", None),
        ("de", "en-GB", "de"),
        ("en-GB", "cy", "en-GB"),
    ],
)
def test_languages_compare_by_primary_subtag(
    article_language: str | None, options_language: str, title_language: str | None
) -> None:
    article = Article("PCC visit", ("Body.",), language=article_language)
    script = speech_script(article, SpeechOptions(language=options_language))
    assert [u.language for u in script] == [title_language, title_language]
    english = article_language is None or article_language.lower().startswith("en")
    assert script[0].text == ("P C C visit" if english else "PCC visit")


def test_notes_are_in_the_articles_language() -> None:
    article = Article("Teitl", ("Corff.",), notes=("Nodyn i olygyddion: £5.",), language="cy")
    script = speech_script(article)
    assert [(u.kind, u.language, u.text) for u in script] == [
        ("title", "cy", "Teitl"),
        ("paragraph", "cy", "Corff."),
        ("notes_intro", None, "Notes to editors."),
        ("notes", "cy", "Nodyn i olygyddion: £5."),
    ]


# --- choosing the options for one utterance ----------------------------------------------------


def utterance(language: str | None) -> Utterance:
    return Utterance("paragraph", "Cyllid newydd.", "Cyllid newydd.", 0, 0, 0, 14, language)


def test_a_welsh_utterance_gets_the_welsh_voice_and_keeps_rate_volume_pitch() -> None:
    options = SpeechOptions(voice="gmw/en", rate=150, rate_factor=1.5, volume=0.7, pitch=60)
    chosen = utterance_options(utterance("cy"), options, WITH_WELSH)
    assert chosen == options.replace(voice=None, language="cy")
    assert (chosen.effective_rate, chosen.volume, chosen.pitch) == (225, 0.7, 60)
    # a region on the tag: any voice of the language will do (the engine resolves cy-GB to cel/cy)
    assert utterance_options(utterance("cy-GB"), options, WITH_WELSH).language == "cy-GB"


def test_without_a_welsh_voice_the_options_are_unchanged(caplog: pytest.LogCaptureFixture) -> None:
    options = SpeechOptions(voice="gmw/en")
    with caplog.at_level(logging.INFO, logger="pressreader.speech.engine"):
        assert utterance_options(utterance("cy"), options, WITHOUT_WELSH) is options
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert "no voice speaks cy" in caplog.records[0].getMessage()


def test_an_utterance_in_the_options_language_is_unchanged() -> None:
    options = SpeechOptions(voice="gmw/en-us")
    assert utterance_options(utterance(None), options, WITH_WELSH) is options


def test_a_chosen_voice_that_speaks_the_language_is_kept() -> None:
    options = SpeechOptions(voice="Welsh")  # chosen by name; the options say English
    assert utterance_options(utterance("cy"), options, WITH_WELSH) is options


# --- every synthesis path uses it (test doubles) -----------------------------------------------


class SpyEngine:
    """A SpeechEngine that records the options of every call and delegates to ``inner`` (or writes a tone)."""

    def __init__(self, inner: Any = None, voices: Sequence[Voice] = WITH_WELSH) -> None:
        self.inner = inner
        self.voices = list(voices)
        self.calls: list[tuple[str, SpeechOptions]] = []
        self.listed = 0

    def list_voices(self) -> list[Voice]:
        self.listed += 1
        return self.inner.list_voices() if self.inner is not None else list(self.voices)

    def synthesise(self, text: str, path: Path, options: SpeechOptions) -> None:
        self.calls.append((text, options))
        if self.inner is not None:
            self.inner.synthesise(text, path, options)
            return
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(b"\1\0" * 441 * len(text.split()))

    def close(self) -> None:
        pass


def test_save_audio_asks_for_voices_once_and_switches_per_utterance(tmp_path: Path) -> None:
    spy = SpyEngine()
    options = SpeechOptions(voice="gmw/en", rate_factor=1.25)
    save_audio(SMALL, tmp_path / "a.wav", options, engine=spy)
    assert [(text, o.voice, o.language) for text, o in spy.calls] == [
        ("Drones for the rural crime team", "gmw/en", "en-GB"),
        ("The cost is met from the property fund.", "gmw/en", "en-GB"),
        (WELSH_SENTENCE, None, "cy"),
        ("The drones fly from July.", "gmw/en", "en-GB"),
    ]
    assert all(o.rate_factor == 1.25 for _, o in spy.calls)
    assert spy.listed == 1


def test_an_article_in_one_language_never_lists_voices(tmp_path: Path) -> None:
    spy = SpyEngine()
    save_audio(Article("T", ("One.", "Two.")), tmp_path / "a.wav", engine=spy)
    assert spy.listed == 0
    assert {o for _, o in spy.calls} == {SpeechOptions()}


def test_a_missing_voice_is_logged_once_per_reading(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spy = SpyEngine(voices=WITHOUT_WELSH)
    article = dataclasses.replace(SMALL, paragraph_languages=((1, "cy"), (2, "cy")))
    with caplog.at_level(logging.INFO, logger="pressreader.speech"):
        save_audio(article, tmp_path / "a.wav", engine=spy)
    assert {o for _, o in spy.calls} == {SpeechOptions()}  # read with the user's voice rather than fail
    assert [r.getMessage() for r in caplog.records if "no voice speaks" in r.getMessage()] == [
        "no voice speaks cy; its text is read with the voice for en-GB"
    ]


def test_the_player_switches_voices_per_utterance() -> None:
    spy = SpyEngine()
    with Player(SMALL, engine=spy, audio_sink=RecordingSink()) as player:
        player.play()
        assert player.wait(30)
    assert [(o.voice, o.language) for _, o in spy.calls] == [
        (None, "en-GB"),
        (None, "en-GB"),
        (None, "cy"),
        (None, "en-GB"),
    ]
    assert [text for text, _ in spy.calls][2] == WELSH_SENTENCE


def test_sentence_timings_with_another_engine_switch_too() -> None:
    spy = SpyEngine()
    audio = timed_speech(SMALL, engine=spy)
    assert audio.timing.granularity == "sentence"
    assert [o.language for _, o in spy.calls] == ["en-GB", "en-GB", "cy", "en-GB"]


# --- the real engine: the Welsh voice is really heard ---------------------------------------------


def samples(pcm: bytes) -> array.array[int]:
    return array.array("h", pcm)


def wav_samples(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        return samples(wav.readframes(wav.getnframes()))


def envelope(audio: Sequence[int], block: int = RATE // 100) -> list[float]:
    """Mean loudness of each 10 ms."""
    return [sum(abs(s) for s in audio[i : i + block]) / block for i in range(0, len(audio) - block + 1, block)]


def correlation(a: Sequence[float], b: Sequence[float]) -> float:
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    mean_a, mean_b = sum(a) / n, sum(b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    spread = math.sqrt(sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b))
    if spread == 0:  # a constant stretch (silence): alike only if both are
        return 1.0 if max(a) == min(a) and max(b) == min(b) else 0.0
    return cov / spread


def likeness(heard: Sequence[int], reference: Sequence[int], window: int = 100, slack: int = 10) -> float:
    """How alike two recordings' loudness envelopes are (1 is identical), allowing for drift.

    espeak-ng's carried state shifts pauses by a few milliseconds, which adds up over a long
    sentence: each second of ``heard`` is matched with ``reference`` within ±100 ms.
    """
    a, b = envelope(heard), envelope(reference)
    if min(len(a), len(b)) < window:
        return correlation(a, b)
    scores = []
    for i in range(0, len(a) - window + 1, window):
        low = max(0, min(i - slack, len(b) - window))
        high = max(low, min(len(b) - window, i + slack))
        scores.append(max(correlation(a[i : i + window], b[j : j + window]) for j in range(low, high + 1)))
    return sum(scores) / len(scores)


def assert_said_by(heard: Sequence[int], voice: Sequence[int], other: Sequence[int]) -> None:
    """``heard`` is ``voice``'s audio (within espeak-ng's drift), and measurably not ``other``'s."""
    assert len(voice) > 0.2 * RATE  # the references are speech, not silence
    same, different = likeness(heard, voice), likeness(heard, other)
    assert abs(len(heard) - len(voice)) <= 0.03 * len(voice), (len(heard), len(voice), len(other))
    assert same > 0.95, (same, different)
    assert different < 0.85, (same, different)  # the check tells the two voices apart


@pytest.fixture(scope="module")
def engine() -> Iterator[Pyttsx3Engine]:
    with Pyttsx3Engine() as shared:
        yield shared


@pytest.mark.speech
def test_the_real_engine_has_the_welsh_voice(engine: Pyttsx3Engine) -> None:
    assert any(v.id == "cel/cy" and v.speaks("cy") for v in engine.list_voices())


@pytest.mark.speech
def test_espeak_lists_its_voices_with_every_language_and_copies_a_synth_with_another_voice() -> None:
    voices = {v.id: v for v in EspeakSynth().list_voices()}
    assert voices["cel/cy"] == Voice("cel/cy", "Welsh", ("cy",), "Male")
    assert voices["gmw/en"].languages == ("en-gb", "en")  # pyttsx3 reports only the first
    assert voices["gmw/en"].name == "English (Great Britain)"
    english = EspeakSynth("gmw/en", rate_wpm=220, volume=0.5, pitch=30)
    welsh = english.with_voice("cel/cy")
    assert (welsh.voice, welsh.rate_wpm, welsh.volume, welsh.pitch) == ("cel/cy", 220, 0.5, 30)
    assert english.voice == "gmw/en"
    with pytest.raises(SpeechError, match="unknown espeak-ng voice"):
        english.with_voice("no-such-voice")


@pytest.mark.speech
def test_save_audio_speaks_welsh_with_the_welsh_voice(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    spy = SpyEngine(engine)
    options = SpeechOptions(paragraph_pause=0)
    index = save_audio(SMALL, tmp_path / "bilingual.wav", options, engine=spy)
    assert [(text, o.voice, o.language) for text, o in spy.calls] == [
        ("Drones for the rural crime team", None, "en-GB"),
        ("The cost is met from the property fund.", None, "en-GB"),
        (WELSH_SENTENCE, None, "cy"),
        ("The drones fly from July.", None, "en-GB"),
    ]
    assert all(o == options for _, o in spy.calls if o.language == "en-GB")

    engine.synthesise(WELSH_SENTENCE, tmp_path / "cy.wav", options.replace(language="cy"))
    engine.synthesise(WELSH_SENTENCE, tmp_path / "en.wav", options)
    welsh, english = wav_samples(tmp_path / "cy.wav"), wav_samples(tmp_path / "en.wav")
    saved = wav_samples(tmp_path / "bilingual.wav")
    heard = {u.paragraph: saved[round(u.start * RATE) : round(u.end * RATE)] for u in index.utterances}
    assert_said_by(heard[1], welsh, english)
    # and back to English for the next paragraph
    engine.synthesise("The drones fly from July.", tmp_path / "after-en.wav", options)
    engine.synthesise("The drones fly from July.", tmp_path / "after-cy.wav", options.replace(language="cy"))
    assert_said_by(heard[2], wav_samples(tmp_path / "after-en.wav"), wav_samples(tmp_path / "after-cy.wav"))


@pytest.mark.speech
def test_read_along_timings_speak_welsh_with_the_welsh_voice(bilingual: Article) -> None:
    options = SpeechOptions(paragraph_pause=0)
    audio = timed_speech(bilingual, options)
    assert audio.timing.granularity == "word"
    script = speech_script(bilingual, options)
    english_synth, welsh_synth = EspeakSynth("en"), EspeakSynth("cel/cy")
    pcm = samples(audio.pcm)
    checked = {"cy": 0, None: 0}
    for sentence, u in zip(audio.timing.sentences, script, strict=True):
        heard = pcm[round(sentence.start * audio.sample_rate) : round(sentence.end * audio.sample_rate)]
        welsh = samples(welsh_synth.synthesize(u.text).pcm)
        english = samples(english_synth.synthesize(u.text).pcm)
        if u.language == "cy":
            assert_said_by(heard, welsh, english)
        else:  # English text and the generated wording, before, between and after the Welsh
            assert_said_by(heard, english, welsh)
        checked[u.language] += 1
    assert checked == {"cy": 7, None: 11}
    # the Welsh sentences' words are timed too
    welsh_words = [
        w for s, u in zip(audio.timing.sentences, script, strict=True) if u.language == "cy" for w in s.words
    ]
    assert "£24,000" in [w.text for w in welsh_words]
