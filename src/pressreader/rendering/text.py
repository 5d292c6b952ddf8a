"""Plain large-print text and the terminal view.

Read linearly by screen readers and braille displays, so there is no
decoration: the title, the date written out, the publisher, then the
paragraphs separated by blank lines. Quoted speech is introduced by
"Quote from Name, Role:" and indented four spaces. Lines are wrapped to
:func:`~pressreader.rendering._layout.line_length` and are never wider than
``options.width``.

The terminal view is the same text; when ``options.color`` is true the title,
headings and quote introductions are bold (ANSI ``ESC[1m``). Bold only repeats
what the words already say, so nothing is carried by it alone. Rendering never
looks at the environment: the caller decides with :func:`should_color`.

    >>> from pressreader.models import Article
    >>> from pressreader.rendering.options import RenderOptions
    >>> print(render_text(Article("PCC visits Rugby", ("The Commissioner visited Rugby today.",)),
    ...                   RenderOptions(width=24)))
    PCC visits Rugby
    <BLANKLINE>
    The Commissioner visited
    Rugby today.
    <BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from ..models import Article
from . import _layout
from .options import RenderOptions

__all__ = ["render_terminal", "render_text", "should_color"]

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_QUOTE_INDENT = "    "


class _Stream(Protocol):
    def isatty(self) -> bool: ...


def should_color(stream: _Stream, environ: Mapping[str, str]) -> bool:
    """Whether terminal output to ``stream`` may carry escape codes.

    Only to a terminal (never to a file or pipe, where screen readers and other
    programs read it), and never when ``NO_COLOR`` is set to anything
    non-empty (https://no-color.org) or ``TERM`` is ``dumb``.

    >>> import io
    >>> should_color(io.StringIO(), {})
    False
    >>> class Tty(io.StringIO):
    ...     def isatty(self): return True
    >>> should_color(Tty(), {"TERM": "xterm"}), should_color(Tty(), {"NO_COLOR": "1"})
    (True, False)
    """
    if environ.get("NO_COLOR", "") != "" or environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def render_text(article: Article, options: RenderOptions) -> str:
    """The article as wrapped plain text, ending with a newline. Never any escape codes.

    >>> from pressreader.models import Article
    >>> render_text(Article("Title", ("Body.",)), RenderOptions(color=True))
    'Title\\n\\nBody.\\n'
    """
    return _render(article, options, bold=False)


def render_terminal(article: Article, options: RenderOptions) -> str:
    """The article for a terminal ``options.width`` wide; bold only when ``options.color``.

    >>> from pressreader.models import Article
    >>> out = render_terminal(Article("Title", ("Body.",)), RenderOptions(color=True))
    >>> out.splitlines()[0]
    '\\x1b[1mTitle\\x1b[0m'
    """
    return _render(article, options, bold=options.color)


def _render(article: Article, options: RenderOptions, *, bold: bool) -> str:
    width = _layout.line_length(options)

    def strong(lines: list[str]) -> list[str]:
        return [f"{_BOLD}{line}{_RESET}" if bold and line else line for line in lines]

    sections: list[list[str]] = [strong(_layout.wrap(article.title, width))]
    byline = _layout.byline(article)
    if byline:
        sections.append([line for item in byline for line in _layout.wrap(item, width)])
    if article.lead_image is not None and article.lead_image.alt:
        sections.append(_layout.wrap(f"Picture: {article.lead_image.alt}", width))
    for block in _layout.blocks(article):
        if block.quotes:
            intro = f"Quote from {_layout.spoken_by(block.quotes)}:"
            sections.append(strong(_layout.wrap(intro, width)))
            indent = _QUOTE_INDENT if width >= 40 else "  "
            sections.extend(_layout.wrap(p, width, indent=indent) for p in block.paragraphs)
        else:
            sections.extend(_layout.wrap(p, width) for p in block.paragraphs)
    if article.notes:
        sections.append(strong(_layout.wrap("Notes to editors", width)))
        sections.extend(_layout.wrap(p, width) for p in article.notes)
    url = _layout.safe_url(article.key)
    if url:
        sections.append(_layout.wrap(f"Source: {url}", width))
    return "\n\n".join("\n".join(lines) for lines in sections) + "\n"
