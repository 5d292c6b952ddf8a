"""The embedded article archive: SQLite (standard library) with a full-text index.

Each article is stored once under its canonical URL with an integer id, its
site, date, the fetch metadata that makes re-crawls cheap (ETag,
Last-Modified, status, fetched-at) and the Article as JSON. An FTS5 index
covers title, body and quote speakers. The database runs in WAL mode and
every article is written in its own transaction, so a crawl killed at any
moment leaves a consistent archive. Failed pages are kept in a ``failures``
table until a later fetch succeeds::

    >>> import datetime
    >>> from pressreader.models import Article, Quote
    >>> from pressreader.archive.store import Archive
    >>> with Archive(":memory:") as archive:
    ...     outcome, row_id = archive.store(
    ...         Article("Knife crime funding", ("The PCC said: “Good.”",), url="https://x.example/news/a/",
    ...                 date=datetime.date(2024, 5, 7), quotes=(Quote("Good.", "Jane Doe"),)),
    ...         site="x")
    ...     [a.title for a in archive.search("funding")], archive.by_speaker("jane doe")[0].id
    (['Knife crime funding'], 1)
"""

from __future__ import annotations

import datetime
import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

from ..errors import ArchiveError, PressreaderError
from ..models import Article

__all__ = ["Archive", "Failure", "KnownPage", "Outcome", "StoredArticle", "default_archive_path"]

log = logging.getLogger(__name__)

Outcome = Literal["new", "updated", "unchanged"]

_SCHEMA = """
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
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, body, speakers, tokenize = 'unicode61 remove_diacritics 2'
);
"""


