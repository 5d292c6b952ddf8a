"""The reader's library parts: input resolution, preferences, keys and plain-sentence failures."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pressreader.errors import (
    ArchiveError,
    BlockedByFirewall,
    ConnectionFailed,
    FetchTimeout,
    HTTPStatusError,
    OptionsError,
    ParseError,
    PlaybackUnavailable,
    RobotsDisallowed,
    SiteError,
    SpeechUnavailable,
)
from pressreader.models import Article
from pressreader.reader import (
    Controls,
    FileSink,
    Preferences,
    audio_sink_from_env,
    classify,
    explain,
    help_text,
    load_preferences,
    open_article,
    raw_terminal,
    reset_preferences,
    save_preferences,
)
from pressreader.sites import DEFAULT_REGISTRY, Site
from pressreader.speech import Player, RecordingSink

from tests.web.conftest import _load_loopsite

# title | p0: 2 sentences | p1: 1 | p2: 3   ->  utterances 0 | 1 2 | 3 | 4 5 6
ARTICLE = Article("A title", ("One one. Two two.", "Three three.", "Four four. Five five. Six six."))


# --- inputs -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (None, "sample"),
        ("", "sample"),
        ("-", "stdin"),
        ("https://www.kent-pcc.gov.uk/news/a/", "url"),
        ("http://127.0.0.1:8080/x", "url"),
        ("12", "id"),
        ("warwickshire", "site"),
        ("Kent", "site"),
    ],
)
def test_classify(text: str | None, kind: str) -> None:
    assert classify(text).kind == kind


def test_classify_a_file_before_anything_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kent").write_text("{}", encoding="utf-8")
    assert classify("kent").kind == "file"


@pytest.mark.parametrize("text", ["atlantis", "kent-pcc.gov.uk", "no-such-page.html"])
def test_classify_unknown(text: str) -> None:
    with pytest.raises(SiteError, match="no such file"):
        classify(text)


def test_open_sample_file_and_id(tmp_path: Path) -> None:
    assert open_article(None).date == datetime.date(2018, 3, 22)
    path = tmp_path / "a.json"
    path.write_text(ARTICLE.to_json(), encoding="utf-8")
    assert open_article(str(path)) == ARTICLE
    with pytest.raises(ArchiveError, match="there is no article 5 in the archive"):
        open_article("5", db=tmp_path / "a.sqlite3")


@pytest.fixture
def testshire() -> Iterator[tuple[Any, Any]]:
    loopsite = _load_loopsite()
    site = loopsite.wordpress_site(loopsite.good_entries(4), per_page=4).start()
    registry = DEFAULT_REGISTRY.with_sites(
        Site("testshire", "Testshire PCC", "Testshire", "127.0.0.1", "wordpress", news_url=site.url("/news/"))
    )
    yield site, registry
    site.stop()


@pytest.mark.network
def test_a_site_name_reads_its_latest_release_or_the_one_chosen(testshire: tuple[Any, Any]) -> None:
    _, registry = testshire
    assert open_article("testshire", registry=registry).title == "Testshire story 4"
    chosen = open_article("testshire", registry=registry, choose=lambda links: links[2])
    assert chosen.title == "Testshire story 2"


# --- preferences ----------------------------------------------------------------------------------


def test_preferences_live_in_the_platform_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_preferences() == Preferences()
    path = save_preferences(Preferences(size="large", theme="cream", voice="gmw/en-gb-x-rp", rate=150))
    assert path == tmp_path / "pressreader" / "reader.ini"
    assert load_preferences() == Preferences("large", "cream", "gmw/en-gb-x-rp", 150)
    assert reset_preferences() is True
    assert reset_preferences() is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[reader]\nsize = huge\n", "holds a bad value"),
        ("[reader]\nrate = fast\n", "not words per minute"),
        ("[reader]\nrate = 9000\n", "holds a bad value"),
        ("size = large\n", "cannot read the preferences file"),
    ],
)
def test_a_bad_preferences_file_is_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "reader.ini"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OptionsError, match=message) as info:
        load_preferences(path)
    assert str(path) in str(info.value)
    assert "--reset" in str(info.value)


def test_flags_override_preferences() -> None:
    saved = Preferences(size="large", rate=150)
    assert saved.replace(size=None, theme="dark", voice=None, rate=None) == Preferences("large", "dark", None, 150)


# --- keys ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "key", "position", "message"),
    [
        (0, "n", 1, "Next paragraph: part 2 of 4."),
        (1, "n", 3, "Next paragraph: part 3 of 4."),
        (5, "n", 5, "This is the last paragraph: part 4 of 4."),
        (5, "p", 3, "Previous paragraph: part 3 of 4."),
        (0, "p", 0, "Previous paragraph: part 1 of 4."),
        (1, "s", 2, "Next sentence: part 2 of 4."),
        (6, "s", 6, "This is the last sentence."),
        (2, "S", 1, "Previous sentence: part 2 of 4."),
        (2, "r", 2, "Repeating the sentence."),
        (0, "+", 0, "Faster: 1.25 times."),
        (0, "=", 0, "Faster: 1.25 times."),
        (0, "-", 0, "Slower: 0.75 times."),
        (0, "?", 0, help_text()),
        (0, "h", 0, help_text()),
        (0, "\r", 0, "The key Enter does nothing: press h for the list of keys."),
        (0, "\x00", 0, "That key does nothing: press h for the list of keys."),
    ],
)  # fmt: skip
def test_keys_table(start: int, key: str, position: int, message: str) -> None:
    said: list[str] = []
    with Player(ARTICLE, audio_sink=RecordingSink()) as player:
        player.seek(start)
        assert Controls(player, said.append).handle(key) is True
        assert player.position == position
        assert said == [message]
        assert player.state == "idle"  # a key never starts reading by itself, except space


def test_speed_limits_and_quit() -> None:
    said: list[str] = []
    with Player(ARTICLE, audio_sink=RecordingSink()) as player:
        controls = Controls(player, said.append)
        controls.handle("+")
        controls.handle("-")
        assert said[-1] == "Slower: normal speed."
        for _ in range(8):
            controls.handle("+")
        assert said[-1] == "Already the fastest: 2.5 times."
        assert controls.handle("q") is False
        assert said[-1] == "Stopped. Goodbye."
        assert player.state == "stopped"


def test_raw_terminal_leaves_pipes_alone() -> None:
    with raw_terminal(io.StringIO()) as interactive:
        assert interactive is False


def test_raw_terminal_restores_the_terminal_even_after_an_error() -> None:
    import os
    import pty
    import termios

    parent, child = pty.openpty()
    try:
        before = termios.tcgetattr(child)
        stream = os.fdopen(child, "r", closefd=False)
        seen: list[bool] = []

        def fail_inside() -> None:
            with raw_terminal(stream) as interactive:
                seen.append(interactive)
                seen.append(not termios.tcgetattr(child)[3] & termios.ICANON)  # single keys, no Enter needed
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            fail_inside()
        assert seen == [True, True]
        assert termios.tcgetattr(child) == before
    finally:
        os.close(parent)
        os.close(child)


# --- where the sound goes ---------------------------------------------------------------------------


def test_audio_sink_from_env(tmp_path: Path) -> None:
    assert audio_sink_from_env({"PRESSREADER_AUDIO_SINK": "system"}) is None
    sink = audio_sink_from_env({"PRESSREADER_AUDIO_SINK": f"file:{tmp_path / 'a.wav'}"})
    assert isinstance(sink, FileSink)
    assert sink.log_path == tmp_path / "a.wav.log"
    with pytest.raises(OptionsError, match="PRESSREADER_AUDIO_SINK"):
        audio_sink_from_env({"PRESSREADER_AUDIO_SINK": "file:"})


def test_file_sink_logs_each_chunk(tmp_path: Path) -> None:
    import threading

    from tests.speech.speech_doubles import tone

    chunk = tmp_path / "r1-3.wav"
    tone(str(chunk), 0.05)
    sink = FileSink(tmp_path / "out.wav", realtime=False)
    assert sink.play(chunk, threading.Event()) is True
    assert sink.play(chunk, threading.Event()) is True
    assert sink.log_path.read_text(encoding="utf-8") == "r1-3.wav\t0.00\tplayed\nr1-3.wav\t0.05\tplayed\n"


# --- failures as one plain sentence -------------------------------------------------------------------


URL = "https://www.kent-pcc.gov.uk/news/a/"


@pytest.mark.parametrize(
    ("error", "start", "advice"),
    [
        (ConnectionFailed("the connection failed: refused", url=URL), "Could not reach www.kent-pcc.gov.uk",
         "check that this computer is connected to the internet"),
        (FetchTimeout("the server did not answer in time", url=URL), "Could not reach",
         "then try again"),
        (BlockedByFirewall("forbidden", url=URL, status=403), "The site www.kent-pcc.gov.uk refuses automated",
         "give the saved file instead"),
        (RobotsDisallowed("robots.txt says no", url=URL), "The site www.kent-pcc.gov.uk asks automated readers",
         "give the saved file instead"),
        (HTTPStatusError("not found", url=URL, status=404), "The site www.kent-pcc.gov.uk answered with error 404",
         "check the address"),
        (ParseError("no headline found"), "No news article was found", "not a list"),
        (SpeechUnavailable("No engine.", fix="install espeak-ng: sudo apt-get install espeak-ng"),
         "Speech is not available on this computer", "sudo apt-get install espeak-ng"),
        (PlaybackUnavailable("cannot play audio: no sound card; save the audio to a file instead"),
         "Cannot play audio: no sound card", "save the speech to a sound file instead"),
        (SiteError("unknown site 'x'"), "Unknown site 'x'", "'x'"),
        (KeyError("x"), "Something unexpected went wrong", "please report it"),
    ],
)  # fmt: skip
def test_explain(error: BaseException, start: str, advice: str) -> None:
    sentence = explain(error)
    assert sentence.startswith(start)
    assert advice in sentence
    assert sentence.endswith(".")
    assert "\n" not in sentence
