"""The archive: storing, queries, full-text search, errors as ArchiveError."""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressreader.archive.store import Archive, default_archive_path
from pressreader.errors import ArchiveError
from pressreader.models import Article, Quote


def _article(n: int, *, site_day: int, speaker: str = "Jane Doe", body: str = "Funding for youth clubs.") -> Article:
    return Article(
        title=f"Story {n}",
        body=(body, f"{speaker} said: “Good.”"),
        url=f"https://pcc.example/news/story-{n}/",
        canonical_url=f"https://pcc.example/news/story-{n}/",
        date=datetime.date(2024, 5, site_day),
        quotes=(Quote("Good.", speaker, "Police and Crime Commissioner", (1,)),),
    )


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    a = Archive(tmp_path / "archive.sqlite3")
    a.store(_article(1, site_day=1), site="kent", etag='"e1"', last_modified="Wed, 01 May 2024 10:00:00 GMT")
    a.store(_article(2, site_day=5, speaker="Kim McGuinness", body="Knife crime is falling."), site="kent")
    a.store(_article(3, site_day=3, body="New CCTV cameras in Rugby."), site="warwickshire")
    yield a
    a.close()


def test_store_outcomes_and_ids(archive: Archive) -> None:
    again = archive.store(_article(1, site_day=1), site="kent")
    assert again == ("unchanged", 1)
    changed = archive.store(_article(1, site_day=1, body="Funding for youth clubs, updated."), site="kent")
    assert changed == ("updated", 1)
    assert archive.count() == 3
    assert archive.count("kent") == 2
    assert archive.sites() == [("kent", 2), ("warwickshire", 1)]
    assert [a.title for a in archive.search("updated")] == ["Story 1"]


def test_queries(archive: Archive) -> None:
    assert [a.title for a in archive.latest("kent", 5)] == ["Story 2", "Story 1"]
    assert [a.title for a in archive.latest("kent", 1)] == ["Story 2"]
    found = archive.between(datetime.date(2024, 5, 2), datetime.date(2024, 5, 5))
    assert [a.title for a in found] == ["Story 3", "Story 2"]
    assert [a.title for a in archive.between(datetime.date(2024, 5, 1), datetime.date(2024, 5, 31), site="kent")] == [
        "Story 1",
        "Story 2",
    ]
    assert [a.title for a in archive.search("knife")] == ["Story 2"]
    assert sorted(a.title for a in archive.search('"youth clubs" OR cctv')) == ["Story 1", "Story 3"]
    assert [a.title for a in archive.by_speaker("mcguinness")] == ["Story 2"]
    assert [a.title for a in archive.by_speaker('Kim "McGuinness')] == ["Story 2"]
    assert archive.by_speaker("  ") == []


def test_get_by_id_url_and_metadata(archive: Archive) -> None:
    one = archive.get(1)
    assert one is not None
    assert one.title == "Story 1"
    assert one.etag == '"e1"'
    assert one.fetched_at.tzinfo is not None
    assert archive.get("1") == one
    assert archive.get("https://pcc.example/news/story-1/") == one
    assert archive.get(99) is None
    assert archive.get("https://pcc.example/nope/") is None
    assert one.article == _article(1, site_day=1)


def test_page_urls_lead_to_the_canonical_article(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive:
        archive.store(_article(1, site_day=1), site="kent", page_url="https://pcc.example/?p=1", modified="m1")
        known = archive.known("https://pcc.example/?p=1")
        assert known is not None
        assert known.article_id == 1
        assert known.modified == "m1"
        assert archive.get("https://pcc.example/?p=1") is not None
        assert archive.known("https://pcc.example/other/") is None


def test_failures_are_kept_until_success(tmp_path: Path) -> None:
    url = "https://pcc.example/news/story-1/"
    with Archive(tmp_path / "a.sqlite3") as archive:
        archive.record_failure(url, site="kent", error="FetchTimeout", message="too slow")
        archive.record_failure(url, site="kent", error="HTTPStatusError", message="500")
        (failure,) = archive.failures("kent")
        assert (failure.error, failure.message, failure.attempts) == ("HTTPStatusError", "500", 2)
        assert archive.failures("warwickshire") == []
        archive.store(_article(1, site_day=1), site="kent")
        assert archive.failures() == []


def test_search_syntax_never_reaches_the_reader(archive: Archive) -> None:
    """Stray quotes, bare operators and punctuation are searched as words, never an error."""
    for typed in ('"unclosed', "AND", "title:", "(knife", "knife)", "*", '"', "NOT NOT", "OR knife"):
        found = [a.title for a in archive.search(typed)]
        assert found == (["Story 2"] if "knife" in typed else []), typed
    assert [a.title for a in archive.search('"knife crime')] == ["Story 2"]


def test_unusable_files_are_archive_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ArchiveError, match="is not a pressreader archive"):
        Archive(junk)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ArchiveError, match="cannot open the archive"):
        Archive(blocker / "sub" / "a.sqlite3")


def test_wal_mode_and_integrity(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with Archive(path) as archive:
        archive.store(_article(1, site_day=1), site="kent")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_default_path_is_in_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_archive_path()
    assert path.parent.name == "pressreader"
    assert str(path).startswith(str(tmp_path))
    with Archive() as archive:
        assert archive.path == path
        assert path.exists()


def test_article_without_url_cannot_be_archived(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.sqlite3") as archive, pytest.raises(ArchiveError, match="needs a URL"):
        archive.store(Article("T", ("b",)), site="x")
