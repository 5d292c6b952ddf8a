"""What every renderer shares: the article laid out as blocks, dates, attributions, wrapping.

Each target module turns the same :func:`blocks` into its own markup, so no
renderer decides on its own which paragraphs belong to which quote.

    >>> import datetime
    >>> long_date(datetime.date(2018, 3, 22))
    'Thursday 22 March 2018'
    >>> from pressreader.models import Quote
    >>> attribution(Quote("…", "Philip Seccombe", "Warwickshire Police and Crime Commissioner"))
    'Philip Seccombe, Warwickshire Police and Crime Commissioner'
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import RenderError
from ..models import FALLBACK_NOTICE, Article, Quote, clean_text
from .options import NAMED_SIZES, RenderOptions

__all__ = [
    "Block",
    "article_filename",
    "article_filenames",
    "attribution",
    "blocks",
    "byline",
    "domain",
    "line_length",
    "long_date",
    "part_languages",
    "printable",
    "safe_url",
    "site_name",
    "speakers",
    "spoken_by",
    "wrap",
]

_STANDARD_REM = NAMED_SIZES["standard"]




_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


def part_languages(article: Article) -> dict[int, str]:
    """The body paragraphs in another language than the article's, by index (WCAG 3.1.2).

    Only well-formed language tags and indices inside the body are kept, so a
    renderer can write them into a ``lang`` attribute as they are.

    >>> a = Article("T", ("One.", "Dau.", "Tri."), language="en-GB",
    ...             paragraph_languages=((1, "cy"), (2, 'x" onload="'), (9, "cy")))
    >>> part_languages(a)
    {1: 'cy'}
    """
    page = (article.language or "en-GB").lower()
    return {
        index: tag
        for index, tag in article.paragraph_languages
        if _LANG_TAG.fullmatch(tag) and tag.lower() != page and 0 <= index < len(article.body)
    }


def printable(text: str) -> str:
    """``text`` without control characters (other than tab and newline), lone surrogates or noncharacters.

    Article text comes from the web: an escape character reaching a terminal
    could rewrite the screen, and the HTML and UTF-8 files cannot hold them.

    >>> printable("Bold\\x1b[1m text\\x00\\ufffe")
    'Bold[1m text'
    """
    return clean_text(text)  # the one rule, on the ground: every Article applies it too


def long_date(day: datetime.date) -> str:
    """A date written out as a reader says it, day of the week first.

    >>> long_date(datetime.date(2024, 5, 7))
    'Tuesday 7 May 2024'
    """
    return f"{day:%A} {day.day} {day:%B %Y}"


def attribution(quote: Quote) -> str:
    """Who said a quote: "Name, Role", or whichever of the two is known.

    >>> attribution(Quote("…", None, "Chief Constable"))
    'Chief Constable'
    >>> attribution(Quote("…", None))
    'an unnamed speaker'
    """
    parts = [p.strip() for p in (quote.speaker, quote.role) if p and p.strip()]
    return ", ".join(parts) if parts else "an unnamed speaker"


def spoken_by(quotes: Sequence[Quote]) -> str:
    """Who said a quote block: each attribution, joined with "and".

    >>> spoken_by([Quote("…", "Ann Lee", "PCC"), Quote("…", "Bob Roe")])
    'Ann Lee, PCC and Bob Roe'
    """
    return " and ".join(attribution(q) for q in quotes)


def speakers(article: Article) -> list[str]:
    """The distinct named speakers of an article's quotes, in order of first appearance.

    >>> from pressreader.models import Article
    >>> speakers(Article("T", ("a", "b"), quotes=(Quote("a", "Ann"), Quote("b", None), Quote("b", "Ann"))))
    ['Ann']
    """
    seen: dict[str, None] = {}
    for quote in article.quotes:
        if quote.speaker and quote.speaker.strip():
            seen.setdefault(quote.speaker.strip(), None)
    return list(seen)


def site_name(article: Article) -> str | None:
    """The publisher's name, else the domain of the article's URL, else ``None``.

    >>> from pressreader.models import Article
    >>> site_name(Article("T", ("a",), url="https://www.kent-pcc.gov.uk/news/x"))
    'kent-pcc.gov.uk'
    """
    if article.source is not None:
        return article.source.name
    url = safe_url(article.key)
    if url is None:
        return None
    return domain(url) or None


def byline(article: Article) -> list[str]:
    """The lines under the headline: date written out, update date, publisher.

    >>> import datetime
    >>> from pressreader.models import Article
    >>> byline(Article("T", ("a",), date=datetime.date(2018, 3, 22), url="https://www.kent-pcc.gov.uk/x"))
    ['Thursday 22 March 2018', 'kent-pcc.gov.uk']
    """
    items = []
    if article.date is not None:
        items.append(long_date(article.date))
    if article.updated is not None and article.updated != article.date:
        items.append(f"Updated {long_date(article.updated)}")
    site = site_name(article)
    if site:
        items.append(site)
    if article.is_fallback:
        items.append(FALLBACK_NOTICE)
    return items


def domain(url: str) -> str:
    """The host name of ``url`` without "www.".

    >>> domain("https://www.warwickshire-pcc.gov.uk/news/")
    'warwickshire-pcc.gov.uk'
    """
    return (urlsplit(url).hostname or "").removeprefix("www.")


def safe_url(url: str | None, *, allow_data_image: bool = False) -> str | None:
    """``url`` if it is an http(s) URL (or a data: image, when allowed), else ``None``.

    Article text comes from the web: a ``javascript:`` link must never be rendered.

    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url(" https://example.org/a ")
    'https://example.org/a'
    """
    if url is None:
        return None
    url = url.strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme in ("http", "https") and urlsplit(url).netloc:
        return url
    if allow_data_image and url.lower().startswith("data:image/") and not url.lower().startswith("data:image/svg"):
        return url
    return None


@dataclass(frozen=True, slots=True)
class Block:
    """A run of body paragraphs shown together.

    ``quotes`` is empty for ordinary paragraphs; otherwise the run is quoted
    speech from every quote listed (usually one). ``indices`` are positions in
    ``Article.body`` and ``paragraphs`` their text, so nothing is duplicated;
    a quote found nowhere in the body has no indices and its own lines as text.
    """

    indices: tuple[int, ...]
    paragraphs: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()


def blocks(article: Article) -> list[Block]:
    """The article body as blocks, every paragraph exactly once and in order.

    Consecutive paragraphs claimed by the same quote(s) form one quote block; a
    quote whose paragraphs are not consecutive gives one block per run. A quote
    with no paragraph indices is placed at the first paragraph containing its
    first line; failing that it gets a block of its own after the body (with
    empty ``indices``), so no quote is lost. Indices outside the body raise
    :class:`RenderError`.

    >>> from pressreader.models import Article
    >>> a = Article("T", ("Intro.", "He said:", "“One.", "“Two.”"),
    ...             quotes=(Quote("One.\\nTwo.", "Ann", None, (2, 3)),))
    >>> [(b.indices, bool(b.quotes)) for b in blocks(a)]
    [((0,), False), ((1,), False), ((2, 3), True)]
    """
    claims: list[list[Quote]] = [[] for _ in article.body]
    unplaced: list[Quote] = []
    for number, quote in enumerate(article.quotes, start=1):
        indices = _quote_indices(article, quote)
        if not indices:
            unplaced.append(quote)
        for index in indices:
            if not 0 <= index < len(article.body):
                raise RenderError(
                    f"quote {number} ({attribution(quote)}) points at paragraph {index}, "
                    f"but the article has {len(article.body)} paragraphs"
                )
            if quote not in claims[index]:
                claims[index].append(quote)
    result: list[Block] = []
    for index, text in enumerate(article.body):
        owners = tuple(claims[index])
        previous = result[-1] if result else None
        if previous is not None and owners and previous.quotes == owners:
            result[-1] = Block((*previous.indices, index), (*previous.paragraphs, text), owners)
        else:
            result.append(Block((index,), (text,), owners))
    for quote in unplaced:
        lines = tuple(line.strip() for line in quote.text.splitlines() if line.strip())
        if lines:
            result.append(Block((), lines, (quote,)))
    return result


def _quote_indices(article: Article, quote: Quote) -> tuple[int, ...]:
    if quote.paragraphs:
        return quote.paragraphs
    first = next((line.strip() for line in quote.text.splitlines() if line.strip()), "")
    if first:
        for index, paragraph in enumerate(article.body):
            if first in paragraph:
                return (index,)
    return ()


def line_length(options: RenderOptions) -> int:
    """The longest line of the text targets for these options.

    ``options.width`` is taken as the columns of a page or terminal set for
    standard-size (14 pt) print. At a larger size fewer characters fit, so the
    line shrinks in proportion: ``width × 1.167 / size_rem``. It is then capped
    at ``options.measure``, and never exceeds ``width`` nor goes below
    ``min(width, 20)``.

    >>> line_length(RenderOptions())            # 80 columns, capped at the 70 measure
    70
    >>> line_length(RenderOptions(size="large")), line_length(RenderOptions(size="largest"))
    (62, 46)
    >>> line_length(RenderOptions(size=4.0, width=40))
    20
    """
    scaled = int(options.width * _STANDARD_REM / options.size_rem + 1e-9)
    return max(min(options.width, 20), min(options.width, options.measure, scaled))


def wrap(text: str, width: int, *, indent: str = "") -> list[str]:
    """Wrap one paragraph to ``width`` columns, every line starting with ``indent``.

    Words are broken only when a single word is longer than the line (a long
    URL, say), so no line is ever wider than ``width``; such a word is cut
    after a ``/``, ``-`` or other separator where there is one, so a web
    address reads in whole parts. Line breaks inside the paragraph are kept.

    >>> wrap("The Commissioner visited Rugby today.", 20)
    ['The Commissioner', 'visited Rugby today.']
    >>> wrap("abcdefghij", 6, indent="  ")
    ['  abcd', '  efgh', '  ij']
    >>> wrap("Source: https://www.kent-pcc.gov.uk/news/matthew-scott-is-elected-pcc-for-kent/", 40)
    ['Source: https://www.kent-pcc.gov.uk/', 'news/matthew-scott-is-elected-pcc-for-', 'kent/']
    """
    room = width - len(indent)
    if room < 1:
        raise RenderError(f"a width of {width} leaves no room for text after the indent {indent!r}")
    lines: list[str] = []
    for part in printable(text).splitlines() or [""]:
        lines.extend(indent + line for line in _fill(part.split(), room))
    return lines


# A word longer than a line is cut after one of these (the parts of a web address), in this order of preference.
_CUT_AFTER = ("/", "-", "?&=._,;:")


def _cut(word: str, limit: int) -> int:
    """Where to cut ``word`` so its first part has at most ``limit`` characters, or 0 when no good place.

    Just after the last ``/`` in reach, else the last ``-``, else another separator, as long as the
    part is at least a third of ``limit`` long (a line is not ended after two characters).
    """
    least = max(1, limit // 3)
    for separators in _CUT_AFTER:
        cut = max(word.rfind(ch, 0, limit) for ch in separators) + 1
        if cut >= least:
            return cut
    return 0


def _pieces(word: str, room: int) -> list[str]:
    """``word`` in parts of at most ``room`` characters, each ending at a separator where one is near."""
    out = []
    while len(word) > room:
        cut = _cut(word, room) or room  # no separator near: cut where the line is full
        out.append(word[:cut])
        word = word[cut:]
    out.append(word)
    return out


def _fill(words: list[str], room: int) -> list[str]:
    """Greedy line filling: as many words as fit, one space between them; over-long words cut into parts."""
    lines: list[str] = []
    line = ""
    for word in words:
        if line and len(line) + 1 + len(word) <= room:
            line = f"{line} {word}"
            continue
        if len(word) > room and line:
            first = _cut(word, room - len(line) - 1) if room - len(line) > 1 else 0  # ends this line
            if first:
                line, word = f"{line} {word[:first]}", word[first:]
        if line:
            lines.append(line)
        *full, line = _pieces(word, room)
        lines.extend(full)
    lines.append(line)
    return lines


def article_filename(article: Article) -> str:
    """A stable, safe file name for an article's reader page: ``YYYY-MM-DD-title-words.html``.

    The title is reduced to lower-case ASCII letters and digits joined by
    hyphens (at most 60 characters, cut at a word boundary); the date is
    left out when unknown; an empty result becomes ``article``.

    >>> from pressreader.models import Article
    >>> article_filename(Article("PCC responds to latest inspection report!", ("x",),
    ...                          date=datetime.date(2018, 3, 22)))
    '2018-03-22-pcc-responds-to-latest-inspection-report.html'
    >>> article_filename(Article("</title><script>", ("x",)))
    'title-script.html'
    """
    ascii_title = unicodedata.normalize("NFKD", article.title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > 60:
            break
        slug = candidate
    if not slug:
        slug = words[0][:60] if words else "article"
    if article.date is not None:
        slug = f"{article.date.isoformat()}-{slug}"
    return f"{slug}.html"


def article_filenames(articles: Iterable[Article]) -> list[str]:
    """:func:`article_filename` for each article, made unique by ``-2``, ``-3``… in order.

    >>> from pressreader.models import Article
    >>> article_filenames([Article("News", ("a",)), Article("News", ("b",))])
    ['news.html', 'news-2.html']
    """
    used: set[str] = set()
    names: list[str] = []
    for article in articles:
        base = article_filename(article).removesuffix(".html")
        name, n = f"{base}.html", 1
        while name in used:
            n += 1
            name = f"{base}-{n}.html"
        used.add(name)
        names.append(name)
    return names


def join_nonempty(parts: Sequence[str | None], sep: str) -> str:
    """Join the parts that are not ``None`` or empty.

    >>> join_nonempty(["a", None, "", "b"], ", ")
    'a, b'
    """
    return sep.join(p for p in parts if p)
