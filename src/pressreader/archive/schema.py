"""The archive's SQLite file: its schema and version, opening it to write or only to read, and checking it.

The schema version lives in ``PRAGMA user_version``: 0 is an archive made
before versions were written (it is brought up to date), a version newer than
:data:`SCHEMA_VERSION` is refused with a plain message, never used silently.
Reading never creates or changes anything: a read-only open uses SQLite's
``mode=ro``, or ``immutable=1`` when the folder (or the file) cannot be
written, so a read-only mount or folder can still be read and no WAL files are
left behind. :func:`check_archive` is ``pressreader archive-check``.

    >>> db = open_database(":memory:")
    >>> db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    True
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..errors import ArchiveError

__all__ = ["CHECK_HINT", "SCHEMA_VERSION", "CheckReport", "check_archive", "open_database"]

log = logging.getLogger(__name__)

#: The schema this version writes: 1 the first archive, 2 with pages kept as served (``captures``).
SCHEMA_VERSION = 2
#: What the messages about a damaged archive tell the reader to do.
CHECK_HINT = "run: pressreader archive-check"
#: Tables an older archive may lack: reading goes on without them (writing adds them).
_ADDED_LATER = {"captures"}
#: Columns every reader of the archive relies on.
_COLUMNS = {
    "articles": {"id", "url", "site", "date", "title", "article", "status", "etag", "last_modified", "fetched_at"},
    "pages": {"url", "article_id", "modified"},
    "failures": {"url", "site", "error", "message", "attempts", "first_failed", "last_failed"},
    "crawls": {"site", "completed_at"},
    "captures": {"id", "article_id", "url", "warc", "offset", "length", "digest", "status", "fetched_at"},
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    site          TEXT NOT NULL,
    date          TEXT,
    title         TEXT NOT NULL,
    article       TEXT NOT NULL,
    status        INTEGER,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_site_date ON articles (site, date DESC, id DESC);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE TABLE IF NOT EXISTS pages (
    url        TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    modified   TEXT
);
CREATE TABLE IF NOT EXISTS failures (
    url          TEXT PRIMARY KEY,
    site         TEXT NOT NULL,
    error        TEXT NOT NULL,
    message      TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 1,
    first_failed TEXT NOT NULL,
    last_failed  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS crawls (
    site         TEXT PRIMARY KEY,
    completed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS captures (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    warc       TEXT NOT NULL,
    offset     INTEGER NOT NULL,
    length     INTEGER NOT NULL,
    digest     TEXT NOT NULL,
    status     INTEGER,
    fetched_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS captures_article ON captures (article_id, id);
"""
#: The full-text index of titles, bodies and quoted speakers.
FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 "
    "(title, body, speakers, tokenize = 'unicode61 remove_diacritics 2')"
)
SCHEMA += FTS_SCHEMA + ";\n"


def _uri(path: Path, *, immutable: bool) -> str:
    return f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


def _writable(path: Path) -> bool:
    """Can SQLite keep its WAL files beside ``path``? (Root ignores permission bits, so they are read too.)"""
    try:
        bits = path.stat().st_mode
    except OSError:
        return False
    return bool(bits & 0o222) and os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


