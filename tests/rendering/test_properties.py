"""Laws every renderer keeps, checked on generated articles (hypothesis).

- No body paragraph and no quote is lost, duplicated or reordered, in any target.
- No line of the text and terminal targets is wider than ``options.width``
  (widths counted in code points; see the report on East Asian wide characters).
- With ``color=False`` there is never an escape code.
"""

from __future__ import annotations

import datetime
import re

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from pressreader.models import Article, Quote, Source
from pressreader.rendering import RenderOptions, render
from pressreader.rendering._layout import blocks

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# Printable text: no surrogates and no control characters (the HTML target drops those).
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() != "")
names = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs")), min_size=1, max_size=30)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    body = tuple(draw(st.lists(text, min_size=1, max_size=8)))
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(body) - 1))
        stop = draw(st.integers(start, min(len(body) - 1, start + 3)))
        speaker = draw(st.one_of(st.none(), names.filter(lambda s: s.strip() != "")))
        role = draw(st.one_of(st.none(), names))
        quotes.append(Quote("\n".join(body[start : stop + 1]), speaker, role, tuple(range(start, stop + 1))))
    return Article(
        title=draw(text),
        body=body,
        date=draw(st.one_of(st.none(), st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 1, 1)))),
        quotes=tuple(quotes),
        source=draw(
            st.one_of(st.none(), st.just(Source("Kent Police and Crime Commissioner", "Kent", "kent-pcc.gov.uk")))
        ),
        notes=tuple(draw(st.lists(text, max_size=2))),
        url=draw(st.one_of(st.none(), st.just("https://www.kent-pcc.gov.uk/news/a-story/"))),
    )


options = st.builds(
    RenderOptions,
    size=st.one_of(st.sampled_from(["standard", "large", "largest"]), st.floats(1.0, 4.0)),
    width=st.integers(20, 160),
    measure=st.integers(20, 120),
    color=st.booleans(),
)


def squash(value: str) -> str:
    return "".join(value.split())


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        assert found >= 0, f"{needle!r} missing or out of order"
        position = found + len(needle)


def expected_sequence(article: Article) -> list[str]:
    """The body paragraphs in order, each quote block's speakers after its paragraphs' first one."""
    return [squash(p) for p in article.body]


@settings(max_examples=150, deadline=None)
@given(articles(), options)
def test_text_targets_keep_every_paragraph_and_fit_the_width(article: Article, opts: RenderOptions) -> None:
    for target in ("text", "terminal"):
        output = render(article, target, options=opts)
        if target == "text" or not opts.color:
            assert "\x1b" not in output
        plain = ANSI.sub("", output)
        for line in plain.splitlines():
            assert len(line) <= opts.width, (target, line)
        assert_in_order(squash(plain), [squash(article.title), *expected_sequence(article)])
        for block in blocks(article):
            if block.quotes:
                for quote in block.quotes:
                    if quote.speaker:
                        assert squash(quote.speaker) in squash(plain)


@settings(max_examples=150, deadline=None)
@given(articles())
def test_markdown_keeps_every_paragraph(article: Article) -> None:
    output = render(article, "markdown")
    unescaped = MD_ESCAPE.sub(r"\1", output)
    assert_in_order(squash(unescaped), [squash(article.title), *expected_sequence(article)])


@settings(max_examples=150, deadline=None)
@given(articles(), options)
def test_html_keeps_every_paragraph_and_quote_once(article: Article, opts: RenderOptions) -> None:
    page = lxml.html.document_fromstring(render(article, "html", options=opts))
    story = page.xpath("//article//p[not(@class)][not(ancestor::section)]")
    assert [" ".join(p.text_content().split()) for p in story] == [" ".join(p.split()) for p in article.body]
    assert [" ".join(p.text_content().split()) for p in page.xpath("//section//p")] == [
        " ".join(p.split()) for p in article.notes
    ]
    (h1,) = page.xpath("//h1")
    assert " ".join(h1.text_content().split()) == " ".join(article.title.split())
    figures = page.xpath("//figure[contains(@class, 'quote')]")
    quoted = [b for b in blocks(article) if b.quotes]
    assert len(figures) == len(quoted)
    for figure, block in zip(figures, quoted, strict=True):
        inside = [" ".join(p.text_content().split()) for p in figure.xpath(".//blockquote/p")]
        assert inside == [" ".join(p.split()) for p in block.paragraphs]
        caption = figure.xpath("string(.//figcaption)")
        for quote in block.quotes:
            if quote.speaker:
                assert " ".join(quote.speaker.split()) in " ".join(caption.split())
