"""The pyttsx3 adapter's traps, with test doubles in the worker (no real engine needed)."""

from __future__ import annotations

import importlib
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from pressreader.errors import SpeechError, SpeechUnavailable
from pressreader.speech import Pyttsx3Engine, SpeechOptions, Voice, install_fix, list_voices, resolve_voice
from pressreader.speech.engine import check_output_path

HERE = Path(__file__).parent
QUICK = SpeechOptions(timeout=2.0)


@pytest.fixture
def doubles(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(HERE))
    return importlib.import_module("speech_doubles")


@pytest.fixture
def fake_engine(doubles: ModuleType) -> Iterator[Pyttsx3Engine]:
    with Pyttsx3Engine(factory=doubles.fake_factory, start_timeout=20) as engine:
        yield engine


def frames(path: Path) -> int:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


def test_import_starts_nothing() -> None:
    code = (
        "import sys, threading, pressreader, pressreader.speech, pressreader.speech.engine;"
        "print('pyttsx3' in sys.modules, threading.active_count())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "1"]


def test_engine_starts_lazily_and_synthesises(fake_engine: Pyttsx3Engine, tmp_path: Path) -> None:
    assert not fake_engine.running
    fake_engine.synthesise("one two three", tmp_path / "a.wav", SpeechOptions(rate=180))
    assert fake_engine.running
    assert frames(tmp_path / "a.wav") == int(1.0 * 22050)


def test_hung_engine_is_timed_out_killed_and_restarted(fake_engine: Pyttsx3Engine, tmp_path: Path) -> None:
    fake_engine.start()
    with pytest.raises(SpeechError, match=r"hung while saying 'HANG please' \(no answer in 1 s\)"):
        fake_engine.synthesise("HANG please", tmp_path / "hang.wav", SpeechOptions(timeout=1.0))
    assert not fake_engine.running
    fake_engine.synthesise("after the hang", tmp_path / "after.wav", QUICK)
    assert frames(tmp_path / "after.wav") > 0
    assert fake_engine.starts == 2


def test_crashed_engine_is_reported_and_restarted(fake_engine: Pyttsx3Engine, tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match=r"stopped unexpectedly .*exit code 3"):
        fake_engine.synthesise("CRASH now", tmp_path / "crash.wav", QUICK)
    fake_engine.synthesise("after the crash", tmp_path / "after.wav", QUICK)
    assert frames(tmp_path / "after.wav") > 0


@pytest.mark.parametrize("factory", ["broken_factory", "missing_library_factory"])
def test_missing_engine_is_unavailable_with_the_fix(doubles: ModuleType, factory: str, tmp_path: Path) -> None:
    with Pyttsx3Engine(factory=getattr(doubles, factory)) as engine, pytest.raises(SpeechUnavailable) as caught:
        engine.synthesise("hello", tmp_path / "a.wav", QUICK)
    assert caught.value.fix == install_fix()
    assert "sudo apt-get install espeak-ng" in str(caught.value)
    assert not (tmp_path / "a.wav").exists()


def test_engine_that_hangs_while_loading_is_unavailable(doubles: ModuleType) -> None:
    with Pyttsx3Engine(factory=doubles.hanging_factory, start_timeout=1.0) as engine:
        with pytest.raises(SpeechUnavailable, match="hung while starting"):
            engine.start()
        assert not engine.running


def test_list_voices_with_an_unavailable_engine(doubles: ModuleType) -> None:
    with Pyttsx3Engine(factory=doubles.broken_factory) as engine, pytest.raises(SpeechUnavailable):
        list_voices(engine)


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("linux", "install espeak-ng: sudo apt-get install espeak-ng"),
        ("darwin", "pyttsx3 uses the macOS speech synthesiser"),
        ("win32", "pyttsx3 uses the Windows SAPI5 voices"),
        ("freebsd13", "install espeak-ng"),
    ],
)
def test_install_fix(platform: str, expected: str) -> None:
    assert install_fix(platform).startswith(expected)


def test_voices_are_listed(fake_engine: Pyttsx3Engine) -> None:
    voices = fake_engine.list_voices()
    assert Voice("gmw/en", "English (Great Britain)", ("en-gb",), "Male") in voices


def test_bad_voice_id_is_an_error_naming_how_to_list_voices(fake_engine: Pyttsx3Engine, tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match=r"unknown voice 'xx/nothing': run 'pressreader voices'"):
        fake_engine.synthesise("hello", tmp_path / "a.wav", SpeechOptions(voice="xx/nothing"))
    assert not (tmp_path / "a.wav").exists()


VOICES = [
    Voice("gmw/en-us", "English (America)", ("en-us",)),
    Voice("gmw/en-gb-scotland", "Scottish", ("en-gb-scotland",)),
    Voice("gmw/en", "English (Great Britain)", ("en-gb",)),
    Voice("roa/fr", "French", ("fr-fr",)),
]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (SpeechOptions(), "gmw/en"),
        (SpeechOptions(language="en-gb"), "gmw/en"),
        (SpeechOptions(language="en-US"), "gmw/en-us"),
        (SpeechOptions(language="en"), "gmw/en"),  # bare English is British English
        (SpeechOptions(language="en_US"), "gmw/en-us"),
        (SpeechOptions(language="fr"), "roa/fr"),
        (SpeechOptions(language="cy"), None),
        (SpeechOptions(voice="GMW/EN-US"), "gmw/en-us"),
        (SpeechOptions(voice="French"), "roa/fr"),
    ],
)
def test_resolve_voice(options: SpeechOptions, expected: str | None) -> None:
    assert resolve_voice(VOICES, options) == expected


def test_unwritable_output_paths_are_refused_before_synthesis(fake_engine: Pyttsx3Engine, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    cases = {
        tmp_path / "missing" / "a.wav": "the folder .* does not exist",
        tmp_path: "it is a folder",
        tmp_path / "file" / "a.wav": ".*file is a file, not a folder",
    }
    for path, message in cases.items():
        with pytest.raises(SpeechError, match=f"cannot write audio to .*: {message}"):
            fake_engine.synthesise("hello", path, QUICK)
    assert not fake_engine.running  # refused before the engine was even started


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(SpeechError, match="is not writable"):
            check_output_path(folder / "a.wav")
    finally:
        folder.chmod(0o700)


def test_empty_text_is_refused(fake_engine: Pyttsx3Engine, tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="nothing to say"):
        fake_engine.synthesise("   ", tmp_path / "a.wav", QUICK)


def test_close_is_idempotent(fake_engine: Pyttsx3Engine) -> None:
    fake_engine.start()
    fake_engine.close()
    fake_engine.close()
    assert not fake_engine.running
