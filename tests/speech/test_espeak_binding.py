"""The ctypes binding of libespeak-ng: real word timings, checked against the real library.

These tests need espeak-ng and libespeak-ng1 (``apt-get install espeak-ng``) and
the English voices it ships (``gmw/en``, ``gmw/en-us``); the pyttsx3 comparisons
also need pyttsx3 (a runtime dependency already).
"""

from __future__ import annotations

import array
import itertools
import math
import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

from pressreader.errors import OptionsError, SpeechError, SpeechUnavailable
from pressreader.speech import Pyttsx3Engine, SpeechOptions
from pressreader.speech.espeak import EspeakSynth, Synthesis, TimedSpan

pytestmark = pytest.mark.speech

PLAIN = (
    "The commissioner visited the new community centre in the town on Monday morning "
    "and spoke to local residents about their concerns."
)
RMS_FLOOR = 300  # 16-bit samples: espeak-ng speech at full volume is about 3000, silence 0


@pytest.fixture(scope="module")
def synth() -> EspeakSynth:
    return EspeakSynth("gmw/en", rate_wpm=175)


def rms(pcm: bytes) -> float:
    samples = array.array("h", pcm)
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def assert_covering(spans: tuple[TimedSpan, ...], result: Synthesis) -> None:
    """Monotonic, contiguous, from the first span's start to the end of the audio."""
    assert spans
    assert all(s.start < s.end for s in spans)
    assert all(a.end == b.start for a, b in itertools.pairwise(spans))
    assert spans[-1].end == pytest.approx(result.duration)
    assert all(s.offset < t.offset for s, t in itertools.pairwise(spans))


def test_plain_sentence_has_one_timed_word_per_word(synth: EspeakSynth) -> None:
    result = synth.synthesize(PLAIN)
    assert result.sample_rate == 22050
    assert [w.text for w in result.words] == [w.strip(".,") for w in PLAIN.split()]
    assert result.words[0].start == 0.0
    assert_covering(result.words, result)
    # espeak-ng reported all but "the" of "in the town" itself (said as one word); that one is estimated
    assert [w.text for w in result.words if w.estimated] == ["the"]
    assert result.words[8].text == "the"
    assert result.words[8].estimated


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("£5,000 café “quoted” word.", ["£5,000", "café", "quoted", "word"]),
        (
            "She said: “Thank you.” Then she left. The café’s owner agreed!",
            ["She", "said", "Thank", "you", "Then", "she", "left", "The", "café’s", "owner", "agreed"],
        ),
        (
            "Emoji 😀 then 𝔘nicode and\nnew line\r\nwith\ttab.",
            ["Emoji", "😀", "then", "𝔘nicode", "and", "new", "line", "with", "tab"],
        ),
        ("Naïve résumé, déjà vu — Zoë’s “plan”.", ["Naïve", "résumé", "déjà", "vu", "Zoë’s", "plan"]),
        # espeak-ng reports the word after "OPCC's" at the "s": the binding moves it to "grant"
        ("The OPCC's grant of £5,000 is new.", ["The", "OPCC's", "grant", "of", "£5,000", "is", "new"]),
        ("PCC’s anti-social behaviour unit.", ["PCC’s", "anti-social", "behaviour", "unit"]),
    ],
)
def test_offsets_point_at_the_words_of_the_input(synth: EspeakSynth, text: str, words: list[str]) -> None:
    result = synth.synthesize(text)
    assert [w.text for w in result.words] == words
    for word in result.words:
        assert text[word.offset : word.stop] == word.text
        assert word.length == len(word.text)
    assert_covering(result.words, result)


def test_text_position_counts_characters_not_bytes(synth: EspeakSynth) -> None:
    text = "£5,000 café “quoted” word."
    result = synth.synthesize(text)
    offsets = [w.offset for w in result.words]
    # characters: £ is one; in UTF-8 bytes "café" would start at 8, "quoted" at 17, "word" at 27
    assert offsets == [text.index(w) for w in ("£5,000", "café", "quoted", "word")] == [0, 7, 13, 21]


