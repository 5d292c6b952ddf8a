"""What the reader asked to read: a web address, a saved page, an archive id, a site name, or nothing.

One resolver shared by ``pressreader read|render|speak`` and ``examples/read_aloud.py``.
:func:`classify` only looks at the text (and whether a file of that name exists);
:func:`open_article` then loads the article, touching the network only for a
web address or a site name::

    >>> classify(None).kind, classify("https://www.kent-pcc.gov.uk/news/x/").kind
    ('sample', 'url')
    >>> classify("42").kind, classify("warwickshire").kind
    ('id', 'site')
    >>> open_article(None).title
    'PCC responds to latest inspection report on police effectiveness'
    >>> classify("no-such-thing.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.SiteError: no such file: no-such-thing.html (there is no such file, web address ...
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import ArchiveError, SiteError
from ..models import Article
from ..sites import DEFAULT_REGISTRY, SiteRegistry

if TYPE_CHECKING:  # the network and the archive load only when a target needs them
    from ..web import Fetcher
    from ..web.discovery import ArticleLink

__all__ = [
    "TARGET_HELP",
    "Target",
    "TargetKind",
    "article_by_id",
    "classify",
    "load_file",
    "open_article",
    "recent_releases",
    "sample_article",
]

TargetKind = Literal["sample", "stdin", "file", "url", "id", "site"]

#: What a reader may name, for messages and ``--help``.
TARGET_HELP = "a web address, a saved page or Article JSON file, an archive id, or a site name"


@dataclass(frozen=True, slots=True)
class Target:
    """A classified target: ``kind`` and the text as given (``""`` for the sample)."""

    kind: TargetKind
    value: str


def classify(text: str | None, registry: SiteRegistry = DEFAULT_REGISTRY) -> Target:
    """Decide what ``text`` names; raises :class:`SiteError` when it names nothing known.

    Order: nothing → the bundled sample; ``-`` → standard input; an existing file;
    an address with ``://``; digits → an archive id; a site in ``registry``.

    >>> classify("-").kind
    'stdin'
    """
    if text is None or not text.strip():
        return Target("sample", "")
    text = text.strip()
    if text == "-":
        return Target("stdin", text)
    if Path(text).is_file():
        return Target("file", text)
    if "://" in text:
        return Target("url", text)
    if text.isdigit():
        return Target("id", text)
    if registry.find(text) is not None and "/" not in text and "." not in text:
        return Target("site", text)
    raise SiteError(
        f"no such file: {text} (there is no such file, web address or archive id, and no site of that name; "
        "`pressreader sites` lists the site names)"
    )


def sample_article() -> Article:
    """The bundled sample release (Warwickshire PCC, 22 March 2018): works offline.

    >>> sample_article().date.isoformat()
    '2018-03-22'
    """
    from ..parse import parse_article

    data = resources.files("pressreader").joinpath("data/sample.html").read_bytes()
    return parse_article(data, "https://www.warwickshire-pcc.gov.uk/news/pcc-responds-to-latest-inspection-report/")


def load_file(data: bytes, url: str | None = None) -> Article:
    """An Article from Article JSON (starts with ``{``, after a byte order mark if any) or a saved HTML
    page (saved from ``url``).

    >>> load_file(b'{"title": "T", "body": ["B."]}').title
    'T'
    """
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if start == b"{":
        return Article.from_json(data)
    if start == b"[":
        from ..errors import ParseError

        raise ParseError("this JSON file holds a list; an Article JSON file holds one object ({…})")
    from ..parse import parse_article  # parsing HTML is only loaded when needed

    return parse_article(data, url)


def recent_releases(
    site: str,
    *,
    limit: int = 10,
    fetcher: Fetcher | None = None,
    registry: SiteRegistry = DEFAULT_REGISTRY,
) -> list[ArticleLink]:
    """The newest ``limit`` releases a site lists (fetched now), newest first.

    Raises :class:`~pressreader.errors.FetchError` when the site cannot be read.

    >>> recent_releases("https://pcc.example/news/", limit=0)
    []
    """
    from ..web.discovery import discover

    return list(discover(site, limit=limit, fetcher=fetcher, registry=registry))


def open_article(
    text: str | None,
    *,
    db: str | Path | None = None,
    url: str | None = None,
    fetcher: Fetcher | None = None,
    registry: SiteRegistry = DEFAULT_REGISTRY,
    choose: Callable[[Sequence[ArticleLink]], ArticleLink] | None = None,
) -> Article:
    """Load the article ``text`` names (see :func:`classify`).

    ``db`` is the archive for an id (default: the user's archive); ``url`` the
    address a saved page came from; ``fetcher`` is used for addresses and
    sites; for a site, ``choose`` picks one of its recent releases (default:
    the newest). Raises :class:`SiteError` for an unknown name,
    :class:`ArchiveError` for an id the archive does not hold, and the
    fetching and parsing errors of :func:`pressreader.read`.

    >>> open_article(None).source.name
    'Warwickshire Police and Crime Commissioner'
    """
    target = classify(text, registry)
    if target.kind == "sample":
        return sample_article()
    if target.kind == "stdin":
        return load_file(sys.stdin.buffer.read(), url)
    if target.kind == "file":
        return _load_path(Path(target.value), url)
    if target.kind == "id":
        from ..archive.store import default_archive_path

        where = Path(db) if db else default_archive_path()
        if not where.is_file():
            raise ArchiveError(
                f"there is no article {target.value} in the archive: there is no archive at {where} yet "
                "(pressreader crawl SITE makes one)"
            )
        stored = article_by_id(target.value, db)
        if stored is None:
            raise ArchiveError(
                f"there is no article {target.value} in the archive (`pressreader latest SITE` lists ids)"
            )
        return stored
    from ..web import read

    if target.kind == "url":
        return read(target.value, fetcher=fetcher, registry=registry)
    links = recent_releases(target.value, limit=10 if choose else 1, fetcher=fetcher, registry=registry)
    if not links:
        raise SiteError(f"the site {target.value!r} lists no news releases at the moment")
    link = choose(links) if choose is not None else links[0]
    return read(link.url, fetcher=fetcher, registry=registry)


def _load_path(path: Path, url: str | None) -> Article:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SiteError(f"cannot read {path}: {exc.strerror}") from None
    return load_file(data, url)


def article_by_id(number: str | int, db: str | Path | None = None) -> Article | None:
    """The archived article with id ``number`` in the archive ``db`` (default: the user's), or ``None``.

    A missing archive is an :class:`~pressreader.errors.ArchiveError` (reading never creates one).
    """
    from ..archive.store import Archive

    with Archive(db, read_only=True) as archive:
        stored = archive.get(str(number))
    return None if stored is None else stored.article
