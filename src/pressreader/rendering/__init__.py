"""Render an :class:`~pressreader.models.Article` at the size and presentation a reader chooses.

Targets (one module each, all pure functions sharing :mod:`._layout`):

``"html"``
    a self-contained accessible reader view (:mod:`.html`)
``"text"``
    wrapped large-print plain text, no escape codes ever (:mod:`.text`)
``"terminal"``
    the same text for a terminal, bold when ``options.color`` (:mod:`.text`)
``"markdown"``
    Markdown for pasting into other tools (:mod:`.markdown`)

::

    >>> import datetime
    >>> from pressreader.models import Article
    >>> from pressreader.rendering import RenderOptions, render
    >>> a = Article("PCC visits Rugby", ("The Commissioner visited Rugby.",), date=datetime.date(2018, 3, 22))
    >>> print(render(a, "text", options=RenderOptions(size="largest")))
    PCC visits Rugby
    <BLANKLINE>
    Thursday 22 March 2018
    <BLANKLINE>
    The Commissioner visited Rugby.
    <BLANKLINE>
    >>> render(a, "pdf")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.RenderError: unknown render target 'pdf': choose from 'html', 'text', 'terminal', ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, get_args

from ..errors import RenderError
from ..models import Article
from ._layout import article_filename, article_filenames, line_length, long_date
from .html import render_html
from .index import render_index as _render_index
from .markdown import render_markdown
from .options import RenderOptions
from .text import render_terminal, render_text, should_color

__all__ = [
    "TARGETS",
    "RenderOptions",
    "Target",
    "article_filename",
    "article_filenames",
    "line_length",
    "long_date",
    "render",
    "render_index",
    "should_color",
]

Target = Literal["html", "text", "terminal", "markdown"]

#: The targets :func:`render` knows, in the order the CLI lists them.
TARGETS: tuple[str, ...] = get_args(Target)

_RENDERERS: dict[str, Callable[[Article, RenderOptions], str]] = {
    "html": render_html,
    "text": render_text,
    "terminal": render_terminal,
    "markdown": render_markdown,
}


def render(article: Article, target: Target | str = "html", *, options: RenderOptions | None = None) -> str:
    """``article`` rendered to ``target`` with ``options`` (default :class:`RenderOptions`).

    Pure: reads no files, environment or network. Raises :class:`RenderError`
    for an unknown target, an article with an empty title, or one whose quotes
    point outside its body.

    >>> from pressreader.models import Article
    >>> render(Article("Title", ("Body.",)), "markdown")
    '# Title\\n\\nBody.\\n'
    """
    renderer = _RENDERERS.get(target)
    if renderer is None:
        choices = ", ".join(repr(t) for t in TARGETS)
        raise RenderError(f"unknown render target {target!r}: choose from {choices}")
    if not isinstance(article, Article):
        raise RenderError(f"render needs an Article, not {type(article).__name__}")
    if not article.title.strip():
        raise RenderError("the article has no title: a page needs one to be found and announced")
    return renderer(article, options if options is not None else RenderOptions())


def render_index(articles: Iterable[Article], options: RenderOptions | None = None) -> str:
    """An HTML index page of ``articles`` (site, date, title, speakers), linking to each reader page.

    Links use :func:`article_filenames`, the names ``pressreader export-html`` writes.

    >>> from pressreader.models import Article
    >>> "news.html" in render_index([Article("News", ("Body.",))])
    True
    """
    return _render_index(articles, options if options is not None else RenderOptions())
