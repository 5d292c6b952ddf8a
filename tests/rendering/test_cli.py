from __future__ import annotations

import io
import sys
from pathlib import Path

import lxml.html
import pytest

import pressreader.cli as cli
from pressreader.cli import main

ARTICLES = Path(__file__).parent / "articles"
WARWICKSHIRE = ARTICLES / "warwickshire-inspection-2018.json"
PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


@pytest.fixture(autouse=True)
def _rendering_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    if "rendering" not in cli._GROUPS:  # until the lead registers the group
        monkeypatch.setattr(cli, "_GROUPS", (*cli._GROUPS, "rendering"))


def test_render_text_to_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(WARWICKSHIRE), "--target", "text", "--size", "largest"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PCC responds to latest inspection report on\npolice effectiveness\n\nThursday 22 March 2018")
    assert max(len(line) for line in out.splitlines()) <= 46


def test_render_terminal_to_a_pipe_has_no_escape_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(WARWICKSHIRE), "--target", "terminal", "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 60


def test_render_html_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    assert (
        main(["render", str(WARWICKSHIRE), "--size", "2.5", "--theme", "cream", "--font", "serif", "-o", str(out)]) == 0
    )
    tree = lxml.html.parse(str(out)).getroot()
    assert tree.get("data-theme") == "cream"
    assert "--size: 2.5rem;" in out.read_text(encoding="utf-8")


def test_render_markdown_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WARWICKSHIRE.read_bytes())))
    assert main(["render", "-", "--target", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# PCC responds to latest inspection report on police effectiveness\n")


def test_render_a_saved_page(capsys: pytest.CaptureFixture[str]) -> None:
    pages = sorted(PAGES.glob("*/*.html"))
    if not pages:
        pytest.skip("no saved pages in tests/fixtures/pages yet")
    url = "https://www.warwickshire-pcc.gov.uk/news/a-story/"
    assert main(["render", str(pages[0]), "--target", "text", "--url", url]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["render", "nope.json"], "no such file: nope.json"),
        (["render", str(WARWICKSHIRE), "--size", "huge"], "'huge' is not a size"),
        (["render", str(WARWICKSHIRE), "--size", "9"], "size must be 'standard', 'large', 'largest' or a number"),
        (["render", str(WARWICKSHIRE), "--width", "5", "--target", "text"], "argument --width: must be from 20"),
        (["render", str(WARWICKSHIRE), "--target", "pdf"], "invalid choice: 'pdf'"),
        (["export-html", "out"], "nothing to export"),
    ],
)
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bad_json_is_an_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 3}', encoding="utf-8")
    assert main(["render", str(bad)]) == 1
    assert "not an article: the field" in capsys.readouterr().err


def test_export_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in ARTICLES.glob("*.json"))
    out = tmp_path / "reader"
    assert main(["export-html", str(out), *files, "--size", "large"]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert "index.html" in written
    assert len(written) == len(files) + 1
    index = lxml.html.parse(str(out / "index.html")).getroot()
    links = index.xpath("//li//a/@href")
    assert sorted(links) == sorted(n for n in written if n != "index.html")
    dates = index.xpath("//time/@datetime")
    assert dates == sorted(dates, reverse=True)  # newest first
    for link in links:
        page = lxml.html.parse(str(out / link)).getroot()
        assert page.get("data-size") == "large"
    assert f"to {out}" in capsys.readouterr().err


def test_export_html_from_a_missing_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-html", str(tmp_path / "o"), "--db", str(tmp_path / "none.sqlite")]) == 2
    assert f"no archive at {tmp_path / 'none.sqlite'}" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_export_html_from_an_archive(tmp_path: Path) -> None:
    store = pytest.importorskip("pressreader.archive.store")
    from pressreader.models import Article

    db = tmp_path / "archive.sqlite"
    with store.Archive(db) as archive:
        for path in sorted(ARTICLES.glob("*.json")):
            article = Article.from_json(path.read_text(encoding="utf-8"))
            if article.key and article.key.startswith("http"):
                archive.store(article, site=path.stem)
    out = tmp_path / "reader"
    assert main(["export-html", str(out), "--db", str(db)]) == 0
    index = lxml.html.parse(str(out / "index.html")).getroot()
    assert len(index.xpath("//li")) == 2
    assert (out / "2024-05-07-matthew-scott-is-elected-pcc-for-kent.html").exists()


def test_export_html_from_a_file_that_is_not_an_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "not.sqlite"
    db.write_text("hello", encoding="utf-8")
    assert main(["export-html", str(tmp_path / "o"), "--db", str(db)]) == 1
    assert "is not a pressreader archive" in capsys.readouterr().err
