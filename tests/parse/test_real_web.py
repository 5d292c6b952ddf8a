"""The real web: structured fields fuzzed, readable pages never refused, the date found on its own.

Every page here is built by these tests. The corpora of real pages are scored
in ``tests/parse/test_corpora.py``.
"""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressreader import Article, ParseError, parse_article
from pressreader.models import FALLBACK_NOTICE
from pressreader.parse.body import first_words, readable
from pressreader.parse.dates import parse_iso_date, visible_dates

STORY = (
    "<p>The Commissioner opened the new station in Rugby on Friday, with officers and residents.</p>"
    "<p>The station will be open to the public six days a week from next month.</p>"
)

# --- 1. never crash: the structured fields, fuzzed --------------------------------------------

EXTREME_DATES = [
    "0000-00-00", "0000-01-01", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00",
    "-0001-01-01", "+275760-09-13T00:00:00Z", "2024-02-30", "2024-13-01", "2024-05-07T23:30:00+14:00",
    "2024-05-07T00:30:00-12:00", "2024-05-07T25:61:00Z", "20240507", "2024-W19-2", "1e400", "NaN", "",
    "   ", "null", "yesterday", "\x00", "\ud800", "2024-05-07" * 10000,
]  # fmt: skip

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(EXTREME_DATES),
    st.text(max_size=40),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["@type", "@graph", "headline", "datePublished", "name", "@value"]),
                        inner, max_size=4),
    ),
    max_leaves=20,
)
article_nodes = st.fixed_dictionaries(
    {"@type": st.one_of(st.sampled_from(["NewsArticle", "Article", "WebPage", "BlogPosting"]), json_values)},
    optional={
        "headline": json_values,
        "datePublished": json_values,
        "dateModified": json_values,
        "@graph": st.lists(json_values, max_size=3),
        "author": json_values,
    },
)
attribute_values = st.one_of(st.sampled_from(EXTREME_DATES), st.text(max_size=60))


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@st.composite
def structured_pages(draw: st.DrawFn) -> str:
    """A page whose JSON-LD, meta tags, <time>, microdata and Open Graph values are extreme or malformed."""
    parts = ["<html><head>"]
    for _ in range(draw(st.integers(0, 2))):
        data = draw(st.one_of(article_nodes, st.lists(article_nodes, max_size=3), json_values))
        text = json.dumps(data, allow_nan=True)
        if draw(st.booleans()):
            text = text[: draw(st.integers(0, len(text)))]  # cut short
        safe = text.replace("</", "<\\/")
        parts.append(f"<script type='application/ld+json'>{safe}</script>")
    for key in draw(st.lists(st.sampled_from([
        "article:published_time", "article:modified_time", "og:title", "og:image", "og:url", "og:locale",
        "date", "dc.date", "description", "og:description", "og:site_name",
    ]), max_size=5)):  # fmt: skip
        parts.append(f'<meta property="{key}" content="{_escape(draw(attribute_values))}">')
    parts.append(f"<title>{_escape(draw(st.text(max_size=80)))}</title></head><body>")
    if draw(st.booleans()):
        parts.append(f"<h1>{_escape(draw(st.text(max_size=80)))}</h1>")
    parts.append(f'<time datetime="{_escape(draw(attribute_values))}">{_escape(draw(attribute_values))}</time>')
    parts.append(f'<span itemprop="datePublished" content="{_escape(draw(attribute_values))}"></span>')
    parts.append(f'<abbr class="published" title="{_escape(draw(attribute_values))}">x</abbr>')
    if draw(st.booleans()):
        parts.append(STORY)
    parts.append("</body></html>")
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured_pages())
def test_structured_fields_never_crash(page: str) -> None:
    try:
        article = parse_article(page, "https://example.org/news/a")
    except ParseError as exc:
        message = str(exc)
        assert message
        return
    assert article.title
    assert article.body
    if article.date is not None:
        assert 1900 <= article.date.year < 2100
    Article.from_json(article.to_json())  # every field survives JSON


