"""An index page listing several articles, linking to their reader pages.

Each entry gives the title (a link to the reader page named by
:func:`~pressreader.rendering._layout.article_filename`, made unique across the
list), the date written out, the publisher and the people quoted.

    >>> import datetime
    >>> from pressreader.models import Article, Quote
    >>> page = render_index([Article("PCC visits Rugby", ("He said: “Hi.”",), date=datetime.date(2024, 5, 7),
    ...                              quotes=(Quote("Hi.", "Ann Lee", "PCC", (0,)),))], RenderOptions())
    >>> '<a href="2024-05-07-pcc-visits-rugby.html">PCC visits Rugby</a>' in page
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from ..errors import RenderError
from ..models import Article
from . import _layout
from .html import esc, page, time_element
from .options import RenderOptions

__all__ = ["render_index"]


def render_index(articles: Iterable[Article], options: RenderOptions) -> str:
    """An HTML page listing ``articles`` in the order given."""
    items = list(articles)
    names = _layout.article_filenames(items)
    entries = []
    for number, (article, name) in enumerate(zip(items, names, strict=True), start=1):
        if not article.title.strip():
            raise RenderError(f"article {number} of the index has no title to link")
        lines = [f'<h2><a href="{esc(quote(name))}">{esc(article.title)}</a></h2>']
        meta = []
        if article.date is not None:
            meta.append(time_element(article.date, "Published"))
        site = _layout.site_name(article)
        if site:
            meta.append(f"by {esc(site)}")
        if meta:
            lines.append(f'<p class="meta">{", ".join(meta)}</p>')
        people = _layout.speakers(article)
        if people:
            lines.append(f"<p>Quoting {esc(_and_list(people))}.</p>")
        lang = f' lang="{esc(article.language)}"' if article.language and article.language != "en-GB" else ""
        entries.append(f"<li{lang}>\n" + "\n".join(lines) + "\n</li>")
    count = len(items)
    summary = f"{count} press release{'' if count == 1 else 's'}."
    listing = '<ul class="articles">\n' + "\n".join(entries) + "\n</ul>" if entries else ""
    body = f'<h1 id="title">Press releases</h1>\n<p>{summary}</p>\n{listing}'
    return page(
        title="Press releases – pressreader",
        heading_site=None,
        lang="en-GB",
        options=options,
        body=body,
    )


def _and_list(words: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
