"""``pressreader speak`` and ``pressreader voices``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pressreader.cli as cli
from pressreader.speech import playback_problem

FIXTURES = Path(__file__).parents[1] / "fixtures" / "pages"
JSON_PAGE = FIXTURES / "warwickshire" / "pcc-responds-to-latest-inspection-report-on-police-effectiveness.json"
HTML_PAGE = JSON_PAGE.with_suffix(".html")


@pytest.fixture(autouse=True)
def speaking_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    if "speaking" not in cli._GROUPS:
        monkeypatch.setattr(cli, "_GROUPS", (*cli._GROUPS, "speaking"))


def test_script_needs_no_engine(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["speak", str(JSON_PAGE), "--script"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "announcement\tPress release from Warwickshire Police and Crime Commissioner."
    assert lines[2] == "date\tPublished Thursday the twenty-second of March twenty eighteen."
    assert lines[-1] == "quote_end\tEnd of quote."


def test_script_from_a_saved_html_page(capsys: pytest.CaptureFixture[str]) -> None:
    if not HTML_PAGE.exists():
        pytest.skip("the Warwickshire HTML fixture is not there")
    assert cli.main(["speak", str(HTML_PAGE), "--script", "--no-notes"]) == 0
    out = capsys.readouterr().out
    assert "title\tP C C responds to latest inspection report on police effectiveness" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["speak", "no-such-file.html"], "no such file, web address or archive id"),
        (["speak", "PAGE", "--rate", "fast"], "not a number of words per minute"),
        (["speak", "PAGE", "--rate", "1000"], "argument --rate: must be from 80 to 500"),
        (["speak", "PAGE", "--speed", "3"], "argument --speed: must be from 0.5 to 2.5, not 3"),
    ],
)
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [str(JSON_PAGE) if a == "PAGE" else a for a in argv]
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


def test_unknown_archive_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pressreader.archive.store")
    assert cli.main(["speak", "42", "--db", str(tmp_path / "a.sqlite3")]) == 2
    assert "there is no article 42 in the archive" in capsys.readouterr().err


def test_playing_without_a_sound_device_offers_saving(capsys: pytest.CaptureFixture[str]) -> None:
    if playback_problem() is None:
        pytest.skip("this machine can play audio")
    assert cli.main(["speak", str(JSON_PAGE)]) == 1
    err = capsys.readouterr().err
    assert "cannot play audio" in err
    assert "--save out.wav" in err


def test_unwritable_save_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["speak", str(JSON_PAGE), "--save", str(tmp_path / "missing" / "a.wav")]) == 1
    assert "cannot write audio to" in capsys.readouterr().err


@pytest.mark.speech
def test_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "story.wav"
    assert cli.main(["speak", str(JSON_PAGE), "--save", str(out), "--speed", "2"]) == 0
    assert out.stat().st_size > 10_000
    assert (tmp_path / "story.timings.json").exists()
    assert capsys.readouterr().out.startswith("saved ")


@pytest.mark.speech
def test_voices(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["voices", "--json", "--language", "en-GB"]) == 0
    voices = json.loads(capsys.readouterr().out)
    by_id = {v["id"]: v for v in voices}
    assert by_id["gmw/en"]["languages"] == ["en-gb"]
    assert all(any(lang.startswith("en-gb") for lang in v["languages"]) for v in voices)
    assert cli.main(["voices", "--language", "en-GB"]) == 0
    assert "gmw/en " in capsys.readouterr().out


@pytest.mark.network
def test_script_from_a_web_address(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pressreader.web.fetcher")
    if not HTML_PAGE.exists():
        pytest.skip("the Warwickshire HTML fixture is not there")
    import http.server
    import threading

    page = HTML_PAGE.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/news/story/"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            body = page if found else b"not found"
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/story/"
        assert cli.main(["speak", url, "--script"]) == 0
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert "title\tP C C responds to latest inspection report on police effectiveness" in capsys.readouterr().out
