"""The HTML reader view: one self-contained, accessible page per article.

The page makes no request of its own: the style sheet and the small script
are inline, allowed by a Content-Security-Policy that names their SHA-256
hashes and forbids everything else (``default-src 'none'``), so it works
opened from disk, offline. Images are shown only when the article carries
them as a ``data:`` URL; a lead image on a web server is never fetched: its
alt text is shown as a link to it instead ("Picture (not included offline): …").

Every piece of article text is escaped, and only http(s) URLs become links.

    >>> from pressreader.models import Article
    >>> page = render_html(Article("</title><script>alert(1)</script>", ("Body.",)), RenderOptions())
    >>> "<script>alert(1)" in page, "&lt;/title&gt;&lt;script&gt;" in page
    (False, True)
"""

from __future__ import annotations

import base64
import datetime
import hashlib
from html import escape

from ..models import Article
from . import _css, _layout
from .options import NAMED_SIZES, RenderOptions

__all__ = ["esc", "page", "page_title", "render_html", "time_element"]

_SIZE_LABELS = tuple(NAMED_SIZES)
_THEME_LABELS = {"default": "default", "high-contrast": "high contrast", "dark": "dark", "cream": "cream"}


def esc(text: str) -> str:
    """Escape text for an element or a double-quoted attribute.

    >>> esc('a "b" <c> & d')
    'a &quot;b&quot; &lt;c&gt; &amp; d'
    """
    return escape(_layout.printable(text), quote=True)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _buttons(name: str, label: str, values: dict[str, str], current: str | None) -> str:
    buttons = []
    for value, words in values.items():
        pressed = "true" if value == current else "false"
        glyph = f'<span class="glyph glyph-{value}" aria-hidden="true">A</span> ' if name == "size" else ""
        buttons.append(
            f'<button type="button" data-{name}="{value}" aria-pressed="{pressed}">'
            f'{glyph}<span class="vh">{label}: </span>{words}</button>'
        )
    return (
        f'<div class="control" role="group" aria-labelledby="{name}-label">'
        f'<span class="control-label" id="{name}-label">{label}</span>\n' + "\n".join(buttons) + "</div>"
    )


def page(*, title: str, heading_site: str | None, lang: str, options: RenderOptions, body: str) -> str:
    """A complete reader-view page around ``body`` (the contents of ``<main>``, already escaped).

    Shared by the article and index pages: head, style, skip link, header with
    the text-size and theme controls, footer and script. ``title`` and
    ``heading_site`` are plain text and escaped here.

    >>> html = page(title="A & B", heading_site=None, lang="cy", options=RenderOptions(), body="<p>x</p>")
    >>> "<title>A &amp; B</title>" in html, '<html lang="cy"' in html
    (True, True)
    """
    css = _css.stylesheet(options)
    script = _css.SCRIPT
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    size_attr = options.size_name or "custom"
    sizes = {name: name for name in _SIZE_LABELS}
    controls = (
        '<div class="controls" id="controls" hidden>\n'
        + _buttons("size", "Text size", sizes, options.size_name)
        + "\n"
        + _buttons("theme", "Theme", _THEME_LABELS, options.theme)
        + "\n</div>"
    )
    site_line = f'<p class="site">{esc(heading_site)}</p>' if heading_site else '<p class="site">Reader view</p>'
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}" data-size="{size_attr}" data-theme="{options.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="pressreader">
<title>{esc(title)}</title>
<style>{css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the article</a>
<div class="page">
<header>
{site_line}
{controls}
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer>
<p>Reader view made by pressreader. It works offline and makes no requests.</p>
</footer>
</div>
<script>{script}</script>
</body>
</html>
"""


def page_title(headline: str, site: str | None) -> str:
    """The ``<title>`` text: "headline – site" (WCAG 2.4.2).

    >>> page_title("PCC visits Rugby", "Warwickshire Police and Crime Commissioner")
    'PCC visits Rugby – Warwickshire Police and Crime Commissioner'
    """
    return f"{headline} – {site}" if site else headline


def time_element(day: datetime.date, label: str) -> str:
    """``label`` and a ``<time>`` element with the date written out.

    >>> time_element(datetime.date(2018, 3, 22), "Published")
    'Published <time datetime="2018-03-22">Thursday 22 March 2018</time>'
    """
    return f'{label} <time datetime="{day.isoformat()}">{_layout.long_date(day)}</time>'


def _meta(article: Article) -> str:
    parts = []
    if article.date is not None:
        parts.append(time_element(article.date, "Published"))
    if article.updated is not None and article.updated != article.date:
        parts.append(time_element(article.updated, "Updated"))
    if article.source is not None:
        parts.append(f"by {esc(article.source.name)}")
    return f'<p class="meta">{", ".join(parts)}</p>' if parts else ""


def _lead_image(article: Article) -> str:
    image = article.lead_image
    if image is None:
        return ""
    alt = image.alt.strip() if image.alt else ""
    inline = _layout.safe_url(image.url, allow_data_image=True)
    if inline is not None and inline.lower().startswith("data:"):
        return f'<p class="lead-image"><img src="{esc(inline)}" alt="{esc(alt)}"></p>'
    remote = _layout.safe_url(image.url)
    words = esc(alt) if alt else "a picture with no description"
    if remote is None:
        return f'<p class="lead-image">Picture (not included): {words}</p>' if alt else ""
    return f'<p class="lead-image">Picture (not included offline): <a href="{esc(remote)}">{words}</a></p>'


def _source(article: Article) -> str:
    url = _layout.safe_url(article.key)
    site = _layout.site_name(article)
    if url is None:
        return f'<p class="meta">Published by {esc(site)}.</p>' if site else ""
    link = f'<a href="{esc(url)}">“{esc(article.title)}” on {esc(_layout.domain(url))}</a>'
    by = f", published by {esc(site)}" if site else ""
    return f'<p class="source">Original release: {link}{by}.</p>'


def _paragraphs(paragraphs: tuple[str, ...]) -> str:
    return "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)


def render_html(article: Article, options: RenderOptions) -> str:
    """The article as a complete, self-contained reader-view page.

    >>> from pressreader.models import Article
    >>> page = render_html(Article("PCC visits Rugby", ("Body.",)), RenderOptions(size="largest"))
    >>> page.startswith("<!DOCTYPE html>"), '<h1 id="title">PCC visits Rugby</h1>' in page
    (True, True)
    """
    parts = [f'<article aria-labelledby="title">\n<h1 id="title">{esc(article.title)}</h1>']
    parts.append(_meta(article))
    parts.append(_lead_image(article))
    quote_number = 0
    for block in _layout.blocks(article):
        if block.quotes:
            quote_number += 1
            who = esc(_layout.spoken_by(block.quotes))
            caption = f"quote-{quote_number}-by"
            parts.append(
                f'<figure class="quote" aria-labelledby="{caption}">\n'
                f"<blockquote>\n{_paragraphs(block.paragraphs)}\n</blockquote>\n"
                f'<figcaption id="{caption}"><span aria-hidden="true">— </span>{who}</figcaption>\n</figure>'
            )
        else:
            parts.append(_paragraphs(block.paragraphs))
    if article.notes:
        parts.append(
            '<section class="notes" aria-labelledby="notes">\n<h2 id="notes">Notes to editors</h2>\n'
            + _paragraphs(article.notes)
            + "\n</section>"
        )
    parts.append(_source(article))
    parts.append("</article>")
    site = _layout.site_name(article)
    return page(
        title=page_title(article.title, site),
        heading_site=site,
        lang=article.language or "en-GB",
        options=options,
        body="\n".join(p for p in parts if p),
    )
