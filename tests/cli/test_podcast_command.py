"""``pressreader podcast`` as a new user runs it: from files, from the archive, and served to a phone."""

from __future__ import annotations

import datetime
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import feedparser
import pytest

from pressreader.archive.store import Archive
from pressreader.cli import main
from pressreader.models import Article, Source

from tests.pages import PAGES

pytestmark = pytest.mark.speech

KENT = PAGES / "kent" / "matthew-scott-is-elected-pcc-for-kent.html"
UNDATED = PAGES / "humberside" / "commissioner-welcomes-outstanding-inspection-results.html"


def test_podcast_from_saved_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "podcast"
    assert main(["podcast", str(KENT), "-o", str(out), "--base-url", "https://example.org/pcc"]) == 0
    err = capsys.readouterr().err
    assert "1 episode (1 spoken now" in err
    assert "https://example.org/pcc/feed.xml" in err
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.entries[0].enclosures[0].href.startswith("https://example.org/pcc/ep-")
    assert main(["podcast", str(KENT), "-o", str(out), "--base-url", "https://example.org/pcc"]) == 0
    assert "0 spoken now, 1 unchanged" in capsys.readouterr().err


def test_several_sites_from_the_archive_in_one_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "archive.sqlite"
    with Archive(db) as archive:
        sites = (("kent", "Kent", "kent-pcc.gov.uk", 3), ("surrey", "Surrey", "surrey-pcc.gov.uk", 4))
        for key, name, domain, day in sites:
            article = Article(f"{name} news", (f"The {name} Commissioner visited a school today.",),
                              date=datetime.date(2024, 10, day), url=f"https://www.{domain}/news/{day}/",
                              source=Source(f"{name} Police and Crime Commissioner", name, domain))
            archive.store(article, site=key)
    out = tmp_path / "both"
    code = main(["podcast", "kent", "surrey", "--db", str(db), "-o", str(out), "--base-url", "https://example.org/"])
    assert code == 0, capsys.readouterr().err
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Surrey news", "Kent news"]
    assert "Kent" in feed.feed.title
    assert "Surrey" in feed.feed.title


BAD = [
    (["podcast", str(KENT), "-o", "{tmp}/p"], 2, "--base-url"),
    (["podcast", str(UNDATED), "-o", "{tmp}/p", "--base-url", "https://example.org/"], 1, "no date"),
    (["podcast", "warwickshire", "--db", "{tmp}/empty.sqlite", "-o", "{tmp}/p", "--base-url", "https://x.org/"], 2,
     "no archive at"),
    (["podcast", str(KENT), "-o", "{tmp}/p", "--base-url", "ftp://example.org/"], 2, "http or https"),
    (["podcast", str(KENT), "-o", "{tmp}/file/p", "--base-url", "https://example.org/"], 1, "cannot make"),
    (["podcast", str(KENT), "-o", "{tmp}/p", "--base-url", "https://example.org/", "--limit", "0"], 2,
     "must be from 1 to"),
]


@pytest.mark.parametrize(("argv", "code", "message"), BAD)
def test_bad_input_says_why_and_leaves_no_feed(argv: list[str], code: int, message: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    assert main([a.format(tmp=tmp_path) for a in argv]) == code
    assert message in capsys.readouterr().err
    assert not (tmp_path / "p" / "feed.xml").exists()


def test_an_empty_archive_says_to_crawl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "archive.sqlite"
    Archive(db).close()
    assert main(["podcast", "warwickshire", "--db", str(db), "-o", str(tmp_path / "p"),
                 "--base-url", "https://example.org/"]) == 2
    assert "run: pressreader crawl warwickshire" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_after_building_answers_a_range_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    out = tmp_path / "served"
    port = _free_port()
    command = [sys.executable, "-m", "pressreader", "podcast", str(KENT), "-o", str(out), "--serve",
               "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONWARNINGS": "error"})
    try:
        assert server.stderr is not None
        lines = []
        for line in server.stderr:
            lines.append(line)
            if "serving the podcast at" in line:
                break
        assert f"http://127.0.0.1:{port}/feed.xml" in "".join(lines), lines
        feed = feedparser.parse(urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.xml").read())
        audio_url = feed.entries[0].enclosures[0].href
        assert audio_url.startswith(f"http://127.0.0.1:{port}/")
        name = audio_url.rsplit("/", 1)[-1]
        with urllib.request.urlopen(urllib.request.Request(audio_url, headers={"Range": "bytes=0-9"})) as answer:
            assert answer.status == 206
            assert answer.read() == (out / name).read_bytes()[:10]
    finally:
        server.send_signal(signal.SIGINT)
        rest = server.communicate(timeout=30)[1]
    assert server.returncode == 0, rest
    assert "stopped serving" in rest


def test_host_without_serve_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["podcast", str(KENT), "-o", str(tmp_path / "p"), "--base-url", "https://example.org/",
                 "--host", "0.0.0.0"]) == 2
    assert re.search(r"--host only matters with --serve", capsys.readouterr().err)


def test_no_speech_engine_says_how_to_get_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from pressreader.errors import SpeechUnavailable
    from pressreader.publish import podcast as podcast_module

    def unavailable(*args: object, **kwargs: object) -> object:
        raise SpeechUnavailable("no speech engine works on this computer", fix="install espeak-ng")

    monkeypatch.setattr(podcast_module, "timed_speech", unavailable)
    code = main(["podcast", str(KENT), "-o", str(tmp_path / "p"), "--base-url", "https://example.org/"])
    assert code == 1
    err = capsys.readouterr().err
    assert "Speech is not available" in err
    assert "espeak-ng" in err
    assert not (tmp_path / "p" / "feed.xml").exists()
