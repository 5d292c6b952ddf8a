"""save_audio with an in-process tone engine: the file, the timing index, parts, MP3, failures."""

from __future__ import annotations

import datetime
import importlib
import json
import sys
import wave
from pathlib import Path
from types import ModuleType

import pytest

from pressreader.errors import SpeechError
from pressreader.models import Article, Quote, Source
from pressreader.speech import AudioIndex, SpeechOptions, save_audio, speech_script, timings_path

HERE = Path(__file__).parent

ARTICLE = Article(
    title="PCC funds CCTV",
    body=("The PCC gave £5,000 to the scheme. It starts today.", "Jane Doe said:", "“It is good news.”"),
    date=datetime.date(2024, 5, 9),
    quotes=(Quote("It is good news.", "Jane Doe", "PCC", (2,)),),
    source=Source("Warwickshire Police and Crime Commissioner", "Warwickshire", "warwickshire-pcc.gov.uk"),
)


@pytest.fixture
def doubles(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(HERE))
    return importlib.import_module("speech_doubles")


def wav_info(path: Path) -> tuple[int, int, int, int]:
    with wave.open(str(path), "rb") as wav:
        return wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.getnframes()


def check_index(index: AudioIndex, frames: int, rate: int) -> None:
    spans = [(u.start, u.end) for u in index.utterances]
    assert spans[0][0] == 0.0
    assert all(start < end for start, end in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    assert spans[-1][1] == pytest.approx(frames / rate, abs=1e-9)
    assert index.duration == pytest.approx(frames / rate, abs=1e-9)


def test_one_wav_with_a_timing_index(doubles: ModuleType, tmp_path: Path) -> None:
    engine = doubles.ToneEngine()
    out = tmp_path / "story.wav"
    index = save_audio(ARTICLE, out, SpeechOptions(paragraph_pause=0.25), engine=engine)
    channels, width, rate, frames = wav_info(out)
    assert (channels, width, rate) == (1, 2, 22050)
    check_index(index, frames, rate)
    script = speech_script(ARTICLE)
    assert [u.index for u in index.utterances] == list(range(len(script)))
    assert [u.text for u in index.utterances] == [u.text for u in script]
    assert json.loads(timings_path(out).read_text(encoding="utf-8")) == index.to_dict()
    assert timings_path(out).name == "story.timings.json"
    assert not engine.closed  # an engine passed in is the caller's to close
    assert not list(tmp_path.glob(".*partial"))


def test_paragraph_pause_is_silence_after_each_block(doubles: ModuleType, tmp_path: Path) -> None:
    quiet = save_audio(ARTICLE, tmp_path / "a.wav", SpeechOptions(paragraph_pause=0), engine=doubles.ToneEngine())
    paused = save_audio(ARTICLE, tmp_path / "b.wav", SpeechOptions(paragraph_pause=0.5), engine=doubles.ToneEngine())
    blocks = sum(1 for u in speech_script(ARTICLE) if u.starts_block)
    assert paused.duration - quiet.duration == pytest.approx(0.5 * blocks, abs=0.01)


def test_per_paragraph_files(doubles: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "story.wav"
    index = save_audio(ARTICLE, out, per_paragraph=True, engine=doubles.ToneEngine())
    parts = [Path(p) for p in index.parts]
    assert [p.name for p in parts][:2] == ["story-001.wav", "story-002.wav"]
    assert sum(wav_info(p)[3] for p in parts) == wav_info(out)[3]
    assert {u.file for u in index.utterances} == {p.name for p in parts}


def test_mp3(doubles: ModuleType, tmp_path: Path) -> None:
    pytest.importorskip("lameenc")
    out = tmp_path / "story.mp3"
    index = save_audio(ARTICLE, out, engine=doubles.ToneEngine())
    head = out.read_bytes()[:3]
    assert head == b"ID3" or head[0] == 0xFF
    assert index.duration > 1
    assert timings_path(out).exists()


def test_mp3_without_the_encoder_names_the_extra(
    doubles: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "lameenc", None)
    engine = doubles.ToneEngine()
    with pytest.raises(SpeechError, match=r"pip install 'pressreader\[mp3\]' installs lameenc"):
        save_audio(ARTICLE, tmp_path / "story.mp3", engine=engine)
    assert engine.calls == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/story.wav", "does not exist"),
        ("story.ogg", "use a .wav or .mp3 file name"),
        ("story", "use a .wav or .mp3 file name"),
    ],
)
def test_bad_paths_fail_before_synthesis(doubles: ModuleType, tmp_path: Path, name: str, message: str) -> None:
    engine = doubles.ToneEngine()
    with pytest.raises(SpeechError, match=message):
        save_audio(ARTICLE, tmp_path / name, engine=engine)
    assert engine.calls == []


def test_failure_mid_article_leaves_no_partial_file(doubles: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "story.wav"
    out.write_bytes(b"old")
    with pytest.raises(SpeechError, match="failed while saying"):
        save_audio(ARTICLE, out, per_paragraph=True, engine=doubles.ToneEngine(fail_on="good news"))
    assert out.read_bytes() == b"old"  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.wav"]


def test_nothing_to_say(doubles: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="nothing to say"):
        save_audio(Article("", ("",)), tmp_path / "a.wav", engine=doubles.ToneEngine())
