"""Real espeak-ng through pyttsx3: the saved audio is right, and the traps stay fixed.

These tests need espeak-ng and libespeak-ng1 (``apt-get install espeak-ng``); they
assume the default English voices (``gmw/en``) espeak-ng ships.
"""

from __future__ import annotations

import array
import datetime
import hashlib
import math
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressreader.errors import SpeechError
from pressreader.models import Article, Quote, Source
from pressreader.speech import (
    AudioIndex,
    Player,
    Pyttsx3Engine,
    RecordingSink,
    SpeechOptions,
    list_voices,
    save_audio,
)

pytestmark = pytest.mark.speech

ARTICLE = Article(
    title="PCC funds new CCTV for Rugby",
    body=(
        "The Police and Crime Commissioner has given £5,000 to a scheme in Rugby. It starts on 21st May.",
        "Commissioner Jane Doe said:",
        "“This is good news for residents. Call 101 to report anti-social behaviour.”",
    ),
    date=datetime.date(2024, 5, 9),
    quotes=(Quote("This is good news…", "Jane Doe", "Warwickshire PCC", (2,)),),
    source=Source("Warwickshire Police and Crime Commissioner", "Warwickshire", "warwickshire-pcc.gov.uk"),
)
OTHER = Article("Second article", ("A different and much shorter story.",))

RMS_FLOOR = 300  # 16-bit samples; espeak-ng speech is in the thousands, silence is 0


@pytest.fixture(scope="module")
def engine() -> Iterator[Pyttsx3Engine]:
    with Pyttsx3Engine() as shared:
        yield shared


def read_samples(path: Path) -> tuple[array.array[int], int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        samples = array.array("h", wav.readframes(wav.getnframes()))
    return samples, 22050


def rms(samples: array.array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def predicted_seconds(index: AudioIndex, rate: int, pause: float) -> float:
    words = sum(len(u.text.split()) for u in index.utterances)
    blocks = sum(1 for u in index.utterances if u.sentence in (None, 0))
    return words / rate * 60 + blocks * pause


def test_saved_wav_is_valid_audible_and_as_long_as_predicted(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    options = SpeechOptions(rate=175)
    out = tmp_path / "story.wav"
    index = save_audio(ARTICLE, out, options, engine=engine)
    samples, rate = read_samples(out)
    # the index covers the file, monotonically
    assert index.utterances[0].start == 0
    assert all(a.end == b.start for a, b in zip(index.utterances, index.utterances[1:], strict=False))
    assert index.utterances[-1].end == pytest.approx(len(samples) / rate)
    # every utterance is audible within its own span
    for u in index.utterances:
        span = samples[int(u.start * rate) : int(u.end * rate)]
        assert rms(span) > RMS_FLOOR, f"utterance {u.index} ({u.text!r}) is silent"
    # duration within 25 % of what the words and the rate predict
    expected = predicted_seconds(index, options.effective_rate, options.paragraph_pause)
    assert 0.75 * expected <= index.duration <= 1.25 * expected


def test_doubling_the_rate_roughly_halves_the_duration(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    plain = SpeechOptions(rate=175, paragraph_pause=0)
    normal = save_audio(ARTICLE, tmp_path / "normal.wav", plain, engine=engine)
    fast = save_audio(ARTICLE, tmp_path / "fast.wav", plain.replace(rate_factor=2.0), engine=engine)
    assert 0.4 <= fast.duration / normal.duration <= 0.6


def test_two_saves_in_a_row_are_both_correct(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    first = save_audio(ARTICLE, tmp_path / "first.wav", engine=engine)
    first_bytes = (tmp_path / "first.wav").read_bytes()
    second = save_audio(OTHER, tmp_path / "second.wav", engine=engine)
    assert (tmp_path / "first.wav").read_bytes() == first_bytes
    for index, path in ((first, "first.wav"), (second, "second.wav")):
        samples, rate = read_samples(tmp_path / path)
        assert len(samples) / rate == pytest.approx(index.duration)
        assert rms(samples) > RMS_FLOOR
    assert second.duration < first.duration / 2
    # and with a fresh engine each time (the default), too
    again = save_audio(OTHER, tmp_path / "again.wav")
    assert again.duration == pytest.approx(second.duration, rel=0.05)


def test_speaking_after_saving_does_not_overwrite_the_saved_file(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    out = tmp_path / "story.wav"
    save_audio(ARTICLE, out, engine=engine)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    sink = RecordingSink()
    with Player(OTHER, engine=engine, audio_sink=sink) as player:
        player.play()
        assert player.wait(30)
    assert len(sink.played) == len(player.script)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == digest


def test_player_with_the_real_engine(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    sink = RecordingSink(tmp_path / "played.wav")
    started: list[int | None] = []
    with Player(ARTICLE, engine=engine, audio_sink=sink) as player:
        player.on("utterance-started", lambda e: started.append(e.index))
        player.play()
        assert player.wait(30)
    assert started == list(range(len(player.script)))
    samples, _ = read_samples(tmp_path / "played.wav")
    assert rms(samples) > RMS_FLOOR


def test_voices_include_british_english(engine: Pyttsx3Engine) -> None:
    voices = {v.id: v for v in list_voices(engine)}
    assert "gmw/en" in voices
    assert "en-gb" in voices["gmw/en"].languages


def test_bad_voice_id_with_the_real_engine(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="unknown voice 'no/such-voice'"):
        save_audio(OTHER, tmp_path / "a.wav", SpeechOptions(voice="no/such-voice"), engine=engine)
    assert not (tmp_path / "a.wav").exists()


def test_a_chosen_voice_is_used(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    gb = save_audio(OTHER, tmp_path / "gb.wav", SpeechOptions(voice="gmw/en"), engine=engine)
    us = save_audio(OTHER, tmp_path / "us.wav", SpeechOptions(voice="gmw/en-us"), engine=engine)
    assert (tmp_path / "gb.wav").read_bytes() != (tmp_path / "us.wav").read_bytes()
    assert gb.duration > 0
    assert us.duration > 0


def test_settings_changed_between_utterances_are_applied(engine: Pyttsx3Engine, tmp_path: Path) -> None:
    """espeak-ng queues property changes and pyttsx3's next run cancels the queue: not here."""
    durations = []
    for i, factor in enumerate([1.0, 2.0, 1.0, 2.0]):
        index = save_audio(OTHER, tmp_path / f"{i}.wav", SpeechOptions(rate_factor=factor), engine=engine)
        durations.append(index.duration)
    assert durations[1] < 0.65 * durations[0]
    assert durations[3] < 0.65 * durations[2]
    low = save_audio(OTHER, tmp_path / "low.wav", SpeechOptions(pitch=10), engine=engine)
    high = save_audio(OTHER, tmp_path / "high.wav", SpeechOptions(pitch=90), engine=engine)
    assert (tmp_path / "low.wav").read_bytes() != (tmp_path / "high.wav").read_bytes()
    assert low.duration == pytest.approx(high.duration, rel=0.2)
