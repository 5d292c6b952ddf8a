"""The network subcommands: sites, crawl, latest, search, read."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from pressreader import cli
from pressreader.archive.crawling import CrawlProgress
from pressreader.cli.network import _Progress

Site = Any


@pytest.fixture(autouse=True)
def _network_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    # Until the lead lists "network" in cli._GROUPS, register it for these tests only.
    if "network" not in cli._GROUPS:
        monkeypatch.setattr(cli, "_GROUPS", (*cli._GROUPS, "network"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sites(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "sites")
    assert code == 0
    assert "warwickshire" in out
    assert "warwickshire-pcc.gov.uk" in out
    code, out, _ = _run(capsys, "sites", "--json")
    assert {row["key"] for row in json.loads(out)["bodies"]} >= {"kent", "essex"}


def test_crawl_latest_search_read(wp_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.sqlite3")
    code, out, err = _run(capsys, "crawl", wp_site.url("/news/"), "--db", db, "--delay", "0", "--limit", "4")
    assert code == 0
    assert out.strip().endswith("4 new, 0 updated, 0 unchanged, 0 failed")
    assert err.count("new http://127.0.0.1") == 4  # not a TTY: one quiet line per stored page

    code, out, _ = _run(capsys, "latest", wp_site.url("/"), "-n", "2", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert "Testshire story 10" in lines[0]
    assert "31 May 2024" in lines[0]
    first_id = lines[0].split()[0]

    code, out, _ = _run(capsys, "latest", wp_site.url("/"), "--db", db, "--json")
    assert [row["title"] for row in json.loads(out)][:2] == ["Testshire story 10", "Testshire story 9"]

    code, out, _ = _run(capsys, "search", '"story 9"', "--db", db)
    assert code == 0
    assert "Testshire story 9" in out
    code, out, err = _run(capsys, "search", '"oops', "--db", db)
    assert (code, out) == (0, "")
    assert "nothing in the archive matches" in err
    code, out, err = _run(capsys, "search", "Testshire's story-9!", "--db", db)
    assert code == 0
    assert out.splitlines()[0].endswith("Testshire story 9")
    assert "[" in out.splitlines()[1]  # the passage that matched, its words marked

    code, out, _ = _run(capsys, "read", first_id, "--db", db)
    assert code == 0
    assert out.startswith("Testshire story 10")
    assert "Jane Doe" in out
    code, out, _ = _run(capsys, "read", wp_site.url("/news/testshire-story-0009/"), "--db", db, "--json")
    assert json.loads(out)["title"] == "Testshire story 9"


def test_crawl_reports_failures_with_reasons(
    faulty_site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.sqlite3")
    code, out, err = _run(capsys, "crawl", faulty_site.url("/news/"), "--db", db, "--delay", "0")
    assert code == 1
    # The command's default 30 s read timeout waits out the 3 s slow page, so 9 are stored.
    assert "9 new, 0 updated, 0 unchanged, 11 failed" in out
    assert "BlockedByFirewall: the site refused an automated reader" in out
    assert "RobotsDisallowed" in out
    assert "failed http://" in err


def test_read_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "a.sqlite3")
    code, _, err = _run(capsys, "read", "42", "--db", db)
    assert code == 2
    assert "no article 42" in err
    code, _, err = _run(capsys, "read", "ftp://x.example/a", "--db", db)
    assert code == 1
    assert "only http and https" in err
    code, _, err = _run(capsys, "read", "nonsense", "--db", db)
    assert code == 2


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "crawl", "kent", "--since", "May 2024")
    assert code == 2
    assert "YYYY-MM-DD" in err
    code, _, err = _run(capsys, "crawl", "kent", "--limit", "0")
    assert code == 2
    code, _, err = _run(capsys, "crawl", "atlantis", "--db", "/dev/null/x")
    assert code == 1


def test_progress_bar_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, plain = Tty(), io.StringIO()
    for stream in (tty, plain):
        progress = _Progress(stream)
        progress(CrawlProgress(1, 2, "http://x/a", "new"))
        progress(CrawlProgress(2, 2, "http://x/b", "unchanged"))
    assert "\r[" in tty.getvalue()
    assert "2/2" in tty.getvalue()
    assert plain.getvalue() == "new http://x/a\n"
