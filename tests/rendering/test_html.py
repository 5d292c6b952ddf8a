"""The reader view's structure and safety, checked on the HTML itself (no browser)."""

from __future__ import annotations

import base64
import datetime
import hashlib
import re

import lxml.html
import pytest

from pressreader.errors import RenderError
from pressreader.models import Article, Image, Quote, Source
from pressreader.rendering import RenderOptions, render, render_index
from pressreader.rendering._css import THEMES

from tests.pages import BILINGUAL, expected_article

HOSTILE = '</title><script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


def contrast(a: str, b: str) -> float:
    def lum(h: str) -> float:
        rgb = [int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", list(THEMES))
def test_theme_colours_meet_7_to_1(theme: str) -> None:
    colours = THEMES[theme]
    for name in ("fg", "muted", "link"):
        assert contrast(colours[name], colours["bg"]) >= 7, name
    for name in ("focus", "rule"):
        assert contrast(colours[name], colours["bg"]) >= 3, name


def hostile_article() -> Article:
    return Article(
        title=HOSTILE,
        body=(HOSTILE, "Plain."),
        url="javascript:alert(1)",
        quotes=(Quote(HOSTILE, HOSTILE, HOSTILE, (0,)),),
        source=Source(HOSTILE, "x", "x"),
        lead_image=Image('" onerror="alert(1)', HOSTILE),
        notes=(HOSTILE,),
        language='en" onload="alert(1)',
    )


@pytest.mark.parametrize("target", ["html"])
def test_hostile_text_is_escaped(target: str) -> None:
    page = render(hostile_article(), target)
    tree = lxml.html.document_fromstring(page)
    assert len(tree.xpath("//script")) == 1  # only our own
    assert tree.xpath("//img") == []
    assert not [el for el in tree.iter() if any(a.startswith("on") for a in el.attrib)]
    assert "javascript:" not in " ".join(tree.xpath("//a/@href"))
    assert tree.findtext(".//title").startswith(HOSTILE)
    assert tree.xpath("string(//h1)") == HOSTILE
    assert tree.get("lang") == 'en" onload="alert(1)'


def test_hostile_index_is_escaped() -> None:
    tree = lxml.html.document_fromstring(render_index([hostile_article()]))
    assert len(tree.xpath("//script")) == 1
    assert tree.xpath("string(//h2/a)") == HOSTILE


def test_control_characters_are_dropped() -> None:
    page = render(Article("T\x00itle", ("a\x1b[31mb\x07",)), "html")
    assert "\x00" not in page
    assert "\x1b" not in page
    assert "\x07" not in page


def test_landmarks_headings_and_time() -> None:
    article = Article(
        "PCC visits Rugby",
        ("Intro.", "He said:", "“One.", "“Two.”"),
        date=datetime.date(2018, 3, 22),
        updated=datetime.date(2018, 3, 23),
        quotes=(Quote("One.\nTwo.", "Philip Seccombe", "Warwickshire Police and Crime Commissioner", (2, 3)),),
        source=Source("Warwickshire Police and Crime Commissioner", "Warwickshire", "warwickshire-pcc.gov.uk"),
        url="https://www.warwickshire-pcc.gov.uk/pcc-visits-rugby/",
        notes=("Ends.",),
    )
    tree = lxml.html.document_fromstring(render(article, "html", options=RenderOptions(size="large")))
    assert tree.get("lang") == "en-GB"
    assert tree.get("data-size") == "large"
    assert tree.findtext(".//title") == "PCC visits Rugby – Warwickshire Police and Crime Commissioner"
    for landmark in ("header", "main", "footer"):
        assert len(tree.xpath(f"//{landmark}")) == 1
    assert tree.xpath("//main//article/h1/text()") == ["PCC visits Rugby"]
    assert [h.tag for h in tree.xpath("//h1|//h2|//h3|//h4")] == ["h1", "h2"]
    assert tree.xpath("//time/@datetime") == ["2018-03-22", "2018-03-23"]
    assert tree.xpath("string(//time[1])") == "Thursday 22 March 2018"
    skip = tree.xpath("//body/*[1]")[0]
    assert skip.tag == "a"
    assert skip.get("href") == "#main"
    assert tree.xpath("//main/@id") == ["main"]
    (figure,) = tree.xpath("//figure")
    assert figure.xpath("./blockquote/p/text()") == ["“One.", "“Two.”"]
    assert " ".join(figure.xpath("string(./figcaption)").split()) == (
        "— Philip Seccombe, Warwickshire Police and Crime Commissioner"
    )
    (source,) = tree.xpath("//p[@class='source']/a")
    assert source.get("href") == article.url
    assert "warwickshire-pcc.gov.uk" in source.text_content()


def test_text_size_and_theme_buttons() -> None:
    tree = lxml.html.document_fromstring(render(Article("T", ("b",)), "html", options=RenderOptions(size="large")))
    (controls,) = tree.xpath("//*[@id='controls']")
    assert controls.get("hidden") is not None  # shown by the script only: usable with JS off
    buttons = tree.xpath("//button[@data-size]")
    names = [
        " ".join([*b.xpath("string(.//*[@class='vh'])").split(), b.xpath("string(text()[last()])")]) for b in buttons
    ]
    assert names == ["Text size: standard", "Text size: large", "Text size: largest"]
    assert [b.get("aria-pressed") for b in buttons] == ["false", "true", "false"]
    assert all(b.get("type") == "button" for b in tree.xpath("//button"))
    assert [b.get("data-theme") for b in tree.xpath("//button[@data-theme]")] == list(THEMES)


def test_numeric_size_is_the_css_default_and_no_button_is_pressed() -> None:
    page = render(Article("T", ("b",)), "html", options=RenderOptions(size=3.25))
    tree = lxml.html.document_fromstring(page)
    assert tree.get("data-size") == "custom"
    assert "--size: 3.25rem;" in page
    assert {b.get("aria-pressed") for b in tree.xpath("//button[@data-size]")} == {"false"}


def test_content_security_policy_allows_only_our_inline_code() -> None:
    page = render(Article("T", ("b",)), "html")
    tree = lxml.html.document_fromstring(page)
    (csp,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        source = re.search(f"<{tag}>(.*?)</{tag}>", page, re.S)
        assert source is not None
        digest = base64.b64encode(hashlib.sha256(source.group(1).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing to fetch


def test_remote_lead_image_is_a_link_not_an_image() -> None:
    article = Article("T", ("b",), lead_image=Image("https://example.org/logo.png", "HMICFRS Logo"))
    tree = lxml.html.document_fromstring(render(article, "html"))
    assert tree.xpath("//img") == []
    (link,) = tree.xpath("//p[@class='lead-image']/a")
    assert link.get("href") == "https://example.org/logo.png"
    assert link.text == "HMICFRS Logo"


def test_inline_lead_image_keeps_its_alt_text() -> None:
    data = "data:image/png;base64,iVBORw0KGgo="
    tree = lxml.html.document_fromstring(render(Article("T", ("b",), lead_image=Image(data, "A dot")), "html"))
    (img,) = tree.xpath("//img")
    assert img.get("src") == data
    assert img.get("alt") == "A dot"


def test_welsh_article_is_marked_welsh() -> None:
    tree = lxml.html.document_fromstring(render(Article("Newyddion", ("Testun.",), language="cy"), "html"))
    assert tree.get("lang") == "cy"


def test_welsh_passages_are_marked_welsh() -> None:
    """WCAG 3.1.2: in an English release, each Welsh paragraph (quoted or not) carries lang="cy"."""
    article = expected_article(BILINGUAL)
    tree = lxml.html.document_fromstring(render(article, "html"))
    assert tree.get("lang") == "en"
    welsh = dict(article.paragraph_languages)
    paragraphs = {" ".join(p.text_content().split()): p for p in tree.xpath("//article//p")}
    for index, text in enumerate(article.body):
        assert paragraphs[text].get("lang") == welsh.get(index), text
    assert tree.xpath("//blockquote/p[@lang='cy']")  # the Welsh quote too


def test_part_languages_never_repeat_the_page_language_or_break_markup() -> None:
    article = Article(
        "T", ("One.", "Dau.", "Three."), language="cy",
        paragraph_languages=((0, "en"), (1, "CY"), (2, 'en" onclick="x'), (7, "fr")),
    )  # fmt: skip
    tree = lxml.html.document_fromstring(render(article, "html"))
    assert [p.get("lang") for p in tree.xpath("//article/p[not(@class)]")] == ["en", None, None]


def test_typography_numbers() -> None:
    page = render(Article("T", ("b",)), "html", options=RenderOptions(line_spacing=1.8, measure=60))
    assert "--lh: 1.8;" in page
    assert "--measure: 60ch;" in page
    assert "calc(var(--lh) * 1.5em)" in page  # paragraph spacing 1.5 × line spacing
    assert "justify" not in page
    assert "@media print" in page
    assert "prefers-reduced-motion" in page
    assert "prefers-color-scheme" in page
    assert "min-height: 44px" in page
    assert "min-width: 44px" in page


def test_index_lists_site_date_title_speakers_and_links() -> None:
    a = Article(
        "PCC visits Rugby",
        ("Ann said: “Hi.”",),
        date=datetime.date(2024, 5, 7),
        quotes=(Quote("Hi.", "Ann Lee", "PCC", (0,)), Quote("Yo.", "Bob Roe"), Quote("Hi.", "Ann Lee")),
        source=Source("Kent Police and Crime Commissioner", "Kent", "kent-pcc.gov.uk"),
    )
    b = Article("PCC visits Rugby", ("Again.",), language="cy")
    tree = lxml.html.document_fromstring(render_index([a, b]))
    assert tree.xpath("//li/h2/a/@href") == ["2024-05-07-pcc-visits-rugby.html", "pcc-visits-rugby.html"]
    first = " ".join(tree.xpath("string(//li[1])").split())
    assert "Thursday" not in first
    assert "Tuesday 7 May 2024" in first
    assert "Kent Police and Crime Commissioner" in first
    assert "Quoting Ann Lee and Bob Roe." in first
    assert tree.xpath("//li[2]/@lang") == ["cy"]
    assert tree.xpath("//h1/text()") == ["Press releases"]


def test_index_refuses_an_untitled_article() -> None:
    with pytest.raises(RenderError, match="article 2 of the index has no title"):
        render_index([Article("T", ("b",)), Article("", ("b",))])


def test_empty_index() -> None:
    tree = lxml.html.document_fromstring(render_index([]))
    assert tree.xpath("//ul") == []
    assert "0 press releases." in tree.text_content()
