"""Article links from listing pages of different shapes (pure: no server needed)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressreader.web.discovery import FeedError, parse_feed
from pressreader.web.listing import is_article_url, listing_links, page_number

BASE = "https://www.pcc.example/news/"

MENU = (
    '<div class="site-nav"><ul class="menu"><li><a href="/about-the-pcc/">About the Commissioner</a></li>'
    '<li><a href="/contact-us/">Contact us about policing</a></li>'
    '<li><a href="/police-and-crime-plan/">Police and crime plan for the county</a></li></ul></div>'
)


def _urls(page: str, url: str = BASE) -> list[str]:
    return [item.url for item in listing_links(page, url).items]


@pytest.mark.parametrize(
    ("name", "page", "expected"),
    [
        (
            "wordpress articles with entry headers",
            "<main>"
            + "".join(
                f'<article class="post-{i} post"><header class="entry-header"><h2 class="entry-title">'
                f'<a href="/news/story-{i}/">The story number {i} headline</a></h2></header>'
                f'<footer class="entry-footer"><a href="/category/news/">News</a></footer></article>'
                for i in range(3)
            )
            + "</main>",
            [f"https://www.pcc.example/news/story-{i}/" for i in range(3)],
        ),
        (
            "table rows with dates",
            "<table>"
            + "".join(
                f'<tr><td>{d} March 2023</td><td><a href="/News/PR-{d}.aspx">Release {d}</a></td></tr>'
                for d in (9, 8, 7)
            )
            + "</table>",
            [f"https://www.pcc.example/News/PR-{d}.aspx" for d in (9, 8, 7)],
        ),
        (
            "cards without headings or dates but long titles",
            "".join(
                f'<div class="card"><a class="card-link" href="/news/c{i}">Commissioner opens a new community '
                f"hub number {i}</a></div>"
                for i in range(4)
            ),
            [f"https://www.pcc.example/news/c{i}" for i in range(4)],
        ),
        (
            "an ordinary page has no article list",
            "<main><h1>About us</h1><p>We are the office of the PCC.</p>"
            '<p><a href="/contact/">Contact</a> <a href="/jobs/">Jobs</a></p></main>',
            [],
        ),
    ],
)
def test_listing_shapes(name: str, page: str, expected: list[str]) -> None:
    html = f"<html><body><header>{MENU}</header>{page}<footer>{MENU}</footer></body></html>"
    assert _urls(html) == expected, name


def test_menu_outside_nav_is_not_taken_for_news() -> None:
    items = "".join(
        f'<li class="news-item"><h3><a href="/news/s{i}/">Story {i} about local policing</a></h3>'
        f"<span>{i + 1} May 2024</span></li>"
        for i in range(2)
    )
    page = f"<html><body>{MENU}<ul class='news'>{items}</ul></body></html>"
    found = listing_links(page, BASE)
    assert [i.url for i in found.items] == ["https://www.pcc.example/news/s0/", "https://www.pcc.example/news/s1/"]
    assert found.items[1].date == datetime.date(2024, 5, 2)


def test_signature_recognises_a_single_item_last_page() -> None:
    def page(n: int) -> str:
        rows = "".join(
            f'<div class="newsItem"><h3><a href="/n/{n}-{i}.aspx">Item {n} {i} title here</a></h3></div>'
            for i in range(n)
        )
        return f"<html><body>{rows}<a href='/n/about.aspx'>About</a></body></html>"

    first = listing_links(page(3), BASE)
    last = listing_links(page(1), BASE + "?page=3", signature=first.signature)
    assert [i.url for i in last.items] == ["https://www.pcc.example/n/1-0.aspx"]
    assert listing_links(page(1), BASE).items == ()  # alone, one link is no pattern


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.pcc.example/news/a-story/", True),
        ("https://pcc.example/2024/05/a-story/", True),
        ("https://www.pcc.example/?p=123", True),
        ("https://www.pcc.example/tag/x/", False),
        ("https://www.pcc.example/category/news/", False),
        ("https://www.pcc.example/author/jane/", False),
        ("https://www.pcc.example/news/page/2/", False),
        ("https://www.pcc.example/news/?page=2", False),
        ("https://www.pcc.example/wp-content/uploads/plan.pdf", False),
        ("https://www.pcc.example/images/photo.JPG", False),
        ("https://www.pcc.example/", False),
        ("https://www.pcc.example/news/", False),
        ("mailto:pcc@pcc.example", False),
        ("javascript:void(0)", False),
        ("https://twitter.example/pcc", False),
    ],
)
def test_article_url_filter(url: str, expected: bool) -> None:
    assert is_article_url(url, BASE) is expected


@pytest.mark.parametrize(
    ("url", "n"),
    [("https://x/news/page/7/", 7), ("https://x/n.aspx?page=3", 3), ("https://x/?paged=4", 4), ("https://x/n", 1)],
)
def test_page_number(url: str, n: int) -> None:
    assert page_number(url) == n


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_listing_or_nothing(data: bytes) -> None:
    found = listing_links(data, BASE)
    assert all(is_article_url(i.url, BASE) for i in found.items)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_feed_or_feed_error(data: bytes) -> None:
    try:
        links = parse_feed(data, "https://pcc.example/feed/")
    except FeedError:
        return
    assert isinstance(links, list)
