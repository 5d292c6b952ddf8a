"""Pages kept as served (WARC 1.1 through warcio), read back, re-parsed offline, exported."""

from __future__ import annotations

import dataclasses
import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from pressreader.archive.crawling import crawl
from pressreader.archive.reparse import reparse
from pressreader.archive.store import Archive
from pressreader.archive.warc import Capture, WarcWriter, copy_captures, read_capture, warc_folder
from pressreader.errors import ArchiveError
from pressreader.models import Article
from pressreader.web import Fetcher, Response

Site = Any


def _served(site: Site, loopsite: Any) -> dict[str, bytes]:
    return {site.url(e.path): loopsite.article_html(site, e) for e in site.entries}


def _warc_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", "-v", str(path)], capture_output=True, text=True, check=False
    )


def test_crawl_keeps_every_page_as_served(wp_site: Site, loopsite: Any, fetcher: Fetcher, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        report = crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
        assert len(report.new) == 10
        served = _served(wp_site, loopsite)
        for stored in archive:
            page = archive.served(stored.id)
            assert page is not None
            assert page.url == stored.url
            assert page.status == 200
            assert page.body == served[stored.url]  # the exact bytes the server sent
            assert page.headers["content-type"] == "text/html; charset=utf-8"
            assert page.headers["etag"] == stored.etag
            assert json.loads(page.article_json or "") == stored.article.to_dict()
    files = sorted(warc_folder(db).glob("*.warc.gz"))
    assert len(files) == 1
    check = _warc_check(files[0])
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == 1 + 3 * 10  # warcinfo, then response/request/metadata each
    with files[0].open("rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(handle)]
    assert [t for t, _ in records[:4]] == ["warcinfo", "response", "request", "metadata"]
    assert {u for t, u in records if t == "response"} == wp_site.good_urls
    with gzip.open(files[0], "rb") as raw:
        head = raw.read(400)
    assert head.startswith(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n")


def test_recrawl_of_unchanged_pages_writes_nothing_new(wp_site: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
    size = sum(f.stat().st_size for f in warc_folder(db).iterdir())
    with Archive(db) as archive:
        crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
    assert sum(f.stat().st_size for f in warc_folder(db).iterdir()) == size


def test_gzip_sent_pages_are_kept_decoded_with_the_original_encoding_named(tmp_path: Path) -> None:
    body = b"<html><body><h1>T</h1><p>Text of the story.</p></body></html>"
    response = Response(
        "http://x.example/a", "http://x.example/a", 200,
        {"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": "40"}, body,
    )  # fmt: skip
    with WarcWriter(tmp_path) as writer:
        capture = writer.write(response, None)
    page = read_capture(tmp_path, capture)
    assert page.body == body
    assert page.headers["content-length"] == str(len(body))
    assert page.headers["x-archive-orig-content-encoding"] == "gzip"
    assert "content-encoding" not in page.headers
    assert page.article_json is None
    assert _warc_check(tmp_path / capture.file).returncode == 0


def test_damaged_or_missing_warc_is_an_archive_error(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        capture = writer.write(Response("http://x/a", "http://x/a", 200, {}, b"<p>x</p>"), "{}")
    with pytest.raises(ArchiveError, match="cannot be read"):
        read_capture(tmp_path, dataclasses.replace(capture, file="gone.warc.gz"))
    path = tmp_path / capture.file
    data = bytearray(path.read_bytes())
    data[capture.offset : capture.offset + 10] = b"\x00" * 10  # the record's gzip header
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match=r"damaged|no page record"):
        read_capture(tmp_path, capture)
    with (tmp_path / "out.warc.gz").open("wb") as out, pytest.raises(ArchiveError, match="ends early"):
        copy_captures(tmp_path, [Capture(capture.file, 0, 10**9, "")], out, name="o")


def test_an_archive_made_before_pages_were_kept_still_works(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    with Archive(db) as archive:
        archive.store(Article("Old story", ("Text.",), url="https://x.example/old/"), site="x")
    con = sqlite3.connect(db)
    con.execute("DROP TABLE captures")
    con.commit()
    con.close()
    with Archive(db) as archive:
        assert archive.get(1) is not None
        assert archive.served(1) is None
        assert reparse(archive).summary() == "0 pages re-parsed: 0 changed, 0 unchanged, 0 failed"
        assert [r.site for r in archive.report()] == ["x"]


def test_reparse_updates_changed_articles_without_any_request(wp_site: Site, fetcher: Fetcher, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
        # An older parser had stored a worse headline and no quotes for two articles.
        for stored in list(archive)[:2]:
            worse = dataclasses.replace(stored.article, title="Skip to content", quotes=())
            archive.replace_article(stored.id, worse)
        assert [a.id for a in archive.search("skip")] == [1, 2]
    wp_site.stop()  # no network from here on
    with Archive(db) as archive:
        report = reparse(archive)
        assert report.changed == (1, 2)
        assert len(report.unchanged) == 8
        assert report.failed == ()
        assert archive.search("skip") == []
        assert archive.get(1) is not None
        assert archive.get(1).title.startswith("Testshire story")
        assert archive.get(1).article.quotes  # type: ignore[union-attr]
        assert reparse(archive, ("no-such-site",)).summary().startswith("0 pages")
        again = reparse(archive)
        assert again.changed == ()


def test_reparse_keeps_the_stored_article_when_the_page_no_longer_parses(
    wp_site: Site, fetcher: Fetcher, tmp_path: Path
) -> None:
    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
        capture = archive.capture(1)
        before = archive.get(1)
    assert capture is not None
    assert before is not None
    (warc_folder(db) / capture.file).unlink()
    with Archive(db) as archive:
        report = reparse(archive)
        assert len(report.failed) == 10
        assert "cannot be read" in report.failed[0][1]
        after = archive.get(1)
        assert after is not None
        assert after.article == before.article


def test_export_copies_the_chosen_sites_records(wp_site: Site, loopsite: Any, fetcher: Fetcher, tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        crawl(wp_site.url("/news/"), archive, fetcher=fetcher)
        archive.store(Article("Elsewhere", ("Not a page.",), url="https://other.example/a"), site="other")
        chosen = [archive.capture(i) for i, _site in archive.captured()]
        out = tmp_path / "export.warc.gz"
        with out.open("wb") as handle:
            assert copy_captures(warc_folder(db), [c for c in chosen if c], handle, name=out.name) == 10
    check = _warc_check(out)
    assert check.returncode == 0, check.stdout
    served = _served(wp_site, loopsite)
    with out.open("rb") as handle:
        bodies = {
            r.rec_headers.get_header("WARC-Target-URI"): r.content_stream().read()
            for r in ArchiveIterator(handle)
            if r.rec_type == "response"
        }
    assert bodies == {url: served[url] for url in wp_site.good_urls}


def test_the_same_bytes_served_again_are_kept_once(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    page = Response("https://x.example/a", "https://x.example/a", 200, {"Content-Type": "text/html"}, b"<p>v1</p>")
    article = Article("A", ("v1",), url="https://x.example/a")
    with Archive(db) as archive:
        archive.store(article, site="x", page=page)
        archive.store(article, site="x", page=page)  # a server that ignores If-None-Match
        assert len(archive._query("SELECT id FROM captures")) == 1
        changed = dataclasses.replace(page, body=b"<p>v2</p>")
        archive.store(dataclasses.replace(article, body=("v2",)), site="x", page=changed)
        assert len(archive._query("SELECT id FROM captures")) == 2  # each version served is kept
        served = archive.served(1)
        assert served is not None
        assert served.body == b"<p>v2</p>"


def test_an_in_memory_archive_keeps_no_pages() -> None:
    page = Response("https://x.example/a", "https://x.example/a", 200, {}, b"<p>v1</p>")
    with Archive(":memory:") as archive:
        archive.store(Article("A", ("v1",), url="https://x.example/a"), site="x", page=page)
        assert archive.pages is None
        assert archive.served(1) is None
