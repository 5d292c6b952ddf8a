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
import json
from collections.abc import Mapping, Sequence
from html import escape

from ..errors import RenderError
from ..models import FALLBACK_NOTICE, Article
from . import _css, _layout
from .options import NAMED_SIZES, RenderOptions

__all__ = ["esc", "marked", "page", "page_title", "render_html", "time_element"]

_Mark = tuple[int, int, str]  # start, stop, id

_SIZE_LABELS = tuple(NAMED_SIZES)
_THEME_LABELS = {"default": "default", "high-contrast": "high contrast", "dark": "dark", "cream": "cream"}


def esc(text: str) -> str:
    """Escape text for an element or a double-quoted attribute.

    >>> esc('a "b" <c> & d')
    'a &quot;b&quot; &lt;c&gt; &amp; d'
    """
    return escape(_layout.printable(text), quote=True)


def marked(text: str, sentences: Sequence[_Mark], words: Sequence[_Mark]) -> str:
    """``text`` escaped, with sentences and words wrapped in ``<span>`` elements that carry ids.

    ``sentences`` and ``words`` are ``(start, stop, id)`` character spans, each
    list in order and not overlapping; a word must lie inside a sentence (or
    outside all of them). Sentences get the class ``ra-s``, words ``ra-w``.

    >>> marked("Hi & bye. Go.", [(0, 9, "s1"), (10, 13, "s2")], [(0, 2, "w1"), (10, 12, "w2")])
    '<span class="ra-s" id="s1"><span class="ra-w" id="w1">Hi</span> &amp; bye.</span> \
<span class="ra-s" id="s2"><span class="ra-w" id="w2">Go</span>.</span>'
    """
    events: list[tuple[int, int, str]] = []  # position, order at that position, markup
    for start, stop, ident in sentences:
        events += [(start, 1, f'<span class="ra-s" id="{esc(ident)}">'), (stop, 0, "</span>")]
    for start, stop, ident in words:
        events += [(start, 2, f'<span class="ra-w" id="{esc(ident)}">'), (stop, -1, "</span>")]
    events.sort(key=lambda e: (e[0], e[1]))
    out, done = [], 0
    for position, _, markup in events:
        position = min(max(position, done), len(text))
        out.append(esc(text[done:position]))
        out.append(markup)
        done = position
    out.append(esc(text[done:]))
    return "".join(out)


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


