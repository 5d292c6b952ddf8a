"""The timing map (speech/timing.py): word timings from espeak-ng on the fixture articles, the
sentence-level fallback for other engines, and the audio against pyttsx3's.

Needs espeak-ng (Debian packages ``espeak-ng`` / ``libespeak-ng1``), as the binding's tests do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from pressreader.errors import SpeechError, SpeechUnavailable
from pressreader.models import Article
from pressreader.speech import Pyttsx3Engine, SpeechOptions, Voice, save_audio
from pressreader.speech import timing as timing_module
from pressreader.speech.espeak import EspeakSynth, Synthesis, _tokens
from pressreader.speech.timing import TimedAudio, TimingMap, espeak_synth, timed_speech

from tests.pages import expected_article, fixture_id, fixture_pages

pytestmark = pytest.mark.speech

PAGES = fixture_pages()
ARTICLE = Article(
    "PCC gives £5,000 to ASB patrols",
    ("The PCC gave £5,000 on 21/05/2024. Call 0800 555 111 for details.", "See www.kent-pcc.gov.uk today."),
)


@pytest.fixture(scope="module")
def timed() -> dict[str, TimedAudio]:
    return {fixture_id(p): timed_speech(expected_article(p)) for p in PAGES}


def _texts(article: Article, block: str | None, paragraph: int | None) -> str:
    if block == "title":
        return article.title
    return (article.body if block == "body" else article.notes)[paragraph or 0]


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_every_word_has_display_offsets_and_times(page: Path, timed: dict[str, TimedAudio]) -> None:
    article, audio = expected_article(page), timed[fixture_id(page)]
    timing = audio.timing
    assert timing.granularity == "word"
    assert timing.duration == pytest.approx(len(audio.pcm) / 2 / audio.sample_rate)
    assert timing.sentences[0].start == 0.0
    assert timing.sentences[-1].end == pytest.approx(timing.duration)
    for before, after in zip(timing.sentences, timing.sentences[1:], strict=False):
        assert before.end == pytest.approx(after.start)
    last = 0.0
    for sentence in timing.sentences:
        if sentence.block is None:
            assert sentence.words == ()
            continue
        text = _texts(article, sentence.block, sentence.paragraph)
        assert text[sentence.offset : sentence.offset + sentence.length] == sentence.display
        for word in sentence.words:
            assert text[word.offset : word.stop] == word.text
            assert sentence.offset <= word.offset < word.stop <= sentence.offset + sentence.length
            assert sentence.start <= word.start <= word.end <= sentence.end
            assert word.start >= last
            last = word.start


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_almost_every_displayed_word_is_timed(page: Path, timed: dict[str, TimedAudio]) -> None:
    """Words of spoken sentences without a time of their own are rare (espeak-ng skips some symbols)."""
    timing = timed[fixture_id(page)].timing
    shown = timed_words = 0
    for sentence in timing.sentences:
        if sentence.block is not None:
            shown += sum(
                1 for t in _tokens(sentence.display) if any(c.isalnum() for c in sentence.display[t.start : t.end])
            )
            timed_words += sum(len(w.text.split()) for w in sentence.words)
    assert timed_words >= 0.98 * shown


def test_displayed_words_not_spoken_words() -> None:
    timing = timed_speech(ARTICLE).timing
    words = [w.text for w in timing.words]
    assert "£5,000" in words
    assert "21/05/2024" in words
    assert "0800 555 111" in words
    assert "ASB" in words
    assert "www.kent-pcc.gov.uk" in words
    body = [s for s in timing.sentences if s.block == "body"]
    money = next(w for w in body[0].words if w.text == "£5,000")
    assert money.end - money.start > 0.5  # "five thousand pounds"
    assert timing.word_at((money.start + money.end) / 2) == money
    sentence = timing.sentence_at(money.start)
    assert sentence is not None
    assert sentence.display.startswith("The PCC gave")


def test_the_layout_is_save_audios(tmp_path: Path) -> None:
    """Utterances back to back and paragraph pauses where save_audio puts them, with the same engine."""

    class Tones:
        def list_voices(self) -> list[Voice]:
            return [Voice("gmw/en", "English", ("en-gb",))]

        def synthesise(self, text: str, path: Path, options: SpeechOptions) -> None:
            with wave.open(str(path), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(16000)
                wav.writeframes(b"\1\0" * 1600 * len(text.split()))

        def close(self) -> None:
            pass

    audio = timed_speech(ARTICLE, engine=Tones())
    index = save_audio(ARTICLE, tmp_path / "a.wav", engine=Tones())
    assert audio.timing.granularity == "sentence"
    assert audio.timing.words == ()
    assert [(s.start, s.end) for s in audio.timing.sentences] == [(u.start, u.end) for u in index.utterances]
    assert audio.sample_rate == 16000

    class Synth(EspeakSynth):  # espeak-ng's path, with the same made-up audio
        def __init__(self) -> None:
            pass

        @property
        def sample_rate(self) -> int:
            return 16000

        def synthesize(self, text: str) -> Synthesis:
            return Synthesis(text, b"\1\0" * 1600 * len(text.split()), 16000, (), ())

    espeak = timed_speech(ARTICLE, engine=Synth())
    assert espeak.pcm == audio.pcm
    assert [(s.start, s.end) for s in espeak.timing.sentences] == [(s.start, s.end) for s in audio.timing.sentences]


def test_without_espeak_ng_pyttsx3_gives_sentence_timings(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(options: SpeechOptions) -> EspeakSynth:
        raise SpeechUnavailable("no espeak-ng here", fix="install it")

    used: list[str] = []

    class Engine(Pyttsx3Engine):
        def synthesise(self, text: str, path: Path, options: SpeechOptions) -> None:
            used.append(text)
            with wave.open(str(path), "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(22050)
                wav.writeframes(b"\0\0" * 2205)

    monkeypatch.setattr(timing_module, "espeak_synth", missing)
    monkeypatch.setattr(timing_module, "Pyttsx3Engine", Engine)
    audio = timed_speech(Article("Title", ("One. Two.",)))
    assert audio.timing.granularity == "sentence"
    assert used == ["Title", "One.", "Two."]


def test_options_reach_espeak() -> None:
    synth = espeak_synth(SpeechOptions(rate=150, rate_factor=2.0, volume=0.5, pitch=60))
    assert (synth.voice, synth.rate_wpm, synth.volume, synth.pitch) == ("en", 300, 0.5, 60)
    assert espeak_synth(SpeechOptions(language="en-US")).voice == "en-us"
    with pytest.raises(SpeechError, match="unknown espeak-ng voice"):
        espeak_synth(SpeechOptions(voice="no-such-voice"))


def test_nothing_to_say() -> None:
    with pytest.raises(SpeechError, match="nothing to say"):
        timed_speech(Article(" ", ()))


def test_json_and_files(tmp_path: Path) -> None:
    audio = timed_speech(Article("Title", ("Body text.",)))
    data = audio.timing.to_dict()
    assert data["granularity"] == "word"
    assert data["sentences"][1]["words"][0][2] == "Body"
    assert '"Body"' in audio.timing.to_json()
    wav = audio.write(tmp_path / "a.wav")
    with wave.open(str(wav), "rb") as w:
        assert w.readframes(w.getnframes()) == audio.pcm
    assert audio.write(tmp_path / "a.mp3").read_bytes()[:2] in (b"ID", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")
    with pytest.raises(SpeechError, match=r"use a \.wav or \.mp3"):
        audio.write(tmp_path / "a.ogg")
    assert TimingMap(22050, 0.0, "word", ()).sentence_at(0.0) is None


# --- the timing path says what pyttsx3 says ------------------------------------------------------------
# The binding's bit-identity with pyttsx3 is shown in test_espeak_binding.py; here the whole article:
# save_audio through the project's pyttsx3 worker (a fresh process) against timed_speech in a fresh process.

TIMED_SCRIPT = """
import sys
from pressreader.models import Article
from pressreader.speech import SpeechOptions
from pressreader.speech.timing import timed_speech
article = Article(sys.argv[1], tuple(sys.argv[2:]))
timed_speech(article, SpeechOptions(voice="gmw/en", rate=200, volume=1.0)).write(sys.argv[0] if False else "{out}")
"""


def _frames(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


def test_same_audio_as_pyttsx3_for_a_whole_article(tmp_path: Path) -> None:
    """Settings as in test_espeak_binding's worker test (gmw/en, 200 wpm, volume 1), where the worker is exact."""
    title, body = "Commissioner backs speed watch", ("The PCC gave £5,000 to the scheme.", "Call 101 to join.")
    options = SpeechOptions(voice="gmw/en", rate=200, volume=1.0)
    with Pyttsx3Engine() as engine:
        save_audio(Article(title, body), tmp_path / "pyttsx3.wav", options, engine=engine)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    script = TIMED_SCRIPT.replace("{out}", str(tmp_path / "timed.wav"))
    subprocess.run([sys.executable, "-c", script, title, *body], check=True, capture_output=True, timeout=120, env=env)
    assert _frames(tmp_path / "timed.wav") == _frames(tmp_path / "pyttsx3.wav")
