"""crawl --all, reparse, export-warc and archive-report, end to end on loopback sites."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from pressreader import cli
from pressreader.sites import Site as RegistrySite
from pressreader.sites import SiteRegistry

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def three_sites(loopsite: Any) -> Any:
    sites = [loopsite.wordpress_site(loopsite.good_entries(5 + i), per_page=3).start() for i in range(3)]
    yield sites
    for site in sites:
        site.stop()


def _registry(sites: list[Any]) -> SiteRegistry:
    return SiteRegistry.from_sites(
        RegistrySite(f"loop-{i}", f"Loopshire {i} PCC", f"Loopshire {i}", "127.0.0.1", "wordpress",
                     news_url=site.url("/news/"))
        for i, site in enumerate(sites)
    )  # fmt: skip


def test_crawl_all_then_report_reparse_and_export(
    three_sites: list[Any], loopsite: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr("pressreader.cli.keeping.DEFAULT_REGISTRY", _registry(three_sites))
    db = str(tmp_path / "a.sqlite3")
    code, out, err = _run(capsys, "crawl", "--all", "--db", db, "--delay", "0")
    assert code == 0, (out, err)
    assert out.splitlines()[-1].startswith("3 of 3 sites crawled in "), (out, err)
    assert "18 releases new or updated, 0 failed, 0 sites unreachable" in out, (out, err)
    # Not a terminal: one plain line as each site finishes, in the order they finish.
    assert sorted(line.split(":")[0] for line in err.splitlines()) == ["loop-0", "loop-1", "loop-2"], err
    assert "\r" not in err
    assert "\x1b" not in err

    code, out, err = _run(capsys, "crawl", "--all", "--db", db, "--delay", "0", "--json")
    again = json.loads(out)
    assert code == 0, err
    assert [(r["site"], r["new"], r["unchanged"]) for r in again["sites"]] == [
        ("loop-0", 0, 5),
        ("loop-1", 0, 6),
        ("loop-2", 0, 7),
    ]
    assert again["unreachable"] == []

    code, out, _ = _run(capsys, "archive-report", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["site", "releases", "kept"]
    assert [line.split()[:3] for line in lines[1:]] == [
        ["loop-0", "5", "5"],
        ["loop-1", "6", "6"],
        ["loop-2", "7", "7"],
    ]
    assert all("never completed" not in line for line in lines[1:])
    code, out, _ = _run(capsys, "archive-report", "--db", db, "--json")
    report = json.loads(out)
    assert report[2]["oldest"] == "2024-05-25"
    assert report[2]["newest"] == "2024-05-31"

    for site in three_sites:
        site.stop()  # from here on nothing may be fetched
    code, out, err = _run(capsys, "reparse", "--db", db)
    assert (code, out) == (0, "18 pages re-parsed: 0 changed, 18 unchanged, 0 failed\n"), err
    code, out, _ = _run(capsys, "reparse", "loop-1", "--db", db)
    assert out.startswith("6 pages re-parsed")

    target = tmp_path / "two.warc.gz"
    code, out, err = _run(capsys, "export-warc", "loop-0", "loop-2", "-o", str(target), "--db", db)
    assert (code, out) == (0, f"wrote 12 pages to {target}\n"), err
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(target)], capture_output=True,
                           text=True, check=False)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    with target.open("rb") as handle:
        bodies = {r.rec_headers.get_header("WARC-Target-URI"): r.content_stream().read()
                  for r in ArchiveIterator(handle) if r.rec_type == "response"}  # fmt: skip
    expected = {
        site.url(e.path): loopsite.article_html(site, e)
        for site in (three_sites[0], three_sites[2])
        for e in site.entries
    }
    assert bodies == expected  # exactly the bytes the servers sent


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["crawl"], 2, "name a SITE to crawl"),
        (["crawl", "kent", "--all"], 2, "give a SITE or --all, not both"),
        (["export-warc", "-o", "x.zip"], 2, "should be a .warc.gz file"),
        (["export-warc", "kent", "-o", "x.warc.gz"], 1, "there is no archive at"),
    ],
)
def test_wrong_usage_is_plain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    got, _out, err = _run(capsys, *argv, "--db", str(tmp_path / "a.sqlite3"))
    assert got == code
    assert message in err


def test_export_to_an_unwritable_place_exits_1_and_leaves_nothing(
    wp_site: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.sqlite3")
    assert _run(capsys, "crawl", wp_site.url("/news/"), "--db", db, "--delay", "0")[0] == 0
    code, _out, err = _run(capsys, "export-warc", "-o", str(tmp_path / "no" / "such" / "x.warc.gz"), "--db", db)
    assert code == 1
    assert "cannot write the WARC file" in err
    assert not (tmp_path / "no").exists()


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_crawl_all_stopped_then_rerun_loses_nothing(loopsite: Any, tmp_path: Path, how: signal.Signals) -> None:
    sites = [loopsite.wordpress_site(loopsite.good_entries(25), per_page=5).start() for _ in range(2)]
    for site in sites:
        site.delay = 0.03
    bodies = [{"key": f"loop-{i}", "name": f"Loopshire {i} PCC", "area": "Loopshire", "domain": "127.0.0.1",
               "platform": "wordpress", "news_url": site.url("/news/")} for i, site in enumerate(sites)]  # fmt: skip
    registry = tmp_path / "sites.json"
    registry.write_text(json.dumps({"replace": True, "bodies": bodies}), encoding="utf-8")
    db = tmp_path / "archive.sqlite3"
    env = {**os.environ, "PRESSREADER_SITES": str(registry), "PYTHONPATH": str(ROOT / "src")}
    argv = [sys.executable, "-m", "pressreader", "crawl", "--all", "--db", str(db), "--delay", "0"]
    try:
        child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3000):
            if _stored(db) >= 6 or child.poll() is not None:
                break
            time.sleep(0.01)
        os.kill(child.pid, how)
        _out, err = child.communicate(timeout=30)
        if how == signal.SIGINT:  # Ctrl-C: every site stops at its next page, and the command says so
            assert child.returncode == 130, err.decode()
            assert err.decode().splitlines()[-1] == "pressreader: interrupted"
        else:
            assert child.returncode == -signal.SIGKILL
        before = _stored(db)
        assert 6 <= before < 50
        for site in sites:
            site.delay = 0.0
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        assert f"{50 - before} releases new or updated" in done.stdout
    finally:
        for site in sites:
            site.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0] == 50
        assert conn.execute("SELECT count(DISTINCT article_id) FROM captures").fetchone()[0] == 50
    check = subprocess.run([sys.executable, "-m", "pressreader", "export-warc", "-o", str(tmp_path / "all.warc.gz"),
                            "--db", str(db)], env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert check.stdout == f"wrote 50 pages to {tmp_path / 'all.warc.gz'}\n", check.stderr