def page(
    *,
    title: str,
    heading_site: str | None,
    lang: str,
    options: RenderOptions,
    body: str,
    player: str = "",
    extra_css: str = "",
    extra_script: str = "",
    media_src: str | None = None,
) -> str:
    """A complete reader-view page around ``body`` (the contents of ``<main>``, already escaped).

    Shared by the article and index pages: head, style, skip link, header with
    the text-size and theme controls, footer and script. ``title`` and
    ``heading_site`` are plain text and escaped here. ``player`` (markup
    after the controls), ``extra_css``, ``extra_script`` and ``media_src`` (the
    CSP's ``media-src``) are for the read-along view; left empty, the page is
    exactly the plain reader view.

    >>> html = page(title="A & B", heading_site=None, lang="cy", options=RenderOptions(), body="<p>x</p>")
    >>> "<title>A &amp; B</title>" in html, '<html lang="cy"' in html
    (True, True)
    """
    css = _css.stylesheet(options) + extra_css
    script = _css.SCRIPT
    scripts = f"<script>{script}</script>" + (f"\n<script>{extra_script}</script>" if extra_script else "")
    hashes = _csp_hash(script) + (f" {_csp_hash(extra_script)}" if extra_script else "")
    media = f"media-src {media_src}; " if media_src else ""
    csp = (
        f"default-src 'none'; img-src data:; {media}"
        f"style-src {_csp_hash(css)}; script-src {hashes}; "
        "base-uri 'none'; form-action 'none'"
    )
    size_attr = options.size_name or "custom"
    sizes = {name: name for name in _SIZE_LABELS}
    controls = (
        '<button type="button" class="options-toggle" id="options-toggle" aria-expanded="false" '
        'aria-controls="controls" hidden>Reading options<span class="twisty" aria-hidden="true"></span></button>\n'
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
{controls}{player}
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer>
<p>Reader view made by pressreader. It works offline and makes no requests.</p>
</footer>
</div>
{scripts}
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


_Marks = dict[tuple[str, int | None], tuple[list[_Mark], list[_Mark]]]
_SPEEDS = ("0.75", "1", "1.25", "1.5", "2")


def _paragraphs(
    paragraphs: tuple[str, ...],
    marks: _Marks | None = None,
    kind: str = "body",
    indices: tuple[int, ...] = (),
    langs: Mapping[int, str] | None = None,
) -> str:
    keys: list[int | None] = list(indices) if len(indices) == len(paragraphs) else [None] * len(paragraphs)
    out = []
    for p, k in zip(paragraphs, keys, strict=True):
        text = marked(p, *marks.get((kind, k), ([], []))) if marks and k is not None else esc(p)
        lang = langs.get(k) if langs and k is not None else None
        out.append(f'<p lang="{esc(lang)}">{text}</p>' if lang else f"<p>{text}</p>")
    return "\n".join(out)


def _timing(article: Article, options: RenderOptions) -> tuple[_Marks, dict[str, object]]:
    """Sentence and word marks per block, and the page's compact timing data, from ``options.timing``."""
    if not options.audio or not options.timing:
        raise RenderError(
            "a read-along page needs its audio and timing map: use pressreader.publish.readalong.write_read_along, "
            "or RenderOptions(read_along=True, audio='story.mp3', timing=timing_map.to_json())"
        )
    texts = {"title": (article.title,), "body": article.body, "notes": article.notes}
    marks: _Marks = {}
    sentences: list[list[object]] = []
    words: list[list[object]] = []
    try:
        data = json.loads(options.timing)
        for number, s in enumerate(data["sentences"]):
            block, paragraph = s["block"], s["paragraph"]
            start, end = float(s["start"]), float(s["end"])
            ident = None
            if block is not None:
                if block != "title" and int(paragraph) < 0:
                    raise ValueError(f"sentence {number} has no paragraph {paragraph}")
                text = texts[block][0 if block == "title" else int(paragraph)]
                offset, length = int(s["offset"]), int(s["length"])
                if not 0 <= offset <= offset + length <= len(text):
                    raise ValueError(f"sentence {number} lies outside its {block} text")
                ident = f"ra-s{number}"
                spans, marked_words = marks.setdefault((block, None if block == "title" else int(paragraph)), ([], []))
                spans.append((offset, offset + length, ident))
                for w_offset, w_length, _, w_start, w_end in s["words"]:
                    if not offset <= int(w_offset) <= int(w_offset) + int(w_length) <= offset + length:
                        raise ValueError(f"a word of sentence {number} lies outside it")
                    word = f"ra-w{len(words) + 1}"
                    marked_words.append((int(w_offset), int(w_offset) + int(w_length), word))
                    words.append([round(float(w_start), 3), round(float(w_end), 3), word, number])
            sentences.append([round(start, 3), round(end, 3), ident])
        duration = float(data["duration"])
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise RenderError(f"the timing map does not fit this article: {exc}") from exc
    return marks, {"d": duration, "s": sentences, "w": words}


def _player(options: RenderOptions, data: dict[str, object]) -> str:
    speeds = "".join(f'<option value="{v}"{" selected" if v == "1" else ""}>{v}×</option>' for v in _SPEEDS)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"""
<div class="player" id="player" role="group" aria-labelledby="player-label" hidden>
<span class="control-label" id="player-label">Read aloud</span>
<audio id="ra-audio" preload="metadata" src="{esc(options.audio or "")}"></audio>
<button type="button" id="ra-prev">Previous sentence</button>
<button type="button" id="ra-play">Play</button>
<button type="button" id="ra-next">Next sentence</button>
<label for="ra-speed">Speed</label>
<select id="ra-speed">{speeds}</select>
<span class="clock" id="ra-clock">0:00</span>
<span id="ra-status" role="status"></span>
</div>
<script type="application/json" id="ra-timing">{payload}</script>"""


def render_html(article: Article, options: RenderOptions) -> str:
    """The article as a complete, self-contained reader-view page.

    >>> from pressreader.models import Article
    >>> page = render_html(Article("PCC visits Rugby", ("Body.",)), RenderOptions(size="largest"))
    >>> page.startswith("<!DOCTYPE html>"), '<h1 id="title">PCC visits Rugby</h1>' in page
    (True, True)
    """
    marks: _Marks = {}
    player = extra_css = extra_script = ""
    media: str | None = None
    if options.read_along:
        marks, data = _timing(article, options)
        player, extra_css, extra_script = _player(options, data), _css.read_along_stylesheet(), _css.READ_ALONG_SCRIPT
        media = "data:" if (options.audio or "").lower().startswith("data:") else "'self'"
    title = marked(article.title, *marks[("title", None)]) if ("title", None) in marks else esc(article.title)
    parts = [f'<article aria-labelledby="title">\n<h1 id="title">{title}</h1>']
    parts.append(_meta(article))
    if article.is_fallback:
        parts.append(f'<p class="notice" role="note">{esc(FALLBACK_NOTICE)}</p>')
    parts.append(_lead_image(article))
    quote_number = 0
    langs = _layout.part_languages(article)
    for block in _layout.blocks(article):
        if block.quotes:
            quote_number += 1
            who = esc(_layout.spoken_by(block.quotes))
            caption = f"quote-{quote_number}-by"
            parts.append(
                f'<figure class="quote" aria-labelledby="{caption}">\n'
                f"<blockquote>\n{_paragraphs(block.paragraphs, marks, 'body', block.indices, langs)}\n</blockquote>\n"
                f'<figcaption id="{caption}"><span aria-hidden="true">— </span>{who}</figcaption>\n</figure>'
            )
        else:
            parts.append(_paragraphs(block.paragraphs, marks, "body", block.indices, langs))
    if article.notes:
        parts.append(
            '<section class="notes" aria-labelledby="notes">\n<h2 id="notes">Notes to editors</h2>\n'
            + _paragraphs(article.notes, marks, "notes", tuple(range(len(article.notes))))
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
        player=player,
        extra_css=extra_css,
        extra_script=extra_script,
        media_src=media,
    )