def open_database(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the archive at ``path`` (``":memory:"`` for a throw-away one).

    To write, the file and its folders are made when missing and the schema is
    brought up to date. To read, a missing file is an :class:`ArchiveError`
    (nothing is created), and nothing is written.
    """
    target = str(path)
    try:
        if read_only and target != ":memory:":
            file = Path(target)
            if not file.is_file():
                raise ArchiveError(f"there is no archive at {file} (a crawl makes one: pressreader crawl SITE)")
            db = sqlite3.connect(_uri(file, immutable=not _writable(file)), uri=True, timeout=30.0,
                                 isolation_level=None)  # fmt: skip
        else:
            if target != ":memory:" and Path(target).is_file() and not _writable(Path(target)):
                raise ArchiveError(
                    f"the archive at {target} is read-only here (its file, folder or disk cannot be written); "
                    "reading it works, but this command needs to write to it"
                )
            if target != ":memory:":
                Path(target).parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(target, timeout=30.0, isolation_level=None)
    except OSError as exc:
        raise ArchiveError(f"cannot open the archive at {target}: {exc.strerror or exc}") from exc
    except sqlite3.Error as exc:
        raise ArchiveError(f"cannot open the archive at {target}: {exc}") from exc
    try:
        _prepare(db, target, read_only=read_only)
    except sqlite3.DatabaseError as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.close()
        raise ArchiveError(describe(exc, target)) from exc
    except ArchiveError:
        db.close()
        raise
    return db


def describe(exc: sqlite3.Error, target: str) -> str:
    """A plain sentence for an SQLite failure on the archive at ``target``."""
    text = str(exc)
    if "not a database" in text or "file is encrypted" in text:
        return f"{target} is not a pressreader archive (it is not an SQLite database)"
    if "disk is full" in text or "disk I/O" in text:
        return f"cannot write to the archive at {target}: the disk is full"
    if "readonly" in text or "read-only" in text:
        return f"the archive at {target} is read-only here; a crawl needs to write to it"
    if "unable to open" in text:
        return f"cannot open the archive at {target}: the file or its folder cannot be reached"
    return f"the archive at {target} is damaged ({text}); {CHECK_HINT}"


def _prepare(db: sqlite3.Connection, target: str, *, read_only: bool) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise ArchiveError(
            f"the archive at {target} was made by a newer pressreader (archive version {version}; this one "
            f"reads up to {SCHEMA_VERSION}): upgrade pressreader to use it"
        )
    if read_only:
        _check_columns(db, target, missing_ok=True)
        return
    # WAL persists in the file: set it only once, since changing the journal mode needs the file
    # to itself (other crawlers of the same archive may be connected).
    for attempt in range(50):
        if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            break
        try:
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:  # another connection is making the same file
            if "locked" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.1)
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    tables = {str(r[0]) for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version < SCHEMA_VERSION or not set(_COLUMNS) | {"articles_fts"} <= tables:
        # Every older version (0: before versions were written; 1) needs only the tables added
        # since, which CREATE ... IF NOT EXISTS adds; the version is then written.
        db.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}\nPRAGMA user_version = {SCHEMA_VERSION};\nCOMMIT;")
    _check_columns(db, target, missing_ok=False)


def _check_columns(db: sqlite3.Connection, target: str, *, missing_ok: bool) -> None:
    for table, wanted in _COLUMNS.items():
        have = {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}
        if not have and missing_ok and table in _ADDED_LATER:
            continue  # an archive made before this table: it is read without it
        lacking = sorted(wanted - have)
        if lacking:
            raise ArchiveError(
                f"the archive at {target} is damaged: its {table} table has no {', '.join(lacking)} column; "
                f"{CHECK_HINT} (it cannot mend a missing column: restore a copy, or crawl into a new archive)"
            )


def _drop_index(path: Path) -> None:
    """Drop the full-text index, even one too damaged for FTS5 to drop itself."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        try:
            db.execute("DROP TABLE IF EXISTS articles_fts")
            return
        except sqlite3.DatabaseError as exc:
            log.info("the search index cannot drop itself (%s): removing it from the schema", exc)
        db.execute("PRAGMA writable_schema = ON")
        db.execute("DELETE FROM sqlite_master WHERE name = 'articles_fts' OR name LIKE 'articles_fts_%'")
        db.execute("PRAGMA writable_schema = OFF")
        db.close()
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("VACUUM")  # frees the pages the removed tables held
    finally:
        db.close()


@dataclass
class CheckReport:
    """What :func:`check_archive` found and did."""

    integrity: list[str] = field(default_factory=list)
    damaged_rows: list[tuple[int, str]] = field(default_factory=list)
    index_rebuilt: bool = False
    articles: int = 0

    @property
    def ok(self) -> bool:
        """True when the file passed SQLite's integrity check and no row is damaged."""
        return self.integrity == ["ok"] and not self.damaged_rows


def check_archive(path: Path) -> CheckReport:
    """Check the archive at ``path``: SQLite's integrity check, every row readable; the search
    index rebuilt from the articles (which mends a damaged index). Damaged rows are reported,
    never deleted.
    """
    from ..models import Article
    from .records import SELECT, index_article, stored

    report = CheckReport()
    good: list[tuple[int, Article]] = []
    db = open_database(path)
    try:
        report.integrity = [str(r[0]) for r in db.execute("PRAGMA integrity_check")]
        cursor = db.execute(f"{SELECT} ORDER BY a.id")
        cursor.row_factory = sqlite3.Row
        for row in cursor:
            try:
                good.append((int(row["id"]), stored(row).article))
            except (ArchiveError, ValueError, TypeError) as exc:
                report.damaged_rows.append((int(row["id"]), str(exc)))
        report.articles = len(good)
    except sqlite3.Error as exc:
        raise ArchiveError(describe(exc, str(path))) from exc
    finally:
        db.close()
    try:
        _drop_index(path)
        db = open_database(path)
    except sqlite3.Error as exc:
        raise ArchiveError(describe(exc, str(path))) from exc
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute(FTS_SCHEMA)
        for article_id, article in good:
            index_article(db, article_id, article)
        db.execute("COMMIT")
        report.index_rebuilt = True
    except sqlite3.Error as exc:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise ArchiveError(describe(exc, str(path))) from exc
    finally:
        db.close()
    return report