def test_audio_is_audible_and_as_long_as_the_rate_predicts(synth: EspeakSynth) -> None:
    result = synth.synthesize(PLAIN)
    assert rms(result.pcm) > RMS_FLOOR
    predicted = len(PLAIN.split()) / 175 * 60
    assert predicted * 0.75 <= result.duration <= predicted * 1.25
    assert result.duration == len(result.pcm) / 2 / 22050


def test_doubling_the_rate_roughly_halves_the_duration() -> None:
    slow = EspeakSynth(rate_wpm=175).synthesize(PLAIN)
    fast = EspeakSynth(rate_wpm=350).synthesize(PLAIN)
    assert 0.4 <= fast.duration / slow.duration <= 0.65  # measured 0.52: pauses shrink less than words
    assert [w.text for w in fast.words] == [w.text for w in slow.words]


def test_volume_scales_the_audio_like_pyttsx3() -> None:
    loud, half, silent = (EspeakSynth(volume=v).synthesize(PLAIN) for v in (1.0, 0.5, 0.0))
    assert rms(half.pcm) == pytest.approx(rms(loud.pcm) / 2, rel=0.2)
    assert rms(silent.pcm) == 0
    assert len(silent.words) == len(loud.words)


def test_sentence_events_give_the_sentences(synth: EspeakSynth) -> None:
    text = "First sentence here. “A quoted second one,” she said! And a third? Yes."
    result = synth.synthesize(text)
    assert [s.text for s in result.sentences] == [
        "First sentence here.",
        "“A quoted second one,” she said!",
        "And a third?",
        "Yes.",
    ]
    assert_covering(result.sentences, result)
    assert result.sentences[0].start == 0.0
    starts = {w.start for w in result.words}
    assert all(s.start in starts for s in result.sentences)  # each sentence starts with its first word
    for sentence in result.sentences:
        assert text[sentence.offset : sentence.stop] == sentence.text


def test_times_are_positions_in_the_returned_audio(synth: EspeakSynth) -> None:
    """Each later sentence starts right after a silent pause: the times index the PCM itself."""
    result = synth.synthesize("First sentence here. Second sentence follows. And a third one.")
    samples = array.array("h", result.pcm)
    assert len(result.sentences) == 3
    for sentence in result.sentences[1:]:
        at = round(sentence.start * result.sample_rate)
        before, after = samples[at - 1100 : at], samples[at : at + 4410]  # 50 ms before, 200 ms after
        assert rms(before.tobytes()) < 50
        assert rms(after.tobytes()) > RMS_FLOOR


def test_settings_of_one_instance_do_not_leak_into_another() -> None:
    slow, fast = EspeakSynth(rate_wpm=120), EspeakSynth(rate_wpm=360)
    first = slow.synthesize(PLAIN).duration
    fast.synthesize(PLAIN)
    assert slow.synthesize(PLAIN).duration == pytest.approx(first, rel=0.02)


def test_threads_are_served_one_at_a_time() -> None:
    synths = [EspeakSynth(rate_wpm=rate) for rate in (150, 300)]
    results: dict[int, list[Synthesis]] = {0: [], 1: []}

    def work(n: int) -> None:
        for _ in range(3):
            results[n].append(synths[n].synthesize(PLAIN))

    threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n in (0, 1):
        durations = [r.duration for r in results[n]]
        assert len(durations) == 3
        assert max(durations) == pytest.approx(min(durations), rel=0.02)
        assert all(len(r.words) == len(PLAIN.split()) for r in results[n])
    assert results[1][0].duration < results[0][0].duration * 0.65


def test_another_voice_changes_the_audio(synth: EspeakSynth) -> None:
    british = synth.synthesize("Tomato and schedule.").pcm
    american = EspeakSynth("gmw/en-US").synthesize("Tomato and schedule.").pcm
    assert british != american


@pytest.mark.parametrize("voice", ["no-such-voice", "English", "gmw"])
def test_bad_voice_raises_speech_error_naming_it(voice: str) -> None:
    """The folder "gmw" is no voice, though espeak-ng reports success (and selects a nameless one)."""
    with pytest.raises(SpeechError, match=f"unknown espeak-ng voice {voice!r}"):
        EspeakSynth(voice)
    assert EspeakSynth().synthesize("Still works.").words[0].text == "Still"  # a bad voice breaks nothing


