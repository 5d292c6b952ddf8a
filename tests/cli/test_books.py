"""``pressreader export-epub`` and ``pressreader read-along`` (cli/books.py), through their handlers."""

from __future__ import annotations

import argparse
import datetime
import json
import zipfile
from pathlib import Path

import pytest

from pressreader.archive.store import Archive
from pressreader.cli import _common, books
from pressreader.errors import PressreaderError
from pressreader.models import Article, Source

from tests.pages import expected_article, fixture_pages

pytestmark = pytest.mark.speech


def run(*argv: str) -> int:
    """Like pressreader.cli.main for this group: usage errors exit 2, our errors 1."""
    parser = argparse.ArgumentParser(prog="pressreader")
    books.register(parser.add_subparsers())
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        code: int = args.handler(args)
    except _common.UsageError as exc:
        return _common.fail(str(exc), code=_common.EXIT_USAGE)
    except PressreaderError as exc:
        return _common.fail(str(exc))
    return code


def _write(folder: Path, article: Article, name: str) -> str:
    path = folder / name
    path.write_text(article.to_json(), encoding="utf-8")
    return str(path)


def _titles(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as z:
        nav = z.read("OEBPS/nav.xhtml").decode()
    return [line.split(">")[-3].split("<")[0] for line in nav.splitlines() if line.startswith("<li>")]


def test_export_epub_from_files(tmp_path: Path) -> None:
    pages = fixture_pages()[:2]
    files = [str(p.with_suffix(".json")) for p in pages]
    assert run("export-epub", *files, "-o", str(tmp_path / "news.epub")) == 0
    assert zipfile.ZipFile(tmp_path / "news.epub").read("mimetype") == b"application/epub+zip"
    assert sorted(_titles(tmp_path / "news.epub")) == sorted(expected_article(p).title for p in pages)


def test_export_epub_of_a_site_since_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "archive.sqlite"
    source = Source("Kent Police and Crime Commissioner", "Kent", "kent-pcc.gov.uk")
    with Archive(db) as archive:
        for day, title in ((1, "Old news"), (10, "October news"), (20, "Later October news")):
            article = Article(
                title,
                (f"{title} body.",),
                date=datetime.date(2024, 9 + (day > 1), day),
                source=source,
                url=f"https://www.kent-pcc.gov.uk/news/{day}/",
            )
            archive.store(article, site="kent")
        archive.store(
            Article("Elsewhere", ("x.",), date=datetime.date(2024, 10, 5), url="https://a.example/1"), site="essex"
        )
    out = tmp_path / "kent.epub"
    assert run("export-epub", "kent", "--since", "2024-10", "--db", str(db), "-o", str(out)) == 0
    assert _titles(out) == ["October news", "Later October news"]
    assert "2 article(s)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export-epub", "kent", "-o", "x.epub"], "--since"),
        (["export-epub", "kentt", "--since", "2024-10", "-o", "x.epub"], "kentt"),
        (["export-epub", "no-such.json", "-o", "x.epub"], "no such file"),
    ],
)
def test_export_epub_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(*argv) == 2
    assert message in capsys.readouterr().err


def test_export_epub_with_nothing_in_the_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "empty.sqlite"
    Archive(db).close()
    assert run("export-epub", "kent", "--since", "2030-01-01", "--db", str(db), "-o", str(tmp_path / "a.epub")) == 2
    assert "no articles from kent" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export-epub", "kent", "--since", "October", "-o", "x.epub") == 2
    assert "not a date" in capsys.readouterr().err


def test_read_along(tmp_path: Path) -> None:
    article_file = _write(tmp_path, Article("PCC visits Rugby", ("The PCC gave £5,000.",)), "a.json")
    out = tmp_path / "reader"
    assert run("read-along", article_file, "-o", str(out), "--size", "large", "--speed", "1.2") == 0
    pages = sorted(p.name for p in out.iterdir())
    assert pages == ["pcc-visits-rugby.html", "pcc-visits-rugby.mp3"]
    html = (out / "pcc-visits-rugby.html").read_text("utf-8")
    data = json.loads(html.split('id="ra-timing">', 1)[1].split("</script>", 1)[0])
    assert data["w"]
    assert 'data-size="large"' in html


def test_read_along_embedded(tmp_path: Path) -> None:
    article_file = _write(tmp_path, Article("Title", ("Body.",)), "a.json")
    assert run("read-along", article_file, "-o", str(tmp_path / "r"), "--embed", "--audio", "wav") == 0
    assert [p.suffix for p in (tmp_path / "r").iterdir()] == [".html"]
