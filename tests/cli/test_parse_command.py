"""``pressreader parse``: success paths, failure paths and exit codes, run as a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pressreader.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "pressreader" / "data" / "sample.html"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "pressreader", *args], input=stdin, capture_output=True, check=False, timeout=120
    )


def test_parse_sample_as_json() -> None:
    out = run("parse", str(SAMPLE), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["title"] == "PCC responds to latest inspection report on police effectiveness"
    assert data["date"] == "2018-03-22"
    assert data["body"][0].startswith("Her Majesty’s Inspectorate")
    assert data["quotes"][0]["speaker"] == "Philip Seccombe"
    assert out.stderr == b""


def test_parse_sample_as_text_names_every_speaker() -> None:
    out = run("parse", str(SAMPLE))
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    assert text.startswith("PCC responds to latest inspection report on police effectiveness\n\n22 March 2018\n")
    assert "Quote from Philip Seccombe, Warwickshire Police and Crime Commissioner:" in text
    assert "\x1b" not in text


def test_parse_reads_standard_input() -> None:
    out = run("parse", "-", "--json", stdin=SAMPLE.read_bytes())
    assert out.returncode == 0
    assert json.loads(out.stdout)["date"] == "2018-03-22"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["parse", "/no/such/file.html"], 2, "no such file: /no/such/file.html"),
        (["parse", "/"], 2, "is a folder"),
        (["parse"], 2, "the following arguments are required: file"),
        (["no-such-command"], 2, "invalid choice"),
        ([], 2, "usage:"),
    ],
)
def test_usage_errors(args: list[str], code: int, message: str) -> None:
    out = run(*args)
    assert out.returncode == code
    assert message in out.stderr.decode()
    assert out.stdout == b""


def test_a_page_with_no_article_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    out = run("parse", str(page))
    assert out.returncode == 1
    err = out.stderr.decode()
    assert err.startswith("pressreader: no readable text on the page")
    assert "Traceback" not in err


def test_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--help"]) == 0
    assert "examples:\n  pressreader parse saved-page.html" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("pressreader 0.1.0")
