"""The ``pressreader`` command as a whole: every subcommand's help, success and main failures.

Consistency checked here: every subcommand's ``--help`` ends with worked
examples; exit codes are 0 ok, 1 error, 2 usage; an error is one plain
sentence on standard error (never a traceback); ``read``, ``render`` and
``speak`` take the same ARTICLE (a file, a web address, an archive id or a
site name). Servers run on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pressreader import cli
from pressreader.models import Article

from tests.web.conftest import _load_loopsite

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "pressreader" / "data" / "sample.html"
TITLE = "PCC responds to latest inspection report on police effectiveness"

COMMANDS = (
    "parse", "read", "render", "speak", "voices", "sites", "crawl", "latest", "search", "export-html",
    "export-epub", "read-along",
)  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> None:
    assert err.startswith("pressreader: ")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err


@pytest.fixture(scope="module")
def loopsite() -> ModuleType:
    return _load_loopsite()


@pytest.fixture
def site(loopsite: ModuleType) -> Iterator[Any]:
    """A WordPress-like site of 5 articles, plus /blocked/ behind a firewall 403."""
    s = loopsite.wordpress_site(loopsite.good_entries(5), per_page=4)
    s.routes["/blocked/"] = loopsite.firewall
    s.start()
    yield s
    s.stop()


@pytest.fixture
def archive(tmp_path: Path) -> tuple[str, int]:
    """An archive holding the sample article: (path, id)."""
    from pressreader.archive.store import Archive
    from pressreader.reader import sample_article

    db = tmp_path / "a.sqlite3"
    with Archive(db) as a:
        _, number = a.store(sample_article(), site="warwickshire")
    return str(db), number


# --- help, version, the module ------------------------------------------------------------------


def test_every_command_is_listed_in_the_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in COMMANDS:
        assert f"    {command}" in out
    assert "exit codes: 0 ok, 1 error, 2 wrong usage" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    examples = out.split("examples:\n", 1)[1]
    assert f"  pressreader {command}" in examples


@pytest.mark.parametrize("command", ["read", "render", "speak"])
def test_article_commands_share_one_argument(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, command, "--help")
    assert "ARTICLE" in out
    assert "an archive id" in out
    assert "a site name" in out
    assert "--db PATH" in out


@pytest.mark.parametrize(("command", "flag"), [
    ("parse", "--json"), ("read", "--json"), ("sites", "--json"), ("latest", "--json"), ("search", "--json"),
    ("voices", "--json"), ("crawl", "--json"), ("speak", "--json"),
    ("read", "--size"), ("render", "--size"), ("render", "--theme"), ("export-html", "--size"),
    ("export-html", "--theme"), ("speak", "--voice"), ("speak", "--rate"),
    ("crawl", "--db"), ("latest", "--db"), ("search", "--db"), ("read", "--db"), ("render", "--db"),
    ("speak", "--db"), ("export-html", "--db"),
])  # fmt: skip
def test_consistent_flags(command: str, flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, command, "--help")
    assert flag in out


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pressreader", "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.startswith("pressreader ")
    usage = subprocess.run(
        [sys.executable, "-m", "pressreader", "read"], capture_output=True, text=True, check=False, timeout=60
    )
    assert usage.returncode == 2
    assert "required: ARTICLE" in usage.stderr
    assert usage.stdout == ""


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2
    assert "usage: pressreader" in err


# --- read, render, speak: one way to name an article ---------------------------------------------


def test_read_a_saved_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "read", str(SAMPLE))
    assert code == 0
    assert out.startswith(TITLE + "\n")
    assert err == ""
    code, out, _ = run(capsys, "read", str(SAMPLE), "--size", "largest")
    assert max(len(line) for line in out.splitlines()) <= 46
    code, out, _ = run(capsys, "read", str(SAMPLE), "--json")
    assert json.loads(out)["date"] == "2018-03-22"


def test_read_render_and_speak_by_archive_id(archive: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    db, number = archive
    code, out, _ = run(capsys, "read", str(number), "--db", db)
    assert (code, out.splitlines()[0]) == (0, TITLE)
    code, out, _ = run(capsys, "render", str(number), "--db", db, "--target", "markdown")
    assert (code, out.splitlines()[0]) == (0, f"# {TITLE}")
    code, out, _ = run(capsys, "speak", str(number), "--db", db, "--script", "--json")
    assert code == 0
    assert json.loads(out)[1]["display"] == TITLE


@pytest.mark.parametrize("command", ["read", "render", "speak"])
def test_unknown_article_is_a_usage_error(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.sqlite3")
    code, _, err = run(capsys, command, "atlantis", "--db", db)
    assert code == 2
    one_sentence(err)
    assert "no site of that name" in err
    code, _, err = run(capsys, command, "77", "--db", db)
    assert code == 2
    assert "there is no article 77 in the archive" in err


@pytest.mark.network
def test_articles_from_a_web_address(site: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = site.url("/news/testshire-story-0003/")
    code, out, _ = run(capsys, "read", url)
    assert (code, out.splitlines()[0]) == (0, "Testshire story 3")
    code, out, _ = run(capsys, "render", url, "--target", "text")
    assert out.startswith("Testshire story 3\n")
    code, out, _ = run(capsys, "speak", url, "--script")
    assert "title\tTestshire story three" in out


@pytest.mark.network
def test_a_firewall_and_a_dead_server_are_told_plainly(site: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "read", site.url("/blocked/"))
    assert code == 1
    one_sentence(err)
    assert "refuses automated readers such as pressreader" in err
    assert "save it (Ctrl+S)" in err
    port = site.server.server_address[1]
    site.stop()
    code, _, err = run(capsys, "read", f"http://127.0.0.1:{port}/news/x/")
    assert code == 1
    one_sentence(err)
    assert "Could not reach 127.0.0.1" in err
    assert "check that this computer is connected to the internet" in err


def test_render_writes_a_reader_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "story.html"
    code, _, _ = run(capsys, "render", str(SAMPLE), "--size", "large", "--theme", "cream", "-o", str(out))
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert 'data-theme="cream"' in page
    assert 'lang="en-GB"' in page


def test_speak_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "speak", str(SAMPLE), "--rate", "fast")
    assert code == 2
    assert "not a number of words per minute" in err
    code, _, err = run(capsys, "speak", str(SAMPLE), "--save", str(tmp_path / "no" / "a.wav"))
    assert code == 1
    one_sentence(err)


# --- the archive commands ---------------------------------------------------------------------------


def test_sites(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sites", "--json")
    assert code == 0
    assert "warwickshire" in {row["key"] for row in json.loads(out)["bodies"]}


@pytest.mark.network
def test_crawl_latest_search_export(site: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.sqlite3")
    code, out, err = run(capsys, "crawl", site.url("/news/"), "--db", db, "--delay", "0", "--json")
    assert code == 0
    report = json.loads(out)
    assert len(report["new"]) == 5
    assert "\r" not in err  # no progress bar when standard error is not a terminal
    code, out, _ = run(capsys, "latest", site.url("/"), "--db", db, "-n", "2")
    assert code == 0
    assert len(out.splitlines()) == 2
    code, out, _ = run(capsys, "search", '"story 2"', "--db", db, "--json")
    assert [row["title"] for row in json.loads(out)] == ["Testshire story 2"]
    code, out, _ = run(capsys, "search", "nothingmatchesthis", "--db", db)
    assert (code, out) == (0, "")
    export = tmp_path / "reader"
    code, _, err = run(capsys, "export-html", str(export), "--db", db, "--size", "largest")
    assert code == 0
    assert len(list(export.glob("*.html"))) == 6
    assert f"to {export}" in err


def test_crawl_of_an_unknown_site(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "crawl", "atlantis", "--db", str(tmp_path / "a.sqlite3"))
    assert code == 1
    one_sentence(err)
    assert "unknown site 'atlantis'" in err


def test_export_needs_something(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export-html", str(tmp_path / "out"))
    assert code == 2
    one_sentence(err)


def test_parse_json_round_trips(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(SAMPLE), "--json")
    assert code == 0
    assert Article.from_json(out).title == TITLE


@pytest.mark.speech
def test_voices(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "voices", "--language", "en-GB", "--json")
    assert code == 0
    assert any(v["id"] == "gmw/en" for v in json.loads(out))
