"""Markdown (CommonMark) for readers who paste the article into other tools.

Paragraphs are not wrapped (the tool that shows them wraps); characters that
Markdown would read as markup are escaped with a backslash, so article text
can never become a link, a heading or HTML. Quotes are block quotes followed
by a "— Name, Role" line.

    >>> from pressreader.models import Article, Quote
    >>> print(render_markdown(Article("PCC *visits* Rugby", ("He said:", "“Good.”"),
    ...       quotes=(Quote("Good.", "Ann Lee", "PCC", (1,)),)), RenderOptions()))
    # PCC \\*visits\\* Rugby
    <BLANKLINE>
    He said:
    <BLANKLINE>
    > “Good.”
    <BLANKLINE>
    — Ann Lee, PCC
    <BLANKLINE>
"""

from __future__ import annotations

import re

from ..models import Article
from . import _layout
from .options import RenderOptions

__all__ = ["escape_markdown", "render_markdown"]


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown punctuation so ``text`` renders literally.

    Inline markup characters (backslash, backtick, ``* _ [ ] < > ~ | &``) are
    escaped everywhere; block markup (``# + - = !`` and "1." or "1)") only at
    the start of the paragraph, where it would make a heading or a list.

    >>> escape_markdown("1. *Not* a list <b>")
    '1\\\\. \\\\*Not\\\\* a list \\\\<b\\\\>'
    """
    text = " ".join(_layout.printable(text).split())
    out = re.sub(r"([\\`*_\[\]<>~|&])", r"\\\1", text)
    # Line-start markup: headings, list bullets, ordered lists, thematic breaks.
    out = re.sub(r"^([#+\-=!])", r"\\\1", out)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)


def render_markdown(article: Article, options: RenderOptions) -> str:
    """The article as Markdown text, ending with a newline.

    ``options`` are accepted for a uniform interface; Markdown carries no sizes.

    >>> from pressreader.models import Article
    >>> render_markdown(Article("Title", ("Body.",)), RenderOptions())
    '# Title\\n\\nBody.\\n'
    """
    del options  # sizes and themes belong to whatever tool shows the Markdown
    parts = [f"# {escape_markdown(article.title)}"]
    byline = [escape_markdown(item) for item in _layout.byline(article)]
    if byline:
        parts.append("  \n".join(byline))
    if article.lead_image is not None and article.lead_image.alt:
        parts.append(f"Picture: {escape_markdown(article.lead_image.alt)}")
    for block in _layout.blocks(article):
        if block.quotes:
            quoted = "\n>\n".join(f"> {escape_markdown(p)}" for p in block.paragraphs)
            parts.append(quoted)
            parts.append(f"— {escape_markdown(_layout.spoken_by(block.quotes))}")
        else:
            parts.extend(escape_markdown(p) for p in block.paragraphs)
    if article.notes:
        parts.append("## Notes to editors")
        parts.extend(escape_markdown(p) for p in article.notes)
    url = _layout.safe_url(article.key)
    if url:
        label = escape_markdown(f"{article.title} on {_layout.domain(url)}")
        parts.append(f"Source: [{label}](<{_link_target(url)}>)")
    return "\n\n".join(parts) + "\n"


def _link_target(url: str) -> str:
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