def default_archive_path() -> Path:
    """Where the archive lives when no path is given: the user data directory.

    >>> default_archive_path().name
    'archive.sqlite3'
    """
    import platformdirs

    return Path(platformdirs.user_data_dir("pressreader", appauthor=False)) / "archive.sqlite3"


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the archive holds it: its id, key URL, site and fetch metadata."""

    id: int
    url: str
    site: str
    date: datetime.date | None
    title: str
    article: Article
    status: int | None
    etag: str | None
    last_modified: str | None
    fetched_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class KnownPage:
    """What the archive knows about a page URL, for a conditional re-fetch."""

    url: str
    article_id: int
    etag: str | None
    last_modified: str | None
    modified: str | None


@dataclass(frozen=True, slots=True)
class Failure:
    """A page that could not be fetched or parsed, kept to be retried."""

    url: str
    site: str
    error: str
    message: str
    attempts: int
    first_failed: datetime.datetime
    last_failed: datetime.datetime


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


class Archive:
    """An article archive in one SQLite file (``":memory:"`` for a throw-away one).

    ``path=None`` uses :func:`default_archive_path`. Use it as a context
    manager, or call :meth:`close`. Every sqlite3 error becomes an
    :class:`~pressreader.errors.ArchiveError`. One Archive belongs to one
    thread.

    >>> import datetime
    >>> with Archive(":memory:") as archive:
    ...     _ = archive.store(Article("A", ("x",), url="https://k.example/a", date=datetime.date(2024, 5, 1)),
    ...                       site="kent")
    ...     _ = archive.store(Article("B", ("y",), url="https://k.example/b", date=datetime.date(2024, 5, 9)),
    ...                       site="kent")
    ...     [a.title for a in archive.latest("kent", 5)], archive.get(1).title, archive.get("https://k.example/b").id
    ...     [a.title for a in archive.between(datetime.date(2024, 5, 1), datetime.date(2024, 5, 2))]
    (['B', 'A'], 'A', 2)
    ['A']
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path: Path | str = (
            default_archive_path() if path is None else ":memory:" if str(path) == ":memory:" else Path(path)
        )
        target = str(self.path)
        try:
            if target != ":memory:":
                Path(target).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(target, timeout=30.0, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise ArchiveError(f"cannot open the archive at {target}: {exc}") from exc
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(f"BEGIN IMMEDIATE;\n{_SCHEMA}\nCOMMIT;")
        except sqlite3.DatabaseError as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            self._db.close()
            raise ArchiveError(f"{target} is not a usable pressreader archive: {exc}") from exc

    # -- life cycle ----------------------------------------------------------------------------------

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        self._db.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._db.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
        except sqlite3.Error as exc:
            raise ArchiveError(f"archive query failed: {exc}") from exc

    # -- writing -------------------------------------------------------------------------------------

    def store(
        self,
        article: Article,
        *,
        site: str,
        page_url: str | None = None,
        status: int | None = 200,
        etag: str | None = None,
        last_modified: str | None = None,
        fetched_at: datetime.datetime | None = None,
        modified: str | None = None,
    ) -> tuple[Outcome, int]:
        """Store ``article`` under its :attr:`~pressreader.models.Article.key`, in one transaction.

        Returns whether it was ``"new"``, ``"updated"`` (its content changed)
        or ``"unchanged"``, and its id. ``page_url`` (the URL it was fetched
        from, when that differs from the canonical URL) and ``modified`` (a
        modification stamp from discovery) are remembered for re-crawls; a
        failure recorded for the page is cleared.
        """
        key = article.key or page_url
        if not key:
            raise ArchiveError("an article needs a URL to be archived")
        data = article.to_json()
        when = (fetched_at or datetime.datetime.now(datetime.timezone.utc)).isoformat(timespec="seconds")
        speakers = " ; ".join(sorted({q.speaker for q in article.quotes if q.speaker}))
        with self._transaction():
            row = self._db.execute("SELECT id, article FROM articles WHERE url = ?", (key,)).fetchone()
            values = (site, article.date.isoformat() if article.date else None, article.title, data)
            meta = (status, etag, last_modified, when)
            if row is None:
                cursor = self._db.execute(
                    "INSERT INTO articles (site, date, title, article, status, etag, last_modified,"
                    " fetched_at, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, *meta, key),
                )
                article_id, outcome = int(cursor.lastrowid or 0), "new"
            else:
                article_id = int(row[0])
                outcome = "unchanged" if row[1] == data else "updated"
                self._db.execute(
                    "UPDATE articles SET site = ?, date = ?, title = ?, article = ?, status = ?, etag = ?,"
                    " last_modified = ?, fetched_at = ? WHERE id = ?",
                    (*values, *meta, article_id),
                )
            if outcome != "unchanged":
                self._db.execute("DELETE FROM articles_fts WHERE rowid = ?", (article_id,))
                self._db.execute(
                    "INSERT INTO articles_fts (rowid, title, body, speakers) VALUES (?, ?, ?, ?)",
                    (article_id, article.title, "\n".join(article.body), speakers),
                )
            for url in {key, page_url or key}:
                self._db.execute(
                    "INSERT INTO pages (url, article_id, modified) VALUES (?, ?, ?) ON CONFLICT (url)"
                    " DO UPDATE SET article_id = excluded.article_id, modified = excluded.modified",
                    (url, article_id, modified),
                )
                self._db.execute("DELETE FROM failures WHERE url = ?", (url,))
        return outcome, article_id  # type: ignore[return-value]

    def touch(self, page_url: str, *, modified: str | None = None) -> None:
        """Note that ``page_url`` was found unchanged (a 304): keep its modification stamp."""
        with self._transaction():
            self._db.execute("UPDATE pages SET modified = ? WHERE url = ?", (modified, page_url))
            self._db.execute("DELETE FROM failures WHERE url = ?", (page_url,))

    def mark_crawled(self, site: str) -> None:
        """Record that a full crawl of ``site`` (every listing page) has just completed."""
        with self._transaction():
            self._db.execute(
                "INSERT INTO crawls (site, completed_at) VALUES (?, ?)"
                " ON CONFLICT (site) DO UPDATE SET completed_at = excluded.completed_at",
                (site, _now()),
            )

    def last_full_crawl(self, site: str) -> datetime.datetime | None:
        """When a full crawl of ``site`` last completed, or ``None`` if none ever did."""
        rows = self._query("SELECT completed_at FROM crawls WHERE site = ?", (site,))
        return _when(rows[0]["completed_at"]) if rows else None

    def record_failure(self, url: str, *, site: str, error: PressreaderError | str, message: str = "") -> None:
        """Record that ``url`` failed (counting attempts), so a later crawl retries it.

        >>> with Archive(":memory:") as archive:
        ...     archive.record_failure("https://x.example/a", site="x", error="FetchTimeout", message="slow")
        ...     archive.record_failure("https://x.example/a", site="x", error="FetchTimeout", message="slow")
        ...     archive.failures()[0].attempts
        2
        """
        kind = error if isinstance(error, str) else type(error).__name__
        text = message or str(error)
        now = _now()
        with self._transaction():
            self._db.execute(
                "INSERT INTO failures (url, site, error, message, first_failed, last_failed)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET error = excluded.error,"
                " message = excluded.message, attempts = attempts + 1, last_failed = excluded.last_failed",
                (url, site, kind, text, now, now),
            )

    # -- reading -------------------------------------------------------------------------------------

    def known(self, page_url: str) -> KnownPage | None:
        """What is held for ``page_url`` (ETag, Last-Modified, stamp), or ``None`` if never stored."""
        rows = self._query(
            "SELECT p.url, p.article_id, a.etag, a.last_modified, p.modified FROM pages p"
            " JOIN articles a ON a.id = p.article_id WHERE p.url = ?",
            (page_url,),
        )
        return KnownPage(*tuple(rows[0])) if rows else None

    def get(self, id_or_url: int | str) -> StoredArticle | None:
        """The article with this id, canonical URL or page URL; ``None`` when not archived."""
        if isinstance(id_or_url, int) or (isinstance(id_or_url, str) and id_or_url.isdigit()):
            rows = self._query(f"{_SELECT} WHERE a.id = ?", (int(id_or_url),))
        else:
            rows = self._query(
                f"{_SELECT} WHERE a.url = ? OR a.id = (SELECT article_id FROM pages WHERE url = ?)",
                (id_or_url, id_or_url),
            )
        return _row(rows[0]) if rows else None

    def latest(self, site: str, n: int = 10) -> list[StoredArticle]:
        """The ``n`` most recent articles of ``site`` (by date, undated last)."""
        return self._many(
            f"{_SELECT} WHERE a.site = ? ORDER BY a.date IS NULL, a.date DESC, a.id DESC LIMIT ?", (site, n)
        )

    def between(self, start: datetime.date, end: datetime.date, site: str | None = None) -> list[StoredArticle]:
        """Articles dated from ``start`` to ``end`` inclusive, oldest first."""
        where = "a.date BETWEEN ? AND ?" + (" AND a.site = ?" if site else "")
        params: tuple[object, ...] = (start.isoformat(), end.isoformat(), *((site,) if site else ()))
        return self._many(f"{_SELECT} WHERE {where} ORDER BY a.date, a.id", params)

    def search(self, query: str, *, limit: int = 50) -> list[StoredArticle]:
        """Full-text search (FTS5 syntax: words, "phrases", OR, NOT, prefix*), best match first.

        >>> from pressreader.errors import ArchiveError
        >>> with Archive(":memory:") as archive:
        ...     try:
        ...         archive.search('"unclosed')
        ...     except ArchiveError as err:
        ...         print(str(err)[:50])
        not a valid search: '"unclosed' (unterminated stri
        """
        sql = (
            f"{_SELECT} JOIN articles_fts f ON f.rowid = a.id WHERE articles_fts MATCH ?"
            " ORDER BY bm25(articles_fts, 10.0, 1.0, 5.0) LIMIT ?"
        )
        try:
            cursor = self._db.execute(sql, (query, limit))
            cursor.row_factory = sqlite3.Row
            return [_row(r) for r in cursor.fetchall()]
        except sqlite3.OperationalError as exc:
            detail = str(exc).removeprefix("fts5: ")
            raise ArchiveError(
                f'not a valid search: {query!r} ({detail}); put phrases in "double quotes" and avoid stray punctuation'
            ) from exc
        except sqlite3.Error as exc:
            raise ArchiveError(f"archive search failed: {exc}") from exc

    def by_speaker(self, name: str, *, limit: int = 50) -> list[StoredArticle]:
        """Articles quoting a person whose name contains ``name`` (as a phrase, any case)."""
        words = " ".join(name.replace('"', " ").split())
        if not words:
            return []
        return self.search(f'speakers : "{words}"', limit=limit)

    def failures(self, site: str | None = None) -> list[Failure]:
        """Pages that failed and have not succeeded since, oldest failure first."""
        where, params = ("WHERE site = ?", (site,)) if site else ("", ())
        rows = self._query(
            "SELECT url, site, error, message, attempts, first_failed, last_failed FROM failures "
            f"{where} ORDER BY first_failed, url",
            params,
        )
        return [Failure(r[0], r[1], r[2], r[3], int(r[4]), _when(r[5]), _when(r[6])) for r in rows]

    def count(self, site: str | None = None) -> int:
        """How many articles are held (for one site, or all)."""
        where, params = ("WHERE site = ?", (site,)) if site else ("", ())
        return int(self._query(f"SELECT count(*) FROM articles {where}", params)[0][0])

    def sites(self) -> list[tuple[str, int]]:
        """Each site in the archive with its number of articles."""
        rows = self._query("SELECT site, count(*) FROM articles GROUP BY site ORDER BY site")
        return [(str(r[0]), int(r[1])) for r in rows]

    def __iter__(self) -> Iterator[StoredArticle]:
        return iter(self._many(f"{_SELECT} ORDER BY a.id"))

    def _many(self, sql: str, params: tuple[object, ...] = ()) -> list[StoredArticle]:
        return [_row(r) for r in self._query(sql, params)]


_SELECT = (
    "SELECT a.id, a.url, a.site, a.date, a.title, a.article, a.status, a.etag, a.last_modified, a.fetched_at"
    " FROM articles a"
)


def _when(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def _row(r: sqlite3.Row) -> StoredArticle:
    try:
        article = Article.from_json(r["article"])
    except PressreaderError as exc:
        raise ArchiveError(f"archived article {r['id']} is damaged: {exc}") from exc
    return StoredArticle(
        id=int(r["id"]),
        url=r["url"],
        site=r["site"],
        date=datetime.date.fromisoformat(r["date"]) if r["date"] else None,
        title=r["title"],
        article=article,
        status=r["status"],
        etag=r["etag"],
        last_modified=r["last_modified"],
        fetched_at=_when(r["fetched_at"]),
    )


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error; sqlite3 errors become ArchiveError."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot write to the archive: {exc}") from exc

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            try:
                self._db.execute("COMMIT")
                return
            except sqlite3.Error as error:
                self._db.execute("ROLLBACK")
                raise ArchiveError(f"cannot write to the archive: {error}") from error
        self._db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise ArchiveError(f"cannot write to the archive: {exc}") from exc