def test_missing_library_raises_speech_unavailable_with_a_fix() -> None:
    with pytest.raises(SpeechUnavailable) as caught:
        EspeakSynth(library="libespeak-ng-not-here.so.7")
    assert caught.value.fix == "install espeak-ng: sudo apt-get install espeak-ng"
    assert "libespeak-ng-not-here.so.7" in str(caught.value)
    assert not isinstance(caught.value.__cause__, SpeechError)  # the OSError is chained, not raised


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rate_wpm": 79}, "rate_wpm"),
        ({"rate_wpm": 175.5}, "rate_wpm"),
        ({"rate_wpm": True}, "rate_wpm"),
        ({"volume": 1.5}, "volume"),
        ({"volume": -0.1}, "volume"),
        ({"pitch": 101}, "pitch"),
        ({"voice": ""}, "voice"),
        ({"voice": "en\0"}, "voice"),
    ],
)
def test_bad_settings_raise_options_error(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(OptionsError) as caught:
        EspeakSynth(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_failure_inside_the_callback_is_a_speech_error(synth: EspeakSynth, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> bytes:
        raise MemoryError("simulated")

    with monkeypatch.context() as patch:
        patch.setattr("ctypes.string_at", broken)
        with pytest.raises(SpeechError, match="synthesis failed: MemoryError"):
            synth.synthesize("This will fail.")
    assert [w.text for w in synth.synthesize("This works.").words] == ["This", "works"]


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_raises_speech_error(synth: EspeakSynth, text: str) -> None:
    with pytest.raises(SpeechError, match="nothing to say"):
        synth.synthesize(text)


def test_punctuation_is_a_word_only_when_espeak_says_it(synth: EspeakSynth) -> None:
    result = synth.synthesize("... — !")  # silent "..." and "—"; a lone "!" is read as "exclamation mark"
    assert [(w.text, w.estimated) for w in result.words] == [("!", False)]
    assert [w.text for w in synth.synthesize("Hello — world !").words] == ["Hello", "world"]


def test_words_espeak_joins_get_estimated_times(synth: EspeakSynth) -> None:
    """espeak-ng says "in the" as one word, with one event: "the" gets a share of its time, by length."""
    result = synth.synthesize("In the end, it was in the bag.")
    assert [(w.text, w.estimated) for w in result.words] == [
        ("In", False), ("the", True), ("end", False), ("it", False),
        ("was", False), ("in", False), ("the", True), ("bag", False),
    ]  # fmt: skip
    assert_covering(result.words, result)
    first, the = result.words[:2]
    assert (the.start - first.start) / (the.end - first.start) == pytest.approx(2 / 5, abs=0.01)


def test_nul_characters_do_not_cut_the_text_short(synth: EspeakSynth) -> None:
    result = synth.synthesize("before\0after words")
    assert [w.text for w in result.words][-1] == "words"


def test_write_wav(synth: EspeakSynth, tmp_path: Path) -> None:
    result = synth.synthesize("Hello there.")
    path = result.write_wav(tmp_path / "hello.wav")
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 22050)
        assert wav.readframes(wav.getnframes()) == result.pcm
    with pytest.raises(SpeechError, match="does not exist"):
        result.write_wav(tmp_path / "missing" / "hello.wav")


def test_importing_loads_nothing() -> None:
    code = (
        "import pressreader.speech.espeak as e\n"
        "maps = open('/proc/self/maps').read()\n"
        "print(bool(e._LOCKS), bool(e._LIBRARIES), 'libespeak' in maps)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env())
    assert out.stdout.split() == ["False", "False", "False"]


# --- against pyttsx3: the timing path must say what pyttsx3 says -----------------------------------------

TEXTS = (
    "The Police and Crime Commissioner has given five thousand pounds to a scheme in Rugby.",
    "It starts on the twenty-first of May. Call one hundred and one to report it.",
)

PYTTSX3_SCRIPT = """
import sys, threading, pyttsx3
import pyttsx3.drivers._espeak as espeak
voice, rate, volume, folder, *texts = sys.argv[1:]
engine = pyttsx3.init()
done = threading.Event()
engine.connect("finished-utterance", lambda **_: done.set())
engine.setProperty("voice", voice)
engine.setProperty("rate", int(rate))
engine.setProperty("volume", float(volume))
espeak.Synchronize()  # property changes are queued in retrieval mode
for n, text in enumerate(texts):
    done.clear()
    engine.save_to_file(text, f"{folder}/pyttsx3-{n}.wav")
    engine.runAndWait()
    assert done.wait(30), "pyttsx3 never finished"
"""

BINDING_SCRIPT = """
import sys
from pressreader.speech.espeak import EspeakSynth
voice, rate, volume, folder, *texts = sys.argv[1:]
synth = EspeakSynth(None if voice == "-" else voice, int(rate), float(volume))
for n, text in enumerate(texts):
    synth.synthesize(text).write_wav(f"{folder}/binding-{n}.wav")
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


def _run(script: str, *args: str) -> None:
    subprocess.run([sys.executable, "-c", script, *args], check=True, capture_output=True, timeout=120, env=_env())


def _frames(path: Path) -> tuple[int, bytes]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        return wav.getframerate(), wav.readframes(wav.getnframes())


@pytest.mark.parametrize(
    ("pyttsx3_voice", "binding_voice", "rate", "volume"),
    [("gmw/en", "-", "175", "1.0"), ("gmw/en-us", "gmw/en-us", "260", "0.63")],
)
def test_same_audio_as_pyttsx3_from_fresh_processes(
    tmp_path: Path, pyttsx3_voice: str, binding_voice: str, rate: str, volume: str
) -> None:
    """Measured: bit-identical PCM, utterance after utterance, when both processes start fresh.

    The binding's default voice ("en") is pyttsx3's default ("gmw/en"), and its
    pitch 50 is espeak-ng's default, which pyttsx3 never sets.
    """
    _run(PYTTSX3_SCRIPT, pyttsx3_voice, rate, volume, str(tmp_path), *TEXTS)
    _run(BINDING_SCRIPT, binding_voice, rate, volume, str(tmp_path), *TEXTS)
    for n in range(len(TEXTS)):
        assert _frames(tmp_path / f"binding-{n}.wav") == _frames(tmp_path / f"pyttsx3-{n}.wav")


def test_same_audio_as_the_pressreader_pyttsx3_engine(tmp_path: Path) -> None:
    """The project's default path (Pyttsx3Engine's worker) says exactly what a fresh binding says.

    Settings equal to the pyttsx3 driver's own defaults (gmw/en, 200 wpm, volume
    1): with others, about one fresh worker in ten ignores the rate or the
    volume (measured at 190 wpm, volume 0.8: 91304 samples instead of 96555),
    a race in the worker, not in this binding; the raw pyttsx3 test above
    covers other settings.
    """
    options = SpeechOptions(voice="gmw/en", rate=200, volume=1.0)
    with Pyttsx3Engine() as engine:
        engine.synthesise(TEXTS[0], tmp_path / "pyttsx3-0.wav", options)
    _run(BINDING_SCRIPT, "gmw/en", str(options.effective_rate), str(options.volume), str(tmp_path), TEXTS[0])
    assert _frames(tmp_path / "binding-0.wav") == _frames(tmp_path / "pyttsx3-0.wav")


def test_close_to_pyttsx3_whatever_was_said_before(synth: EspeakSynth, tmp_path: Path) -> None:
    """In a process that has already spoken other texts the PCM is not identical.

    espeak-ng carries wave-generator state from one utterance to the next (a
    fresh process saying the same text twice gets two slightly different
    results; re-selecting the voice does not reset it), so audio depends on
    what was said before, in pyttsx3's worker as here. Measured for this text:
    243 samples (11 ms, 0.23 %) longer, RMS within 0.2 %, samples diverging
    from 15 ms in; asserted with 5 % margins.
    """
    _run(PYTTSX3_SCRIPT, "gmw/en", "175", "1.0", str(tmp_path), TEXTS[0])
    rate, reference = _frames(tmp_path / "pyttsx3-0.wav")
    synth.synthesize(PLAIN)  # make sure this process has a different history
    result = synth.synthesize(TEXTS[0])
    assert result.sample_rate == rate
    assert len(result.pcm) == pytest.approx(len(reference), rel=0.05)
    assert rms(result.pcm) == pytest.approx(rms(reference), rel=0.05)
