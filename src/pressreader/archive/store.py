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
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from ..errors import ArchiveError, PressreaderError
from ..models import Article
from .query import fts_query
from .records import COLUMNS as _COLUMNS
from .records import SELECT as _SELECT
from .records import Failure, KnownPage, SiteReport, StoredArticle, Transaction, index_article
from .records import day as _date
from .records import stored as _row
from .records import when as _when
from .schema import CHECK_HINT, describe, open_database
from .warc import Capture, ServedPage, WarcWriter, payload_digest, read_capture, warc_folder

if TYPE_CHECKING:
    from ..web.messages import Response

__all__ = ["Archive", "Failure", "KnownPage", "Outcome", "SiteReport", "StoredArticle", "default_archive_path"]

log = logging.getLogger(__name__)

Outcome = Literal["new", "updated", "unchanged"]


def default_archive_path() -> Path:
    """Where the archive lives when no path is given: the user data directory.

    >>> default_archive_path().name
    'archive.sqlite3'
    """
    import platformdirs

    return Path(platformdirs.user_data_dir("pressreader", appauthor=False)) / "archive.sqlite3"


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

    def __init__(self, path: str | Path | None = None, *, pages: Path | None = None, read_only: bool = False) -> None:
        self.path: Path | str = (
            default_archive_path() if path is None else ":memory:" if str(path) == ":memory:" else Path(path)
        )
        #: The folder of WARC files holding the pages as served (``None``: pages are not kept).
        self.pages: Path | None = pages or (warc_folder(self.path) if isinstance(self.path, Path) else None)
        self._warc: WarcWriter | None = None
        self.read_only = read_only
        self._db = open_database(self.path, read_only=read_only)
        # An archive made before pages were kept, opened only to read, has no captures table.
        self._captures = bool(self._query("SELECT 1 FROM sqlite_master WHERE name = 'captures'"))

    # -- life cycle ----------------------------------------------------------------------------------

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database and the page archive (safe to call twice)."""
        if self._warc is not None:
            self._warc.close()
            self._warc = None
        self._db.close()

    def _transaction(self) -> Transaction:
        return Transaction(self._db)

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self._db.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
        except sqlite3.Error as exc:
            raise ArchiveError(describe(exc, str(self.path))) from exc

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
        page: Response | None = None,
    ) -> tuple[Outcome, int]:
        """Store ``article`` under its :attr:`~pressreader.models.Article.key`, in one transaction.

        Returns whether it was ``"new"``, ``"updated"`` (its content changed)
        or ``"unchanged"``, and its id. ``page_url`` (the URL it was fetched
        from, when that differs from the canonical URL) and ``modified`` (a
        modification stamp from discovery) are remembered for re-crawls; a
        failure recorded for the page is cleared. ``page``, the response the
        article was parsed from, is kept as served in the archive's WARC
        files (:attr:`pages`) with the Article JSON beside it.
        """
        key = article.key or page_url
        if not key:
            raise ArchiveError("an article needs a URL to be archived")
        data = article.to_json()
        when = (fetched_at or datetime.datetime.now(datetime.timezone.utc)).isoformat(timespec="seconds")
        capture = self._keep(key, page, data) if page is not None and page.body else None
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
                index_article(self._db, article_id, article)
            if capture is not None:
                self._db.execute(
                    "INSERT INTO captures (article_id, url, warc, offset, length, digest, status, fetched_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (article_id, page.final_url if page else key, capture.file, capture.offset, capture.length,
                     capture.digest, status, when),
                )  # fmt: skip
            for url in {key, page_url or key}:
                self._db.execute(
                    "INSERT INTO pages (url, article_id, modified) VALUES (?, ?, ?) ON CONFLICT (url)"
                    " DO UPDATE SET article_id = excluded.article_id, modified = excluded.modified",
                    (url, article_id, modified),
                )
                self._db.execute("DELETE FROM failures WHERE url = ?", (url,))
        return outcome, article_id  # type: ignore[return-value]

    def _keep(self, key: str, page: Response, data: str) -> Capture | None:
        """Write ``page`` to the WARC files, unless the last page kept for ``key`` had the same bytes."""
        if self.pages is None:
            return None
        last = self._query(
            "SELECT c.digest FROM captures c JOIN articles a ON a.id = c.article_id WHERE a.url = ?"
            " ORDER BY c.id DESC LIMIT 1",
            (key,),
        )
        if last and last[0][0] == payload_digest(page.body):
            return None
        if self._warc is None:
            self._warc = WarcWriter(self.pages)
        return self._warc.write(page, data)

    def replace_article(self, article_id: int, article: Article) -> bool:
        """Put ``article`` (a re-parse of the kept page) in place of article ``article_id``, keeping its
        URL, site and fetch metadata; True when it differs from what was held."""
        data = article.to_json()
        with self._transaction():
            row = self._db.execute("SELECT article FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                raise ArchiveError(f"no article {article_id} in the archive")
            if row[0] == data:
                return False
            self._db.execute(
                "UPDATE articles SET date = ?, title = ?, article = ? WHERE id = ?",
                (article.date.isoformat() if article.date else None, article.title, data, article_id),
            )
            index_article(self._db, article_id, article)
        return True

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
            if not 0 <= int(id_or_url) < 2**63:  # SQLite's integers: no larger id can exist
                return None
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
        """Articles matching what a person typed, best match first, each with its matching passage.

        Every word must match (see :func:`pressreader.archive.query.fts_query`:
        punctuation is never a syntax error); "phrases", ``OR``, ``NOT`` and
        ``prefix*`` work as in SQLite FTS5.

        >>> with Archive(":memory:") as archive:
        ...     _ = archive.store(Article("E-scooters seized", ("The Commissioner's plan: £1.2m.",),
        ...                               url="https://x.example/a"), site="x")
        ...     [(a.title, a.passage) for a in archive.search("commissioner's £1.2m e-scooters")]
        [('E-scooters seized', "The [Commissioner's] plan: £[1.2m].")]
        """
        match = fts_query(query)
        if not match:
            return []
        sql = (
            f"SELECT {_COLUMNS}, snippet(articles_fts, 1, '[', ']', '…', 16) AS passage FROM articles_fts f"
            " JOIN articles a ON a.id = f.rowid WHERE articles_fts MATCH ?"
            " ORDER BY bm25(articles_fts, 10.0, 1.0, 5.0) LIMIT ?"
        )
        try:
            cursor = self._db.execute(sql, (match, limit))
            cursor.row_factory = sqlite3.Row
            return _readable([(r, r["passage"] or None) for r in cursor.fetchall()])
        except sqlite3.Error as exc:
            if "fts5: syntax" in str(exc):  # pragma: no cover - fts_query never writes one
                raise ArchiveError(f"the search {query!r} could not be run ({exc})") from exc
            raise ArchiveError(f"the archive's search index is damaged ({exc}); {CHECK_HINT}") from exc

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

    def served(self, article_id: int) -> ServedPage | None:
        """The page that article ``article_id`` was last parsed from, as served (``None`` when the
        archive did not keep it: an archive made before pages were kept, or an in-memory one)."""
        capture = self.capture(article_id)
        if capture is None or self.pages is None:
            return None
        return read_capture(self.pages, capture)

    def capture(self, article_id: int) -> Capture | None:
        """Where the last kept page of article ``article_id`` is in the WARC files."""
        if not self._captures:
            return None
        rows = self._query(
            "SELECT warc, offset, length, digest FROM captures WHERE article_id = ? ORDER BY id DESC LIMIT 1",
            (article_id,),
        )
        return Capture(rows[0][0], int(rows[0][1]), int(rows[0][2]), rows[0][3]) if rows else None

    def captured(self, sites: tuple[str, ...] = ()) -> list[tuple[int, str]]:
        """(article id, site) of every article whose page is kept, of ``sites`` (all when empty)."""
        if not self._captures:
            return []
        where = f" WHERE a.site IN ({', '.join('?' * len(sites))})" if sites else ""
        rows = self._query(
            "SELECT DISTINCT a.id, a.site FROM articles a JOIN captures c ON c.article_id = a.id"
            f"{where} ORDER BY a.site, a.id",
            sites,
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def report(self) -> list[SiteReport]:
        """Per site: releases kept, pages kept as served, oldest and newest date, failures, last crawl."""
        rows = self._query(
            "SELECT s.site, (SELECT count(*) FROM articles a WHERE a.site = s.site),"
            + (
                " (SELECT count(DISTINCT c.article_id) FROM captures c JOIN articles a ON a.id = c.article_id"
                "  WHERE a.site = s.site),"
                if self._captures
                else " 0,"
            )
            + " (SELECT min(date) FROM articles a WHERE a.site = s.site),"
            " (SELECT max(date) FROM articles a WHERE a.site = s.site),"
            " (SELECT count(*) FROM failures f WHERE f.site = s.site),"
            " (SELECT completed_at FROM crawls c WHERE c.site = s.site)"
            " FROM (SELECT site FROM articles UNION SELECT site FROM failures UNION SELECT site FROM crawls) s"
            " ORDER BY s.site"
        )
        return [
            SiteReport(str(r[0]), int(r[1]), int(r[2]), _date(r[3]), _date(r[4]), int(r[5]),
                       _when(r[6]) if r[6] else None)
            for r in rows
        ]  # fmt: skip

    def __iter__(self) -> Iterator[StoredArticle]:
        return iter(self._many(f"{_SELECT} ORDER BY a.id"))

    def _many(self, sql: str, params: tuple[object, ...] = ()) -> list[StoredArticle]:
        return _readable([(r, None) for r in self._query(sql, params)])


def _readable(rows: list[tuple[sqlite3.Row, str | None]]) -> list[StoredArticle]:
    """The rows as articles; a damaged row is reported (a warning) and skipped, the rest are kept."""
    out: list[StoredArticle] = []
    for row, passage in rows:
        try:
            out.append(_row(row, passage))
        except ArchiveError as exc:
            log.warning("%s; it is left out", exc)
    return out
