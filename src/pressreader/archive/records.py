"""What the archive hands back (plain rows as typed values) and its one transaction rule.

>>> import datetime
>>> KnownPage("https://x.example/a", 1, '"v1"', None, None).etag
'"v1"'
"""

from __future__ import annotations

import datetime
import sqlite3
from dataclasses import dataclass
from types import TracebackType

from ..errors import ArchiveError, PressreaderError
from ..models import Article

__all__ = ["Failure", "KnownPage", "SiteReport", "StoredArticle"]


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
    #: For a search result: the passage that matched, its words in [brackets].
    passage: str | None = None


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


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What the archive holds of one site (see :meth:`pressreader.archive.store.Archive.report`)."""

    site: str
    articles: int
    pages_kept: int
    oldest: datetime.date | None
    newest: datetime.date | None
    failures: int
    last_crawl: datetime.datetime | None


def day(text: object) -> datetime.date | None:
    """A stored date (ISO 8601), or ``None`` when missing or not a date."""
    try:
        return datetime.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


#: The columns :func:`stored` reads, of the ``articles`` table as ``a``.
COLUMNS = "a.id, a.url, a.site, a.date, a.title, a.article, a.status, a.etag, a.last_modified, a.fetched_at"
SELECT = f"SELECT {COLUMNS} FROM articles a"


def index_article(db: sqlite3.Connection, article_id: int, article: Article) -> None:
    """(Re)write the full-text index row of article ``article_id``: title, body, quoted speakers."""
    speakers = " ; ".join(sorted({q.speaker for q in article.quotes if q.speaker}))
    db.execute("DELETE FROM articles_fts WHERE rowid = ?", (article_id,))
    db.execute(
        "INSERT INTO articles_fts (rowid, title, body, speakers) VALUES (?, ?, ?, ?)",
        (article_id, article.title, "\n".join(article.body), speakers),
    )


def when(text: str) -> datetime.datetime:
    """A stored timestamp (ISO 8601) as a datetime."""
    return datetime.datetime.fromisoformat(text)


def stored(r: sqlite3.Row, passage: str | None = None) -> StoredArticle:
    """The :class:`StoredArticle` of one row selected with :data:`SELECT`; a row with a value
    that is not what the archive writes is an :class:`ArchiveError` naming the article."""
    try:
        article = Article.from_json(r["article"])
        return StoredArticle(
            id=int(r["id"]),
            url=str(r["url"]),
            site=str(r["site"]),
            date=datetime.date.fromisoformat(r["date"]) if r["date"] else None,
            title=str(r["title"]),
            article=article,
            status=r["status"] if isinstance(r["status"], int) else None,
            etag=r["etag"],
            last_modified=r["last_modified"],
            fetched_at=when(r["fetched_at"]),
            passage=passage,
        )
    except (PressreaderError, ValueError, TypeError) as exc:
        raise ArchiveError(f"archived article {r['id']} is damaged ({exc}); run: pressreader archive-check") from exc


class Transaction:
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
                self._rollback()
                raise ArchiveError(f"cannot write to the archive: {error}") from error
        self._rollback()
        if isinstance(exc, sqlite3.Error):
            raise ArchiveError(f"cannot write to the archive: {exc}") from exc

    def _rollback(self) -> None:
        # SQLite may already have rolled back itself (a full disk does that): a second
        # ROLLBACK would raise and hide the real error.
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