@pytest.mark.parametrize("value", EXTREME_DATES)
def test_extreme_dates_in_every_field(value: str) -> None:
    """The real-page crash (OverflowError from a JSON-LD datePublished) and its relatives."""
    escaped = _escape(value)
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "datePublished": value})}'
        f'</script><meta property="article:published_time" content="{escaped}"></head><body><h1>Dates</h1>'
        f'<time datetime="{escaped}">{escaped}</time>{STORY}</body></html>'
    )
    article = parse_article(page)
    assert article.date is None or 1900 <= article.date.year < 2100


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9999-12-31T23:59:59Z", None),  # a placeholder at the end of the calendar, not a date
        ("0001-01-01T00:00:00Z", None),
        ("2024-05-07T23:30:00+14:00", datetime.date(2024, 5, 7)),  # a local time keeps its own date
        ("2024-05-07T23:30:00Z", datetime.date(2024, 5, 8)),  # UTC read in UK summer time
        ("2024-01-07T23:30:00Z", datetime.date(2024, 1, 7)),
    ],
)
def test_iso_date_edges(value: str, expected: datetime.date | None) -> None:
    assert parse_iso_date(value) == expected


# --- 2. never turn away a readable page ------------------------------------------------------


def test_unrecognised_layout_is_a_fallback_not_a_refusal() -> None:
    # Text held only in table cells and list items with no paragraph structure to score.
    page = (
        "<html><head><title>Community meeting - Anytown Watch</title>"
        '<meta property="og:site_name" content="Anytown Watch"></head><body>'
        "<table><tr><td>Residents are invited to a community meeting at the library on Tuesday evening.</td></tr>"
        "<tr><td>Officers will talk about burglaries and answer questions from anyone who comes.</td></tr></table>"
        "</body></html>"
    )
    article = parse_article(page)
    assert article.title == "Community meeting"
    assert any("community meeting" in p for p in article.body)


def test_text_only_in_furniture_is_read_as_a_fallback() -> None:
    # Every container carries a furniture word: the page is still readable.
    page = (
        "<html><body><div class='sidebar-widget'><p>Residents are invited to a community meeting at the "
        "library on Tuesday evening to talk about burglaries.</p><p>Officers will answer questions from "
        "anyone who comes along.</p></div></body></html>"
    )
    article = parse_article(page)
    assert article.extraction == "fallback" or article.body
    assert "community meeting" in article.body[0]


def test_page_with_no_story_root_says_fallback() -> None:
    page = "<html><body>Residents are invited to a meeting on Tuesday.<h2>A page heading</h2></body></html>"
    article = parse_article(page)
    assert article.extraction == "fallback"
    assert article.is_fallback
    assert article.title == "A page heading"
    assert article.body == ("Residents are invited to a meeting on Tuesday.",)


def test_noscript_and_template_markup_are_read_when_nothing_else_is() -> None:
    noscript = f"<html><head><title>Shown without scripts</title></head><body><noscript>{STORY}</noscript></body>"
    assert "new station in Rugby" in parse_article(noscript).body[0]
    template = (
        "<html><head><title>A blog post</title></head><body><script type='text/template'>"
        f"{STORY}</script></body></html>"
    )
    assert "new station in Rugby" in parse_article(template).body[0]


def test_page_drawn_by_scripts_gives_its_description() -> None:
    page = (
        "<html><head><title>Round tablecloth in seven steps | homes</title>"
        '<meta name="description" content="However big your table, a round cloth of your own is easy to make.">'
        "</head><body><div id='app'></div><script>render()</script></body></html>"
    )
    article = parse_article(page)
    assert article.body == ("However big your table, a round cloth of your own is easy to make.",)
    assert article.extraction == "fallback"


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ('<meta property="og:title" content="From Open Graph - Site"><meta property="og:site_name" content="Site">',
         "", "From Open Graph"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From JSON-LD"}</script>',
         "", "From JSON-LD"),
        ("<title>From the title tag | Warwickshire PCC</title>", "", "From the title tag"),
        ("", "<h3>From the first heading</h3>", "From the first heading"),
        ("", "", "The Commissioner opened the new station in Rugby on Friday, with officers and …"),
    ],
)
def test_headline_fallback_chain(head: str, body: str, title: str) -> None:
    article = parse_article(f"<html><head>{head}</head><body>{body}<div>{STORY}</div></body></html>")
    assert article.title == title


