"""Damaged, newer, read-only and mistyped archives: plain messages, the rest shown, nothing created."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressreader import cli
from pressreader.archive.schema import SCHEMA_VERSION, check_archive
from pressreader.archive.store import Archive
from pressreader.errors import ArchiveError
from pressreader.models import Article


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.sqlite3"
    with Archive(path) as archive:
        for n in range(1, 4):
            archive.store(Article(f"Knife story {n}", (f"Knife crime text {n}.",), url=f"https://k.example/{n}"),
                          site="kent")  # fmt: skip
    return path


def _sql(db: Path, statement: str, params: tuple[object, ...] = ()) -> None:
    con = sqlite3.connect(db)
    con.execute(statement, params)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [("date", "2024-02-30"), ("fetched_at", 12345), ("article", "{not json"), ("status", "x")],
)
def test_a_damaged_row_is_reported_and_skipped(
    db: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, column: str, value: object
) -> None:
    _sql(db, f"UPDATE articles SET {column} = ? WHERE id = 2", (value,))
    code, out, err = _run(capsys, "latest", "kent", "--db", str(db))
    assert code == 0
    shown = [line.split(maxsplit=1)[0] for line in out.splitlines()]
    assert "1" in shown
    assert "3" in shown
    if column != "status":  # a status that is not a number is read as unknown
        assert "2" not in shown
        assert "archived article 2 is damaged" in caplog.text
        assert "archive-check" in caplog.text
    code, _out, err = _run(capsys, "read", "2", "--db", str(db))
    assert "Traceback" not in err
    assert "ValueError" not in err
    code, out, _err = _run(capsys, "search", "knife", "--db", str(db))
    assert code == 0
    assert "Knife story 1" in out


def test_a_newer_archive_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sql(db, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    for argv in (["latest", "kent"], ["crawl", "http://127.0.0.1:9/"]):
        code, _out, err = _run(capsys, *argv, "--db", str(db))
        assert code == 1
        assert "made by a newer pressreader" in err
        assert "upgrade pressreader" in err


def test_an_archive_from_before_versions_is_brought_up_to_date(db: Path) -> None:
    _sql(db, "PRAGMA user_version = 0")
    _sql(db, "DROP TABLE captures")
    with Archive(db, read_only=True) as archive:  # reading changes nothing
        assert archive.count() == 3
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 0
    with Archive(db) as archive:
        assert archive.count() == 3
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_renamed_column_is_named(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _sql(db, "ALTER TABLE articles RENAME COLUMN etag TO etag_old")
    code, _out, err = _run(capsys, "latest", "kent", "--db", str(db))
    assert code == 1
    assert "its articles table has no etag column" in err
    assert "no such column" not in err


def test_a_corrupt_search_index_is_named_and_archive_check_mends_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _sql(db, "DELETE FROM articles_fts_config")
    code, _out, err = _run(capsys, "search", "knife", "--db", str(db))
    assert code == 1
    assert "search index is damaged" in err
    assert "pressreader archive-check" in err
    code, out, err = _run(capsys, "archive-check", "--db", str(db))
    assert code == 0, err
    assert "3 articles readable, 0 damaged; search index rebuilt" in out
    code, out, _err = _run(capsys, "search", "knife", "--db", str(db))
    assert code == 0
    assert len(out.splitlines()) == 6


def test_archive_check_reports_damaged_rows_and_keeps_them(db: Path) -> None:
    _sql(db, "UPDATE articles SET date = 'soon' WHERE id = 1")
    report = check_archive(db)
    assert report.integrity == ["ok"]
    assert [i for i, _why in report.damaged_rows] == [1]
    assert not report.ok
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_reading_never_creates_an_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "no" / "such" / "typo.sqlite3"
    for argv in (["latest", "kent"], ["search", "x"], ["read", "7"], ["archive-report"], ["reparse"],
                 ["archive-check"], ["export-warc", "-o",
                 str(tmp_path / "x.warc.gz")]):  # fmt: skip
        code, _out, err = _run(capsys, *argv, "--db", str(typo))
        assert code in (1, 2), argv
        assert "no archive at" in err, (argv, err)
    assert not (tmp_path / "no").exists()


@pytest.fixture
def read_only_folder(db: Path) -> Iterator[Path]:
    if os.geteuid() == 0:
        pytest.skip("root writes through read-only permissions; the read-only mount test covers root")
    folder = db.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    yield folder
    folder.chmod(stat.S_IRWXU)


def _read_only_mount(db: Path, tmp_path: Path) -> Path:
    import subprocess

    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(db.parent), str(mount)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.decode().strip()}")
    subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True)
    return mount


def test_an_archive_on_a_read_only_mount_can_be_read(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    mount = _read_only_mount(db, tmp_path)
    try:
        target = mount / db.name
        before = sorted(p.name for p in mount.iterdir())
        code, out, err = _run(capsys, "latest", "kent", "--db", str(target))
        assert code == 0, err
        assert "Knife story 3" in out
        code, out, _err = _run(capsys, "search", "knife", "--db", str(target))
        assert code == 0
        assert "Knife story" in out
        assert sorted(p.name for p in mount.iterdir()) == before  # no WAL files made
        code, _out, err = _run(capsys, "crawl", "http://127.0.0.1:9/", "--db", str(target))
        assert code == 1
        assert "read-only" in err
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_read_only_file_is_read_and_leaves_no_wal_files(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    db.chmod(0o444)
    try:
        code, out, err = _run(capsys, "latest", "kent", "--db", str(db))
        assert code == 0, err
        assert "Knife story" in out
        assert sorted(p.name for p in db.parent.iterdir()) == [db.name]
    finally:
        db.chmod(0o644)


def test_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(ArchiveError, match="is not a pressreader archive"):
        Archive(junk, read_only=True)
