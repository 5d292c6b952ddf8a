"""Re-parsing the kept pages with today's parser, offline: no request is made.

A better parser improves what is already archived: :func:`reparse` reads
each article's page from the WARC files, parses it again and replaces the
stored Article (and its search entry) when the result differs. Pages are
read one at a time, so memory stays flat however large the archive.

    >>> from pressreader.archive.store import Archive
    >>> with Archive(":memory:") as archive:
    ...     reparse(archive).summary()
    '0 pages re-parsed: 0 changed, 0 unchanged, 0 failed'
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import ArchiveError, ParseError
from ..sites import DEFAULT_REGISTRY, SiteRegistry
from .store import Archive

__all__ = ["ReparseReport", "reparse"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReparseReport:
    """What :func:`reparse` did: ids of the articles that changed, stayed the same or failed."""

    changed: tuple[int, ...] = ()
    unchanged: tuple[int, ...] = ()
    failed: tuple[tuple[int, str], ...] = ()

    def summary(self) -> str:
        """One line of counts, then one line per failure."""
        total = len(self.changed) + len(self.unchanged) + len(self.failed)
        lines = [
            f"{total} pages re-parsed: {len(self.changed)} changed, {len(self.unchanged)} unchanged, "
            f"{len(self.failed)} failed"
        ]
        lines.extend(f"  failed: article {i}: {why}" for i, why in self.failed)
        return "\n".join(lines)


def reparse(
    archive: Archive,
    sites: tuple[str, ...] = (),
    *,
    registry: SiteRegistry = DEFAULT_REGISTRY,
    on_progress: Callable[[int, int], None] | None = None,
) -> ReparseReport:
    """Parse every kept page of ``sites`` (all when empty) again and update what changed.

    A page whose re-parse fails keeps its stored Article (the failure is
    reported, nothing is lost). A date that only discovery knew (the page
    shows none) is kept. ``on_progress(done, total)`` is called per page.
    """
    from ..parse import parse_article

    changed: list[int] = []
    unchanged: list[int] = []
    failed: list[tuple[int, str]] = []
    todo = archive.captured(sites)
    for done, (article_id, site_key) in enumerate(todo, 1):
        try:
            page = archive.served(article_id)
            if page is None:
                continue
            held = archive.get(article_id)
            response = page.response()
            article = parse_article(response.markup, page.url, site=registry.find(site_key))
            if held is not None:
                article = dataclasses.replace(article, url=held.article.url or article.url)
                if article.date is None and held.date is not None:
                    article = dataclasses.replace(article, date=held.date)
            (changed if archive.replace_article(article_id, article) else unchanged).append(article_id)
        except (ParseError, ArchiveError) as exc:
            log.info("article %d was not re-parsed: %s", article_id, exc)
            failed.append((article_id, str(exc)))
        if on_progress is not None:
            on_progress(done, len(todo))
    return ReparseReport(tuple(changed), tuple(unchanged), tuple(failed))