def test_the_date_is_found_whatever_becomes_of_the_body() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2023-10-03T10:00:00+01:00"></head>'
        "<body><div class='widget'><div>Residents are invited to a community meeting at the library.</div></div>"
        "</body></html>"
    )
    article = parse_article(page)
    assert article.date == datetime.date(2023, 10, 3)


def test_a_date_shown_only_beside_another_headline_is_not_used() -> None:
    page = (
        "<html><body><h1>Commissioner opens station</h1>" + STORY
        + "<aside><h2>Latest news</h2><ul><li><a href='/b'>Other story</a> <span>14 March 2022</span></li>"
        "</ul></aside></body></html>"
    )
    assert parse_article(page).date is None


@pytest.mark.parametrize(
    ("html", "error"),
    [
        (b"", "empty"),
        (b"<html><body></body></html>", "no readable text"),
        (b"<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>",
         "no readable text"),
        (bytes(range(256)) * 40, "no readable text"),
    ],
)
def test_pages_with_no_readable_text_are_refused(html: bytes, error: str) -> None:
    with pytest.raises(ParseError, match=error):
        parse_article(html)


def test_readable_and_first_words() -> None:
    assert readable("Ffordd newydd i’r orsaf.")
    assert not readable("0123456789 " * 5)
    assert first_words("Short.") == "Short."
    assert len(first_words("word " * 100)) <= 82


def test_fallback_notice_is_plain_language() -> None:
    assert FALLBACK_NOTICE.startswith("This page's layout was not recognised")
    assert visible_dates("no dates here") == set()


def test_fallback_survives_json() -> None:
    article = Article("T", ("Text.",), extraction="fallback")
    assert Article.from_json(article.to_json()).extraction == "fallback"
    assert "extraction" not in Article("T", ("Text.",)).to_dict()
    with pytest.raises(ParseError, match="extraction"):
        Article.from_dict({"title": "T", "body": ["x"], "extraction": "guess"})
    with pytest.raises(ValueError, match="extraction"):
        Article("T", ("x",), extraction="guess")


def test_readers_and_listeners_are_told_of_a_fallback() -> None:
    from pressreader import RenderOptions, render, speech_script

    article = Article("A page", ("Some readable text of the page.",), extraction="fallback")
    for target in ("text", "markdown"):
        assert FALLBACK_NOTICE in " ".join(render(article, target, options=RenderOptions()).split())
    page = render(article, "html", options=RenderOptions())
    assert '<p class="notice" role="note">This page' in page
    assert "layout was not recognised; the text may include other parts of the page.</p>" in page
    spoken = speech_script(article)
    assert [u.kind for u in spoken][:2] == ["title", "notice"]
    assert spoken[1].display == FALLBACK_NOTICE
    located = Article("A page", ("Some readable text of the page.",))
    assert FALLBACK_NOTICE not in render(located, "text", options=RenderOptions())
    assert "notice" not in [u.kind for u in speech_script(located)]


_INTRO = ("<p>This lemon cake is baked in one tray, which makes it easy to share at a village fete or a "
          "school fair, and it keeps well for several days.</p><p>Start the day before, so that the syrup has "
          "time to soak in properly, and use unwaxed lemons if you can find them.</p>")


def test_a_long_list_does_not_become_the_whole_story() -> None:
    """Many list items outscore two paragraphs beside them: the story is what holds the list."""
    items = "".join(f"<li>Step {n}: stir the mixture gently, then leave it to rest.</li>" for n in range(12))
    page = (f"<html><body><h1>Lemon tray bake</h1><div><section><ol>{items}</ol></section>"
            f"<section>{_INTRO}</section></div></body></html>")  # the prose after the list: no standfirst
    article = parse_article(page)
    assert article.body[0].startswith("Step 0")
    assert any(p.startswith("This lemon cake") for p in article.body)


