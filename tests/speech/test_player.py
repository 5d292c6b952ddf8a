"""The Player: pipeline, controls, events and failures, with a tone engine and a recording sink."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest

from pressreader.errors import PlaybackUnavailable, SpeechError
from pressreader.models import Article
from pressreader.speech import Player, PlayerEvent, RecordingSink, SpeechOptions, SystemSink
from pressreader.speech import sinks as sinks_module

HERE = Path(__file__).parent

# title, p0 (2 sentences), p1 (1), p2 (3)  ->  utterances 0 | 1 2 | 3 | 4 5 6
ARTICLE = Article("A title", ("One one. Two two.", "Three three.", "Four four. Five five. Six six."))
BLOCKS = [0, 1, 3, 4]


@pytest.fixture
def doubles(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(HERE))
    return importlib.import_module("speech_doubles")


class Recorder:
    def __init__(self, player: Player) -> None:
        self.events: list[PlayerEvent] = []
        self.lock = threading.Lock()
        for name in ("utterance-started", "utterance-finished", "state-changed", "error"):
            player.on(name, self.add)

    def add(self, event: PlayerEvent) -> None:
        with self.lock:
            self.events.append(event)

    def started(self) -> list[int | None]:
        return [e.index for e in self.events if e.name == "utterance-started"]

    def wait_for_start(self, index: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while index not in self.started():
            assert time.monotonic() < deadline, f"utterance {index} never started: {self.started()}"
            time.sleep(0.005)


def test_plays_everything_in_order_with_events(doubles: ModuleType) -> None:
    sink = RecordingSink()
    with Player(ARTICLE, engine=doubles.ToneEngine(), audio_sink=sink) as player:
        recorder = Recorder(player)
        player.play()
        assert player.wait(20)
        assert player.state == "finished"
    n = len(player.script)
    assert recorder.started() == list(range(n))
    finished = [(e.index, e.completed) for e in recorder.events if e.name == "utterance-finished"]
    assert finished == [(i, True) for i in range(n)]
    states = [e.state for e in recorder.events if e.name == "state-changed"]
    assert states == ["playing", "finished"]
    assert len(sink.played) == n
    assert not player.workdir.exists()


def test_first_sentence_plays_while_later_ones_are_synthesised(doubles: ModuleType) -> None:
    engine = doubles.ToneEngine(delay=0.05)
    with Player(ARTICLE, engine=engine, audio_sink=RecordingSink(), lookahead=2) as player:
        started_at: list[float] = []
        player.on("utterance-started", lambda e: started_at.append(time.perf_counter()))
        player.play()
        player.wait(20)
    last_synthesised = engine.calls[-1][2]
    assert started_at[0] < last_synthesised


def test_pause_and_resume_restart_the_interrupted_sentence(doubles: ModuleType) -> None:
    with Player(ARTICLE, engine=doubles.ToneEngine(), audio_sink=RecordingSink(realtime=True)) as player:
        recorder = Recorder(player)
        player.play()
        recorder.wait_for_start(1)
        player.pause()
        assert player.state == "paused"
        assert player.position == 1
        assert player.wait(1)  # not playing
        player.resume()
        recorder.wait_for_start(2)
        player.stop()
    assert recorder.started()[:3] == [0, 1, 1]
    cut = [e for e in recorder.events if e.name == "utterance-finished" and e.index == 1]
    assert [e.completed for e in cut][:2] == [False, True]


@pytest.mark.parametrize(
    ("start", "action", "expected"),
    [
        (0, "next_sentence", 1),
        (6, "next_sentence", 6),
        (0, "previous_sentence", 0),
        (3, "previous_sentence", 2),
        (0, "next_paragraph", 1),
        (1, "next_paragraph", 3),
        (2, "next_paragraph", 3),
        (4, "next_paragraph", 6),
        (5, "previous_paragraph", 3),
        (4, "previous_paragraph", 3),
        (2, "previous_paragraph", 0),
        (0, "previous_paragraph", 0),
        (5, "repeat", 5),
        (5, "stop", 0),
    ],
)
def test_navigation_when_idle(doubles: ModuleType, start: int, action: str, expected: int) -> None:
    with Player(ARTICLE, engine=doubles.ToneEngine(), audio_sink=RecordingSink()) as player:
        assert [i for i, u in enumerate(player.script) if u.starts_block] == BLOCKS
        player.seek(start)
        getattr(player, action)()
        assert player.position == expected


def test_skipping_while_playing(doubles: ModuleType) -> None:
    with Player(ARTICLE, engine=doubles.ToneEngine(), audio_sink=RecordingSink(realtime=True)) as player:
        recorder = Recorder(player)
        player.play()
        recorder.wait_for_start(1)
        player.next_paragraph()
        recorder.wait_for_start(3)
        player.previous_sentence()
        recorder.wait_for_start(2)
        player.stop()
    started = recorder.started()
    assert started[:2] == [0, 1]
    assert started[started.index(3) + 1] == 2


def test_faster_and_slower(doubles: ModuleType) -> None:
    engine = doubles.ToneEngine()
    with Player(ARTICLE, SpeechOptions(rate=200), engine=engine, audio_sink=RecordingSink()) as player:
        for _ in range(10):
            player.faster()
        assert player.options.rate_factor == 2.5
        for _ in range(3):
            player.slower()
        assert player.options.rate_factor == 1.75
        for _ in range(10):
            player.slower(0.5)
        assert player.options.rate_factor == 0.5
        player.set_rate_factor(2.0)
        player.play()
        player.wait(20)
    assert {rate for _, rate, _ in engine.calls} == {400}


def test_engine_failure_stops_with_the_error(doubles: ModuleType) -> None:
    with Player(ARTICLE, engine=doubles.ToneEngine(fail_on="Three"), audio_sink=RecordingSink()) as player:
        recorder = Recorder(player)
        player.play()
        with pytest.raises(SpeechError, match="failed while saying"):
            player.wait(20)
        assert player.state == "stopped"
    assert [e.name for e in recorder.events if e.name == "error"] == ["error"]
    assert 3 not in recorder.started()


def test_a_failing_listener_does_not_stop_reading(doubles: ModuleType) -> None:
    def broken(event: PlayerEvent) -> None:
        raise RuntimeError("UI bug")

    with Player(ARTICLE, engine=doubles.ToneEngine(), audio_sink=RecordingSink()) as player:
        player.on("utterance-started", broken)
        player.play()
        assert player.wait(20)
        assert player.state == "finished"


def test_unknown_event_name(doubles: ModuleType) -> None:
    with (
        Player(ARTICLE, engine=doubles.ToneEngine(), audio_sink=RecordingSink()) as player,
        pytest.raises(ValueError, match="unknown player event 'started'"),
    ):
        player.on("started", print)


def test_owned_engine_is_closed(doubles: ModuleType) -> None:
    engine = doubles.ToneEngine()
    player = Player(ARTICLE, engine=engine, audio_sink=RecordingSink())
    player.close()
    assert not engine.closed  # not the player's


def test_nothing_to_say(doubles: ModuleType) -> None:
    with pytest.raises(SpeechError, match="nothing to say"):
        Player(Article("", ("",)), engine=doubles.ToneEngine())


@pytest.mark.parametrize(
    ("which", "exists", "listing", "message"),
    [
        (None, True, "", "'aplay' is not installed"),
        ("/usr/bin/aplay", False, "", "no sound device"),
        ("/usr/bin/aplay", True, "aplay: device_list:274: no soundcards found...", "no sound card was found"),
    ],
)
def test_playback_unavailable_offers_saving(
    doubles: ModuleType,
    monkeypatch: pytest.MonkeyPatch,
    which: str | None,
    exists: bool,
    listing: str,
    message: str,
) -> None:
    class Listing:
        stdout = ""
        stderr = listing

    engine = doubles.ToneEngine()
    with Player(ARTICLE, engine=engine, audio_sink=SystemSink()) as player:
        with monkeypatch.context() as patch:
            patch.setattr(shutil, "which", lambda name: which)
            patch.setattr(os.path, "exists", lambda path: exists)
            patch.setattr(subprocess, "run", lambda *a, **k: Listing())
            patch.setattr(sys, "platform", "linux")
            with pytest.raises(PlaybackUnavailable, match=message) as caught:
                player.play()
        assert player.state == "idle"
    assert "--save out.wav" in str(caught.value)
    assert engine.calls == []


def test_this_machine_reports_playback_honestly() -> None:
    problem = sinks_module.playback_problem()
    if problem is None:
        pytest.skip("this machine can play audio")
    with pytest.raises(PlaybackUnavailable, match="save the audio to a file instead"):
        SystemSink().check()