def test_a_story_split_into_wrapped_components_is_read_whole() -> None:
    """A CMS that wraps each part of the story in its own components keeps every part."""
    def part(text: str) -> str:
        return f"<div class='field__item'><div class='paragraph'><div class='text'>{text}</div></div></div>"

    long_part = "".join(f"<p>Paragraph {n} of the main part says what the council decided and why it matters "
                        f"to residents of the town.</p>" for n in range(6))
    page = ("<html><body><h1>Council decides</h1><div class='field__items'>"
            + part(long_part) + part("<p>The second part names who will carry out the work, and when it "
                                     "is due to start next spring.</p>") + "</div></body></html>")
    article = parse_article(page)
    assert any(p.startswith("The second part") for p in article.body)
    assert article.body[0].startswith("Paragraph 0")


def test_ruby_readings_are_not_read_into_the_text() -> None:
    page = ("<html><body><h1>News</h1><p><ruby>子<rt>こ</rt></ruby>どもへの"
            "<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt>"
            "<rp>)</rp></ruby>をなくすための法律ができて、親が子どもを教育するために、たたいたり蹴ったりする"
            "体罰を禁止することになりました。</p></body></html>")
    assert parse_article(page).body[0].startswith("子どもへの虐待をなくすための法律")


def test_a_dialog_is_furniture() -> None:
    """A pop-up of many short punctuated lines outscores a story of two long paragraphs, but is no story."""
    story = "".join(f"<p>{'The council has agreed a new plan for the town centre, ' * 25}and work starts soon.</p>"
                    for _ in range(2))
    dialog = "<div class='dialog__scroll'>" + "<p>Sign up, save, share, and get offers.</p>" * 6 + "</div>"
    page = f"<html><body><h1>Town plan</h1>{dialog}<main><div class='the-content'>{story}</div></main></body></html>"
    article = parse_article(page)
    assert article.body[0].startswith("The council has agreed")
    assert not any("Sign up" in p for p in article.body)


def test_text_is_given_in_one_unicode_form() -> None:
    """NFC, the W3C's form for the web: "য়" written as one code point or two is the same text."""
    composed, decomposed = "\u09df", "\u09af\u09bc"  # NFC is the two code points (U+09DF is excluded)
    page = (f"<html><head><title>Caf\u0065\u0301 {composed}</title></head><body><h1>Cafe\u0301 news {composed}</h1>"
            f"<p>Kushtia{composed} residents met at the cafe\u0301 to talk about the new road plans today.</p>"
            "</body></html>")
    article = parse_article(page)
    assert article.title == f"Caf\u00e9 news {decomposed}"
    said = f"Kushtia{decomposed} residents met at the caf\u00e9 to talk about the new road plans today."
    assert article.body[0] == said


def test_repeated_components_beside_the_story_are_read_too() -> None:
    """A thread's posts, or a CMS's content elements, are parts alike: each with prose is the story."""
    def post(text: str) -> str:
        return (f"<article class='message'><div class='user'>Member</div><div class='message-body'>"
                f"<div class='text'><p>{text}</p></div></div></article>")

    first = "Our cat sheds a lot of dust at night, and we wonder whether the food is to blame, or the season. " * 4
    page = ("<html><body><h1>Dust from the fur every night</h1><div class='thread'>"
            + post(first)
            + post("Brush him every evening, and try a food with more oil in it, which helped our old tom.")
            + post("A vet can check his skin as well, since dry skin gives just this kind of dust.")
            + "</div><aside><p>Related threads, offers, and other news you may like to read today.</p></aside>"
            "</body></html>")
    article = parse_article(page)
    assert any(p.startswith("Brush him") for p in article.body)
    assert any(p.startswith("A vet can") for p in article.body)
    assert not any("Related threads" in p for p in article.body)
